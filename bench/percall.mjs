// Per-call cost of batch() against the official SDK, a hand-written fetch and the JSON floor, on
// the shared deterministic workload, with a capturing fetch (no network). Variants of one size run
// in interleaved rounds, so a busy spell on the shared machine hits all of them alike.
//
//   node --expose-gc bench/percall.mjs [--sizes 1,10,200,1000,3500] [--rounds 21] [--json out.json]
import { writeFileSync } from 'node:fs';
import Cloudflare from 'cloudflare';
import { batch, validateBatch } from '../pkg/src/node.mjs';
import { makeBatch, bodyOf, makeResponse, capturingFetch, SIZES } from './workload/records.mjs';
import { benchGroup, fmtUs, median } from './lib/harness.mjs';
import { waitQuiet, loadavg } from './lib/quiet.mjs';

const args = process.argv.slice(2);
const arg = (k, d) => {
  const i = args.indexOf(k);
  return i >= 0 ? args[i + 1] : d;
};
const sizes = arg('--sizes', SIZES.join(',')).split(',').map(Number);
const rounds = Number(arg('--rounds', 21));
const jsonOut = arg('--json', null);

const meta = { node: process.version, date: new Date().toISOString(), gc: !!globalThis.gc, rounds, loadavgStart: loadavg() };
console.log(JSON.stringify(meta));

let idles = [];
const opts = {
  rounds,
  beforeRound: async () => {
    const q = await waitQuiet({ maxWaitMs: 10_000 });
    idles.push(q.idle);
  },
};

const results = [];
function report(rows, n) {
  const seen = idles.filter((x) => x !== null);
  const idleMedian = seen.length ? median(seen) : null;
  for (const r of rows) {
    const { samples, ...row } = r;
    results.push({ ...row, n, perRecordMinUs: r.minUs / n, perRecordMedianUs: r.medianUs / n, idleMedian });
    console.log(
      `${String(n).padStart(5)} ${r.name.padEnd(16)} min ${fmtUs(r.minUs).padStart(10)}  median ${fmtUs(r.medianUs).padStart(10)}  per-record ${(r.minUs / n).toFixed(3)}/${(r.medianUs / n).toFixed(3)} µs  (idle ${idleMedian})`,
    );
  }
  idles = [];
}

for (const n of sizes) {
  const params = makeBatch(n);
  const body = bodyOf(params);
  const responseText = JSON.stringify(makeResponse(n));
  const expected = JSON.parse(responseText).result;

  const fOurs = capturingFetch(responseText);
  const ours = { apiToken: 'bench-token', fetch: fOurs };
  const fSdk = capturingFetch(responseText);
  const client = new Cloudflare({ apiToken: 'bench-token', fetch: fSdk, maxRetries: 0 });
  const fRaw = capturingFetch(responseText);
  const url = `https://api.cloudflare.com/client/v4/zones/${params.zone_id}/dns_records/batch`;
  const rawHeaders = { 'content-type': 'application/json', accept: 'application/json', authorization: 'Bearer bench-token' };
  async function rawBatch(p) {
    const { zone_id, ...b } = p;
    const r = await fRaw(url, { method: 'POST', headers: rawHeaders, body: JSON.stringify(b) });
    if (!r.ok) throw new Error(String(r.status));
    return (await r.json()).result;
  }

  // Sanity: every variant sends the same bytes and gets the same result.
  const mine = await batch(params, ours);
  await client.dns.records.batch(params);
  await rawBatch(params);
  const sent = JSON.parse(fOurs.lastInit.body);
  if (JSON.stringify(sent) !== JSON.stringify(JSON.parse(fSdk.lastInit.body))) {
    // Same records, possibly different key order: compare as sets of key/value pairs.
    const canon = (v) => JSON.stringify(v, (k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));
    if (canon(sent) !== canon(body)) throw new Error('cf-dns-batch sends a different body');
  }
  for (const k of ['deletes', 'patches', 'puts', 'posts']) if (mine[k].length !== (expected[k] ?? []).length) throw new Error(`result ${k} differs`);
  if (validateBatch(params).some((i) => i.severity === 'error')) throw new Error('the workload must validate');

  let sink = 0;
  report(
    await benchGroup(
      [
        { name: 'cf-dns-batch', fn: () => batch(params, ours) },
        { name: 'sdk', fn: () => client.dns.records.batch(params) },
        { name: 'raw-fetch', fn: () => rawBatch(params) },
        {
          name: 'json-floor',
          fn: () => {
            sink += JSON.stringify(body).length + (JSON.parse(responseText).success ? 1 : 0);
          },
          isAsync: false,
        },
        {
          name: 'validateBatch',
          fn: () => {
            sink += validateBatch(params).length;
          },
          isAsync: false,
        },
      ],
      opts,
    ),
    n,
  );
  if (sink < 0) console.log(sink);
}

meta.loadavgEnd = loadavg();
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ meta, results }, null, 1));
