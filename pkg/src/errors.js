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
  constructor(message, issues) {
    super(message, { code: 'validation_failed' });
    this.issues = issues;
  }
}

/** The options are unusable (missing or malformed credentials, a bad baseURL, no fetch); nothing was sent. */
export class ConfigurationError extends CloudflareDnsError {}

/** The API answered with an error, or with something that is not a successful envelope. */
export class ApiError extends CloudflareDnsError {
  constructor({ message, code, status, errors = [], messages = [], ray_id = null }) {
    super(message, { code });
    this.status = status;
    this.errors = errors;
    this.messages = messages;
    this.rayId = ray_id ?? null;
  }
}

/** The request failed on the way (DNS, refused, reset). `sent` says whether it may have reached the API. */
export class ConnectionError extends CloudflareDnsError {
  constructor(message, { cause, sent }) {
    super(message, { code: 'connection_failed', cause });
    this.sent = sent;
  }
}

/** No answer within `timeout` ms. The batch may or may not have been applied. */
export class TimeoutError extends CloudflareDnsError {
  constructor(message) {
    super(message, { code: 'timeout' });
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
