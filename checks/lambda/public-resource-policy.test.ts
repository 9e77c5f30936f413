import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  doc,
  failed,
  failedLambdaRegion,
  inventory,
  lambdaFunction,
  ok,
} from '../../test/helpers/inventory.js';
import check from './public-resource-policy.js';

const FN_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:api';

testCheck(check, [
  {
    kind: 'fail',
    name: 'Principal "*" may invoke with no condition (add-permission --principal "*")',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'open',
          policy: doc({
            Sid: 'public-invoke',
            Effect: 'Allow',
            Principal: { AWS: ['*'] },
            Action: ['lambda:InvokeFunction'],
            Resource: [FN_ARN],
          }),
        }),
      ],
    }),
    expect: [{ resource: 'open', status: 'fail', message: 'statement "public-invoke" lets anyone invoke' }],
  },
  {
    kind: 'fail',
    name: 'the public function-URL permission (FunctionUrlAuthType NONE) is public',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'webhook',
          policy: doc({
            Sid: 'FunctionURLAllowPublicAccess',
            Effect: 'Allow',
            Principal: { AWS: ['*'] },
            Action: ['lambda:InvokeFunctionUrl'],
            Resource: [FN_ARN],
            Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': ['NONE'] } },
          }),
        }),
      ],
    }),
    expect: [{ resource: 'webhook', status: 'fail', message: 'through its function URL' }],
  },
  {
    kind: 'fail',
    name: 's3.amazonaws.com with no source condition: any bucket of any account can invoke',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'thumbnailer',
          policy: doc({
            Sid: 's3-invoke',
            Effect: 'Allow',
            Principal: { Service: ['s3.amazonaws.com'] },
            Action: ['lambda:InvokeFunction'],
            Resource: [FN_ARN],
          }),
        }),
      ],
    }),
    expect: [{ resource: 'thumbnailer', status: 'fail', message: 'confused deputy' }],
  },
  {
    kind: 'fail',
    name: 'a wildcard in a Like condition does not restrict, nor does an IfExists operator',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'like-star',
          policy: doc({
            Effect: 'Allow',
            Principal: { AWS: ['*'] },
            Action: ['lambda:*'],
            Resource: [FN_ARN],
            Condition: { StringLike: { 'aws:SourceAccount': ['*'] } },
          }),
        }),
        lambdaFunction({
          name: 'if-exists',
          policy: doc({
            Effect: 'Allow',
            Principal: { AWS: ['*'] },
            Action: ['lambda:InvokeFunction'],
            Resource: [FN_ARN],
            Condition: { StringEqualsIfExists: { 'aws:SourceAccount': ['123456789012'] } },
          }),
        }),
      ],
    }),
    expect: [
      { resource: 'like-star', status: 'fail' },
      { resource: 'if-exists', status: 'fail' },
    ],
  },
  {
    kind: 'fail',
    name: 'FunctionUrlAuthType AWS_IAM with Principal "*" still admits every AWS account',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'iam-url',
          policy: doc({
            Effect: 'Allow',
            Principal: { AWS: ['*'] },
            Action: ['lambda:InvokeFunctionUrl'],
            Resource: [FN_ARN],
            Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': ['AWS_IAM'] } },
          }),
        }),
      ],
    }),
    expect: [{ resource: 'iam-url', status: 'fail', message: 'any AWS account' }],
  },
  {
    kind: 'fail',
    name: 'a public GetFunction grant hands out code and environment even without invoke',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'readable-code',
          policy: doc({
            Effect: 'Allow',
            Principal: { AWS: ['*'] },
            Action: ['lambda:GetFunction'],
            Resource: [FN_ARN],
          }),
        }),
      ],
    }),
    expect: [{ resource: 'readable-code', status: 'fail', message: 'lambda:GetFunction' }],
  },
  {
    kind: 'pass',
    name: 'no resource policy, a named account, and a Deny of everyone',
    inventory: inventory({
      functions: [
        lambdaFunction({ name: 'private' }),
        lambdaFunction({
          name: 'partner',
          policy: doc({
            Effect: 'Allow',
            Principal: { AWS: ['arn:aws:iam::210987654321:root'] },
            Action: ['lambda:InvokeFunction'],
            Resource: [FN_ARN],
          }),
        }),
        lambdaFunction({
          name: 'denied',
          policy: doc({
            Effect: 'Deny',
            Principal: { AWS: ['*'] },
            Action: ['lambda:*'],
            Resource: [FN_ARN],
          }),
        }),
      ],
    }),
    expect: [
      { resource: 'private', status: 'pass', message: 'no resource-based policy' },
      { resource: 'partner', status: 'pass' },
      { resource: 'denied', status: 'pass' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'API Gateway pattern: Principal "*" with ArnLike aws:SourceArn execute-api (Security Hub FP on wildcards)',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'api',
          policy: doc({
            Sid: 'apigw-invoke',
            Effect: 'Allow',
            Principal: { AWS: ['*'] },
            Action: ['lambda:InvokeFunction'],
            Resource: [FN_ARN],
            Condition: {
              ArnLike: { 'aws:SourceArn': ['arn:aws:execute-api:us-east-1:123456789012:a1b2c3/*/POST/hook'] },
            },
          }),
        }),
      ],
    }),
    expect: [{ resource: 'api', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'S3 and API Gateway service principals with "AWS:SourceArn" in upper case (Prowler issue #4870)',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'mylambda',
          policy: doc(
            {
              Sid: 'AllowS3Invoke',
              Effect: 'Allow',
              Principal: { Service: ['s3.amazonaws.com'] },
              Action: ['lambda:InvokeFunction'],
              Resource: [FN_ARN],
              Condition: { ArnLike: { 'AWS:SourceArn': ['arn:aws:s3:::mybucket'] } },
            },
            {
              Sid: 'AllowExecutionFromAPIGateway',
              Effect: 'Allow',
              Principal: { Service: ['apigateway.amazonaws.com'] },
              Action: ['lambda:InvokeFunction'],
              Resource: [FN_ARN],
              Condition: {
                ArnLike: { 'AWS:SourceArn': ['arn:aws:execute-api:us-east-1:123456789012:a1b2c3/*/*'] },
              },
            },
          ),
        }),
      ],
    }),
    expect: [{ resource: 'mylambda', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'Principal "*" restricted to the organization with aws:PrincipalOrgID',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'org-shared',
          policy: doc({
            Effect: 'Allow',
            Principal: { AWS: ['*'] },
            Action: ['lambda:InvokeFunction'],
            Resource: [FN_ARN],
            Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] } },
          }),
        }),
      ],
    }),
    expect: [{ resource: 'org-shared', status: 'pass' }],
  },
  {
    kind: 'unknown',
    name: 'GetPolicy denied, and a policy that could not be parsed',
    inventory: inventory({
      functions: [
        lambdaFunction({ name: 'denied', policy: failed(awsError('GetPolicy')) }),
        lambdaFunction({
          name: 'garbled',
          policy: ok({ parsed: false as const, reason: 'the policy is not valid JSON' }),
        }),
      ],
    }),
    expect: [
      { resource: 'denied', status: 'unknown', message: 'access-denied' },
      { resource: 'garbled', status: 'unknown', message: 'could not be parsed' },
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
  regionWithoutFunctions(),
]);
