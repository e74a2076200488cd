// The emulator through raw requests, with no client in between: routing, authentication, the
// server-side validation codes (which the client would catch before sending), listing and pages,
// and the single-record routes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEmulator, ConfigurationError } from '../../pkg/src/node.mjs';
import { ZONE, TOKEN, BASE, call, firstError, rawBatch } from './support/emulator.mjs';

const records = `/zones/${ZONE}/dns_records`;
const a = (name, content = '192.0.2.1', extra = {}) => ({ type: 'A', name, content, ttl: 1, ...extra });

test('authentication: none or an empty bearer is 401, an unknown token 403, both code 10000', async () => {
  const open = createEmulator();
  for (const headers of [{}, { authorization: 'Bearer ' }, { 'x-auth-email': 'ops@example.com' }, { 'x-auth-email': 'ops@example.com', 'x-auth-key': ' ' }]) {
    const res = await call(open, 'GET', records, undefined, headers);
    assert.deepEqual([res.status, res.body.errors[0].code, res.body.errors[0].message], [401, 10000, 'Authentication error'], JSON.stringify(headers));
  }
  assert.equal((await call(open, 'GET', records, undefined, { authorization: 'Bearer anything' })).status, 200, 'any token by default');
  const locked = createEmulator({ tokens: [TOKEN] });
  assert.equal((await call(locked, 'GET', records, undefined, { authorization: 'Bearer other' })).status, 403);
  assert.equal((await call(locked, 'GET', records)).status, 200);
  assert.equal((await call(locked, 'GET', records, undefined, { 'x-auth-email': 'ops@example.com', 'x-auth-key': 'k' })).status, 200);
});

test('routing: unknown routes and zones 404 (7003), wrong methods 405 (7001), bad bodies 400 (9207)', async () => {
  const emulator = createEmulator();
  const unknownRoute = await call(emulator, 'GET', `/zones/${ZONE}/dns_settings`);
  assert.deepEqual([unknownRoute.status, unknownRoute.body.errors[0].code, unknownRoute.body.success, unknownRoute.body.result], [404, 7003, false, null]);
  assert.equal((await emulator.fetch('https://api.cloudflare.com/other')).status, 404);
  const unknownZone = await call(emulator, 'GET', `/zones/${'1'.repeat(32)}/dns_records`);
  assert.equal(unknownZone.body.errors[0].message, `Could not route to /zones/${'1'.repeat(32)}/dns_records, perhaps your object identifier is invalid?`);
  const wrongMethod = await call(emulator, 'GET', `${records}/batch`);
  assert.deepEqual([wrongMethod.status, wrongMethod.body.errors[0].code, wrongMethod.headers.get('allow')], [405, 7001, 'POST']);
  assert.equal((await call(emulator, 'DELETE', records)).status, 405);
  for (const body of ['{"posts": [', '[]', 'null', '']) {
    const bad = await call(emulator, 'POST', `${records}/batch`, body);
    assert.deepEqual([bad.status, bad.body.errors[0].code, bad.body.errors[0].message], [400, 9207, 'Request body is invalid.'], body);
  }
  assert.deepEqual(firstError(await rawBatch(emulator, { posts: 'x' })), [9207, '/posts']);
  const empty = await rawBatch(emulator, {});
  assert.deepEqual([empty.status, empty.body.result], [200, { deletes: [], patches: [], puts: [], posts: [] }]);
});

