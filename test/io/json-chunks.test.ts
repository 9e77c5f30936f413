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

  it('splits a large array into one chunk per element, so no single string grows with the document', () => {
    const results = Array.from({ length: 1000 }, (_, i) => ({ id: i, message: 'x'.repeat(100) }));
    const chunks = [...jsonChunks({ results })];
    assert.ok(chunks.length > 2000);
    assert.ok(Math.max(...chunks.map((c) => c.length)) < 300);
  });
});
