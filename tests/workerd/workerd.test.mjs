// Drives the Worker tests in the real Workers runtime (node_modules/.bin/workerd): for each config
// template it starts a local API server on 127.0.0.1, writes the config into a temp dir (beside a
// `repo` link to the repository, so the template's `embed` paths stay relative), runs
// `workerd test`, and then checks here, on the Node side, exactly what the Worker sent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, json, okEnvelope } from '../js/support/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const WORKERD = join(root, 'node_modules/.bin/workerd');
const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const REFUSING_ZONE = '9a7806061c88ada191ed06f989cc3dac';
const TOKEN = 'tok_WORKERD_5e1f';
const refused = (res) =>
  json(
    res,
    400,
    { success: false, result: null, messages: [], errors: [{ code: 81058, message: 'An identical record already exists.', source: { pointer: '/posts/0' } }] },
    { 'cf-ray': '8f1c2a3b4c5d6e7f-SJC' },
  );

let dir;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cf-dns-batch-workerd-'));
  await symlink(root, join(dir, 'repo'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** Writes `<name>.capnp` from its template and runs `workerd test` on it; resolves to its output. */
async function runWorkerd(name, apiBase) {
  const template = await readFile(join(here, `${name}.capnp.in`), 'utf8');
  const config = join(dir, `${name}.capnp`);
  await writeFile(config, template.replaceAll('@API_BASE@', apiBase).replaceAll('@API_TOKEN@', TOKEN));
  const child = spawn(WORKERD, ['test', '--verbose', config], { cwd: dir, env: { ...process.env, PWD: dir }, timeout: 120_000, killSignal: 'SIGKILL' });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const [code, signal] = await new Promise((done) => child.on('close', (...args) => done(args)));
  return { code, signal, output };
}

function report(t, output) {
  // The Worker's own per-case lines, so a failure says which case and why.
  for (const line of output.split('\n')) if (/^(ok|not ok) - |\[ (PASS|FAIL|TEST) \]|Uncaught|Error/.test(line)) t.diagnostic(line.trim());
}

test('the package in workerd: validation, the Worker fetch, ValidationError, ApiError', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  server.setFallback((req, res, body) => (req.url.includes(REFUSING_ZONE) ? refused(res) : json(res, 200, okEnvelope(body))));

  const { code, signal, output } = await runWorkerd('package', server.baseURL);
  report(t, output);
  assert.equal(signal, null, `workerd was killed (${signal}):\n${output}`);
  assert.equal(code, 0, `workerd test failed:\n${output}`);
  assert.match(output, /\[ PASS \] package/);

  // The bad record sent nothing; the valid batch and the refused one arrived exactly as built.
  assert.equal(server.requests.length, 2, JSON.stringify(server.requests.map((r) => `${r.method} ${r.url}`)));
  const [sent, refusedReq] = server.requests;
  assert.equal(sent.method, 'POST');
  assert.equal(sent.url, `/client/v4/zones/${ZONE}/dns_records/batch`);
  assert.equal(sent.headers.authorization, `Bearer ${TOKEN}`);
  assert.equal(sent.headers['content-type'], 'application/json');
  assert.equal(sent.headers.accept, 'application/json');
  assert.deepEqual(JSON.parse(sent.body), {
    deletes: [{ id: '2bff0ebc4df64beaa44b0dca93e37a28' }],
    posts: [
      { type: 'A', name: 'www.example.com', content: '192.0.2.41', proxied: false, ttl: 3000 },
      { type: 'SRV', name: '_sip._tcp.example.com', ttl: 1, data: { priority: 10, weight: 5, port: 5060, target: 'sip.example.com' } },
    ],
  });
  assert.equal(refusedReq.method, 'POST');
  assert.equal(refusedReq.url, `/client/v4/zones/${REFUSING_ZONE}/dns_records/batch`);
});

test('examples/worker in workerd: the ACME DNS-01 responder adds and removes its own TXT value, keeping the others', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  // A small stateful API: the TXT records of the zone, listed by exact name, changed by batches.
  const stamp = '2026-11-27T00:00:00.000000Z';
  const txt = (id, name, content) => ({ id, type: 'TXT', name, content, proxiable: false, proxied: false, ttl: 60, comment: null, tags: [], meta: {}, settings: {}, created_on: stamp, modified_on: stamp });
  const challenge = '_acme-challenge.example.com';
  const records = [txt('0ld0000000000000000000000000000a', challenge, '"old-1"'), txt('0ld0000000000000000000000000000b', challenge, 'old-2')];
  let created = 0;
  server.setFallback((req, res, body) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === `/client/v4/zones/${ZONE}/dns_records`) {
      const name = url.searchParams.get('name.exact');
      const result = records.filter((r) => r.type === url.searchParams.get('type') && r.name === name);
      return json(res, 200, { success: true, errors: [], messages: [], result, result_info: { page: 1, per_page: 5000, count: result.length, total_count: result.length, total_pages: 1 } });
    }
    if (req.method === 'POST' && url.pathname === `/client/v4/zones/${ZONE}/dns_records/batch`) {
      const parsed = JSON.parse(body);
      if (parsed.posts?.[0]?.name === '_acme-challenge.refused.example.com') return refused(res);
      const deleted = (parsed.deletes ?? []).map(({ id }) => records.splice(records.findIndex((r) => r.id === id), 1)[0]);
      const posted = (parsed.posts ?? []).map((p) => txt(`f00dbabe${String(++created).padStart(24, '0')}`, p.name, p.content));
      records.push(...posted);
      return json(res, 200, { success: true, errors: [], messages: [], result: { deletes: deleted, patches: [], puts: [], posts: posted } });
    }
    return json(res, 404, { success: false, errors: [{ code: 7003, message: 'No route for that URI' }], messages: [], result: null });
  });

  const { code, signal, output } = await runWorkerd('example', server.baseURL);
  report(t, output);
  assert.equal(signal, null, `workerd was killed (${signal}):\n${output}`);
  assert.equal(code, 0, `workerd test failed:\n${output}`);
  assert.match(output, /\[ PASS \] tester/);

  const list = (name) => `GET /client/v4/zones/${ZONE}/dns_records?page=1&per_page=5000&type=TXT&name.exact=${name}`;
  const send = `POST /client/v4/zones/${ZONE}/dns_records/batch`;
  const seen = server.requests.map((r) => `${r.method} ${r.url}`);
  assert.deepEqual(seen, [
    list(challenge), send, // publish the first value
    list(challenge), send, // publish a second value at the same name
    list(challenge), // the same value again: nothing to send
    list(challenge), send, // clean up the first value
    list(challenge), // clean up a value that is not there: nothing to send
    list('_acme-challenge.www.example.com'), send,
    list('_acme-challenge.refused.example.com'), send,
  ], 'the invalid name and the unauthenticated calls sent nothing');
  for (const r of server.requests) assert.equal(r.headers.authorization, `Bearer ${TOKEN}`, `${r.method} ${r.url}`);
  const bodies = server.requests.filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body));
  const posted = (content) => ({ type: 'TXT', name: challenge, content, ttl: 60, comment: 'ACME DNS-01 challenge' });
  assert.deepEqual(bodies[0], { posts: [posted('"gfj9Xq-Kd1L5ojsy0aNKLf8Bvt2cQwTk8fq3sRduS0Y"')] }, 'a post only: the values already there are kept');
  assert.deepEqual(bodies[1], { posts: [posted('"wildcard-value-2"')] });
  assert.deepEqual(bodies[2], { deletes: [{ id: 'f00dbabe000000000000000000000001' }] }, 'the cleanup deletes its own record only');
  // Both certificates' values survived each other; the values that were there before are untouched.
  assert.deepEqual(
    records.filter((r) => r.name === challenge).map((r) => r.content),
    ['"old-1"', 'old-2', '"wildcard-value-2"'],
  );
});
