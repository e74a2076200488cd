// Command-line arguments and help texts of `cf-dns-batch`. Only parsing: what a flag means is
// decided by the library, which receives the values as they are.
import { parseArgs } from 'node:util';

export const EXIT = { ok: 0, refused: 1, usage: 2, api: 3, internal: 4 };

const COMMON = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
};
const VALIDATION = {
  'zone-name': { type: 'string' },
  plan: { type: 'string' },
  strict: { type: 'boolean' },
  disable: { type: 'string', multiple: true },
};
const REMOTE = {
  zone: { type: 'string' },
  'base-url': { type: 'string' },
};
const SYNC = {
  ...VALIDATION,
  ...REMOTE,
  scope: { type: 'string' },
  ignore: { type: 'string', multiple: true },
  'max-delete-share': { type: 'string' },
  'max-update-share': { type: 'string' },
  force: { type: 'boolean' },
};

const ENVIRONMENT = `Environment:
  CLOUDFLARE_API_TOKEN      an API token with DNS Write on the zone (preferred)
  CLOUDFLARE_EMAIL, CLOUDFLARE_API_KEY
                            the legacy global API key, both together
  CLOUDFLARE_BASE_URL       the API address when --base-url is not given
  Credentials are read only from the environment, never from flags (flags show in \`ps\`).`;

const VALIDATION_HELP = `  --zone-name NAME          the zone's name, for @ and relative names (default: the file's $ORIGIN)
  --plan free|pro|business|enterprise
                            the zone's plan: limits follow it
  --strict                  RFC advice becomes errors
  --disable CODE            silence an issue code, or a family with \`txt.*\` (repeatable)`;

const SYNC_HELP = `  --zone ID                 the zone id (32 hex characters; required)
${VALIDATION_HELP}
  --scope desired|zone      desired (default): change only the names and types FILE mentions;
                            zone: make the whole zone equal to FILE (deletes everything else)
  --ignore PATTERN          never touch records whose name matches (\`*\` is a wildcard; repeatable)
  --max-delete-share N      the largest share of managed records a plan may delete (default 0.3)
  --max-update-share N      the largest share of managed records a plan may update (default 0.3)
  --force                   apply a plan over those shares
  --base-url URL            the API address (e.g. the emulator's), default Cloudflare's
  --json                    print the plan (and result) as JSON`;

export const COMMANDS = {
  validate: {
    options: { ...COMMON, ...VALIDATION },
    positionals: 1,
    help: `Usage: cf-dns-batch validate FILE [options]

Checks a zone file, a JSON array of records, or JSON batch params ({ posts, puts, patches, deletes })
without sending anything. Issues are printed as \`FILE:LINE:COL CODE SEVERITY: MESSAGE\`. A JSON file is
read as JSON when it ends in .json or starts with { or [; anything else is read as a zone file.

Options:
${VALIDATION_HELP}
  --json                    print { file, format, records, errors, warnings, issues } as JSON

Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage error.`,
  },
  plan: {
    options: { ...COMMON, ...SYNC },
    positionals: 1,
    help: `Usage: cf-dns-batch plan FILE --zone ID [options]

Lists the zone's records and prints the changes that would make them equal to FILE (a zone file or a
JSON array of records): \`+\` create, \`~\` update, \`-/+\` replace, \`-\` delete. Sends no change.

Options:
${SYNC_HELP}

${ENVIRONMENT}

Exit status: 0 planned (with or without changes), 1 the file or the plan is refused, 2 usage error,
3 API or connection error.`,
  },
  apply: {
    options: { ...COMMON, ...SYNC, yes: { type: 'boolean', short: 'y' } },
    positionals: 1,
    help: `Usage: cf-dns-batch apply FILE --zone ID [--yes] [options]

Plans as \`plan\` does, prints the plan, then applies it in one atomic batch. On a terminal it asks
first; with --yes it does not ask. Without --yes and without a terminal on stdin, nothing is applied.
What is applied is exactly the plan shown: if the zone changed meanwhile, the batch is refused whole.

Options:
  --yes, -y                 apply without asking
${SYNC_HELP}

${ENVIRONMENT}

Exit status: 0 applied or no changes, 1 the file or the plan is refused, or the apply was not
confirmed (nothing applied), 2 usage error, 3 API or connection error (a timeout or a lost connection
after sending may have applied the batch: plan again to see).`,
  },
  export: {
    options: { ...COMMON, ...REMOTE, format: { type: 'string' }, 'zone-name': { type: 'string' } },
    positionals: 0,
    help: `Usage: cf-dns-batch export --zone ID [--format zone|json] [options]

Prints every record of the zone: as a zone file (default; Cloudflare's import takes it, and
\`plan\`/\`apply\` read it back), or with --format json (or --json) as a JSON array of records.

Options:
  --zone ID                 the zone id (required)
  --zone-name NAME          the zone's name: written as $ORIGIN, so the file can be planned back
  --format zone|json        default zone
  --base-url URL            the API address (e.g. the emulator's), default Cloudflare's
  --json                    the same as --format json

${ENVIRONMENT}

Exit status: 0 ok, 1 a record cannot be written as a zone file, 2 usage error, 3 API or connection error.`,
  },
  emulator: {
    options: {
      ...COMMON,
      port: { type: 'string' },
      zone: { type: 'string' },
      'zone-id': { type: 'string' },
      plan: { type: 'string' },
      token: { type: 'string' },
      seed: { type: 'string' },
      latency: { type: 'string' },
      'rate-limit': { type: 'string' },
    },
    positionals: 0,
    help: `Usage: cf-dns-batch emulator [--port N] [--zone NAME] [--token T] [--seed FILE] [options]

Serves a local stand-in for Cloudflare's DNS records API over HTTP on 127.0.0.1, for this command
line, the official SDK or curl. Prints its base URL and zone id, then runs until SIGINT or SIGTERM.
State lives in memory only.

Options:
  --port N                  default 8787; 0 picks a free port
  --zone NAME               the zone's name (default example.com)
  --zone-id ID              the zone's id (default 023e105f4ecef8ad9ca31a8372d0c353)
  --plan free|pro|business|enterprise
                            the zone's plan (default enterprise)
  --token T                 accept only this bearer token (default: any non-empty token)
  --seed FILE               start with the records of a zone file or JSON array of records
  --latency MS              delay every answer
  --rate-limit N            answer 429 after N requests per 5 minutes
  --json                    print { base_url, zone_id, zone_name, records } as one JSON line

Exit status: 0 stopped by a signal, 1 the seed file has errors, 2 usage error (or the port is taken).`,
  },
};

