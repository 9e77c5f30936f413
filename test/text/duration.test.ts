import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { durationText } from '../../src/text/duration.js';

describe('durationText', () => {
  it('reads like a person would say it, without zero parts', () => {
    assert.deepEqual(
      [800, 2_000, 59_400, 90_000, 191_000, 1_800_000, 3_600_000, 3_900_000, 7_230_000].map(durationText),
      ['800 ms', '2 s', '59 s', '1 min 30 s', '3 min 11 s', '30 min', '1 h', '1 h 5 min', '2 h'],
    );
  });
});
