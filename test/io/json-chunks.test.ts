import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { jsonChunks } from '../../src/io/json-chunks.js';

describe('jsonChunks', () => {
  it('yields exactly JSON.stringify(value, null, indent), for any JSON value and indent 0 or 2', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom(0, 2), (value, indent) => {
        const expected = indent ? JSON.stringify(value, null, indent) : JSON.stringify(value);
        assert.equal([...jsonChunks(value, indent)].join(''), expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('skips undefined members like JSON.stringify, and writes them as null inside arrays', () => {
    const value = { a: undefined, b: [undefined, 1], c: { d: undefined } };
    assert.equal([...jsonChunks(value)].join(''), JSON.stringify(value, null, 2));
  });

  it('splits a large array into chunks of at most a batch of elements, so no string grows with the document', () => {
    const results = Array.from({ length: 10_000 }, (_, i) => ({ id: i, message: 'x'.repeat(100) }));
    const chunks = [...jsonChunks({ results })];
    assert.ok(chunks.length >= 10_000 / 512, `${chunks.length} chunks`);
    // One element is ~150 characters here: a chunk holds at most 512 of them.
    assert.ok(Math.max(...chunks.map((c) => c.length)) < 512 * 200);
  });

  it('writes batches of elements exactly at any depth, indented or compact, across batch boundaries', () => {
    const items = Array.from({ length: 1300 }, (_, i) =>
      i % 7 === 0 ? [i, { n: i }] : { i, s: `v${i}`, a: [i] },
    );
    const value = { a: { b: [{ c: items }] }, top: items };
    for (const indent of [0, 2, 4]) {
      assert.equal([...jsonChunks(value, indent)].join(''), JSON.stringify(value, null, indent));
    }
  });

  it('writes the named top-level arrays one compact element per line, as one parseable document', () => {
    const results = Array.from({ length: 1300 }, (_, i) => ({
      i,
      e: { nested: [i, `s${i}`] },
      u: undefined,
    }));
    const value = { head: { a: [1, 2] }, results, empty: [], tail: 'end', skipped: undefined };
    const text = [...jsonChunks(value, 2, { lineArrays: ['results', 'empty'] })].join('');
    assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
    const lines = text.split('\n');
    // Everything else as JSON.stringify indents it; each result on a line of its own.
    assert.equal(lines[1], '  "head": {');
    assert.equal(lines.filter((l) => l.startsWith('    {"i":')).length, results.length);
    assert.ok(lines.includes('    {"i":1299,"e":{"nested":[1299,"s1299"]}}'));
    assert.ok(text.includes('"empty": []'));
    // Not asked for: exactly JSON.stringify.
    assert.equal([...jsonChunks(value, 2, { lineArrays: [] })].join(''), JSON.stringify(value, null, 2));
  });
});
