// Size of what users ship: the .wasm and the JS of each entry, raw, gzip (-9) and brotli (11).
//   node bench/size.mjs [--json out.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const files = {
  '.wasm (shared by every entry)': 'pkg/dist/web/cf_dns_batch_bg.wasm',
  'wasm-bindgen glue (web)': 'pkg/dist/web/cf_dns_batch.js',
  'JS layer (api.js + errors.js)': ['pkg/src/api.js', 'pkg/src/errors.js'],
  'emulator.js': 'pkg/src/emulator.js',
  'entry: node.mjs': 'pkg/src/node.mjs',
  'entry: workerd.mjs': 'pkg/src/workerd.mjs',
  'entry: browser.mjs': 'pkg/src/browser.mjs',
  'CommonJS bundle (node.cjs)': 'pkg/dist/node.cjs',
};
const rows = [];
for (const [name, paths] of Object.entries(files)) {
  const buf = Buffer.concat([].concat(paths).map((p) => readFileSync(new URL(`../${p}`, import.meta.url))));
  const gz = gzipSync(buf, { level: 9 }).length;
  const br = brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  rows.push({ name, raw: buf.length, gzip: gz, brotli: br });
  console.log(`${name.padEnd(34)} ${String(buf.length).padStart(8)} B  gzip ${String(gz).padStart(7)}  brotli ${String(br).padStart(7)}`);
}
const i = process.argv.indexOf('--json');
if (i > 0) writeFileSync(process.argv[i + 1], JSON.stringify(rows, null, 1));
