// Records as Cloudflare stores and returns them: names fully qualified, content normalised, the
// response-only fields filled in. Pure JS with web APIs only (URL, TextEncoder, crypto), so the
// emulator runs in Node, Workers and browsers alike.

const utf8 = new TextEncoder();

/**
 * The per-kind facts the emulator needs, from the package's registry of kinds (the .wasm's
 * `recordKinds()`: `[{ name, shape, proxiable, priority, ... }]`), as sets of kind names.
 */
export function kindFacts(list) {
  const names = (keep) => new Set(list.filter(keep).map((k) => k.name));
  return {
    data: names((k) => k.shape === 'data'),
    hostname: names((k) => k.shape === 'hostname'),
    address: names((k) => k.shape === 'address'),
    text: names((k) => k.shape === 'text'),
    base64: names((k) => k.shape === 'base64'),
    proxiable: names((k) => k.proxiable),
    priority: names((k) => k.priority),
  };
}

export const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** 32 lowercase hex characters, like every id Cloudflare hands out. */
export function newId() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** RFC 3339 with microseconds, as Cloudflare writes them (`2026-11-27T03:56:01.123456Z`). */
export function timestamp() {
  const micros = Math.floor(((globalThis.performance?.now() ?? 0) % 1) * 1000);
  return new Date().toISOString().replace('Z', `${String(micros).padStart(3, '0')}Z`);
}

// Unicode labels become Punycode through the host's URL parser (UTS #46, the same mapping a browser
// uses). ASCII names skip it: the parser would also rewrite names that look like IPv4 (`1.2` -> `1.0.0.2`).
function toAscii(name) {
  if (!/[^\x00-\x7f]/.test(name)) return name.toLowerCase();
  try {
    return new URL(`http://${name}`).hostname;
  } catch {
    return name.toLowerCase();
  }
}

/** `@` -> the apex, `www` -> `www.example.com`, trailing dot stripped, lower case, Punycode. */
export function fqdn(name, zoneName) {
  if (name === '@') return zoneName;
  const ascii = toAscii(name.replace(/\.$/, ''));
  if (ascii === zoneName || ascii.endsWith(`.${zoneName}`)) return ascii;
  return `${ascii}.${zoneName}`;
}

/** The name filter of a listing compares against stored names, so it gets the same treatment minus expansion. */
export const filterName = (name) => toAscii(name.replace(/\.$/, ''));

// RFC 5952 text through the URL parser; it writes IPv4-mapped addresses in hex, RFC 5952 §5 prefers
// the dotted tail (`::ffff:192.0.2.1`).
function canonicalIpv6(ip) {
  let text;
  try {
    text = new URL(`http://[${ip}]`).hostname.slice(1, -1);
  } catch {
    return ip;
  }
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(text);
  if (!mapped) return text;
  const [hi, lo] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
  return `::ffff:${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

// "Content saved without quotes on a new record is quoted automatically", split into character
// strings of at most 255 bytes (Cloudflare's docs on TXT).
function quoteTxt(text) {
  const chunks = [];
  let chunk = '';
  let bytes = 0;
  for (const ch of text) {
    const size = utf8.encode(ch).length;
    if (bytes + size > 255) {
      chunks.push(chunk);
      chunk = '';
      bytes = 0;
    }
    chunk += ch;
    bytes += size;
  }
  chunks.push(chunk);
  return chunks.map((c) => `"${c.replace(/["\\]/g, '\\$&')}"`).join(' ');
}

/** RDATA size in wire format, for the 4,096-byte limit; only text (TXT) and base64 (OPENPGPKEY) contents can get near it. */
export function wireLength(record, kinds) {
  if (kinds.base64.has(record.type)) return Math.floor((record.content.replace(/=+$/, '').length * 3) / 4);
  if (!kinds.text.has(record.type)) return 0;
  const quoted = [...record.content.matchAll(/"((?:[^"\\]|\\.)*)"/gs)].map((m) => m[1]);
  const strings = quoted.length ? quoted : [record.content];
  let total = 0;
  for (const s of strings) {
    // `\DDD` and `\x` are one byte each; every 255 bytes need a length byte of their own.
    const bytes = utf8.encode(s.replace(/\\(\d{3}|.)/gs, 'x')).length;
    total += bytes + Math.max(1, Math.ceil(bytes / 255));
  }
  return total;
}

