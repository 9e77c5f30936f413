import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import { failedLambdaRegion, inventory, lambdaFunction } from '../../test/helpers/inventory.js';
import { daysBeforeDay, runtimeEntry, scannedAt } from '../../test/helpers/runtimes.js';
import check from './runtime-update-blocked.js';

// Scan times relative to each runtime's own dates in the data file, never to today's date.
const node12 = runtimeEntry('nodejs12.x');
const python37 = runtimeEntry('python3.7');
const blockUpdate = (e: typeof node12) => e.blockFunctionUpdate ?? '';
const one = (runtime: string, name: string, at: string) =>
  scannedAt(inventory({ functions: [lambdaFunction({ name, runtime })] }), at);

testCheck(check, [
  {
    kind: 'fail',
    name: 'nodejs12.x, ten days after its block-function-update date',
    inventory: one('nodejs12.x', 'ancient', daysBeforeDay(blockUpdate(node12), -10)),
    expect: [{ resource: 'ancient', status: 'fail', message: `blocked since ${blockUpdate(node12)}` }],
  },
  {
    kind: 'fail',
    name: 'the block-function-update day itself',
    inventory: one('nodejs12.x', 'on-the-day', daysBeforeDay(blockUpdate(node12), 0)),
    expect: [{ resource: 'on-the-day', status: 'fail' }],
  },
  {
    kind: 'pass',
    name: 'nodejs12.x the day before updates are blocked, and a current runtime',
    inventory: scannedAt(
      inventory({
        functions: [
          lambdaFunction({ name: 'eve', runtime: 'nodejs12.x' }),
          lambdaFunction({ name: 'current', runtime: 'nodejs24.x' }),
        ],
      }),
      daysBeforeDay(blockUpdate(node12), 1),
    ),
    expect: [
      { resource: 'eve', status: 'pass', message: 'can still be updated' },
      { resource: 'current', status: 'pass' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'python3.7: deprecated and past its block-function-create date, but updates are not blocked yet (create and update blocks are different dates: a check keyed on the earlier one fails it)',
    inventory: one('python3.7', 'create-blocked-only', daysBeforeDay(blockUpdate(python37), 30)),
    expect: [
      {
        resource: 'create-blocked-only',
        status: 'pass',
        message: `creating functions on it is blocked since ${python37.blockFunctionCreate}`,
      },
    ],
  },
  {
    kind: 'not-applicable',
    name: 'a container image has no managed runtime',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'image-fn', packageType: 'Image', runtime: null, handler: null })],
    }),
    expect: [{ resource: 'image-fn', status: 'not_applicable', message: 'runtime is part of the image' }],
  },
  regionWithoutFunctions(),
  {
    kind: 'unknown',
    name: 'a runtime newer than the data file',
    inventory: inventory({ functions: [lambdaFunction({ name: 'bleeding-edge', runtime: 'nodejs26.x' })] }),
    expect: [{ resource: 'bleeding-edge', status: 'unknown', message: 'may be outdated' }],
  },
  {
    kind: 'unknown',
    name: 'the whole Lambda slice of a region failed',
    inventory: inventory({ regions: { 'eu-west-1': failedLambdaRegion('eu-west-1', 'access-denied') } }),
    expect: [{ resource: 'Lambda functions in eu-west-1', status: 'unknown' }],
  },
]);
