// The emulator over real HTTP, driven by the official SDK (`cloudflare`): if the SDK can batch, list
// (with its own pagination), read, edit and delete against it, code written for Cloudflare can be
// tested against it unchanged. Also the command-line server: its banner and CORS preflight.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import Cloudflare from 'cloudflare';
import { createEmulator } from '../../pkg/src/node.mjs';
import { startServer } from '../../examples/emulator-server.mjs';
import { ZONE, TOKEN } from './support/emulator.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let server;
let client;

before(async () => {
  server = await startServer({ emulator: createEmulator({ tokens: [TOKEN] }) });
  client = new Cloudflare({ apiToken: TOKEN, baseURL: server.baseURL, maxRetries: 0, timeout: 10_000 });
});
after(() => server.close());

async function listAll(params) {
  const out = [];
  for await (const record of client.dns.records.list({ zone_id: ZONE, ...params })) out.push(record);
  return out;
}

test('the SDK posts a batch and lists the records back', async () => {
  server.emulator.reset();
  const result = await client.dns.records.batch({
    zone_id: ZONE,
    posts: [
      { type: 'A', name: '@', content: '192.0.2.1', ttl: 1, proxied: true },
      { type: 'CNAME', name: 'www', content: 'example.com', ttl: 1, proxied: true },
      { type: 'MX', name: '@', content: 'mx1.example.net', priority: 10, ttl: 3600 },
      { type: 'SRV', name: '_sip._tcp', ttl: 1, data: { priority: 10, weight: 5, port: 5060, target: 'sip.example.com' } },
    ],
  });
  assert.deepEqual(result.posts.map((r) => r.name), ['example.com', 'www.example.com', 'example.com', '_sip._tcp.example.com']);
  const listed = await listAll();
  assert.deepEqual(listed.map((r) => [r.type, r.name, r.content]), [
    ['A', 'example.com', '192.0.2.1'],
    ['CNAME', 'www.example.com', 'example.com'],
    ['MX', 'example.com', 'mx1.example.net'],
    ['SRV', '_sip._tcp.example.com', '5 5060 sip.example.com'],
  ]);
  assert.deepEqual(listed.map((r) => r.id), result.posts.map((r) => r.id));
});

test('the SDK turns a CNAME into an A in one batch, and pages through 250 records', async () => {
  server.emulator.reset();
  const [www] = server.emulator.seed(ZONE, [{ type: 'CNAME', name: 'www', content: 'example.net', ttl: 1 }]);
  server.emulator.seed(ZONE, Array.from({ length: 249 }, (_, i) => ({ type: 'A', name: `h${i}`, content: '192.0.2.1', ttl: 1 })));
  const result = await client.dns.records.batch({ zone_id: ZONE, deletes: [{ id: www.id }], posts: [{ type: 'A', name: 'www', content: '192.0.2.80', ttl: 1 }] });
  assert.deepEqual([result.deletes[0].type, result.posts[0].type], ['CNAME', 'A']);
  const all = await listAll({ per_page: 100 });
  assert.equal(all.length, 250);
  const pages = server.emulator.requests.filter((r) => r.method === 'GET').map((r) => new URL(r.url).searchParams.get('page'));
  assert.deepEqual(pages, [null, '2', '3', '4'], 'the SDK stops at the first empty page');
  const www2 = await listAll({ name: { exact: 'www.example.com' } });
  assert.deepEqual(www2.map((r) => [r.type, r.content]), [['A', '192.0.2.80']]);
});

test('the SDK’s single-record calls: create, get, edit (PATCH), update (PUT), delete', async () => {
  server.emulator.reset();
  const created = await client.dns.records.create({ zone_id: ZONE, type: 'A', name: 'app', content: '192.0.2.1', ttl: 300, comment: 'web' });
  assert.equal((await client.dns.records.get(created.id, { zone_id: ZONE })).content, '192.0.2.1');
  const edited = await client.dns.records.edit(created.id, { zone_id: ZONE, type: 'A', name: 'app', content: '192.0.2.2', ttl: 300 });
  assert.deepEqual([edited.content, edited.comment], ['192.0.2.2', 'web']);
  const updated = await client.dns.records.update(created.id, { zone_id: ZONE, type: 'A', name: 'app', content: '192.0.2.3', ttl: 1 });
  assert.deepEqual([updated.content, updated.comment], ['192.0.2.3', null]);
  assert.deepEqual(await client.dns.records.delete(created.id, { zone_id: ZONE }), { id: created.id });
  assert.equal((await listAll()).length, 0);
});

test('the SDK’s error classes: 400 with the code and pointer, 403 for a wrong token, 404 for an unknown zone', async () => {
  server.emulator.reset();
  server.emulator.seed(ZONE, [{ type: 'A', name: 'www', content: '192.0.2.1', ttl: 1 }]);
  const duplicate = client.dns.records.batch({ zone_id: ZONE, posts: [{ type: 'A', name: 'www', content: '192.0.2.1', ttl: 1 }] });
  await assert.rejects(duplicate, (err) => {
    assert.ok(err instanceof Cloudflare.BadRequestError);
    assert.deepEqual(err.errors, [{ code: 81058, message: 'An identical record already exists.', source: { pointer: '/posts/0' } }]);
    return true;
  });
  const stranger = new Cloudflare({ apiToken: 'not-the-token', baseURL: server.baseURL, maxRetries: 0 });
  await assert.rejects(stranger.dns.records.list({ zone_id: ZONE }), Cloudflare.PermissionDeniedError);
  await assert.rejects(client.dns.records.batch({ zone_id: '9'.repeat(32), posts: [] }), Cloudflare.NotFoundError);
});

test('the command-line server prints its URL and answers CORS preflight', { timeout: 20_000 }, async (t) => {
  const child = spawn(process.execPath, ['examples/emulator-server.mjs', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGTERM'));
  const [line] = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n'));
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
  const baseURL = /^listening (http:\/\/127\.0\.0\.1:\d+\/client\/v4)$/.exec(line)?.[1];
  assert.ok(baseURL, `banner: ${line}`);

  const url = `${baseURL}/zones/${ZONE}/dns_records/batch`;
  const preflight = await fetch(url, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' }, signal: AbortSignal.timeout(5000) });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
  assert.equal(preflight.headers.get('access-control-allow-headers'), 'authorization, content-type');
  assert.match(preflight.headers.get('access-control-allow-methods'), /POST/);

  const body = JSON.stringify({ posts: [{ type: 'A', name: 'www', content: '192.0.2.1', ttl: 1 }] });
  const res = await fetch(url, { method: 'POST', headers: { authorization: 'Bearer any', 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(5000) });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.equal((await res.json()).result.posts[0].name, 'www.example.com');

  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  assert.equal(code, 0, 'stops cleanly on SIGTERM');
});
