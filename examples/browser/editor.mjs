// A DNS record editor with no framework and no build step. The package's browser entry fetches and
// instantiates the .wasm beside it, then every keystroke is validated locally with validateRecord();
// each issue is shown beside the field its JSON pointer names (`/data/port` -> the port input).
import { batch, toContent, validateRecord, ApiError, ConnectionError, ValidationError } from '../../pkg/src/browser.mjs';

// Field kinds: `int` and `num` (decimal) inputs send a number when the text is one, and the text
// itself otherwise, so the validator can say what is wrong with it; left empty, they are left out.
// `text` sends the string as typed; `select` one of `options`.
const int = (key, label, example, hint) => ({ key, label, kind: 'int', example, hint });
const num = (key, label, example, hint) => ({ key, label, kind: 'num', example, hint });
const text = (key, label, example, hint, wide = false) => ({ key, label, kind: 'text', example, hint, wide });
const select = (key, label, options, example) => ({ key, label, kind: 'select', options, example });

/** The 21 kinds: their value field(s), an example record to start from, and which extras they take. */
const KINDS = {
  A: { name: 'www.example.com', content: text('content', 'IPv4 address', '192.0.2.1'), proxied: true },
  AAAA: { name: 'www.example.com', content: text('content', 'IPv6 address', '2001:db8::1'), proxied: true },
  CAA: {
    name: 'example.com',
    data: [int('flags', 'Flags', 0, '0, or 128 = critical'), select('tag', 'Tag', ['issue', 'issuewild', 'iodef', 'issuemail', 'issuevmc'], 'issue'), text('value', 'Value', 'letsencrypt.org', 'CA domain, or mailto:/https: URL for iodef', true)],
  },
  CERT: {
    name: 'cert.example.com',
    data: [int('type', 'Certificate type', 1, '1 PKIX, 3 PGP, …'), int('key_tag', 'Key tag', 12345), int('algorithm', 'Algorithm', 8), text('certificate', 'Certificate (base64)', 'MIIBCqzCjbK+t7QrqhywJD1AHMtOP85E17AoeaUnmarf9UFSLYgiWYsvpmT51RVsAMkkgF11w4aL1Wwqy4HTfg==', '', true)],
  },
  CNAME: { name: 'www.example.com', content: text('content', 'Target host name', 'origin.example.net'), proxied: true },
  DNSKEY: {
    name: 'example.com',
    data: [int('flags', 'Flags', 257, '256 ZSK, 257 KSK'), int('protocol', 'Protocol', 3, 'always 3'), int('algorithm', 'Algorithm', 13, '13 = ECDSA P-256'), text('public_key', 'Public key (base64)', 'H0D8ktokFpR1CXnubPWC8tXX0o4YM13gWrxU0FYOD1NSZ3aIIu5iTUj84V7FynnL1gLLf0whV6UWVWmR8i74xw==', '', true)],
  },
  DS: {
    name: 'sub.example.com',
    data: [int('key_tag', 'Key tag', 2371), int('algorithm', 'Algorithm', 13), int('digest_type', 'Digest type', 2, '2 = SHA-256'), text('digest', 'Digest (hex)', 'A1FCE4363854FF888CFF4B8E7875D600C2682390412A8CF79B37D0B11148B0FA', '', true)],
  },
  HTTPS: {
    name: 'example.com',
    data: [int('priority', 'Priority', 1, '0 = alias mode'), text('target', 'Target', '.', '“.” = this name'), text('value', 'Parameters', 'alpn="h3,h2" port=443', 'SvcParams, e.g. alpn="h3,h2"', true)],
  },
  LOC: {
    name: 'office.example.com',
    data: [
      int('lat_degrees', 'Latitude °', 52), int('lat_minutes', "′", 22), num('lat_seconds', '″', 23.5), select('lat_direction', 'N/S', ['N', 'S'], 'N'),
      int('long_degrees', 'Longitude °', 4), int('long_minutes', "′", 53), num('long_seconds', '″', 32), select('long_direction', 'E/W', ['E', 'W'], 'E'),
      num('altitude', 'Altitude (m)', -2), num('size', 'Size (m)', 1), num('precision_horz', 'Horiz. precision (m)', 10000), num('precision_vert', 'Vert. precision (m)', 10),
    ],
  },
  MX: { name: 'example.com', content: text('content', 'Mail server', 'mx1.example.net'), priority: 10 },
  NAPTR: {
    name: 'example.com',
    data: [int('order', 'Order', 100), int('preference', 'Preference', 10), text('flags', 'Flags', 'S', 'S, A, U or P'), text('service', 'Service', 'SIP+D2U'), text('regex', 'Regex', '', 'empty when a replacement is given'), text('replacement', 'Replacement', '_sip._udp.example.com', '', true)],
  },
  NS: { name: 'sub.example.com', content: text('content', 'Name server', 'ns1.example.net') },
  OPENPGPKEY: {
    name: 'c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6._openpgpkey.example.com',
    content: text('content', 'Public key (base64)', 'xjMEZQAAABZI+xCxXz1EoJ3ILQKwZYHgwMaUeMn9LPj5CTZZAZoWh7rs27OMnnKxIWncQUg=', '', true),
  },
  PTR: { name: '1.2.0.192.in-addr.arpa', content: text('content', 'Host name', 'host.example.com') },
  SMIMEA: {
    name: 'c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6._smimecert.example.com',
    data: [int('usage', 'Usage', 3), int('selector', 'Selector', 1), int('matching_type', 'Matching type', 1), text('certificate', 'Certificate data (hex)', '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881', '', true)],
  },
  SRV: {
    name: '_sip._tcp.example.com',
    data: [int('priority', 'Priority', 10), int('weight', 'Weight', 5), int('port', 'Port', 5060), text('target', 'Target host', 'sip.example.com', '', true)],
  },
  SSHFP: {
    name: 'host.example.com',
    data: [int('algorithm', 'Algorithm', 4, '4 = Ed25519'), int('type', 'Fingerprint type', 2, '2 = SHA-256'), text('fingerprint', 'Fingerprint (hex)', '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881', '', true)],
  },
  SVCB: {
    name: '_dns.resolver.example.com',
    data: [int('priority', 'Priority', 1, '0 = alias mode'), text('target', 'Target', 'doh.example.net', '', true), text('value', 'Parameters', 'alpn=h2 port=8443', 'SvcParams', true)],
  },
  TLSA: {
    name: '_443._tcp.www.example.com',
    data: [int('usage', 'Usage', 3, '3 = DANE-EE'), int('selector', 'Selector', 1, '1 = public key'), int('matching_type', 'Matching type', 1, '1 = SHA-256'), text('certificate', 'Certificate data (hex)', '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881', '', true)],
  },
  TXT: { name: '_dmarc.example.com', content: text('content', 'Text (quoted strings)', '"v=DMARC1; p=none"', 'each "…" string up to 255 bytes', true) },
  URI: { name: '_ftp._tcp.example.com', data: [int('weight', 'Weight', 1), text('target', 'Target URI', 'ftp://ftp.example.com/public', '', true)], priority: 10 },
};

