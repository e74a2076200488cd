// batch() over Node's own fetch against a real HTTP server on 127.0.0.1.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  batch,
  buildBatchRequest,
  validateBatch,
  ApiError,
  AbortError,
  CloudflareDnsError,
  ConfigurationError,
  ConnectionError,
  TimeoutError,
  ValidationError,
} from '../../pkg/src/node.mjs';
import { startServer, json, okEnvelope } from './support/server.mjs';

const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const TOKEN = 'tok_SECRET_7f3a9c';
const ID = '2bff0ebc4df64beaa44b0dca93e37a28';
let server;

const params = () => ({
  zone_id: ZONE,
  deletes: [{ id: ID }],
  patches: [{ id: '62276440f783445380480484648c1017', content: '192.0.2.46' }],
  posts: [
    { type: 'A', name: 'www.example.com', content: '192.0.2.41', proxied: false, ttl: 3000 },
    { type: 'SRV', name: '_sip._tcp.example.com', ttl: 1, data: { priority: 10, weight: 5, port: 5060, target: 'sip.example.com' } },
  ],
});

before(async () => {
  server = await startServer();
});
after(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

test('sends one POST with the right URL, headers and body, and returns the typed result', async () => {
  const result = await batch(params(), { apiToken: TOKEN, baseURL: server.baseURL });
  assert.equal(server.requests.length, 1);
  const [req] = server.requests;
  assert.equal(req.method, 'POST');
  assert.equal(req.url, `/client/v4/zones/${ZONE}/dns_records/batch`);
  assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
  assert.equal(req.headers['content-type'], 'application/json');
  assert.equal(req.headers.accept, 'application/json');
  const body = JSON.parse(req.body);
  assert.equal(body.zone_id, undefined, 'zone_id is a path parameter, not part of the body');
  assert.deepEqual(body.deletes, [{ id: ID }]);
  assert.deepEqual(body.patches, [{ id: '62276440f783445380480484648c1017', content: '192.0.2.46' }]);
  assert.deepEqual(body.posts[1].data, { priority: 10, weight: 5, port: 5060, target: 'sip.example.com' });
  assert.deepEqual(Object.keys(result), ['deletes', 'patches', 'puts', 'posts']);
  assert.equal(result.posts.length, 2);
  assert.equal(result.posts[0].content, '192.0.2.41');
  assert.deepEqual(result.puts, []);
});

test('email + key authentication sends both headers and no bearer token', async () => {
  await batch(params(), { apiEmail: 'ops@example.com', apiKey: 'KEY_SECRET_123', baseURL: server.baseURL });
  const [req] = server.requests;
  assert.equal(req.headers['x-auth-email'], 'ops@example.com');
  assert.equal(req.headers['x-auth-key'], 'KEY_SECRET_123');
  assert.equal(req.headers.authorization, undefined);
});

test('include_shadow_metadata becomes a query parameter', async () => {
  await batch({ ...params(), include_shadow_metadata: true }, { apiToken: TOKEN, baseURL: server.baseURL });
  assert.equal(server.requests[0].url, `/client/v4/zones/${ZONE}/dns_records/batch?include_shadow_metadata=true`);
});

test('invalid records throw ValidationError with every issue, and nothing is sent', async () => {
  const bad = params();
  bad.posts[0].content = '192.0.2.300';
  bad.posts[1].data.port = 70000;
  await assert.rejects(batch(bad, { apiToken: TOKEN, baseURL: server.baseURL }), (err) => {
    assert.ok(err instanceof ValidationError && err instanceof CloudflareDnsError && err instanceof Error);
    assert.equal(err.code, 'validation_failed');
    const errors = err.issues.filter((i) => i.severity === 'error');
    assert.deepEqual(errors.map((i) => [i.code, i.pointer]), [
      ['a.content.ipv4', '/posts/0/content'],
      ['srv.data.port.range', '/posts/1/data/port'],
    ]);
    assert.match(err.message, /2 issues block sending/);
    return true;
  });
  assert.equal(server.requests.length, 0);
});

test('wrong shapes are issues, not crashes', () => {
  const issues = validateBatch({ zone_id: ZONE, posts: 'nope', deletes: [42] });
  assert.deepEqual(issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.pointer]), [
    ['batch.operation.type', '/deletes/0'],
    ['batch.posts.type', '/posts'],
  ]);
  assert.ok(validateBatch(null).some((i) => i.code === 'batch.type'));
  assert.deepEqual(validateBatch({ zone_id: ZONE, posts: [{ type: 'A', name: 'x', content: '192.0.2.1', ttl: 10n }] }).map((i) => i.code), ['batch.json']);
});

