// A local stand-in for Cloudflare's DNS records API (`/client/v4/zones/{id}/dns_records...`), for
// tests and demos. `fetch` is fetch-compatible, so it drops into `batch(params, { fetch })`, into the
// official SDK (`new Cloudflare({ fetch })`) or behind a real HTTP server. Web APIs only (Request,
// Response, URL, crypto): it runs unchanged in Node, Workers and browsers.
//
// Order of a request: latency -> injected failure -> rate limit -> route -> method -> authentication
// -> zone -> body. Codes and messages: see emulator-errors.js.

import { ConfigurationError } from './errors.js';
import { EmulatedFailure, fail, failureEnvelope, successEnvelope } from './emulator-errors.js';
import { applyBatch, createOne, createZone, deleteOne, getOne, listRecords, updateOne, withShadowMetadata } from './emulator-zone.js';
import { isObject, kindFacts, makeRecord, newId, timestamp } from './emulator-records.js';

const DEFAULT_ZONE = { id: '023e105f4ecef8ad9ca31a8372d0c353', name: 'example.com', plan: 'enterprise' };
const PLANS = new Set(['free', 'pro', 'business', 'enterprise']);
const API_PREFIX = '/client/v4';
// Cloudflare's client API limit: 1,200 requests per 5 minutes (reference §1.5).
const RATE_WINDOW_MS = 300_000;
const CLOUDFLARE_RATE_LIMIT = 1_200;
const REASONS = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out', 520: 'Web server is returning an unknown error', 521: 'Web server is down', 522: 'Connection timed out', 523: 'Origin is unreachable', 524: 'A timeout occurred' };

/**
 * Used by every entry: `createEmulator = createEmulatorFactory({ validateRecord, toContent, recordKinds })`,
 * where `recordKinds()` gives the package's registry of kinds (read when first needed, so an
 * emulator can be made before a manual entry's module is loaded, as before).
 */
