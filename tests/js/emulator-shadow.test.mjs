// Shadow metadata (`include_shadow_metadata=true`): what it says on a small zone, and that a zone
// with thousands of delegations answers in time linear in its records (the metadata is computed
// synchronously, inside the request).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEmulator } from '../../pkg/src/node.mjs';
import { ZONE, call } from './support/emulator.mjs';

const list = (emulator, query = '') => call(emulator, 'GET', `/zones/${ZONE}/dns_records?include_shadow_metadata=true&per_page=1000${query}`);

test('shadow metadata on a small zone: shadowed_by, is_glue, shadowed_records_count', async () => {
  const emulator = createEmulator();
  const [apexNs, sub, sub2, ds, glue, below, deep, beside, other, lookalike, inner] = emulator.seed(ZONE, [
    { type: 'NS', name: '@', content: 'ns1.cloudflare.example', ttl: 1 }, // the apex is no delegation
    { type: 'NS', name: 'sub', content: 'ns1.sub.example.com', ttl: 1 },
    { type: 'NS', name: 'sub', content: 'ns2.example.net', ttl: 1 },
    { type: 'DS', name: 'sub', ttl: 1, data: { key_tag: 2371, algorithm: 13, digest_type: 2, digest: '1F987CC6583E92DF0890718C42C9AB4DB5A9CA4EF5C31AFA4F8CE2C43CA04A1D' } },
    { type: 'A', name: 'ns1.sub', content: '192.0.2.53', ttl: 1 },
    { type: 'TXT', name: 'x.sub', content: '"below"', ttl: 1 },
    { type: 'AAAA', name: 'a.in.sub', content: '2001:db8::1', ttl: 1 },
    { type: 'TXT', name: 'sub', content: '"at the cut"', ttl: 1 },
    { type: 'A', name: 'www', content: '192.0.2.80', ttl: 1 },
    { type: 'A', name: 'notsub', content: '192.0.2.81', ttl: 1 }, // ends with "sub", not with ".sub"
    { type: 'NS', name: 'in.sub', content: 'ns.in.sub.example.com', ttl: 1 }, // a delegation below a delegation
  ]);
  const res = await list(emulator);
  assert.equal(res.status, 200);
  const meta = new Map(res.body.result.map((r) => [r.id, r.meta]));
  const by = (r) => meta.get(r.id).shadowed_by;
  assert.deepEqual(by(apexNs), []);
  assert.deepEqual(by(sub), [], 'the NS records of a delegation are not shadowed by it');
  assert.deepEqual(by(sub2), []);
  assert.deepEqual(by(ds), [], 'nor is its DS');
  assert.deepEqual(by(glue), [sub.id, sub2.id], 'every NS of the cut, in zone order');
  assert.deepEqual(by(below), [sub.id, sub2.id]);
  assert.deepEqual(by(deep), [sub.id, sub2.id, inner.id], 'below two cuts: shadowed by both');
  assert.deepEqual(by(beside), [sub.id, sub2.id], 'another type at the cut itself is shadowed');
  assert.deepEqual(by(other), []);
  assert.deepEqual(by(lookalike), []);
  assert.deepEqual(by(inner), [sub.id, sub2.id], 'an NS below another cut is shadowed by it');
  assert.deepEqual(
    [glue, below, beside, other].map((r) => meta.get(r.id).is_glue),
    [true, false, false, false],
    'glue: an address record an NS of its cut points at',
  );
  // Records below or beside the cut, counted once however many NS records make it.
  assert.equal(meta.get(sub.id).shadowed_records_count, 5); // glue, below, deep, beside, inner
  assert.equal(meta.get(sub2.id).shadowed_records_count, 5);
  assert.equal(meta.get(inner.id).shadowed_records_count, 1); // deep
  assert.equal(meta.get(apexNs.id).shadowed_records_count, undefined, 'the apex NS makes no cut');
  assert.equal(meta.get(glue.id).shadowed_records_count, undefined);
  // Without the flag: no metadata at all.
  const plain = await call(emulator, 'GET', `/zones/${ZONE}/dns_records`);
  assert.ok(plain.body.result.every((r) => Object.keys(r.meta).length === 0));
});

// 2,000 delegations with glue: the answer pages 1,000 records, each NS needs its count over the
// whole zone. The metadata is computed synchronously, which would block this thread's timers, so
// the zone lives in a worker: super-linear work there runs into the test's timeout (the failure
// signal) instead of stalling the run.
const WORKER = `
import { parentPort } from 'node:worker_threads';
import { createEmulator } from ${JSON.stringify(new URL('../../pkg/src/node.mjs', import.meta.url).href)};
const ZONE = ${JSON.stringify(ZONE)};
const emulator = createEmulator();
const seeded = [];
for (let i = 0; i < 2000; i++) {
  seeded.push({ type: 'NS', name: 'd' + i, content: 'ns.d' + i + '.example.com', ttl: 1 });
  seeded.push({ type: 'A', name: 'ns.d' + i, content: '192.0.2.1', ttl: 1 });
}
seeded.push({ type: 'A', name: 'www', content: '192.0.2.2', ttl: 1 });
emulator.seed(ZONE, seeded);
const pages = [];
for (const page of [1, 4, 5]) {
  const res = await emulator.fetch('https://api.cloudflare.com/client/v4/zones/' + ZONE + '/dns_records?include_shadow_metadata=true&per_page=1000&page=' + page, { headers: { authorization: 'Bearer t' } });
  pages.push({ status: res.status, body: await res.json() });
}
parentPort.postMessage(pages);
`;

test('shadow metadata over 2,000 delegations is computed in near-linear time', { timeout: 30_000 }, async (t) => {
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(WORKER)}`));
  // A timed-out worker must not keep the run alive: end it when the test is given up.
  t.signal.addEventListener('abort', () => worker.terminate(), { once: true });
  const pages = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  assert.deepEqual(pages.map((p) => [p.status, p.body.result.length]), [[200, 1000], [200, 1000], [200, 1]]);
  for (const r of pages.flatMap((p) => p.body.result)) {
    if (r.type === 'NS') {
      assert.equal(r.meta.shadowed_records_count, 1, r.name);
      assert.deepEqual(r.meta.shadowed_by, []);
    } else if (r.name === 'www.example.com') {
      assert.deepEqual([r.meta.shadowed_by, r.meta.is_glue], [[], false]);
    } else {
      assert.equal(r.meta.shadowed_by.length, 1, r.name);
      assert.equal(r.meta.is_glue, true, r.name);
    }
  }
});
