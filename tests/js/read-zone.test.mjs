// readZone(): a zone read once and planned against many times, against the emulator over real HTTP
// on 127.0.0.1. Its plans must be exactly plan()'s of the same records, however the module keeps
// (or loses) the listing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readZone, listRecords, plan, InternalError, ValidationError } from '../../pkg/src/zone/node.mjs';
import { withZone } from './support/zone-server.mjs';
import { ZONE } from './support/emulator.mjs';

const host = (i) => ({ type: 'A', name: `h${i}.example.com`, content: `10.0.${i >> 8}.${i & 255}`, ttl: 1 });
const START = [host(1), host(2), host(3), { type: 'TXT', name: 'example.com', content: '"v=spf1 -all"', ttl: 300 }, { type: 'MX', name: 'example.com', content: 'mx.example.com', priority: 10, ttl: 1 }];
const DESIRED = [
  { type: 'A', name: 'h1', content: '10.0.0.1', ttl: 600 },
  { type: 'A', name: 'h2', content: '10.0.0.2' },
  { type: 'CNAME', name: 'h3', content: 'h1.example.com' },
  { type: 'TXT', name: '@', content: 'v=spf1 -all', ttl: 300 },
];
const POLICY = { zone: 'example.com', scope: 'zone', force: true };
const copy = (value) => JSON.parse(JSON.stringify(value));

// The real zone module, except that `planHeld` traps (the way a Rust panic does in WebAssembly)
// when `trap.next` is set; `surface(wasm)` builds the package's surface over it, counting resets.
async function trappingModule() {
  const { createSurface } = await import('../../pkg/src/surface.js');
  const real = await import('../../pkg/dist/zone/cf_dns_batch.js');
  const trap = { next: false, resets: 0 };
  const wasm = {
    ...real,
    planHeld(...args) {
      if (trap.next) {
        trap.next = false;
        throw new WebAssembly.RuntimeError('unreachable');
      }
      return real.planHeld(...args);
    },
  };
  const surface = (over) => createSurface(over, () => (trap.resets++, real.__wbg_reset_state()), undefined, { zone: true });
  return { real, wasm, trap, surface };
}

test('a zone read once plans exactly as plan() of the same records, and is not read again', async () => {
  await withZone(START, async ({ emulator, options }) => {
    const zone = await readZone(ZONE, options);
    assert.equal(zone.zoneId, ZONE);
    const listed = await listRecords(ZONE, options);
    assert.deepEqual(copy(zone.records), listed);
    const gets = emulator.requests.length;
    const fromZone = zone.plan(DESIRED, POLICY);
    const fromArray = plan(listed, DESIRED, { ...POLICY, zoneId: ZONE });
    assert.deepEqual(copy(fromZone), fromArray);
    // h1's ttl patched; h3 A -> CNAME replaced; the apex MX deleted (scope "zone"); h2 (no ttl
    // asked) and the TXT (quoted or not) unchanged.
    assert.deepEqual(fromZone.summary, { create: 0, update: 1, replace: 1, delete: 1, unchanged: 2, managed: 5, operations: 4 });
    assert.equal(fromZone.params.zone_id, ZONE, "the snapshot's zone id is the plan's default");
    // A change shows the listed record itself: the snapshot's own, frozen.
    const update = fromZone.changes.find((c) => c.action === 'update' && c.name === 'h1.example.com');
    assert.ok(zone.records.includes(update.before));
    assert.deepEqual(update.fields, ['ttl']);
    // Planned again (other desired records, another policy): the same answers, no request.
    assert.deepEqual(zone.plan(DESIRED, POLICY), fromZone);
    assert.deepEqual(zone.plan([], { zone: 'example.com' }).summary.operations, 0);
    assert.deepEqual(copy(zone.plan(DESIRED.slice(0, 1), { zone: 'example.com' })), plan(listed, DESIRED.slice(0, 1), { zone: 'example.com', zoneId: ZONE }));
    assert.equal(emulator.requests.length, gets);
  });
});

test("a snapshot's records are frozen: the zone as it was read", async () => {
  await withZone(START, async ({ options }) => {
    const zone = await readZone(ZONE, options);
    assert.ok(Object.isFrozen(zone) && Object.isFrozen(zone.records) && zone.records.every(Object.isFrozen));
    assert.throws(() => {
      zone.records[0].ttl = 5;
    }, TypeError);
    assert.throws(() => zone.records.push(host(9)), TypeError);
    assert.ok(zone.records.every((r) => Object.isFrozen(r.meta ?? {}) && Object.isFrozen(r.tags ?? [])));
    // A copy is a plain record again, to change and plan with.
    const changed = { ...zone.records[0], ttl: 5 };
    assert.equal(changed.ttl, 5);
  });
});

test('more snapshots than the module keeps: each still plans the same, read again from its records', async () => {
  await withZone(START, async ({ options }) => {
    const zones = [];
    for (let i = 0; i < 6; i++) zones.push(await readZone(ZONE, options));
    const expected = plan(copy(zones[0].records), DESIRED, { ...POLICY, zoneId: ZONE });
    for (const zone of [...zones, ...zones.reverse()]) assert.deepEqual(copy(zone.plan(DESIRED, POLICY)), expected);
  });
});

