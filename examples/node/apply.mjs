// Applies a change file to a zone in ONE atomic batch and shows the zone before and after.
//
//   node examples/node/apply.mjs examples/node/changes.json
//
// Without CLOUDFLARE_API_TOKEN and CLOUDFLARE_ZONE_ID it runs against an in-process emulator holding
// a small example.com zone; with both set, against Cloudflare (CLOUDFLARE_BASE_URL overrides the
// API address). The token is only ever handed to the client, never printed.
import { readFile } from 'node:fs/promises';
import { batch, createEmulator, validateBatch, ApiError, CloudflareDnsError, ValidationError } from '../../pkg/src/node.mjs';

const DEMO_ZONE = { id: '023e105f4ecef8ad9ca31a8372d0c353', name: 'example.com' };
const DEMO_RECORDS = [
  { type: 'A', name: '@', content: '192.0.2.10', ttl: 1, proxied: true },
  { type: 'CNAME', name: 'www', content: 'example.com', ttl: 1, proxied: true },
  { type: 'TXT', name: '@', content: '"v=spf1 -all"', ttl: 3600 },
];
// Two mistakes the client catches before anything is sent: an octet over 255 and a TTL of 10 s.
const INVALID = { type: 'A', name: 'api', content: '192.0.2.256', ttl: 10 };

/** Where to send: Cloudflare when both variables are set, else a seeded local emulator. */
function connect() {
  const { CLOUDFLARE_API_TOKEN: token, CLOUDFLARE_ZONE_ID: zoneId, CLOUDFLARE_BASE_URL: baseURL } = process.env;
  if (token && zoneId) return { label: `Cloudflare, zone ${zoneId}`, zoneId, options: { apiToken: token, baseURL } };
  if (token || zoneId) throw new Error('set both CLOUDFLARE_API_TOKEN and CLOUDFLARE_ZONE_ID to use Cloudflare, or neither to use the local emulator');
  const emulator = createEmulator();
  emulator.seed(DEMO_ZONE.id, DEMO_RECORDS);
  return { label: `local emulator, zone ${DEMO_ZONE.name}`, zoneId: DEMO_ZONE.id, options: { apiToken: 'local-demo', fetch: emulator.fetch } };
}

/** Every record of the zone (GET /dns_records, all pages), through the same fetch and credentials. */
async function listRecords({ zoneId, options }) {
  const base = options.baseURL ?? 'https://api.cloudflare.com/client/v4';
  const send = options.fetch ?? fetch;
  const records = [];
  for (let page = 1; ; page++) {
    const res = await send(`${base}/zones/${zoneId}/dns_records?per_page=5000&page=${page}`, { headers: { authorization: `Bearer ${options.apiToken}` }, signal: AbortSignal.timeout(30_000) });
    const body = await res.json().catch(() => null);
    if (!body?.success) throw new Error(`listing the zone failed: HTTP ${res.status} ${body?.errors?.map((e) => `${e.code} ${e.message}`).join('; ') ?? ''}`);
    records.push(...body.result);
    if (page >= (body.result_info?.total_pages ?? 1)) return records;
  }
}

// Deletes by name + type (and optionally content) are what people write; the API wants ids.
function resolveDeletes(deletes = [], records) {
  const fold = (name) => String(name).toLowerCase().replace(/\.$/, '');
  return deletes.flatMap((want) => {
    if (want.id) return [{ id: want.id }];
    const found = records.filter((r) => fold(r.name) === fold(want.name) && r.type === String(want.type).toUpperCase() && (want.content === undefined || r.content === want.content));
    if (!found.length) throw new Error(`nothing to delete: no ${want.type} record named ${want.name}`);
    return found.map((r) => ({ id: r.id }));
  });
}

const value = (r) => (r.priority !== undefined && ['MX', 'SRV', 'URI'].includes(r.type) ? `${r.priority} ${r.content}` : r.content);
const cut = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Aligned columns, sorted by name then type, so two tables compare at a glance. */
function table(title, records) {
  const rows = [...records]
    .sort((a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type))
    .map((r) => [r.type, r.name, cut(value(r), 56), r.ttl === 1 ? 'auto' : String(r.ttl), r.proxied ? 'yes' : 'no']);
  const all = [['TYPE', 'NAME', 'CONTENT', 'TTL', 'PROXIED'], ...rows];
  const widths = all[0].map((_, i) => Math.max(...all.map((row) => row[i].length)));
  console.log(`\n${title} (${records.length} records)`);
  for (const row of all) console.log(`  ${row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()}`);
}

function line(sign, r) {
  console.log(`  ${sign} ${r.type.padEnd(6)} ${r.name.padEnd(26)} ${cut(value(r), 56)}`);
}

function printIssues(issues) {
  const shown = issues.map((i) => [i.pointer || '(batch)', i.code, i.severity, i.message]);
  const widths = [0, 1].map((c) => Math.max(...shown.map((s) => s[c].length)));
  for (const [pointer, code, severity, message] of shown) console.log(`  ${pointer.padEnd(widths[0])}  ${code.padEnd(widths[1])}  ${severity}: ${message}`);
}

async function main(file) {
  if (!file) throw new Error('usage: node examples/node/apply.mjs <changes.json>');
  const changes = JSON.parse(await readFile(file, 'utf8'));
  const target = connect();
  console.log(`cf-dns-batch: ${target.label}`);

  const before = await listRecords(target);
  table('Before', before);

  const params = { zone_id: target.zoneId, deletes: resolveDeletes(changes.deletes, before), patches: changes.patches, puts: changes.puts, posts: changes.posts ?? [] };
  const warnings = validateBatch(params).filter((i) => i.severity === 'warning');
  if (warnings.length) {
    console.log('\nAdvice (does not block sending):');
    printIssues(warnings);
  }
  const result = await batch(params, target.options);
  const singular = { deletes: 'delete', patches: 'patch', puts: 'put', posts: 'post' };
  const counts = Object.entries(singular).filter(([k]) => result[k].length).map(([k, one]) => `${result[k].length} ${result[k].length === 1 ? one : k}`);
  console.log(`\nApplied in one atomic batch (${counts.join(', ')}):`);
  for (const r of result.deletes) line('-', r);
  for (const r of [...result.patches, ...result.puts]) line('~', r);
  for (const r of result.posts) line('+', r);
  // The answer must account for every post; say so loudly if it does not.
  const missing = params.posts.map((p) => String(p.type).toUpperCase());
  for (const r of result.posts) if (missing.includes(r.type)) missing.splice(missing.indexOf(r.type), 1);
  if (missing.length) console.log(`  warning: ${missing.length} of ${params.posts.length} posts are missing from the answer (${missing.join(', ')})`);
  table('After', await listRecords(target));

  console.log('\nA deliberately invalid record, caught before sending (nothing was sent):');
  try {
    await batch({ zone_id: target.zoneId, posts: [INVALID] }, target.options);
    console.log('  unexpectedly accepted');
    process.exitCode = 1;
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    printIssues(err.issues.filter((i) => i.severity === 'error'));
  }
}

main(process.argv[2]).catch((err) => {
  console.error(`\nerror: ${err.message}`);
  if (err instanceof ApiError) for (const e of err.errors) console.error(`  ${e.code} ${e.message}${e.pointer ? ` at ${e.pointer}` : ''}`);
  if (err instanceof ValidationError) printIssues(err.issues);
  process.exitCode = err instanceof CloudflareDnsError || err instanceof SyntaxError ? 1 : 2;
});
