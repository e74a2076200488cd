// Everything `cf-dns-batch` prints goes through here: credentials are masked in every line, the
// progress line appears only on a terminal, and errors become a code, a message and an exit status.
import { EXIT, UsageError } from './usage.mjs';

const MASK = '[redacted]';
// Masking a credential of one or two characters would garble every line that contains those
// characters; Cloudflare's tokens and keys are 37–40 characters, so only values of 4+ are masked.
const MIN_SECRET = 4;

export class Output {
  constructor({ json = false, secrets = [], stdout = process.stdout, stderr = process.stderr } = {}) {
    this.json = json;
    this.stdout = stdout;
    this.stderr = stderr;
    this.secrets = [];
    for (const s of secrets) this.addSecret(s);
    this.progressShown = false;
  }

  addSecret(value) {
    if (typeof value !== 'string' || value.length < MIN_SECRET) return;
    // Also the forms the value takes inside JSON text and URLs.
    for (const form of [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) if (!this.secrets.includes(form)) this.secrets.push(form);
    this.secrets.sort((a, b) => b.length - a.length);
  }

  redact(text) {
    let out = String(text);
    for (const secret of this.secrets) out = out.split(secret).join(MASK);
    return out;
  }

  /** A line (or lines) on stdout. */
  print(text = '') {
    this.clearProgress();
    this.stdout.write(`${this.redact(text)}\n`);
  }

  /** A value as one JSON document on stdout. */
  printJson(value) {
    this.print(JSON.stringify(value, null, 2));
  }

  /** A line on stderr (messages, warnings, prompts' context). */
  note(text) {
    this.clearProgress();
    this.stderr.write(`${this.redact(text)}\n`);
  }

  /** A transient status line on stderr, only when stderr is a terminal. */
  progress(text) {
    if (!this.stderr.isTTY) return;
    this.stderr.write(`\r\x1b[2K${this.redact(text)}`);
    this.progressShown = true;
  }

  clearProgress() {
    if (!this.progressShown) return;
    this.stderr.write('\r\x1b[2K');
    this.progressShown = false;
  }

  /**
   * Prints an error (as `{ error }` JSON on stdout with --json, else `cf-dns-batch: CODE: MESSAGE` on
   * stderr) and returns the exit status (`status`, or the error's). A stack only with CF_DNS_BATCH_DEBUG=1.
   */
  fail(err, hint, status = exitStatus(err)) {
    const code = err?.code ?? (status === EXIT.internal ? 'internal' : 'error');
    const message = err?.message ?? String(err);
    const details = Array.isArray(err?.errors) ? err.errors : [];
    if (this.json) {
      const error = { code, message };
      if (typeof err?.status === 'number') error.status = err.status;
      if (details.length) error.errors = details;
      if (err?.rayId) error.ray_id = err.rayId;
      if (err?.replan) error.replan = true;
      if (Array.isArray(err?.issues)) error.issues = err.issues;
      if (hint) error.hint = hint;
      this.printJson({ error });
    } else {
      this.note(`cf-dns-batch: ${code}: ${message}`);
      for (const e of details) this.note(`  ${e.code ?? ''} ${e.message ?? ''}${e.pointer ? ` at ${e.pointer}` : ''}`.trimEnd());
      if (err?.rayId) this.note(`  ray id ${err.rayId}`);
      if (hint) this.note(hint);
    }
    if (process.env.CF_DNS_BATCH_DEBUG === '1' && err?.stack) this.note(err.stack);
    return status;
  }
}

/** The documented exit status of an error (see `cf-dns-batch --help`). */
export function exitStatus(err) {
  if (err instanceof UsageError) return EXIT.usage;
  const name = err?.name;
  if (name === 'ConfigurationError') return EXIT.usage;
  if (name === 'ValidationError') return EXIT.refused;
  if (name === 'ApiError' || name === 'ConnectionError' || name === 'TimeoutError') return EXIT.api;
  if (name === 'AbortError') return EXIT.refused;
  return EXIT.internal;
}

/** `FILE:LINE:COL CODE SEVERITY: MESSAGE` (position left out when unknown). */
export function issueLine(file, issue) {
  const where = issue.line ? `${file}:${issue.line}:${issue.column}` : file;
  const pointer = issue.line || !issue.pointer ? '' : ` (at ${issue.pointer})`;
  return `${where} ${issue.code} ${issue.severity}: ${issue.message}${pointer}`;
}

export function countIssues(issues) {
  const errors = issues.filter((i) => i.severity === 'error').length;
  return { errors, warnings: issues.length - errors };
}

export const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
