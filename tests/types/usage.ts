// Compiled with `tsc --noEmit --strict` against the packed package: valid uses compile, and each
// `@ts-expect-error` line proves the types catch that mistake.
import {
  batch, validateRecord, fromContent, toContent, createEmulator,
  CloudflareDnsError, ValidationError, ApiError, ConfigurationError, ConnectionError, TimeoutError, AbortError, InternalError,
} from 'cf-dns-batch';
import type { BatchParams, DnsRecord, RecordPut, RecordPatch, RecordResponse, Issue, LocData } from 'cf-dns-batch';
import { parseZone, formatZone, plan, formatPlan, listRecords, sync, createEmulator as createZoneEmulator, batch as zoneBatch, ApiError as ZoneApiError } from 'cf-dns-batch/zone';
import type { ParsedZone, ZonePlan, PlanChange, ListedRecord, SyncResult } from 'cf-dns-batch/zone';

const srv: DnsRecord = { type: 'SRV', name: '_sip._tcp.example.com', ttl: 1, data: { priority: 10, weight: 5, port: 5060, target: 'sip.example.com' } };
const mx: DnsRecord = { type: 'MX', name: 'example.com', content: 'mx1.example.net', priority: 10 };
const caa: DnsRecord = { type: 'CAA', name: 'example.com', data: { flags: 0, tag: 'issue', value: 'letsencrypt.org' } };

const params: BatchParams = {
  zone_id: '023e105f4ecef8ad9ca31a8372d0c353',
  deletes: [{ id: '2bff0ebc4df64beaa44b0dca93e37a28' }],
  patches: [{ id: '62276440f783445380480484648c1017', content: '192.0.2.46' }],
  puts: [{ id: 'a50364543094428abde0f14061d42b0e', type: 'A', name: 'www.example.com', content: '192.0.2.50', ttl: 1 }],
  posts: [srv, mx, caa],
};

function narrow(r: DnsRecord): number {
  // `data` narrows per kind.
  if (r.type === 'SRV') return r.data.port;
  if (r.type === 'MX') return r.priority;
  if (r.type === 'URI') return r.data.weight;
  return 0;
}

async function main(): Promise<void> {
  const emulator = createEmulator();
  const result = await batch(params, { apiToken: 't', fetch: emulator.fetch, timeout: 5000, maxRetries: 1, plan: 'pro' });
  const first: RecordResponse | undefined = result.posts[0];
  const id: string | undefined = first?.id;
  const issues: Issue[] = validateRecord(srv, { strict: true, disable: ['srv.*'] });
  const text: string = toContent(srv);
  const back = fromContent('SRV', text);
  try {
    await batch(params, { apiToken: 't' });
  } catch (err) {
    if (err instanceof ValidationError) err.issues.map((i) => i.pointer);
    if (err instanceof ApiError) console.log(err.status, err.rayId, err.errors[0]?.code);
  }
  console.log(narrow(srv), id, issues.length, back.type);
}
void main;

// @ts-expect-error: SRV keeps its fields in `data`, not in `content`
const wrong1: DnsRecord = { type: 'SRV', name: 'x', content: '10 5 5060 sip.example.com' };
// @ts-expect-error: port is a number
const wrong2: DnsRecord = { type: 'SRV', name: 'x', data: { priority: 1, weight: 1, port: '5060', target: 'x' } };
// @ts-expect-error: not one of the 21 types
const wrong3: DnsRecord = { type: 'SPF', name: 'x', content: 'v=spf1 -all' };
// @ts-expect-error: MX needs a priority
const wrong4: DnsRecord = { type: 'MX', name: 'x', content: 'mx.example.com' };
// @ts-expect-error: zone_id is required
const wrong5: BatchParams = { posts: [] };
// @ts-expect-error: plan must be a known plan
void batch(params, { apiToken: 't', plan: 'gold' });
void [wrong1, wrong2, wrong3, wrong4, wrong5];

// ---- Mistakes the types catch ----------------------------------------------------------------

