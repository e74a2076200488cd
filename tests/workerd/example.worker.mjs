// Runs inside workerd (`workerd test`, see example.capnp.in): calls examples/worker (the ACME DNS-01
// responder) through a service binding. The example talks to a scripted local API; workerd.test.mjs
// checks on the Node side what it sent.
import { runCases, ok, equal } from './harness.mjs';
const ORIGIN = 'https://acme.example.workers.dev';

// The scripted API (workerd.test.mjs) starts with two TXT values at _acme-challenge.example.com,
// keeps what the batches do, and numbers new records f00dbabe...0001, ...0002 in order.
const newId = (n) => `f00dbabe${String(n).padStart(24, '0')}`;

const cases = {
  async 'publishes the challenge beside the TXT values already at the name, in one batch'(env) {
    const res = await post(env, { name: 'example.com', value: 'gfj9Xq-Kd1L5ojsy0aNKLf8Bvt2cQwTk8fq3sRduS0Y' });
    const body = await expectStatus(res, 200);
    equal(body.name, '_acme-challenge.example.com');
    equal(body.added, 1);
    equal(body.removed, 0);
    equal(body.kept, 2);
    equal(body.id, newId(1));
  },

  async 'a second value at the same name (wildcard + apex certificate) keeps the first'(env) {
    const body = await expectStatus(await post(env, { name: 'example.com.', value: 'wildcard-value-2' }), 200);
    equal(body.added, 1);
    equal(body.removed, 0);
    equal(body.kept, 3);
    equal(body.id, newId(2));
  },

  async 'publishing a value that is already there sends no batch'(env) {
    const body = await expectStatus(await post(env, { name: '_acme-challenge.example.com', value: 'wildcard-value-2' }), 200);
    equal(body.added, 0);
    equal(body.kept, 4);
    equal(body.id, null);
  },

  async 'cleanup removes only its own value'(env) {
    const body = await expectStatus(await post(env, { name: 'example.com', value: 'gfj9Xq-Kd1L5ojsy0aNKLf8Bvt2cQwTk8fq3sRduS0Y' }, env.ACME_SECRET, 'DELETE'), 200);
    equal(body.removed, 1);
    equal(body.added, 0);
    equal(body.kept, 3);
  },

  async 'cleanup of a value that is not there sends no batch'(env) {
    const body = await expectStatus(await post(env, { name: 'example.com', value: 'never-published' }, env.ACME_SECRET, 'DELETE'), 200);
    equal(body.removed, 0);
    equal(body.kept, 3);
  },

  async 'a name already starting with _acme-challenge is not doubled'(env) {
    const res = await post(env, { name: '_acme-challenge.www.example.com.', value: 'abc' });
    equal((await expectStatus(res, 200)).name, '_acme-challenge.www.example.com');
  },

  async 'a record Cloudflare would refuse is a 400 with issues, before any request'(env) {
    const res = await post(env, { name: 'exa mple.com', value: 'abc' });
    const body = await expectStatus(res, 400);
    ok(Array.isArray(body.issues) && body.issues.some((i) => i.pointer === '/name' && i.severity === 'error'), JSON.stringify(body));
  },

  async 'an API error is a 502 with the API status'(env) {
    const res = await post(env, { name: 'refused.example.com', value: 'abc' });
    const body = await expectStatus(res, 502);
    equal(body.status, 400);
    ok(/identical record/.test(body.error), body.error);
  },

  async 'wrong or missing secret is a 401'(env) {
    await expectStatus(await post(env, { name: 'example.com', value: 'abc' }, 'wrong'), 401);
    await expectStatus(await post(env, { name: 'example.com', value: 'abc' }, null), 401);
  },

  async 'other methods, paths and bodies are refused'(env) {
    const wrongMethod = await env.ACME.fetch(`${ORIGIN}/acme-challenge`);
    equal(wrongMethod.headers.get('allow'), 'POST, DELETE');
    await expectStatus(wrongMethod, 405);
    await expectStatus(await env.ACME.fetch(`${ORIGIN}/elsewhere`, { method: 'POST' }), 404);
    const notJson = await env.ACME.fetch(`${ORIGIN}/acme-challenge`, { method: 'POST', headers: { 'x-acme-secret': env.ACME_SECRET }, body: '{' });
    await expectStatus(notJson, 400);
    await expectStatus(await post(env, { name: 'example.com' }), 400);
  },
};

function post(env, body, secret = env.ACME_SECRET, method = 'POST') {
  const headers = { 'content-type': 'application/json' };
  if (secret !== null) headers['x-acme-secret'] = secret;
  return env.ACME.fetch(`${ORIGIN}/acme-challenge`, { method, headers, body: JSON.stringify(body) });
}

// Reads the whole body, always: an unread response body from a service binding keeps `workerd test`
// from ever finishing. Returns the body parsed as JSON (or null).
async function expectStatus(res, status) {
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected HTTP ${status}, got ${res.status}: ${text}`);
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export default {
  test: (ctrl, env) => runCases(cases, env),
};

