// One zone and what the API does to it. Every write works on a copy of the zone's records and
// commits only when every operation succeeded, so a failing batch leaves the zone untouched
// (Cloudflare runs a batch as one database transaction; reference §1.4).
//
// Pointers: a validation failure points at the field (`/posts/3/content`); a failure of the
// operation as a whole (unknown id, a conflicting or identical record) points at the operation
// (`/posts/3`). Cloudflare's own pointer format for batch errors is UNCONFIRMED (reference §4.1).

import { fail, failureForIssue, WIRE_MESSAGE } from './emulator-errors.js';
import { filterName, isObject, makeRecord, mergePatch, sameValue, timestamp, wireLength } from './emulator-records.js';

// Records per batch, all four arrays counted (how Cloudflare counts is UNCONFIRMED; reference §1.5).
const BATCH_LIMIT_FREE = 200;
const BATCH_LIMIT_PAID = 3_500;
// Shadow metadata is computed only for answers of at most this many records (reference §1.1).
const SHADOW_METADATA_MAX = 1_000;

export const batchLimit = (plan) => (plan === 'free' ? BATCH_LIMIT_FREE : BATCH_LIMIT_PAID);

export function createZone({ id, name, plan }) {
  return { id, name: filterName(name), plan, records: new Map() };
}

/** Runs a batch body against `zone`: deletes, patches, puts, posts, each in array order, all or nothing. */
export function applyBatch(ctx, zone, body) {
  const ops = {};
  for (const key of ['deletes', 'patches', 'puts', 'posts']) {
    const list = body[key] ?? [];
    if (!Array.isArray(list)) throw fail(400, 9207, 'Request body is invalid.', `/${key}`);
    ops[key] = list;
  }
  const size = ops.deletes.length + ops.patches.length + ops.puts.length + ops.posts.length;
  const limit = batchLimit(zone.plan);
  if (size > limit) {
    throw fail(400, 81100, `The batch has ${size} operations; a zone on the ${zone.plan ?? 'paid'} plan allows at most ${limit} per batch.`);
  }

  const working = new Map(zone.records);
  const now = timestamp();
  const result = { deletes: [], patches: [], puts: [], posts: [] };
  ops.deletes.forEach((op, i) => {
    const at = `/deletes/${i}`;
    const record = find(working, isObject(op) ? op.id : undefined, at, 400);
    working.delete(record.id);
    result.deletes.push(record);
  });
  ops.patches.forEach((op, i) => result.patches.push(update(ctx, zone, working, op, { at: `/patches/${i}`, now, mode: 'patch', status: 400 })));
  ops.puts.forEach((op, i) => result.puts.push(update(ctx, zone, working, op, { at: `/puts/${i}`, now, mode: 'put', status: 400 })));
  ops.posts.forEach((op, i) => result.posts.push(create(ctx, zone, working, op, { at: `/posts/${i}`, now })));
  zone.records = working;
  return result;
}

/** POST /dns_records: one record, the same rules as a batch post. */
export function createOne(ctx, zone, body) {
  const working = new Map(zone.records);
  const record = create(ctx, zone, working, body, { at: '', now: timestamp() });
  zone.records = working;
  return record;
}

/** PUT or PATCH /dns_records/{id}. */
export function updateOne(ctx, zone, id, body, mode) {
  requireObject(body, '');
  const working = new Map(zone.records);
  const record = update(ctx, zone, working, { ...body, id }, { at: '', now: timestamp(), mode, status: 404 });
  zone.records = working;
  return record;
}

export function getOne(zone, id) {
  return find(zone.records, id, undefined, 404);
}

export function deleteOne(zone, id) {
  const record = find(zone.records, id, undefined, 404);
  zone.records.delete(record.id);
  return { id: record.id };
}

function find(records, id, at, status) {
  const record = typeof id === 'string' ? records.get(id) : undefined;
  if (!record) throw fail(status, 81044, 'Record does not exist.', at);
  return record;
}

// Single-record routes have no operation to point at: their `at` is ''.
const operation = (at) => at || undefined;

function requireObject(op, at) {
  if (!isObject(op)) throw fail(400, 9207, 'Request body is invalid.', operation(at));
}

