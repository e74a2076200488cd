// What hostile servers, hostile fetches and hostile input must never do: follow a redirect with a
// credential, hang past the timeout, hide a wrong-shaped answer, say "may have been applied" when
// nothing left, show a credential, or keep a huge input's memory. Real HTTP on 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { listRecords } from '../../pkg/src/zone/node.mjs';
import {
  batch,
  validateBatch,
  validateRecord,
  fromContent,
  ApiError,
  ConfigurationError,
  ConnectionError,
  TimeoutError,
  AbortError,
  ValidationError,
} from '../../pkg/src/node.mjs';
import * as wasm from '../../pkg/dist/web/cf_dns_batch.js';
import { startServer, json, okEnvelope } from './support/server.mjs';

const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const TOKEN = 'tok_SECRET_7f3a9c_hardening';
const KEY = 'key_SECRET_5e1b2d_hardening';
const params = () => ({ zone_id: ZONE, posts: [{ type: 'A', name: 'www.example.com', content: '192.0.2.1', ttl: 1 }] });
const everyText = (err) => [err.message, err.stack, JSON.stringify(err), inspect(err, { depth: 8 }), String(err.cause ?? '')].join('\n');

test('a redirect is never followed: sent once, no credential to another origin, ApiError api.redirect', async () => {
  const other = await startServer();
  const server = await startServer();
  try {
    // To another origin, with the legacy key scheme (the X-Auth-Key header fetch would forward).
    server.answer((req, res) => {
      res.writeHead(307, { location: `${other.baseURL}/zones/${ZONE}/dns_records/batch` });
      res.end();
    });
    await assert.rejects(batch(params(), { apiEmail: 'ops@example.com', apiKey: KEY, baseURL: server.baseURL, maxRetries: 5 }), (err) => {
      assert.ok(err instanceof ApiError);
      assert.equal(err.code, 'api.redirect');
      assert.equal(err.status, 307);
      return true;
    });
    assert.equal(server.requests.length, 1);
    assert.equal(other.requests.length, 0, 'nothing reached the other origin');
    // To itself: one POST, not 21.
    server.setFallback((req, res) => {
      res.writeHead(308, { location: req.url });
      res.end();
    });
    await assert.rejects(batch(params(), { apiToken: TOKEN, baseURL: server.baseURL, maxRetries: 5 }), (err) => err.code === 'api.redirect');
    assert.equal(server.requests.length, 2);
    // The same for a listing.
    await assert.rejects(listRecords(ZONE, { apiToken: TOKEN, baseURL: server.baseURL, maxRetries: 5 }), (err) => err.code === 'api.redirect');
    assert.equal(server.requests.length, 3);
  } finally {
    await server.close();
    await other.close();
  }
});

test('timeout: 0 means no time limit; above 2^31-1 ms is refused before anything is sent', async () => {
  let sent = 0;
  const fetch = async () => {
    sent++;
    await new Promise((r) => setTimeout(r, 20));
    return new Response(JSON.stringify(okEnvelope('{}')), { status: 200 });
  };
  for (const timeout of [1e10, 2 ** 31, -1, Number.NaN, Infinity, '100']) {
    await assert.rejects(batch(params(), { apiToken: TOKEN, fetch, timeout }), (err) => err instanceof ConfigurationError && err.code === 'options.timeout.invalid', `timeout ${timeout}`);
  }
  assert.equal(sent, 0);
  assert.deepEqual(await batch(params(), { apiToken: TOKEN, fetch, timeout: 0 }), { deletes: [], patches: [], puts: [], posts: [] });
  assert.equal(sent, 1);
});

test('timeout and signal end the call even when fetch ignores init.signal or the body never ends', async () => {
  const never = () => new Promise(() => {});
  await assert.rejects(batch(params(), { apiToken: TOKEN, fetch: never, timeout: 50 }), TimeoutError);
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error('stop')), 30);
  await assert.rejects(batch(params(), { apiToken: TOKEN, fetch: never, timeout: 0, signal: controller.signal }), AbortError);
  // A body that never ends: headers arrive, the stream stays open. The reader is cancelled.
  let cancelled = false;
  const endless = async () =>
    new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('{"success":')); }, cancel() { cancelled = true; } }), { status: 200 });
  await assert.rejects(batch(params(), { apiToken: TOKEN, fetch: endless, timeout: 50 }), TimeoutError);
  assert.ok(cancelled, 'the body reader was cancelled');
  // A listing is a GET: a timeout is retried, then reported.
  let calls = 0;
  await assert.rejects(listRecords(ZONE, { apiToken: TOKEN, fetch: (...a) => (calls++, never(...a)), timeout: 20, maxRetries: 1 }), TimeoutError);
  assert.equal(calls, 2);
});

test('a signal that is not an AbortSignal is a ConfigurationError', async () => {
  await assert.rejects(batch(params(), { apiToken: TOKEN, fetch: async () => new Response('{}'), signal: {} }), (err) => err instanceof ConfigurationError && err.code === 'options.signal.invalid');
});

