import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Clock, TokenBucket } from '../../src/aws/token-bucket.js';

/** A clock that only moves when the test says so; sleeps are recorded and resolve at once. */
function fakeClock() {
  let t = 0;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => t,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
    },
  };
  return { clock, sleeps, advance: (ms: number) => (t += ms) };
}

describe('TokenBucket', () => {
  it('spreads requests evenly at the rate once the burst is spent', () => {
    const { clock } = fakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 10, clock });
    assert.deepEqual([bucket.reserve(), bucket.reserve(), bucket.reserve()], [0, 100, 200]);
  });

  it('refills with elapsed time, never above capacity', () => {
    const { clock, advance } = fakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 10, capacity: 2, clock });
    assert.equal(bucket.reserve(), 0);
    assert.equal(bucket.reserve(), 0);
    assert.equal(bucket.reserve(), 100);
    advance(10_000); // long idle: refills to capacity (2), not to 100 tokens
    assert.equal(bucket.reserve(), 0);
    assert.equal(bucket.reserve(), 0);
    assert.equal(bucket.reserve(), 100);
  });

  it('credits partial refills', () => {
    const { clock, advance } = fakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 15, clock });
    bucket.reserve();
    advance(1000 / 15 / 2); // half a token later
    assert.ok(Math.abs(bucket.reserve() - 1000 / 15 / 2) < 1e-9);
  });

  it('take() sleeps for the reserved delay', async () => {
    const { clock, sleeps } = fakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 4, clock });
    await bucket.take();
    await bucket.take();
    await bucket.take();
    assert.deepEqual(sleeps, [250, 500]);
  });

  it('take() rejects with the signal reason when already aborted', async () => {
    const { clock, sleeps } = fakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 1, clock });
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    await assert.rejects(bucket.take(ac.signal), /stop/);
    assert.deepEqual(sleeps, []);
  });

  it('rejects nonsensical rates', () => {
    assert.throws(() => new TokenBucket({ ratePerSecond: 0 }), RangeError);
    assert.throws(() => new TokenBucket({ ratePerSecond: Number.NaN }), RangeError);
    assert.throws(() => new TokenBucket({ ratePerSecond: 1, capacity: 0 }), RangeError);
  });
});
