// The command line as a user runs it: `node pkg/src/cli.mjs ...` in a child process, against the
// emulator served over HTTP on 127.0.0.1 (started here, or by the `emulator` command itself).
import { test, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmulator, parseZone } from '../../pkg/src/zone/node.mjs';
import { startServer } from '../../pkg/src/emulator-server.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = 'tests/fixtures/cli';
const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const TOKEN = 'tok_CLI_SECRET_5be1d07a9c';
const dir = mkdtempSync(join(tmpdir(), 'cf-dns-batch-cli-'));
const emulator = createEmulator({ tokens: [TOKEN] });
const server = await startServer({ port: 0, emulator });
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => emulator.reset());

const SEED = [
  { type: 'A', name: '@', content: '192.0.2.10', ttl: 3600 },
  { type: 'A', name: 'mail', content: '192.0.2.25', ttl: 3600 },
  { type: 'MX', name: '@', content: 'mail.example.com', priority: 10, ttl: 3600 },
  { type: 'TXT', name: '@', content: '"v=spf1 mx -all"', ttl: 3600 },
];

/** Runs the CLI without blocking this process (the server here answers it). stdin is a pipe, not a TTY. */
function cli(args, { env = {}, token = TOKEN } = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CLOUDFLARE_') && k !== 'CF_DNS_BATCH_DEBUG'));
  const auth = token === null ? {} : { CLOUDFLARE_API_TOKEN: token };
  const child = spawn(process.execPath, ['pkg/src/cli.mjs', ...args], { cwd: ROOT, env: { ...clean, ...auth, ...env }, stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000 });
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}
const remote = (...args) => [...args, '--zone', ZONE, '--base-url', server.baseURL];
const writes = () => emulator.requests.filter((r) => r.method !== 'GET');
const temp = (name, text) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
/** A zone file of the seeded zone with the mail address changed and a record added. */
const edited = () =>
  temp(
    'edited.zone',
    ['$ORIGIN example.com.', '$TTL 3600', '@ IN A 192.0.2.10', 'mail IN A 192.0.2.26', '@ IN MX 10 mail', '@ IN TXT "v=spf1 mx -all"', 'new 300 IN A 192.0.2.99', ''].join('\n'),
  );

test('--help for the program and each command, and --version', async () => {
  const main = await cli(['--help']);
  assert.equal(main.code, 0);
  assert.match(main.stdout, /^Usage: cf-dns-batch COMMAND/);
  for (const command of ['validate', 'plan', 'apply', 'export', 'emulator']) {
    assert.match(main.stdout, new RegExp(`^  ${command} `, 'm'), `${command} listed`);
    const { code, stdout } = await cli([command, '--help']);
    assert.equal(code, 0, command);
    assert.match(stdout, new RegExp(`^Usage: cf-dns-batch ${command}`), command);
    assert.match(stdout, /Exit status/, command);
  }
  assert.match(main.stdout, /^ {2}3 {2}the API refused/m, 'exit codes documented');
  const version = await cli(['--version']);
  assert.equal(version.stdout.trim(), JSON.parse(readFileSync(join(ROOT, 'pkg/package.json'), 'utf8')).version);
});

test('usage errors exit 2 with a message and no stack', async () => {
  for (const args of [['bogus'], ['validate'], ['validate', 'a', 'b'], ['validate', '--nope', 'x'], ['plan', `${FIXTURES}/good.zone`], ['export', '--zone', ZONE, '--format', 'yaml'], ['emulator', '--port', 'http'], ['plan', `${FIXTURES}/good.zone`, '--zone', ZONE, '--max-delete-share', 'lots']]) {
    const { code, stderr, stdout } = await cli(args);
    assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
    assert.match(stderr, /^cf-dns-batch: usage: /, args.join(' '));
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack');
    assert.equal(stdout, '');
  }
  const missing = await cli(['validate', 'no/such.zone']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read no\/such\.zone: no such file/);
});

test('validate: a good zone file exits 0', async () => {
  const { code, stdout } = await cli(['validate', `${FIXTURES}/good.zone`]);
  assert.equal(code, 0);
  assert.equal(stdout, `${FIXTURES}/good.zone: 7 records, 0 errors, 0 warnings\n`);
});

