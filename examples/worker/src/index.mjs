// ACME DNS-01 challenge responder: a Worker that an ACME client's hooks call to publish, and later
// remove, its `_acme-challenge` TXT value. Other TXT values at the name stay: a certificate for
// both `example.com` and `*.example.com` has two challenges at the same name, and both must be
// there when the CA looks.
//
//   POST   /acme-challenge   publish: add the value (if it is not there yet)
//   DELETE /acme-challenge   clean up: remove this value only
//   x-acme-secret: <ACME_SECRET>
//   {"name": "example.com", "value": "<key authorization digest>"}
//
//   200 {"name": "_acme-challenge.example.com", "added": 1, "removed": 0, "kept": 1, "id": "<new record id>"}
//   400 {"error": "...", "issues": [...]}   the record would be refused (nothing was changed)
//   401 wrong or missing secret;  502 Cloudflare's API refused or failed (nothing was changed)
//
// Each change is planned with `plan` (which compares TXT values as DNS does: quoting and splitting
// do not matter) and sent as ONE atomic batch.
//
// Bindings (wrangler.toml): CLOUDFLARE_ZONE_ID and ACME_SECRET, CLOUDFLARE_API_TOKEN (a secret, with
// DNS Write permission on the zone), optional CLOUDFLARE_API_BASE_URL (a local emulator in tests).
import { batch, listRecords, plan, validateRecord, ApiError, ValidationError } from 'cf-dns-batch/zone';

const DEFAULT_API = 'https://api.cloudflare.com/client/v4';
const PREFIX = '_acme-challenge.';

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname !== '/acme-challenge') return reply(404, { error: 'not found' });
    if (request.method !== 'POST' && request.method !== 'DELETE') return reply(405, { error: 'use POST to publish, DELETE to clean up' }, { allow: 'POST, DELETE' });
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

    const zoneId = env.CLOUDFLARE_ZONE_ID;
    const options = { apiToken: env.CLOUDFLARE_API_TOKEN, baseURL: env.CLOUDFLARE_API_BASE_URL || DEFAULT_API };
    try {
      // The TXT records at this one name (not the whole zone): the plan manages exactly these.
      const current = await listRecords(zoneId, { ...options, type: 'TXT', name: recordName });
      const desired = request.method === 'POST' ? [...current.map(keep), record] : others(current, record);
      // scope 'zone' over a listing of one name and type: what `desired` leaves out is deleted,
      // and nothing else in the zone is looked at. A value already there plans no change.
      const planned = plan(current, desired, { scope: 'zone', zoneId });
      const blocking = planned.issues.filter((i) => i.severity === 'error');
      if (blocking.length) return reply(400, { error: 'the change was refused before sending', issues: blocking });
      const { summary } = planned;
      let id = null;
      if (planned.changes.length > 0) {
        const result = await batch(planned.params, options);
        id = result.posts[0]?.id ?? null;
      }
      return reply(200, { name: recordName, added: summary.create, removed: summary.delete, kept: summary.unchanged, id });
    } catch (err) {
      if (err instanceof ValidationError) return reply(400, { error: err.message, issues: err.issues });
      if (err instanceof ApiError) return reply(502, { error: err.message, status: err.status, errors: err.errors, rayId: err.rayId });
      return reply(502, { error: `${err?.name ?? 'Error'}: ${err?.message ?? err}` });
    }
  },
};

/** A listed record as a desired one: its value only, so keeping it never patches its TTL or comment. */
function keep(listed) {
  return { type: listed.type, name: listed.name, content: listed.content };
}

/**
 * The listed records other than `mine`. Which one is `mine` is asked of `plan` (it compares TXT by
 * character-strings: `"abc"` and `abc` are one value): planned towards `[mine]` alone, the record
 * holding that value is the one left unchanged; every other record appears in a change (deleted, or
 * patched into `mine` when `mine` is not there at all). Nothing is sent from this plan.
 */
function others(current, mine) {
  const probe = plan(current, [keep(mine)], { scope: 'zone', force: true });
  const changed = new Set(probe.changes.map((c) => c.id));
  return current.filter((r) => changed.has(r.id)).map(keep);
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
