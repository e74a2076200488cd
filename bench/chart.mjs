// Draws µs per record against batch size (log-log) for the four variants of a percall.mjs run.
//   node bench/chart.mjs bench/results/percall.json docs/bench-per-record.svg
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
const { meta, results } = JSON.parse(readFileSync(input, 'utf8'));
const variants = [
  ['cf-dns-batch', '#f38020'],
  ['sdk', '#5b6abf'],
  ['raw-fetch', '#3a9a5b'],
  ['json-floor', '#888888'],
];
const W = 720, H = 420, L = 70, R = 150, T = 40, B = 50;
const sizes = [...new Set(results.map((r) => r.n))].sort((a, b) => a - b);
const values = results.filter((r) => variants.some(([v]) => v === r.name)).map((r) => r.perRecordMinUs);
const lx = (n) => L + ((Math.log10(n) - Math.log10(sizes[0])) / (Math.log10(sizes.at(-1)) - Math.log10(sizes[0]))) * (W - L - R);
const lo = Math.floor(Math.log10(Math.min(...values))), hi = Math.ceil(Math.log10(Math.max(...values)));
const ly = (v) => T + (1 - (Math.log10(v) - lo) / (hi - lo)) * (H - T - B);
const out = [];
out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`);
out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
out.push(`<text x="${L}" y="22" font-size="14">µs per record (min of rounds) against batch size — Node ${meta.node}, ${meta.date.slice(0, 10)}</text>`);
for (let e = lo; e <= hi; e++) {
  const y = ly(10 ** e);
  out.push(`<line x1="${L}" x2="${W - R}" y1="${y}" y2="${y}" stroke="#ddd"/><text x="${L - 8}" y="${y + 4}" text-anchor="end">${10 ** e}</text>`);
}
for (const n of sizes) {
  const x = lx(n);
  out.push(`<line x1="${x}" x2="${x}" y1="${T}" y2="${H - B}" stroke="#eee"/><text x="${x}" y="${H - B + 18}" text-anchor="middle">${n}</text>`);
}
out.push(`<text x="${(L + W - R) / 2}" y="${H - 10}" text-anchor="middle">records per batch</text>`);
variants.forEach(([name, color], k) => {
  const pts = sizes.map((n) => results.find((r) => r.name === name && r.n === n)).filter(Boolean).map((r) => `${lx(r.n).toFixed(1)},${ly(r.perRecordMinUs).toFixed(1)}`);
  out.push(`<polyline fill="none" stroke="${color}" stroke-width="2.5" points="${pts.join(' ')}"/>`);
  for (const p of pts) out.push(`<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="3" fill="${color}"/>`);
  out.push(`<rect x="${W - R + 15}" y="${T + 10 + k * 22}" width="14" height="4" fill="${color}"/><text x="${W - R + 35}" y="${T + 16 + k * 22}">${name}</text>`);
});
out.push('</svg>');
writeFileSync(output, out.join('\n') + '\n');
