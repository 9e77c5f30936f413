import { testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  doc,
  failed,
  failedLambdaRegion,
  inventory,
  lambdaFunction,
  lambdaRegionInventory,
  ok,
} from '../../test/helpers/inventory.js';
import check from './function-url-auth-none.js';

const url = (name: string, authType: string, qualifier = '', allowOrigins: string[] | null = null) => ({
  url: `https://${name}abc123.lambda-url.us-east-1.on.aws/`,
  functionArn: `arn:aws:lambda:us-east-1:123456789012:function:${name}${qualifier}`,
  authType,
  invokeMode: 'BUFFERED',
  cors: allowOrigins ? { allowOrigins, allowCredentials: false } : null,
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
    name: 'an AWS_IAM URL behind CloudFront origin access control, with CORS for one app and a cloudfront.amazonaws.com permission (UnitOneAI/SecuritySkills#1477 false positive)',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'private-api',
          urlConfigs: ok([url('private-api', 'AWS_IAM', '', ['https://app.example.com'])]),
          policy: doc({
            Sid: 'AllowCloudFrontFunctionUrl',
            Effect: 'Allow',
            Principal: { Service: ['cloudfront.amazonaws.com'] },
            Action: ['lambda:InvokeFunctionUrl'],
            Resource: ['arn:aws:lambda:us-east-1:123456789012:function:private-api'],
            Condition: {
              StringEquals: { 'lambda:FunctionUrlAuthType': ['AWS_IAM'] },
              ArnLike: { 'AWS:SourceArn': ['arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL'] },
            },
          }),
        }),
      ],
    }),
    expect: [{ resource: 'private-api', status: 'pass' }],
  },
  {
    kind: 'not-applicable',
    name: 'a function without a URL, and a region without functions',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'no-url', urlConfigs: ok([]) })],
      regions: { 'eu-west-1': lambdaRegionInventory([]) },
    }),
    expect: [
      { resource: 'no-url', status: 'not_applicable', message: 'no URL' },
      { resource: 'Lambda functions in eu-west-1', status: 'not_applicable', message: 'no Lambda functions' },
    ],
  },
  {
    kind: 'unknown',
    name: 'ListFunctionUrlConfigs denied, another function readable',
    inventory: inventory({
      functions: [
        lambdaFunction({ name: 'denied', urlConfigs: failed(awsError('ListFunctionUrlConfigs')) }),
        lambdaFunction({ name: 'readable', urlConfigs: ok([url('readable', 'AWS_IAM')]) }),
      ],
    }),
    expect: [
      { resource: 'denied', status: 'unknown', message: 'access-denied' },
      { resource: 'readable', status: 'pass' },
    ],
  },
  {
    kind: 'unknown',
    name: 'the URLs were not collected (the scan that saved the inventory did not select this check)',
    inventory: inventory({ functions: [lambdaFunction({ name: 'unplanned', urlConfigs: undefined })] }),
    expect: [{ resource: 'unplanned', status: 'unknown', message: 'was not collected' }],
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