test('validate: a malformed zone file exits 1 with FILE:LINE:COL CODE lines', async () => {
  const file = `${FIXTURES}/bad.zone`;
  const { code, stdout } = await cli(['validate', file]);
  assert.equal(code, 1);
  const lines = stdout.trim().split('\n');
  // The value is checked as the zone file is read, so the issue points at the value itself.
  assert.match(lines[0], new RegExp(`^${file}:4:21 zone\\.rdata\\.invalid error: not a valid A value: "192\\.0\\.2\\.256" is not an IPv4 address`));
  assert.match(lines[1], new RegExp(`^${file}:5:21 zone\\.quote\\.unterminated error: `));
  assert.match(lines[2], new RegExp(`^${file}:6:10 zone\\.ttl\\.invalid error: "1x" is not a TTL`));
  assert.equal(lines[3], `${file}: 1 record, 3 errors, 0 warnings`);

  const json = JSON.parse((await cli(['validate', file, '--json'])).stdout);
  assert.equal(json.errors, 3);
  assert.deepEqual(json.issues.map((i) => [i.line, i.column, i.code]), [[4, 21, 'zone.rdata.invalid'], [5, 21, 'zone.quote.unterminated'], [6, 10, 'zone.ttl.invalid']]);
});

test('validate: JSON records and batch params are placed at the offending value', async () => {
  const records = `${FIXTURES}/records.json`;
  const text = readFileSync(join(ROOT, records), 'utf8');
  const line = text.split('\n').findIndex((l) => l.includes('70000')) + 1;
  const column = text.split('\n')[line - 1].indexOf('70000') + 1;
  const r = await cli(['validate', records]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, new RegExp(`^${records}:${line}:${column} srv\\.data\\.port\\.range error: `, 'm'));

  const params = `${FIXTURES}/batch.json`;
  const ptext = readFileSync(join(ROOT, params), 'utf8');
  const pline = ptext.split('\n').findIndex((l) => l.includes('"ttl": 10')) + 1;
  const pcolumn = ptext.split('\n')[pline - 1].indexOf('10 }') + 1;
  const b = await cli(['validate', params]);
  assert.equal(b.code, 1);
  assert.match(b.stdout, new RegExp(`^${params}:${pline}:${pcolumn} record\\.ttl\\.range error: TTL 10`, 'm'));
  assert.match(b.stdout, /3 operations, 1 error/);

  const broken = temp('broken.json', '[\n  {"type": "A",,}\n]\n');
  const s = await cli(['validate', broken]);
  assert.equal(s.code, 1);
  assert.match(s.stdout, new RegExp(`^${broken}:2:16 json\\.syntax error: not valid JSON`, 'm'));
});

test('plan prints the diff and applies nothing', async () => {
  emulator.seed(ZONE, SEED);
  const before = emulator.records(ZONE);
  const { code, stdout, stderr } = await cli(['plan', ...remote(edited())]);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /^~ mail\.example\.com A 192\.0\.2\.25$/m);
  assert.match(stdout, /^ {4}value: 192\.0\.2\.25 -> 192\.0\.2\.26$/m);
  assert.match(stdout, /^\+ new\.example\.com A 192\.0\.2\.99$/m);
  assert.match(stdout, /^Plan: 1 to create, 1 to update, 0 to replace, 0 to delete; 3 unchanged/m);
  assert.deepEqual(emulator.records(ZONE), before, 'the zone is unchanged');
  assert.deepEqual(writes(), [], 'only GET requests');
});

test('apply without --yes and without a terminal is refused: exit 1, nothing applied', async () => {
  emulator.seed(ZONE, SEED);
  const before = emulator.records(ZONE);
  const { code, stdout, stderr } = await cli(['apply', ...remote(edited())]);
  assert.equal(code, 1);
  assert.match(stdout, /^\+ new\.example\.com A 192\.0\.2\.99$/m, 'the plan is shown');
  assert.match(stderr, /stdin is not a terminal.*run again with --yes to apply; nothing was applied\./);
  assert.deepEqual(emulator.records(ZONE), before);
  assert.deepEqual(writes(), []);
  const json = await cli(['apply', ...remote(edited()), '--json']);
  assert.equal(json.code, 1);
  const out = JSON.parse(json.stdout);
  assert.equal(out.applied, false);
  assert.match(out.refused, /not a terminal/);
  assert.deepEqual(writes(), []);
});

