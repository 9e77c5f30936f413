import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  failed,
  inventory,
  lambdaFunction,
  lambdaRegionInventory,
  ok,
} from '../../test/helpers/inventory.js';
import check from './reserved-concurrency-unset.js';

testCheck(check, [
  {
    kind: 'fail',
    name: 'no reservation: the function shares the whole unreserved pool',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'public-api',
          reservedConcurrency: ok({ value: null, source: 'GetFunction' as const }),
        }),
      ],
    }),
    expect: [{ resource: 'public-api', status: 'fail', message: 'up to all 1000 unreserved executions' }],
  },
  {
    kind: 'pass',
    name: 'reserved concurrency 50, and 0 (throttled off)',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'capped',
          reservedConcurrency: ok({ value: 50, source: 'GetFunction' as const }),
        }),
        lambdaFunction({
          name: 'disabled',
          reservedConcurrency: ok({ value: 0, source: 'GetFunction' as const }),
        }),
      ],
    }),
    expect: [
      { resource: 'capped', status: 'pass', message: 'reserved concurrency is 50' },
      { resource: 'disabled', status: 'pass', message: 'throttled entirely' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'account settings show no reservations (unreserved = total) but GetFunction reports 50: trust the function',
    inventory: inventory({
      regions: {
        'us-east-1': lambdaRegionInventory([
          lambdaFunction({
            name: 'reserved-late',
            reservedConcurrency: ok({ value: 50, source: 'GetFunction' as const }),
          }),
        ]),
      },
    }),
    expect: [{ resource: 'reserved-late', status: 'pass', message: 'reserved concurrency is 50' }],
  },
  {
    kind: 'unknown',
    name: 'GetFunction throttled out, another function readable',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'throttled',
          reservedConcurrency: failed(awsError('GetFunction', 'throttled')),
        }),
        lambdaFunction({
          name: 'readable',
          reservedConcurrency: ok({ value: 10, source: 'GetFunction' as const }),
        }),
      ],
    }),
    expect: [
      { resource: 'throttled', status: 'unknown', message: 'throttled' },
      { resource: 'readable', status: 'pass' },
    ],
  },
  {
    kind: 'unknown',
    name: 'the whole Lambda slice of a region was skipped',
    inventory: inventory({
      regions: {
        'ap-east-1': {
          lambda: { status: 'skipped', reason: 'region not enabled' },
          guardduty: { status: 'skipped', reason: 'region not enabled' },
        },
      },
    }),
    expect: [{ resource: 'Lambda functions in ap-east-1', status: 'unknown', message: 'region not enabled' }],
  },
  regionWithoutFunctions(),
]);
