// Zone sync planning for every entry: `plan` and `formatPlan`. Pure and synchronous; every decision
// is made in WebAssembly. As in api.js, the host's JSON.stringify makes the text, one string crosses
// into WebAssembly, and one string comes back for JSON.parse.

import { ValidationError } from './errors.js';
import { jsonText, utf8 } from './boundary.js';

export function createPlanApi(wasm, boundary) {
  const { call } = boundary;

  function toText(value, what) {
    const { text, issue } = jsonText(value, what, `/${what}`);
    if (issue) throw new ValidationError(`${issue.message}; nothing was planned`, [{ ...issue, code: `plan.${what}.json` }]);
    return text;
  }

  /**
   * Plans the change from `current` (records as listRecords gives them) to `desired` (records
   * shaped like posts). Never throws for bad input: problems are in `issues`, and an error leaves
   * `params` null.
   */
  function plan(current, desired, policy) {
    const policyText = policy === undefined || policy === null ? 'null' : toText(policy, 'policy');
    // Every text is made before the first utf8(): JSON.stringify may run a user's toJSON, which
    // could call the package and reuse a scratch slot.
    const currentText = toText(current ?? [], 'current');
    const desiredText = toText(desired ?? [], 'desired');
    return JSON.parse(call(wasm.planJson, utf8(currentText, 0), utf8(desiredText, 1), policyText));
  }

  /** The plan as text: `+`, `-`, `~` and `-/+` lines, then a summary line. */
  function formatPlan(planned) {
    const out = JSON.parse(call(wasm.formatPlanJson, toText(planned, 'plan')));
    if (!out.ok) {
      const issue = { code: 'plan.format.input', pointer: '', severity: 'error', message: `formatPlan takes what plan() returned: ${out.message}` };
      throw new ValidationError(issue.message, [issue]);
    }
    return out.text;
  }

  return { plan, formatPlan };
}