test('apply --yes applies in one batch; planning again finds no changes', async () => {
  emulator.seed(ZONE, SEED);
  const file = edited();
  const applied = await cli(['apply', ...remote(file), '--yes']);
  assert.equal(applied.code, 0, applied.stderr);
  assert.match(applied.stdout, /^Applied 2 operations to zone 023e105f4ecef8ad9ca31a8372d0c353 in one atomic batch\.$/m);
  assert.equal(writes().length, 1, 'one request changed the zone');
  assert.match(writes()[0].url, /\/dns_records\/batch$/);
  const records = emulator.records(ZONE);
  assert.ok(records.some((r) => r.name === 'mail.example.com' && r.content === '192.0.2.26'));
  assert.ok(records.some((r) => r.name === 'new.example.com' && r.content === '192.0.2.99' && r.ttl === 300));
  const again = await cli(['plan', ...remote(file)]);
  assert.equal(again.code, 0);
  assert.match(again.stdout, /^No changes/m);
  const json = JSON.parse((await cli(['apply', ...remote(file), '--yes', '--json'])).stdout);
  assert.equal(json.applied, false);
  assert.equal(json.plan.summary.unchanged, 5);
});

test('apply --json --yes prints the plan and the batch result as JSON', async () => {
  emulator.seed(ZONE, SEED);
  const { code, stdout } = await cli(['apply', ...remote(edited()), '--yes', '--json']);
  assert.equal(code, 0);
  const out = JSON.parse(stdout);
  assert.equal(out.applied, true);
  assert.equal(out.plan.summary.create, 1);
  assert.equal(out.result.posts[0].name, 'new.example.com');
  assert.equal(out.result.patches.length + out.result.puts.length, 1);
});

test('export as a zone file and as JSON; both read back to the same records, and plan back to no changes', async () => {
  emulator.seed(ZONE, [...SEED, { type: 'SRV', name: '_sip._tcp', ttl: 3600, data: { priority: 10, weight: 5, port: 5060, target: 'sip.example.com' } }, { type: 'CNAME', name: 'www', content: 'example.com', ttl: 1, proxied: true, comment: 'the site', tags: ['team:web'] }]);
  const zone = await cli(['export', ...remote(), '--zone-name', 'example.com']);
  assert.equal(zone.code, 0, zone.stderr);
  assert.match(zone.stdout, /^\$ORIGIN example\.com\.$/m);
  assert.match(zone.stdout, /^_sip\._tcp\.example\.com\.\t3600\tIN\tSRV\t10 5 5060 sip\.example\.com\.$/m);
  const json = await cli(['export', ...remote(), '--zone-name', 'example.com', '--format', 'json']);
  assert.equal(json.code, 0);
  const records = JSON.parse(json.stdout);
  assert.equal(records.length, 6);
  const parsed = parseZone(zone.stdout);
  assert.deepEqual(parsed.issues, []);
  assert.deepEqual(parsed.records, records, 'zone and JSON exports hold the same records');
  const www = records.find((r) => r.name === 'www.example.com');
  assert.deepEqual([www.proxied, www.comment, www.tags], [true, 'the site', ['team:web']]);
  assert.deepEqual(JSON.parse((await cli(['export', ...remote(), '--json'])).stdout).length, 6, '--json is --format json');

  for (const [name, text] of [['export.zone', zone.stdout], ['export.json', json.stdout]]) {
    const again = await cli(['plan', ...remote(temp(name, text))]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^No changes/m, name);
  }
  assert.deepEqual(writes(), []);
});

test('a zone file names its zone with $ORIGIN: the apex NS records are left to Cloudflare', async () => {
  emulator.seed(ZONE, SEED);
  const file = temp('ns.zone', '$ORIGIN example.com.\n$TTL 3600\n@ IN A 192.0.2.10\n@ IN NS ns1.example.net.\n');
  const { code, stdout, stderr } = await cli(['plan', ...remote(file)]);
  assert.equal(code, 0, stderr);
  assert.match(stderr, new RegExp(`^${file}:4:1 plan\\.desired\\.apex-ns warning: `, 'm'));
  assert.doesNotMatch(stdout, /NS/);
});

