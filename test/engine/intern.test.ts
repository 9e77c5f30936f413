import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Interner } from '../../src/engine/intern.js';

describe('Interner', () => {
  it('gives one copy of equal messages, built apart', () => {
    const shared = new Interner();
    const a = shared.message(['function', 'has', 'no', 'URL'].join(' '));
    const b = shared.message(['function', 'has', 'no', 'URL'].join(' '));
    assert.equal(a, b);
    assert.equal(shared.message('other'), 'other');
  });

  it('shares small flat evidence that is equal in JSON, and only that', () => {
    const shared = new Interner();
    const first = { mode: 'PassThrough', count: 2, on: null };
    const same = { mode: 'PassThrough', count: 2, on: null };
    assert.strictEqual(shared.evidenceOf(first), first);
    assert.strictEqual(shared.evidenceOf(same), first);
    // Member order is part of the JSON text: a different order is kept apart, never confused.
    const reordered = { count: 2, mode: 'PassThrough', on: null };
    assert.strictEqual(shared.evidenceOf(reordered), reordered);
    const different = { mode: 'Active', count: 2, on: null };
    assert.strictEqual(shared.evidenceOf(different), different);
  });

  it('leaves nested or large evidence as it is (particular to its resource)', () => {
    const shared = new Interner();
    const nested = { statements: ['a'] };
    shared.evidenceOf(nested);
    const again = { statements: ['a'] };
    assert.strictEqual(shared.evidenceOf(again), again);
    const long = { text: 'x'.repeat(500) };
    shared.evidenceOf(long);
    const longAgain = { text: 'x'.repeat(500) };
    assert.strictEqual(shared.evidenceOf(longAgain), longAgain);
  });
});
