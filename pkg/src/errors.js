// Every error this package throws is an `Error` subclass with a stable `code`. None of them ever
// holds a credential: messages are built from validation issues and API answers, and `toJSON`
// lists exactly the fields that are safe to log.
//
// One set of classes per process, whichever way the package is loaded: the ESM entries, the
// CommonJS bundles (dist/node.cjs, dist/zone.cjs, each with its own copy of this file) and the
// `/zone` subpath all take the classes from one registry on `globalThis`, so an error thrown
// through `import` is `instanceof` the class a `require` gave. The key carries the package
// version: another version in the same process keeps classes of its own.

// Kept equal to pkg/package.json's version (tests/js/entries.test.mjs checks it).
const ERRORS_VERSION = '0.1.0';
const REGISTRY = Symbol.for(`cf-dns-batch/errors@${ERRORS_VERSION}`);

function defineErrorClasses() {
  class CloudflareDnsError extends Error {
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
  class ValidationError extends CloudflareDnsError {
    constructor(message, issues = []) {
      super(message, { code: 'validation_failed' });
      this.issues = Array.isArray(issues) ? issues : [];
    }
  }

  /** The options are unusable (missing or malformed credentials, a bad baseURL, no fetch); nothing was sent. */
  class ConfigurationError extends CloudflareDnsError {
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
  class ApiError extends CloudflareDnsError {
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
  class ConnectionError extends CloudflareDnsError {
    constructor(message, { cause, sent = true } = {}) {
      super(message, { code: 'connection_failed', cause });
      this.sent = sent;
    }
  }

  /** No answer within `timeout` ms. The batch may or may not have been applied. */
  class TimeoutError extends CloudflareDnsError {
    constructor(message, { cause } = {}) {
      super(message, { code: 'timeout', cause });
    }
  }

  /** The caller's `signal` aborted the call. */
  class AbortError extends CloudflareDnsError {
    constructor(message, { cause } = {}) {
      super(message, { code: 'aborted', cause });
    }
  }

  /** The WebAssembly module failed unexpectedly; it has been re-instantiated, so later calls work. */
  class InternalError extends CloudflareDnsError {
    constructor(message, { cause } = {}) {
      super(message, { code: 'internal', cause });
    }
  }

  return { CloudflareDnsError, ValidationError, ConfigurationError, ApiError, ConnectionError, TimeoutError, AbortError, InternalError };
}

const classes = (globalThis[REGISTRY] ??= defineErrorClasses());

export const { CloudflareDnsError, ValidationError, ConfigurationError, ApiError, ConnectionError, TimeoutError, AbortError, InternalError } = classes;