// The formatted `content` of a data kind. Cloudflare returns SRV as `weight port target` (priority
// is returned top level) and URI likewise without its top-level priority (UNCONFIRMED: the format
// for URI is inferred from SRV and MX). Other kinds use the package's own presentation form.
function formatData(toContent, type, view) {
  const d = isObject(view.data) ? view.data : {};
  if (type === 'SRV') return `${d.weight} ${d.port} ${d.target}`;
  if (type === 'URI') return `${d.weight} "${d.target}"`;
  try {
    const text = toContent?.({ type, name: view.name, data: d });
    if (typeof text === 'string') return text;
  } catch {
    // The presentation form is unavailable for this kind; fall back to a plain rendering below.
  }
  if (type === 'CAA') return `${d.flags} ${d.tag} "${d.value}"`;
  return Object.values(d).join(' ');
}

function contentOf(toContent, kinds, type, view, isNew) {
  if (kinds.data.has(type)) return formatData(toContent, type, view);
  const content = String(view.content ?? '');
  if (type === 'AAAA') return canonicalIpv6(content);
  if (type === 'TXT' && isNew && !content.trimStart().startsWith('"')) return quoteTxt(content);
  return content;
}

const sameList = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The stored (and returned) form of a record from its request form `view`. `previous` is the
 * record it replaces (PUT/PATCH), which keeps its id, `created_on` and unchanged *_modified_on stamps.
 */
export function makeRecord({ toContent, kinds, zone, view, previous, now, isNew }) {
  const type = String(view.type).toUpperCase();
  const record = { id: previous?.id ?? newId(), name: fqdn(String(view.name), zone.name), type };
  record.content = contentOf(toContent, kinds, type, view, isNew);
  if (kinds.priority.has(type)) record.priority = view.priority;
  // Cloudflare's SRV example also returns `priority` top level, equal to `data.priority`.
  else if (type === 'SRV' && isObject(view.data)) record.priority = view.data.priority;
  if (kinds.data.has(type)) record.data = structuredClone(isObject(view.data) ? view.data : {});
  record.proxiable = kinds.proxiable.has(type);
  record.proxied = view.proxied === true;
  record.ttl = view.ttl ?? 1;
  record.settings = structuredClone(isObject(view.settings) ? view.settings : {});
  record.meta = {};
  record.comment = typeof view.comment === 'string' ? view.comment : null;
  record.tags = Array.isArray(view.tags) ? [...view.tags] : [];
  if (kinds.address.has(type) && typeof view.private_routing === 'boolean') record.private_routing = view.private_routing;
  record.created_on = previous?.created_on ?? now;
  record.modified_on = now;
  if (record.comment !== null) {
    const kept = previous?.comment === record.comment && previous.comment_modified_on;
    record.comment_modified_on = kept ? previous.comment_modified_on : now;
  }
  if (record.tags.length) {
    const kept = previous && sameList(previous.tags, record.tags) && previous.tags_modified_on;
    record.tags_modified_on = kept ? previous.tags_modified_on : now;
  }
  return record;
}

/** A stored record back in request form: what a PATCH merges into and what gets validated. */
export function requestView(record, kinds) {
  const view = { type: record.type, name: record.name, ttl: record.ttl, proxied: record.proxied, comment: record.comment, tags: record.tags, settings: record.settings };
  if (record.private_routing !== undefined) view.private_routing = record.private_routing;
  if (kinds.data.has(record.type)) view.data = record.data;
  else view.content = record.content;
  if (kinds.priority.has(record.type)) view.priority = record.priority;
  return view;
}

/** PATCH: fields sent replace fields stored; `data` and `settings` merge one level deep. */
export function mergePatch(record, changes, kinds) {
  const view = { ...requestView(record, kinds), ...changes };
  if (isObject(record.data) && isObject(changes.data)) view.data = { ...record.data, ...changes.data };
  if (isObject(record.settings) && isObject(changes.settings)) view.settings = { ...record.settings, ...changes.settings };
  if (kinds.data.has(record.type)) delete view.content;
  return view;
}

/** Same type, name and value: what Cloudflare calls "an identical record". Host names compare case-insensitively. */
export function sameValue(a, b, kinds) {
  const value = (r) => (kinds.hostname.has(r.type) ? r.content.toLowerCase().replace(/\.$/, '') : r.content);
  return a.type === b.type && a.name === b.name && value(a) === value(b) && (a.priority ?? null) === (b.priority ?? null);
}
