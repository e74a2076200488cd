// Reading a zone and keeping it equal to a list of records: `listRecords` (GET /dns_records, page
// by page) and `sync` (listRecords + plan + one atomic batch). This file only does IO — fetch,
// timers, abort; the request head, whether an answer is a success and whether to retry are decided
// in WebAssembly, as in api.js.

import { AbortError, ApiError, ConfigurationError, ConnectionError, TimeoutError, ValidationError } from './errors.js';
import { createPlanApi } from './plan.js';

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_PER_PAGE = 5_000;
// A cap on what one listing may hold, like batch()'s body cap: a zone (or an answer) claiming more
// pages than this is refused rather than read forever.
const MAX_PAGES = 10_000;
const POLICY_KEYS = ['zone', 'scope', 'ignore', 'maxDeleteShare', 'maxUpdateShare', 'force', 'plan', 'strict', 'disable'];

/** `plan`, `formatPlan`, `listRecords` and `sync` over an initialised module and its `batch`. */
export function createSyncApi(wasm, reset, batch) {
  const { plan, formatPlan } = createPlanApi(wasm, reset);

  function optionsText(options) {
    const { apiToken, apiEmail, apiKey, baseURL } = options;
    for (const [key, value] of Object.entries({ apiToken, apiEmail, apiKey, baseURL })) {
      if (value !== undefined && value !== null && typeof value !== 'string') {
        throw new ConfigurationError(`${key} must be a string`, { code: `options.${key}.type` });
      }
    }
    return JSON.stringify({ apiToken, apiEmail, apiKey, baseURL });
  }

  function settings(options) {
    if (options === null || typeof options !== 'object') throw new ConfigurationError('options must be an object', { code: 'options.type' });
    const fetchFn = options.fetch ?? globalThis.fetch;
    if (typeof fetchFn !== 'function') {
      throw new ConfigurationError('no fetch: this runtime has no global fetch; pass options.fetch', { code: 'options.fetch.missing' });
    }
    const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    if (!Number.isFinite(timeout) || timeout < 0) throw new ConfigurationError('timeout must be a non-negative number of milliseconds', { code: 'options.timeout.invalid' });
    if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 10) throw new ConfigurationError('maxRetries must be an integer from 0 to 10', { code: 'options.max_retries.invalid' });
    return { fetchFn, timeout, maxRetries, signal: options.signal };
  }

  /** One page: the records and `result_info`. A GET is idempotent, so it is retried on 5xx and timeouts. */
  async function getPage(zoneId, query, options, io) {
    const head = JSON.parse(call(wasm.prepareList, String(zoneId), JSON.stringify(query), optionsText(options)));
    if (!head.ok) throw new ConfigurationError(head.message, { code: head.code });
    const request = { url: head.url, method: head.method, headers: Object.fromEntries(head.headers) };
    for (let retries = 0; ; retries++) {
      if (io.signal?.aborted) throw abortError(io.signal);
      const attempt = await sendOnce(io.fetchFn, request, io.timeout, io.signal);
      let delay;
      if (attempt.failure) {
        // retryUnsafe: a GET changes nothing, so a timeout or a lost connection may be retried.
        delay = call(wasm.retryDelay, io.maxRetries, true, retries, attempt.failure, 0, undefined, undefined, Date.now(), Math.random());
        if (delay < 0) throw attempt.error;
      } else {
        const { status, headers, text } = attempt;
        const page = listing(status, text);
        if (page) return page;
        const failed = call(wasm.checkResponse, status, headers.get('cf-ray') ?? undefined, text);
        if (!failed) throw new ApiError({ message: 'the listing answer is not a list of records', code: 'api.unexpected', status });
        delay = call(wasm.retryDelay, io.maxRetries, true, retries, 'status', status, headers.get('retry-after') ?? undefined, headers.get('retry-after-ms') ?? undefined, Date.now(), Math.random());
        if (delay < 0) throw new ApiError(JSON.parse(failed));
      }
      await sleep(delay, io.signal);
    }
  }

  function call(fn, ...args) {
    try {
      return fn(...args);
    } catch (err) {
      if (err instanceof WebAssembly.RuntimeError || err instanceof RangeError) {
        try {
          reset();
        } catch {
          // Nothing better to do than report the first error.
        }
      }
      throw err;
    }
  }

  /**
   * Every record of a zone (`type` and `name` filter it), read page by page until
   * `result_info.total_pages`. Same options, errors and credential handling as batch().
   */
  async function listRecords(zoneId, options = {}) {
    const io = settings(options);
    const perPage = options.perPage ?? DEFAULT_PER_PAGE;
    if (!Number.isInteger(perPage) || perPage < 5 || perPage > 5_000) throw new ConfigurationError('perPage must be an integer from 5 to 5,000', { code: 'options.per_page.invalid' });
    const records = [];
    const seen = new Set();
    for (let page = 1; page <= MAX_PAGES; page++) {
      const query = { page, per_page: perPage, type: options.type ?? undefined, name: options.name ?? undefined };
      const { result, info } = await getPage(zoneId, query, options, io);
      // A record moved between pages while the zone changed is kept once.
      for (const r of result) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        records.push(r);
      }
      const totalPages = Number.isInteger(info?.total_pages) ? info.total_pages : null;
      if (result.length === 0 || (totalPages !== null ? page >= totalPages : result.length < perPage)) return records;
    }
    throw new ApiError({ message: `the listing has more than ${MAX_PAGES} pages; narrow it with type or name`, code: 'api.unexpected', status: 200 });
  }

  /**
   * Makes the zone's records equal to `desired` (within the policy's scope) in one atomic batch:
   * listRecords + plan + batch. `dryRun: true` plans and sends nothing.
   * Resolves to `{ plan, applied, result }`.
   */
  async function sync(zoneId, desired, options = {}) {
    settings(options);
    const policy = { zoneId: String(zoneId) };
    for (const key of POLICY_KEYS) if (options[key] !== undefined) policy[key] = options[key];
    const current = await listRecords(zoneId, { ...options, type: undefined, name: undefined });
    const planned = plan(current, desired, policy);
    const errors = planned.issues.filter((i) => i.severity === 'error');
    if (errors.length > 0) {
      const shown = errors.slice(0, 3).map((i) => `${i.pointer || '(root)'}: ${i.message} [${i.code}]`).join('; ');
      const error = new ValidationError(`the plan is refused; nothing was sent: ${shown}`, planned.issues);
      error.plan = planned;
      throw error;
    }
    if (options.dryRun === true || planned.changes.length === 0) return { plan: planned, applied: false, result: null };
    try {
      const result = await batch(planned.params, options);
      return { plan: planned, applied: true, result };
    } catch (err) {
      // The batch is atomic: a refusal (a record deleted or changed since the listing: 404/81044,
      // an identical record posted meanwhile: 81058...) applied none of it.
      if (err instanceof ApiError && err.status >= 400 && err.status < 500 && ![401, 403, 429].includes(err.status)) {
        const again = new ApiError({
          message: `${err.message}; nothing was applied (the batch is atomic). The zone may have changed since it was listed: plan again`,
          code: err.code,
          status: err.status,
          errors: err.errors,
          messages: err.messages,
          ray_id: err.rayId,
        });
        again.replan = true;
        again.plan = planned;
        throw again;
      }
      throw err;
    }
  }

  return { plan, formatPlan, listRecords, sync };
}

const isRecord = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// A 2xx success envelope whose result is an array of records; anything else goes to WebAssembly.
function listing(status, text) {
  if (status < 200 || status > 299) return null;
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(parsed) || parsed.success !== true || !Array.isArray(parsed.result) || !parsed.result.every(isRecord)) return null;
  return { result: parsed.result, info: isRecord(parsed.result_info) ? parsed.result_info : null };
}

function abortError(signal) {
  return new AbortError('the call was aborted by its signal', { cause: signal.reason });
}

// The same request/timeout/abort handling as batch(), for a GET (no body).
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
    const response = await fetchFn(request.url, { method: request.method, headers: request.headers, signal: controller.signal });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  } catch (err) {
    if (signal?.aborted) throw abortError(signal);
    if (timedOut) return { failure: 'timeout', error: new TimeoutError(`no answer within ${timeout} ms to listing the zone's records`) };
    const code = err?.cause?.code ?? err?.code;
    const why = typeof code === 'string' ? ` (${code})` : '';
    return { failure: 'lost', error: new ConnectionError(`listing the zone's records failed${why}`, { cause: err, sent: true }) };
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
