// A CommonJS TypeScript file: `import ... from` here compiles to `require()`, so the `require`
// declarations (index.d.cts, zone.d.cts) are the ones checked.
import { batch, validateRecord, ValidationError, ApiError } from 'cf-dns-batch';
import type { DnsRecord, BatchResult } from 'cf-dns-batch';
import zone = require('cf-dns-batch/zone');

const srv: DnsRecord = { type: 'SRV', name: '_sip._tcp.example.com', ttl: 1, data: { priority: 10, weight: 5, port: 5060, target: 'sip.example.com' } };

async function main(): Promise<void> {
  const issues = validateRecord(srv);
  try {
    const result: BatchResult = await batch({ zone_id: '023e105f4ecef8ad9ca31a8372d0c353', posts: [srv] }, { apiToken: 't' });
    console.log(result.posts.length, issues.length);
  } catch (err) {
    if (err instanceof ValidationError) console.log(err.issues.length);
    if (err instanceof ApiError) console.log(err.status, err.mayHaveBeenApplied);
  }
  const parsed = zone.parseZone('www 300 IN A 192.0.2.1\n', { origin: 'example.com' });
  console.log(zone.formatPlan(zone.plan([], parsed.records)));
}
void main;

// @ts-expect-error: MX cannot be proxied
const wrong: DnsRecord = { type: 'MX', name: 'x', content: 'mx.example.com', priority: 10, proxied: true };
void wrong;
