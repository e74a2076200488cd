// Reading a zone and keeping it equal to a list of records: `listRecords` (GET /dns_records, page
// by page), `readZone` (a listing kept to plan against) and `sync` (readZone + plan + one atomic
// batch). This file only does IO — fetch,
// timers, abort; the request head, whether an answer is a success and whether to retry are decided
// in WebAssembly, as in api.js.

import { ApiError, ConfigurationError, ValidationError } from './errors.js';
import { createPlanApi } from './plan.js';
import { exchange, ioOptions } from './transport.js';

const DEFAULT_PER_PAGE = 5_000;
// A cap on what one listing may hold, like batch()'s body cap: a zone (or an answer) claiming more
// pages than this is refused rather than read forever.
const MAX_PAGES = 10_000;
const POLICY_KEYS = ['zone', 'scope', 'ignore', 'maxDeleteShare', 'maxUpdateShare', 'force', 'plan', 'strict', 'disable'];

/** `plan`, `formatPlan`, `listRecords` and `sync` over the package's API (its boundary, options and `batch`). */
export function createSyncApi(wasm, api) {
  const { boundary, optionsText, batch } = api;
  const { call } = boundary;
  const { plan, formatPlan, snapshot } = createPlanApi(wasm, boundary);

  /** One page: the records and `result_info`. A GET changes nothing, so it may be retried on 5xx and timeouts. */
  async function getPage(zoneId, query, options, io) {
    const head = JSON.parse(call(wasm.prepareList, String(zoneId), JSON.stringify(query), optionsText(options)));
    if (!head.ok) throw new ConfigurationError(head.message, { code: head.code });
    const request = { url: head.url, method: head.method, headers: Object.fromEntries(head.headers) };
    // The same request, answer and retry handling as batch(), with the answer checked as a list.
    const { result, info } = await exchangeListing(request, io);
    return { result, info };
  }

  // `exchange` resolves to the envelope's result; a listing also needs `result_info`, so the
  // envelope is kept by asking for it through a wrapper that reads the whole answer once.
  async function exchangeListing(request, io) {
    let info = null;
    const result = await exchange(boundary, wasm, request, io, {
      expect: 'list',
      idempotent: true,
      onEnvelope: (envelope) => {
        info = envelope?.result_info !== null && typeof envelope?.result_info === 'object' ? envelope.result_info : null;
      },
    });
    return { result: result ?? [], info };
  }

  /**
   * Every record of a zone (`type` and `name` filter it), read page by page until
   * `result_info.total_pages`. Same options, errors and credential handling as batch().
   */
  async function listRecords(zoneId, options = {}) {
    const io = ioOptions(options);
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
   * The zone read once (listRecords, same options): `{ zoneId, records, plan(desired, policy) }`,
   * records frozen. Plan against it as often as needed: its records are not read again.
   */
  async function readZone(zoneId, options = {}) {
    return snapshot(String(zoneId), await listRecords(zoneId, options)).zone;
  }

  /**
   * Makes the zone's records equal to `desired` (within the policy's scope) in one atomic batch:
   * the zone read as readZone reads it, one plan, one batch. `dryRun: true` plans and sends nothing.
   * Resolves to `{ plan, applied, result }`; with `allowSplit`, also `parts` (see applyInParts).
   */
  async function sync(zoneId, desired, options = {}) {
    ioOptions(options);
    const allowSplit = options.allowSplit === true;
    if (options.onProgress !== undefined && typeof options.onProgress !== 'function') throw new ConfigurationError('onProgress must be a function', { code: 'options.on_progress.invalid' });
    const policy = { zoneId: String(zoneId) };
    for (const key of POLICY_KEYS) if (options[key] !== undefined) policy[key] = options[key];
    // allowSplit lifts only the one-batch size limit; every other refusal still stands.
    if (allowSplit) policy.disable = [...(Array.isArray(policy.disable) ? policy.disable : []), 'plan.batch.size'];
    // Read and planned once: the listing is let go from the module right after.
    const read = snapshot(String(zoneId), await listRecords(zoneId, { ...options, type: undefined, name: undefined }));
    let planned;
    try {
      planned = read.zone.plan(desired, policy);
    } finally {
      read.release();
    }
    const errors = planned.issues.filter((i) => i.severity === 'error');
    if (errors.length > 0) {
      const shown = errors.slice(0, 3).map((i) => `${i.pointer || '(root)'}: ${i.message} [${i.code}]`).join('; ');
      const error = new ValidationError(`the plan is refused; nothing was sent: ${shown}`, planned.issues);
      error.plan = planned;
      throw error;
    }
    if (allowSplit) return applyInParts(planned, options);
    if (options.dryRun === true || planned.changes.length === 0) return { plan: planned, applied: false, result: null };
    try {
      const result = await batch(planned.params, options);
      return { plan: planned, applied: true, result };
    } catch (err) {
      throw replanError(err, planned);
    }
  }

  // The batch is atomic: a refusal (a record deleted or changed since the listing: 404/81044,
  // an identical record posted meanwhile: 81058...) applied none of it.
  function replanError(err, planned) {
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
      return again;
    }
    return err;
  }

  /**
   * `allowSplit`: the plan cut into parts of at most one batch (the cut is decided in WebAssembly:
   * a name's whole change in one part, so no conflict stands between parts), sent one after the
   * other. Each part is atomic; the whole is not, and the result says so: `applied` is true (every
   * part), 'partial' (some) or false (none), and each part is 'applied', 'failed' (with its
   * `error`) or 'not_attempted'. A failed part stops the run: the parts after it are not sent.
   */
  async function applyInParts(planned, options) {
    const cut = JSON.parse(call(wasm.splitPlanJson, JSON.stringify(planned), typeof options.plan === 'string' ? options.plan : ''));
    if (!cut.ok) {
      const issue = { code: cut.code, pointer: '', severity: 'error', message: cut.message };
      const error = new ValidationError(`the plan cannot be split safely; nothing was sent: ${cut.message} [${cut.code}]`, [...planned.issues, issue]);
      error.plan = planned;
      throw error;
    }
    // Each part is positions in the plan's params arrays; its params are those operations.
    const { zone_id: zoneId, ...arrays } = planned.params;
    const parts = cut.parts.map((at) => {
      const params = { zone_id: zoneId };
      for (const key of ['deletes', 'patches', 'puts', 'posts']) if (at[key].length > 0) params[key] = at[key].map((i) => arrays[key][i]);
      return { params, status: 'not_attempted' };
    });
    const outcome = () => {
      const done = parts.filter((p) => p.status === 'applied').length;
      const applied = parts.length > 0 && done === parts.length ? true : done > 0 ? 'partial' : false;
      return { plan: planned, applied, result: parts.length === 1 ? (parts[0].result ?? null) : null, parts };
    };
    if (options.dryRun === true) return outcome();
    let operations = 0;
    for (const [index, part] of parts.entries()) {
      try {
        part.result = await batch(part.params, options);
      } catch (err) {
        part.status = 'failed';
        // Nothing of this part was applied; before the first part, nothing at all.
        part.error = index === 0 ? replanError(err, planned) : err;
        break;
      }
      part.status = 'applied';
      operations += ['deletes', 'patches', 'puts', 'posts'].reduce((n, key) => n + (part.params[key]?.length ?? 0), 0);
      if (options.onProgress) {
        try {
          options.onProgress({ part: index + 1, parts: parts.length, applied: operations });
        } catch (err) {
          // A throwing callback stops the run before the next part; what was done is on the error.
          err.result = outcome();
          throw err;
        }
      }
    }
    return outcome();
  }

  return { plan, formatPlan, listRecords, readZone, sync };
}

