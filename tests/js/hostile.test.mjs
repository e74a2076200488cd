// Hostile input and hostile answers: every call returns issues or throws an Error subclass, the
// WebAssembly instance keeps working afterwards, nothing pollutes prototypes, and a batch that may
// have been applied is never sent twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  batch,
  buildBatchRequest,
  validateBatch,
  validateRecord,
  toContent,
  fromContent,
  ApiError,
  ConfigurationError,
  TimeoutError,
  ValidationError,
} from '../../pkg/src/node.mjs';

const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const GOOD = { type: 'A', name: 'www.example.com', content: '192.0.2.1', ttl: 1 };

// A small deterministic PRNG, so a failure can be replayed.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function deep(n, leaf) {
  let v = leaf;
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

const throwingProxy = new Proxy({}, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); } });
const withThrowingGetter = Object.defineProperty({ type: 'A' }, 'content', { enumerable: true, get() { throw new Error('getter'); } });
const hostileLeaves = [
  undefined, null, true, false, 0, -0, 1.5, -1, 2 ** 53 + 2, 1e308, NaN, Infinity, -Infinity,
  10n, Symbol('s'), () => 1, function named() {}, new Date(0), new Map([[1, 2]]), new Uint8Array(3), /re/,
  '', ' ', '\u0000', '\ud800', '\udfff', 'a\ud800b', '\u202e', 'é'.repeat(70), '.'.repeat(300), 'x'.repeat(5000),
  '../../etc', '%2F', 'a\r\nb', '@', '*', '"', '\\', '{"a":1}', 'A', 'SRV', 'CAA', 'TXT', '__proto__', 'constructor',
  [], [1, 2], {}, Object.create(null), JSON.parse('{"__proto__":{"polluted":1}}'), { constructor: { prototype: { polluted: 1 } } },
  deep(60, 1), deep(300, 'x'), throwingProxy, withThrowingGetter,
];
const fieldNames = ['type', 'name', 'content', 'data', 'ttl', 'proxied', 'comment', 'tags', 'settings', 'priority', 'id', '__proto__', 'constructor'];
const dataNames = ['priority', 'weight', 'port', 'target', 'flags', 'tag', 'value', 'digest', 'algorithm', 'usage', 'lat_degrees', 'regex'];
const TYPES = ['A', 'AAAA', 'CAA', 'CERT', 'CNAME', 'DNSKEY', 'DS', 'HTTPS', 'LOC', 'MX', 'NAPTR', 'NS', 'OPENPGPKEY', 'PTR', 'SMIMEA', 'SRV', 'SSHFP', 'SVCB', 'TLSA', 'TXT', 'URI'];