test('a plan over the safety share is refused (exit 1) unless --force', async () => {
  emulator.seed(ZONE, Array.from({ length: 12 }, (_, i) => ({ type: 'A', name: `h${i}`, content: `192.0.2.${i + 1}`, ttl: 3600 })));
  const file = temp('few.zone', '$ORIGIN example.com.\nh0 3600 IN A 192.0.2.1\n');
  const refused = await cli(['plan', ...remote(file), '--scope', 'zone']);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /plan\.safety\.deletes error: /);
  assert.match(refused.stderr, /cf-dns-batch: validation_failed: the plan is refused/);
  assert.match(refused.stderr, /needs --force/);
  const forced = await cli(['apply', ...remote(file), '--scope', 'zone', '--force']);
  assert.equal(forced.code, 1, 'still asks; no terminal, so refused');
  assert.match(forced.stdout, /11 to delete/);
  assert.deepEqual(writes(), []);
});

test('missing credentials: exit 2, a message naming the variables, nothing sent', async () => {
  for (const args of [['export', ...remote()], ['plan', ...remote(`${FIXTURES}/good.zone`)]]) {
    const { code, stderr } = await cli(args, { token: null });
    assert.equal(code, 2, stderr);
    assert.match(stderr, /cf-dns-batch: options\.auth\.missing: /);
    assert.match(stderr, /Set CLOUDFLARE_API_TOKEN .* or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY/);
  }
  const half = await cli(['export', ...remote()], { token: null, env: { CLOUDFLARE_EMAIL: 'dns@example.com' } });
  assert.equal(half.code, 2);
  assert.match(half.stderr, /options\.auth\.incomplete/);
  assert.deepEqual(emulator.requests, []);
  const json = await cli(['export', ...remote(), '--json'], { token: null });
  assert.equal(JSON.parse(json.stdout).error.code, 'options.auth.missing');
});

test('API and connection errors exit 3', async () => {
  const wrong = await cli(['export', ...remote()], { token: 'tok_not_the_right_one' });
  assert.equal(wrong.code, 3);
  assert.match(wrong.stderr, /cf-dns-batch: api\.forbidden: /);
  const down = await cli(['export', '--zone', ZONE, '--base-url', 'http://127.0.0.1:1/client/v4']);
  assert.equal(down.code, 3);
  assert.match(down.stderr, /cf-dns-batch: connection_failed: /);
});

test('the token never appears in any output, even when the server echoes it', async (t) => {
  // A server that puts the whole Authorization header in its error messages.
  const echo = createServer((req, res) => {
    const said = `bad credentials: ${req.headers.authorization} (${req.headers['x-auth-key'] ?? ''})`;
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ success: false, errors: [{ code: 10000, message: said }], messages: [], result: null }));
  });
  await new Promise((resolve) => echo.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => echo.close(resolve)));
  const baseURL = `http://127.0.0.1:${echo.address().port}/client/v4`;
  const KEY = 'key_GLOBAL_SECRET_77e0c4';
  const runs = [
    cli(['export', '--zone', ZONE, '--base-url', baseURL]),
    cli(['export', '--zone', ZONE, '--base-url', baseURL, '--json']),
    cli(['plan', `${FIXTURES}/good.zone`, '--zone', ZONE, '--base-url', baseURL], { env: { CF_DNS_BATCH_DEBUG: '1' } }),
    cli(['apply', `${FIXTURES}/good.zone`, '--zone', ZONE, '--base-url', baseURL, '--yes', '--json']),
    cli(['export', '--zone', ZONE, '--base-url', baseURL], { token: null, env: { CLOUDFLARE_EMAIL: 'dns@example.com', CLOUDFLARE_API_KEY: KEY } }),
  ];
  for (const { code, stdout, stderr } of await Promise.all(runs)) {
    assert.equal(code, 3, stderr);
    const all = stdout + stderr;
    assert.ok(!all.includes(TOKEN) && !all.includes(KEY), `a credential leaked:\n${all}`);
    assert.match(all, /bad credentials: .*\[redacted\]/, "the echo is shown, masked");
  }
});