const $ = (id) => document.getElementById(id);
const form = $('record');
const typeSelect = $('type');
const nameInput = $('name');
const ttlInput = $('ttl');
const priorityInput = $('priority');
const proxiedInput = $('proxied');
const commentInput = $('comment');
const valueFields = $('value-fields');
const otherIssues = $('other-issues');
const sendButton = $('send-button');
const result = $('result');

const params = new URLSearchParams(location.search);
$('api').value = params.get('api') ?? 'https://api.cloudflare.com/client/v4';
$('zone-id').value = params.get('zone') ?? '';

for (const kind of Object.keys(KINDS)) typeSelect.add(new Option(kind, kind));
typeSelect.value = KINDS[params.get('type')] ? params.get('type') : 'A';
ttlInput.value = '1';
let nameEdited = false;
nameInput.addEventListener('input', () => (nameEdited = true));

/** Builds the form for the chosen kind, filled with its example (the name too, unless edited). */
function showKind(kind) {
  const spec = KINDS[kind];
  if (!nameEdited) nameInput.value = spec.name;
  for (const el of document.querySelectorAll('[data-only]')) el.hidden = !spec[el.dataset.only];
  if (spec.priority !== undefined) priorityInput.value = String(spec.priority);
  if (!spec.proxied) proxiedInput.checked = false;
  $('value-legend').textContent = spec.content ? `${kind} content` : `${kind} data`;
  valueFields.replaceChildren(...(spec.content ? [fieldFor({ ...spec.content, wide: true }, '/content')] : spec.data.map((f) => fieldFor(f, `/data/${f.key}`))));
  update();
}