// Own data properties, even for `__proto__` (plain assignment would set the prototype instead).
function put(o, key, value) {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

function hostileValue(rand, depth = 0) {
  const r = rand();
  if (r < 0.55 || depth > 3) return hostileLeaves[Math.floor(rand() * hostileLeaves.length)];
  if (r < 0.75) return Array.from({ length: Math.floor(rand() * 4) }, () => hostileValue(rand, depth + 1));
  const o = {};
  for (let i = Math.floor(rand() * 5); i > 0; i--) put(o, fieldNames[Math.floor(rand() * fieldNames.length)], hostileValue(rand, depth + 1));
  return o;
}

function hostileRecord(rand) {
  const r = { type: TYPES[Math.floor(rand() * TYPES.length)], name: 'x.example.com', ttl: 1, content: 'x', data: {} };
  for (let i = Math.floor(rand() * 4); i > 0; i--) put(r, fieldNames[Math.floor(rand() * fieldNames.length)], hostileValue(rand));
  for (let i = Math.floor(rand() * 4); i > 0; i--) if (r.data && typeof r.data === 'object') put(r.data, dataNames[Math.floor(rand() * dataNames.length)], hostileValue(rand));
  return rand() < 0.1 ? hostileValue(rand) : r;
}

// Spreading a hostile value can throw in the test itself; the library gets the value unspread too.
function spread(x) {
  try {
    return x && typeof x === 'object' ? { ...x } : {};
  } catch {
    return {};
  }
}

function expectIssuesOrError(fn, label) {
  let out;
  try {
    out = fn();
  } catch (err) {
    assert.ok(err instanceof Error, `${label}: threw a non-Error ${String(err)}`);
    assert.notEqual(err.constructor.name, 'RuntimeError', `${label}: a WebAssembly trap escaped`);
    return;
  }
  return out;
}

function stillWorks() {
  assert.deepEqual(validateRecord(GOOD), []);
  assert.equal(validateRecord({ ...GOOD, content: '1.2.3' })[0].code, 'a.content.ipv4');
}

test('thousands of hostile values into every export: issues or an Error, and the instance keeps working', async () => {
  const rand = rng(20261127);
  let sent = 0;
  const fetch = async () => {
    sent++;
    return new Response('{"success":true,"errors":[],"messages":[],"result":{}}', { status: 200 });
  };
  for (let i = 0; i < 3000; i++) {
    const record = hostileRecord(rand);
    const params = rand() < 0.15 ? hostileValue(rand) : { zone_id: rand() < 0.8 ? ZONE : hostileValue(rand), posts: [record], patches: rand() < 0.3 ? [{ id: hostileValue(rand), ...spread(rand() < 0.5 && record) }] : undefined };
    const options = rand() < 0.2 ? hostileValue(rand) : { plan: rand() < 0.2 ? hostileValue(rand) : 'pro', strict: rand() < 0.5, disable: rand() < 0.1 ? hostileValue(rand) : undefined };
    const issues = expectIssuesOrError(() => validateRecord(record, options), `validateRecord #${i}`);
    if (issues !== undefined) assert.ok(Array.isArray(issues), `validateRecord #${i} returned ${typeof issues}`);
    const batchIssues = expectIssuesOrError(() => validateBatch(params, options), `validateBatch #${i}`);
    if (batchIssues !== undefined) {
      assert.ok(Array.isArray(batchIssues));
      for (const issue of batchIssues) assert.ok(typeof issue.code === 'string' && typeof issue.pointer === 'string' && typeof issue.message === 'string');
    }
    expectIssuesOrError(() => buildBatchRequest(params, { apiToken: 't', ...spread(options) }), `buildBatchRequest #${i}`);
    expectIssuesOrError(() => toContent(record), `toContent #${i}`);
    expectIssuesOrError(() => fromContent(TYPES[i % 21], typeof record?.content === 'string' ? record.content : String(i)), `fromContent #${i}`);
    if (i % 10 === 0) {
      try {
        await batch(params, { apiToken: 't', fetch, ...spread(options) });
      } catch (err) {
        assert.ok(err instanceof Error, `batch #${i} rejected with a non-Error`);
      }
    }
    if (i % 500 === 0) stillWorks();
  }
  stillWorks();
  assert.equal(Object.prototype.polluted, undefined);
  assert.equal({}.polluted, undefined);
  assert.ok(sent >= 0);
});

test('deep nesting, huge strings and lone surrogates are issues, not crashes', () => {
  const deepIssues = validateBatch({ zone_id: ZONE, posts: [deep(5000, 1)] });
  assert.ok(deepIssues.some((i) => i.severity === 'error'));
  const huge = validateRecord({ ...GOOD, comment: 'x'.repeat(2_000_000) });
  assert.ok(huge.some((i) => i.code === 'record.comment.length'));
  const lone = validateRecord({ ...GOOD, name: 'a\ud800.example.com' });
  assert.ok(lone.some((i) => i.severity === 'error'));
  stillWorks();
});

test('a request body over the limit is refused before sending', async () => {
  let sent = 0;
  const fetch = async () => {
    sent++;
    return new Response('{}');
  };
  const huge = { zone_id: ZONE, posts: [{ ...GOOD, note: 'x'.repeat(25 * 1024 * 1024) }] };
  // Refused before it is parsed (or even copied into WebAssembly): a validation issue, in
  // validateBatch as in batch().
  await assert.rejects(batch(huge, { apiToken: 't', fetch }), (err) => err instanceof ValidationError && err.issues[0].code === 'batch.body.size');
  assert.equal(sent, 0);
  assert.deepEqual(validateBatch(huge).map((i) => i.code), ['batch.body.size']);
  assert.deepEqual(validateRecord(huge.posts[0]).map((i) => i.code), ['batch.body.size']);
});

const answer = (body, status = 200, headers = {}) => async () => new Response(body, { status, headers: { 'content-type': 'application/json', ...headers } });
const params = { zone_id: ZONE, posts: [GOOD] };

test('hostile answers give a clear ApiError and are never replayed', async () => {
  const cases = [
    ['<!DOCTYPE html><html><body>Error 1020: Access denied</body></html>', 403, 'api.forbidden'],
    ['<html>gateway</html>', 200, 'api.not_json'],
    ['{"success":true,"result":{"posts":[{"id"', 200, 'api.not_json'],
    ['', 200, 'api.not_json'],
    ['[1,2,3]', 200, 'api.not_json'],
    ['{"hello":"world"}', 200, 'api.not_envelope'],
    ['{"success":true,"result":"nope"}', 200, 'api.bad_result'],
    ['{"success":true,"result":{"posts":{"0":1}}}', 200, 'api.bad_result'],
    ['{"success":true,"result":{"posts":[1,2]}}', 200, 'api.bad_result'],
    ['{"success":false,"errors":[],"messages":[],"result":null}', 200, 'api.unsuccessful'],
    ['{"success":false,"errors":[{"code":"x","message":{"nested":true}}]}', 400, 'api.bad_request'],
    ['null', 500, 'api.server_error'],
  ];
  for (const [body, status, code] of cases) {
    let calls = 0;
    const fetch = async (...a) => {
      calls++;
      return answer(body, status)(...a);
    };
    await assert.rejects(batch(params, { apiToken: 't', fetch }), (err) => {
      assert.ok(err instanceof ApiError, `${body.slice(0, 30)}: ${err}`);
      assert.equal(err.code, code, body.slice(0, 40));
      assert.equal(err.status, status);
      assert.ok(err.message.length < 500);
      return true;
    });
    assert.equal(calls, 1, `${code} is not replayed`);
  }
});

test('an answer with __proto__ keys and unknown fields parses without touching any prototype', async () => {
  const body = '{"success":true,"errors":[],"messages":[],"__proto__":{"polluted":1},"result":{"__proto__":{"polluted":2},"posts":[{"id":"1","type":"A","name":"www.example.com","content":"192.0.2.1","__proto__":{"admin":true},"constructor":{"prototype":{"polluted":3}},"brand_new_field":{"x":1}}]}}';
  const result = await batch(params, { apiToken: 't', fetch: answer(body) });
  assert.equal(result.posts.length, 1);
  assert.deepEqual(result.posts[0].brand_new_field, { x: 1 });
  assert.equal(Object.getPrototypeOf(result.posts[0]), Object.prototype);
  assert.equal(result.posts[0].admin, undefined);
  assert.equal(Object.prototype.polluted, undefined);
  assert.equal({}.admin, undefined);
});

test('a 16 MB answer is handled', async () => {
  const posts = Array.from({ length: 40_000 }, (_, i) => ({ id: String(i).padStart(32, '0'), type: 'TXT', name: `r${i}.example.com`, content: `"${'x'.repeat(380)}"` }));
  const body = JSON.stringify({ success: true, errors: [], messages: [], result: { posts } });
  assert.ok(body.length > 16_000_000);
  const result = await batch(params, { apiToken: 't', fetch: answer(body) });
  assert.equal(result.posts.length, 40_000);
  const bad = `${body.slice(0, -2)}`; // truncated
  await assert.rejects(batch(params, { apiToken: 't', fetch: answer(bad) }), (err) => err instanceof ApiError && err.message.length < 500);
  stillWorks();
});

test('a slow body is a timeout, and is not sent again', async () => {
  let calls = 0;
  const fetch = async (url, init) => {
    calls++;
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"success":true,'));
        init.signal.addEventListener('abort', () => controller.error(init.signal.reason));
      },
    });
    return new Response(stream, { status: 200 });
  };
  await assert.rejects(batch(params, { apiToken: 't', fetch, timeout: 150 }), TimeoutError);
  assert.equal(calls, 1);
});

