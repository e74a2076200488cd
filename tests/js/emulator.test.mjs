// The emulator through the real client: `batch(params, { fetch: emulator.fetch })`. Batch order,
// all-or-nothing, the API's error codes with their pointers, plan limits, and the faults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batch, createEmulator, ApiError, ConfigurationError, TimeoutError } from '../../pkg/src/node.mjs';
import { ZONE, TOKEN, call, firstError, rawBatch, via } from './support/emulator.mjs';

const FREE = { id: 'f'.repeat(32), name: 'free.example', plan: 'free' };
const PRO = { id: 'b'.repeat(32), name: 'pro.example', plan: 'pro' };

/** The ApiError a batch fails with, as [status, code, pointer]. */
async function failure(promise) {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${err}`);
    return [err.status, err.errors[0]?.code, err.errors[0]?.pointer];
  }
  assert.fail('the batch succeeded');
}

test('a CNAME becomes an A in one batch: deletes run before posts', async () => {
  const emulator = createEmulator();
  const [www] = emulator.seed(ZONE, [{ type: 'CNAME', name: 'www', content: 'example.net', ttl: 1, proxied: true }]);
  const result = await batch({ zone_id: ZONE, deletes: [{ id: www.id }], posts: [{ type: 'A', name: 'www', content: '192.0.2.10', ttl: 1, proxied: true }] }, via(emulator));
  assert.deepEqual(result.deletes.map((r) => [r.id, r.type]), [[www.id, 'CNAME']], 'deletes answer with the deleted records');
  assert.deepEqual(result.posts.map((r) => [r.type, r.name, r.content]), [['A', 'www.example.com', '192.0.2.10']]);
  assert.deepEqual(emulator.records(ZONE).map((r) => r.type), ['A']);
});

test('the four arrays run deletes, patches, puts, posts, whatever their order in the body', async () => {
  const emulator = createEmulator();
  const [a, b] = emulator.seed(ZONE, [
    { type: 'A', name: 'a', content: '192.0.2.1', ttl: 1 },
    { type: 'A', name: 'b', content: '192.0.2.2', ttl: 1 },
  ]);
  // The patch moves `a` to 192.0.2.3, so the post of 192.0.2.1 is no longer identical to anything.
  const result = await batch(
    { zone_id: ZONE, posts: [{ type: 'A', name: 'a', content: '192.0.2.1', ttl: 1 }], puts: [{ id: b.id, type: 'A', name: 'b', content: '192.0.2.4', ttl: 300 }], patches: [{ id: a.id, content: '192.0.2.3' }] },
    via(emulator),
  );
  assert.equal(result.patches[0].content, '192.0.2.3');
  assert.equal(result.puts[0].ttl, 300);
  assert.deepEqual(emulator.records(ZONE).map((r) => `${r.name} ${r.content}`).sort(), ['a.example.com 192.0.2.1', 'a.example.com 192.0.2.3', 'b.example.com 192.0.2.4']);
  // A patch cannot reach a record deleted in the same batch: deletes ran first. (The client refuses
  // to send this batch for that very reason, so it goes in raw.)
  const raw = await rawBatch(emulator, { patches: [{ id: b.id, ttl: 120 }], deletes: [{ id: b.id }] });
  assert.deepEqual([raw.status, ...firstError(raw)], [400, 81044, '/patches/0']);
});

test('all or nothing: a failing last post leaves the zone exactly as it was', async () => {
  const emulator = createEmulator();
  const [www, apex] = emulator.seed(ZONE, [
    { type: 'CNAME', name: 'www', content: 'example.net', ttl: 1 },
    { type: 'A', name: '@', content: '192.0.2.1', ttl: 1 },
  ]);
  const before = emulator.records(ZONE);
  const params = {
    zone_id: ZONE,
    deletes: [{ id: www.id }],
    patches: [{ id: apex.id, ttl: 600 }],
    posts: [
      { type: 'A', name: 'www', content: '192.0.2.2', ttl: 1 },
      { type: 'A', name: 'api', content: '192.0.2.3', ttl: 1 },
      { type: 'A', name: '@', content: '192.0.2.1', ttl: 1 }, // identical to the apex record
    ],
  };
  assert.deepEqual(await failure(batch(params, via(emulator))), [400, 81058, '/posts/2']);
  assert.deepEqual(emulator.records(ZONE), before);
});

test('unknown ids: 81044 pointing at the delete, patch or put', async () => {
  const emulator = createEmulator();
  const missing = '0123456789abcdef0123456789abcdef';
  assert.deepEqual(await failure(batch({ zone_id: ZONE, deletes: [{ id: missing }] }, via(emulator))), [400, 81044, '/deletes/0']);
  assert.deepEqual(await failure(batch({ zone_id: ZONE, patches: [{ id: missing, ttl: 120 }] }, via(emulator))), [400, 81044, '/patches/0']);
  const put = { id: missing, type: 'A', name: 'x', content: '192.0.2.1', ttl: 1 };
  assert.deepEqual(await failure(batch({ zone_id: ZONE, puts: [put] }, via(emulator))), [400, 81044, '/puts/0']);
});

test('A/AAAA beside a CNAME is 81053, a second CNAME is 81054, an identical record 81058', async () => {
  const emulator = createEmulator();
  emulator.seed(ZONE, [
    { type: 'CNAME', name: 'www', content: 'example.net', ttl: 1 },
    { type: 'A', name: 'api', content: '192.0.2.1', ttl: 1 },
  ]);
  const post = (record) => failure(batch({ zone_id: ZONE, posts: [{ type: 'A', name: 'ok', content: '192.0.2.9', ttl: 1 }, { ttl: 1, ...record }] }, via(emulator)));
  assert.deepEqual(await post({ type: 'A', name: 'www', content: '192.0.2.2' }), [400, 81053, '/posts/1']);
  assert.deepEqual(await post({ type: 'AAAA', name: 'www.example.com', content: '2001:db8::1' }), [400, 81053, '/posts/1']);
  assert.deepEqual(await post({ type: 'CNAME', name: 'api', content: 'example.net' }), [400, 81053, '/posts/1']);
  assert.deepEqual(await post({ type: 'CNAME', name: 'WWW.example.com.', content: 'example.org' }), [400, 81054, '/posts/1']);
  assert.deepEqual(await post({ type: 'A', name: 'api', content: '192.0.2.1' }), [400, 81058, '/posts/1']);
  const roundRobin = await batch({ zone_id: ZONE, posts: [{ type: 'A', name: 'api', content: '192.0.2.5', ttl: 1 }] }, via(emulator));
  assert.equal(roundRobin.posts.length, 1, 'another address at the same name is fine (round robin)');
});

test('plan limits: batch size, tags and comments on Free, the TTL floor on Pro', async () => {
  const emulator = createEmulator({ zones: [FREE, PRO, { id: ZONE, name: 'example.com', plan: 'enterprise' }] });
  const hosts = (n) => Array.from({ length: n }, (_, i) => ({ type: 'A', name: `h${i}`, content: '192.0.2.1', ttl: 1 }));
  // The client warns (it does not know the plan) and sends; the zone's plan decides.
  await assert.rejects(batch({ zone_id: FREE.id, posts: hosts(201) }, via(emulator)), (err) => {
    assert.equal(err.status, 400);
    assert.equal(err.errors[0].code, 81100);
    assert.match(err.errors[0].message, /201 operations.*at most 200/);
    return true;
  });
  assert.equal((await batch({ zone_id: FREE.id, posts: hosts(200) }, via(emulator))).posts.length, 200);
  assert.equal((await batch({ zone_id: PRO.id, posts: hosts(201) }, via(emulator))).posts.length, 201);

  const tagged = { type: 'A', name: 'tagged', content: '192.0.2.7', ttl: 1, tags: ['team:dns', 'env:prod'] };
  await assert.rejects(batch({ zone_id: FREE.id, posts: [tagged] }, via(emulator)), (err) => {
    assert.deepEqual(err.errors[0], { code: 9300, message: 'DNS record has 2 tags, exceeding the quota of 0.', pointer: '/posts/0/tags' });
    return true;
  });
  const long = { type: 'A', name: 'noted', content: '192.0.2.8', ttl: 1, comment: 'c'.repeat(101) };
  assert.deepEqual(await failure(batch({ zone_id: FREE.id, posts: [long] }, via(emulator))), [400, 9313, '/posts/0/comment']);
  const [onPro] = (await batch({ zone_id: PRO.id, posts: [tagged, long] }, via(emulator))).posts;
  assert.deepEqual(onPro.tags, ['team:dns', 'env:prod']);

  const quick = { type: 'A', name: 'quick', content: '192.0.2.9', ttl: 30 };
  assert.deepEqual(await failure(batch({ zone_id: PRO.id, posts: [quick] }, via(emulator))), [400, 9021, '/posts/0/ttl']);
  assert.equal((await batch({ zone_id: ZONE, posts: [quick] }, via(emulator))).posts[0].ttl, 30, 'Enterprise allows 30 s');
});

test('a put that changes the type is refused; delete + post is the way', async () => {
  const emulator = createEmulator();
  const [www] = emulator.seed(ZONE, [{ type: 'CNAME', name: 'www', content: 'example.net', ttl: 1 }]);
  const put = { id: www.id, type: 'A', name: 'www', content: '192.0.2.1', ttl: 1 };
  assert.deepEqual(await failure(batch({ zone_id: ZONE, puts: [put] }, via(emulator))), [400, 1004, '/puts/0/type']);
});

test('stored records look like Cloudflare’s: ids, stamps, defaults, names and content normalised', async () => {
  const emulator = createEmulator();
  const { posts } = await batch(
    {
      zone_id: ZONE,
      posts: [
        { type: 'A', name: '@', content: '192.0.2.1', ttl: 1 },
        { type: 'AAAA', name: 'V6.Example.com.', content: '2001:DB8:0:0:0:0:0:1', ttl: 300, comment: 'lab', tags: ['env:lab'] },
        { type: 'MX', name: 'bücher', content: 'mx.example.net', priority: 10, ttl: 1 },
        { type: 'SRV', name: '_sip._tcp', ttl: 1, data: { priority: 10, weight: 5, port: 5060, target: 'sip.example.com' } },
      ],
    },
    via(emulator),
  );
  const [apex, v6, mx, srv] = posts;
  assert.match(apex.id, /^[0-9a-f]{32}$/);
  assert.match(apex.created_on, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  assert.equal(apex.modified_on, apex.created_on);
  assert.deepEqual(
    { name: apex.name, proxiable: apex.proxiable, proxied: apex.proxied, ttl: apex.ttl, settings: apex.settings, meta: apex.meta, comment: apex.comment, tags: apex.tags },
    { name: 'example.com', proxiable: true, proxied: false, ttl: 1, settings: {}, meta: {}, comment: null, tags: [] },
  );
  assert.equal(apex.comment_modified_on, undefined);
  assert.equal(apex.tags_modified_on, undefined);
  assert.deepEqual([v6.name, v6.content], ['v6.example.com', '2001:db8::1']);
  assert.equal(v6.comment_modified_on, v6.created_on);
  assert.equal(v6.tags_modified_on, v6.created_on);
  assert.deepEqual([mx.name, mx.content, mx.priority, mx.proxiable], ['xn--bcher-kva.example.com', 'mx.example.net', 10, false]);
  assert.deepEqual([srv.content, srv.priority, srv.data.port], ['5 5060 sip.example.com', 10, 5060]);
});

test('a patch merges and keeps created_on; a put replaces and resets what it omits', async () => {
  const emulator = createEmulator();
  const [rec] = emulator.seed(ZONE, [{ type: 'A', name: 'app', content: '192.0.2.1', ttl: 300, proxied: true, comment: 'keep me', tags: ['a:b'] }]);
  const { patches } = await batch({ zone_id: ZONE, patches: [{ id: rec.id, content: '192.0.2.2' }] }, via(emulator));
  assert.deepEqual([patches[0].content, patches[0].ttl, patches[0].proxied, patches[0].comment, patches[0].tags], ['192.0.2.2', 300, true, 'keep me', ['a:b']]);
  assert.equal(patches[0].created_on, rec.created_on);
  assert.equal(patches[0].comment_modified_on, rec.comment_modified_on, 'the comment did not change');
  const { puts } = await batch({ zone_id: ZONE, puts: [{ id: rec.id, type: 'A', name: 'app', content: '192.0.2.3' }] }, via(emulator));
  assert.deepEqual([puts[0].content, puts[0].ttl, puts[0].proxied, puts[0].comment, puts[0].tags], ['192.0.2.3', 1, false, null, []]);
  assert.equal(puts[0].id, rec.id);
});

test('include_shadow_metadata marks records below a delegation', async () => {
  const emulator = createEmulator();
  const [ns] = emulator.seed(ZONE, [{ type: 'NS', name: 'sub', content: 'ns1.sub.example.com', ttl: 1 }]);
  const { posts } = await batch(
    {
      zone_id: ZONE,
      include_shadow_metadata: true,
      posts: [
        { type: 'A', name: 'ns1.sub', content: '192.0.2.53', ttl: 1 },
        { type: 'A', name: 'www.sub', content: '192.0.2.80', ttl: 1 },
        { type: 'A', name: 'www', content: '192.0.2.81', ttl: 1 },
      ],
    },
    via(emulator),
  );
  assert.deepEqual(posts.map((r) => [r.meta.shadowed_by, r.meta.is_glue]), [[[ns.id], true], [[ns.id], false], [[], false]]);
  const listed = await call(emulator, 'GET', `/zones/${ZONE}/dns_records?type=NS&include_shadow_metadata=true`);
  assert.equal(listed.body.result[0].meta.shadowed_records_count, 2);
  assert.deepEqual(emulator.records(ZONE)[1].meta, {}, 'the metadata is computed per answer, never stored');
});

test('authentication: a wrong token is 403, email + key is accepted', async () => {
  const emulator = createEmulator({ tokens: [TOKEN] });
  const post = { zone_id: ZONE, posts: [{ type: 'A', name: 'x', content: '192.0.2.1', ttl: 1 }] };
  await assert.rejects(batch(post, via(emulator, { apiToken: 'not-the-token' })), (err) => err instanceof ApiError && err.status === 403 && err.errors[0].code === 10000);
  const { apiToken: _unused, ...noToken } = via(emulator);
  const result = await batch(post, { ...noToken, apiEmail: 'ops@example.com', apiKey: 'global-key' });
  assert.equal(result.posts.length, 1);
});

test('an unknown zone answers 404 with code 7003, as Cloudflare does', async () => {
  const emulator = createEmulator();
  const other = '9'.repeat(32);
  await assert.rejects(batch({ zone_id: other, posts: [{ type: 'A', name: 'x', content: '192.0.2.1', ttl: 1 }] }, via(emulator)), (err) => {
    assert.equal(err.status, 404);
    assert.deepEqual(err.errors[0], { code: 7003, message: `Could not route to /zones/${other}/dns_records/batch, perhaps your object identifier is invalid?` });
    return true;
  });
});

test('latency delays each answer, and the client’s timeout still aborts it', async () => {
  const emulator = createEmulator({ latency: 150 });
  const started = Date.now();
  await batch({ zone_id: ZONE, posts: [{ type: 'A', name: 'x', content: '192.0.2.1', ttl: 1 }] }, via(emulator));
  assert.ok(Date.now() - started >= 140);
  await assert.rejects(batch({ zone_id: ZONE, posts: [{ type: 'A', name: 'y', content: '192.0.2.1', ttl: 1 }] }, via(emulator, { timeout: 50 })), TimeoutError);
  assert.deepEqual(emulator.records(ZONE).map((r) => r.name), ['x.example.com'], 'the aborted request was never applied');
});

test('rate limit: past N requests per 5 minutes, 429 with Retry-After and code 10100', async () => {
  const emulator = createEmulator({ rateLimit: 2 });
  const post = (name) => batch({ zone_id: ZONE, posts: [{ type: 'A', name, content: '192.0.2.1', ttl: 1 }] }, via(emulator, { maxRetries: 2 }));
  await post('a');
  await post('b');
  // Retry-After is about five minutes: longer than the client will wait, so it reports at once.
  await assert.rejects(post('c'), (err) => err instanceof ApiError && err.status === 429 && err.errors[0].code === 10100);
  assert.equal(emulator.requests.length, 3);
  const raw = await call(emulator, 'GET', `/zones/${ZONE}/dns_records`);
  assert.equal(raw.status, 429);
  assert.ok(Number(raw.headers.get('retry-after')) > 290);
  assert.match(raw.body.errors[0].message, /^More than 2 requests per 300 seconds reached/);

  const cloudflare = createEmulator({ rateLimit: true });
  const ok = await call(cloudflare, 'GET', `/zones/${ZONE}/dns_records`);
  assert.equal(ok.headers.get('ratelimit-policy'), '"default";q=1200;w=300');
  assert.equal(ok.headers.get('ratelimit'), '"default";r=1199;t=300');
});

test('failNext: a 502 edge page is reported, not replayed; a 429 is retried after Retry-After', async () => {
  const edge = createEmulator({ failNext: { status: 502 } });
  const post = { zone_id: ZONE, posts: [{ type: 'A', name: 'x', content: '192.0.2.1', ttl: 1 }] };
  await assert.rejects(batch(post, via(edge, { maxRetries: 2 })), (err) => err instanceof ApiError && err.status === 502 && /502 Bad Gateway/.test(err.message));
  assert.equal(edge.requests.length, 1);
  assert.equal(edge.records(ZONE).length, 0);
  assert.equal((await batch(post, via(edge))).posts.length, 1, 'only the next request failed');

  const busy = createEmulator({ failNext: { status: 429, count: 1 } });
  const started = Date.now();
  assert.equal((await batch(post, via(busy, { maxRetries: 1 }))).posts.length, 1);
  assert.ok(Date.now() - started >= 900, 'waited for Retry-After: 1');
  assert.equal(busy.requests.length, 2);

  const broken = createEmulator({ failNext: { status: 500, count: 2 } });
  const first = await rawBatch(broken, post);
  assert.deepEqual([first.status, first.body.success, first.body.errors[0].message], [500, false, 'Internal Server Error']);
  const html = await rawBatch(createEmulator({ failNext: { status: 503 } }), post);
  assert.equal(html.headers.get('content-type'), 'text/html');
  assert.match(html.text, /<h1>503 Service Temporarily Unavailable<\/h1>/);
});

test('reset() empties the zones, the request log and re-arms the faults; bad options are refused', async () => {
  const emulator = createEmulator({ failNext: { status: 500 } });
  emulator.seed(ZONE, [{ type: 'A', name: 'x', content: '192.0.2.1', ttl: 1 }]);
  assert.equal((await call(emulator, 'GET', `/zones/${ZONE}/dns_records`)).status, 500);
  assert.equal((await call(emulator, 'GET', `/zones/${ZONE}/dns_records`)).body.result.length, 1);
  emulator.reset();
  assert.deepEqual([emulator.records(ZONE).length, emulator.requests.length], [0, 0]);
  assert.equal((await call(emulator, 'GET', `/zones/${ZONE}/dns_records`)).status, 500);
  for (const bad of [{ zones: [] }, { zones: [{ id: 'x' }] }, { zones: [{ ...PRO, plan: 'gold' }] }, { tokens: [''] }, { latency: -1 }, { rateLimit: 1.5 }, { failNext: { status: 200 } }]) {
    assert.throws(() => createEmulator(bad), ConfigurationError, JSON.stringify(bad));
  }
  assert.throws(() => emulator.records('nope'), ConfigurationError);
});

test('NS shares a name below the apex with no other type but DS: 81056, either way round', async () => {
  const emulator = createEmulator();
  emulator.seed(ZONE, [
    { type: 'NS', name: 'sub', content: 'ns1.example.net', ttl: 1 },
    { type: 'TXT', name: 'txt', content: '"x"', ttl: 1 },
  ]);
  const ds = { type: 'DS', name: 'sub', ttl: 1, data: { key_tag: 2371, algorithm: 13, digest_type: 2, digest: '1F987CC6583E92DF0890718C42C9AB4DB5A9CA4EF5C31AFA4F8CE2C43CA04A1D' } };
  const post = (...posts) => rawBatch(emulator, { posts });
  for (const other of [{ type: 'A', name: 'sub', content: '192.0.2.1', ttl: 1 }, { type: 'CNAME', name: 'SUB.example.com.', content: 'x.example.net', ttl: 1 }, { type: 'TXT', name: 'sub', content: '"y"', ttl: 1 }]) {
    const res = await post(other);
    assert.deepEqual([res.status, ...firstError(res)], [400, 81056, '/posts/0'], other.type);
  }
  const nsBesideTxt = await post({ type: 'NS', name: 'txt', content: 'ns1.example.net', ttl: 1 });
  assert.deepEqual([nsBesideTxt.status, ...firstError(nsBesideTxt)], [400, 81056, '/posts/0']);
  // Within one batch: the second of the two is refused, and nothing is applied.
  const both = await post({ type: 'NS', name: 'new', content: 'ns1.example.net', ttl: 1 }, { type: 'A', name: 'new', content: '192.0.2.1', ttl: 1 });
  assert.deepEqual([both.status, ...firstError(both)], [400, 81056, '/posts/1']);
  assert.equal((await post(ds, { type: 'NS', name: 'sub', content: 'ns2.example.net', ttl: 1 }, { type: 'A', name: 'x.sub', content: '192.0.2.1', ttl: 1 })).status, 200, 'DS, a second NS, and records below are fine');
  const apex = await post({ type: 'NS', name: '@', content: 'ns1.example.net', ttl: 1 }, { type: 'A', name: 'example.com', content: '192.0.2.1', ttl: 1 });
  assert.equal(apex.status, 200, 'at the apex NS sits beside other types');
  assert.equal(emulator.records(ZONE).length, 7);
});

test('TXT content at one name adds up to at most 8,192 characters: 83011, counting the zone’s records', async () => {
  const emulator = createEmulator();
  const txt = (name, letter, strings = 11) => ({ type: 'TXT', name, ttl: 1, content: Array.from({ length: strings }, () => `"${letter.repeat(250)}"`).join(' ') });
  emulator.seed(ZONE, [txt('t', 'a'), txt('t', 'b')]); // 2 × 2,782 characters
  const over = await rawBatch(emulator, { posts: [txt('u', 'c'), txt('t', 'c')] });
  assert.deepEqual([over.status, ...firstError(over)], [400, 83011, '/posts/1/content']);
  assert.match(over.body.errors[0].message, /^Combined content length of records with this name/);
  // Exactly 8,192 is allowed; deleting one first makes room; unquoted content counts as stored (quoted).
  const exact = { type: 'TXT', name: 't', ttl: 1, content: `"${'z'.repeat(8190 - 2 * 2782)}"` };
  assert.equal((await rawBatch(emulator, { posts: [exact] })).status, 200);
  const [first] = emulator.records(ZONE);
  assert.equal((await rawBatch(emulator, { deletes: [{ id: first.id }], posts: [txt('t', 'd')] })).status, 200);
  const plain = (letter) => ({ type: 'TXT', name: 'p', ttl: 1, content: letter.repeat(2700) });
  const quoted = await rawBatch(emulator, { posts: [plain('a'), plain('b'), plain('c')] });
  assert.deepEqual([quoted.status, ...firstError(quoted)], [400, 83011, '/posts/2/content'], '3 × 2,732 characters once quoted');
});

test('an id deleted twice in one batch: the second delete finds no record (81044)', async () => {
  const emulator = createEmulator();
  const [rec] = emulator.seed(ZONE, [{ type: 'A', name: 'x', content: '192.0.2.1', ttl: 1 }]);
  const res = await rawBatch(emulator, { deletes: [{ id: rec.id }, { id: rec.id }] });
  assert.deepEqual([res.status, ...firstError(res)], [400, 81044, '/deletes/1']);
  assert.equal(emulator.records(ZONE).length, 1);
});
