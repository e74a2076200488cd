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

/** The kinds Cloudflare can proxy; `proxied: true` on any other is refused (API error 9004). */
export type ProxiableType = 'A' | 'AAAA' | 'CNAME';

/** The common fields every kind takes alike (`name`, `proxied` and `private_routing` depend on the use and the kind). */
type SharedFields = Omit<CommonFields, 'name' | 'proxied' | 'private_routing'>;

/**
 * `proxied` and `private_routing` where the kind takes them. Other kinds take `proxied: false` (what
 * the API answers for them) but not `true`, and no `private_routing` (A and AAAA only).
 */
type KindFields<K> = (K extends ProxiableType
  ? {
      /** Whether traffic goes through Cloudflare's proxy. */
      proxied?: boolean;
    }
  : {
      /** Only A, AAAA and CNAME records can be proxied (API error 9004). */
      proxied?: false;
    }) &
  (K extends 'A' | 'AAAA'
    ? {
        /** Private network routing to the origin (proxied only, Enterprise beta). */
        private_routing?: boolean;
      }
    : {});

/**
 * The same fields as the official SDK's types have them: `proxied` is left undeclared on the kinds
 * that cannot be proxied. A value typed by the SDK (whose `proxied?: boolean` is on every kind) is
 * still assignable, while an object literal that sets `proxied` there is an excess property.
 */
type SdkKindFields<K> = (K extends ProxiableType ? { proxied?: boolean } : {}) & (K extends 'A' | 'AAAA' ? { private_routing?: boolean } : {});

/** A kind's value with every field optional but `type` (patches, and the SDK's looser types). */
type PartialValue<T> = T extends { data: infer D }
  ? Partial<Omit<T, 'data'>> & { data?: Partial<D> } & Pick<T, Extract<keyof T, 'type'>>
  : Partial<Omit<T, 'type'>> & Pick<T, Extract<keyof T, 'type'>>;

type WholeRecord<V> = V extends { type: infer K } ? { name: string } & SharedFields & KindFields<K> & V : never;
type PatchOf<V> = V extends { type: infer K } ? { id: string; name?: string } & SharedFields & KindFields<K> & PartialValue<V> : never;
type SdkRecordOf<V> = V extends { type: infer K } ? { name: string } & SharedFields & SdkKindFields<K> & PartialValue<V> : never;
type SdkPatchOf<V> = V extends { type: infer K } ? { id: string; name?: string } & SharedFields & SdkKindFields<K> & PartialValue<V> : never;

/**
 * A whole record, as posted: `name`, the common fields, and the kind's `content` or `data`, narrowed
 * by `type`. `ttl` may be left out of a post: Cloudflare then sets 1 (automatic), as its own examples
 * show; nothing the caller had is lost. (The official SDK's types require it.)
 */
export type DnsRecord = WholeRecord<RecordData>;
/**
 * A put: a whole record that replaces the record with this `id`. Here `ttl` is required: a put
 * resets every field it leaves out, so a forgotten `ttl` would silently turn a record's TTL to automatic.
 */
export type RecordPut = DnsRecord & { id: string; ttl: number };

/** A patch whose `type` is not given: only the common fields are checked, `content`/`data` as sent. */
export type UntypedRecordPatch = { id: string; type?: undefined; name?: string; content?: string; priority?: number; data?: { [field: string]: unknown }; proxied?: boolean; private_routing?: boolean } & SharedFields;
/** A patch: `id` plus only the fields that change. Give `type` to have `content`/`data` (and `proxied`) checked. */
export type RecordPatch = PatchOf<RecordData> | UntypedRecordPatch;

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

/** A record typed as the official SDK types it: `type` and `name`, and the rest optional (`data` is still the kind's). */
export type SdkRecord = SdkRecordOf<RecordData>;
/**
 * Batch params typed as the official SDK types them (`RecordBatchParams`, where a record's `content`,
 * `data` fields and `priority` are optional and any kind has `proxied`): `batch()` takes them as
 * they are, so code moving over keeps its types. What these looser types let through, validation
 * catches before anything is sent.
 */
