// `make demo` as a user runs it: the example script in a child process, against the in-process
// emulator and (through CLOUDFLARE_BASE_URL) against the HTTP emulator as if it were Cloudflare.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildBatchRequest } from '../../pkg/src/node.mjs';
import { startServer } from '../../examples/emulator-server.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const SECRET = 'tok_DEMO_SECRET_91f2';
const servers = [];
after(() => Promise.all(servers.map((s) => s.close())));

/** Runs the demo without blocking this process (a server here may have to answer it). */
function runDemo(env = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CLOUDFLARE_')));
  const child = spawn(process.execPath, ['examples/node/apply.mjs', 'examples/node/changes.json'], { cwd: ROOT, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

// Whether the client sends these kinds at all: their rules come in a separate part of the package,
// and until they are present the client leaves such records out of the request. The demo must then
// say so rather than pass silently.
const sends = (record) => JSON.parse(buildBatchRequest({ zone_id: ZONE, posts: [record] }, { apiToken: 'x' }).body).posts?.length === 1;

function assertDemoOutput({ code, stdout, stderr }) {
  assert.equal(code, 0, `exit code; stderr: ${stderr}`);
  assert.match(stdout, /Before \(3 records\)\n {2}TYPE {3}NAME {13}CONTENT {8}TTL {3}PROXIED\n/);
  assert.match(stdout, /^ {2}CNAME {2}www\.example\.com {2}example\.com {4}auto {2}yes$/m);
  assert.match(stdout, /Applied in one atomic batch \(1 delete, \d posts\):/);
  assert.match(stdout, /^ {2}- CNAME +www\.example\.com +example\.com$/m);
  assert.match(stdout, /^ {2}\+ A +www\.example\.com +192\.0\.2\.10$/m);
  assert.match(stdout, /^ {2}\+ MX +example\.com +10 mx1\.example\.net$/m);
  assert.match(stdout, /^ {2}\+ SRV +_sip\._tcp\.example\.com +10 5 5060 sip\.example\.com$/m);
  const afterTable = stdout.slice(stdout.indexOf('After ('));
  assert.match(afterTable, /^ {2}A +www\.example\.com +192\.0\.2\.10 +auto +yes$/m);
  assert.doesNotMatch(afterTable.split('A deliberately')[0], /CNAME/, 'the CNAME is gone');
  const txt = { type: 'TXT', name: '_dmarc', content: '"v=DMARC1; p=reject"', ttl: 1 };
  const caa = { type: 'CAA', name: '@', ttl: 1, data: { flags: 0, tag: 'issue', value: 'letsencrypt.org' } };
  if (sends(txt) && sends(caa)) {
    assert.match(stdout, /^ {2}\+ TXT +_dmarc\.example\.com +"v=DMARC1/m);
    assert.match(stdout, /^ {2}\+ CAA +example\.com +0 issue "letsencrypt\.org"$/m);
    assert.match(afterTable, /^After \(7 records\)/);
    assert.doesNotMatch(stdout, /missing from the answer/);
  } else {
    assert.match(stdout, /warning: 2 of 5 posts are missing from the answer \(TXT, CAA\)/);
    assert.match(afterTable, /^After \(5 records\)/);
  }
  assert.match(stdout, /A deliberately invalid record, caught before sending \(nothing was sent\):/);
  assert.match(stdout, /^ {2}\/posts\/0\/content +a\.content\.ipv4 +error: "192\.0\.2\.256" is not an IPv4 address/m);
  assert.match(stdout, /^ {2}\/posts\/0\/ttl +record\.ttl\.range +error: TTL 10 is out of range/m);
}

test('make demo: before, one atomic batch, after, and an invalid record caught', async () => {
  const run = await runDemo();
  assertDemoOutput(run);
  assert.match(run.stdout, /^cf-dns-batch: local emulator, zone example\.com$/m);
});

test('with both variables set it talks to "Cloudflare" (here the HTTP emulator) and never prints the token', async () => {
  const server = await startServer();
  servers.push(server);
  server.emulator.seed(ZONE, [
    { type: 'A', name: '@', content: '192.0.2.10', ttl: 1, proxied: true },
    { type: 'CNAME', name: 'www', content: 'example.com', ttl: 1, proxied: true },
    { type: 'TXT', name: '@', content: '"v=spf1 -all"', ttl: 3600 },
  ]);
  const run = await runDemo({ CLOUDFLARE_API_TOKEN: SECRET, CLOUDFLARE_ZONE_ID: ZONE, CLOUDFLARE_BASE_URL: server.baseURL });
  assertDemoOutput(run);
  assert.match(run.stdout, new RegExp(`^cf-dns-batch: Cloudflare, zone ${ZONE}$`, 'm'));
  assert.ok(!`${run.stdout}${run.stderr}`.includes(SECRET), 'the token is never printed');
  assert.equal(server.emulator.requests.filter((r) => r.method === 'POST').length, 1, 'one batch; the invalid record was never sent');
});

test('half the credentials is refused, without echoing the token', async () => {
  const run = await runDemo({ CLOUDFLARE_API_TOKEN: SECRET });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /set both CLOUDFLARE_API_TOKEN and CLOUDFLARE_ZONE_ID/);
  assert.ok(!`${run.stdout}${run.stderr}`.includes(SECRET));
});

// examples/node/sync.mjs: plan printed, applied in one batch, and a second run with no changes.
function runSync(env = {}, args = []) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CLOUDFLARE_')));
  const child = spawn(process.execPath, ['examples/node/sync.mjs', 'examples/node/desired.json', ...args], { cwd: ROOT, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

function assertSyncPlan(stdout) {
  const plan = stdout.slice(stdout.indexOf('Plan (scope: zone):'), stdout.indexOf('Applied'));
  assert.match(plan, /^ {2}\+ _dmarc\.example\.com TXT "v=DMARC1; p=reject"$/m);
  assert.match(plan, /^ {2}\+ example\.com MX 10 mx1\.example\.net$/m);
  assert.match(plan, /^ {2}~ example\.com TXT "v=spf1 -all"\n {6}value: "v=spf1 -all" -> "v=spf1 include:_spf\.example\.net -all"$/m);
  assert.match(plan, /^ {2}- old\.example\.com A 192\.0\.2\.99$/m);
  assert.match(plan, /^ {2}-\/\+ www\.example\.com CNAME example\.com => A 192\.0\.2\.10$/m);
  assert.match(plan, /Plan: 2 to create, 1 to update, 1 to replace, 1 to delete; 1 unchanged \(6 operations in one batch\)\./);
  assert.match(stdout, /^Applied in one atomic batch \(6 operations\)$/m);
}

test('make demo: sync.mjs prints the plan, applies it, and the second run has no changes', async () => {
  const run = await runSync();
  assert.equal(run.code, 0, `exit code; stderr: ${run.stderr}`);
  assert.match(run.stdout, /^cf-dns-batch: local emulator, zone example\.com$/m);
  assertSyncPlan(run.stdout);
  const second = run.stdout.slice(run.stdout.indexOf('Second run:'));
  assert.match(second, /^ {2}No changes: 5 records unchanged\.$/m);
  assert.match(second, /^no changes: the zone matches the file$/m);
  assert.doesNotMatch(run.stdout, /zone changed since the plan/);
});

test('sync.mjs against "Cloudflare" (the HTTP emulator): applies once, a second run sends nothing, --dry-run sends nothing', async () => {
  const server = await startServer();
  servers.push(server);
  server.emulator.seed(ZONE, [
    { type: 'A', name: '@', content: '192.0.2.10', ttl: 1, proxied: true },
    { type: 'CNAME', name: 'www', content: 'example.com', ttl: 1, proxied: true },
    { type: 'TXT', name: '@', content: '"v=spf1 -all"', ttl: 3600 },
    { type: 'A', name: 'old', content: '192.0.2.99', ttl: 3600 },
  ]);
  const env = { CLOUDFLARE_API_TOKEN: SECRET, CLOUDFLARE_ZONE_ID: ZONE, CLOUDFLARE_BASE_URL: server.baseURL };
  const posts = () => server.emulator.requests.filter((r) => r.method === 'POST').length;
  const dry = await runSync(env, ['--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /Plan: 2 to create, 1 to update, 1 to replace, 1 to delete/);
  assert.doesNotMatch(dry.stdout, /Applied/);
  assert.equal(posts(), 0, 'a dry run sends no batch');
  const first = await runSync(env);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, new RegExp(`^cf-dns-batch: Cloudflare, zone ${ZONE}$`, 'm'));
  assertSyncPlan(first.stdout);
  assert.equal(posts(), 1, 'one atomic batch');
  const second = await runSync(env);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /^ {2}No changes: 5 records unchanged\.$/m);
  assert.match(second.stdout, /^no changes: the zone already matches the file$/m);
  assert.doesNotMatch(second.stdout, /Applied/);
  assert.equal(posts(), 1, 'the second run sends no batch');
  const zone = server.emulator.records(ZONE).map((r) => `${r.type} ${r.name}`).sort();
  assert.deepEqual(zone, ['A example.com', 'A www.example.com', 'MX example.com', 'TXT _dmarc.example.com', 'TXT example.com']);
  assert.ok(![dry, first, second].some((r) => `${r.stdout}${r.stderr}`.includes(SECRET)), 'the token is never printed');
});