test('a BigInt or a cycle in params is a ValidationError, never a stray TypeError', async () => {
  const cyclic = params();
  cyclic.posts[0].self = cyclic;
  await assert.rejects(batch(cyclic, { apiToken: TOKEN, baseURL: server.baseURL }), ValidationError);
  await assert.rejects(batch({ ...params(), zone_id: 1n }, { apiToken: TOKEN, baseURL: server.baseURL }), ValidationError);
  assert.equal(server.requests.length, 0);
});

test('API errors become ApiError with status, errors, messages and the cf-ray id', async () => {
  server.answer((req, res) =>
    json(res, 400, { success: false, result: null, messages: [], errors: [{ code: 81058, message: 'An identical record already exists.', source: { pointer: '/posts/0' } }] }, { 'cf-ray': '8f1c2a3b4c5d6e7f-SJC' }),
  );
  await assert.rejects(batch(params(), { apiToken: TOKEN, baseURL: server.baseURL }), (err) => {
    assert.ok(err instanceof ApiError);
    assert.equal(err.status, 400);
    assert.equal(err.code, 'api.bad_request');
    assert.equal(err.rayId, '8f1c2a3b4c5d6e7f-SJC');
    assert.deepEqual(err.errors, [{ code: 81058, message: 'An identical record already exists.', pointer: '/posts/0' }]);
    assert.match(err.message, /identical record/);
    return true;
  });
});

test('success:false on a 200 is an ApiError, not a null result', async () => {
  server.answer((req, res) => json(res, 200, { success: false, result: null, messages: [], errors: [{ code: 1000, message: 'nope' }] }));
  await assert.rejects(batch(params(), { apiToken: TOKEN, baseURL: server.baseURL }), (err) => err instanceof ApiError && err.code === 'api.unsuccessful' && err.status === 200);
});

test('an HTML answer is an ApiError with the status and a short excerpt', async () => {
  server.answer((req, res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end(`<html><body><h1>502 Bad Gateway</h1>${'x'.repeat(5000)}</body></html>`);
  });
  await assert.rejects(batch(params(), { apiToken: TOKEN, baseURL: server.baseURL }), (err) => {
    assert.ok(err instanceof ApiError);
    assert.equal(err.status, 502);
    assert.match(err.message, /502 Bad Gateway/);
    assert.ok(err.message.length < 400, 'only an excerpt of the body');
    return true;
  });
  assert.equal(server.requests.length, 1, 'a 5xx is not replayed');
});

test('429 is retried, honouring Retry-After in seconds', async () => {
  server.answer((req, res) => json(res, 429, { success: false, errors: [{ code: 10000, message: 'rate limited' }], messages: [], result: null }, { 'retry-after': '1' }));
  const started = Date.now();
  const result = await batch(params(), { apiToken: TOKEN, baseURL: server.baseURL });
  assert.equal(server.requests.length, 2);
  assert.ok(Date.now() - started >= 950, 'waited about a second');
  assert.equal(result.posts.length, 2);
});

