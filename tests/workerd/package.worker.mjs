// Runs inside workerd (`workerd test`, see package.capnp.in): the package's Workers entry, with the
// .wasm imported as a module, validating and sending through the Worker's own fetch to a local
// server. workerd.test.mjs checks on the Node side what arrived.
import { runCases, ok, equal } from './harness.mjs';
import {
  ApiError,
  CloudflareDnsError,
  ValidationError,
  batch,
  buildBatchRequest,
  createEmulator,
  fromContent,
  toContent,
  validateBatch,
  validateRecord,
} from './src/workerd.mjs';
import * as zone from './src/zone/workerd.mjs';
import nameTable from './name-table.json';

const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
// The local server answers 400 for this zone.
const REFUSING_ZONE = '9a7806061c88ada191ed06f989cc3dac';

const srv = (port) => ({ type: 'SRV', name: '_sip._tcp.example.com', ttl: 1, data: { priority: 10, weight: 5, port, target: 'sip.example.com' } });
const a = { type: 'A', name: 'www.example.com', content: '192.0.2.41', proxied: false, ttl: 3000 };

const cases = {
  'validateRecord returns every issue with a pointer'() {
    deepEqual(validateRecord(a), []);
    const issues = validateRecord({ ...srv(70000), data: { priority: -1, weight: 5, port: 70000, target: 'sip.example.com' } });
    deepEqual(
      issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.pointer]),
      [
        ['srv.data.priority.range', '/data/priority'],
        ['srv.data.port.range', '/data/port'],
      ],
    );
    ok(issues.every((i) => typeof i.message === 'string' && i.message.length > 0), 'every issue has a message');
  },

  'validateBatch points into the batch'() {
    const issues = validateBatch({ zone_id: ZONE, posts: [a, srv(70000)], deletes: [{ id: 'nope/../x' }] });
    const pointers = issues.filter((i) => i.severity === 'error').map((i) => i.pointer);
    ok(pointers.includes('/posts/1/data/port'), `pointers: ${pointers}`);
    ok(pointers.includes('/deletes/0/id'), `pointers: ${pointers}`);
    deepEqual(validateBatch({ zone_id: ZONE, posts: [a, srv(5060)] }), []);
  },

  "Unicode names are mapped by workerd's own URL parser"() {
    deepEqual(validateRecord({ ...a, name: 'bücher.example.com' }), []);
    const bad = validateRecord({ ...a, name: 'exa\uFFFDmple.com' });
    ok(bad.some((i) => i.code === 'record.name.idna' && i.pointer === '/name'), JSON.stringify(bad));
  },

  'zone-file form both ways'() {
    equal(toContent(srv(5060)), '10 5 5060 sip.example.com');
    deepEqual(fromContent('SRV', '10 5 5060 sip.example.com'), { type: 'SRV', data: srv(5060).data });
    deepEqual(fromContent('MX', '10 mx1.example.net'), { type: 'MX', content: 'mx1.example.net', priority: 10 });
  },

  'buildBatchRequest shows what would be sent'(env) {
    const req = buildBatchRequest({ zone_id: ZONE, posts: [a] }, { apiToken: env.API_TOKEN, baseURL: env.API_BASE });
    equal(req.url, `${env.API_BASE}/zones/${ZONE}/dns_records/batch`);
    equal(req.method, 'POST');
    equal(req.headers.authorization, `Bearer ${env.API_TOKEN}`);
    deepEqual(JSON.parse(req.body), { posts: [a] });
  },

  async 'the emulator stores records as the registry of kinds describes them'() {
    const emulator = createEmulator();
    const result = await batch({ zone_id: ZONE, posts: [a, srv(5060)] }, { apiToken: 'tok_workerd_emulator', fetch: emulator.fetch });
    deepEqual(result.posts.map((r) => [r.type, r.proxiable, 'data' in r]), [['A', true, false], ['SRV', false, true]]);
  },

  async 'a bad record is a ValidationError and nothing is sent'(env) {
    const err = await rejects(batch({ zone_id: ZONE, posts: [a, srv(70000)] }, { apiToken: env.API_TOKEN, baseURL: env.API_BASE }));
    ok(err instanceof ValidationError && err instanceof CloudflareDnsError && err instanceof Error, `got ${err?.name}: ${err?.message}`);
    equal(err.code, 'validation_failed');
    ok(err.issues.some((i) => i.code === 'srv.data.port.range' && i.pointer === '/posts/1/data/port'), JSON.stringify(err.issues));
  },

  async 'a valid batch goes through the Worker fetch and returns the typed result'(env) {
    const result = await batch(
      { zone_id: ZONE, deletes: [{ id: '2bff0ebc4df64beaa44b0dca93e37a28' }], posts: [a, srv(5060)] },
      { apiToken: env.API_TOKEN, baseURL: env.API_BASE },
    );
    deepEqual(Object.keys(result), ['deletes', 'patches', 'puts', 'posts']);
    equal(result.posts.length, 2);
    equal(result.posts[0].content, '192.0.2.41');
    equal(result.posts[1].data.port, 5060);
    equal(result.deletes[0].id, '2bff0ebc4df64beaa44b0dca93e37a28');
  },

  async 'a 400 answer is an ApiError with status, errors and ray id'(env) {
    const err = await rejects(batch({ zone_id: REFUSING_ZONE, posts: [a] }, { apiToken: env.API_TOKEN, baseURL: env.API_BASE }));
    ok(err instanceof ApiError && err instanceof CloudflareDnsError, `got ${err?.name}: ${err?.message}`);
    equal(err.status, 400);
    equal(err.rayId, '8f1c2a3b4c5d6e7f-SJC');
    deepEqual(err.errors, [{ code: 81058, message: 'An identical record already exists.', pointer: '/posts/0' }]);
    ok(!JSON.stringify(err).includes(env.API_TOKEN) && !String(err.stack).includes(env.API_TOKEN), 'no credential in the error');
  },

  'the zone subpath: plan, formatPlan and zone files in the same classes'() {
    const current = [{ id: '2bff0ebc4df64beaa44b0dca93e37a28', zone_name: 'example.com', type: 'A', name: 'www.example.com', content: '192.0.2.1', ttl: 300, proxied: false }];
    const planned = zone.plan(current, [{ type: 'A', name: 'www', content: '192.0.2.2', ttl: 300 }], { zone: 'example.com', zoneId: ZONE });
    equal(planned.summary.update, 1);
    ok(zone.formatPlan(planned).includes('192.0.2.2'), zone.formatPlan(planned));
    const parsed = zone.parseZone('$ORIGIN example.com.\n$TTL 300\nwww IN A 192.0.2.9\n');
    deepEqual(parsed.records.map((r) => [r.name, r.content]), [['www.example.com', '192.0.2.9']]);
    ok(zone.formatZone(parsed.records, { origin: 'example.com' }).includes('192.0.2.9'));
    let thrown;
    try {
      zone.parseZone(42);
    } catch (err) {
      thrown = err;
    }
    ok(thrown instanceof ValidationError, 'one set of error classes for both entries');
  },

  async 'the zone subpath: readZone plans against a zone read once through the emulator'() {
    const emulator = zone.createEmulator();
    const options = { apiToken: 'tok_workerd_emulator', fetch: emulator.fetch };
    await zone.batch({ zone_id: ZONE, posts: [{ type: 'A', name: 'www', content: '192.0.2.1', ttl: 300 }] }, options);
    const snapshot = await zone.readZone(ZONE, options);
    ok(Object.isFrozen(snapshot.records[0]), 'the records are frozen');
    const desired = [{ type: 'A', name: 'www', content: '192.0.2.2', ttl: 300 }];
    const planned = snapshot.plan(desired, { zone: 'example.com' });
    equal(planned.summary.update, 1);
    equal(planned.params.zone_id, ZONE);
    deepEqual(snapshot.plan(desired, { zone: 'example.com' }), planned);
    deepEqual(zone.plan(JSON.parse(JSON.stringify(snapshot.records)), desired, { zone: 'example.com', zoneId: ZONE }), planned);
  },

  // The shared name table (tests/names/table.rs): the native build, Node and Chromium give these
  // verdicts; workerd maps Unicode names with its own URL parser and must give the same.
  'every name of the shared table gets the verdict of every other build'() {
    ok(nameTable.length > 300, `${nameTable.length} rows`);
    const wrong = [];
    for (const { record, pointer, code } of nameTable) {
      const errors = validateRecord(JSON.parse(record)).filter((i) => i.severity === 'error');
      const right = code === null ? errors.length === 0 : errors.some((i) => i.code === code && i.pointer === pointer);
      if (!right) wrong.push(`${record}: expected ${code ?? 'valid'} at ${pointer}, got ${JSON.stringify(errors.map((i) => [i.code, i.pointer]))}`);
    }
    ok(wrong.length === 0, `${wrong.length} verdicts differ:\n${wrong.slice(0, 10).join('\n')}`);
  },
};

export default {
  test: (ctrl, env) => runCases(cases, env),
};

// Compares as JSON with object keys in sorted order.
function deepEqual(actual, expected) {
  const [x, y] = [canonical(actual), canonical(expected)];
  if (x !== y) throw new Error(`expected ${y}, got ${x}`);
}
function canonical(value) {
  return JSON.stringify(value, (key, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([p], [q]) => (p < q ? -1 : 1))) : v));
}
async function rejects(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to reject');
}
