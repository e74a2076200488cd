// The JavaScript side of the package: shared by every entry (node, browser, workerd).
// It does only what the host must do — fetch, timers, abort — and asks the WebAssembly module for
// every decision: validation, the request, whether an answer is a success, whether to retry.

import { ConfigurationError, ValidationError } from './errors.js';
import { createBoundary, isWellFormed, jsonText, utf8 } from './boundary.js';
import { exchange, ioOptions } from './transport.js';

const CREDENTIAL_OPTIONS = { apiToken: 'api_token', apiEmail: 'api_email', apiKey: 'api_key', baseURL: 'base_url' };
const PLAN_SCALARS = new Set(['string', 'number', 'boolean', 'undefined']);

/**
 * Builds the public API over an initialised wasm-bindgen module `wasm`.
 * `reset()` re-instantiates the module (after a trap, or after a call that grew its memory).
 */
export function createApi(wasm, reset, ready) {
  const boundary = createBoundary(wasm, reset, ready);
  const { call, oversize } = boundary;

  function toText(value, what) {
    const { text, issue } = jsonText(value, what);
    if (issue) throw new ValidationError(`${issue.message}; nothing was sent`, [issue]);
    return text;
  }

  /**
   * The options as JSON for the module: only plain data crosses; `fetch` and `signal` stay here.
   * Credentials must be strings of real text; what is wrong is said here, where it is known.
   */
  function optionsText(options) {
    if (options === undefined || options === null) return '{}';
    if (typeof options !== 'object') throw new ConfigurationError('options must be an object', { code: 'options.type' });
    const { plan, strict, disable } = options;
    const plain = {};
    for (const [key, code] of Object.entries(CREDENTIAL_OPTIONS)) {
      const value = options[key];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string') throw new ConfigurationError(`${key} must be a string`, { code: `options.${code}.type` });
      if (!isWellFormed(value)) throw new ConfigurationError(`${key} is not valid Unicode text (it holds a lone surrogate)`, { code: `options.${code}.text` });
      plain[key] = value;
    }
    // A plan that is not a scalar (1n, an object, a cycle) is passed as an empty object, which the
    // module reports as "`plan` must be a string": never a TypeError from JSON.stringify.
    plain.plan = PLAN_SCALARS.has(typeof plan) || plan === null ? plan : {};
    plain.strict = strict === true;
    if (Array.isArray(disable)) plain.disable = disable.filter((d) => typeof d === 'string' && isWellFormed(d));
    return JSON.stringify(plain);
  }

  // validate* never throw: unusable options become an issue too.
  function validationOptions(options) {
    try {
      return { text: optionsText(options) };
    } catch (err) {
      const code = typeof err?.code === 'string' ? err.code : 'options.invalid';
      return { issue: { code, pointer: '/options', severity: 'error', message: String(err?.message ?? err) } };
    }
  }

  // Validation never throws for bad input: it returns issues.
  function validate(value, what, exportName, options) {
    const { text, issue } = jsonText(value, what);
    if (issue) return [issue];
    const tooLarge = oversize(text);
    if (tooLarge) return tooLarge;
    const opts = validationOptions(options);
    if (opts.issue) return [opts.issue];
    return JSON.parse(call(wasm[exportName], utf8(text), opts.text));
  }

  const validateBatch = (params, options) => validate(params, 'batch', 'validateBatchJson', options);
  const validateRecord = (record, options) => validate(record, 'record', 'validateRecordJson', options);

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
    const tooLarge = oversize(body);
    if (tooLarge) throw new ValidationError(`${tooLarge[0].message}; nothing was sent`, tooLarge);
    // The options' text first: reading them may run a user's getter, which could call the package
    // and reuse the scratch slot utf8() writes into.
    const opts = optionsText(options);
    const prepared = JSON.parse(call(wasm.prepareBatch, utf8(body), zone, shadow, opts));
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
    const wrong = [
      typeof type !== 'string' && { code: 'content.argument', pointer: '/type', severity: 'error', message: `fromContent(type, text): type must be a string such as "MX", got ${typeof type}` },
      typeof text !== 'string' && { code: 'content.argument', pointer: '/content', severity: 'error', message: `fromContent(type, text): text must be a string, got ${typeof text}` },
    ].filter(Boolean);
    if (wrong.length > 0) throw new ValidationError(wrong.map((i) => i.message).join('; '), wrong);
    const out = JSON.parse(call(wasm.fromContentJson, type, text));
    if (!out.ok) {
      throw new ValidationError(out.message, [{ code: 'content.parse', pointer: '/content', severity: 'error', message: out.message }]);
    }
    return out.record;
  }

  async function batch(params, options = {}) {
    const io = ioOptions(options);
    const { url, method, headers, body } = prepare(params, options);
    const result = await exchange(boundary, wasm, { url, method, headers, body }, io, { expect: 'batch', idempotent: false });
    // The API said success. A result with no lists (absent or null) shows nothing: four empty
    // lists, never an error, since an error would invite sending an applied batch again.
    const out = {};
    for (const key of RESULT_KEYS) out[key] = result?.[key] ?? [];
    return out;
  }

  return { batch, validateBatch, validateRecord, buildBatchRequest, toContent, fromContent, boundary, optionsText };
}

const RESULT_KEYS = ['deletes', 'patches', 'puts', 'posts'];