test('retries are bounded in count and in time', async () => {
  let calls = 0;
  const fetch = async () => {
    calls++;
    return new Response('{"success":false,"errors":[{"code":10100,"message":"slow down"}]}', { status: 429, headers: { 'retry-after-ms': '5' } });
  };
  await assert.rejects(batch(params, { apiToken: 't', fetch, maxRetries: 3 }), ApiError);
  assert.equal(calls, 4);
  calls = 0;
  const absurd = async () => {
    calls++;
    return new Response('{}', { status: 429, headers: { 'retry-after': String(10 ** 12) } });
  };
  const t0 = Date.now();
  await assert.rejects(batch(params, { apiToken: 't', fetch: absurd }), ApiError);
  assert.equal(calls, 1);
  assert.ok(Date.now() - t0 < 1000);
  await assert.rejects(batch(params, { apiToken: 't', fetch: absurd, maxRetries: 1e9 }), (err) => err instanceof ConfigurationError);
});

test('ids, zone ids and credentials that would change the request are refused before sending', async () => {
  let sent = 0;
  const fetch = async () => {
    sent++;
    return new Response('{}');
  };
  for (const bad of ['a/b', '..', '.', '%2F..%2F', 'a\u0000b', 'a\nb', 'a b', 'a?b', 'a#b', 'a\\b']) {
    await assert.rejects(batch({ ...params, zone_id: bad }, { apiToken: 't', fetch }), ValidationError, JSON.stringify(bad));
    await assert.rejects(batch({ zone_id: ZONE, deletes: [{ id: bad }] }, { apiToken: 't', fetch }), ValidationError, JSON.stringify(bad));
  }
  for (const token of ['a\r\nb', 'a\nb', 'a b', 'tök', '']) {
    await assert.rejects(batch(params, { apiToken: token, fetch }), ConfigurationError, JSON.stringify(token));
  }
  assert.equal(sent, 0);
});

test('a trap inside WebAssembly becomes an InternalError and the instance is replaced', async () => {
  const { createApi } = await import('../../pkg/src/api.js');
  const { InternalError } = await import('../../pkg/src/errors.js');
  const real = await import('../../pkg/dist/web/cf_dns_batch.js');
  let resets = 0;
  let trapNext = true;
  // The real module, except that the next call traps the way a Rust panic does in WebAssembly.
  const wasm = {
    ...real,
    validateRecordJson(...args) {
      if (trapNext) {
        trapNext = false;
        throw new WebAssembly.RuntimeError('unreachable');
      }
      return real.validateRecordJson(...args);
    },
  };
  const api = createApi(wasm, () => {
    resets++;
    real.__wbg_reset_state();
  });
  assert.throws(() => api.validateRecord(GOOD), (err) => err instanceof InternalError && err.code === 'internal' && err.cause instanceof WebAssembly.RuntimeError);
  assert.equal(resets, 1);
  assert.deepEqual(api.validateRecord(GOOD), []);
  stillWorks();
});
