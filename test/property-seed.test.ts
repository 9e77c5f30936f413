/**
 * Property tests must reproduce: the test runner preloads test/helpers/fast-check-seed.ts, which
 * fixes fast-check's seed for every run in every test process. This file does not import that
 * module, so a seed configured here proves the preload happened.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';

describe('property tests', () => {
  it('run from a fixed seed, preloaded into every test process by the test runner', () => {
    const { seed } = fc.readConfigureGlobal();
    assert.equal(typeof seed, 'number', 'no global seed: was the test run through scripts/run-tests.mjs?');
    // The same seed draws the same values: a failure found once is found again.
    const draw = () => fc.sample(fc.integer(), { numRuns: 3 });
    assert.deepEqual(draw(), draw());
  });
});
