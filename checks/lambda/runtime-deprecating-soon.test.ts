import assert from 'node:assert/strict';
import { it } from 'node:test';
import { evaluateCheck, regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import { failedLambdaRegion, inventory, lambdaFunction } from '../../test/helpers/inventory.js';
import { daysBeforeDay, runtimeEntry, scannedAt } from '../../test/helpers/runtimes.js';
import deprecated from './runtime-deprecated.js';
import check from './runtime-deprecating-soon.js';
import blocked from './runtime-update-blocked.js';

// Scan times are placed relative to each runtime's own date in the data file (noon UTC, so a
// whole number of days before a midnight deprecation rounds up to that number).
const node22 = runtimeEntry('nodejs22.x').deprecation;
const python39 = runtimeEntry('python3.9').deprecation;
const at = (days: number, ...functions: Parameters<typeof lambdaFunction>[0][]) =>
  scannedAt(inventory({ functions: functions.map(lambdaFunction) }), daysBeforeDay(node22, days));

testCheck(check, [
  {
    kind: 'fail',
    name: 'nodejs22.x 30 days before its deprecation',
    inventory: at(30, { name: 'api', runtime: 'nodejs22.x' }),
    expect: [{ resource: 'api', status: 'fail', message: `deprecated in 30 day(s), on ${node22}` }],
  },
  {
    kind: 'fail',
    name: 'the eve of the deprecation',
    inventory: scannedAt(
      inventory({ functions: [lambdaFunction({ name: 'eve', runtime: 'nodejs22.x' })] }),
      daysBeforeDay(node22, 1),
    ),
    expect: [{ resource: 'eve', status: 'fail', message: 'deprecated in 1 day(s)' }],
  },
  {
    kind: 'fail',
    name: 'exactly 90 days before',
    inventory: at(90, { name: 'day-90', runtime: 'nodejs22.x' }),
    expect: [{ resource: 'day-90', status: 'fail', message: 'deprecated in 90 day(s)' }],
  },
  {
    kind: 'pass',
    name: '91 days before the deprecation, and a runtime supported for years',
    inventory: at(91, { name: 'day-91', runtime: 'nodejs22.x' }, { name: 'current', runtime: 'nodejs24.x' }),
    expect: [
      { resource: 'day-91', status: 'pass', message: 'more than 90 days after the scan' },
      { resource: 'current', status: 'pass' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'java17 within 90 days of its first announced date (2026-06-30), since moved by AWS: a schedule not refreshed flags it (the premature python2.7 flag proposed to Prowler in PR #756 was the same mistake)',
    inventory: scannedAt(
      inventory({ functions: [lambdaFunction({ name: 'moved-date', runtime: 'java17' })] }),
      daysBeforeDay('2026-06-30', 60),
    ),
    expect: [{ resource: 'moved-date', status: 'pass', message: 'supported until' }],
  },
  {
    kind: 'not-applicable',
    name: 'an already deprecated runtime is lambda.runtime-deprecated’s finding, and a container image has no managed runtime',
    inventory: scannedAt(
      inventory({
        functions: [
          lambdaFunction({ name: 'old', runtime: 'python3.9' }),
          lambdaFunction({ name: 'image-fn', packageType: 'Image', runtime: null, handler: null }),
        ],
      }),
      daysBeforeDay(python39, -10),
    ),
    expect: [
      { resource: 'old', status: 'not_applicable', message: 'lambda.runtime-deprecated reports it' },
      { resource: 'image-fn', status: 'not_applicable', message: 'runtime is part of the image' },
    ],
  },
  {
    kind: 'not-applicable',
    name: 'on the deprecation day itself the runtime is deprecated, no longer "soon"',
    inventory: at(0, { name: 'today', runtime: 'nodejs22.x' }),
    expect: [{ resource: 'today', status: 'not_applicable', message: 'already deprecated' }],
  },
  regionWithoutFunctions(),
  {
    kind: 'unknown',
    name: 'a runtime newer than the data file, and a .zip function that reports no runtime',
    inventory: inventory({
      functions: [
        lambdaFunction({ name: 'bleeding-edge', runtime: 'nodejs26.x' }),
        lambdaFunction({ name: 'no-runtime', runtime: null }),
      ],
    }),
    expect: [
      { resource: 'bleeding-edge', status: 'unknown', message: 'may be outdated' },
      { resource: 'no-runtime', status: 'unknown', message: 'reports no runtime' },
    ],
  },
  {
    kind: 'unknown',
    name: 'the whole Lambda slice of a region failed',
    inventory: inventory({ regions: { 'eu-west-1': failedLambdaRegion('eu-west-1', 'throttled') } }),
    expect: [{ resource: 'Lambda functions in eu-west-1', status: 'unknown' }],
  },
]);

it('lambda.runtime-deprecating-soon evidence carries the days left and the data file’s date', () => {
  const [r] = evaluateCheck(check, at(30, { name: 'api', runtime: 'nodejs22.x' }));
  assert.equal(r?.evidence.daysUntilDeprecation, 30);
  assert.equal(r?.evidence.deprecation, node22);
  assert.match(String(r?.evidence.dataRetrievedAt), /^\d{4}-\d{2}-\d{2}$/);
});

it('lambda.runtime-deprecating-soon hands over to lambda.runtime-deprecated on the deprecation day, no gap and no overlap', () => {
  const statusOf = (c: typeof check, days: number) =>
    evaluateCheck(c, at(days, { name: 'api', runtime: 'nodejs22.x' }))[0]?.status;
  assert.deepEqual([statusOf(check, 1), statusOf(deprecated, 1)], ['fail', 'pass']);
  assert.deepEqual([statusOf(check, 0), statusOf(deprecated, 0)], ['not_applicable', 'fail']);
});

it('the runtime lifecycle checks have distinct severities, ordered by consequence', () => {
  assert.deepEqual([check.severity, deprecated.severity, blocked.severity], ['low', 'medium', 'high']);
});