export function createEmulatorFactory({ validateRecord, toContent, recordKinds }) {
  let facts;
  const kinds = () => (facts ??= kindFacts(recordKinds()));
  return function createEmulator(options = {}) {
    const config = readOptions(options);
    const ctx = {
      validateRecord,
      toContent,
      get kinds() {
        return kinds();
      },
    };
    const requests = [];
    let zones;
    let failuresLeft;
    let hits; // arrival times inside the rate-limit window

    function reset() {
      zones = new Map(config.zones.map((z) => [z.id, createZone(z)]));
      failuresLeft = config.failNext?.count ?? 0;
      hits = [];
      requests.length = 0;
    }
    reset();

    function zoneOf(zoneId) {
      const zone = zones.get(zoneId);
      if (!zone) throw new ConfigurationError(`the emulator has no zone ${JSON.stringify(String(zoneId))}`, { code: 'emulator.zone.unknown' });
      return zone;
    }

    async function fetch(input, init) {
      const request = toRequest(input, init);
      const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.text();
      requests.push({ method: request.method, url: request.url, body });
      if (config.latency > 0) await sleep(config.latency, request.signal);
      if (request.signal.aborted) throw request.signal.reason;

      if (failuresLeft > 0) {
        failuresLeft--;
        return injectedFailure(config.failNext.status);
      }
      const limited = rateLimit();
      if (limited.status) return answer(limited.status, limited.body, limited.headers);
      try {
        const { status = 200, body: out, headers } = route(request, body);
        return answer(status, out, { ...limited.headers, ...headers });
      } catch (err) {
        if (err instanceof EmulatedFailure) return answer(err.status, err.toEnvelope(), { ...limited.headers, ...err.headers });
        // A bug in the emulator: answer like Cloudflare's 500 rather than failing the caller's fetch.
        return answer(500, failureEnvelope([{ code: 10001, message: `Internal Server Error (${err?.message ?? err})` }]));
      }
    }

    // Sliding window over the last 5 minutes. Headers follow Cloudflare's 2025 format
    // (`Ratelimit: "default";r=<remaining>;t=<seconds>`); on 429 also `Retry-After` in seconds.
    function rateLimit() {
      if (!config.rateLimit) return { headers: {} };
      const now = Date.now();
      while (hits.length && hits[0] <= now - RATE_WINDOW_MS) hits.shift();
      const limit = config.rateLimit;
      const resetIn = hits.length ? Math.ceil((hits[0] + RATE_WINDOW_MS - now) / 1000) : RATE_WINDOW_MS / 1000;
      const policy = { ratelimit: `"default";r=${Math.max(0, limit - hits.length - 1)};t=${resetIn}`, 'ratelimit-policy': `"default";q=${limit};w=${RATE_WINDOW_MS / 1000}` };
      if (hits.length >= limit) {
        const message = `More than ${limit} requests per ${RATE_WINDOW_MS / 1000} seconds reached. Please wait and consider throttling your request speed`;
        return { status: 429, body: failureEnvelope([{ code: 10100, message }]), headers: { ...policy, ratelimit: `"default";r=0;t=${resetIn}`, 'retry-after': String(resetIn) } };
      }
      hits.push(now);
      return { headers: policy };
    }

    function route(request, text) {
      const url = new URL(request.url);
      const path = url.pathname.startsWith(`${API_PREFIX}/`) ? url.pathname.slice(API_PREFIX.length) : null;
      const match = path && /^\/zones\/([^/]+)\/dns_records(?:\/([^/]+))?\/?$/.exec(path);
      if (!match) throw notRouted(path ?? url.pathname);
      const [, zoneId, tail] = match;
      const allowed = tail === undefined ? ['GET', 'POST'] : tail === 'batch' ? ['POST'] : ['GET', 'PATCH', 'PUT', 'DELETE'];
      if (!allowed.includes(request.method)) throw Object.assign(fail(405, 7001, 'Method not allowed'), { headers: { allow: allowed.join(', ') } });
      authenticate(request.headers);
      // Cloudflare answers an unknown (or foreign) zone id like an unknown route: 404, code 7003.
      const zone = zones.get(safeDecode(zoneId));
      if (!zone) throw notRouted(path);
      const shadow = url.searchParams.get('include_shadow_metadata') === 'true';
      const show = (records) => (shadow ? withShadowMetadata(zone, records) : records).map((r) => structuredClone(r));

      if (tail === 'batch') {
        const result = applyBatch(ctx, zone, jsonBody(text));
        return { body: successEnvelope(Object.fromEntries(Object.entries(result).map(([k, v]) => [k, show(v)]))) };
      }
      if (tail === undefined && request.method === 'GET') {
        const { result, result_info } = listRecords(zone, url.searchParams);
        return { body: successEnvelope(show(result), { result_info }) };
      }
      if (tail === undefined) return { body: successEnvelope(show([createOne(ctx, zone, jsonBody(text))])[0]) };
      const id = safeDecode(tail);
      switch (request.method) {
        case 'GET':
          return { body: successEnvelope(show([getOne(zone, id)])[0]) };
        case 'DELETE':
          return { body: successEnvelope(deleteOne(zone, id)) };
        default:
          return { body: successEnvelope(show([updateOne(ctx, zone, id, jsonBody(text), request.method.toLowerCase())])[0]) };
      }
    }

    // A bearer token (checked against `tokens` when given), or X-Auth-Email + X-Auth-Key.
    function authenticate(headers) {
      const authorization = headers.get('authorization');
      if (authorization !== null) {
        const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
        if (!token) throw fail(401, 10000, 'Authentication error');
        if (config.tokens && !config.tokens.includes(token)) throw fail(403, 10000, 'Authentication error');
        return;
      }
      if (headers.get('x-auth-email')?.trim() && headers.get('x-auth-key')?.trim()) return;
      throw fail(401, 10000, 'Authentication error');
    }

    return {
      fetch,
      /** The zone's records in creation order, as the API would list them (copies). */
      records: (zoneId) => [...zoneOf(zoneId).records.values()].map((r) => structuredClone(r)),
      /** Stores records directly: no validation, no conflict checks, no request logged. */
      seed(zoneId, records) {
        const zone = zoneOf(zoneId);
        if (!Array.isArray(records)) throw new ConfigurationError('seed(zoneId, records) takes an array of records', { code: 'emulator.seed.type' });
        const now = timestamp();
        return records.map((view, i) => {
          if (!isObject(view) || typeof view.type !== 'string' || typeof view.name !== 'string') {
            throw new ConfigurationError(`seed: record ${i} needs at least a string \`type\` and \`name\``, { code: 'emulator.seed.record' });
          }
          const record = makeRecord({ toContent, kinds: kinds(), zone, view, previous: null, now, isNew: true });
          if (typeof view.id === 'string' && /^[0-9a-f]{32}$/.test(view.id)) record.id = view.id;
          zone.records.set(record.id, record);
          return structuredClone(record);
        });
      },
      /** Every request received, in order (method, absolute URL, body text or null). */
      get requests() {
        return requests;
      },
      /** Back to the state right after creation: no records, no requests, faults re-armed. */
      reset,
    };
  };
}