function create(ctx, zone, working, op, { at, now }) {
  requireObject(op, at);
  const { id: _ignored, ...view } = op; // a post has no id; a copied record's id is not reused
  validate(ctx, zone, view, at);
  const record = makeRecord({ toContent: ctx.toContent, kinds: ctx.kinds, zone, view, previous: null, now, isNew: true });
  admit(ctx.kinds, zone, working, record, at);
  return record;
}

function update(ctx, zone, working, op, { at, now, mode, status }) {
  requireObject(op, at);
  const previous = find(working, op.id, operation(at), status);
  const { id: _id, ...changes } = op;
  // Changing a type through PUT/PATCH reached end of life on 2026-06-30 (reference §1.6): the way
  // is delete + post in one batch. The code Cloudflare now answers with is UNCONFIRMED.
  if (changes.type !== undefined && String(changes.type).toUpperCase() !== previous.type) {
    throw fail(400, 1004, `DNS Validation Error: a record's type cannot be changed by ${mode.toUpperCase()} (${previous.type} to ${changes.type}); delete it and post a new record in the same batch.`, `${at}/type`);
  }
  // PUT replaces the whole record (omitted fields take their defaults); PATCH merges.
  const view = mode === 'put' ? changes : mergePatch(previous, changes, ctx.kinds);
  validate(ctx, zone, view, at);
  const record = makeRecord({ toContent: ctx.toContent, kinds: ctx.kinds, zone, view, previous, now, isNew: false });
  admit(ctx.kinds, zone, working, record, at);
  return record;
}

// Cloudflare's lenient layer: only error-severity issues of the package's own validator reject;
// warnings (RFC advice) never do.
function validate(ctx, zone, view, at) {
  const issues = ctx.validateRecord(view, zone.plan ? { plan: zone.plan } : undefined);
  const error = issues.find((issue) => issue.severity === 'error');
  if (error) throw failureForIssue(error, { plan: zone.plan, record: view, at });
}

// Cloudflare's limit on the TXT content at one name (reference §3, TXT; error 83011).
// UNCONFIRMED how it counts: here, characters of each stored (quoted) content.
const TXT_NAME_MAX_CHARS = 8_192;
const chars = (text) => [...text].length;

// The checks that need the rest of the zone, then the write (into the working copy). Each
// operation is checked against the zone as the operations before it left it, so a batch is judged
// on the state it builds, its own records and the zone's alike.
function admit(kinds, zone, working, record, at) {
  if (wireLength(record, kinds) > 4096) throw fail(400, 9015, WIRE_MESSAGE, `${at}/content`);
  const peers = [];
  for (const other of working.values()) if (other.id !== record.id && other.name === record.name) peers.push(other);
  if (peers.some((other) => sameValue(other, record, kinds))) throw fail(400, 81058, 'An identical record already exists.', operation(at));
  const isAddress = (r) => kinds.address.has(r.type);
  if (record.type === 'CNAME' && peers.some((other) => other.type === 'CNAME')) {
    throw fail(400, 81054, 'A CNAME record with that host already exists.', operation(at));
  }
  if ((record.type === 'CNAME' && peers.some(isAddress)) || (isAddress(record) && peers.some((other) => other.type === 'CNAME'))) {
    throw fail(400, 81053, 'An A, AAAA, or CNAME record with that host already exists.', operation(at));
  }
  // NS "cannot exist on the same name as any other record type" (reference §2.2); DS belongs at a
  // delegation, and the apex holds the zone's NS beside everything else. 81056 is the code seen
  // for a record added beside NS; the one for an NS added beside other records is UNCONFIRMED.
  if (record.name !== zone.name) {
    const delegationType = (type) => type === 'NS' || type === 'DS';
    if ((record.type === 'NS' && peers.some((other) => !delegationType(other.type))) || (!delegationType(record.type) && peers.some((other) => other.type === 'NS'))) {
      throw fail(400, 81056, 'NS records with that host already exist.', operation(at));
    }
  }
  if (record.type === 'TXT') {
    let total = chars(record.content);
    for (const other of peers) if (other.type === 'TXT') total += chars(other.content);
    if (total > TXT_NAME_MAX_CHARS) {
      throw fail(400, 83011, `Combined content length of records with this name exceeds the limit of ${TXT_NAME_MAX_CHARS} characters (${total}).`, `${at}/content`);
    }
  }
  working.set(record.id, record);
}

