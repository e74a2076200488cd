// How the emulator answers like Cloudflare: the `{success, errors, messages, result}` envelope, and
// which Cloudflare error code stands for which problem. Codes come from the reference fact sheet
// (§4.2, issue reports quoting real API bodies); the ones no source showed are marked UNCONFIRMED.
//
// validateRecord issue code        -> Cloudflare code and message
// ---------------------------------   ------------------------------------------------------------
// record.name.*                       9000  "DNS name is invalid."
// record.proxied.not-proxiable        9004  "This record type cannot be proxied."
// a.content.*                         9005  "Content for A record must be a valid IPv4 address."
// aaaa.content.*                      9006  "Content for AAAA record must be a valid IPv6 address." UNCONFIRMED code
// *.wire-length (and the emulator's   9015  "Record content exceeds the allowed length of 4096 wire format bytes."
//   own wire-size check)
// record.ttl.range                    9021  "Invalid TTL. Must be between 60 and 86400 seconds, or 1 for automatic."
//                                           (30 on Enterprise; today's wording UNCONFIRMED)
// cname.content.self                  9039  "CNAME content cannot reference itself." (low confidence)
// txt.content.newline                 9051  "Content for TXT record is invalid." (code seen for a TXT newline)
// record.tags.plan, record.tags.count 9300  "DNS record has N tags, exceeding the quota of M."
// record.comment.length               9313  "DNS record comment is too long ..."  UNCONFIRMED code
// any other error-severity issue      1004  "DNS Validation Error: <the issue's message>"
//
// Emulator checks that are not validation issues:
// unknown id (delete/patch/put)       81044 "Record does not exist."
// A/AAAA beside a CNAME, or a CNAME   81053 "An A, AAAA, or CNAME record with that host already exists."
//   beside A/AAAA
// CNAME beside a CNAME                81054 "A CNAME record with that host already exists."
// same type, name and value           81058 "An identical record already exists."
// a record beside an NS below the apex 81056 "NS records with that host already exist." (an NS added
//   (or an NS beside others)                   beside other records: code and message UNCONFIRMED)
// TXT content at one name over 8,192  83011 "Combined content length of records with this name ..."
//   characters
// batch over the plan's size          81100 UNCONFIRMED: no source shows the real code or message
// type changed by PUT/PATCH           1004  UNCONFIRMED: only the deprecation (EOL 2026-06-30) is documented
// malformed JSON body                 9207  "Request body is invalid."
// no credentials / unknown token      10000 "Authentication error" (401 / 403)
// unknown route, unknown zone         7003  "Could not route to <path>, perhaps your object identifier is invalid?"
// method not allowed on a route       7001  "Method not allowed" (405; UNCONFIRMED status)
// over the rate limit                 10100 UNCONFIRMED (reports also quote 10000, 10300 and 971)
// injected 500                        10001 "Internal Server Error" UNCONFIRMED

/** A failure inside the emulator; `fetch` turns it into an error envelope. */
export class EmulatedFailure extends Error {
  constructor(status, code, message, pointer) {
    super(message);
    this.name = 'EmulatedFailure';
    this.status = status;
    this.code = code;
    this.pointer = pointer;
    this.headers = {}; // extra response headers (e.g. `allow` on a 405)
  }

  toEnvelope() {
    const error = { code: this.code, message: this.message };
    if (this.pointer !== undefined) error.source = { pointer: this.pointer };
    return failureEnvelope([error]);
  }
}

export const fail = (status, code, message, pointer) => new EmulatedFailure(status, code, message, pointer);

export function successEnvelope(result, extra = {}) {
  return { success: true, errors: [], messages: [], result, ...extra };
}

export function failureEnvelope(errors) {
  return { success: false, errors, messages: [], result: null };
}

// Rules are tried in order; a pattern ending in `.*` matches a family, one starting with `*.` a suffix.
const ISSUE_RULES = [
  ['record.name.*', 9000, () => 'DNS name is invalid.'],
  ['record.proxied.not-proxiable', 9004, () => 'This record type cannot be proxied.'],
  ['a.content.*', 9005, () => 'Content for A record must be a valid IPv4 address.'],
  ['aaaa.content.*', 9006, () => 'Content for AAAA record must be a valid IPv6 address.'],
  ['*.wire-length', 9015, () => WIRE_MESSAGE],
  ['record.ttl.range', 9021, ({ plan }) => `Invalid TTL. Must be between ${plan === 'enterprise' || !plan ? 30 : 60} and 86400 seconds, or 1 for automatic.`],
  ['cname.content.self', 9039, () => 'CNAME content cannot reference itself.'],
  ['txt.content.newline', 9051, () => 'Content for TXT record is invalid.'],
  ['record.tags.plan', 9300, tagQuota],
  ['record.tags.count', 9300, tagQuota],
  ['record.comment.length', 9313, commentTooLong],
];

export const WIRE_MESSAGE = 'Record content exceeds the allowed length of 4096 wire format bytes.';

function tagQuota({ plan, record }) {
  const count = Array.isArray(record.tags) ? record.tags.length : 0;
  return `DNS record has ${count} tags, exceeding the quota of ${plan === 'free' ? 0 : 20}.`;
}

function commentTooLong({ plan, record }) {
  const length = typeof record.comment === 'string' ? [...record.comment].length : 0;
  return `DNS record comment is too long: ${length} characters, exceeding the limit of ${plan === 'free' ? 100 : 500}.`;
}

function matches(pattern, code) {
  if (pattern.endsWith('.*')) return code.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*.')) return code.endsWith(pattern.slice(1));
  return pattern === code;
}

/**
 * The Cloudflare answer for a validation issue of `record` (checked for a zone on `plan`);
 * `at` is the operation's pointer (`/posts/3`), the issue's own pointer is appended to it.
 */
export function failureForIssue(issue, { plan, record, at }) {
  const pointer = `${at}${issue.pointer}`;
  for (const [pattern, code, message] of ISSUE_RULES) {
    if (matches(pattern, issue.code)) return fail(400, code, message({ plan, record }), pointer);
  }
  return fail(400, 1004, `DNS Validation Error: ${issue.message}`, pointer);
}