function readOptions(options) {
  if (!isObject(options)) throw invalid('options must be an object');
  const zones = options.zones ?? [DEFAULT_ZONE];
  if (!Array.isArray(zones) || zones.length === 0) throw invalid('`zones` must be a non-empty array of { id, name, plan? }');
  for (const zone of zones) {
    if (!isObject(zone) || typeof zone.id !== 'string' || !zone.id || typeof zone.name !== 'string' || !zone.name) {
      throw invalid('each zone needs a string `id` and `name`');
    }
    // A zone without a plan is validated leniently (what some plan accepts) with the paid batch limit.
    if (zone.plan !== undefined && !PLANS.has(zone.plan)) throw invalid(`zone ${zone.name}: plan must be one of ${[...PLANS].join(', ')}`);
  }
  const { tokens, latency = 0, failNext } = options;
  if (tokens !== undefined && !(Array.isArray(tokens) && tokens.every((t) => typeof t === 'string' && t))) throw invalid('`tokens` must be an array of non-empty strings');
  if (!Number.isFinite(latency) || latency < 0) throw invalid('`latency` must be a non-negative number of milliseconds');
  const rateLimit = options.rateLimit === true ? CLOUDFLARE_RATE_LIMIT : options.rateLimit || 0;
  if (!Number.isInteger(rateLimit) || rateLimit < 0) throw invalid('`rateLimit` must be true or a positive whole number of requests per 5 minutes');
  if (failNext !== undefined) {
    if (!isObject(failNext) || !Number.isInteger(failNext.status) || failNext.status < 400 || failNext.status > 599) throw invalid('`failNext.status` must be an HTTP error status (400–599)');
    if (failNext.count !== undefined && !(Number.isInteger(failNext.count) && failNext.count >= 0)) throw invalid('`failNext.count` must be a whole number');
  }
  return { zones, tokens, latency, rateLimit, failNext: failNext && { status: failNext.status, count: failNext.count ?? 1 } };
}

const invalid = (message) => new ConfigurationError(`createEmulator: ${message}`, { code: 'emulator.options.invalid' });

// Like fetch: a URL string, a URL or a Request, plus init. A path alone is taken relative to a local origin.
function toRequest(input, init) {
  if (typeof input === 'string' && input.startsWith('/')) return new Request(`http://localhost${input}`, init);
  return new Request(input instanceof URL ? input.href : input, init);
}

function jsonBody(text) {
  let value;
  try {
    value = JSON.parse(text || '');
  } catch {
    throw fail(400, 9207, 'Request body is invalid.');
  }
  if (!isObject(value)) throw fail(400, 9207, 'Request body is invalid.');
  return value;
}

function safeDecode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const notRouted = (path) => fail(404, 7003, `Could not route to ${path}, perhaps your object identifier is invalid?`);

// A 500 comes back as Cloudflare's JSON envelope; other 5xx as the HTML page Cloudflare's edge
// serves; 429 as a rate-limit envelope that asks to wait one second.
function injectedFailure(status) {
  if (status === 429) {
    const message = `More than ${CLOUDFLARE_RATE_LIMIT} requests per 300 seconds reached. Please wait and consider throttling your request speed`;
    return answer(429, failureEnvelope([{ code: 10100, message }]), { 'retry-after': '1' });
  }
  const reason = REASONS[status] ?? 'Error';
  if (status < 500 || status === 500) return answer(status, failureEnvelope([{ code: 10001, message: reason }]));
  const html = `<html>\n<head><title>${status} ${reason}</title></head>\n<body>\n<center><h1>${status} ${reason}</h1></center>\n<hr><center>cloudflare</center>\n</body>\n</html>\n`;
  return new Response(html, { status, headers: { 'content-type': 'text/html', 'cf-ray': rayId() } });
}

function answer(status, body, headers = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cf-ray': rayId(), ...headers } });
}

const rayId = () => `${newId().slice(0, 16)}-EMU`;

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
