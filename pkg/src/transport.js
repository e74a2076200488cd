// The one IO path of the package: every request (a batch POST, a listing GET) goes through
// `exchange`. It does only what the host must do — fetch, timers, abort, reading the answer — and
// asks the WebAssembly module whether an answer is a success and whether to retry.
//
// What it guarantees, whatever the given `fetch` does:
// - redirects are never followed (`redirect: 'manual'`): a 3xx is an ApiError, the request is sent
//   once, and no credential goes to another address;
// - the timeout and the caller's signal end the call even when `fetch` ignores `init.signal` or
//   the answer's body never ends (both are raced against them, and the body reader is cancelled);
// - an answer is read up to MAX_ANSWER_BYTES, never more;
// - a refusal by fetch itself before any connection (bad port, unknown scheme, a URL fetch cannot
//   use) is `sent: false`; anything else after the request may have left is `sent: true`;
// - every text built from an answer has the caller's credentials redacted.

import { AbortError, ApiError, ConfigurationError, ConnectionError, TimeoutError } from './errors.js';
import { utf8 } from './boundary.js';

export const DEFAULT_TIMEOUT_MS = 60_000;
/** setTimeout's largest delay: past it Node fires at once (a 32-bit overflow). */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;
export const DEFAULT_MAX_RETRIES = 2;
/** The largest answer read. A 3,500-record batch answer is a few MB; 64 MiB is no answer of this API. */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

// Node's fetch (undici) reports these when the request provably never left: nothing can have been
// applied, so a retry cannot apply the batch twice. Anything else may have reached the API.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'ERR_INVALID_URL']);
// The Fetch standard's own refusals before connecting, as undici words them ("bad port" is the
// standard's blocked-port list: 1, 9, 25, ...).
const NOT_SENT_MESSAGES = new Set(['bad port', 'unknown scheme']);
const REDACTED = '[redacted]';

const isAbortSignal = (s) => s !== null && typeof s === 'object' && typeof s.aborted === 'boolean' && typeof s.addEventListener === 'function' && typeof s.removeEventListener === 'function';

/** Reads and checks the IO options shared by every call that sends. Throws ConfigurationError. */
export function ioOptions(options) {
  if (options === null || typeof options !== 'object') throw new ConfigurationError('options must be an object', { code: 'options.type' });
  const fetchFn = options.fetch ?? globalThis.fetch;
  if (typeof fetchFn !== 'function') {
    throw new ConfigurationError('no fetch: this runtime has no global fetch; pass options.fetch', { code: 'options.fetch.missing' });
  }
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeout !== 'number' || !(timeout >= 0) || timeout > MAX_TIMEOUT_MS) {
    throw new ConfigurationError(`timeout must be a number of milliseconds from 0 (no time limit) to ${MAX_TIMEOUT_MS} (about 24.8 days)`, { code: 'options.timeout.invalid' });
  }
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 10) {
    throw new ConfigurationError('maxRetries must be an integer from 0 to 10', { code: 'options.max_retries.invalid' });
  }
  const signal = options.signal ?? undefined;
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw new ConfigurationError('signal must be an AbortSignal (from an AbortController, or AbortSignal.timeout())', { code: 'options.signal.invalid' });
  }
  for (const [hook, code] of [['onRequest', 'on_request'], ['onResponse', 'on_response']]) {
    if (options[hook] !== undefined && typeof options[hook] !== 'function') {
      throw new ConfigurationError(`${hook} must be a function`, { code: `options.${code}.type` });
    }
  }
  // Values short enough to occur by chance in ordinary text are refused as credentials anyway.
  const secrets = [options.apiToken, options.apiKey, options.apiEmail].filter((s) => typeof s === 'string' && s.length >= 4);
  return { fetchFn, timeout, maxRetries, retryUnsafe: options.retryUnsafe === true, signal, secrets, onRequest: options.onRequest, onResponse: options.onResponse };
}

/**
 * Tells an observer (`onRequest` / `onResponse`) what happens, without letting it change what
 * happens: it gets a fresh object with no headers (so no credential), and what it throws is
 * ignored. The URL holds no credential either (a baseURL with user-info is refused).
 */
function observe(hook, event) {
  if (hook === undefined) return;
  try {
    hook(Object.freeze(event));
  } catch {
    // An observer's failure is not the call's failure.
  }
}

/** Replaces every credential value in every string of `value` (deeply). */
export function redact(value, secrets) {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') return secrets.reduce((text, secret) => text.split(secret).join(REDACTED), value);
  if (Array.isArray(value)) return value.map((v) => redact(v, secrets));
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const [key, v] of Object.entries(value)) out[key] = redact(v, secrets);
    return out;
  }
  return value;
}

