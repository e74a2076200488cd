// listRecords() and sync() against the emulator over real HTTP on 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listRecords, sync, formatPlan, ApiError, ConfigurationError, ValidationError } from '../../pkg/src/zone/node.mjs';
import { withZone as withZoneServer } from './support/zone-server.mjs';
import { startServer } from './support/server.mjs';
import { ZONE, TOKEN } from './support/emulator.mjs';

// Every zone here is example.com: the policy's `zone` rides along in the options.
const withZone = (records, run) => withZoneServer(records, run, { zone: 'example.com' });

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

// ---- allowSplit: a plan too big for one batch, applied in parts that say what happened ----

const hosts = (n) => Array.from({ length: n }, (_, i) => ({ type: 'A', name: `s${String(i).padStart(3, '0')}`, content: `10.1.${i >> 8}.${i & 255}`, ttl: 1 }));
const operations = (params) => ['deletes', 'patches', 'puts', 'posts'].reduce((n, k) => n + (params[k]?.length ?? 0), 0);
const posts = (emulator) => emulator.requests.filter((r) => r.method === 'POST').length;

test('allowSplit: 450 operations on the free plan are applied in 3 parts, with progress', async () => {
  await withZone([], async ({ emulator, options }) => {
    const free = { ...options, plan: 'free' };
    await assert.rejects(sync(ZONE, hosts(450), free), (e) => e instanceof ValidationError && e.issues.some((i) => i.code === 'plan.batch.size'));
    assert.equal(posts(emulator), 0, 'without allowSplit the plan is refused and nothing is sent');
    const progress = [];
    const done = await sync(ZONE, hosts(450), { ...free, allowSplit: true, onProgress: (p) => progress.push(p) });
    assert.equal(done.applied, true);
    assert.equal(done.result, null, 'several batches: the results are per part');
    assert.deepEqual(done.parts.map((p) => p.status), ['applied', 'applied', 'applied']);
    assert.deepEqual(done.parts.map((p) => operations(p.params)), [200, 200, 50]);
    assert.deepEqual(done.parts.map((p) => p.result.posts.length), [200, 200, 50]);
    assert.deepEqual(progress, [{ part: 1, parts: 3, applied: 200 }, { part: 2, parts: 3, applied: 400 }, { part: 3, parts: 3, applied: 450 }]);
    assert.equal(posts(emulator), 3);
    assert.equal(emulator.records(ZONE).length, 450);
    const again = await sync(ZONE, hosts(450), { ...free, allowSplit: true });
    assert.equal(again.applied, false);
    assert.deepEqual(again.parts, []);
    assert.equal(again.plan.summary.unchanged, 450);
  });
});

test('allowSplit: a failure in part 2 applies part 1 only, and part 3 is not attempted', async () => {
  await withZone([], async ({ emulator, options }) => {
    let batches = 0;
    // The second batch is refused by the API (as a record quota or a conflict would be).
    const fetch = async (url, init) => {
      if (init.method === 'POST' && ++batches === 2) {
        return new Response(JSON.stringify({ success: false, errors: [{ code: 81045, message: 'Record quota exceeded.' }], messages: [], result: null }), { status: 400, headers: { 'content-type': 'application/json' } });
      }
      return globalThis.fetch(url, init);
    };
    const progress = [];
    const done = await sync(ZONE, hosts(450), { ...options, plan: 'free', allowSplit: true, fetch, onProgress: (p) => progress.push(p) });
    assert.equal(done.applied, 'partial');
    assert.deepEqual(done.parts.map((p) => p.status), ['applied', 'failed', 'not_attempted']);
    assert.ok(done.parts[1].error instanceof ApiError);
    assert.equal(done.parts[1].error.status, 400);
    assert.equal(done.parts[2].error, undefined);
    assert.equal(done.parts[2].result, undefined);
    assert.deepEqual(progress, [{ part: 1, parts: 3, applied: 200 }]);
    assert.equal(emulator.records(ZONE).length, 200, 'exactly part 1 is in the zone');
    assert.equal(posts(emulator), 1, 'part 3 was never sent');
    // Planning again picks up the rest.
    const rest = await sync(ZONE, hosts(450), { ...options, plan: 'free', allowSplit: true });
    assert.equal(rest.applied, true);
    assert.deepEqual(rest.parts.map((p) => operations(p.params)), [200, 50]);
    assert.equal(emulator.records(ZONE).length, 450);
  });
});

