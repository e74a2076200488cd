// parseZone and formatZone on the built package: zone text in, Cloudflare records out, and back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseZone, formatZone, validateBatch, ValidationError, ConfigurationError } from '../../pkg/src/zone/node.mjs';

const zoneFile = (name) => readFileSync(new URL(`../zones/${name}`, import.meta.url), 'utf8');

test('parseZone reads a Cloudflare export with its attributes, positions and issues', () => {
  const zone = parseZone(zoneFile('cloudflare-export.zone'), { origin: 'example.com' });
  assert.equal(zone.records.length, 11);
  assert.equal(zone.positions.length, 11);
  const api = zone.records[3];
  assert.deepEqual(api, {
    name: 'api.example.com',
    ttl: 300,
    proxied: false,
    comment: 'API gateway, do not proxy',
    tags: ['team:platform', 'owner:ops, on call'],
    type: 'A',
    content: '192.0.2.2',
  });
  assert.deepEqual(zone.positions[3], { line: 19, column: 1 });
  assert.deepEqual(zone.issues.map((i) => [i.code, i.severity, i.line, i.column]), [['zone.soa.skipped', 'warning', 11, 21]]);
  // The records are batch posts as they are.
  const issues = validateBatch({ zone_id: '023e105f4ecef8ad9ca31a8372d0c353', posts: zone.records }, { plan: 'enterprise' });
  assert.deepEqual(issues.filter((i) => i.severity === 'error'), []);
});

test('parseZone reports malformed lines at line:column and takes defaultTtl', () => {
  const zone = parseZone('$ORIGIN x.test.\nwww A 192.0.2.1\nbad 5q A 192.0.2.2\nmx MX ten mail\n', { defaultTtl: 120 });
  assert.deepEqual(zone.records, [{ name: 'www.x.test', ttl: 120, type: 'A', content: '192.0.2.1' }]);
  assert.deepEqual(zone.issues.map((i) => `${i.line}:${i.column} ${i.code}`), ['3:5 zone.ttl.invalid', '4:7 zone.rdata.invalid']);
});

test('formatZone writes what parseZone reads back, awkward values included', () => {
  const records = [
    { name: 'example.com', ttl: 1, proxied: true, type: 'A', content: '192.0.2.1', comment: 'has cf_tags= inside', tags: ['owner:"ops", on call'] },
    { name: 'example.com', ttl: 300, type: 'TXT', content: '"v=spf1 \\"quoted\\" \\\\ é 😀; -all"' },
    { name: 'example.com', ttl: 300, type: 'CAA', data: { flags: 0, tag: 'issue', value: 'ca.example.net; account=1 x' } },
    { name: '_sip._udp.example.com', ttl: 300, type: 'NAPTR', data: { order: 100, preference: 10, flags: 'u', service: 'E2U+sip', regex: '!^\\+44(.*)$!sip:\\1@example.com!', replacement: '.' } },
    { name: 'example.com', ttl: 300, type: 'HTTPS', data: { priority: 1, target: '.', value: 'alpn="h3,h2" port=443 ipv4hint=192.0.2.1,192.0.2.2' } },
    { name: 'geo.example.com', ttl: 300, type: 'LOC', data: { lat_degrees: 33, lat_minutes: 51, lat_seconds: 35.9, lat_direction: 'S', long_degrees: 70, long_minutes: 1, long_seconds: 0.5, long_direction: 'W', altitude: -10.5, size: 1, precision_horz: 10000, precision_vert: 10 } },
    { name: 'example.com', ttl: 300, type: 'MX', content: 'mx.example.net', priority: 10 },
    { name: '_ftp._tcp.example.com', ttl: 300, type: 'URI', priority: 10, data: { weight: 1, target: 'https://example.com/a;b=(c)' } },
  ];
  const text = formatZone(records, { origin: 'example.com' });
  assert.match(text, /^\$ORIGIN example\.com\.\n/);
  assert.match(text, /\tMX\t10 mx\.example\.net\.\n/);
  const back = parseZone(text, { origin: 'example.com' });
  assert.deepEqual(back.issues, []);
  assert.deepEqual(back.records, records);
});

test('formatZone refuses records it cannot write, naming each one', () => {
  assert.throws(
    () => formatZone([{ name: 'a.example.com', type: 'A', content: '192.0.2.1', comment: 'two\nlines' }, { type: 'NOPE' }]),
    (err) => {
      assert.ok(err instanceof ValidationError);
      assert.equal(err.code, 'validation_failed');
      // The second entry is read as a batch post would be, and refused with that reader's errors.
      assert.ok(err.issues.length > 0 && err.issues.every((i) => (i.pointer === '/1' || i.pointer.startsWith('/1/')) && i.severity === 'error'), JSON.stringify(err.issues));
      assert.ok(err.issues.some((i) => i.code === 'record.type.unknown'));
      return true;
    },
  );
  assert.throws(
    () => formatZone([{ name: 'a.example.com', type: 'A', content: '192.0.2.1', comment: 'two\nlines' }]),
    (err) => err instanceof ValidationError && err.issues[0].pointer === '/0/comment' && err.issues[0].code === 'zone.format.comment',
  );
  assert.throws(() => formatZone({ not: 'an array' }), (err) => err instanceof ValidationError && err.issues[0].code === 'zone.format.record');
  assert.throws(() => formatZone([{ name: 'a', type: 'A', content: '1', ttl: 1n }]), ValidationError);
});

test('arguments and options are checked', () => {
  assert.throws(() => parseZone(42), (err) => err instanceof ValidationError && err.issues[0].code === 'zone.argument');
  assert.throws(() => parseZone('', { origin: 7 }), (err) => err instanceof ConfigurationError && err.code === 'options.origin.type');
  assert.throws(() => parseZone('', { defaultTtl: 1.5 }), (err) => err instanceof ConfigurationError && err.code === 'options.default_ttl.type');
  assert.throws(() => parseZone('', 'x'), ConfigurationError);
  assert.deepEqual(parseZone(''), { records: [], positions: [], issues: [] });
});

test('the CommonJS build exports the same functions', () => {
  const require = createRequire(import.meta.url);
  const cjs = require('../../pkg/dist/zone.cjs');
  assert.equal(typeof cjs.parseZone, 'function');
  assert.equal(cjs.formatZone([{ name: 'a.x.test', ttl: 60, type: 'A', content: '192.0.2.1' }], { origin: 'x.test' }), '$ORIGIN x.test.\na.x.test.\t60\tIN\tA\t192.0.2.1\n');
});