/**
 * Sends `request` ({ url, method, headers, body? }) and resolves to the success envelope's
 * `result` (null when the answer has none). `expect` is 'batch' or 'list'; `idempotent` requests
 * (a GET) may be retried after a 5xx, a timeout or a lost connection; `onEnvelope` sees the whole
 * success envelope (a listing's `result_info`).
 */
export async function exchange(boundary, wasm, request, io, { expect, idempotent, onEnvelope }) {
  const { call } = boundary;
  const retryUnsafe = idempotent || io.retryUnsafe;
  const mayApply = !idempotent;
  const { method, url } = request;
  for (let retries = 0; ; retries++) {
    if (io.signal?.aborted) throw abortError(io.signal);
    const attempt = retries + 1;
    observe(io.onRequest, { method, url, attempt });
    const started = Date.now();
    let outcome;
    try {
      outcome = await sendOnce(io.fetchFn, request, io, mayApply);
    } catch (err) {
      observe(io.onResponse, { method, url, attempt, status: err?.status, durationMs: Date.now() - started, error: err?.code });
      throw err;
    }
    const seen = (delay, error) =>
      observe(io.onResponse, { method, url, attempt, status: outcome.status, durationMs: Date.now() - started, retryInMs: delay >= 0 ? delay : undefined, error });
    let delay;
    if (outcome.failure) {
      delay = call(wasm.retryDelay, io.maxRetries, retryUnsafe, retries, outcome.failure, 0, undefined, undefined, Date.now(), Math.random());
      seen(delay, outcome.error.code);
      if (delay < 0) throw outcome.error;
    } else {
      const { status, headers, text, bytes } = outcome;
      const header = (name) => (typeof headers?.get === 'function' ? headers.get(name) ?? undefined : undefined);
      const failed = call(wasm.checkResponse, status, header('cf-ray'), bytes ?? utf8(text), expect);
      if (failed === '') {
        seen(-1);
        const envelope = JSON.parse(text);
        onEnvelope?.(envelope);
        return envelope.result ?? null;
      }
      const retryAfter = header('retry-after');
      const retryAfterMs = header('retry-after-ms');
      delay = call(wasm.retryDelay, io.maxRetries, retryUnsafe, retries, 'status', status, retryAfter, retryAfterMs, Date.now(), Math.random());
      const fields = JSON.parse(failed);
      seen(delay, fields.code);
      if (delay < 0) {
        // A 429 that stopped (the wait asked for is beyond the policy): say how long to wait.
        const wait = status === 429 ? call(wasm.serverWaitMs, retryAfter, retryAfterMs, Date.now()) : -1;
        // Cloudflare checks a batch as a whole before applying it: a 4xx applied nothing. A 5xx
        // does not say, and a 2xx whose result cannot be read said success.
        const applied = mayApply && (status >= 500 || (status >= 200 && status < 300));
        if (applied && status >= 500) fields.message += '; the batch may have been applied (a 5xx answer does not say), so it was not sent again';
        throw answerError(fields, io.secrets, { retryAfter: wait >= 0 ? wait : undefined, mayHaveBeenApplied: applied });
      }
    }
    await sleep(delay, io.signal);
  }
}

function answerError(fields, secrets, extra) {
  const error = new ApiError(redact(fields, secrets));
  error.mayHaveBeenApplied = extra.mayHaveBeenApplied;
  if (extra.retryAfter !== undefined) error.retryAfter = extra.retryAfter;
  return error;
}

const TIMED_OUT = Symbol('timed out');
const ABORTED = Symbol('aborted');

class AnswerTooLarge extends Error {}

/**
 * One attempt: `{ status, headers, text, bytes }` for an answer, `{ failure, error }` for a failure the
 * retry policy decides about. Throws AbortError, and ApiError for answers that are not read
 * (a redirect, one over MAX_ANSWER_BYTES).
 */
