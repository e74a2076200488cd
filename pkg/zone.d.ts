// The `cf-dns-batch/zone` subpath: everything the main entry exports, plus reading a zone, planning a
// change, applying it as one atomic batch, and zone files. It loads a .wasm of its own (the main one
// stays small for pages and Workers that only send batches).
import type { BatchParams, BatchResult, ClientOptions, DnsRecord, Plan, RecordResponse, RecordType, Severity, Issue } from './index.js';

export * from './index.js';

// ---- Zone files ------------------------------------------------------------------------------

/** Where a zone-file record was read: 1-based line and column (a column counts characters). */
export interface ZonePosition {
  line: number;
  column: number;
}
/** A finding in a zone file, at a line and column. Codes are listed in docs/rules.md ("Zone files"). */
export interface ZoneIssue extends ZonePosition {
  code: string;
  severity: Severity;
  message: string;
}
export interface ParseZoneOptions {
  /** The zone's name (`example.com`): the starting `$ORIGIN`, for `@` and relative names. */
  origin?: string;
  /** The TTL of records that give none, until a `$TTL` line says otherwise. */
  defaultTtl?: number;
}
export interface ParsedZone {
  /** The records in file order, in Cloudflare's JSON shape (names fully qualified, no trailing dot). */
  records: DnsRecord[];
  /** `positions[i]` is where `records[i]` was read. */
  positions: ZonePosition[];
  /** Everything skipped or assumed, with its line and column; records with errors are skipped. */
  issues: ZoneIssue[];
}
/**
 * Reads an RFC 1035 zone file (BIND, or Cloudflare's export): `$ORIGIN`, `$TTL`, relative names,
 * parentheses, comments; Cloudflare's `cf_tags=` attributes become `comment`, `tags`, `proxied` and
 * `settings.flatten_cname`. Never throws for what the text holds: problems are `issues`.
 */
export function parseZone(text: string, options?: ParseZoneOptions): ParsedZone;
/**
 * Writes records as a zone file Cloudflare's import takes and `parseZone` reads back to the same
 * records. Throws a `ValidationError` (pointers into `records`) when a record cannot be written faithfully.
 */
export function formatZone(records: Array<DnsRecord>, options?: { origin?: string }): string;
// ---- Zone sync: plan, formatPlan, listRecords, readZone, sync ----

/** A record as `GET /dns_records` lists it. */
export type ListedRecord = RecordResponse;

/** Which records a plan may change, and how carefully. */
export interface PlanPolicy {
  /** The zone's name, for `@` and relative names (default: the listed records' `zone_name`). */
  zone?: string;
  /** Copied into `params.zone_id`, so the params go straight into `batch()`. */
  zoneId?: string;
  /** `desired` (default): only the (name, type) pairs the desired records mention; `zone`: every record. */
  scope?: 'desired' | 'zone';
  /** Records never touched: a name pattern (`*` matches any run of characters) or `{ name?, type? }`. */
  ignore?: Array<string | { name?: string; type?: RecordType }>;
  /** The largest share of managed records a plan may delete (default 0.3), checked from 10 managed records. */
  maxDeleteShare?: number;
  /** The largest share of managed records a plan may update (default 0.3). */
  maxUpdateShare?: number;
  /** Apply a plan over the safety shares (they become warnings). */
  force?: boolean;
  plan?: Plan;
  strict?: boolean;
  disable?: string[];
}

export interface PlanChange {
  action: 'create' | 'update' | 'replace' | 'delete';
  /** The owner name, fully qualified. */
  name: string;
  type: RecordType;
  /** The id of the record updated, replaced or deleted. */
  id?: string;
  /** The listed record (from `readZone` and `sync`, the snapshot's own frozen record; from `plan`, a copy). */
  before?: ListedRecord;
  /** The record as desired, as the API would list it. A created (or replacing) record's is its post in `params.posts`, the same object, when `params` is there; a plan an error blocks shows a copy. */
  after?: DnsRecord;
  /** The fields that differ (`content`, `data`, `priority`, `ttl`, `proxied`, `comment`, `tags`, `settings`, `private_routing`, `type`). */
  fields: string[];
}

