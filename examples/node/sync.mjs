// Keeps a zone equal to a file of desired records: prints the plan, applies it in ONE atomic batch,
// then plans again to show there is nothing left to do.
//
//   node examples/node/sync.mjs examples/node/desired.json [--dry-run]
//
// The file is `{ "zone": "example.com", "scope": "zone" | "desired", "records": [...] }` (or just the
// array of records). Without CLOUDFLARE_API_TOKEN and CLOUDFLARE_ZONE_ID it runs against an
// in-process emulator holding a small example.com zone; with both set, against Cloudflare
// (CLOUDFLARE_BASE_URL overrides the API address). The token is only handed to the client.
import { readFile } from 'node:fs/promises';
import { sync, formatPlan, createEmulator, ApiError, CloudflareDnsError, ValidationError } from '../../pkg/src/zone/node.mjs';

const DEMO_ZONE = { id: '023e105f4ecef8ad9ca31a8372d0c353', name: 'example.com' };
const DEMO_RECORDS = [
  { type: 'A', name: '@', content: '192.0.2.10', ttl: 1, proxied: true },
  { type: 'CNAME', name: 'www', content: 'example.com', ttl: 1, proxied: true },
  { type: 'TXT', name: '@', content: '"v=spf1 -all"', ttl: 3600 },
  { type: 'A', name: 'old', content: '192.0.2.99', ttl: 3600 },
];

/** Where to send: Cloudflare when both variables are set, else a seeded local emulator. */
function connect() {
  const { CLOUDFLARE_API_TOKEN: token, CLOUDFLARE_ZONE_ID: zoneId, CLOUDFLARE_BASE_URL: baseURL } = process.env;
  if (token && zoneId) return { label: `Cloudflare, zone ${zoneId}`, zoneId, options: { apiToken: token, baseURL } };
  if (token || zoneId) throw new Error('set both CLOUDFLARE_API_TOKEN and CLOUDFLARE_ZONE_ID to use Cloudflare, or neither to use the local emulator');
  const emulator = createEmulator();
  emulator.seed(DEMO_ZONE.id, DEMO_RECORDS);
  return { label: `local emulator, zone ${DEMO_ZONE.name}`, zoneId: DEMO_ZONE.id, options: { apiToken: 'local-demo', fetch: emulator.fetch } };
}

async function readDesired(file) {
  const text = JSON.parse(await readFile(file, 'utf8'));
  const { zone, scope = 'zone', records } = Array.isArray(text) ? { records: text } : text;
  if (!Array.isArray(records)) throw new Error(`${file}: expected an array of records, or { "zone", "records": [...] }`);
  return { zone: zone ?? process.env.CLOUDFLARE_ZONE_NAME, scope, records };
}

const indent = (text) => text.trimEnd().replace(/^/gm, '  ');

function printIssues(issues) {
  for (const i of issues) console.log(`  ${i.pointer || '(plan)'}  ${i.code}  ${i.severity}: ${i.message}`);
}

async function main(args) {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) throw new Error('usage: node examples/node/sync.mjs <desired.json> [--dry-run]');
  const dryRun = args.includes('--dry-run');
  const desired = await readDesired(file);
  const target = connect();
  console.log(`cf-dns-batch: ${target.label}`);
  const options = { ...target.options, zone: desired.zone, scope: desired.scope };

  // 1. Plan only (nothing is sent), and show it as `terraform plan` would.
  const { plan } = await sync(target.zoneId, desired.records, { ...options, dryRun: true });
  const advice = plan.issues.filter((i) => i.severity === 'warning');
  if (advice.length) {
    console.log('\nAdvice (does not block the plan):');
    printIssues(advice);
  }
  console.log(`\nPlan (scope: ${desired.scope}):`);
  console.log(indent(formatPlan(plan)));
  if (plan.changes.length === 0) {
    console.log('\nno changes: the zone already matches the file');
    return;
  }
  if (dryRun) return;

  // 2. Apply it: the zone is listed again and planned again, so what is sent is what the zone needs now.
  const done = await sync(target.zoneId, desired.records, options);
  if (JSON.stringify(done.plan.params) !== JSON.stringify(plan.params)) {
    // sync() lists and plans again before it sends: the zone changed after the plan above was printed.
    console.log('\nThe zone changed since the plan above; this is what was applied:');
    console.log(indent(formatPlan(done.plan)));
  }
  console.log(`\nApplied in one atomic batch (${done.plan.summary.operations} operations)`);

  // 3. A second run finds nothing to do.
  const again = await sync(target.zoneId, desired.records, { ...options, dryRun: true });
  console.log('\nSecond run:');
  console.log(indent(formatPlan(again.plan)));
  console.log(again.plan.changes.length === 0 ? 'no changes: the zone matches the file' : 'still changes left: something else changed the zone meanwhile');
  if (again.plan.changes.length !== 0) process.exitCode = 1;
}

main(process.argv.slice(2)).catch((err) => {
  console.error(`\nerror: ${err.message}`);
  if (err instanceof ApiError) for (const e of err.errors) console.error(`  ${e.code} ${e.message}`);
  if (err instanceof ValidationError) printIssues(err.issues.filter((i) => i.severity === 'error'));
  process.exitCode = err instanceof CloudflareDnsError || err instanceof SyntaxError ? 1 : 2;
});
