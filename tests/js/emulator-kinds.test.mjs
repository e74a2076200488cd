// The emulator's per-kind facts come from the package's registry of kinds (the .wasm's
// `recordKinds()`), not from lists of its own: what it stores for each kind follows the registry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEmulator, fromContent } from '../../pkg/src/node.mjs';
import * as wasm from '../../pkg/dist/web/cf_dns_batch.js';
import { ZONE } from './support/emulator.mjs';

const kinds = JSON.parse(wasm.recordKinds());

test('the registry names the 21 kinds with their shape, fields, proxiable and priority', () => {
  assert.equal(kinds.length, 21);
  const srv = kinds.find((k) => k.name === 'SRV');
  assert.deepEqual(srv, { name: 'SRV', shape: 'data', fields: ['priority', 'weight', 'port', 'target'], proxiable: false, priority: false });
  assert.deepEqual(kinds.filter((k) => k.proxiable).map((k) => k.name), ['A', 'AAAA', 'CNAME']);
  assert.deepEqual(kinds.filter((k) => k.priority).map((k) => k.name), ['MX', 'URI']);
  assert.deepEqual(kinds.filter((k) => k.shape === 'hostname').map((k) => k.name), ['CNAME', 'MX', 'NS', 'PTR']);
});

test('what the emulator stores for each kind follows the registry', () => {
  const emulator = createEmulator();
  for (const kind of kinds) {
    const value = kind.shape === 'data' ? { data: Object.fromEntries(kind.fields.map((f) => [f, 1])) } : { content: 'x.example.net' };
    const [record] = emulator.seed(ZONE, [{ type: kind.name, name: `${kind.name.toLowerCase()}.example.com`, ttl: 1, priority: 10, ...value }]);
    assert.equal(record.proxiable, kind.proxiable, `${kind.name}: proxiable`);
    assert.equal('data' in record, kind.shape === 'data', `${kind.name}: data`);
    assert.equal(record.priority === 10, kind.priority, `${kind.name}: a top-level priority`);
  }
});

test('identical host-name records are found without regard to case, other contents are not', async () => {
  const emulator = createEmulator();
  emulator.seed(ZONE, [{ type: 'NS', name: 'sub', content: 'NS1.example.net', ttl: 1 }, { type: 'TXT', name: 'txt', content: '"A"', ttl: 1 }]);
  const post = (record) => emulator.fetch(`https://api.cloudflare.com/client/v4/zones/${ZONE}/dns_records/batch`, {
    method: 'POST',
    headers: { authorization: 'Bearer tok_EMULATOR_3c1d', 'content-type': 'application/json' },
    body: JSON.stringify({ posts: [record] }),
  });
  const again = await (await post({ type: 'NS', name: 'sub', content: 'ns1.example.net.', ttl: 1 })).json();
  assert.equal(again.errors[0]?.code, 81058, 'an NS that differs only in case is identical');
  const other = await post({ type: 'TXT', name: 'txt', content: '"a"', ttl: 1 });
  assert.equal(other.status, 200, 'TXT content compares exactly');
  assert.equal(fromContent('NS', 'ns1.example.net').content, 'ns1.example.net');
});

test('a manual entry refuses to make records before init(), with the package\'s error', async () => {
  const manual = await import('../../pkg/src/manual.mjs?emulator-kinds');
  const emulator = manual.createEmulator();
  assert.throws(() => emulator.seed(ZONE, [{ type: 'A', name: 'www', content: '192.0.2.1' }]), (err) => err.code === 'not_initialised');
  await manual.init(readFileSync(new URL('../../pkg/dist/web/cf_dns_batch_bg.wasm', import.meta.url)));
  const [record] = emulator.seed(ZONE, [{ type: 'A', name: 'www', content: '192.0.2.1' }]);
  assert.equal(record.proxiable, true);
});