export interface PlanSummary {
  create: number;
  update: number;
  replace: number;
  delete: number;
  unchanged: number;
  /** Records of the zone within the plan's scope. */
  managed: number;
  /** Operations in `params` (a replacement is two). */
  operations: number;
}

export interface ZonePlan {
  /** Batch params for `batch()`; `null` when an error blocks the plan. */
  params: BatchParams | null;
  changes: PlanChange[];
  summary: PlanSummary;
  issues: Issue[];
}

/** Plans the fewest batch operations that make `current` equal to `desired` (pure, synchronous, deterministic). */
export function plan(current: ListedRecord[], desired: DnsRecord[], policy?: PlanPolicy): ZonePlan;
/** A plan as text: `+`, `-`, `~` and `-/+` lines, then a summary line. */
export function formatPlan(plan: ZonePlan): string;

export interface ListOptions extends ClientOptions {
  type?: RecordType;
  /** Exact, fully qualified name. */
  name?: string;
  /** Records per page, 5–5,000 (default 5,000). */
  perPage?: number;
}
/** Every record of a zone, page by page until `result_info.total_pages`. */
export function listRecords(zoneId: string, options: ListOptions): Promise<ListedRecord[]>;

/** A zone read once: plan against it as often as needed without reading its records again. */
export interface ZoneSnapshot {
  readonly zoneId: string;
  /** The records as listed, frozen (deeply): the zone when it was read. Copy one to change it. */
  readonly records: ReadonlyArray<Readonly<ListedRecord>>;
  /** `plan(records, desired, policy)`, with `policy.zoneId` defaulting to the snapshot's `zoneId`. */
  plan(desired: DnsRecord[], policy?: PlanPolicy): ZonePlan;
}
/**
 * Reads a zone (`listRecords`, same options) and keeps its records read in WebAssembly, so each
 * `plan` reads only the desired records. `sync` plans this way. With `type` or `name`, the snapshot
 * holds only those records, and its plans see nothing else of the zone.
 */
export function readZone(zoneId: string, options: ListOptions): Promise<ZoneSnapshot>;

export interface SyncOptions extends ClientOptions, Omit<PlanPolicy, 'zoneId'> {
  /** Plan and send nothing. */
  dryRun?: boolean;
  /**
   * Apply a plan over one batch's limit (200 on `plan: 'free'`, else 3,500) in several batches. Each
   * part is atomic, the whole is not: a name's whole change is in one part (no conflict between
   * parts), names that free records go first, and a failed part stops the run (see `parts`).
   */
  allowSplit?: boolean;
  /** With `allowSplit`: called after each part is applied; `applied` counts the operations applied so far. */
  onProgress?: (progress: { part: number; parts: number; applied: number }) => void;
}
/** One batch of a split sync. */
export interface SyncPart {
  params: BatchParams;
  status: 'applied' | 'failed' | 'not_attempted';
  result?: BatchResult;
  /** Why the part failed (nothing of this part was applied). */
  error?: Error;
}
export interface SyncResult {
  plan: ZonePlan;
  /**
   * Whether the plan was applied: false for `dryRun` and for a plan with no changes. With
   * `allowSplit`, 'partial' when some parts were applied and a later one failed.
   */
  applied: boolean | 'partial';
  /** The batch's result when the plan went in one batch; null otherwise (see `parts`). */
  result: BatchResult | null;
  /** With `allowSplit`: every part in sending order, with what happened to it. */
  parts?: SyncPart[];
}
/**
 * readZone + plan + one atomic batch. A refused plan throws a ValidationError (with `plan`); a batch
 * refused because the zone changed since the listing throws an ApiError with `replan: true`. With
 * `allowSplit`, a failing part does not throw: the result's `parts` say what was applied.
 */
export function sync(zoneId: string, desired: DnsRecord[], options: SyncOptions): Promise<SyncResult>;

// What `sync` adds to the errors it throws.
declare module './index.js' {
  interface ValidationError {
    /** From `sync`: the refused plan (its `issues` say why). */
    plan?: ZonePlan;
  }
  interface ApiError {
    /** From `sync`: the batch was refused and nothing was applied; the zone may have changed since it was listed, so plan again. */
    replan?: boolean;
    /** From `sync`: the plan whose batch was refused. */
    plan?: ZonePlan;
  }
}