test('allowSplit: a failure in part 1 applied nothing and says plan again', async () => {
  await withZone([], async ({ emulator, options }) => {
    const fetch = async (url, init) =>
      init.method === 'POST'
        ? new Response(JSON.stringify({ success: false, errors: [{ code: 81044, message: 'Record does not exist.' }], messages: [], result: null }), { status: 404, headers: { 'content-type': 'application/json' } })
        : globalThis.fetch(url, init);
    const done = await sync(ZONE, hosts(250), { ...options, plan: 'free', allowSplit: true, fetch });
    assert.equal(done.applied, false);
    assert.deepEqual(done.parts.map((p) => p.status), ['failed', 'not_attempted']);
    assert.equal(done.parts[0].error.replan, true);
    assert.match(done.parts[0].error.message, /nothing was applied .*plan again/);
    assert.equal(emulator.records(ZONE).length, 0);
  });
});

test('allowSplit: a name\'s change is never cut, a type change goes first, and dryRun shows the parts without sending', async () => {
  // www goes from three A records to a CNAME (3 deletes + 1 post): it frees records, so it goes
  // first, whole (deletes run before the post inside its batch: the CNAME never stands beside the A
  // records). Then 194 new hosts, then zz (3 A records patched + 1 AAAA posted): 198 + 4 is over
  // 200, so zz goes whole into part 2 rather than being cut.
  const start = [
    ...[1, 2, 3].map((i) => ({ type: 'A', name: 'www.example.com', content: `192.0.2.${i}`, ttl: 1 })),
    ...[1, 2, 3].map((i) => ({ type: 'A', name: 'zz.example.com', content: `192.0.2.${10 + i}`, ttl: 1 })),
  ];
  await withZone(start, async ({ emulator, options }) => {
    const desired = [
      ...hosts(194),
      { type: 'CNAME', name: 'www', content: 'example.net', ttl: 1 },
      ...[1, 2, 3].map((i) => ({ type: 'A', name: 'zz', content: `198.51.100.${i}`, ttl: 1 })),
      { type: 'AAAA', name: 'zz', content: '2001:db8::1', ttl: 1 },
    ];
    const split = { ...options, plan: 'free', allowSplit: true, force: true };
    const dry = await sync(ZONE, desired, { ...split, dryRun: true });
    assert.equal(dry.applied, false);
    assert.deepEqual(dry.parts.map((p) => p.status), ['not_attempted', 'not_attempted']);
    const shape = (p) => [p.params.deletes?.length ?? 0, p.params.patches?.length ?? 0, p.params.posts?.length ?? 0];
    assert.deepEqual(dry.parts.map(shape), [[3, 0, 195], [0, 3, 1]]);
    assert.equal(dry.parts[0].params.posts[0].type, 'CNAME', 'the type change leads part 1');
    assert.ok(dry.parts.every((p) => p.params.zone_id === ZONE));
    assert.equal(posts(emulator), 0);
    const done = await sync(ZONE, desired, split);
    assert.equal(done.applied, true);
    const at = (name) => emulator.records(ZONE).filter((r) => r.name === name).map((r) => `${r.type} ${r.content}`).sort();
    assert.deepEqual(at('www.example.com'), ['CNAME example.net']);
    assert.deepEqual(at('zz.example.com'), ['A 198.51.100.1', 'A 198.51.100.2', 'A 198.51.100.3', 'AAAA 2001:db8::1']);
    assert.equal(emulator.records(ZONE).length, 1 + 4 + 194);
  });
});

test('allowSplit: a name whose change alone is over one batch is refused whole, nothing sent', async () => {
  await withZone([], async ({ emulator, options }) => {
    const desired = Array.from({ length: 250 }, (_, i) => ({ type: 'TXT', name: 'big', content: `"v${i}"`, ttl: 1 }));
    await assert.rejects(sync(ZONE, desired, { ...options, plan: 'free', allowSplit: true }), (e) => {
      assert.ok(e instanceof ValidationError);
      assert.ok(e.issues.some((i) => i.code === 'plan.split.name'));
      assert.match(e.message, /big\.example\.com needs 250 operations/);
      assert.equal(e.plan.summary.create, 250);
      return true;
    });
    assert.equal(posts(emulator), 0);
    await assert.rejects(sync(ZONE, [], { ...options, allowSplit: true, onProgress: 'yes' }), (e) => e instanceof ConfigurationError && e.code === 'options.on_progress.invalid');
  });
});