const ORDER_FIELDS = new Set(['type', 'name', 'content', 'ttl', 'proxied']);

/** GET /dns_records: exact-match filters, optional order, pages of 5–5,000 (default 100). */
export function listRecords(zone, query) {
  let records = [...zone.records.values()];
  const name = query.get('name') ?? query.get('name.exact');
  if (name !== null) records = records.filter((r) => r.name === filterName(name));
  const type = query.get('type');
  if (type !== null) records = records.filter((r) => r.type === type.toUpperCase());
  const content = query.get('content') ?? query.get('content.exact');
  if (content !== null) records = records.filter((r) => r.content === content);
  const order = query.get('order');
  if (ORDER_FIELDS.has(order)) {
    const sign = query.get('direction') === 'desc' ? -1 : 1;
    records.sort((a, b) => sign * String(a[order]).localeCompare(String(b[order]), 'en', { numeric: true }));
  }
  // Out-of-range paging is clamped rather than refused (Cloudflare's exact behaviour is UNCONFIRMED).
  const perPage = Math.min(5_000, Math.max(5, Number.parseInt(query.get('per_page') ?? '', 10) || 100));
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '', 10) || 1);
  const result = records.slice((page - 1) * perPage, page * perPage);
  return {
    result,
    result_info: { page, per_page: perPage, count: result.length, total_count: records.length, total_pages: Math.ceil(records.length / perPage) },
  };
}

/**
 * Copies of `records` with shadow metadata in `meta` (reference §1.1, Cloudflare's "Shadowed records"):
 * a record at or below a delegation (an NS record below the apex) is shadowed by it, except the
 * NS and DS records at the delegation itself; an address record there that an NS points at is glue.
 * `dead_glue` is not modelled.
 *
 * Linear in the zone (times the labels of a name): the cuts are indexed by name, and a record
 * looks up each of its own name's suffixes instead of testing every cut.
 */
export function withShadowMetadata(zone, records) {
  if (records.length > SHADOW_METADATA_MAX) return records;
  const cuts = delegations(zone);
  if (cuts.size === 0) return records.map((r) => ({ ...r, meta: { ...r.meta, shadowed_by: [], is_glue: false } }));
  const order = new Map();
  let position = 0;
  for (const id of zone.records.keys()) order.set(id, position++);
  // Each cut's count, over the whole zone; only needed when the answer holds a cut's NS record.
  let counts;
  const countAt = (name) => {
    if (!counts) {
      counts = new Map();
      for (const other of zone.records.values()) {
        for (const cut of shadowingNames(cuts, other)) counts.set(cut, (counts.get(cut) ?? 0) + 1);
      }
    }
    return counts.get(name) ?? 0;
  };
  return records.map((r) => {
    const by = shadowingNames(cuts, r).flatMap((name) => cuts.get(name));
    by.sort((x, y) => (order.get(x.id) ?? 0) - (order.get(y.id) ?? 0));
    const isAddress = r.type === 'A' || r.type === 'AAAA';
    const meta = { ...r.meta, shadowed_by: by.map((ns) => ns.id), is_glue: isAddress && by.some((ns) => filterName(ns.content) === r.name) };
    if (r.type === 'NS' && cuts.get(r.name)?.some((ns) => ns.id === r.id)) meta.shadowed_records_count = countAt(r.name);
    return { ...r, meta };
  });
}

/** The zone's delegations: the NS records below the apex, by name, in zone order. */
function delegations(zone) {
  const cuts = new Map();
  for (const r of zone.records.values()) {
    if (r.type !== 'NS' || r.name === zone.name) continue;
    const list = cuts.get(r.name);
    if (list) list.push(r);
    else cuts.set(r.name, [r]);
  }
  return cuts;
}

/** The names of the cuts that shadow `r`: every cut above its name, and its own name unless it is the cut's NS or DS. */
function shadowingNames(cuts, r) {
  const names = [];
  if (r.type !== 'NS' && r.type !== 'DS' && cuts.has(r.name)) names.push(r.name);
  for (let dot = r.name.indexOf('.'); dot !== -1; dot = r.name.indexOf('.', dot + 1)) {
    const above = r.name.slice(dot + 1);
    if (cuts.has(above)) names.push(above);
  }
  return names;
}
