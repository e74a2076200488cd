// Zone files: `parseZone` and `formatZone`. All the reading and writing happens in the WebAssembly
// module; this file checks the arguments, moves JSON text across once each way, and turns refusals
// into errors.

import { ConfigurationError, ValidationError } from './errors.js';
import { jsonText } from './boundary.js';

const MAX_TTL = 0x7fffffff;

/** Builds the zone-file API over an initialised wasm-bindgen module and the package's boundary. */
export function createZoneApi(wasm, boundary) {
  const { call } = boundary;

  function optionsText(options, allowed) {
    if (options === undefined || options === null) return '{}';
    if (typeof options !== 'object') throw new ConfigurationError('options must be an object', { code: 'options.type' });
    const { origin, defaultTtl } = options;
    if (origin !== undefined && origin !== null && typeof origin !== 'string') {
      throw new ConfigurationError('`origin` must be a domain name string, e.g. "example.com"', { code: 'options.origin.type' });
    }
    const out = { origin: origin ?? undefined };
    if (allowed.includes('defaultTtl') && defaultTtl !== undefined && defaultTtl !== null) {
      if (!Number.isInteger(defaultTtl) || defaultTtl < 0 || defaultTtl > MAX_TTL) {
        throw new ConfigurationError('`defaultTtl` must be a whole number of seconds, 0–2147483647', { code: 'options.default_ttl.type' });
      }
      out.defaultTtl = defaultTtl;
    }
    return JSON.stringify(out);
  }

  /** Reads zone-file text: `{ records, positions, issues }` (never throws for what the text holds). */
  function parseZone(text, options) {
    if (typeof text !== 'string') {
      const issue = { code: 'zone.argument', pointer: '', severity: 'error', message: `parseZone(text, options) takes the zone file as a string, got ${typeof text}` };
      throw new ValidationError(issue.message, [issue]);
    }
    return JSON.parse(call(wasm.parseZoneJson, text, optionsText(options, ['origin', 'defaultTtl'])));
  }

  /** Writes records as zone-file text, or throws a ValidationError naming every record it cannot write. */
  function formatZone(records, options) {
    const { text, issue } = jsonText(records, 'records');
    if (issue) throw new ValidationError(issue.message, [{ ...issue, code: 'zone.format.record' }]);
    const out = JSON.parse(call(wasm.formatZoneJson, text, optionsText(options, ['origin'])));
    if (!out.ok) {
      const first = out.issues[0];
      const more = out.issues.length > 1 ? ` (and ${out.issues.length - 1} more)` : '';
      throw new ValidationError(`cannot write the zone file: ${first.pointer || '(root)'}: ${first.message}${more}`, out.issues);
    }
    return out.text;
  }

  return { parseZone, formatZone };
}
