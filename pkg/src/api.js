// The JavaScript side of the package: shared by every entry (node, browser, workerd).
// It does only what the host must do — fetch, timers, abort — and asks the WebAssembly module for
// every decision: validation, the request, whether an answer is a success, whether to retry.

import {
  AbortError,
  ApiError,
  ConfigurationError,
  ConnectionError,
  InternalError,
  TimeoutError,
  ValidationError,
} from './errors.js';

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RETRIES = 2;
// Node's fetch (undici) reports these when the request provably never left: nothing can have been
// applied, so a retry cannot apply the batch twice. Anything else may have reached the API.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Builds the public API over an initialised wasm-bindgen module `wasm`.
 * `reset()` re-instantiates the module after a trap (a trap poisons an instance).
 */
export function createApi(wasm, reset) {
  // Every call into WebAssembly goes through here: a trap becomes an InternalError and the
  // instance is replaced, so one bad call never breaks the ones after it.
  function call(fn, ...args) {
    try {
      return fn(...args);
    } catch (err) {
      if (err instanceof WebAssembly.RuntimeError || err instanceof RangeError) {
        try {
          reset();
        } catch {
          // If even re-instantiation fails there is nothing better to do than report the first error.
        }
        throw new InternalError(`cf-dns-batch failed internally and recovered (${err.message})`, { cause: err });
      }
      throw err;
    }
  }

  // JSON.stringify throws on BigInt and cycles; those become validation issues, not stray TypeErrors.
  // Returns [text, null] or [null, issue].
  function serialize(value, what) {
    try {
      const text = JSON.stringify(value);
      return [text === undefined ? 'null' : text, null];
    } catch (err) {
      return [null, { code: `${what}.json`, pointer: '', severity: 'error', message: `the ${what} cannot be read as JSON: ${err.message}` }];
    }
  }

  function toText(value, what) {
    const [text, issue] = serialize(value, what);
    if (issue) throw new ValidationError(`${issue.message}; nothing was sent`, [issue]);
    return text;
  }

  function optionsText(options) {
    if (options === undefined || options === null) return '{}';
    if (typeof options !== 'object') throw new ConfigurationError('options must be an object', { code: 'options.type' });
    // Only plain data crosses; `fetch` and `signal` stay on this side.
    const { plan, strict, disable, apiToken, apiEmail, apiKey, baseURL } = options;
    for (const [key, value] of Object.entries({ apiToken, apiEmail, apiKey, baseURL })) {
      if (value !== undefined && value !== null && typeof value !== 'string') {
        throw new ConfigurationError(`${key} must be a string`, { code: `options.${key}.type` });
      }
    }
    return JSON.stringify({ plan, strict: strict === true, disable: Array.isArray(disable) ? disable.filter((d) => typeof d === 'string') : undefined, apiToken, apiEmail, apiKey, baseURL });
  }

  // Validation never throws for bad input: it returns issues.
  function validateBatch(params, options) {
    const [text, issue] = serialize(params, 'batch');
    return issue ? [issue] : JSON.parse(call(wasm.validateBatchJson, text, optionsText(options)));
  }

  function validateRecord(record, options) {
    const [text, issue] = serialize(record, 'record');
    return issue ? [issue] : JSON.parse(call(wasm.validateRecordJson, text, optionsText(options)));
  }

  // The body is the JSON text of params without zone_id and include_shadow_metadata (path and
  // query parameters): made once here by the host's fast JSON.stringify, validated in WebAssembly,
  // and sent as it is — the same bytes the official SDK sends.
  function prepare(params, options) {
    let body = toText(params, 'batch');
    let zone = 'null';
    let shadow = 'null';
    if (params !== null && typeof params === 'object' && !Array.isArray(params)) {
      const { zone_id, include_shadow_metadata, ...rest } = params;
      body = toText(rest, 'batch');
      zone = toText(zone_id, 'batch');
      shadow = toText(include_shadow_metadata, 'batch');
    }
    const prepared = JSON.parse(call(wasm.prepareBatch, body, zone, shadow, optionsText(options)));
    if (prepared.ok) return { ...prepared, body };
    const { error } = prepared;
    if (error.kind === 'validation') throw new ValidationError(error.message, error.issues);
    throw new ConfigurationError(error.message, { code: error.code });
  }

  function buildBatchRequest(params, options) {
    const { url, method, headers, body, warnings } = prepare(params, options);
    return { url, method, headers, body, warnings };
  }

  function toContent(record) {
    const out = JSON.parse(call(wasm.toContentJson, toText(record, 'record')));
    if (!out.ok) throw new ValidationError(out.message, validateRecord(record));
    return out.content;
  }

  function fromContent(type, text) {
    if (typeof type !== 'string' || typeof text !== 'string') throw new TypeError('fromContent(type, text) takes two strings');
    const out = JSON.parse(call(wasm.fromContentJson, type, text));
    if (!out.ok) {
      throw new ValidationError(out.message, [{ code: 'content.parse', pointer: '/content', severity: 'error', message: out.message }]);
    }
    return out.record;
  }

  async function batch(params, options = {}) {
    if (options === null || typeof options !== 'object') throw new ConfigurationError('options must be an object', { code: 'options.type' });
    const fetchFn = options.fetch ?? globalThis.fetch;
    if (typeof fetchFn !== 'function') {
      throw new ConfigurationError('no fetch: this runtime has no global fetch; pass options.fetch', { code: 'options.fetch.missing' });
    }
    const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    if (!Number.isFinite(timeout) || timeout < 0) throw new ConfigurationError('timeout must be a non-negative number of milliseconds', { code: 'options.timeout.invalid' });
    if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 10) throw new ConfigurationError('maxRetries must be an integer from 0 to 10', { code: 'options.max_retries.invalid' });
    const retryUnsafe = options.retryUnsafe === true;
    const signal = options.signal;
    const request = prepare(params, options);

    for (let retries = 0; ; retries++) {
      if (signal?.aborted) throw abortError(signal);
      const attempt = await sendOnce(fetchFn, request, timeout, signal);
      let delay;
      if (attempt.failure) {
        delay = call(wasm.retryDelay, maxRetries, retryUnsafe, retries, attempt.failure, 0, undefined, undefined, Date.now(), Math.random());
        if (delay < 0) throw attempt.error;
      } else {
        const { status, headers, text } = attempt;
        const result = successfulResult(status, text);
        if (result) return result;
        const failed = call(wasm.checkResponse, status, headers.get('cf-ray') ?? undefined, text);
        if (!failed) return { deletes: [], patches: [], puts: [], posts: [] };
        delay = call(
          wasm.retryDelay,
          maxRetries,
          retryUnsafe,
          retries,
          'status',
          status,
          headers.get('retry-after') ?? undefined,
          headers.get('retry-after-ms') ?? undefined,
          Date.now(),
          Math.random(),
        );
        if (delay < 0) throw new ApiError(JSON.parse(failed));
      }
      await sleep(delay, signal);
    }
  }

  return { batch, validateBatch, validateRecord, buildBatchRequest, toContent, fromContent };
}