test('wrong-shaped success answers are ApiError api.bad_result, never empty lists', async () => {
  for (const result of [[], [[], [], [], []], 'posts', { posts: [[1]] }, { posts: {} }]) {
    const fetch = async () => new Response(JSON.stringify({ success: true, errors: [], messages: [], result }), { status: 200 });
    await assert.rejects(batch(params(), { apiToken: TOKEN, fetch }), (err) => {
      assert.ok(err instanceof ApiError, JSON.stringify(result));
      assert.equal(err.code, 'api.bad_result');
      assert.equal(err.mayHaveBeenApplied, true, 'a success was reported: the batch was applied');
      return true;
    });
  }
  // A listing's result must be a list of records.
  const fetch = async () => new Response(JSON.stringify({ success: true, result: { posts: [] }, result_info: { total_pages: 1 } }), { status: 200 });
  await assert.rejects(listRecords(ZONE, { apiToken: TOKEN, fetch }), (err) => err.code === 'api.bad_result');
  // Absent or null: the API said success and shows nothing.
  for (const body of ['{"success":true}', '{"success":true,"result":null}']) {
    assert.deepEqual(await batch(params(), { apiToken: TOKEN, fetch: async () => new Response(body) }), { deletes: [], patches: [], puts: [], posts: [] });
  }
});

test("fetch's own refusals before connecting are sent: false; a baseURL with user-info is a ConfigurationError that never shows it", async () => {
  for (const port of [1, 9]) {
    await assert.rejects(batch(params(), { apiToken: TOKEN, baseURL: `http://127.0.0.1:${port}/client/v4`, maxRetries: 0 }), (err) => {
      assert.ok(err instanceof ConnectionError, `port ${port}`);
      assert.equal(err.sent, false);
      return true;
    });
  }
  for (const baseURL of ['http://user:pw_SECRET_x@127.0.0.1:8/client/v4', 'https://pw_SECRET_x@api.example.com']) {
    await assert.rejects(batch(params(), { apiToken: TOKEN, baseURL }), (err) => {
      assert.ok(err instanceof ConfigurationError);
      assert.equal(err.code, 'options.base_url.credentials');
      assert.ok(!everyText(err).includes('pw_SECRET_x'), everyText(err));
      return true;
    });
  }
  // A fetch that refuses synchronously never sent anything either.
  const refusing = () => {
    throw new TypeError('refused');
  };
  await assert.rejects(batch(params(), { apiToken: TOKEN, fetch: refusing, maxRetries: 0 }), (err) => err instanceof ConnectionError && err.sent === false);
});

test('credentials echoed by a server are redacted from every text of the error', async () => {
  const server = await startServer();
  try {
    server.setFallback((req, res) =>
      json(res, 400, {
        success: false,
        result: null,
        messages: [{ code: 1, message: `seen ${req.headers['x-auth-key'] ?? ''} ${req.headers.authorization ?? ''}` }],
        errors: [{ code: 9109, message: `invalid token ${req.headers.authorization ?? ''} key ${req.headers['x-auth-key'] ?? ''}` }],
      }),
    );
    for (const auth of [{ apiToken: TOKEN }, { apiEmail: 'ops@example.com', apiKey: KEY }]) {
      await assert.rejects(batch(params(), { ...auth, baseURL: server.baseURL }), (err) => {
        assert.ok(err instanceof ApiError);
        const text = everyText(err);
        assert.ok(!text.includes(TOKEN) && !text.includes(KEY), text);
        assert.ok(text.includes('[redacted]'));
        return true;
      });
    }
  } finally {
    await server.close();
  }
});

test('a 429 that stops exposes retryAfter; a 5xx says whether the batch may have been applied', async () => {
  const server = await startServer();
  try {
    server.answer((req, res) => json(res, 429, { success: false, result: null, errors: [{ code: 971, message: 'slow down' }], messages: [] }, { 'retry-after': '120' }));
    await assert.rejects(batch(params(), { apiToken: TOKEN, baseURL: server.baseURL }), (err) => {
      assert.equal(err.code, 'api.rate_limited');
      assert.equal(err.retryAfter, 120_000);
      assert.equal(err.mayHaveBeenApplied, false);
      return true;
    });
    server.answer((req, res) => json(res, 502, { success: false, result: null, errors: [{ code: 1, message: 'bad gateway' }], messages: [] }));
    await assert.rejects(batch(params(), { apiToken: TOKEN, baseURL: server.baseURL }), (err) => {
      assert.equal(err.mayHaveBeenApplied, true);
      assert.match(err.message, /may have been applied/);
      return true;
    });
    server.answer((req, res) => json(res, 400, { success: false, result: null, errors: [{ code: 81058, message: 'identical' }], messages: [] }));
    await assert.rejects(batch(params(), { apiToken: TOKEN, baseURL: server.baseURL }), (err) => err.mayHaveBeenApplied === false);
  } finally {
    await server.close();
  }
});