export interface SdkBatchParams {
  zone_id: string;
  include_shadow_metadata?: boolean;
  deletes?: DeleteParam[];
  patches?: Array<SdkPatchOf<RecordData> | UntypedRecordPatch>;
  puts?: Array<SdkRecord & { id: string; ttl: number }>;
  posts?: SdkRecord[];
}

/** The fields every answered record has. */
interface ResponseFields {
  id: string;
  /** Fully qualified, in Punycode. */
  name: string;
  /** The presentation form, for `data` kinds too (computed by Cloudflare). */
  content: string;
  proxiable: boolean;
  proxied: boolean;
  /** 1 means automatic. */
  ttl: number;
  comment: string | null;
  tags: string[];
  settings?: Settings;
  /** Shadow metadata and other keys Cloudflare adds; open by design. */
  meta?: { [key: string]: unknown };
  created_on: string;
  modified_on: string;
  comment_modified_on?: string;
  tags_modified_on?: string;
  /**
   * MX and URI: the record's priority. SRV answers may repeat `data.priority` here, and Cloudflare
   * may return it for other kinds too ("ignored for other record types").
   */
  priority?: number;
}
type ResponseOf<V> = V extends { type: infer K } ? V & ResponseFields & (K extends 'A' | 'AAAA' ? { private_routing?: boolean } : {}) : never;
/**
 * A record as the API returns it, narrowed by `type`. Fields the API adds later are kept in the
 * objects at run time, but not declared: a misspelt field is a compile error.
 */
export type RecordResponse = ResponseOf<RecordData>;

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

/**
 * Validates, then sends one atomic batch through the host's fetch. Takes `BatchParams`, or params
 * typed with the official SDK's `RecordBatchParams` (see `SdkBatchParams`).
 */
export function batch(params: BatchParams | SdkBatchParams, options: ClientOptions): Promise<BatchResult>;
/** Every issue of a batch; never throws for bad input. */
export function validateBatch(params: unknown, options?: ValidateOptions): Issue[];
/** Every issue of one record (checked as a post); for forms that validate as the user types. */
export function validateRecord(record: unknown, options?: ValidateOptions): Issue[];
/** What `batch()` would send. Throws ValidationError or ConfigurationError. */
export function buildBatchRequest(params: BatchParams | SdkBatchParams, options: ClientOptions): BatchRequest;
/**
 * The zone-file (presentation) form of a record's value, e.g. `10 5 5060 sip.example.com` for SRV.
 * Takes a record to post, a `RecordResponse`, or a record typed by the official SDK (its
 * `RecordResponse` or params). Throws a ValidationError when the record has errors.
 */
export function toContent(record: DnsRecord | RecordResponse | SdkRecord): string;
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

/** Codes of an `ApiError` (docs/rules.md, "Outside validation"): the HTTP status, or what was wrong with the answer. */
export type ApiErrorCode =
  | 'api.bad_request'
  | 'api.unauthorized'
  | 'api.forbidden'
  | 'api.not_found'
  | 'api.conflict'
  | 'api.too_large'
  | 'api.unprocessable'
  | 'api.rate_limited'
  | 'api.server_error'
  | 'api.error'
  | 'api.unsuccessful'
  | 'api.not_json'
  | 'api.not_envelope'
  | 'api.bad_result'
  | 'api.redirect'
  | 'api.answer_too_large'
  /** A listing that would not end (more pages than `listRecords` reads). */
  | 'api.unexpected';
/** Codes of a `ConfigurationError` (docs/rules.md, "Outside validation"): the options or the zone id cannot be used. */
export type ConfigurationErrorCode =
  | 'options.type'
  | 'options.invalid'
  | 'options.auth.missing'
  | 'options.auth.incomplete'
  | `options.${'api_token' | 'api_email' | 'api_key'}.${'type' | 'text' | 'invalid'}`
  | `options.base_url.${'type' | 'text' | 'invalid' | 'credentials'}`
  | 'options.timeout.invalid'
  | 'options.max_retries.invalid'
  | 'options.signal.invalid'
  | 'options.fetch.missing'
  | 'options.origin.type'
  | 'options.default_ttl.type'
  | 'options.per_page.invalid'
  | `batch.zone_id.${'empty' | 'length' | 'unsafe' | 'text'}`
  | 'batch.body.size'
  | 'list.type.unknown'
  /** The `/manual` entries before `await init()`. */
  | 'not_initialised';