test('a trap in the module loses the kept listing; the next plan reads it again and is the same', async () => {
  const { wasm, trap, surface: over } = await trappingModule();
  const surface = over(wasm);
  await withZone(START, async ({ options }) => {
    const zone = await surface.readZone(ZONE, options);
    const expected = zone.plan(DESIRED, POLICY);
    trap.next = true;
    assert.throws(() => zone.plan(DESIRED, POLICY), (e) => e instanceof InternalError);
    assert.equal(trap.resets, 1);
    // The module was re-instantiated: what it kept is gone, and the snapshot holds it again.
    assert.deepEqual(zone.plan(DESIRED, POLICY), expected);
    // Another snapshot made after the reset does not take the lost one's place.
    const other = await surface.readZone(ZONE, options);
    assert.deepEqual(other.plan(DESIRED, POLICY), expected);
    assert.deepEqual(zone.plan(DESIRED, POLICY), expected);
  });
});

test('bad input to a snapshot plan is an issue, as with plan()', async () => {
  await withZone(START, async ({ options }) => {
    const zone = await readZone(ZONE, options);
    const notArray = zone.plan({ type: 'A' }, POLICY);
    assert.equal(notArray.params, null);
    assert.deepEqual(notArray.issues.map((i) => i.code), ['plan.desired.type']);
    const badPolicy = zone.plan(DESIRED, 'zone');
    assert.equal(badPolicy.params, null);
    assert.ok(badPolicy.issues.some((i) => i.code === 'plan.policy.invalid' && i.pointer === '/policy'));
    assert.throws(() => zone.plan([{ toJSON() { throw new Error('no'); } }]), (e) => e instanceof ValidationError && e.issues[0].code === 'plan.desired.json');
  });
});

test('a listing too large to keep (the module renewed right after reading it) is planned from its text, the same', async () => {
  const { createSurface } = await import('../../pkg/src/surface.js');
  const real = await import('../../pkg/dist/zone/cf_dns_batch.js');
  let justHeld = false;
  const calls = { holdListing: 0, planHeld: 0, planJson: 0 };
  const counted = (name) => (...args) => {
    calls[name]++;
    justHeld = name === 'holdListing';
    return real[name](...args);
  };
  // The module, except that right after reading a listing its memory looks far beyond normal
  // work, as a huge zone's would: the boundary renews it between calls.
  const wasm = { ...real, holdListing: counted('holdListing'), planHeld: counted('planHeld'), planJson: counted('planJson'), memoryBytes: () => (justHeld ? 1 << 30 : real.memoryBytes()) };
  let resets = 0;
  const surface = createSurface(
    wasm,
    () => {
      resets++;
      justHeld = false;
      real.__wbg_reset_state();
    },
    undefined,
    { zone: true },
  );
  await withZone(START, async ({ options }) => {
    const zone = await surface.readZone(ZONE, options);
    // Held, renewed; held once more on the fresh module (the first renewal may have been for
    // other listings), renewed again: too large to keep.
    assert.equal(resets, 2);
    const expected = plan(copy(zone.records), DESIRED, { ...POLICY, zoneId: ZONE });
    const planned = zone.plan(DESIRED, POLICY);
    assert.deepEqual(copy(planned), expected);
    assert.ok(planned.changes.filter((c) => c.before).every((c) => zone.records.includes(c.before)), "the snapshot's own records");
    assert.deepEqual(copy(zone.plan(DESIRED, POLICY)), expected);
    // Never held again; each plan reads the text.
    assert.deepEqual(calls, { holdListing: 2, planHeld: 0, planJson: 2 });
  });
});

test("two surfaces over one module: a reset through one never lets the other's snapshot plan against another listing", async () => {
  const { real, wasm, trap, surface } = await trappingModule();
  // Two entries over one instance, as `cf-dns-batch/zone` and `cf-dns-batch/zone/manual` are.
  const one = surface(real);
  const two = surface(wasm);
  const OTHER = [host(7), host(8), { type: 'TXT', name: 'example.com', content: '"other"', ttl: 1 }];
  await withZone(START, async ({ options }) => {
    await withZone(OTHER, async ({ options: otherOptions }) => {
      const a = await one.readZone(ZONE, options);
      const expected = a.plan(DESIRED, POLICY);
      const b = await two.readZone(ZONE, otherOptions);
      trap.next = true;
      assert.throws(() => b.plan(DESIRED, POLICY), (e) => e instanceof InternalError);
      // The instance is new; `one` never saw it happen. Another listing is read into it...
      const c = await two.readZone(ZONE, otherOptions);
      assert.notDeepEqual(c.plan(DESIRED, POLICY).summary, expected.summary);
      // ...and `a` still plans against its own records.
      assert.deepEqual(a.plan(DESIRED, POLICY), expected);
    });
  });
});
