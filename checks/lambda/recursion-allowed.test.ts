import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  failed,
  failedLambdaRegion,
  inventory,
  lambdaFunction,
  ok,
} from '../../test/helpers/inventory.js';
import check from './recursion-allowed.js';

testCheck(check, [
  {
    kind: 'fail',
    name: 'RecursiveLoop set to Allow',
    inventory: inventory({ functions: [lambdaFunction({ name: 'fanout', recursiveLoop: ok('Allow') })] }),
    expect: [{ resource: 'fanout', status: 'fail', message: 'RecursiveLoop is Allow' }],
  },
  {
    kind: 'pass',
    name: 'RecursiveLoop Terminate, the default',
    inventory: inventory({ functions: [lambdaFunction({ name: 'resize', recursiveLoop: ok('Terminate') })] }),
    expect: [{ resource: 'resize', status: 'pass', message: 'Terminate' }],
  },
  {
    kind: 'near-miss',
    name: 'a function that reserves concurrency and is wired to its own queue, but keeps Terminate, passes (the wiring is not the setting)',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'requeue',
          recursiveLoop: ok('Terminate'),
          reservedConcurrency: ok({ value: 5, source: 'GetFunction' }),
        }),
      ],
    }),
    expect: [{ resource: 'requeue', status: 'pass' }],
  },
  regionWithoutFunctions(),
  {
    kind: 'unknown',
    name: 'GetFunctionRecursionConfig is not offered in the region: unknown with that reason, never pass',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'edge',
          recursiveLoop: failed({
            ...awsError('GetFunctionRecursionConfig', 'other'),
            code: 'UnknownOperationException',
          }),
        }),
      ],
    }),
    expect: [{ resource: 'edge', status: 'unknown', message: 'not available in us-east-1' }],
  },
  {
    kind: 'unknown',
    name: 'access denied',
    inventory: inventory({
      functions: [
        lambdaFunction({ name: 'x', recursiveLoop: failed(awsError('GetFunctionRecursionConfig')) }),
      ],
    }),
    expect: [
      { resource: 'x', status: 'unknown', message: 'recursive loop detection setting could not be read' },
    ],
  },
  {
    kind: 'unknown',
    name: 'not collected (a scan without --deep)',
    inventory: inventory({ functions: [lambdaFunction({ name: 'x' })] }),
    expect: [{ resource: 'x', status: 'unknown', message: 'not collected' }],
  },
  {
    kind: 'unknown',
    name: 'Lambda returned no setting',
    inventory: inventory({ functions: [lambdaFunction({ name: 'x', recursiveLoop: ok(null) })] }),
    expect: [{ resource: 'x', status: 'unknown', message: 'no recursive loop detection setting' }],
  },
  {
    kind: 'unknown',
    name: 'the whole Lambda slice of a region failed',
    inventory: inventory({ regions: { 'eu-west-1': failedLambdaRegion('eu-west-1') } }),
    expect: [{ resource: 'Lambda functions in eu-west-1', status: 'unknown' }],
  },
]);
