// The public API. Record and data types are generated from the Rust types (dist/web/cf_dns_batch.d.ts),
// so they cannot drift from what the validator checks; this file only assembles them.
import type {
  ApiMessage,
  CaaData,
  CertData,
  CommonFields,
  DaneData,
  DeleteParam,
  DnskeyData,
  DsData,
  Issue,
  LocData,
  NaptrData,
  Plan,
  RecordData,
  RecordType,
  Settings,
  Severity,
  SrvData,
  SshfpData,
  SvcbData,
  UriData,
} from './dist/web/cf_dns_batch.js';

export type {
  ApiMessage, CaaData, CertData, CommonFields, DaneData, DeleteParam, DnskeyData, DsData, Issue, LocData, NaptrData, Plan,
  RecordData, RecordType, Settings, Severity, SrvData, SshfpData, SvcbData, UriData,
};

/** A whole record, as posted: the common fields plus the kind's `content` or `data`, narrowed by `type`. */
export type DnsRecord = CommonFields & RecordData;
/** A put: a whole record that replaces the record with this `id`. */
export type RecordPut = DnsRecord & { id: string };

type PartialValue<T> = T extends { data: infer D } ? Partial<Omit<T, 'data'>> & { data?: Partial<D> } & Pick<T, Extract<keyof T, 'type'>> : Partial<Omit<T, 'type'>> & Pick<T, Extract<keyof T, 'type'>>;
/** A patch: `id` plus only the fields that change. Give `type` to have `content`/`data` checked. */
export type RecordPatch = { id: string } & CommonFields & (PartialValue<RecordData> | { type?: undefined; content?: string; priority?: number; data?: { [field: string]: unknown } });

/** The argument of `batch()`, shaped like the official SDK's `client.dns.records.batch(params)`. */
export interface BatchParams {
  zone_id: string;
  /** Ask for shadow metadata in each record's `meta` (computed only for batches of up to 1,000 records). */
  include_shadow_metadata?: boolean;
  deletes?: DeleteParam[];
  patches?: RecordPatch[];
  puts?: RecordPut[];
  posts?: DnsRecord[];
}

/** A record as the API returns it. Unknown fields the API adds later are kept. */
export type RecordResponse = RecordData & Omit<CommonFields, 'comment'> & {
  id: string;
  name: string;
  content: string;
  proxiable: boolean;
  proxied: boolean;
  ttl: number;
  comment: string | null;
  tags: string[];
  settings?: Settings;
  meta?: { [key: string]: unknown };
  created_on: string;
  modified_on: string;
  comment_modified_on?: string;
  tags_modified_on?: string;
  [field: string]: unknown;
};

/** The records after each operation, in request order. */
export interface BatchResult {
  deletes: RecordResponse[];
  patches: RecordResponse[];
  puts: RecordResponse[];
  posts: RecordResponse[];
}

export interface ValidateOptions {
  /** The zone's plan: limits (batch size, TTL floor, comment length, tags) follow it. Unknown: permissive, with warnings. */
  plan?: Plan;
  /** RFC-strict: RFC advice (warnings) becomes errors. */
  strict?: boolean;
  /** Issue codes to silence; `"txt.*"` silences a family. */
  disable?: string[];
}

export interface ClientOptions extends ValidateOptions {
  /** An API token with DNS Write permission (preferred). */
  apiToken?: string;
  /** With `apiKey`: the legacy global API key scheme. */
  apiEmail?: string;
  apiKey?: string;
  /** Default `https://api.cloudflare.com/client/v4`. */
  baseURL?: string;
  /** Default: the global `fetch`. */
  fetch?: (input: string, init: { method: string; headers: { [name: string]: string }; body: string; signal: AbortSignal }) => Promise<Response>;
  /** Aborts the call at once. */
  signal?: AbortSignal;
  /** Milliseconds per attempt; default 60,000. */
  timeout?: number;
  /** Retries after 429 or a request that never left; default 2. */
  maxRetries?: number;
  /** Also retry 5xx, timeouts and lost connections. A batch POST is not idempotent: this may apply a batch twice. Default false. */
  retryUnsafe?: boolean;
}

