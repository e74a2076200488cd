// The one way into the WebAssembly module, for every export of the package: JSON text goes in as
// one string and comes back as one string. Three things are handled here, once:
// - a trap (a panic, an out-of-memory) poisons an instance: the module is re-instantiated and the
//   call reports an InternalError, so the calls after it work;
// - WebAssembly memory never shrinks: after a call that left the module's memory far beyond what
//   normal work needs, the module is re-instantiated between calls (never during one), so one huge
//   input does not keep its memory for the rest of the process;
// - text longer than the body limit never crosses: it is refused before the copy into the module.

import { InternalError } from './errors.js';

// A 3,500-record batch (the most any plan allows) peaks at a few MiB of module memory; 64 MiB is
// far beyond normal work and well below what a runaway input reaches (1e6 records: ~700 MiB).
export const MEMORY_RESET_BYTES = 64 * 1024 * 1024;

/**
 * `wasm` is the initialised wasm-bindgen module, `reset()` re-instantiates it, and `ready()` throws
 * when the module is not loaded yet (the manual entry).
 */
export function createBoundary(wasm, reset, ready = () => {}) {
  let depth = 0;
  let bodyLimit;
  // Counts re-instantiations: what a module kept between calls (a zone's listing) is gone with
  // its instance, and a keeper compares this to know.
  let generation = 0;

  function renew() {
    generation++;
    try {
      reset();
    } catch {
      // If even re-instantiation fails there is nothing better to do than report the first error.
    }
  }

  function call(fn, ...args) {
    ready();
    depth++;
    try {
      return fn(...args);
    } catch (err) {
      if (err instanceof WebAssembly.RuntimeError || err instanceof RangeError) {
        renew();
        throw new InternalError(`cf-dns-batch failed internally and recovered (${err.message})`, { cause: err });
      }
      throw err;
    } finally {
      depth--;
      // Between calls only: the answer has already been copied out of the module's memory.
      if (depth === 0 && typeof wasm.memoryBytes === 'function' && wasm.memoryBytes() > MEMORY_RESET_BYTES) renew();
    }
  }

  /**
   * The issues for JSON text too long to ever be sent, or null. A UTF-16 length over the byte limit
   * means at least that many UTF-8 bytes, so this never refuses text the module would accept; text
   * between the two is measured exactly by the module.
   */
  function oversize(text) {
    bodyLimit ??= call(wasm.bodyLimitBytes);
    return text.length > bodyLimit ? JSON.parse(call(wasm.oversizeIssueJson, text.length)) : null;
  }

  return { call, oversize, generation: () => generation };
}

// Large texts (a batch, a request body, an answer, a plan's two inputs) cross into the module as
// UTF-8 bytes, written by TextEncoder.encodeInto into scratch buffers kept between calls: ~0.03 ms
// for a 3,500-record batch, where wasm-bindgen's own string passing copies one character at a time
// (~1.2 ms). A call takes at most two texts, so there are two scratch buffers (`slot` 0 and 1). A
// scratch grown for a rare huge text is let go, so it does not stay for the rest of the process.
const encoder = new TextEncoder();
const SCRATCH_KEEP_BYTES = 8 * 1024 * 1024;
const SCRATCH_START_BYTES = 64 * 1024;
const scratch = [new Uint8Array(SCRATCH_START_BYTES), new Uint8Array(SCRATCH_START_BYTES)];

/**
 * `text` as UTF-8 bytes, in a view of scratch buffer `slot` that is valid until the next use of
 * that slot (the module copies it in when called).
 */
export function utf8(text, slot = 0) {
  // Room for one byte a character first (most JSON is ASCII); the rest, if the text is not all
  // ASCII, at up to 3 bytes a UTF-16 code unit. Never 3 bytes a character up front: for a text of
  // tens of MiB that would be a buffer three times its size.
  let buffer = scratch[slot];
  if (buffer.length < text.length) buffer = new Uint8Array(text.length);
  let { read, written } = encoder.encodeInto(text, buffer);
  if (read < text.length) {
    const grown = new Uint8Array(written + (text.length - read) * 3);
    grown.set(buffer.subarray(0, written));
    written += encoder.encodeInto(text.slice(read), grown.subarray(written)).written;
    buffer = grown;
  }
  scratch[slot] = buffer.length > SCRATCH_KEEP_BYTES ? new Uint8Array(SCRATCH_START_BYTES) : buffer;
  return buffer.subarray(0, written);
}

/**
 * JSON text of a value, or the issue saying why there is none (BigInt, a cycle, a throwing
 * `toJSON`): callers turn that into an issue list or a ValidationError, never a stray TypeError.
 */
export function jsonText(value, what, pointer = '') {
  try {
    const text = JSON.stringify(value);
    return { text: text === undefined ? 'null' : text };
  } catch (err) {
    return { issue: { code: `${what}.json`, pointer, severity: 'error', message: `the ${what} cannot be read as JSON: ${err?.message ?? err}` } };
  }
}

// A lone surrogate is not text: JSON.stringify writes it as an escape no parser turns back into a
// string, so it is caught here where the message can say so.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isWellFormed(text) {
  return typeof text.isWellFormed === 'function' ? text.isWellFormed() : !LONE_SURROGATE.test(text);
}
