import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  changesSince,
  duration,
  explainUnknownCommand,
  positiveInt,
  rawValue,
  suggestFlags,
} from '../../src/cli/args.js';
import { describeFailure, EXIT } from '../../src/cli/failures.js';
import { CollectError } from '../../src/collect/errors.js';
import { nearest } from '../../src/text/nearest.js';

describe('CLI values', () => {
  it('--changes-since takes hours or days, 1h to 90d (CloudTrail keeps 90 days of history)', () => {
    assert.equal(changesSince('24h'), 86_400_000);
    assert.equal(changesSince('7d'), 7 * 86_400_000);
    assert.equal(changesSince('90d'), 90 * 86_400_000);
    for (const bad of ['91d', '30m', '0d', '', 'week', '7', '-1d'])
      assert.throws(() => changesSince(bad), /--changes-since takes a duration/, bad);
  });

  it('reads durations as people write them; a bare number is seconds', () => {
    assert.equal(duration('timeout', '30m'), 1_800_000);
    assert.equal(duration('timeout', '90s'), 90_000);
    assert.equal(duration('timeout', '1.5h'), 5_400_000);
    assert.equal(duration('timeout', '600'), 600_000);
    for (const bad of ['', '5x', '0s', '500ms', '8d', '-1m']) {
      assert.throws(() => duration('timeout', bad), { name: 'UsageError' }, bad);
    }
  });

  it('quotes what was typed, not NaN', () => {
    const args = ['scan', '--concurrency', 'abc'];
    assert.equal(rawValue(args, 'concurrency'), 'abc');
    assert.equal(rawValue(['--concurrency=12x'], 'concurrency'), '12x');
    assert.throws(() => positiveInt(args, 'concurrency', Number.NaN, 256), /got "abc"$/);
  });

  it('suggests the nearest flag, command or name, and nothing when none is close', () => {
    assert.equal(
      suggestFlags('Unknown argument: regoins', ['regions', 'out']),
      'Unknown argument: regoins (did you mean --regions?)',
    );
    assert.equal(suggestFlags('Unknown argument: xyzzy', ['regions', 'out']), 'Unknown argument: xyzzy');
    assert.equal(
      suggestFlags('Not enough arguments following: out', ['out']),
      'Not enough arguments following: out',
    );
    assert.equal(
      explainUnknownCommand('Did you mean scan?', ['scna', '--out', 'x']),
      'unknown command "scna" (did you mean scan?)',
    );
    assert.equal(nearest('eu-west-9', ['eu-west-1', 'us-east-1']), 'eu-west-1');
    assert.equal(nearest('ap', ['eu-west-1']), null);
  });
});

describe('describeFailure', () => {
  it('maps each failure kind to its exit code, with a usage hint only for usage errors', () => {
    const cases: [Error, number][] = [
      [new CollectError('credentials', 'no AWS credentials found'), EXIT.credentials],
      [new CollectError('network', 'cannot reach x'), EXIT.network],
      [new CollectError('usage', '--regions: unknown'), EXIT.usage],
      [Object.assign(new Error('cannot write'), { name: 'OutputError' }), EXIT.output],
      [Object.assign(new Error('not valid JSON'), { name: 'InventoryFileError' }), EXIT.inventory],
      [new TypeError('x is undefined'), EXIT.internal],
    ];
    for (const [err, code] of cases) {
      const f = describeFailure(err, false);
      assert.equal(f.code, code, err.message);
      assert.equal(
        f.lines.some((l) => l.includes('lambda-posture --help')),
        code === EXIT.usage,
        err.message,
      );
      assert.ok(!f.lines.some((l) => l.includes('    at ')), 'no stack without --debug');
    }
    assert.ok(describeFailure(new TypeError('boom'), true).lines.some((l) => l.includes('    at ')));
  });
});
