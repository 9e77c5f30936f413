import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import { failedLambdaRegion, inventory, lambdaFunction } from '../../test/helpers/inventory.js';
import check from './tracing-not-active.js';

testCheck(check, [
  {
    kind: 'fail',
    name: 'PassThrough, the default, counts as not tracing (Checkov CKV_AWS_50 first passed any tracing_config block, and Snyk’s advice names PassThrough as a fix)',
    inventory: inventory({ functions: [lambdaFunction({ name: 'untraced', tracingMode: 'PassThrough' })] }),
    expect: [{ resource: 'untraced', status: 'fail', message: 'tracing mode is PassThrough' }],
  },
  {
    kind: 'pass',
    name: 'Active tracing',
    inventory: inventory({ functions: [lambdaFunction({ name: 'traced', tracingMode: 'Active' })] }),
    expect: [{ resource: 'traced', status: 'pass', message: 'Active' }],
  },
  {
    kind: 'near-miss',
    name: 'a container-image function with Active tracing passes (tracing is a function setting, not a runtime one)',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'image-traced',
          packageType: 'Image',
          runtime: null,
          handler: null,
          tracingMode: 'Active',
        }),
      ],
    }),
    expect: [{ resource: 'image-traced', status: 'pass' }],
  },
  regionWithoutFunctions(),
  {
    kind: 'unknown',
    name: 'no tracing mode reported',
    inventory: inventory({ functions: [lambdaFunction({ name: 'odd', tracingMode: null })] }),
    expect: [{ resource: 'odd', status: 'unknown', message: 'no tracing mode' }],
  },
  {
    kind: 'unknown',
    name: 'the whole Lambda slice of a region failed',
    inventory: inventory({ regions: { 'eu-west-1': failedLambdaRegion('eu-west-1') } }),
    expect: [{ resource: 'Lambda functions in eu-west-1', status: 'unknown' }],
  },
]);