function fieldFor(spec, pointer) {
  const id = `f-${pointer.slice(1).replace('/', '-')}`;
  const label = document.createElement('label');
  label.className = `field${spec.wide ? ' wide' : ''}`;
  label.htmlFor = id;
  const caption = document.createElement('span');
  caption.className = 'label';
  caption.textContent = spec.label;
  if (spec.hint) {
    const hint = document.createElement('small');
    hint.textContent = ` ${spec.hint}`;
    caption.append(hint);
  }
  let input;
  if (spec.kind === 'select') {
    input = document.createElement('select');
    for (const option of spec.options) input.add(new Option(option, option));
  } else {
    input = document.createElement('input');
    input.spellcheck = false;
    if (spec.kind === 'int') input.inputMode = 'numeric';
    if (spec.kind === 'num') input.inputMode = 'decimal';
  }
  input.id = id;
  input.name = pointer;
  input.dataset.pointer = pointer;
  input.dataset.kind = spec.kind;
  input.value = String(spec.example);
  const issue = document.createElement('span');
  issue.className = 'issue';
  issue.dataset.issueFor = pointer;
  issue.setAttribute('aria-live', 'polite');
  label.append(caption, input, issue);
  return label;
}

// A number when the text is one; the text as typed otherwise (the validator names the problem).
function numberOrText(raw) {
  const t = raw.trim();
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : raw;
}

/** The record as the batch would post it. Empty optional inputs are left out. */
function readRecord() {
  const kind = typeSelect.value;
  const spec = KINDS[kind];
  const record = { type: kind, name: nameInput.value };
  if (ttlInput.value.trim() !== '') record.ttl = numberOrText(ttlInput.value);
  if (spec.proxied) record.proxied = proxiedInput.checked;
  if (spec.priority !== undefined && priorityInput.value.trim() !== '') record.priority = numberOrText(priorityInput.value);
  const data = {};
  for (const input of valueFields.querySelectorAll('[data-pointer]')) {
    if (spec.content) {
      record.content = input.value;
    } else if (input.dataset.kind === 'int' || input.dataset.kind === 'num') {
      if (input.value.trim() !== '') data[input.dataset.pointer.slice('/data/'.length)] = numberOrText(input.value);
    } else {
      data[input.dataset.pointer.slice('/data/'.length)] = input.value;
    }
  }
  if (!spec.content) record.data = data;
  if (commentInput.value !== '') record.comment = commentInput.value;
  return record;
}

let current = { record: null, errors: 0 };

