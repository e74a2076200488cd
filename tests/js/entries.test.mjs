// One set of error classes for every entry in one process (ESM, CommonJS, the /zone subpath), and
// the observability hooks every request goes through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as esm from '../../pkg/src/node.mjs';
import * as zoneEsm from '../../pkg/src/zone/node.mjs';
import { startServer, json } from './support/server.mjs';

const require = createRequire(import.meta.url);
const cjs = require('../../pkg/dist/node.cjs');
const zoneCjs = require('../../pkg/dist/zone.cjs');
const ENTRIES = { esm, zoneEsm, cjs, zoneCjs };
const CLASSES = ['CloudflareDnsError', 'ValidationError', 'ConfigurationError', 'ApiError', 'ConnectionError', 'TimeoutError', 'AbortError', 'InternalError'];
const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';
const TOKEN = 'tok_SECRET_entries_4b7e';

test('every entry exports the very same error classes', () => {
  for (const name of CLASSES) {
    for (const [entry, m] of Object.entries(ENTRIES)) assert.equal(m[name], esm[name], `${entry}.${name}`);
  }
});

test('an error thrown through one entry is instanceof the classes of every other', async () => {
  const thrown = {};
  for (const [entry, m] of Object.entries(ENTRIES)) {
    try {
      await m.batch({ zone_id: ZONE, posts: [{ type: 'A', name: 'www.example.com', content: 'nope' }] }, { apiToken: TOKEN, fetch: async () => new Response('{}') });
    } catch (err) {
      thrown[entry] = err;
    }
  }
  for (const [from, err] of Object.entries(thrown)) {
    for (const [entry, m] of Object.entries(ENTRIES)) {
      assert.ok(err instanceof m.ValidationError && err instanceof m.CloudflareDnsError, `${from} error instanceof ${entry} classes`);
    }
  }
  assert.equal(Object.keys(thrown).length, 4);
});

test("the classes' registry key follows the package version", () => {
  const { version } = JSON.parse(readFileSync(new URL('../../pkg/package.json', import.meta.url), 'utf8'));
  const source = readFileSync(new URL('../../pkg/src/errors.js', import.meta.url), 'utf8');
  assert.match(source, new RegExp(`const ERRORS_VERSION = '${version.replaceAll('.', '\\.')}';`));
});

test('onRequest and onResponse see each attempt (method, URL, status, timing, retry delay), never a credential', async () => {
  const server = await startServer();
  try {
    server.answer((req, res) => json(res, 429, { success: false, result: null, errors: [{ code: 971, message: 'slow' }], messages: [] }, { 'retry-after': '0' }));
    const events = [];
    const options = {
      apiToken: TOKEN,
      baseURL: server.baseURL,
      onRequest: (e) => events.push(['request', e]),
      onResponse: (e) => {
        events.push(['response', e]);
        throw new Error('an observer failing changes nothing');
      },
    };
    const result = await esm.batch({ zone_id: ZONE, posts: [{ type: 'A', name: 'www.example.com', content: '192.0.2.1', ttl: 1 }] }, options);
    assert.equal(result.posts.length, 1);
    assert.deepEqual(events.map(([kind, e]) => [kind, e.method, e.attempt, e.status]), [
      ['request', 'POST', 1, undefined],
      ['response', 'POST', 1, 429],
      ['request', 'POST', 2, undefined],
      ['response', 'POST', 2, 200],
    ]);
    const [, first] = events[1];
    assert.equal(first.url, `${server.baseURL}/zones/${ZONE}/dns_records/batch`);
    assert.equal(first.retryInMs, 0);
    assert.equal(first.error, 'api.rate_limited');
    assert.ok(first.durationMs >= 0);
    assert.ok(!JSON.stringify(events).includes(TOKEN));
    // The listing goes through the same path.
    const listed = [];
    server.answer((req, res) => json(res, 200, { success: true, errors: [], messages: [], result: [], result_info: { page: 1, total_pages: 1 } }));
    await zoneEsm.listRecords(ZONE, { apiToken: TOKEN, baseURL: server.baseURL, onResponse: (e) => listed.push([e.method, e.status]) });
    assert.deepEqual(listed, [['GET', 200]]);
    await assert.rejects(esm.batch({ zone_id: ZONE, posts: [] }, { apiToken: TOKEN, onRequest: 'log' }), (err) => err.code === 'options.on_request.type');
  } finally {
    await server.close();
  }
});

test('the manual entries refuse calls before init(), then work with the .wasm given as bytes or a module', async () => {
  const manual = await import('../../pkg/src/manual.mjs');
  const zoneManual = await import('../../pkg/src/zone/manual.mjs');
  for (const m of [manual, zoneManual]) {
    assert.throws(() => m.validateRecord({ type: 'A', name: 'a.example.com', content: '192.0.2.1' }), (err) => err instanceof esm.ConfigurationError && err.code === 'not_initialised');
  }
  await manual.init(readFileSync(new URL('../../pkg/dist/web/cf_dns_batch_bg.wasm', import.meta.url)));
  await zoneManual.init(new WebAssembly.Module(readFileSync(new URL('../../pkg/dist/zone/cf_dns_batch_bg.wasm', import.meta.url))));
  assert.equal(manual.validateRecord({ type: 'A', name: 'a.example.com', content: '1.2.3' })[0].code, 'a.content.ipv4');
  assert.equal(zoneManual.parseZone('$ORIGIN example.com.\nwww 300 IN A 192.0.2.1\n').records.length, 1);
  assert.equal(manual.ValidationError, esm.ValidationError);
});