// @ts-expect-error: a post needs `name`
const noName: DnsRecord = { type: 'A', content: '192.0.2.1', ttl: 1 };
// @ts-expect-error: only A, AAAA and CNAME can be proxied (API error 9004)
const proxiedMx: DnsRecord = { type: 'MX', name: 'x', content: 'mx.example.com', priority: 10, proxied: true };
// @ts-expect-error: TXT cannot be proxied either
const proxiedTxt: DnsRecord = { type: 'TXT', name: 'x', content: '"v=spf1 -all"', proxied: true };
// `proxied: false` is what the API returns for these kinds, and it is accepted as sent.
const unproxiedMx: DnsRecord = { type: 'MX', name: 'x', content: 'mx.example.com', priority: 10, proxied: false };
const proxiedCname: DnsRecord = { type: 'CNAME', name: 'x', content: 'y.example.com', proxied: true, settings: { flatten_cname: false } };
// @ts-expect-error: private network routing is for A and AAAA only
const routedCname: DnsRecord = { type: 'CNAME', name: 'x', content: 'y.example.com', private_routing: true };
const loc: DnsRecord = {
  type: 'LOC', name: 'x', ttl: 1,
  data: { lat_degrees: 52, lat_minutes: 22, lat_seconds: 23, lat_direction: 'N', long_degrees: 4, long_minutes: 53, long_seconds: 32, long_direction: 'E', altitude: -2, size: 1, precision_horz: 10000, precision_vert: 10 },
};
// @ts-expect-error: a latitude is north or south
const badLat: LocData = { lat_degrees: 0, lat_minutes: 0, lat_seconds: 0, lat_direction: 'E', long_degrees: 0, long_minutes: 0, long_seconds: 0, long_direction: 'W', altitude: 0, size: 1, precision_horz: 1, precision_vert: 1 };
// @ts-expect-error: a longitude is east or west
const badLong: LocData = { lat_degrees: 0, lat_minutes: 0, lat_seconds: 0, lat_direction: 'S', long_degrees: 0, long_minutes: 0, long_seconds: 0, long_direction: 'N', altitude: 0, size: 1, precision_horz: 1, precision_vert: 1 };
// A post may leave `ttl` out: Cloudflare then sets 1 (automatic), as its own examples show; nothing is lost.
const noTtl: DnsRecord = { type: 'A', name: 'x', content: '192.0.2.1' };
// @ts-expect-error: a put replaces the whole record, so a missing `ttl` would silently reset it to automatic
const putNoTtl: RecordPut = { id: '62276440f783445380480484648c1017', type: 'A', name: 'x', content: '192.0.2.1' };
// A patch with `type` has its value checked; without `type`, only the common fields are.
const patches: RecordPatch[] = [{ id: 'a', type: 'SRV', data: { port: 5061 } }, { id: 'b', ttl: 300 }, { id: 'c', content: '192.0.2.9' }];
// @ts-expect-error: a typed patch keeps its kind's rules (MX cannot be proxied)
const patchProxiedMx: RecordPatch = { id: 'a', type: 'MX', proxied: true };
void [loc, noName, proxiedMx, proxiedTxt, unproxiedMx, proxiedCname, routedCname, badLat, badLong, noTtl, putNoTtl, patches, patchProxiedMx];

// Inline in batch(): the same mistakes are caught.
// @ts-expect-error: MX cannot be proxied
void batch({ zone_id: 'z', posts: [{ type: 'MX', name: 'x', content: 'mx.example.com', priority: 10, proxied: true }] }, { apiToken: 't' });
// @ts-expect-error: a post needs `name`
void batch({ zone_id: 'z', posts: [{ type: 'A', content: '192.0.2.1', ttl: 1 }] }, { apiToken: 't' });
// @ts-expect-error: SRV's port is a number
void batch({ zone_id: 'z', posts: [{ type: 'SRV', name: 'x', data: { priority: 1, weight: 1, port: '5060', target: 'x' } }] }, { apiToken: 't' });

// Responses: no index signature, so a misspelt field does not compile; `priority` is a number.
function readResponse(resp: RecordResponse): number | undefined {
  // @ts-expect-error: there is no `contnet`
  void resp.contnet;
  const content: string = resp.content;
  const proxied: boolean = resp.proxied;
  void [content, proxied];
  if (resp.type === 'SRV') {
    const port: number = resp.data.port;
    const top: number | undefined = resp.priority;
    return port + (top ?? 0);
  }
  if (resp.type === 'MX') return resp.priority;
  return resp.priority;
}
void readResponse;

// ---- Errors: constructors as at run time, codes as documented ----------------------------------

