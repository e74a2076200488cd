#!/usr/bin/env node
// `cf-dns-batch`: validate, plan, apply and export Cloudflare DNS records from zone files or JSON,
// and serve the local emulator. A thin layer: it reads files and flags, prints, and asks; every
// decision about records, plans and requests is the library's.
//
// The library, imported in this one place only (through the Node entry).
import {
  batch,
  createEmulator,
  formatPlan,
  formatZone,
  listRecords,
  parseZone,
  sync,
  validateBatch,
  validateRecord,
  ApiError,
} from './zone/node.mjs';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { runEmulator } from './cli/emulator.mjs';
import { COMMANDS, EXIT, MAIN_HELP, UsageError, choiceFlag, numberFlag, readArguments } from './cli/usage.mjs';
import { placeIssues, readInput } from './cli/input.mjs';
import { Output, countIssues, issueLine, plural } from './cli/output.mjs';

const AUTH_HINT = 'Set CLOUDFLARE_API_TOKEN (an API token with DNS Write on the zone), or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY.';

// ---- validate ----------------------------------------------------------------------------------

async function validate(values, [file], out) {
  const input = readInput(file, { parseZone, origin: values['zone-name'] });
  const options = validationOptions(values);
  const issues = [...input.issues];
  let count = 0;
  if (input.format === 'batch') {
    count = ['deletes', 'patches', 'puts', 'posts'].reduce((n, k) => n + (Array.isArray(input.params[k]) ? input.params[k].length : 0), 0);
    issues.push(...placeIssues(input, validateBatch(input.params, options)));
  } else if (input.records) {
    count = input.records.length;
    const found = input.records.flatMap((record, i) => validateRecord(record, options).map((issue) => ({ ...issue, pointer: `/${i}${issue.pointer}` })));
    issues.push(...placeIssues(input, found));
  }
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const { errors, warnings } = countIssues(issues);
  if (out.json) {
    out.printJson({ file, format: input.format, records: count, errors, warnings, issues });
  } else {
    for (const issue of issues) out.print(issueLine(file, issue));
    const what = input.format === 'batch' ? plural(count, 'operation') : input.records ? plural(count, 'record') : 'not read';
    out.print(`${file}: ${what}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
  }
  return errors > 0 ? EXIT.refused : EXIT.ok;
}

// ---- plan and apply ----------------------------------------------------------------------------

async function planOrApply(values, [file], out, apply) {
  const zoneId = requireZone(values);
  const input = readInput(file, { parseZone, origin: values['zone-name'] });
  if (input.format === 'batch') throw new UsageError(`${file} holds batch params; plan and apply take the desired records: a zone file or a JSON array of records`);
  const readErrors = input.issues.filter((i) => i.severity === 'error');
  if (!out.json) for (const issue of input.issues) out.note(issueLine(file, issue));
  if (readErrors.length) {
    // Planning without the records that could not be read could delete their live counterparts.
    const refused = new UsageError(`${file} has ${plural(readErrors.length, 'error')}; nothing was planned`);
    refused.code = 'file.invalid';
    refused.issues = input.issues;
    return out.fail(refused, undefined, EXIT.refused);
  }
  const options = { ...clientOptions(values, out), ...policy(values, input.origin) };
  let planned;
  let result = null;
  try {
    if (apply && values.yes) {
      ({ plan: planned, result } = await sync(zoneId, input.records, options));
    } else {
      ({ plan: planned } = await sync(zoneId, input.records, { ...options, dryRun: true }));
    }
  } catch (err) {
    if (err?.name === 'ValidationError' && err.plan) {
      if (out.json) {
        out.printJson(planJson(file, input, zoneId, err.plan, { applied: false, refused: err.message }));
        return EXIT.refused;
      }
      printPlan(out, file, input, err.plan);
      return out.fail(err, refusalHint(err.plan.issues));
    }
    throw err;
  }
  if (!out.json) printPlan(out, file, input, planned);
  if (!apply || planned.changes.length === 0) {
    if (out.json) out.printJson(planJson(file, input, zoneId, planned, { applied: false }));
    return EXIT.ok;
  }
  if (!values.yes) {
    // With --json the plan is on stdout only at the end; the person asked sees it on stderr.
    if (out.json && process.stdin.isTTY) out.note(formatPlan(planned).trimEnd());
    const refusal = await confirmApply(out, zoneId, planned);
    if (refusal) {
      if (out.json) out.printJson(planJson(file, input, zoneId, planned, { applied: false, refused: refusal }));
      out.note(`${refusal}; nothing was applied.`);
      return EXIT.refused;
    }
    result = await applyConfirmed(planned, options, out);
  }
  if (out.json) out.printJson(planJson(file, input, zoneId, planned, { applied: true, result }));
  else out.print(`Applied ${plural(planned.summary.operations, 'operation')} to zone ${zoneId} in one atomic batch.`);
  return EXIT.ok;
}

// The plan confirmed is the plan applied: its params go to batch() as they are. The listing, the
// plan and the batch are sync()'s; only the wait for an answer sits between them. A zone changed
// meanwhile makes the atomic batch fail whole (a record gone, an identical record posted).
async function applyConfirmed(planned, options, out) {
  out.progress(`applying ${plural(planned.summary.operations, 'operation')} in one batch…`);
  try {
    return await batch(planned.params, options);
  } catch (err) {
    if (err instanceof ApiError && err.status >= 400 && err.status < 500 && ![401, 403, 429].includes(err.status)) {
      const again = new ApiError({ message: `${err.message}; nothing was applied (the batch is atomic). The zone may have changed since it was listed: plan again`, code: err.code, status: err.status, errors: err.errors, messages: err.messages, ray_id: err.rayId });
      again.replan = true;
      throw again;
    }
    throw err;
  }
}

function refusalHint(issues) {
  const refused = (prefix) => issues.some((i) => i.severity === 'error' && i.code.startsWith(prefix));
  if (refused('plan.zone.unknown')) return "Give the zone's name with --zone-name (or a $ORIGIN line in a zone file).";
  if (refused('plan.safety.')) return 'A plan over the safety shares needs --force (or a larger --max-delete-share / --max-update-share).';
  return undefined;
}

/** Null when confirmed, else why not. */
async function confirmApply(out, zoneId, planned) {
  if (!process.stdin.isTTY) return 'stdin is not a terminal, so there is no one to confirm: run again with --yes to apply';
  const question = `Apply ${plural(planned.summary.operations, 'operation')} to zone ${zoneId}? Type "yes" to apply: `;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await new Promise((resolve) => {
    rl.once('close', () => resolve(null));
    rl.on('SIGINT', () => rl.close());
    rl.question(question, resolve);
  });
  rl.close();
  return /^\s*y(es)?\s*$/i.test(answer ?? '') ? null : 'not confirmed';
}

const filePointer = (p) => (p.startsWith('/desired/') ? p.slice('/desired'.length) : null);

/** The plan's issues (at their FILE:LINE:COL) on stderr, the plan itself on stdout. */
function printPlan(out, file, input, planned) {
  for (const issue of placeIssues(input, planned.issues, filePointer)) out.note(issueLine(file, issue));
  let text = null;
  try {
    text = formatPlan(planned).trimEnd();
  } catch {
    // A refused plan may have nothing to show; its issues say why.
  }
  if (text) out.print(text);
}

function planJson(file, input, zoneId, planned, { applied, result = null, refused }) {
  const issues = [...input.issues, ...placeIssues(input, planned.issues, filePointer)];
  const out = { file, zone_id: zoneId, plan: { ...planned, issues }, applied, result };
  if (refused) out.refused = refused;
  return out;
}

// ---- export ------------------------------------------------------------------------------------

async function exportZone(values, _positionals, out) {
  const zoneId = requireZone(values);
  let format = choiceFlag(values, 'format', ['zone', 'json']) ?? (values.json ? 'json' : 'zone');
  if (values.json && format !== 'json') throw new UsageError('--json prints JSON; it cannot be combined with --format zone');
  const records = await listRecords(zoneId, clientOptions(values, out));
  out.clearProgress();
  const origin = values['zone-name'] ?? records.find((r) => typeof r.zone_name === 'string')?.zone_name;
  let text;
  try {
    text = formatZone(records, { origin });
  } catch (err) {
    if (err?.name !== 'ValidationError') throw err;
    for (const issue of err.issues) {
      const record = records[Number(/^\/(\d+)/.exec(issue.pointer)?.[1])];
      out.note(`${record ? `${record.type} ${record.name} (${record.id})` : issue.pointer}: ${issue.code} ${issue.message}`);
    }
    throw err;
  }
  if (format === 'zone') {
    out.stdout.write(out.redact(text.endsWith('\n') ? text : `${text}\n`));
    return EXIT.ok;
  }
  // JSON is the zone file read back, so both formats hold exactly the same records, in post shape.
  out.printJson(parseZone(text, { origin }).records);
  return EXIT.ok;
}

// ---- shared ------------------------------------------------------------------------------------

function requireZone(values) {
  if (!values.zone) throw new UsageError('--zone ID is required (the zone id, 32 hex characters)');
  return values.zone;
}

function validationOptions(values) {
  const options = {};
  if (values.plan !== undefined) options.plan = values.plan;
  if (values.strict) options.strict = true;
  if (values.disable) options.disable = values.disable;
  return options;
}

function policy(values, zoneName) {
  const out = { ...validationOptions(values) };
  if (zoneName) out.zone = zoneName;
  const scope = choiceFlag(values, 'scope', ['desired', 'zone']);
  if (scope) out.scope = scope;
  if (values.ignore) out.ignore = values.ignore;
  const maxDeleteShare = numberFlag(values, 'max-delete-share');
  const maxUpdateShare = numberFlag(values, 'max-update-share');
  if (maxDeleteShare !== undefined) out.maxDeleteShare = maxDeleteShare;
  if (maxUpdateShare !== undefined) out.maxUpdateShare = maxUpdateShare;
  if (values.force) out.force = true;
  return out;
}

/** Credentials from the environment only; the library checks them. A progress line counts pages. */
function clientOptions(values, out) {
  const env = process.env;
  const options = {};
  if (env.CLOUDFLARE_API_TOKEN) options.apiToken = env.CLOUDFLARE_API_TOKEN;
  else if (env.CLOUDFLARE_EMAIL || env.CLOUDFLARE_API_KEY) {
    options.apiEmail = env.CLOUDFLARE_EMAIL;
    options.apiKey = env.CLOUDFLARE_API_KEY;
  }
  const baseURL = values['base-url'] ?? (env.CLOUDFLARE_BASE_URL || undefined);
  if (baseURL !== undefined) options.baseURL = baseURL;
  let pages = 0;
  options.fetch = (url, init) => {
    if ((init?.method ?? 'GET') === 'GET') out.progress(`listing the zone's records: page ${++pages}…`);
    else out.progress('sending the batch…');
    return fetch(url, init);
  };
  return options;
}

function hintFor(err) {
  if (/^options\.(auth|api_token|api_email|api_key)/.test(err?.code ?? '')) return AUTH_HINT;
  if (err instanceof UsageError) return 'Run `cf-dns-batch --help` for usage.';
  return undefined;
}

function version() {
  return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
}

const RUN = {
  validate,
  plan: (values, positionals, out) => planOrApply(values, positionals, out, false),
  apply: (values, positionals, out) => planOrApply(values, positionals, out, true),
  export: exportZone,
  emulator: (values, _positionals, out) => runEmulator(values, out, { createEmulator, parseZone }),
};

async function main(argv) {
  const env = process.env;
  const out = new Output({ json: argv.includes('--json'), secrets: [env.CLOUDFLARE_API_TOKEN, env.CLOUDFLARE_API_KEY, env.CLOUDFLARE_EMAIL] });
  try {
    const { command, values, positionals } = readArguments(argv);
    if (values.version) {
      if (out.json) out.printJson({ version: version() });
      else out.print(version());
      return EXIT.ok;
    }
    if (values.help) {
      out.print(command ? COMMANDS[command].help : MAIN_HELP);
      return EXIT.ok;
    }
    return await RUN[command](values, positionals, out);
  } catch (err) {
    return out.fail(err, hintFor(err));
  }
}

const status = await main(process.argv.slice(2));
if (status !== null) process.exitCode = status;