test('429 honours retry-after-ms and Retry-After as an HTTP date, and stops after maxRetries', async () => {
  const limited = (headers) => (req, res) => json(res, 429, { success: false, errors: [{ code: 10000, message: 'slow down' }], messages: [], result: null }, headers);
  server.answer(limited({ 'retry-after-ms': '20' }), limited({ 'retry-after': new Date(Date.now() + 1000).toUTCString() }), limited({ 'retry-after-ms': '10' }));
  await assert.rejects(batch(params(), { apiToken: TOKEN, baseURL: server.baseURL, maxRetries: 2 }), (err) => err instanceof ApiError && err.status === 429 && err.code === 'api.rate_limited');
  assert.equal(server.requests.length, 3, 'one try and two retries');
});

test('an absurd Retry-After stops retrying instead of waiting for it', async () => {
  server.answer((req, res) => json(res, 429, { success: false, errors: [], messages: [], result: null }, { 'retry-after': '86400' }));
  const started = Date.now();
  await assert.rejects(batch(params(), { apiToken: TOKEN, baseURL: server.baseURL }), ApiError);
  assert.ok(Date.now() - started < 2000);
  assert.equal(server.requests.length, 1);
});

test('a 500 is reported, never replayed (a batch POST is not idempotent)', async () => {
  server.answer((req, res) => json(res, 500, { success: false, errors: [{ code: 10001, message: 'internal' }], messages: [], result: null }));
  await assert.rejects(batch(params(), { apiToken: TOKEN, baseURL: server.baseURL }), (err) => err instanceof ApiError && err.status === 500);
  assert.equal(server.requests.length, 1);
});

test('a connection reset after sending is a ConnectionError and is not replayed', async () => {
  server.answer((req, res) => res.socket.destroy());
  await assert.rejects(batch(params(), { apiToken: TOKEN, baseURL: server.baseURL }), (err) => {
    assert.ok(err instanceof ConnectionError);
    assert.equal(err.sent, true);
    assert.ok(err.cause, 'the underlying error is kept as cause');
    return true;
  });
  assert.equal(server.requests.length, 1);
});

test('a timeout is a TimeoutError and is not replayed', async () => {
  server.answer(() => {}); // never answers
  await assert.rejects(batch(params(), { apiToken: TOKEN, baseURL: server.baseURL, timeout: 200 }), TimeoutError);
  assert.equal(server.requests.length, 1);
});

test('a refused connection (never sent) is retried, then reported with sent=false', async () => {
  let calls = 0;
  const counting = (url, init) => {
    calls++;
    return fetch(url, init);
  };
  const closed = await startServer();
  await closed.close(); // a port that was just free: connecting is refused
  await assert.rejects(batch(params(), { apiToken: TOKEN, baseURL: closed.baseURL, fetch: counting, maxRetries: 1 }), (err) => err instanceof ConnectionError && err.sent === false);
  assert.equal(calls, 2);
});

test('the caller’s signal aborts at once, also while waiting to retry', async () => {
  server.answer(() => {});
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error('user gave up')), 50);
  const started = Date.now();
  await assert.rejects(batch(params(), { apiToken: TOKEN, baseURL: server.baseURL, signal: controller.signal }), (err) => err instanceof AbortError && err.code === 'aborted');
  assert.ok(Date.now() - started < 1000);

  server.answer((req, res) => json(res, 429, { success: false, errors: [], messages: [], result: null }, { 'retry-after': '30' }));
  const again = new AbortController();
  setTimeout(() => again.abort(), 100);
  await assert.rejects(batch(params(), { apiToken: TOKEN, baseURL: server.baseURL, signal: again.signal }), AbortError);
  const pre = new AbortController();
  pre.abort();
  await assert.rejects(batch(params(), { apiToken: TOKEN, baseURL: server.baseURL, signal: pre.signal }), AbortError);
});

