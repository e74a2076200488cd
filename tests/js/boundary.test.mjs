// The byte path into WebAssembly (pkg/src/boundary.js `utf8`): whatever the text, the bytes are
// exactly its UTF-8, the two scratch slots do not overwrite each other, and a huge text does not
// keep a huge buffer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { utf8 } from '../../pkg/src/boundary.js';

const decoder = new TextDecoder();
const expected = (text) => new TextEncoder().encode(text);

test('utf8 writes the UTF-8 of ASCII, accented, CJK and astral text, wherever the first non-ASCII character is', () => {
  const samples = ['', 'plain ascii', 'é', 'münchen.example', '例え.テスト', '😀 and 𝔘', 'x'.repeat(70_000) + 'ü' + 'y'.repeat(10), 'ü'.repeat(100_000)];
  for (const text of samples) {
    const bytes = utf8(text);
    assert.deepEqual(Buffer.from(bytes), Buffer.from(expected(text)), text.slice(0, 20));
    assert.equal(decoder.decode(bytes), text);
  }
});

test('a lone surrogate becomes U+FFFD, as TextEncoder makes it', () => {
  assert.deepEqual(Buffer.from(utf8('a\uD800b')), Buffer.from(expected('a\uD800b')));
});

test('the two slots are separate: a plan hands two texts over in one call', () => {
  const first = utf8('[{"name":"first"}]', 0);
  const second = utf8('[{"name":"second"}]', 1);
  assert.equal(decoder.decode(first), '[{"name":"first"}]');
  assert.equal(decoder.decode(second), '[{"name":"second"}]');
});

test('a huge text is encoded whole and its buffer is not kept for the next call', () => {
  const huge = 'é'.repeat(5_000_000);
  const bytes = utf8(huge);
  assert.equal(bytes.length, 10_000_000);
  const small = utf8('small');
  assert.ok(small.buffer.byteLength < 1_000_000, `the scratch kept ${small.buffer.byteLength} bytes`);
});