export interface BatchRequest {
  url: string;
  method: 'POST';
  headers: { [name: string]: string };
  body: string;
  /** Warnings found while validating (they do not block sending). */
  warnings: Issue[];
}

/** Validates, then sends one atomic batch through the host's fetch. */
export function batch(params: BatchParams, options: ClientOptions): Promise<BatchResult>;
/** Every issue of a batch; never throws for bad input. */
export function validateBatch(params: unknown, options?: ValidateOptions): Issue[];
/** Every issue of one record (checked as a post); for forms that validate as the user types. */
export function validateRecord(record: unknown, options?: ValidateOptions): Issue[];
/** What `batch()` would send. Throws ValidationError or ConfigurationError. */
export function buildBatchRequest(params: BatchParams, options: ClientOptions): BatchRequest;
/** The zone-file (presentation) form of a record's value, e.g. `10 5 5060 sip.example.com` for SRV. */
export function toContent(record: DnsRecord): string;
/** Reads a zone-file value into `type` plus `content` or `data` (and `priority` for MX and URI). */
export function fromContent(type: RecordType, text: string): RecordData;

export interface EmulatorZone {
  /** The zone id used in URLs (Cloudflare's are 32 hex characters). */
  id: string;
  /** The zone's name, e.g. `example.com`: relative and `@` record names are expanded with it. */
  name: string;
  /** Limits follow it (batch size, TTL floor, comments, tags). Omitted: validated leniently (what some plan accepts). */
  plan?: Plan;
}
export interface EmulatorOptions {
  /** Default: one Enterprise zone `example.com`, id `023e105f4ecef8ad9ca31a8372d0c353`. */
  zones?: EmulatorZone[];
  /** Bearer tokens it accepts (any other gets 403); default: any non-empty token. X-Auth-Email + X-Auth-Key are accepted when both are non-empty. */
  tokens?: string[];
  /** Added delay per request, ms (the caller's signal still aborts it). */
  latency?: number;
  /** Requests per 5 minutes before 429 with `Retry-After` (seconds); `true` means Cloudflare's 1,200. Default: no limit. */
  rateLimit?: number | boolean;
  /**
   * Answer the next `count` (default 1) requests with `status`, before anything else happens: 500 and
   * 4xx as a JSON envelope, other 5xx as the HTML page Cloudflare's edge serves, 429 with `Retry-After: 1`.
   */
  failNext?: { status: number; count?: number };
}
/** One request as the emulator received it. */
export interface EmulatorRequest {
  method: string;
  /** The absolute URL, with its query. */
  url: string;
  /** The body text; `null` for GET. */
  body: string | null;
}
export interface Emulator {
  /** A fetch-compatible function: pass it as `options.fetch` (or the SDK's `fetch`). */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** The zone's records in creation order, as the API would list them (copies). */
  records(zoneId: string): RecordResponse[];
  /** Adds records directly: no validation, no conflict checks, no request logged. An `id` of 32 hex characters is kept. */
  seed(zoneId: string, records: Array<DnsRecord & { id?: string }>): RecordResponse[];
  /** Requests received so far, in order. */
  readonly requests: readonly EmulatorRequest[];
  /** Back to the state right after creation: no records, no requests, faults re-armed. */
  reset(): void;
}
/** A local stand-in for Cloudflare's DNS records API (batch, list, single-record routes), for tests and demos. */
export function createEmulator(options?: EmulatorOptions): Emulator;

export class CloudflareDnsError extends Error {
  readonly code: string;
}
export class ValidationError extends CloudflareDnsError {
  readonly code: 'validation_failed';
  readonly issues: Issue[];
}
export class ConfigurationError extends CloudflareDnsError {}
export class ApiError extends CloudflareDnsError {
  readonly status: number;
  readonly errors: ApiMessage[];
  readonly messages: ApiMessage[];
  readonly rayId: string | null;
}
export class ConnectionError extends CloudflareDnsError {
  readonly code: 'connection_failed';
  /** Whether the request may have reached the API. */
  readonly sent: boolean;
}
export class TimeoutError extends CloudflareDnsError {
  readonly code: 'timeout';
}
export class AbortError extends CloudflareDnsError {
  readonly code: 'aborted';
}
export class InternalError extends CloudflareDnsError {
  readonly code: 'internal';
}
