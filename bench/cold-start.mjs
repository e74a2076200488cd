// Cold start in Node: a fresh process that imports the package and makes its first call, against a
// bare process, and against the official SDK's require. Runs one command at a time, min and median.
//   node bench/cold-start.mjs [--runs 20] [--json out.json]
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median } from './lib/harness.mjs';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 20);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const root = fileURLToPath(new URL('..', import.meta.url));
const record = `{type:'A',name:'www.example.com',content:'192.0.2.1',ttl:1}`;

const commands = {
  'node (bare, CJS)': ['-e', ''],
  'node (bare, ESM)': ['--input-type=module', '-e', ''],
  'cf-dns-batch import + validateRecord': ['--input-type=module', '-e', `import { validateRecord } from '${root}pkg/src/node.mjs'; validateRecord(${record});`],
  'cf-dns-batch require + validateRecord': ['-e', `require('${root}pkg/dist/node.cjs').validateRecord(${record});`],
  'cloudflare SDK require + new client': ['-e', `const C = require('cloudflare'); new C({ apiToken: 't' });`],
};

function time(argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const rows = [];
for (const [name, argv] of Object.entries(commands)) {
  for (let i = 0; i < 3; i++) time(argv); // warm the file cache
  const ms = [];
  for (let i = 0; i < runs; i++) ms.push(time(argv));
  rows.push({ name, minMs: Math.min(...ms), medianMs: median(ms) });
}
const bareCjs = rows[0];
const bareEsm = rows[1];
for (const r of rows) {
  const base = r.name.includes('require') || r.name.includes('CJS') ? bareCjs : bareEsm;
  r.overMinMs = r.minMs - base.minMs;
  r.overMedianMs = r.medianMs - base.medianMs;
  console.log(`${r.name.padEnd(40)} min ${r.minMs.toFixed(1).padStart(7)} ms  median ${r.medianMs.toFixed(1).padStart(7)} ms  over bare: +${r.overMinMs.toFixed(1)} / +${r.overMedianMs.toFixed(1)} ms`);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ node: process.version, date: new Date().toISOString(), runs, rows }, null, 1));
