// Writes the deterministic benchmark workload (the same generator the official SDK was measured
// with, so both sides do byte-identical work) and checks it against fixtures.sha256:
//   fixtures/batch-<n>.params.json    argument to batch() (zone_id + arrays)
//   fixtures/batch-<n>.request.json   body on the wire (== JSON.stringify(body))
//   fixtures/batch-<n>.response.json  canned success response
//   node bench/workload/gen-fixtures.mjs <outdir>
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { makeBatch, bodyOf, makeResponse, SIZES } from './records.mjs';

const out = process.argv[2] ?? 'bench/fixtures';
mkdirSync(out, { recursive: true });
const lines = [];
for (const n of SIZES) {
  const p = makeBatch(n);
  const files = {
    [`batch-${n}.params.json`]: JSON.stringify(p),
    [`batch-${n}.request.json`]: JSON.stringify(bodyOf(p)),
    [`batch-${n}.response.json`]: JSON.stringify(makeResponse(n)),
  };
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(`${out}/${name}`, text);
    lines.push(`${createHash('sha256').update(text).digest('hex')}  ${name}`);
  }
}
const pinned = readFileSync(new URL('./fixtures.sha256', import.meta.url), 'utf8');
if (pinned !== lines.join('\n') + '\n') {
  console.error('the workload differs from fixtures.sha256');
  process.exit(1);
}