async function sendOnce(fetchFn, request, io, mayApply) {
  const { timeout, signal, secrets } = io;
  const controller = new AbortController();
  let stop;
  const stopped = new Promise((_, reject) => {
    stop = reject;
  });
  stopped.catch(() => {});
  const timer = timeout > 0 ? setTimeout(() => (stop(TIMED_OUT), controller.abort()), timeout) : undefined;
  const onAbort = () => (stop(ABORTED), controller.abort());
  signal?.addEventListener('abort', onAbort, { once: true });
  const reading = { reader: null, response: null };
  try {
    let pending;
    try {
      precheck(request);
      pending = Promise.resolve(
        fetchFn(request.url, { method: request.method, headers: request.headers, body: request.body, signal: controller.signal, redirect: 'manual' }),
      );
    } catch (err) {
      return notSent(err);
    }
    pending.catch(() => {});
    const response = await Promise.race([pending, stopped]);
    reading.response = response;
    if (response === null || typeof response !== 'object' || typeof response.status !== 'number') {
      return { failure: 'lost', error: new ConnectionError('the fetch function resolved to something that is not a Response', { sent: true }) };
    }
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      cancel(reading);
      throw new ApiError({
        code: 'api.redirect',
        status: response.status,
        message: `HTTP ${response.status || 'redirect'}: the answer is a redirect; redirects are never followed, so the request was sent once and went to no other address (check baseURL)`,
      });
    }
    const { text, bytes } = await Promise.race([readAnswer(response, reading), stopped]);
    return { status: response.status, headers: response.headers, text, bytes };
  } catch (err) {
    if (err === ABORTED) {
      cancel(reading);
      throw abortError(signal);
    }
    if (err === TIMED_OUT) {
      cancel(reading);
      const what = mayApply ? 'the batch may or may not have been applied, so it was not sent again' : 'the request may be tried again';
      return { failure: 'timeout', error: new TimeoutError(`no answer within ${timeout} ms; ${what}`) };
    }
    if (err instanceof AnswerTooLarge) {
      const status = reading.response.status;
      const applied = mayApply && status >= 200 && status < 300;
      const error = new ApiError({
        code: 'api.answer_too_large',
        status,
        message: `HTTP ${status}: an answer arrived but is larger than ${MAX_ANSWER_BYTES} bytes, so it was not read${applied ? '; the API may have applied the batch' : ''}`,
      });
      error.mayHaveBeenApplied = applied;
      throw error;
    }
    if (err instanceof ApiError) throw err;
    if (signal?.aborted) throw abortError(signal);
    const code = err?.cause?.code ?? err?.code;
    if ((typeof code === 'string' && NOT_SENT_CODES.has(code)) || NOT_SENT_MESSAGES.has(err?.cause?.message)) return notSent(err);
    const why = typeof code === 'string' ? ` (${code})` : '';
    const what = mayApply ? 'the batch may have been applied, so it was not sent again' : 'the request may be tried again';
    return { failure: 'lost', error: new ConnectionError(redact(`the connection failed${why}; ${what}`, secrets), { cause: err, sent: true }) };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

// What fetch would refuse before connecting, found the same way fetch finds it: constructing the
// Request (without the body, which would be copied for nothing). A URL with credentials, an
// invalid URL or an unusable header throw here.
function precheck(request) {
  if (typeof Request === 'function') new Request(request.url, { method: request.method, headers: request.headers });
}

function notSent(err) {
  const code = err?.cause?.code ?? err?.code;
  const why = typeof code === 'string' ? ` (${code})` : err?.cause?.message ? ` (${err.cause.message})` : '';
  return { failure: 'not_sent', error: new ConnectionError(`the request was refused before it was sent${why}; nothing reached the API`, { cause: err, sent: false }) };
}

function cancel(reading) {
  try {
    if (reading.reader) reading.reader.cancel().catch(() => {});
    else reading.response?.body?.cancel?.().catch(() => {});
  } catch {
    // A body that cannot be cancelled is left to the garbage collector.
  }
}

/**
 * The answer, read chunk by chunk so that reading stops at MAX_ANSWER_BYTES: `{ text, bytes }`,
 * `bytes` being its UTF-8 as it arrived (handed to the module as they are, rather than encoded
 * again from the text), or undefined when the response only gives text.
 */
async function readAnswer(response, reading) {
  const body = response.body;
  if (body && typeof body.getReader === 'function') {
    const reader = body.getReader();
    reading.reader = reader;
    const chunks = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer)) throw new TypeError('the answer body yielded a chunk that is not bytes');
      const chunk = ArrayBuffer.isView(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : new Uint8Array(value);
      size += chunk.byteLength;
      if (size > MAX_ANSWER_BYTES) {
        reader.cancel().catch(() => {});
        throw new AnswerTooLarge();
      }
      chunks.push(chunk);
    }
    let bytes = chunks[0] ?? new Uint8Array(0);
    if (chunks.length > 1) {
      bytes = new Uint8Array(size);
      let at = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, at);
        at += chunk.byteLength;
      }
    }
    // One leading byte order mark is not part of the text (as TextDecoder reads it); it is dropped
    // here, and the decoder told to keep anything after it, so the module and JSON.parse read the
    // same characters.
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), bytes };
  }
  // A fetch of its own may answer with an object that only has text().
  const text = typeof response.text === 'function' ? String(await response.text()) : '';
  if (text.length > MAX_ANSWER_BYTES) throw new AnswerTooLarge();
  return { text, bytes: undefined };
}

export function abortError(signal) {
  return new AbortError('the call was aborted by its signal', { cause: signal?.reason });
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
