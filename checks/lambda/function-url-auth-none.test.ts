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

const FN = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
/** The two statements Lambda adds for an AuthType NONE URL since October 2025 (urls-auth.html). */
const urlGrant = (name: string) => ({
  Sid: 'FunctionURLAllowPublicAccess',
  Effect: 'Allow' as const,
  Principal: { AWS: ['*'] },
  Action: ['lambda:InvokeFunctionUrl'],
  Resource: [FN(name)],
  Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': ['NONE'] } },
});
const invokeViaUrlGrant = (name: string) => ({
  Sid: 'FunctionURLInvokeAllowPublicAccess',
  Effect: 'Allow' as const,
  Principal: { AWS: ['*'] },
  Action: ['lambda:InvokeFunction'],
  Resource: [FN(name)],
  Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': ['true'] } },
});
/** The same inventory scanned at another time (the grace period is judged at the scan time). */
const scannedAt = (inv: ReturnType<typeof inventory>, iso: string) => ({
  ...inv,
  scan: { ...inv.scan, startedAt: iso, finishedAt: iso },
});

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
    name: 'an AuthType NONE URL with both grants Lambda adds is open to anyone',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'webhook',
          urlConfigs: ok([url('webhook', 'NONE')]),
          policy: doc(urlGrant('webhook'), invokeViaUrlGrant('webhook')),
        }),
      ],
    }),
    expect: [{ resource: 'webhook', status: 'fail', message: 'anyone on the internet can invoke' }],
  },
  {
    kind: 'fail',
    name: 'latent: AuthType NONE without any policy, or with only lambda:InvokeFunctionUrl after 2026-11-01',
    inventory: inventory({
      functions: [
        lambdaFunction({ name: 'bare', urlConfigs: ok([url('bare', 'NONE')]) }),
        lambdaFunction({
          name: 'old-url',
          urlConfigs: ok([url('old-url', 'NONE')]),
          policy: doc(urlGrant('old-url')),
        }),
      ],
    }),
    expect: [
      { resource: 'bare', status: 'fail', message: /^latent: .*AuthType NONE.*lambda:InvokeFunctionUrl and/ },
      { resource: 'old-url', status: 'fail', message: /^latent: .*lacks a public lambda:InvokeFunction \(/ },
    ],
  },
  {
    kind: 'fail',
    name: 'before 2026-11-01 a URL made before October 2025 needs only lambda:InvokeFunctionUrl: open',
    inventory: scannedAt(
      inventory({
        functions: [
          lambdaFunction({
            name: 'old-url',
            urlConfigs: ok([url('old-url', 'NONE')]),
            policy: doc(urlGrant('old-url')),
          }),
        ],
      }),
      '2026-10-31T23:59:59.000Z',
    ),
    expect: [{ resource: 'old-url', status: 'fail', message: 'until 2026-11-01' }],
  },
  {
    kind: 'fail',
    name: 'a Deny that does not restrict who (aws:SecureTransport) leaves the URL open',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'tls',
          urlConfigs: ok([url('tls', 'NONE')]),
          policy: doc(urlGrant('tls'), invokeViaUrlGrant('tls'), {
            Effect: 'Deny',
            Principal: { AWS: ['*'] },
            Action: ['lambda:*'],
            Resource: [FN('tls')],
            Condition: { Bool: { 'aws:SecureTransport': ['false'] } },
          }),
        }),
      ],
    }),
    expect: [{ resource: 'tls', status: 'fail', message: 'anyone on the internet' }],
  },
  {
    kind: 'fail',
    name: 'a Deny outside the organization makes an open URL latent (anonymous callers carry no aws:PrincipalOrgID)',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'org-only',
          urlConfigs: ok([url('org-only', 'NONE')]),
          policy: doc(urlGrant('org-only'), invokeViaUrlGrant('org-only'), {
            Effect: 'Deny',
            Principal: { AWS: ['*'] },
            Action: ['lambda:InvokeFunction'],
            Resource: [FN('org-only')],
            Condition: { StringNotEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] } },
          }),
        }),
      ],
    }),
    expect: [{ resource: 'org-only', status: 'fail', message: /^latent: / }],
  },
  {
    kind: 'fail',
    name: 'the open URL is on an alias while the unqualified URL is IAM-authenticated (the alias has no policy: latent)',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'api',
          urlConfigs: ok([url('api', 'AWS_IAM'), { ...url('api', 'NONE', ':live'), policy: ok(null) }]),
        }),
      ],
    }),
    expect: [{ resource: 'api', status: 'fail', message: 'latent: 1 function URL(s) with AuthType NONE' }],
  },
  {
    kind: 'fail',
    name: "an alias URL is opened by the alias's own policy while the function's policy grants nothing",
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'api',
          policy: ok(null),
          urlConfigs: ok([
            {
              ...url('api', 'NONE', ':live'),
              policy: doc(urlGrant('api:live'), invokeViaUrlGrant('api:live')),
            },
          ]),
        }),
      ],
    }),
    expect: [{ resource: 'api', status: 'fail', message: 'anyone on the internet can invoke' }],
  },
  {
    kind: 'fail',
    name: "latent, not open: the function's own policy has both URL grants, but the alias URL is judged by the alias's policy, which has none (a scanner reading only the unqualified policy calls it open)",
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'api',
          policy: doc(urlGrant('api'), invokeViaUrlGrant('api')),
          urlConfigs: ok([{ ...url('api', 'NONE', ':live'), policy: ok(null) }]),
        }),
      ],
    }),
    expect: [
      {
        resource: 'api',
        status: 'fail',
        message: 'but the resource policy of alias live lacks a public lambda:InvokeFunctionUrl',
      },
    ],
  },
  {
    kind: 'unknown',
    name: 'an alias URL whose alias policy was not collected (an inventory written before alias policies were read)',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'api',
          policy: doc(urlGrant('api'), invokeViaUrlGrant('api')),
          urlConfigs: ok([url('api', 'NONE', ':live')]),
        }),
      ],
    }),
    expect: [{ resource: 'api', status: 'unknown', message: 'the resource policy of alias live' }],
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
    kind: 'near-miss',
    name: 'an AWS_IAM URL with a Principal "*" FunctionUrlAuthType AWS_IAM grant, and another whose policy is unreadable: IAM auth needs no policy to be safe',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'signed',
          urlConfigs: ok([url('signed', 'AWS_IAM')]),
          policy: doc({
            ...urlGrant('signed'),
            Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': ['AWS_IAM'] } },
          }),
        }),
        lambdaFunction({
          name: 'signed-unreadable',
          urlConfigs: ok([url('signed-unreadable', 'AWS_IAM')]),
          policy: failed(awsError('GetPolicy')),
        }),
      ],
    }),
    expect: [
      { resource: 'signed', status: 'pass' },
      { resource: 'signed-unreadable', status: 'pass' },
    ],
  },
  {
    kind: 'unknown',
    name: 'an AuthType NONE URL whose policy is unreadable, unparseable, or holds an aws:SourceIp that is no CIDR',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'denied',
          urlConfigs: ok([url('denied', 'NONE')]),
          policy: failed(awsError('GetPolicy')),
        }),
        lambdaFunction({
          name: 'garbled',
          urlConfigs: ok([url('garbled', 'NONE')]),
          policy: ok({ parsed: false as const, reason: 'the policy is not valid JSON' }),
        }),
        lambdaFunction({
          name: 'bad-cidr',
          urlConfigs: ok([url('bad-cidr', 'NONE')]),
          policy: doc(urlGrant('bad-cidr'), {
            ...invokeViaUrlGrant('bad-cidr'),
            Condition: { IpAddress: { 'aws:SourceIp': ['999.0.0.0/8'] } },
          }),
        }),
      ],
    }),
    expect: [
      { resource: 'denied', status: 'unknown', message: 'resource policy could not be read' },
      { resource: 'garbled', status: 'unknown', message: 'could not be parsed' },
      { resource: 'bad-cidr', status: 'unknown', message: 'cannot be interpreted' },
    ],
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
