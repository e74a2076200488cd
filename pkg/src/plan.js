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
    // A copy of each listed record a change shows, as the text that was planned reads it: the
    // plan shares no object with the caller's array. An array that is not plain (its own toJSON)
    // was planned as that text, so the records are read back from the text.
    let planned;
    const listedAt = Array.isArray(current) && current.toJSON === undefined ? (at) => JSON.parse(JSON.stringify(current[at])) : (at) => (planned ??= JSON.parse(currentText))[at];
    return withListed(JSON.parse(call(wasm.planJson, utf8(currentText, 0), utf8(desiredText, 1), policyText)), listedAt);
  }

  // The module gives a listed record a change shows as its position in `current`; the record
  // itself goes there.
  function withListed(planned, recordAt) {
    for (const change of planned.changes) if (typeof change.before === 'number') change.before = recordAt(change.before);
    return planned;
  }

  /**
   * A zone read once: `records` (frozen, deeply: the zone as it was read) and `plan(desired,
   * policy)` against them. The records are read into the module once, here, and kept there, so
   * each plan reads only the desired records. The module keeps a few listings; one let go, or
   * lost when the module was re-instantiated, is read again from the frozen records, which
   * cannot have changed: slower, never different.
   */
  function snapshot(zoneId, records) {
    deepFreeze(records);
    let held = null;
    // False once holding the listing was itself lost at once: a listing so large that the module
    // is re-instantiated right after reading it (see MEMORY_RESET_BYTES). Its plans then read
    // the records from their text each time, the same reading, without holding first.
    let holdable = true;
    const listingText = () => JSON.stringify(records);
    const hold = () => {
      const generation = boundary.generation();
      held = { id: call(wasm.holdListing, utf8(listingText(), 0)), generation };
      holdable = boundary.generation() === generation;
    };
    const isHeld = () => holdable && held.generation === boundary.generation();
    hold();
    function planSnapshot(desired, policy) {
      const given = policy === undefined || policy === null ? {} : policy;
      // The snapshot's zone id is the default; a policy that is not an object is reported as is.
      const policyText = toText(typeof given === 'object' && !Array.isArray(given) ? { zoneId, ...given } : given, 'policy');
      const desiredText = toText(desired ?? [], 'desired');
      // Lost with a re-instantiation, or let go for newer snapshots (the module keeps a few):
      // held again from the frozen records, which cannot have changed.
      if (holdable && !isHeld()) hold();
      let out = isHeld() ? call(wasm.planHeld, held.id, utf8(desiredText, 1), policyText) : undefined;
      if (out === undefined && holdable) {
        hold();
        out = isHeld() ? call(wasm.planHeld, held.id, utf8(desiredText, 1), policyText) : undefined;
      }
      out ??= call(wasm.planJson, utf8(listingText(), 0), utf8(desiredText, 1), policyText);
      // The snapshot's records are frozen: a change shows the record itself.
      return withListed(JSON.parse(out), (at) => records[at]);
    }
    return Object.freeze({ zoneId, records, plan: planSnapshot });
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

  return { plan, formatPlan, snapshot };
}

function deepFreeze(value) {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}
