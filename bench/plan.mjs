// Planning a 3,500-record zone against 3,500 desired records (10% different) next to
// validateBatch() of a 3,500-record batch, in the same run, on the shared deterministic workload
// (bench/workload/records.mjs). Two ways to plan, both pure and synchronous (no fetch):
// - `zone.plan` — the zone read once with readZone() (what sync() does; the records were listed
//   through the emulator before timing), each plan reading only the desired records;
// - `plan(current, …)` — the listed records passed as an array, read again on every call.
//
//   node --expose-gc bench/plan.mjs [--records 3500] [--rounds 15] [--json out.json]
//   node bench/plan.mjs --write-inputs DIR   writes DIR/plan-{current,desired,policy}.json and exits
//                                           (the native bench, bench/native/plan.rs, reads them)
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeBatch, recordFor, responseRecord, idFor, ZONE, ZONE_ID } from './workload/records.mjs';
import { benchGroup, fmtUs } from './lib/harness.mjs';
import { waitQuiet, loadavg } from './lib/quiet.mjs';

const args = process.argv.slice(2);
const arg = (k, d) => {
  const i = args.indexOf(k);
  return i >= 0 ? args[i + 1] : d;
};
const n = Number(arg('--records', 3500));
const rounds = Number(arg('--rounds', 15));
const jsonOut = arg('--json', null);

// The zone as listRecords gives it, and the desired list: 90% the same records; of the other 10%,
// half change their TTL (a patch) and half are replaced by a record at a new name (a delete and a
// post, scope 'zone').
const current = Array.from({ length: n }, (_, i) => ({ ...responseRecord(idFor(i), recordFor(i)), zone_name: ZONE }));
const desired = Array.from({ length: n }, (_, i) => {
  if (i % 20 === 0) return { ...recordFor(i), ttl: recordFor(i).ttl === 1 ? 3600 : recordFor(i).ttl + 1 };
  if (i % 20 === 10) return recordFor(100_000 + i);
  return recordFor(i);
});
const policy = { zone: ZONE, zoneId: ZONE_ID, scope: 'zone' };

const inputsDir = arg('--write-inputs', null);
if (inputsDir) {
  mkdirSync(inputsDir, { recursive: true });
  for (const [name, value] of Object.entries({ current, desired, policy })) writeFileSync(join(inputsDir, `plan-${name}.json`), JSON.stringify(value));
  process.exit(0);
}
// Imported only here: --write-inputs needs no build of the package.
const { validateBatch } = await import('../pkg/src/node.mjs');
const { plan, readZone, createEmulator } = await import('../pkg/src/zone/node.mjs');
const batchParams = makeBatch(n);

// The same zone in the emulator, read once as sync() reads it.
const emulator = createEmulator({ zones: [{ id: ZONE_ID, name: ZONE, plan: 'enterprise' }] });
emulator.seed(ZONE_ID, current.map(({ id, zone_name, ...record }) => record));
const zone = await readZone(ZONE_ID, { apiToken: 'bench-token-0123456789', fetch: emulator.fetch });
const zonePolicy = { zone: ZONE, scope: 'zone' };

// Sanity: both plans are what the workload says, and the batch validates.
const tenth = n / 20;
for (const planned of [plan(current, desired, policy), zone.plan(desired, zonePolicy)]) {
  const s = planned.summary;
  if (planned.issues.some((i) => i.severity === 'error')) throw new Error(`the plan has errors: ${JSON.stringify(planned.issues.slice(0, 3))}`);
  if (s.update !== tenth || s.delete !== tenth || s.create !== tenth || s.unchanged !== n - 2 * tenth) throw new Error(`unexpected plan: ${JSON.stringify(s)}`);
}
if (validateBatch(batchParams).some((i) => i.severity === 'error')) throw new Error('the batch must validate');
const s = zone.plan(desired, zonePolicy).summary;

const meta = { node: process.version, date: new Date().toISOString(), records: n, rounds, summary: s, loadavgStart: loadavg() };
console.log(JSON.stringify(meta));
let sink = 0;
const rows = await benchGroup(
  [
    { name: 'zone.plan', fn: () => (sink += zone.plan(desired, zonePolicy).changes.length), isAsync: false },
    { name: 'plan(array)', fn: () => (sink += plan(current, desired, policy).changes.length), isAsync: false },
    { name: 'validateBatch', fn: () => (sink += validateBatch(batchParams).length), isAsync: false },
  ],
  { rounds, roundMs: 300, beforeRound: () => waitQuiet({ maxWaitMs: 10_000 }) },
);
const [p, a, v] = rows;
for (const r of rows) console.log(`${String(n).padStart(5)} ${r.name.padEnd(14)} min ${fmtUs(r.minUs).padStart(9)}  median ${fmtUs(r.medianUs).padStart(9)}  per-record ${(r.medianUs / n).toFixed(2)} µs`);
const ratio = { min: p.minUs / v.minUs, median: p.medianUs / v.medianUs };
const arrayRatio = { min: a.minUs / v.minUs, median: a.medianUs / v.medianUs };
console.log(`zone.plan / validateBatch: ${ratio.min.toFixed(2)}x (min), ${ratio.median.toFixed(2)}x (median); target <= 2x`);
console.log(`plan(array) / validateBatch: ${arrayRatio.min.toFixed(2)}x (min), ${arrayRatio.median.toFixed(2)}x (median)`);
meta.loadavgEnd = loadavg();
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ meta, results: rows.map(({ samples, ...r }) => r), ratio, arrayRatio }, null, 1));
if (sink < 0) console.log(sink);
