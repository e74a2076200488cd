// Compiled with `tsc --noEmit --strict` against the packed package: valid uses compile, and each
// `@ts-expect-error` line proves the types catch that mistake.
import { batch, validateRecord, fromContent, toContent, createEmulator, ValidationError, ApiError } from 'cf-dns-batch';
import type { BatchParams, DnsRecord, RecordResponse, Issue } from 'cf-dns-batch';

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