test('the emulator command serves a zone over HTTP until SIGTERM', { timeout: 30_000 }, async (t) => {
  const EMU_TOKEN = 'tok_EMULATOR_ONLY_31c8';
  const child = spawn(process.execPath, ['pkg/src/cli.mjs', 'emulator', '--port', '0', '--json', '--token', EMU_TOKEN, '--zone', 'example.org', '--seed', `${FIXTURES}/good-org.zone`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGTERM'));
  let out = '';
  const banner = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]));
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before listening`)));
  });
  assert.match(banner.base_url, /^http:\/\/127\.0\.0\.1:\d+\/client\/v4$/);
  assert.deepEqual([banner.zone_id, banner.zone_name, banner.records], [ZONE, 'example.org', 3]);
  assert.ok(!out.includes(EMU_TOKEN), 'the token is not printed');

  const exported = await cli(['export', '--zone', ZONE, '--base-url', banner.base_url, '--zone-name', 'example.org'], { token: EMU_TOKEN });
  assert.equal(exported.code, 0, exported.stderr);
  assert.match(exported.stdout, /^www\.example\.org\.\t300\tIN\tCNAME\texample\.org\./m);
  const refused = await cli(['export', '--zone', ZONE, '--base-url', banner.base_url], { token: 'tok_someone_else' });
  assert.equal(refused.code, 3);

  child.kill('SIGTERM');
  const code = await new Promise((resolve) => child.once('exit', resolve));
  assert.equal(code, 0, 'stops cleanly on SIGTERM');
});

test('the packed package ships the command and its helpers', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'pkg/package.json'), 'utf8'));
  assert.deepEqual(pkg.bin, { 'cf-dns-batch': './src/cli.mjs' });
  assert.match(readFileSync(join(ROOT, 'pkg/src/cli.mjs'), 'utf8'), /^#!\/usr\/bin\/env node\n/);
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: join(ROOT, 'pkg'), encoding: 'utf8' }));
  const files = packed.files.map((f) => f.path);
  for (const f of ['src/cli.mjs', 'src/cli/usage.mjs', 'src/cli/input.mjs', 'src/cli/output.mjs', 'src/cli/emulator.mjs', 'src/emulator-server.mjs']) assert.ok(files.includes(f), `${f} is packed`);
});

test('the make demo script: export, edit, plan, apply against the emulator, with no credentials', { timeout: 60_000 }, async () => {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CLOUDFLARE_')));
  const child = spawn('bash', ['examples/cli-demo.sh'], { cwd: ROOT, env: clean, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(code, 0, stderr);
  assert.match(stdout, /^\$ cf-dns-batch export /m);
  assert.match(stdout, /^- old\.example\.com A 192\.0\.2\.99$/m);
  assert.match(stdout, /^Applied 3 operations to zone 023e105f4ecef8ad9ca31a8372d0c353 in one atomic batch\.$/m);
  assert.match(stdout.trimEnd(), /No changes: 6 records unchanged\.$/, 'ends with the zone matching the file');
});

test('JSON records with relative names: --zone-name names the zone, and without it the plan is refused with a hint', async () => {
  emulator.seed(ZONE, SEED);
  const file = temp('relative.json', '[\n  { "type": "A", "name": "www", "content": "192.0.2.1", "ttl": 1 }\n]\n');
  const without = await cli(['plan', ...remote(file)]);
  assert.equal(without.code, 1);
  const column = readFileSync(file, 'utf8').split('\n')[1].indexOf('"www"') + 1;
  assert.match(without.stderr, new RegExp(`^${file}:2:${column} plan\\.zone\\.unknown error: `, 'm'));
  assert.match(without.stderr, /Give the zone's name with --zone-name/);
  const named = await cli(['plan', ...remote(file), '--zone-name', 'example.com']);
  assert.equal(named.code, 0, named.stderr);
  assert.match(named.stdout, /^\+ www\.example\.com A 192\.0\.2\.1$/m);
  assert.deepEqual(writes(), []);
});
