// listRecords() and sync() against the emulator over real HTTP on 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listRecords, sync, createEmulator, formatPlan, ApiError, ConfigurationError, ValidationError } from '../../pkg/src/zone/node.mjs';
import { startServer as startEmulatorServer } from '../../examples/emulator-server.mjs';
import { startServer } from './support/server.mjs';
import { ZONE, TOKEN } from './support/emulator.mjs';

async function withZone(records, run) {
  const emulator = createEmulator();
  if (records.length) emulator.seed(ZONE, records);
  const server = await startEmulatorServer({ emulator });
  try {
    await run({ emulator, options: { apiToken: TOKEN, baseURL: server.baseURL, maxRetries: 0, zone: 'example.com' } });
  } finally {
    await server.close();
  }
}

const host = (i) => ({ type: 'A', name: `h${i}.example.com`, content: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, ttl: 1 });

test('a zone of 12,000 records lists completely with per_page 100 and 5,000', async () => {
  const records = Array.from({ length: 12_000 }, (_, i) => host(i));
  await withZone(records, async ({ emulator, options }) => {
    for (const perPage of [100, 5_000]) {
      const listed = await listRecords(ZONE, { ...options, perPage });
      assert.equal(listed.length, 12_000, `perPage ${perPage}`);
      assert.equal(new Set(listed.map((r) => r.id)).size, 12_000);
    }
    const gets = emulator.requests.filter((r) => r.method === 'GET');
    assert.equal(gets.length, 120 + 3);
    assert.match(gets[0].url, /\/zones\/023e105f4ecef8ad9ca31a8372d0c353\/dns_records\?page=1&per_page=100$/);
  });
});

test('listRecords filters by type and name', async () => {
  await withZone([host(1), host(2), { type: 'TXT', name: 'h1.example.com', content: '"x"', ttl: 1 }], async ({ options }) => {
    assert.deepEqual((await listRecords(ZONE, { ...options, type: 'TXT' })).map((r) => r.type), ['TXT']);
    assert.deepEqual((await listRecords(ZONE, { ...options, name: 'h1.example.com' })).map((r) => r.type).sort(), ['A', 'TXT']);
    await assert.rejects(listRecords(ZONE, { ...options, type: 'SPF' }), (e) => e instanceof ConfigurationError && e.code === 'list.type.unknown');
  });
});

test('listRecords retries a GET on 5xx, and credentials never show in errors', async () => {
  const server = await startServer();
  try {
    const page = { success: true, errors: [], messages: [], result: [{ id: 'a', type: 'A', name: 'x.example.com', content: '192.0.2.1', ttl: 1 }], result_info: { page: 1, total_pages: 1 } };
    server.answer(
      (req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html>bad gateway</html>'),
      (req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page)),
    );
    const records = await listRecords(ZONE, { apiToken: 'secret-token-123', baseURL: server.baseURL, maxRetries: 2 });
    assert.equal(records.length, 1);
    assert.equal(server.requests.length, 2);
    assert.equal(server.requests[0].method, 'GET');
    assert.equal(server.requests[0].headers.authorization, 'Bearer secret-token-123');
    server.answer((req, res) => res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [], result: null })));
    await assert.rejects(listRecords(ZONE, { apiToken: 'secret-token-123', baseURL: server.baseURL, maxRetries: 2 }), (e) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.status, 403);
      assert.ok(!JSON.stringify(e).includes('secret-token-123'));
      return true;
    });
    await assert.rejects(listRecords(ZONE, { baseURL: server.baseURL }), (e) => e instanceof ConfigurationError && e.code === 'options.auth.missing');
  } finally {
    await server.close();
  }
});

test('sync plans, applies one batch, and a second run changes nothing', async () => {
  const start = [host(1), host(2), { type: 'TXT', name: 'example.com', content: '"keep me"', ttl: 1 }];
  await withZone(start, async ({ emulator, options }) => {
    const desired = [
      { type: 'A', name: 'h1', content: '10.0.0.1', ttl: 300 },
      { type: 'A', name: 'h2', content: '10.0.0.9' },
      { type: 'CNAME', name: 'www', content: 'h1.example.com' },
    ];
    const dry = await sync(ZONE, desired, { ...options, dryRun: true });
    assert.equal(dry.applied, false);
    assert.equal(emulator.requests.filter((r) => r.method === 'POST').length, 0);
    assert.equal(dry.plan.summary.operations, 3);
    const done = await sync(ZONE, desired, options);
    assert.equal(done.applied, true);
    assert.equal(emulator.requests.filter((r) => r.method === 'POST').length, 1);
    assert.deepEqual(done.result.posts.map((r) => r.type), ['CNAME']);
    const names = emulator.records(ZONE).map((r) => `${r.type} ${r.name} ${r.content} ${r.ttl}`).sort();
    assert.deepEqual(names, ['A h1.example.com 10.0.0.1 300', 'A h2.example.com 10.0.0.9 1', 'CNAME www.example.com h1.example.com 1', 'TXT example.com "keep me" 1']);
    const again = await sync(ZONE, desired, options);
    assert.equal(again.applied, false);
    assert.equal(formatPlan(again.plan), 'No changes: 3 records unchanged.\n');
  });
});

test('a zone changed between list and apply: the batch fails whole, nothing changes, the error says plan again', async () => {
  await withZone([host(1), host(2)], async ({ emulator, options }) => {
    // A fetch that lets the listing through, then deletes a record behind the plan's back.
    const fetch = async (url, init) => {
      if (init.method === 'POST') {
        const victim = emulator.records(ZONE).find((r) => r.name === 'h1.example.com');
        await emulator.fetch(`https://api.cloudflare.com/client/v4/zones/${ZONE}/dns_records/${victim.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
      }
      return globalThis.fetch(url, init);
    };
    const before = emulator.records(ZONE);
    const desired = [{ type: 'A', name: 'h1', content: '10.9.9.9' }, { type: 'A', name: 'h2', content: '10.0.0.2' }, { type: 'A', name: 'h3', content: '10.0.0.3' }];
    await assert.rejects(sync(ZONE, desired, { ...options, fetch }), (e) => {
      assert.ok(e instanceof ApiError, e.message);
      assert.equal(e.replan, true);
      assert.match(e.message, /nothing was applied .*plan again/);
      return true;
    });
    const after = emulator.records(ZONE);
    // Only the record deleted behind the plan's back is gone; the batch changed nothing.
    assert.deepEqual(after, before.filter((r) => r.name !== 'h1.example.com'));
  });
});

test('sync refuses a plan over the safety share unless forced', async () => {
  const records = Array.from({ length: 10 }, (_, i) => host(i));
  await withZone(records, async ({ emulator, options }) => {
    await assert.rejects(sync(ZONE, [host(0)], { ...options, scope: 'zone' }), (e) => {
      assert.ok(e instanceof ValidationError);
      assert.ok(e.issues.some((i) => i.code === 'plan.safety.deletes'));
      assert.equal(e.plan.summary.delete, 9);
      return true;
    });
    assert.equal(emulator.records(ZONE).length, 10);
    const done = await sync(ZONE, [host(0)], { ...options, scope: 'zone', force: true });
    assert.equal(done.applied, true);
    assert.equal(emulator.records(ZONE).length, 1);
  });
});
