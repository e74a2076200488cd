// Zone sync planning for every entry: `plan`, `formatPlan`, and the snapshots `readZone` makes.
// Pure and synchronous; every decision is made in WebAssembly. As in api.js, the host's
// JSON.stringify makes the text, the text crosses into WebAssembly as bytes, and one string comes
// back for JSON.parse.

import { ValidationError } from './errors.js';
import { jsonText, utf8 } from './boundary.js';

// The ids of listings kept in the module, unique in this process for every surface over it: two
// entries (`/zone` and `/zone/manual`) can drive one instance, and neither's re-instantiation may
// let an id find another snapshot's listing.
let nextListingId = 1;

export function createPlanApi(wasm, boundary) {
  const { call } = boundary;
  // A snapshot's listing is let go with the snapshot where the host says when (the module keeps at
  // most a few either way).
  const gone = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((id) => release(id)) : null;

  function release(id) {
    try {
      call(wasm.releaseListing, id);
    } catch {
      // A module that cannot even let go has nothing kept to lose.
    }
  }

  function toText(value, what) {
    const { text, issue } = jsonText(value, what, `/${what}`);
    if (issue) throw new ValidationError(`${issue.message}; nothing was planned`, [{ ...issue, code: `plan.${what}.json` }]);
    return text;
  }

  /**
   * Plans the change from `current` (records as listRecords gives them) to `desired` (records
   * shaped like posts). Never throws for bad input: problems are in `issues`, and an error leaves
   * `params` null. A change's `before` is the listed record as the planned text has it.
   */
  function plan(current, desired, policy) {
    const policyText = policy === undefined || policy === null ? 'null' : toText(policy, 'policy');
    // Every text is made before the first utf8(): JSON.stringify may run a user's toJSON, which
    // could call the package and reuse a scratch slot.
    const currentText = toText(current ?? [], 'current');
    const desiredText = toText(desired ?? [], 'desired');
    return withRecords(JSON.parse(call(wasm.planJson, utf8(currentText, 0), utf8(desiredText, 1), policyText, false)));
  }

  /**
   * A zone read once: `{ zone, release }`, where `zone` is `{ zoneId, records, plan(desired,
   * policy) }` with the records frozen (deeply: the zone as it was read). The records are read
   * into the module once, here, and kept there, so each plan reads only the desired records. A
   * listing the module let go (it keeps a few), or lost when it was re-instantiated, is read again
   * from the frozen records, which cannot have changed: slower, never different.
   */
  function snapshot(zoneId, records) {
    deepFreeze(records);
    const id = nextListingId++;
    const listingText = () => JSON.stringify(records);
    // The generation of the module the listing was read into, or -1.
    let heldIn = -1;
    // False when even a fresh module is re-instantiated right after reading this listing (one too
    // large to keep: see MEMORY_RESET_BYTES): its plans read the records' text every time, the
    // same reading, without holding first.
    let holdable = true;
    const isHeld = () => holdable && heldIn === boundary.generation();
    const hold = () => {
      // Twice at most: the first renewal may have been for what other listings held.
      for (let attempt = 0; attempt < 2; attempt++) {
        const generation = boundary.generation();
        call(wasm.holdListing, id, utf8(listingText(), 0));
        if (boundary.generation() === generation) {
          heldIn = generation;
          return;
        }
      }
      holdable = false;
    };
    hold();
    function planSnapshot(desired, policy) {
      const policyText = toText(withZoneId(policy, zoneId), 'policy');
      const desiredText = toText(desired ?? [], 'desired');
      if (holdable && !isHeld()) hold();
      let out = isHeld() ? call(wasm.planHeld, id, utf8(desiredText, 1), policyText) : undefined;
      if (out === undefined && holdable) {
        // Let go for newer snapshots since the last plan.
        hold();
        out = isHeld() ? call(wasm.planHeld, id, utf8(desiredText, 1), policyText) : undefined;
      }
      out ??= call(wasm.planJson, utf8(listingText(), 0), utf8(desiredText, 1), policyText, true);
      // The module gives a listed record a change shows as its position: the snapshot's own
      // record, frozen, goes there.
      return withRecords(JSON.parse(out), records);
    }
    const zone = Object.freeze({ zoneId, records, plan: planSnapshot });
    gone?.register(zone, id);
    return { zone, release: () => release(id) };
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

/**
 * Puts the records the module gave by position into the changes: a created record's `after` is
 * its post in `params.posts` (the very object, so it is read once), and a listed record's
 * `before` is the snapshot's own `records[before]`.
 */
function withRecords(planned, records) {
  if (planned === null || typeof planned !== 'object' || !Array.isArray(planned.changes)) return planned;
  const posts = planned.params?.posts;
  for (const change of planned.changes) {
    if (typeof change.after === 'number' && posts) change.after = posts[change.after];
    if (typeof change.before === 'number' && records) change.before = records[change.before];
  }
  return planned;
}

function deepFreeze(value) {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

// A snapshot's zone id is the policy's default `zoneId`. A policy that is not a plain object (an
// array, a string, one with its own toJSON) is passed as it is, for the module to judge as plan()
// would.
function withZoneId(policy, zoneId) {
  if (policy === undefined || policy === null) return { zoneId };
  if (typeof policy !== 'object' || Array.isArray(policy) || typeof policy.toJSON === 'function' || policy.zoneId !== undefined) return policy;
  return { ...policy, zoneId };
}