/** Validates and redraws issues and previews. Runs on every `input` event. */
function update() {
  const record = readRecord();
  const issues = validateRecord(record);
  showIssues(issues, '');
  const errors = issues.filter((i) => i.severity === 'error').length;
  current = { record, errors };

  $('json').textContent = JSON.stringify(record, null, 2);
  const zone = $('zone');
  if (errors) {
    zone.textContent = `; ${errors} ${errors === 1 ? 'issue blocks' : 'issues block'} this record`;
    zone.classList.add('blocked');
  } else {
    const owner = record.name === '@' ? '@' : `${record.name.replace(/\.$/, '')}.`;
    const ttl = record.ttl === 1 ? 300 : record.ttl;
    try {
      zone.textContent = `${owner}\t${ttl}\tIN\t${record.type}\t${toContent(record)}${record.ttl === 1 ? '\n; TTL 1 = automatic (300 s)' : ''}`;
      zone.classList.remove('blocked');
    } catch (err) {
      zone.textContent = `; no zone-file form: ${err.message}`;
      zone.classList.add('blocked');
    }
  }
  sendButton.disabled = errors > 0;
  $('send-hint').textContent = errors ? 'fix the issues first' : '';
}

/** Puts each issue beside the input its pointer names; the rest go in the list under the form. */
function showIssues(issues, prefix) {
  for (const el of form.querySelectorAll('.issue')) el.replaceChildren();
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  otherIssues.replaceChildren();
  for (const issue of issues) {
    const pointer = issue.pointer.slice(prefix.length);
    const slot = form.querySelector(`.issue[data-issue-for="${CSS.escape(pointer)}"]`);
    const item = document.createElement(slot ? 'span' : 'li');
    item.className = `msg ${issue.severity}`;
    item.dataset.code = issue.code;
    item.title = issue.code;
    if (slot && !slot.closest('[hidden]')) {
      item.append(...withCode(issue.message));
      slot.append(item);
      if (issue.severity === 'error') slot.parentElement.querySelector('input, select')?.setAttribute('aria-invalid', 'true');
    } else {
      item.append(...withCode(`${pointer || 'record'}: ${issue.message}`));
      otherIssues.append(item);
    }
  }
}

// Messages quote field names and values in `backticks`: show those as code (as text, never as HTML).
function withCode(message) {
  return message.split(/`([^`]*)`/).map((part, i) => {
    if (i % 2 === 0) return document.createTextNode(part);
    const code = document.createElement('code');
    code.textContent = part;
    return code;
  });
}

form.addEventListener('input', (event) => {
  if (event.target === typeSelect) return;
  update();
});
typeSelect.addEventListener('change', () => showKind(typeSelect.value));
form.addEventListener('submit', (event) => event.preventDefault());

$('send').addEventListener('submit', async (event) => {
  event.preventDefault();
  const { record, errors } = current;
  if (errors) return;
  sendButton.disabled = true;
  result.className = 'result pending';
  result.textContent = 'Sending…';
  try {
    const answer = await batch(
      { zone_id: $('zone-id').value.trim(), posts: [record] },
      { apiToken: $('token').value.trim(), baseURL: $('api').value.trim(), timeout: 15_000 },
    );
    const created = answer.posts[0];
    result.className = 'result ok';
    result.textContent = `Created ${created?.type ?? record.type} record ${created?.id ?? ''}`.trim();
  } catch (err) {
    result.className = 'result failed';
    if (err instanceof ValidationError) {
      showIssues(err.issues, '/posts/0');
      const elsewhere = err.issues.filter((i) => i.severity === 'error' && !i.pointer.startsWith('/posts/0'));
      result.textContent = `Not sent: ${elsewhere.map((i) => i.message).join('; ') || err.message}`;
    } else if (err instanceof ApiError) {
      result.textContent = `Cloudflare refused it (HTTP ${err.status}): ${err.errors.map((e) => `${e.code} ${e.message}`).join('; ') || err.message}`;
    } else if (err instanceof ConnectionError) {
      result.textContent = `${err.message}. From a web page this is often CORS: Cloudflare's API does not answer pages on other origins; send through your own proxy.`;
    } else {
      result.textContent = `${err.name}: ${err.message}`;
    }
  } finally {
    sendButton.disabled = current.errors > 0;
  }
});

showKind(typeSelect.value);
document.documentElement.dataset.ready = 'true';
