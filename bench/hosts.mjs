// validateBatch(makeBatch(3500)) and, as the floor, JSON.stringify of the same params, timed inside each
// host the package runs in: Node (pkg/src/node.mjs), workerd (the npm `workerd` binary, pkg/src/workerd.mjs
// with the .wasm embedded as a module, as tests/workerd/ does) and headless Chromium (/usr/bin/chromium
// driven by playwright-core, pkg/src/browser.mjs served by scripts/serve-static.mjs, as tests/browser/ does).
//
//   node bench/hosts.mjs [--rounds 15] [--json bench/results/hosts.json]
//
// The same `measure` function runs in every host (sent there as source text). Per variant: a warm-up of at
// least 1 s that also calibrates a round to ~300 ms of calls, then interleaved rounds (validateBatch round
// r, JSON.stringify round r, ...); a round's time / its calls is one sample; min and median are reported.
// Clocks:
// - Node: performance.now(), sub-microsecond.
// - Chromium: performance.now(); the page is not cross-origin isolated, so it is coarsened to 100 µs
//   (with jitter), 0.03% of a 300 ms round.
// - workerd: performance.now() is Date.now() there, whole milliseconds, and in production it only moves
//   when IO happens (a Spectre mitigation; the local binary does advance it, but nothing promises that).
//   So every clock read follows an awaited fetch to a loopback server run by this script: a round is
//   [fetch, read clock, calls, fetch, read clock], correct whether or not the clock is frozen. Error per
//   round: the 1 ms resolution plus one loopback round trip (well under 1 ms), i.e. under 1% of 300 ms;
//   round times taken from the arrival times of those fetches at the server agreed to within 1 ms.
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { waitQuiet, loadavg } from './lib/quiet.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '15' }, json: { type: 'string' } } });
const rounds = Number(values.rounds);
const RECORDS = 3500;

// Runs inside a host; refers to nothing outside itself. `tick` is the host's way to let its clock catch up.
async function measure({ validateBatch, makeBatch, now, tick, records, rounds, roundMs = 300, warmupMs = 1000 }) {
  const params = makeBatch(records);
  const errors = validateBatch(params).filter((i) => i.severity === 'error');
  if (errors.length) throw new Error(`the workload must validate: ${JSON.stringify(errors[0])}`);
  let sink = 0;
  const variants = {
    validateBatch: () => (sink += validateBatch(params).length),
    'JSON.stringify': () => (sink += JSON.stringify(params).length),
  };
  const run = async (fn, calls) => {
    await tick();
    const t0 = now();
    for (let k = 0; k < calls; k++) fn();
    await tick();
    return now() - t0;
  };
  const calls = {};
  for (const [name, fn] of Object.entries(variants)) {
    // Doubling stretches until each lasts 50 ms (so a 1 ms clock still calibrates well) and 1 s has passed;
    // a round is sized from the fastest of those stretches, so a busy spell in the warm-up does not
    // shrink every round.
    let n = 1, spent = 0, fastest = Infinity;
    while (spent < warmupMs) {
      const t = await run(fn, n);
      spent += t;
      if (t >= 50) fastest = Math.min(fastest, t / n);
      else if ((n *= 2) > 1e6) throw new Error('the clock does not advance');
    }
    calls[name] = Math.max(3, Math.round(roundMs / fastest));
  }
  const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(variants)) samples[name].push((await run(fn, calls[name])) / calls[name]);
  }
  if (Object.values(samples).flat().some((ms) => !(ms > 0))) throw new Error('the clock did not advance during a round');
  return { calls, samples, sink };
}

async function inNode() {
  const { validateBatch } = await import('../pkg/src/node.mjs');
  const { makeBatch } = await import('./workload/records.mjs');
  return measure({ validateBatch, makeBatch, now: () => performance.now(), tick: async () => {}, records: RECORDS, rounds });
}

