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
    name: 'API Gateway service principal with "AWS:SourceArn" in upper case (Prowler issue #4870)',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'mylambda',
          policy: doc({
            Sid: 'AllowExecutionFromAPIGateway',
            Effect: 'Allow',
            Principal: { Service: ['apigateway.amazonaws.com'] },
            Action: ['lambda:InvokeFunction'],
            Resource: [FN_ARN],
            Condition: {
              ArnLike: { 'AWS:SourceArn': ['arn:aws:execute-api:us-east-1:123456789012:a1b2c3/*/*'] },
            },
          }),
        }),
      ],
    }),
    expect: [{ resource: 'mylambda', status: 'pass' }],
  },
  {
    kind: 'fail',
    name: 'the S3 statement of Prowler issue #4870: a bucket ARN without aws:SourceAccount is a (medium) confused deputy',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'mylambda',
          policy: doc({
            Sid: 'AllowS3Invoke',
            Effect: 'Allow',
            Principal: { Service: ['s3.amazonaws.com'] },
            Action: ['lambda:InvokeFunction'],
            Resource: [FN_ARN],
            Condition: { ArnLike: { 'AWS:SourceArn': ['arn:aws:s3:::mybucket'] } },
          }),
        }),
        lambdaFunction({
          name: 'with-account',
          policy: doc({
            Effect: 'Allow',
            Principal: { Service: ['s3.amazonaws.com'] },
            Action: ['lambda:InvokeFunction'],
            Resource: [FN_ARN],
            Condition: {
              ArnLike: { 'AWS:SourceArn': ['arn:aws:s3:::mybucket'] },
              StringEquals: { 'AWS:SourceAccount': ['123456789012'] },
            },
          }),
        }),
      ],
    }),
    expect: [
      { resource: 'mylambda', status: 'fail', message: 'without aws:SourceAccount' },
      { resource: 'with-account', status: 'pass' },
    ],
  },
  {
    kind: 'fail',
    name: 'a Deny that does not restrict who: aws:SecureTransport false, another action, or an IfExists-free key mismatch',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'tls-only',
          policy: doc(
            {
              Effect: 'Allow',
              Principal: { AWS: ['*'] },
              Action: ['lambda:InvokeFunction'],
              Resource: [FN_ARN],
            },
            {
              Effect: 'Deny',
              Principal: { AWS: ['*'] },
              Action: ['lambda:*'],
              Resource: [FN_ARN],
              Condition: { Bool: { 'aws:SecureTransport': ['false'] } },
            },
          ),
        }),
        lambdaFunction({
          name: 'deny-other-action',
          policy: doc(
            {
              Effect: 'Allow',
              Principal: { AWS: ['*'] },
              Action: ['lambda:InvokeFunction'],
              Resource: [FN_ARN],
            },
            {
              Effect: 'Deny',
              Principal: { AWS: ['*'] },
              Action: ['lambda:GetFunction'],
              Resource: [FN_ARN],
              Condition: { StringNotEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] } },
            },
          ),
        }),
        lambdaFunction({
          name: 'deny-named-only',
          policy: doc(
            {
              Effect: 'Allow',
              Principal: { AWS: ['*'] },
              Action: ['lambda:InvokeFunction'],
              Resource: [FN_ARN],
            },
            {
              Effect: 'Deny',
              Principal: { AWS: ['arn:aws:iam::210987654321:root'] },
              Action: ['lambda:*'],
              Resource: [FN_ARN],
            },
          ),
        }),
      ],
    }),
    expect: [
      { resource: 'tls-only', status: 'fail', message: 'lets anyone invoke' },
      { resource: 'deny-other-action', status: 'fail' },
      { resource: 'deny-named-only', status: 'fail' },
    ],
  },
  {
    kind: 'fail',
    name: 'aws:ResourceAccount and aws:CalledVia do not restrict the caller (a peer counts them as restricting)',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'resource-account',
          policy: doc({
            Effect: 'Allow',
            Principal: { AWS: ['*'] },
            Action: ['lambda:InvokeFunction'],
            Resource: [FN_ARN],
            Condition: {
              StringEquals: {
                'aws:ResourceAccount': ['123456789012'],
                'aws:ResourceOrgID': ['o-a1b2c3d4e5'],
              },
            },
          }),
        }),
        lambdaFunction({
          name: 'called-via',
          policy: doc({
            Effect: 'Allow',
            Principal: { AWS: ['*'] },
            Action: ['lambda:InvokeFunction'],
            Resource: [FN_ARN],
            Condition: { 'ForAnyValue:StringEquals': { 'aws:CalledVia': ['cloudformation.amazonaws.com'] } },
          }),
        }),
      ],
    }),
    expect: [
      { resource: 'resource-account', status: 'fail' },
      { resource: 'called-via', status: 'fail' },
    ],
  },
  {
    kind: 'fail',
    name: 'aws:SourceIp in a public range restricts to a network only (medium), 0.0.0.0/0 restricts nothing',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'office-ip',
          policy: doc({
            Effect: 'Allow',
            Principal: { AWS: ['*'] },
            Action: ['lambda:InvokeFunctionUrl'],
            Resource: [FN_ARN],
            Condition: { IpAddress: { 'aws:SourceIp': ['8.8.8.0/24'] } },
          }),
        }),
        lambdaFunction({
          name: 'everywhere',
          policy: doc({
            Effect: 'Allow',
            Principal: { AWS: ['*'] },
            Action: ['lambda:InvokeFunction'],
            Resource: [FN_ARN],
            Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '0.0.0.0/0'] } },
          }),
        }),
      ],
    }),
    expect: [
      { resource: 'office-ip', status: 'fail', message: 'public address range(s) 8.8.8.0/24' },
      { resource: 'everywhere', status: 'fail', message: 'lets anyone invoke' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'Allow "*" carved down by a Deny: outside the organization, NotPrincipal, and StringNotEquals aws:SourceAccount',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'org-deny',
          policy: doc(
            {
              Effect: 'Allow',
              Principal: { AWS: ['*'] },
              Action: ['lambda:InvokeFunction'],
              Resource: [FN_ARN],
            },
            {
              Effect: 'Deny',
              Principal: { AWS: ['*'] },
              Action: ['lambda:InvokeFunction'],
              Resource: [FN_ARN],
              Condition: { StringNotEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] } },
            },
          ),
        }),
        lambdaFunction({
          name: 'not-principal',
          policy: doc(
            { Effect: 'Allow', Principal: { AWS: ['*'] }, Action: ['lambda:*'], Resource: [FN_ARN] },
            {
              Effect: 'Deny',
              NotPrincipal: { AWS: ['arn:aws:iam::123456789012:root'] },
              Action: ['lambda:*'],
              Resource: [FN_ARN],
            },
          ),
        }),
        lambdaFunction({
          name: 'source-account-deny',
          policy: doc(
            {
              Effect: 'Allow',
              Principal: { Service: ['events.amazonaws.com'] },
              Action: ['lambda:InvokeFunction'],
              Resource: [FN_ARN],
            },
            {
              Effect: 'Deny',
              Principal: { AWS: ['*'] },
              Action: ['lambda:InvokeFunction'],
              Resource: [FN_ARN],
              Condition: { StringNotEquals: { 'aws:SourceAccount': ['123456789012'] } },
            },
          ),
        }),
      ],
    }),
    expect: [
      { resource: 'org-deny', status: 'pass' },
      { resource: 'not-principal', status: 'pass' },
      { resource: 'source-account-deny', status: 'pass' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'conditions no internet caller meets: a private aws:SourceIp, StringEquals "*" (a literal), an S3 key, NotResource "*"',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'private-ip',
          policy: doc({
            Effect: 'Allow',
            Principal: { AWS: ['*'] },
            Action: ['lambda:InvokeFunction'],
            Resource: [FN_ARN],
            Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16', 'fd00::/8'] } },
          }),
        }),
        lambdaFunction({
          name: 'literal-star',
          policy: doc({
            Effect: 'Allow',
            Principal: { AWS: ['*'] },
            Action: ['lambda:InvokeFunction'],
            Resource: [FN_ARN],
            Condition: { StringEquals: { 'aws:SourceAccount': ['*'] } },
          }),
        }),
        lambdaFunction({
          name: 's3-prefix',
          policy: doc({
            Effect: 'Allow',
            Principal: { AWS: ['*'] },
            Action: ['lambda:InvokeFunction'],
            Resource: [FN_ARN],
            Condition: { StringEquals: { 's3:prefix': ['home/'] } },
          }),
        }),
        lambdaFunction({
          name: 'no-resource',
          policy: doc({
            Effect: 'Allow',
            Principal: { AWS: ['*'] },
            Action: ['lambda:InvokeFunction'],
            NotResource: ['*'],
          }),
        }),
      ],
    }),
    expect: [
      { resource: 'private-ip', status: 'pass' },
      { resource: 'literal-star', status: 'pass' },
      { resource: 's3-prefix', status: 'pass' },
      { resource: 'no-resource', status: 'pass' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'Principal "*" restricted to the organization with aws:PrincipalOrgID (Steampipe aws-compliance #952, checkov #7298 false positives), also beside a wildcard-account aws:PrincipalArn (cloud-custodian #10500)',
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
        lambdaFunction({
          name: 'org-role',
          policy: doc({
            Effect: 'Allow',
            Principal: { AWS: ['*'] },
            Action: ['lambda:InvokeFunction'],
            Resource: [FN_ARN],
            Condition: {
              StringEquals: { 'AWS:PrincipalOrgID': ['o-a1b2c3d4e5'] },
              ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/sometestrole-1'] },
            },
          }),
        }),
      ],
    }),
    expect: [
      { resource: 'org-shared', status: 'pass' },
      { resource: 'org-role', status: 'pass' },
    ],
  },
  {
    kind: 'unknown',
    name: 'GetPolicy denied, a policy that could not be parsed, and an aws:SourceIp that is no CIDR',
    inventory: inventory({
      functions: [
        lambdaFunction({ name: 'denied', policy: failed(awsError('GetPolicy')) }),
        lambdaFunction({
          name: 'garbled',
          policy: ok({ parsed: false as const, reason: 'the policy is not valid JSON' }),
        }),
        lambdaFunction({
          name: 'bad-cidr',
          policy: doc({
            Effect: 'Allow',
            Principal: { AWS: ['*'] },
            Action: ['lambda:InvokeFunction'],
            Resource: [FN_ARN],
            Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.300/8'] } },
          }),
        }),
      ],
    }),
    expect: [
      { resource: 'denied', status: 'unknown', message: 'access-denied' },
      { resource: 'garbled', status: 'unknown', message: 'could not be parsed' },
      { resource: 'bad-cidr', status: 'unknown', message: 'cannot be interpreted' },
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
