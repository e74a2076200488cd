// examples/browser (the DNS record editor) in Debian's headless Chromium, driven by playwright-core:
// issues appear beside the field their pointer names as the user types, and "Send batch" posts the
// record with batch() to a CORS-enabled local server, where the request is checked.
//
// scripts/test-browser.sh serves the repository root (scripts/serve-static.mjs) and passes its URL
// as STATIC_URL; without it this file starts the static server itself. EDITOR_SCREENSHOT names where
// the screenshot goes (UPDATE_SCREENSHOT=1 scripts/test-browser.sh writes docs/editor.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../js/support/server.mjs';

const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const TOKEN = 'tok_BROWSER_91c2';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let api, context, page, profile, staticServer, staticURL;
const problems = [];

async function startStatic() {
  const child = spawn(process.execPath, [fileURLToPath(new URL('../../scripts/serve-static.mjs', import.meta.url)), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /listening (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`serve-static exited (${code})`)));
  });
  return { child, url };
}

before(async () => {
  staticURL = process.env.STATIC_URL;
  if (!staticURL) {
    staticServer = await startStatic();
    staticURL = staticServer.url;
  }
  api = await startServer({ cors: true });
  profile = await mkdtemp(join(tmpdir(), 'cf-dns-batch-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport: { width: 1000, height: 800 },
    timeout: 60_000,
  });
  context.setDefaultTimeout(15_000);
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console: ${msg.text()}`));
  const url = new URL('examples/browser/', staticURL);
  url.searchParams.set('api', api.baseURL);
  url.searchParams.set('zone', ZONE);
  await page.goto(url.href);
  await page.waitForSelector('html[data-ready="true"]');
});

after(async () => {
  await context?.close();
  await api?.close();
  staticServer?.child.kill();
  if (profile) await rm(profile, { recursive: true, force: true });
});

const issueAt = (pointer) => page.locator(`.issue[data-issue-for="${pointer}"]`);

test('the page loads the package and shows a valid example record', async () => {
  assert.equal(await page.locator('#type option').count(), 21, 'all 21 kinds');
  assert.equal(await page.inputValue('#type'), 'A');
  assert.equal(await page.locator('#other-issues li').count(), 0);
  assert.equal(await page.isEnabled('#send-button'), true);
  assert.match(await page.textContent('#zone'), /^www\.example\.com\.\s+300\s+IN\s+A\s+192\.0\.2\.1/);
});

test('SRV: an out-of-range port is flagged beside the port field as it is typed, and clears when fixed', async () => {
  await page.selectOption('#type', 'SRV');
  assert.equal(await page.inputValue('#name'), '_sip._tcp.example.com');
  assert.equal(await page.inputValue('#f-data-port'), '5060');
  assert.equal(await page.isHidden('#proxied'), true, 'SRV cannot be proxied');

  await page.fill('#f-data-port', '');
  await page.locator('#f-data-port').pressSequentially('70000');
  const issue = issueAt('/data/port').locator('.msg.error');
  await issue.waitFor();
  assert.equal(await issue.getAttribute('data-code'), 'srv.data.port.range');
  assert.match(await issue.textContent(), /70000/);
  assert.equal(await page.getAttribute('#f-data-port', 'aria-invalid'), 'true');
  assert.equal(await issueAt('/data/weight').textContent(), '', 'only the port is flagged');
  assert.equal(await page.isDisabled('#send-button'), true, 'nothing can be sent with errors');
  assert.match(await page.textContent('#json'), /"port": 70000/);
  if (process.env.EDITOR_SCREENSHOT) await page.screenshot({ path: process.env.EDITOR_SCREENSHOT, fullPage: true });

  await page.fill('#f-data-port', '5061');
  await issueAt('/data/port').locator('.msg').waitFor({ state: 'detached' });
  assert.equal(await page.getAttribute('#f-data-port', 'aria-invalid'), null);
  assert.match(await page.textContent('#zone'), /IN\s+SRV\s+10 5 5061 sip\.example\.com/);
  assert.equal(await page.isEnabled('#send-button'), true);
});

test('A: an invalid IPv4 address is flagged beside the content field', async () => {
  await page.selectOption('#type', 'A');
  assert.equal(await page.isVisible('#proxied'), true, 'A can be proxied');
  assert.equal(await page.isHidden('#priority'), true, 'A has no priority');
  await page.fill('#f-content', '');
  await page.locator('#f-content').pressSequentially('192.0.2.300');
  const issue = issueAt('/content').locator('.msg.error');
  await issue.waitFor();
  assert.equal(await issue.getAttribute('data-code'), 'a.content.ipv4');
  assert.match(await page.textContent('#zone'), /issue blocks/);
});

test('Send batch posts the record with batch() to the API base URL, through CORS', async () => {
  await page.fill('#f-content', '192.0.2.10');
  await page.fill('#name', 'www.example.com');
  await page.fill('#comment', 'from the editor');
  await page.fill('#token', TOKEN);
  await issueAt('/content').locator('.msg').waitFor({ state: 'detached' });
  assert.equal(api.requests.length, 0, 'nothing sent while typing');

  await page.click('#send-button');
  await page.locator('#result.ok').waitFor();
  assert.match(await page.textContent('#result'), /Created A record a{31}0/);

  assert.equal(api.requests.length, 1);
  const [req] = api.requests;
  assert.equal(req.method, 'POST');
  assert.equal(req.url, `/client/v4/zones/${ZONE}/dns_records/batch`);
  assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
  assert.equal(req.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(req.body), {
    posts: [{ type: 'A', name: 'www.example.com', ttl: 1, proxied: false, content: '192.0.2.10', comment: 'from the editor' }],
  });
  assert.ok(api.preflights.length >= 1, 'the browser asked first (CORS preflight)');
  assert.equal(api.preflights[0].headers['access-control-request-method'], 'POST');
});

test('the emulator runs in the page, with the registry of kinds from the .wasm', async () => {
  const stored = await page.evaluate(async () => {
    const { batch, createEmulator } = await import(new URL('../../pkg/src/browser.mjs', location.href).href);
    const emulator = createEmulator();
    const posts = [
      { type: 'CNAME', name: 'www', content: 'example.net', ttl: 1, proxied: true },
      { type: 'MX', name: 'example.com', content: 'mx.example.net', priority: 10, ttl: 1 },
    ];
    const result = await batch({ zone_id: '023e105f4ecef8ad9ca31a8372d0c353', posts }, { apiToken: 'tok_browser_emulator', fetch: emulator.fetch });
    return result.posts.map((r) => [r.type, r.proxiable, r.priority ?? null]);
  });
  assert.deepEqual(stored, [['CNAME', true, null], ['MX', false, 10]]);
});

test('the zone subpath in the page: readZone against the emulator, then plan and formatPlan', async () => {
  const out = await page.evaluate(async () => {
    const { batch, createEmulator, readZone, plan, formatPlan } = await import(new URL('../../pkg/src/zone/browser.mjs', location.href).href);
    const emulator = createEmulator();
    const zoneId = '023e105f4ecef8ad9ca31a8372d0c353';
    const options = { apiToken: 'tok_browser_emulator', fetch: emulator.fetch };
    await batch({ zone_id: zoneId, posts: [{ type: 'A', name: 'www', content: '192.0.2.1', ttl: 300 }, { type: 'TXT', name: '@', content: '"keep"', ttl: 1 }] }, options);
    const zone = await readZone(zoneId, options);
    const desired = [{ type: 'A', name: 'www', content: '192.0.2.2', ttl: 300 }];
    const planned = zone.plan(desired, { zone: 'example.com' });
    const same = JSON.stringify(plan(JSON.parse(JSON.stringify(zone.records)), desired, { zone: 'example.com', zoneId })) === JSON.stringify(planned);
    return { summary: planned.summary, text: formatPlan(planned), same, frozen: Object.isFrozen(zone.records[0]) };
  });
  assert.deepEqual(out.summary, { create: 0, update: 1, replace: 0, delete: 0, unchanged: 0, managed: 1, operations: 1 });
  assert.match(out.text, /^~ www\.example\.com A 192\.0\.2\.1\n +value: 192\.0\.2\.1 -> 192\.0\.2\.2$/m);
  assert.equal(out.same, true);
  assert.equal(out.frozen, true);
});

test('no errors in the page console so far', () => {
  assert.deepEqual(problems, []);
});

test('an API refusal is shown, not thrown', async () => {
  api.answer((req, res) => {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ success: false, result: null, messages: [], errors: [{ code: 81058, message: 'An identical record already exists.' }] }));
  });
  await page.click('#send-button');
  await page.locator('#result.failed').waitFor();
  assert.match(await page.textContent('#result'), /HTTP 400.*81058 An identical record already exists/);
});