async function inWorkerd() {
  const tickServer = createServer((req, res) => res.writeHead(204).end());
  await new Promise((done) => tickServer.listen(0, '127.0.0.1', done));
  const dir = await mkdtemp(join(tmpdir(), 'cf-dns-batch-bench-workerd-'));
  try {
    // The config and the worker sit beside a `repo` link, so embed paths stay relative (tests/workerd/ does the same).
    await symlink(root, join(dir, 'repo'));
    await writeFile(join(dir, 'bench.worker.mjs'), [
      "import { validateBatch } from './src/workerd.mjs';",
      "import { makeBatch } from './records.mjs';",
      `const measure = ${measure};`,
      'const tick = async () => { const res = await fetch(TICK); await res.arrayBuffer(); };',
      `const TICK = 'http://127.0.0.1:${tickServer.address().port}/';`,
      'export default {',
      `  async test() { console.log('RESULT ' + JSON.stringify(await measure({ validateBatch, makeBatch, now: () => performance.now(), tick, records: ${RECORDS}, rounds: ${rounds} }))); },`,
      '};',
    ].join('\n'));
    const pkgModules = (await readdir(join(root, 'pkg/src'))).filter((f) => f.endsWith('.js') || f === 'workerd.mjs');
    const modules = [
      ['bench.worker.mjs', 'esModule', 'bench.worker.mjs'],
      ['records.mjs', 'esModule', 'repo/bench/workload/records.mjs'],
      ...pkgModules.map((f) => [`src/${f}`, 'esModule', `repo/pkg/src/${f}`]),
      ['dist/web/cf_dns_batch.js', 'esModule', 'repo/pkg/dist/web/cf_dns_batch.js'],
      ['dist/web/cf_dns_batch_bg.wasm', 'wasm', 'repo/pkg/dist/web/cf_dns_batch_bg.wasm'],
    ];
    await writeFile(join(dir, 'bench.capnp'), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "bench", worker = .bench), (name = "loopback", network = (allow = ["local"]))],
);
const bench :Workerd.Worker = (
  modules = [
${modules.map(([name, kind, path]) => `    (name = "${name}", ${kind} = embed "${path}"),`).join('\n')}
  ],
  compatibilityDate = "2025-09-01",
  globalOutbound = "loopback",
);
`);
    const child = spawn(join(root, 'node_modules/.bin/workerd'), ['test', 'bench.capnp'], { cwd: dir, env: { ...process.env, PWD: dir }, timeout: 600_000, killSignal: 'SIGKILL' });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const [code, signal] = await new Promise((done) => child.on('close', (...args) => done(args)));
    const line = output.split('\n').find((l) => l.includes('RESULT '));
    if (code !== 0 || !line) throw new Error(`workerd test failed (${code ?? signal}):\n${output}`);
    return JSON.parse(line.slice(line.indexOf('RESULT ') + 7));
  } finally {
    tickServer.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function inChromium() {
  const server = spawn(process.execPath, [join(root, 'scripts/serve-static.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const base = await new Promise((done, fail) => {
      let out = '';
      server.stdout.on('data', (c) => {
        out += c;
        const listening = /listening (\S+)/.exec(out);
        if (listening) done(listening[1]);
      });
      server.on('exit', (code) => fail(new Error(`serve-static exited (${code})`)));
    });
    const page = await browser.newPage();
    // An empty page on the static server's origin, so the package's modules import from there.
    const pageURL = new URL('bench/hosts.html', base).href;
    await page.route(pageURL, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }));
    await page.goto(pageURL);
    const result = await page.evaluate(`(async () => {
      const measure = ${measure};
      const { validateBatch } = await import('/pkg/src/browser.mjs');
      const { makeBatch } = await import('/bench/workload/records.mjs');
      return measure({ validateBatch, makeBatch, now: () => performance.now(), tick: async () => {}, records: ${RECORDS}, rounds: ${rounds} });
    })()`);
    return { ...result, version: browser.version() };
  } finally {
    await browser.close();
    server.kill();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stats = ({ calls, samples }, name) => ({ calls: calls[name], minMs: Math.min(...samples[name]), medianMs: median(samples[name]), maxMs: Math.max(...samples[name]), samplesMs: samples[name] });
const ms = (x) => x.toFixed(2);

const meta = { date: new Date().toISOString(), records: RECORDS, rounds, node: process.version, workerd: execFileSync(join(root, 'node_modules/.bin/workerd'), ['--version'], { encoding: 'utf8' }).trim(), loadavgStart: loadavg() };
const results = {};
console.log(`host      validateBatch min/median ms   JSON.stringify min/median ms   ratio (median; min)`);
for (const [host, run] of [['node', inNode], ['workerd', inWorkerd], ['chromium', inChromium]]) {
  const quiet = await waitQuiet({ maxWaitMs: 30_000 });
  const raw = await run();
  if (raw.version) meta.chromium = raw.version;
  const v = stats(raw, 'validateBatch');
  const j = stats(raw, 'JSON.stringify');
  results[host] = { validateBatch: v, 'JSON.stringify': j, ratio: { median: v.medianMs / j.medianMs, min: v.minMs / j.minMs }, idleBefore: quiet.idle };
  console.log(`${host.padEnd(9)} ${`${ms(v.minMs)} / ${ms(v.medianMs)}`.padEnd(29)} ${`${ms(j.minMs)} / ${ms(j.medianMs)}`.padEnd(30)} ${(v.medianMs / j.medianMs).toFixed(2)}x; ${(v.minMs / j.minMs).toFixed(2)}x (target <= 3x)`);
}
meta.loadavgEnd = loadavg();
console.log(JSON.stringify(meta));
if (values.json) await writeFile(values.json, JSON.stringify({ meta, results }, null, 1));
