// Every error this package throws is an `Error` subclass with a stable `code`. None of them ever
// holds a credential: messages are built from validation issues and API answers, and `toJSON`
// lists exactly the fields that are safe to log.

export class CloudflareDnsError extends Error {
  constructor(message, { code, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
  }

  get name() {
    return this.constructor.name;
  }

  toJSON() {
    const out = { name: this.name, code: this.code, message: this.message };
    for (const key of Object.keys(this)) if (!(key in out) && key !== 'cause') out[key] = this[key];
    return out;
  }
}

/** Validation found errors; nothing was sent. `issues` lists every issue (errors and warnings). */
export class ValidationError extends CloudflareDnsError {
  constructor(message, issues = []) {
    super(message, { code: 'validation_failed' });
    this.issues = Array.isArray(issues) ? issues : [];
  }
}

/** The options are unusable (missing or malformed credentials, a bad baseURL, no fetch); nothing was sent. */
export class ConfigurationError extends CloudflareDnsError {
  constructor(message, { code = 'options.invalid', cause } = {}) {
    super(message, { code, cause });
  }
}

/**
 * The API answered with an error, or with something that is not a successful envelope (or a
 * redirect, or an answer too large to read). `mayHaveBeenApplied` says whether the batch may have
 * been applied (a 5xx, or a success whose result could not be read); `retryAfter` is the wait in
 * ms a 429 asked for when it was beyond the retry policy.
 * Takes `(message, fields?)` or one object of fields (`{ message, code, status, errors, messages, ray_id }`).
 */
export class ApiError extends CloudflareDnsError {
  constructor(messageOrFields, fields = {}) {
    const f = typeof messageOrFields === 'string' ? { ...fields, message: messageOrFields } : { ...(messageOrFields ?? {}) };
    super(String(f.message ?? 'the API refused the request'), { code: f.code ?? 'api.unsuccessful' });
    this.status = f.status ?? 0;
    this.errors = Array.isArray(f.errors) ? f.errors : [];
    this.messages = Array.isArray(f.messages) ? f.messages : [];
    this.rayId = f.ray_id ?? f.rayId ?? null;
    this.mayHaveBeenApplied = f.mayHaveBeenApplied === true;
  }
}

/** The request failed on the way (DNS, refused, reset). `sent` says whether it may have reached the API. */
export class ConnectionError extends CloudflareDnsError {
  constructor(message, { cause, sent = true } = {}) {
    super(message, { code: 'connection_failed', cause });
    this.sent = sent;
  }
}

/** No answer within `timeout` ms. The batch may or may not have been applied. */
export class TimeoutError extends CloudflareDnsError {
  constructor(message, { cause } = {}) {
    super(message, { code: 'timeout', cause });
  }
}

/** The caller's `signal` aborted the call. */
export class AbortError extends CloudflareDnsError {
  constructor(message, { cause } = {}) {
    super(message, { code: 'aborted', cause });
  }
}

/** The WebAssembly module failed unexpectedly; it has been re-instantiated, so later calls work. */
export class InternalError extends CloudflareDnsError {
  constructor(message, { cause } = {}) {
    super(message, { code: 'internal', cause });
  }
}
