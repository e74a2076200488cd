// Copied unchanged from the peer baseline (the official SDK measurement) so both sides run the same workload.
// Deterministic DNS batch workload shared by every peer-baseline script.
//
// The same generator must be used (or its fixture output replayed, see
// gen-fixtures.mjs) when the Rust->WASM library is measured, so both sides do
// byte-identical work. No randomness: everything is derived from the index.

export const ZONE_ID = '023e105f4ecef8ad9ca31a8372d0c353';
export const ZONE = 'example.com';
export const TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SRV', 'CAA'];
export const SIZES = [1, 10, 200, 1000, 3500];

// 32 lowercase hex chars, like a Cloudflare record id. Cheap integer hash.
export function idFor(seed) {
  let h1 = (0x811c9dc5 ^ seed) >>> 0;
  let out = '';
  for (let k = 0; k < 4; k++) {
    h1 = Math.imul(h1 ^ (h1 >>> 15), 0x2c1b3c6d) >>> 0;
    h1 = Math.imul(h1 ^ (h1 >>> 12), 0x297a2d39) >>> 0;
    h1 = (h1 ^ (h1 >>> 15) ^ (seed * 0x9e3779b1 + k)) >>> 0;
    out += h1.toString(16).padStart(8, '0');
  }
  return out;
}

// A full record (the shape accepted by posts / puts) for index i.
export function recordFor(i) {
  const type = TYPES[i % TYPES.length];
  const ttl = i % 6 === 0 ? 1 : 300 + (i % 5) * 60; // 1 == "automatic"
  const base = { name: `r${i}.${ZONE}`, type, ttl, comment: `bench record ${i}` };
  switch (type) {
    case 'A':
      return { ...base, content: `198.51.${(i >> 8) & 255}.${i & 255}`, proxied: i % 2 === 0 };
    case 'AAAA':
      return { ...base, content: `2001:db8:${(i >> 16).toString(16)}::${(i & 0xffff).toString(16)}`, proxied: false };
    case 'CNAME':
      return { ...base, content: `target${i}.example.net`, proxied: i % 3 === 0 };
    case 'MX':
      return { ...base, content: `mx${i % 4}.${ZONE}`, priority: (i % 5) * 10 };
    case 'TXT':
      return { ...base, content: `"v=spf1 include:_spf${i}.${ZONE} ip4:198.51.100.${i & 255} ~all"`, tags: [`env:bench`, `idx:${i}`] };
    case 'SRV':
      return {
        ...base,
        name: `_sip._tcp.r${i}.${ZONE}`,
        data: { priority: i % 10, weight: (i * 7) % 100, port: 5060 + (i % 100), target: `sip${i}.${ZONE}` },
      };
    case 'CAA':
      return { ...base, data: { flags: 0, tag: i % 2 ? 'issue' : 'issuewild', value: i % 3 ? 'letsencrypt.org' : 'pki.goog' } };
    default:
      throw new Error('unreachable');
  }
}

// Split n operations: 10% deletes, 20% patches, 20% puts, rest posts.
export function split(n) {
  const deletes = Math.floor(n / 10);
  const patches = Math.floor(n / 5);
  const puts = Math.floor(n / 5);
  const posts = n - deletes - patches - puts;
  return { deletes, patches, puts, posts };
}

// Batch params for client.dns.records.batch (zone_id + body arrays).
// Record indexes are disjoint across the four arrays.
export function makeBatch(n) {
  const s = split(n);
  let i = 0;
  const deletes = [];
  for (let k = 0; k < s.deletes; k++, i++) deletes.push({ id: idFor(i) });
  const patches = [];
  for (let k = 0; k < s.patches; k++, i++) {
    // Cloudflare accepts partial patches; the SDK's TS type wants name/ttl/type,
    // so send those plus the changed content/data.
    const r = recordFor(i);
    const p = { id: idFor(i), name: r.name, type: r.type, ttl: r.ttl };
    if (r.content !== undefined) p.content = r.content;
    if (r.data !== undefined) p.data = r.data;
    if (r.priority !== undefined) p.priority = r.priority;
    patches.push(p);
  }
  const puts = [];
  for (let k = 0; k < s.puts; k++, i++) puts.push({ id: idFor(i), ...recordFor(i) });
  const posts = [];
  for (let k = 0; k < s.posts; k++, i++) posts.push(recordFor(i));
  const params = { zone_id: ZONE_ID };
  if (deletes.length) params.deletes = deletes;
  if (patches.length) params.patches = patches;
  if (puts.length) params.puts = puts;
  if (posts.length) params.posts = posts;
  return params;
}

// The JSON body exactly as it goes on the wire (zone_id is a path param).
export function bodyOf(params) {
  const { zone_id, include_shadow_metadata, ...body } = params;
  return body;
}

const TS = '2026-01-01T00:00:00.000000Z';

function contentOf(r) {
  if (r.content !== undefined) return r.content;
  if (r.type === 'SRV') return `${r.data.weight} ${r.data.port} ${r.data.target}`;
  if (r.type === 'CAA') return `${r.data.flags} ${r.data.tag} "${r.data.value}"`;
  return '';
}

// What the API returns for one record (field set modelled on the public
// DNS record object: id, name, type, content, proxiable, proxied, ttl,
// settings, meta, comment, tags, created_on, modified_on, + priority/data).
export function responseRecord(id, r) {
  const out = {
    id,
    name: r.name,
    type: r.type,
    content: contentOf(r),
    proxiable: r.type === 'A' || r.type === 'AAAA' || r.type === 'CNAME',
    proxied: r.proxied ?? false,
    ttl: r.ttl,
    settings: {},
    meta: {},
    comment: r.comment ?? null,
    tags: r.tags ?? [],
    created_on: TS,
    modified_on: TS,
  };
  if (r.priority !== undefined) out.priority = r.priority;
  if (r.data !== undefined) out.data = r.data;
  return out;
}

// Canned success envelope for a batch made by makeBatch(n).
export function makeResponse(n) {
  const s = split(n);
  let i = 0;
  const result = { deletes: [], patches: [], puts: [], posts: [] };
  for (let k = 0; k < s.deletes; k++, i++) result.deletes.push(responseRecord(idFor(i), recordFor(i)));
  for (let k = 0; k < s.patches; k++, i++) result.patches.push(responseRecord(idFor(i), recordFor(i)));
  for (let k = 0; k < s.puts; k++, i++) result.puts.push(responseRecord(idFor(i), recordFor(i)));
  for (let k = 0; k < s.posts; k++, i++) result.posts.push(responseRecord(idFor(1_000_000 + i), recordFor(i)));
  return { result, success: true, errors: [], messages: [] };
}

// A fetch replacement that records the last request and answers from a
// canned JSON text without touching the network. The Response object has to
// be created per call (a body can be read only once); that cost is shared by
// the SDK path and the hand-written path, so it cancels in the comparison.
export function capturingFetch(responseText, status = 200, extraHeaders = {}) {
  const headers = { 'content-type': 'application/json', ...extraHeaders };
  const f = async (url, init) => {
    f.calls++;
    f.lastUrl = url;
    f.lastInit = init;
    return new Response(responseText, { status, headers });
  };
  f.calls = 0;
  return f;
}