// The Worker example's own error: one object of fields, with the envelope's `ray_id`.
const listFailed = new ApiError({ message: 'listing failed', code: 'api.list_failed', status: 502, errors: [], messages: [], ray_id: null });
const refused = new ApiError('refused', { code: 'api.bad_request', status: 400, errors: [{ code: 81044, message: 'Record does not exist.' }] });
const bare = new ApiError('refused');
const invalid = new ValidationError('bad', [{ code: 'a.content.ipv4', pointer: '/posts/0/content', severity: 'error', message: 'm' }]);
const noIssues = new ValidationError('bad');
const config = new ConfigurationError('no token', { code: 'options.auth.missing' });
const lost = new ConnectionError('reset', { cause: new Error('ECONNRESET'), sent: false });
const late = new TimeoutError('slow', { cause: new Error('t') });
const stopped = new AbortError('stopped');
const broken = new InternalError('trap', { cause: new Error('unreachable') });
const applied: boolean = refused.mayHaveBeenApplied;
const wait: number | undefined = refused.retryAfter;
void [listFailed, bare, invalid, noIssues, config, lost, late, stopped, broken, applied, wait];
// @ts-expect-error: a ConfigurationError's code is one of its documented codes
void new ConfigurationError('x', { code: 'options.tokn.missing' });
// @ts-expect-error: ValidationError takes issues, not an options object
void new ValidationError('x', { code: 'validation_failed' });

function codes(err: unknown): string {
  if (err instanceof ApiError) {
    // @ts-expect-error: not an ApiError code
    if (err.code === 'api.rate_limit') return '';
    if (err.code === 'api.rate_limited') return `retry in ${err.retryAfter ?? 0} ms`;
  }
  if (err instanceof ConfigurationError) {
    // @ts-expect-error: ConfigurationError codes are the options.*/batch.* ones
    if (err.code === 'api.forbidden') return '';
    if (err.code === 'options.auth.missing') return 'give apiToken';
  }
  if (err instanceof ValidationError) {
    const only: 'validation_failed' = err.code;
    return only;
  }
  if (err instanceof CloudflareDnsError) {
    // @ts-expect-error: every code of the package is listed
    if (err.code === 'timed_out') return '';
    return err.code;
  }
  return '';
}
void codes;

// ---- The zone subpath: zone files, plans, sync ------------------------------------------------

async function zone(): Promise<void> {
  const parsed: ParsedZone = parseZone('$ORIGIN example.com.\nwww 300 IN A 192.0.2.1\n', { origin: 'example.com', defaultTtl: 3600 });
  const where: number | undefined = parsed.positions[0]?.line;
  const text: string = formatZone(parsed.records, { origin: 'example.com' });
  const emulator = createZoneEmulator();
  const current = emulator.records('023e105f4ecef8ad9ca31a8372d0c353');
  const planned: ZonePlan = plan(current, parsed.records, { zone: 'example.com', zoneId: '023e105f4ecef8ad9ca31a8372d0c353', scope: 'desired', ignore: ['_acme-challenge.*', { type: 'NS' }], maxDeleteShare: 0.5 });
  const shown: string = formatPlan(planned);
  const change: PlanChange | undefined = planned.changes[0];
  if (planned.params) await zoneBatch(planned.params, { apiToken: 't', fetch: emulator.fetch });
  const listed: ListedRecord[] = await listRecords('023e105f4ecef8ad9ca31a8372d0c353', { apiToken: 't', fetch: emulator.fetch, type: 'TXT', perPage: 100 });
  const synced: SyncResult = await sync('023e105f4ecef8ad9ca31a8372d0c353', parsed.records, { apiToken: 't', fetch: emulator.fetch, zone: 'example.com', dryRun: true });
  console.log(where, text, shown, change?.action, listed.length, synced.applied, synced.plan.summary.operations);
  // @ts-expect-error: scope is `desired` or `zone`
  plan(current, parsed.records, { scope: 'all' });
  // @ts-expect-error: desired records are whole records (a name each)
  plan(current, [{ type: 'A', content: '192.0.2.1' }]);
  // The zone subpath's classes are the main entry's.
  try {
    await sync('z', [], { apiToken: 't' });
  } catch (err) {
    if (err instanceof ZoneApiError && err.code === 'api.conflict') console.log(err.status);
    // sync's errors carry the plan: a refused plan, or a batch to plan again.
    if (err instanceof ZoneApiError && err.replan === true) console.log(err.plan?.summary.operations);
    if (err instanceof ValidationError) console.log(err.plan?.issues.length);
  }
}
void zone;