/** Every code an error of this package has. */
export type ErrorCode = ApiErrorCode | ConfigurationErrorCode | 'validation_failed' | 'connection_failed' | 'timeout' | 'aborted' | 'internal';

/** Every error this package throws: an `Error` with a stable `code`. None holds a credential. */
export class CloudflareDnsError extends Error {
  constructor(message: string, options?: { code?: ErrorCode; cause?: unknown });
  readonly code: ErrorCode;
  /** The fields that are safe to log. */
  toJSON(): { name: string; code: ErrorCode; message: string; [field: string]: unknown };
}
/** Validation found errors; nothing was sent. `issues` lists every issue (errors and warnings). */
export class ValidationError extends CloudflareDnsError {
  constructor(message: string, issues?: Issue[]);
  readonly code: 'validation_failed';
  readonly issues: Issue[];
}
/** The options are unusable (missing or malformed credentials, a bad baseURL, no fetch); nothing was sent. */
export class ConfigurationError extends CloudflareDnsError {
  /** `code` defaults to `options.invalid`. */
  constructor(message: string, options?: { code?: ConfigurationErrorCode; cause?: unknown });
  readonly code: ConfigurationErrorCode;
}
/** What an `ApiError` is made of; `ray_id` as Cloudflare's envelope and `cf-ray` header have it. */
export interface ApiErrorFields {
  /**
   * The package's own are `ApiErrorCode`s (the default is `api.unsuccessful`). An error you raise
   * yourself may carry a code of your own; `code` is then typed as if it were one of these.
   */
  code?: ApiErrorCode | (string & {});
  /** The HTTP status; 0 when there was none. */
  status?: number;
  errors?: ApiMessage[];
  messages?: ApiMessage[];
  ray_id?: string | null;
  rayId?: string | null;
  mayHaveBeenApplied?: boolean;
}
/**
 * The API answered with an error, or with something that is not a successful envelope (or a
 * redirect, or an answer too large to read).
 */
export class ApiError extends CloudflareDnsError {
  constructor(message: string, fields?: ApiErrorFields);
  constructor(fields: ApiErrorFields & { message?: string });
  readonly code: ApiErrorCode;
  /** The HTTP status; 0 when there was none. */
  readonly status: number;
  /** The envelope's `errors`, with Cloudflare's numeric codes (81044, 81053, 81057, 81058, 9xxx...). */
  readonly errors: ApiMessage[];
  readonly messages: ApiMessage[];
  /** The `cf-ray` id, for Cloudflare support. */
  readonly rayId: string | null;
  /** Whether the batch may have been applied (a 5xx, or a success whose result could not be read): do not blindly send it again. */
  readonly mayHaveBeenApplied: boolean;
  /** Milliseconds a 429 asked to wait when that was beyond the retry policy. */
  readonly retryAfter?: number;
}
/** The request failed on the way (DNS, refused, reset). */
export class ConnectionError extends CloudflareDnsError {
  constructor(message: string, options?: { cause?: unknown; sent?: boolean });
  readonly code: 'connection_failed';
  /** Whether the request may have reached the API. */
  readonly sent: boolean;
}
/** No answer within `timeout` ms. The batch may or may not have been applied. */
export class TimeoutError extends CloudflareDnsError {
  constructor(message: string, options?: { cause?: unknown });
  readonly code: 'timeout';
}
/** The caller's `signal` aborted the call. */
export class AbortError extends CloudflareDnsError {
  constructor(message: string, options?: { cause?: unknown });
  readonly code: 'aborted';
}
/** The WebAssembly module failed unexpectedly; it has been re-instantiated, so later calls work. */
export class InternalError extends CloudflareDnsError {
  constructor(message: string, options?: { cause?: unknown });
  readonly code: 'internal';
}
