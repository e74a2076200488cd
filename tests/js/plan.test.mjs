// plan() and formatPlan() through the WebAssembly module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plan, formatPlan, batch, ValidationError } from '../../pkg/src/zone/node.mjs';

const listed = (id, record) => ({ ...record, id, zone_name: 'example.com' });
const a = (name, content, extra = {}) => ({ type: 'A', name, content, ttl: 1, ...extra });

test('plan compares canonical forms and makes the fewest operations', () => {
  const current = [
    listed('id1', a('www.example.com', '192.0.2.1')),
    listed('id2', a('www.example.com', '192.0.2.2')),
    listed('id3', { type: 'AAAA', name: 'www.example.com', content: '2001:db8::1', ttl: 300 }),
  ];
  const desired = [a('WWW', '192.0.2.2'), a('www.example.com.', '192.0.2.3'), { type: 'AAAA', name: 'www', content: '2001:DB8:0::1', ttl: 1 }];
  const p = plan(current, desired, { zoneId: '023e105f4ecef8ad9ca31a8372d0c353' });
  assert.deepEqual(p.summary, { create: 0, update: 2, replace: 0, delete: 0, unchanged: 1, managed: 3, operations: 2 });
  assert.equal(p.params.zone_id, '023e105f4ecef8ad9ca31a8372d0c353');
  assert.deepEqual(p.params.patches, [
    { id: 'id1', type: 'A', content: '192.0.2.3' },
    { id: 'id3', ttl: 1 },
  ]);
  assert.deepEqual(p.changes.map((c) => [c.action, c.type, c.fields]), [['update', 'A', ['content']], ['update', 'AAAA', ['ttl']]]);
  assert.equal(
    formatPlan(p),
    '~ www.example.com A 192.0.2.1\n    value: 192.0.2.1 -> 192.0.2.3\n~ www.example.com AAAA 2001:db8::1\n    ttl: 300 -> 1\nPlan: 0 to create, 2 to update, 0 to replace, 0 to delete; 1 unchanged (2 operations in one batch).\n',
  );
});

test('a second plan after an equal zone is empty, and formatPlan says so', () => {
  const p = plan([listed('id1', a('example.com', '192.0.2.1'))], [a('@', '192.0.2.1')]);
  assert.equal(p.changes.length, 0);
  assert.equal(formatPlan(p), 'No changes: 1 record unchanged.\n');
});

test('bad input comes back as issues with pointers, and params null', () => {
  const p = plan([], [a('www', '192.0.2.300')], { scope: 'all', zone: 'example.com' });
  assert.equal(p.params, null);
  assert.deepEqual(p.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.pointer]), [
    ['plan.policy.invalid', '/policy/scope'],
    ['a.content.ipv4', '/desired/0/content'],
  ]);
  assert.throws(() => plan([], [{ n: 1n }]), ValidationError);
  assert.throws(() => formatPlan({ changes: 'no' }), (err) => err instanceof ValidationError && err.issues[0].code === 'plan.format.input');
});

test('plan params go straight into batch()', async () => {
  const p = plan([], [a('www', '192.0.2.1')], { zoneId: '023e105f4ecef8ad9ca31a8372d0c353', zone: 'example.com' });
  let sent;
  const fetch = async (url, init) => {
    sent = JSON.parse(init.body);
    return new Response(JSON.stringify({ success: true, errors: [], messages: [], result: { posts: [{ id: 'x', ...sent.posts[0] }] } }), { status: 200 });
  };
  const result = await batch(p.params, { apiToken: 'tok', fetch, maxRetries: 0 });
  assert.deepEqual(sent, { posts: [{ type: 'A', name: 'www', content: '192.0.2.1', ttl: 1 }] });
  assert.equal(result.posts.length, 1);
});

test("a change's before is a copy of the listed record as given, even from an array with its own toJSON", () => {
  const current = [listed('id1', a('www.example.com', '192.0.2.1', { meta: { source: 'dashboard' }, comment: 'keep' })), listed('id2', a('old.example.com', '192.0.2.9'))];
  const desired = [a('www.example.com', '192.0.2.7')];
  const p = plan(current, desired, { scope: 'zone', force: true });
  const update = p.changes.find((c) => c.action === 'update');
  assert.deepEqual(update.before, current[0]);
  assert.notEqual(update.before, current[0], 'a copy: the plan shares no object with the caller');
  update.before.meta.source = 'changed';
  assert.equal(current[0].meta.source, 'dashboard');
  assert.deepEqual(p.changes.find((c) => c.action === 'delete').before, current[1]);
  // The array's own toJSON decides what is planned; `before` is read from that same text.
  const shown = [listed('id9', a('www.example.com', '192.0.2.1'))];
  const odd = [listed('ignored', a('x.example.com', '192.0.2.2'))];
  odd.toJSON = () => shown;
  const q = plan(odd, desired);
  assert.deepEqual(q.changes.map((c) => [c.action, c.id, c.before]), [['update', 'id9', shown[0]]]);
});

test("a created record's after is its post, the same object; a plan an error blocks still shows it", () => {
  const desired = [a('new', '192.0.2.5', { comment: 'made here' }), { type: 'TXT', name: 'note', content: '"hello"' }];
  const p = plan([], desired, { zone: 'example.com' });
  assert.equal(p.changes.length, 2);
  for (const change of p.changes) {
    assert.equal(change.action, 'create');
    assert.ok(p.params.posts.includes(change.after), 'after is the post itself');
  }
  assert.deepEqual(p.changes.map((c) => c.after), [
    { name: 'new', ttl: 1, comment: 'made here', type: 'A', content: '192.0.2.5' },
    { name: 'note', type: 'TXT', content: '"hello"' },
  ]);
  // An error elsewhere leaves no params: the created records are shown all the same.
  const blocked = plan([], [...desired, a('bad', '192.0.2.300')], { zone: 'example.com' });
  assert.equal(blocked.params, null);
  assert.deepEqual(blocked.changes.map((c) => c.after), p.changes.map((c) => c.after));
  // A replacement (the type at a name changes) shows its post the same way.
  const replaced = plan([listed('id1', a('www.example.com', '192.0.2.1'))], [{ type: 'CNAME', name: 'www', content: 'example.net' }], { zone: 'example.com' });
  assert.deepEqual(replaced.changes.map((c) => c.action), ['replace']);
  assert.equal(replaced.changes[0].after, replaced.params.posts[0]);
  assert.equal(replaced.changes[0].after.content, 'example.net');
});