const RESULT_KEYS = ['deletes', 'patches', 'puts', 'posts'];
const isRecord = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// The common case, a 2xx success envelope, is recognised here with the host's JSON.parse (building
// the result objects in JS is much faster than building them across the boundary). Anything else —
// an error, an unexpected shape, text that is not JSON — goes to WebAssembly, which classifies it.
// JSON.parse never sets a prototype (a "__proto__" key becomes a plain own property), so no answer
// can pollute Object.prototype.
function successfulResult(status, text) {
  if (status < 200 || status > 299) return null;
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(parsed) || parsed.success !== true) return null;
  const result = parsed.result ?? {};
  if (!isRecord(result)) return null;
  const out = {};
  for (const key of RESULT_KEYS) {
    const list = result[key] ?? [];
    if (!Array.isArray(list) || !list.every(isRecord)) return null;
    out[key] = list;
  }
  return out;
}

function abortError(signal) {
  return new AbortError('the call was aborted by its signal', { cause: signal.reason });
}

async function sendOnce(fetchFn, request, timeout, signal) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeout);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await fetchFn(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  } catch (err) {
    if (signal?.aborted) throw abortError(signal);
    if (timedOut) {
      return { failure: 'timeout', error: new TimeoutError(`no answer within ${timeout} ms; the batch may or may not have been applied, so it was not sent again`) };
    }
    const code = err?.cause?.code ?? err?.code;
    const notSent = typeof code === 'string' && NOT_SENT_CODES.has(code);
    const why = typeof code === 'string' ? ` (${code})` : '';
    const message = notSent
      ? `could not connect to the API${why}; the request was not sent`
      : `the connection failed${why}; the batch may have been applied, so it was not sent again`;
    return { failure: notSent ? 'not_sent' : 'lost', error: new ConnectionError(message, { cause: err, sent: !notSent }) };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
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
