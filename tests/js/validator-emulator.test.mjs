// The validator against the emulator, a second judge: for every batch of the shared fixture
// (tests/fixtures/batches.json) and every record of the per-kind tables, `validateBatch` reports an
// error exactly when the emulator refuses the batch. The emulator holds the fixture's known records
// and nothing else; where only the zone can know (records already there, which ids exist, the
// zone's name), the fixture names the exception and the reason.
//
// The per-kind records come from `target/table-cases/*.jsonl`, written by the Rust kind tables
// (`cargo test`, which `make test` runs first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createEmulator, validateBatch } from '../../pkg/src/node.mjs';
import { ZONE, rawBatch } from './support/emulator.mjs';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/batches.json', import.meta.url), 'utf8'));
// A zone with no plan: the emulator then judges records as validateBatch does with no plan.
const zoneOptions = { zones: [{ id: ZONE, name: fixture.zone.name }] };
const errorsOf = (batch) => validateBatch({ zone_id: ZONE, ...batch }).filter((i) => i.severity === 'error');

/** What the emulator answers to `batch` on a zone holding `records`: [refused, first error]. */
async function emulatorVerdict(emulator, batch, records = []) {
  emulator.reset();
  emulator.seed(ZONE, records);
  const res = await rawBatch(emulator, batch);
  assert.ok(res.status === 200 || res.status === 400, `status ${res.status}: ${res.text.slice(0, 300)}`);
  return [res.status !== 200, res.body.errors[0]];
}

test('the fixture batches: validateBatch errors exactly when the emulator refuses', async () => {
  const emulator = createEmulator(zoneOptions);
  const wrong = [];
  for (const c of fixture.cases) {
    const [refused, error] = await emulatorVerdict(emulator, c.batch, fixture.records);
    if (refused !== c.refused) wrong.push(`${c.name}: the emulator ${refused ? `refuses (${JSON.stringify(error)})` : 'accepts'}, the fixture says ${c.refused ? 'refused' : 'accepted'}`);
    const validatorRefuses = c.validator ? c.validator === 'refuses' : c.refused;
    if (c.validator) assert.ok(c.why, `${c.name}: an exception says why`);
    const errors = errorsOf(c.batch);
    if ((errors.length > 0) !== validatorRefuses) wrong.push(`${c.name}: validateBatch ${errors.length ? `errors (${errors.map((i) => `${i.code} ${i.pointer}`).join(', ')})` : 'has no error'}`);
  }
  assert.deepEqual(wrong, []);
  const exceptions = fixture.cases.filter((c) => c.validator);
  assert.ok(exceptions.length < fixture.cases.length / 4, 'exceptions stay exceptions');
});

const TABLES = new URL('../../target/table-cases/', import.meta.url);

test('every record of the per-kind tables: validateBatch errors exactly when the emulator refuses it', { skip: !existsSync(TABLES) && 'run `cargo test` first: it writes target/table-cases/' }, async () => {
  const records = new Set();
  for (const file of readdirSync(TABLES).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of readFileSync(new URL(file, TABLES), 'utf8').split('\n')) if (line) records.add(line);
  }
  assert.ok(records.size > 1_000, `the tables hold their cases (${records.size})`);
  const emulator = createEmulator(zoneOptions);
  const wrong = [];
  for (const line of records) {
    const record = JSON.parse(line);
    const batch = { posts: [record] };
    const [refused, error] = await emulatorVerdict(emulator, batch);
    const errors = errorsOf(batch);
    if (refused !== errors.length > 0) {
      wrong.push(`${line.slice(0, 200)}: emulator ${refused ? `refuses ${JSON.stringify(error)}` : 'accepts'}, validateBatch ${errors.length ? errors.map((i) => i.code).join(', ') : 'no error'}`);
    }
  }
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${records.size} disagree`);
});
