// Moving over from the official SDK: values typed with its own declarations (the `cloudflare`
// package, compiled here against its real .d.ts) pass to this package's functions unchanged.
import type { RecordBatchParams, RecordResponse as SdkRecordResponse, BatchPatchParam, BatchPutParam, SRVRecordParam, MXRecordParam } from 'cloudflare/resources/dns/records';
import { batch, buildBatchRequest, toContent, validateBatch } from 'cf-dns-batch';
import type { BatchResult, RecordResponse } from 'cf-dns-batch';
import { batch as zoneBatch } from 'cf-dns-batch/zone';

const srv: SRVRecordParam = { type: 'SRV', name: '_sip._tcp.example.com', ttl: 1, data: { priority: 10, weight: 5, port: 5060, target: 'sip.example.com' } };
const mx: MXRecordParam = { type: 'MX', name: 'example.com', ttl: 3600, content: 'mx1.example.net', priority: 10, proxied: false };
const patch: BatchPatchParam = { id: '62276440f783445380480484648c1017', type: 'A', name: 'www.example.com', ttl: 1, content: '192.0.2.46', proxied: true };
const put: BatchPutParam = { id: 'a50364543094428abde0f14061d42b0e', type: 'TXT', name: 'example.com', ttl: 1, content: '"v=spf1 -all"' };

const params: RecordBatchParams = {
  zone_id: '023e105f4ecef8ad9ca31a8372d0c353',
  deletes: [{ id: '2bff0ebc4df64beaa44b0dca93e37a28' }],
  patches: [patch],
  puts: [put],
  posts: [srv, mx],
};

async function migrate(sdkResponses: SdkRecordResponse[]): Promise<void> {
  // The SDK's params go to batch() as they are, and to the zone subpath's batch().
  const result: BatchResult = await batch(params, { apiToken: 't' });
  await zoneBatch(params, { apiToken: 't' });
  const request = buildBatchRequest(params, { apiToken: 't' });
  console.log(request.body, validateBatch(params).length);
  // The SDK's record responses (from `client.dns.records.list()`, say) have a presentation form.
  const texts: string[] = sdkResponses.map((r) => toContent(r));
  // And this package's responses too.
  const ours: RecordResponse[] = result.posts;
  console.log(texts, ours.map((r) => toContent(r)));
}
void migrate;

// A value typed with the SDK's per-kind params keeps its kind: `data` is SRV's.
function port(p: RecordBatchParams): number | undefined {
  const first = p.posts?.[0];
  return first?.type === 'SRV' ? first.data?.port : undefined;
}
void port;

// Mistakes written inline are still caught, even though the SDK's own types would let them through.
// @ts-expect-error: MX cannot be proxied (the SDK's MXRecordParam allows `proxied: true`; the API refuses it, 9004)
void batch({ zone_id: 'z', posts: [{ type: 'MX', name: 'x', ttl: 1, content: 'mx.example.com', priority: 10, proxied: true }] }, { apiToken: 't' });
