import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseShard } from '../../src/org/shard.js';
import { selectTargets } from '../../src/org/targets.js';

describe('parseShard', () => {
  it('takes INDEX/COUNT from 0', () => {
    assert.deepEqual(parseShard('0/4', {}), { index: 0, count: 4 });
    assert.deepEqual(parseShard('3/4', {}), { index: 3, count: 4 });
  });

  it('refuses an index at or past the count, saying indices count from 0', () => {
    assert.throws(() => parseShard('4/4', {}), /shards of 4 are 0\/4 to 3\/4; got 4\/4/);
    assert.throws(() => parseShard('0/0', {}), /COUNT must be 1 to/);
    assert.throws(() => parseShard('1-4', {}), /INDEX\/COUNT/);
    assert.throws(() => parseShard('-1/4', {}), /INDEX\/COUNT/);
  });

  it('auto/COUNT reads the Indexed Job or Batch array index', () => {
    assert.deepEqual(parseShard('auto/3', { JOB_COMPLETION_INDEX: '2' }), { index: 2, count: 3 });
    assert.deepEqual(parseShard('auto/3', { AWS_BATCH_JOB_ARRAY_INDEX: '1' }), { index: 1, count: 3 });
    assert.throws(
      () => parseShard('auto/3', {}),
      /neither JOB_COMPLETION_INDEX nor AWS_BATCH_JOB_ARRAY_INDEX is set/,
    );
    assert.throws(
      () => parseShard('auto/3', { JOB_COMPLETION_INDEX: '1', AWS_BATCH_JOB_ARRAY_INDEX: '2' }),
      /disagree/,
    );
    assert.throws(() => parseShard('auto/3', { JOB_COMPLETION_INDEX: 'x' }), /is not an index/);
    assert.throws(() => parseShard('auto/3', { JOB_COMPLETION_INDEX: '3' }), /got 3\/3/);
  });
});

describe('the shards of a selection', () => {
  it('partition its accounts, each within one of the others in size, sharing one digest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 16 }), (n, count) => {
        const accounts = Array.from({ length: n }, (_, i) => String(100000000000 + i * 7919));
        const request = { source: 'accounts' as const, organizationalUnits: [], accounts, exclude: [] };
        const shards = Array.from({ length: count }, (_, index) =>
          selectTargets({ ...request, shard: { index, count } }, null),
        );
        const all = shards.flatMap((s) => s.mine.map((t) => t.id)).sort();
        assert.deepEqual(all, [...accounts].sort());
        const sizes = shards.map((s) => s.mine.length);
        assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
        assert.equal(new Set(shards.map((s) => s.targetsDigest)).size, 1);
      }),
      { seed: 12, numRuns: 200 },
    );
  });
});