test('server-side validation: each Cloudflare code, pointing at the operation and field', async () => {
  const emulator = createEmulator({ zones: [{ id: ZONE, name: 'example.com', plan: 'pro' }] });
  const cases = [
    [a('bad name'), 9000, '/posts/1/name', 'DNS name is invalid.'],
    [{ type: 'MX', name: 'mail', content: 'mx.example.com', priority: 10, proxied: true, ttl: 1 }, 9004, '/posts/1/proxied', 'This record type cannot be proxied.'],
    [a('v4', '192.0.2.300'), 9005, '/posts/1/content', 'Content for A record must be a valid IPv4 address.'],
    [{ type: 'AAAA', name: 'v6', content: '2001:db8::g', ttl: 1 }, 9006, '/posts/1/content', 'Content for AAAA record must be a valid IPv6 address.'],
    [a('ttl', '192.0.2.1', { ttl: 30 }), 9021, '/posts/1/ttl', 'Invalid TTL. Must be between 60 and 86400 seconds, or 1 for automatic.'],
    [{ type: 'CNAME', name: 'loop.example.com', content: 'loop.example.com', ttl: 1 }, 9039, '/posts/1/content', 'CNAME content cannot reference itself.'],
    [a('tags', '192.0.2.1', { tags: Array.from({ length: 25 }, (_, i) => `t${i}:v`) }), 9300, '/posts/1/tags', 'DNS record has 25 tags, exceeding the quota of 20.'],
    [a('note', '192.0.2.1', { comment: 'c'.repeat(501) }), 9313, '/posts/1/comment', 'DNS record comment is too long: 501 characters, exceeding the limit of 500.'],
    [{ type: 'SRV', name: '_sip._tcp', ttl: 1, data: { priority: 1, weight: 1, port: 70000, target: 'sip.example.com' } }, 1004, '/posts/1/data/port', /^DNS Validation Error: `port` must be between 0 and 65535/],
    [{ type: 'SPF', name: 'x', content: 'v=spf1 -all', ttl: 1 }, 1004, '/posts/1/type', /^DNS Validation Error: "SPF" is not one of the 21 record types/],
  ];
  for (const [record, code, pointer, message] of cases) {
    const res = await rawBatch(emulator, { posts: [a('fine'), record] });
    assert.equal(res.status, 400, pointer);
    assert.deepEqual(firstError(res), [code, pointer]);
    if (typeof message === 'string') assert.equal(res.body.errors[0].message, message);
    else assert.match(res.body.errors[0].message, message);
  }
  assert.equal(emulator.records(ZONE).length, 0, 'no failed batch left anything behind');
});

test('TXT: over 4,096 wire bytes is 9015; unquoted content is quoted and split at 255 bytes', async () => {
  const emulator = createEmulator();
  // 17 strings of 85 three-byte characters: 1,445 characters, but 17 × 256 = 4,352 bytes on the wire.
  const big = Array.from({ length: 17 }, () => `"${'€'.repeat(85)}"`).join(' ');
  const res = await rawBatch(emulator, { posts: [{ type: 'TXT', name: 'big', content: big, ttl: 1 }] });
  assert.deepEqual([res.status, ...firstError(res), res.body.errors[0].message], [400, 9015, '/posts/0/content', 'Record content exceeds the allowed length of 4096 wire format bytes.']);
  const ok = await rawBatch(emulator, {
    posts: [
      { type: 'TXT', name: '@', content: 'v=spf1 -all', ttl: 1 },
      { type: 'TXT', name: 'long', content: 'x'.repeat(300), ttl: 1 },
    ],
  });
  assert.deepEqual(ok.body.result.posts.map((r) => r.content), ['"v=spf1 -all"', `"${'x'.repeat(255)}" "${'x'.repeat(45)}"`]);
});

test('warnings never reject: Cloudflare accepts what only RFC advice or the client would question', async () => {
  const emulator = createEmulator();
  const res = await rawBatch(emulator, { posts: [a('proxied', '192.0.2.1', { proxied: true, ttl: 300 }), { ...a('extra'), zone_name: 'ignored' }] });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body.result.posts.map((r) => r.name), ['proxied.example.com', 'extra.example.com']);
});