export const MAIN_HELP = `Usage: cf-dns-batch COMMAND [options]

Validate, plan and apply Cloudflare DNS records from zone files or JSON, in one atomic batch.

Commands:
  validate FILE             check a zone file or JSON records/batch params; sends nothing
  plan FILE --zone ID       show the changes that would make the zone equal to FILE
  apply FILE --zone ID      make the zone equal to FILE in one atomic batch (asks first)
  export --zone ID          print the zone's records as a zone file or JSON
  emulator                  serve a local Cloudflare DNS API for testing

Options:
  --help, -h                help (also \`cf-dns-batch COMMAND --help\`)
  --version                 the package version
  --json                    machine-readable output, for every command

${ENVIRONMENT}

Exit status:
  0  ok (validated, planned, applied, or nothing to change)
  1  validation errors, a refused plan, or an apply not confirmed: nothing was applied
  2  usage error: unknown command or option, a missing argument, an unreadable file, missing credentials
  3  the API refused, or the connection failed or timed out
  4  internal error (please report it; CF_DNS_BATCH_DEBUG=1 shows the stack)`;

export class UsageError extends Error {
  constructor(message) {
    super(message);
    this.code = 'usage';
  }
}

/** `{ command, values, positionals }`; `command` is null for `--help`/`--version` at the top level. */
export function readArguments(argv) {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    if (first === 'help' && rest[0] && COMMANDS[rest[0]]) return { command: rest[0], values: { help: true }, positionals: [] };
    return { command: null, values: { help: true }, positionals: [] };
  }
  if (first === '--version' || first === '-v') return { command: null, values: { version: true }, positionals: [] };
  const spec = COMMANDS[first];
  if (!spec) throw new UsageError(`unknown command ${JSON.stringify(first)}; the commands are ${Object.keys(COMMANDS).join(', ')}`);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: spec.options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err.message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values, positionals } = parsed;
  if (!values.help) {
    if (positionals.length < spec.positionals) throw new UsageError(`${first} needs a FILE`);
    if (positionals.length > spec.positionals) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[spec.positionals])}`);
  }
  return { command: first, values, positionals };
}

/** A number flag: refused unless it reads as a finite number (NaN would otherwise reach the library as null). */
export function numberFlag(values, name, { integer = false, min = -Infinity, max = Infinity } = {}) {
  const text = values[name];
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    const what = integer ? 'a whole number' : 'a number';
    const range = max < Infinity ? ` from ${min} to ${max}` : min > -Infinity ? ` of at least ${min}` : '';
    throw new UsageError(`--${name} needs ${what}${range}, got ${JSON.stringify(text)}`);
  }
  return n;
}

/** A flag with a fixed set of values. */
export function choiceFlag(values, name, choices) {
  const value = values[name];
  if (value !== undefined && !choices.includes(value)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
  return value;
}
