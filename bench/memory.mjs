// Peak RSS of a fresh process doing 1,000 sequential batch() calls of 200 records, per variant.
//   node bench/memory.mjs <variant>        (prints {variant, maxRssMiB})   variants: idle, raw, sdk, cf-dns-batch
//   node bench/memory.mjs --all [--json out.json]
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeBatch, makeResponse, capturingFetch } from './workload/records.mjs';

const CALLS = 1000;
const SIZE = 200;
const variant = process.argv[2];

if (variant === '--all') {
  const rows = [];
  for (const v of ['idle', 'raw', 'sdk', 'cf-dns-batch']) {
    const mib = [];
    for (let k = 0; k < 3; k++) {
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), v], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      mib.push(JSON.parse(r.stdout).maxRssMiB);
    }
    rows.push({ variant: v, maxRssMiB: Math.min(...mib) });
    console.log(`${v.padEnd(14)} peak RSS ${Math.min(...mib).toFixed(1)} MiB (min of 3 runs)`);
  }
  const i = process.argv.indexOf('--json');
  if (i > 0) writeFileSync(process.argv[i + 1], JSON.stringify(rows, null, 1));
} else {
  const params = makeBatch(SIZE);
  const text = JSON.stringify(makeResponse(SIZE));
  const f = capturingFetch(text);
  let call = async () => {};
  if (variant === 'raw') {
    call = async () => {
      const { zone_id, ...b } = params;
      const r = await f(`https://api.cloudflare.com/client/v4/zones/${zone_id}/dns_records/batch`, { method: 'POST', body: JSON.stringify(b) });
      return (await r.json()).result;
    };
  } else if (variant === 'sdk') {
    const { default: Cloudflare } = await import('cloudflare');
    const client = new Cloudflare({ apiToken: 't', fetch: f, maxRetries: 0 });
    call = () => client.dns.records.batch(params);
  } else if (variant === 'cf-dns-batch') {
    const { batch } = await import('../pkg/src/node.mjs');
    call = () => batch(params, { apiToken: 't', fetch: f });
  }
  for (let i = 0; i < CALLS; i++) await call();
  console.log(JSON.stringify({ variant, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
}