test('an answer over 64 MiB is an ApiError that says an answer arrived, and reading stops', async () => {
  let pulled = 0;
  const chunk = new Uint8Array(1024 * 1024).fill(0x20);
  const fetch = async () =>
    new Response(new ReadableStream({ pull(c) { pulled++; c.enqueue(chunk); } }), { status: 200 });
  await assert.rejects(batch(params(), { apiToken: TOKEN, fetch }), (err) => {
    assert.ok(err instanceof ApiError, String(err));
    assert.equal(err.code, 'api.answer_too_large');
    assert.match(err.message, /an answer arrived/);
    return true;
  });
  assert.ok(pulled <= 70, `read ${pulled} MiB`);
});

test('every export throws only the documented classes, with messages that say what is wrong', async () => {
  // validate* never throw.
  assert.ok(Array.isArray(validateBatch(params(), { plan: 1n })));
  const cyclic = {};
  cyclic.self = cyclic;
  assert.ok(Array.isArray(validateBatch(params(), { plan: cyclic })));
  assert.equal(validateBatch(params(), 5)[0].code, 'options.type');
  assert.equal(validateRecord(cyclic)[0].code, 'record.json');
  // fromContent with non-strings.
  assert.throws(() => fromContent(1, 2), (err) => err instanceof ValidationError && err.issues.length === 2);
  // Constructors tolerate a bare message.
  for (const E of [ConnectionError, TimeoutError, ApiError, ValidationError, ConfigurationError, AbortError]) {
    const err = new E('x');
    assert.equal(err.message, 'x');
    assert.equal(typeof err.code, 'string', E.name);
  }
  // Lone surrogates: said as such.
  await assert.rejects(batch({ ...params(), zone_id: '\ud800' }, { apiToken: TOKEN, fetch: async () => new Response('{}') }), (err) => {
    assert.ok(err instanceof ValidationError);
    assert.ok(err.issues.some((i) => i.code === 'batch.zone_id.text' && i.pointer === '/zone_id'), JSON.stringify(err.issues));
    return true;
  });
  await assert.rejects(batch(params(), { apiToken: 'tok\udc00', fetch: async () => new Response('{}') }), (err) => err instanceof ConfigurationError && err.code === 'options.api_token.text');
});

test('a call that grew the module memory far beyond normal gives it back between calls', () => {
  // ~40 MB of text: refused before parsing (nothing crosses), so memory stays small.
  const huge = { zone_id: ZONE, posts: [{ type: 'TXT', name: 'a.example.com', content: 'x'.repeat(40 * 1024 * 1024) }] };
  assert.deepEqual(validateBatch(huge).map((i) => i.code), ['batch.body.size']);
  // Just under the limit: it is parsed, which grows the module's memory; the next call starts afresh.
  // 200,000 records (~14 MB) grow it to ~90 MiB while they are checked.
  const big = { zone_id: ZONE, posts: Array.from({ length: 200_000 }, (_, i) => ({ type: 'A', name: `h${i}.example.com`, content: '192.0.2.1', ttl: 1 })) };
  const issues = validateBatch(big);
  assert.ok(issues.some((i) => i.code === 'batch.size'), 'too many records for any plan');
  assert.ok(wasm.memoryBytes() <= 64 * 1024 * 1024, `module memory after the call: ${wasm.memoryBytes() / 2 ** 20} MiB`);
  assert.deepEqual(validateRecord({ type: 'A', name: 'a.example.com', content: '192.0.2.1', ttl: 1 }), []);
});

test('an answer read as bytes is checked as the text JSON.parse reads: split into chunks, with a byte order mark, with non-ASCII', async () => {
  const record = { id: 'a'.repeat(32), type: 'TXT', name: 'münchen.example.com', content: '"grüße 😀"', ttl: 1 };
  const text = JSON.stringify({ success: true, errors: [], messages: [], result: { posts: [record] } });
  const bytes = new TextEncoder().encode(text);
  // Chunks cut inside multi-byte characters, and a leading byte order mark.
  const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
  const cuts = [bom, ...Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7))];
  const fetch = async () =>
    new Response(new ReadableStream({ start(c) { for (const cut of cuts) c.enqueue(cut); c.close(); } }), { status: 200 });
  const out = await batch(params(), { apiToken: TOKEN, fetch });
  assert.deepEqual(out.posts, [record]);
  // A failure's text is read from the same bytes: its message arrives intact.
  const failed = JSON.stringify({ success: false, errors: [{ code: 1004, message: 'DNS Validation Error: ungültig' }], messages: [], result: null });
  await assert.rejects(batch(params(), { apiToken: TOKEN, fetch: async () => new Response(failed, { status: 400 }) }), (err) => {
    assert.equal(err.errors[0].message, 'DNS Validation Error: ungültig');
    return true;
  });
});
