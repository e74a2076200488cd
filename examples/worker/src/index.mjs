// ACME DNS-01 challenge responder: a Worker that an ACME client's hook calls to publish the
// `_acme-challenge` TXT record, replacing any old ones in ONE atomic batch.
//
//   POST /acme-challenge
//   x-acme-secret: <ACME_SECRET>
//   {"name": "example.com", "value": "<key authorization digest>"}
//
//   200 {"id": "<new record id>", "name": "_acme-challenge.example.com", "deleted": 1}
//   400 {"error": "...", "issues": [...]}   the record would be refused (nothing was changed)
//   401 wrong or missing secret;  502 Cloudflare's API refused or failed (nothing was changed)
//
// Bindings (wrangler.toml): CLOUDFLARE_ZONE_ID and ACME_SECRET, CLOUDFLARE_API_TOKEN (a secret, with
// DNS Write permission on the zone), optional CLOUDFLARE_API_BASE_URL (a local emulator in tests).
import { batch, validateRecord, ApiError, ValidationError } from 'cf-dns-batch';

const DEFAULT_API = 'https://api.cloudflare.com/client/v4';
const PREFIX = '_acme-challenge.';

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname !== '/acme-challenge') return reply(404, { error: 'not found' });
    if (request.method !== 'POST') return reply(405, { error: 'use POST' }, { allow: 'POST' });
    if (!env.ACME_SECRET || !env.CLOUDFLARE_ZONE_ID || !env.CLOUDFLARE_API_TOKEN) {
      return reply(500, { error: 'the Worker is not configured: set ACME_SECRET, CLOUDFLARE_ZONE_ID and CLOUDFLARE_API_TOKEN' });
    }
    if (!(await sameSecret(request.headers.get('x-acme-secret') ?? '', env.ACME_SECRET))) {
      return reply(401, { error: 'wrong or missing x-acme-secret' });
    }

    let body;
    try {
      body = await request.json();
    } catch {
      return reply(400, { error: 'the body must be JSON: {"name": "example.com", "value": "<token>"}' });
    }
    const { name, value } = body ?? {};
    if (typeof name !== 'string' || typeof value !== 'string' || name === '' || value === '') {
      return reply(400, { error: '`name` and `value` must be non-empty strings' });
    }
    // Accept "example.com", "example.com." and "_acme-challenge.example.com" alike.
    const domain = name.replace(/\.$/, '');
    const recordName = domain.toLowerCase().startsWith(PREFIX) ? domain : PREFIX + domain;

    const record = { type: 'TXT', name: recordName, content: quote(value), ttl: 60, comment: 'ACME DNS-01 challenge' };
    // Checked here first, so a bad name costs no request at all (batch() would refuse it too).
    const issues = validateRecord(record);
    if (issues.some((issue) => issue.severity === 'error')) {
      return reply(400, { error: `Cloudflare would refuse the TXT record for ${JSON.stringify(recordName)}`, issues });
    }

    const zone_id = env.CLOUDFLARE_ZONE_ID;
    const options = { apiToken: env.CLOUDFLARE_API_TOKEN, baseURL: env.CLOUDFLARE_API_BASE_URL || DEFAULT_API };
    try {
      const existing = await listTxt(zone_id, recordName, options);
      const result = await batch({ zone_id, deletes: existing.map((old) => ({ id: old.id })), posts: [record] }, options);
      return reply(200, { id: result.posts[0]?.id ?? null, name: recordName, deleted: result.deletes.length });
    } catch (err) {
      if (err instanceof ValidationError) return reply(400, { error: err.message, issues: err.issues });
      if (err instanceof ApiError) return reply(502, { error: err.message, status: err.status, errors: err.errors, rayId: err.rayId });
      return reply(502, { error: `${err?.name ?? 'Error'}: ${err?.message ?? err}` });
    }
  },
};

// The TXT records already at `name` (old challenges), through the Worker's own fetch. The batch
// endpoint cannot search, so this one GET comes first; the replace itself is atomic.
async function listTxt(zoneId, name, { apiToken, baseURL }) {
  const url = `${baseURL.replace(/\/+$/, '')}/zones/${encodeURIComponent(zoneId)}/dns_records?type=TXT&name=${encodeURIComponent(name)}&per_page=100`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${apiToken}`, accept: 'application/json' } });
  const text = await response.text();
  let envelope = null;
  try {
    envelope = JSON.parse(text);
  } catch {}
  if (!response.ok || !envelope?.success || !Array.isArray(envelope.result)) {
    throw new ApiError({
      message: `listing the TXT records at ${name} failed with HTTP ${response.status}`,
      code: 'api.list_failed',
      status: response.status,
      errors: envelope?.errors ?? [],
      messages: envelope?.messages ?? [],
      ray_id: response.headers.get('cf-ray'),
    });
  }
  return envelope.result.filter((record) => record.type === 'TXT' && typeof record.id === 'string');
}

// A TXT value is a quoted character-string; ACME values are base64url, but escape anyway.
function quote(value) {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

// Compares digests, so the time taken says nothing about how much of the secret matched.
async function sameSecret(given, expected) {
  const enc = new TextEncoder();
  const [a, b] = await Promise.all([crypto.subtle.digest('SHA-256', enc.encode(given)), crypto.subtle.digest('SHA-256', enc.encode(expected))]);
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
  return diff === 0;
}

function reply(status, value, headers = {}) {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', ...headers } });
}