test('list: filters on name (FQDN), type and content, pages of 5–5,000 with result_info', async () => {
  const emulator = createEmulator();
  emulator.seed(ZONE, Array.from({ length: 250 }, (_, i) => a(`h${i}`, `192.0.2.${i % 200}`)));
  emulator.seed(ZONE, [{ type: 'AAAA', name: 'h7', content: '2001:db8::7', ttl: 1 }]);
  const seen = [];
  for (let page = 1; page <= 3; page++) {
    const { body } = await call(emulator, 'GET', `${records}?type=A&per_page=100&page=${page}`);
    assert.deepEqual(body.result_info, { page, per_page: 100, count: page < 3 ? 100 : 50, total_count: 250, total_pages: 3 });
    seen.push(...body.result.map((r) => r.name));
  }
  assert.equal(new Set(seen).size, 250);
  assert.deepEqual((await call(emulator, 'GET', `${records}?type=A&per_page=100&page=4`)).body.result, []);
  const byName = await call(emulator, 'GET', `${records}?name=H7.example.com.`);
  assert.deepEqual(byName.body.result.map((r) => r.type).sort(), ['A', 'AAAA']);
  assert.equal((await call(emulator, 'GET', `${records}?name=h7`)).body.result.length, 0, 'the name filter takes the full name');
  const byContent = await call(emulator, 'GET', `${records}?content=192.0.2.7&type=A`);
  assert.deepEqual(byContent.body.result.map((r) => r.name), ['h7.example.com', 'h207.example.com']);
  assert.equal((await call(emulator, 'GET', `${records}?per_page=1`)).body.result_info.per_page, 5);
  assert.equal((await call(emulator, 'GET', `${records}?per_page=99999`)).body.result_info.per_page, 5000);
  assert.equal((await call(emulator, 'GET', records)).body.result_info.per_page, 100);
  const sorted = await call(emulator, 'GET', `${records}?order=name&direction=desc&per_page=5`);
  assert.equal(sorted.body.result[0].name, 'h249.example.com');
});

test('single-record routes: POST, GET, PATCH, PUT and DELETE', async () => {
  const emulator = createEmulator();
  const created = await call(emulator, 'POST', records, a('app', '192.0.2.1', { comment: 'web', ttl: 300 }));
  assert.equal(created.status, 200);
  const { id } = created.body.result;
  assert.deepEqual((await call(emulator, 'GET', `${records}/${id}`)).body.result, created.body.result);
  const patched = await call(emulator, 'PATCH', `${records}/${id}`, { content: '192.0.2.2' });
  assert.deepEqual([patched.body.result.content, patched.body.result.ttl, patched.body.result.comment], ['192.0.2.2', 300, 'web']);
  const put = await call(emulator, 'PUT', `${records}/${id}`, a('app', '192.0.2.3'));
  assert.deepEqual([put.body.result.content, put.body.result.ttl, put.body.result.comment], ['192.0.2.3', 1, null]);
  const invalid = await call(emulator, 'PATCH', `${records}/${id}`, { content: 'not-an-ip' });
  assert.deepEqual([invalid.status, ...firstError(invalid)], [400, 9005, '/content']);
  assert.deepEqual(firstError(await call(emulator, 'POST', records, { type: 'CNAME', name: 'app', content: 'example.net', ttl: 1 })), [81053, undefined]);
  const deleted = await call(emulator, 'DELETE', `${records}/${id}`);
  assert.deepEqual([deleted.status, deleted.body.result], [200, { id }]);
  for (const method of ['GET', 'DELETE', 'PATCH']) {
    const gone = await call(emulator, method, `${records}/${id}`, method === 'PATCH' ? { ttl: 120 } : undefined);
    assert.deepEqual([gone.status, gone.body.errors[0].code, gone.body.errors[0].message], [404, 81044, 'Record does not exist.'], method);
  }
});

test('fetch takes a URL, a Request or a path; every request is logged; seed keeps a given id', async () => {
  const emulator = createEmulator();
  const headers = { authorization: `Bearer ${TOKEN}` };
  assert.equal((await emulator.fetch(new URL(`${BASE}${records}`), { headers })).status, 200);
  const request = new Request(`${BASE}${records}/batch`, { method: 'POST', headers, body: JSON.stringify({ posts: [a('r')] }) });
  assert.equal((await emulator.fetch(request)).status, 200);
  assert.equal((await emulator.fetch(`/client/v4${records}?page=1`, { headers })).status, 200);
  assert.deepEqual(
    emulator.requests.map((r) => [r.method, r.url, r.body && JSON.parse(r.body).posts.length]),
    [
      ['GET', `${BASE}${records}`, null],
      ['POST', `${BASE}${records}/batch`, 1],
      ['GET', `http://localhost/client/v4${records}?page=1`, null],
    ],
  );
  const id = 'abcdef0123456789abcdef0123456789';
  assert.equal(emulator.seed(ZONE, [{ ...a('fixed'), id }])[0].id, id);
  assert.throws(() => emulator.seed(ZONE, [{ content: '192.0.2.1' }]), ConfigurationError);
});
