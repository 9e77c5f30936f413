import { testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  failed,
  failedLambdaRegion,
  inventory,
  lambdaFunction,
  ok,
} from '../../test/helpers/inventory.js';
import check from './function-url-auth-none.js';

const url = (name: string, authType: string, qualifier = '') => ({
  url: `https://${name}abc123.lambda-url.us-east-1.on.aws/`,
  functionArn: `arn:aws:lambda:us-east-1:123456789012:function:${name}${qualifier}`,
  authType,
  invokeMode: 'BUFFERED',
  cors: null,
});

testCheck(check, [
  {
    kind: 'fail',
    name: 'a URL with AuthType NONE',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'webhook', urlConfigs: ok([url('webhook', 'NONE')]) })],
    }),
    expect: [{ resource: 'webhook', status: 'fail', message: 'AuthType NONE' }],
  },
  {
    kind: 'fail',
    name: 'the open URL is on an alias while the unqualified URL is IAM-authenticated',
    inventory: inventory({
      functions: [
        lambdaFunction({ name: 'api', urlConfigs: ok([url('api', 'AWS_IAM'), url('api', 'NONE', ':live')]) }),
      ],
    }),
    expect: [{ resource: 'api', status: 'fail' }],
  },
  {
    kind: 'pass',
    name: 'a URL with AuthType AWS_IAM',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'internal', urlConfigs: ok([url('internal', 'AWS_IAM')]) })],
    }),
    expect: [{ resource: 'internal', status: 'pass', message: 'require IAM' }],
  },
  {
    kind: 'near-miss',
    name: 'a function with a public resource policy but no URL is not this check’s finding',
    inventory: inventory({ functions: [lambdaFunction({ name: 'no-url', urlConfigs: ok([]) })] }),
    expect: [{ resource: 'no-url', status: 'pass', message: 'no URL' }],
  },
  {
    kind: 'unknown',
    name: 'ListFunctionUrlConfigs denied, another function readable',
    inventory: inventory({
      functions: [
        lambdaFunction({ name: 'denied', urlConfigs: failed(awsError('ListFunctionUrlConfigs')) }),
        lambdaFunction({ name: 'readable' }),
      ],
    }),
    expect: [
      { resource: 'denied', status: 'unknown', message: 'access-denied' },
      { resource: 'readable', status: 'pass' },
    ],
  },
  {
    kind: 'unknown',
    name: 'the whole Lambda slice of a region failed',
    inventory: inventory({
      regions: {
        'eu-west-1': failedLambdaRegion('eu-west-1'),
      },
    }),
    expect: [{ resource: 'Lambda functions in eu-west-1', status: 'unknown' }],
  },
]);