test('a custom fetch is used instead of the global one', async () => {
  const seen = [];
  const custom = async (url, init) => {
    seen.push({ url, init });
    return new Response(JSON.stringify(okEnvelope(init.body)), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const result = await batch(params(), { apiToken: TOKEN, fetch: custom });
  assert.equal(seen.length, 1);
  assert.equal(seen[0].url, `https://api.cloudflare.com/client/v4/zones/${ZONE}/dns_records/batch`);
  assert.equal(seen[0].init.method, 'POST');
  assert.equal(result.posts.length, 2);
  assert.equal(server.requests.length, 0);
});

test('configuration problems are refused before sending', async () => {
  const cases = [
    [{ apiToken: 'abc\r\nx-injected: 1' }, 'options.api_token.invalid'],
    [{ apiEmail: 'a@example.com' }, 'options.auth.incomplete'],
    [{}, 'options.auth.missing'],
    [{ apiToken: TOKEN, baseURL: 'ftp://example.com' }, 'options.base_url.invalid'],
    [{ apiToken: TOKEN, timeout: -1 }, 'options.timeout.invalid'],
    [{ apiToken: TOKEN, maxRetries: 1.5 }, 'options.max_retries.invalid'],
  ];
  for (const [options, code] of cases) {
    await assert.rejects(batch(params(), { baseURL: server.baseURL, ...options }), (err) => err instanceof ConfigurationError && err.code === code, code);
  }
  assert.equal(server.requests.length, 0);
});

test('ids and zone ids that would change the URL path are refused', async () => {
  for (const zone_id of ['../accounts', 'a/b', '%2F', 'a\nb', '..']) {
    await assert.rejects(batch({ ...params(), zone_id }, { apiToken: TOKEN, baseURL: server.baseURL }), ValidationError, zone_id);
  }
  await assert.rejects(batch({ ...params(), deletes: [{ id: '../../x' }] }, { apiToken: TOKEN, baseURL: server.baseURL }), ValidationError);
  assert.equal(server.requests.length, 0);
});

test('buildBatchRequest shows exactly what batch() sends', async () => {
  const built = buildBatchRequest(params(), { apiToken: TOKEN, baseURL: server.baseURL });
  await batch(params(), { apiToken: TOKEN, baseURL: server.baseURL });
  assert.equal(built.url, `${server.baseURL}/zones/${ZONE}/dns_records/batch`);
  assert.equal(built.body, server.requests[0].body);
  assert.equal(built.headers.authorization, `Bearer ${TOKEN}`);
});

test('no credential appears in any error message, stack, toString or JSON', async () => {
  const secrets = [TOKEN, 'KEY_SECRET_123'];
  const errors = [];
  const collect = async (p) => {
    try {
      await p;
    } catch (e) {
      errors.push(e);
    }
  };
  const opts = { apiToken: TOKEN, baseURL: server.baseURL };
  server.answer((req, res) => json(res, 403, { success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [], result: null }));
  await collect(batch(params(), opts));
  server.answer((req, res) => res.socket.destroy());
  await collect(batch(params(), { apiEmail: 'a@example.com', apiKey: 'KEY_SECRET_123', baseURL: server.baseURL }));
  server.answer(() => {});
  await collect(batch(params(), { ...opts, timeout: 100 }));
  await collect(batch({ ...params(), posts: [{ type: 'A', name: 'x', content: TOKEN, ttl: 1 }] }, { apiToken: 'other' }).then(() => {}));
  await collect(batch(params(), { apiToken: `${TOKEN}\n` }));
  await collect(batch(params(), { apiEmail: 'a@example.com', apiKey: 'KEY_SECRET_123\r', baseURL: server.baseURL }));
  await collect(batch(params(), { ...opts, baseURL: 'http://127.0.0.1:9/x', maxRetries: 0 }));
  assert.ok(errors.length >= 6);
  for (const err of errors.slice(0, 3).concat(errors.slice(4))) {
    const views = [err.message, err.stack, String(err), JSON.stringify(err), JSON.stringify(err.cause ?? null)];
    for (const view of views) for (const secret of secrets) assert.ok(!String(view).includes(secret), `${err.name} leaks a credential: ${view}`);
  }
});
