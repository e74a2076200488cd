// Zone sync planning for every entry: `plan` and `formatPlan`. Pure and synchronous; every decision
// is made in WebAssembly. As in api.js, the host's JSON.stringify makes the text, one string crosses
// into WebAssembly, and one string comes back for JSON.parse.

import { InternalError, ValidationError } from './errors.js';

export function createPlanApi(wasm, reset) {
  function call(fn, ...args) {
    try {
      return fn(...args);
    } catch (err) {
      if (err instanceof WebAssembly.RuntimeError || err instanceof RangeError) {
        try {
          reset();
        } catch {
          // Nothing better to do than report the first error.
        }
        throw new InternalError(`cf-dns-batch failed internally and recovered (${err.message})`, { cause: err });
      }
      throw err;
    }
  }

  function toText(value, what) {
    try {
      const text = JSON.stringify(value);
      return text === undefined ? 'null' : text;
    } catch (err) {
      const issue = { code: `plan.${what}.json`, pointer: `/${what}`, severity: 'error', message: `the ${what} records cannot be read as JSON: ${err.message}` };
      throw new ValidationError(`${issue.message}; nothing was planned`, [issue]);
    }
  }

  /**
   * Plans the change from `current` (records as listRecords gives them) to `desired` (records
   * shaped like posts). Never throws for bad input: problems are in `issues`, and an error leaves
   * `params` null.
   */
  function plan(current, desired, policy) {
    const policyText = policy === undefined || policy === null ? 'null' : toText(policy, 'policy');
    return JSON.parse(call(wasm.planJson, toText(current ?? [], 'current'), toText(desired ?? [], 'desired'), policyText));
  }

  /** The plan as text: `+`, `-`, `~` and `-/+` lines, then a summary line. */
  function formatPlan(planned) {
    const out = JSON.parse(call(wasm.formatPlanJson, toText(planned, 'plan')));
    if (!out.ok) throw new TypeError(`formatPlan takes what plan() returned: ${out.message}`);
    return out.text;
  }

  return { plan, formatPlan };
}
