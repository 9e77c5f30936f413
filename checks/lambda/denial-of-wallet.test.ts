import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import { awsError, doc, failed, inventory, lambdaFunction, ok } from '../../test/helpers/inventory.js';
import check from './denial-of-wallet.js';

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
const publicInvoke = (name: string) => ({
  Sid: 'AllowPublicInvoke',
  Effect: 'Allow' as const,
  Principal: { AWS: ['*'] },
  Action: ['lambda:InvokeFunction'],
  Resource: [FN(name)],
});
const url = (name: string, authType: string) => ({
  url: `https://${name}abc123.lambda-url.us-east-1.on.aws/`,
  functionArn: FN(name),
  authType,
  invokeMode: 'BUFFERED',
  cors: null,
});
const reserved = (value: number | null) => ok({ value, source: 'GetFunction' as const });

testCheck(check, [
  {
    kind: 'fail',
    name: 'Principal "*" may call the Invoke API, or an open AuthType NONE URL, and nothing reserved',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'api',
          policy: doc(publicInvoke('api')),
          reservedConcurrency: reserved(null),
        }),
        lambdaFunction({
          name: 'webhook',
          urlConfigs: ok([url('webhook', 'NONE')]),
          policy: doc(urlGrant('webhook'), invokeViaUrlGrant('webhook')),
          reservedConcurrency: reserved(null),
        }),
      ],
    }),
    expect: [
      {
        resource: 'api',
        status: 'fail',
        message: 'through the Invoke API (resource-policy statement "AllowPublicInvoke")',
      },
      {
        resource: 'webhook',
        status: 'fail',
        message: 'through its AuthType NONE URL, and no reserved concurrency',
      },
    ],
  },
  {
    kind: 'pass',
    name: 'public, but capped at 25, or throttled off with 0',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'capped',
          policy: doc(publicInvoke('capped')),
          reservedConcurrency: reserved(25),
        }),
        lambdaFunction({ name: 'off', policy: doc(publicInvoke('off')), reservedConcurrency: reserved(0) }),
      ],
    }),
    expect: [
      { resource: 'capped', status: 'pass', message: 'caps it at 25' },
      { resource: 'off', status: 'pass', message: 'throttles it off' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'an AuthType NONE URL lacking the lambda:InvokeFunction grant refuses every request since 2026-11-01 (Prowler awslambda_function_url_public fails on AuthType alone), and Principal "*" pinned by AWS:SourceArn to an API',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'latent',
          urlConfigs: ok([url('latent', 'NONE')]),
          policy: doc(urlGrant('latent')),
          reservedConcurrency: reserved(null),
        }),
        lambdaFunction({
          name: 'behind-api',
          policy: doc({
            ...publicInvoke('behind-api'),
            Condition: {
              ArnLike: { 'AWS:SourceArn': ['arn:aws:execute-api:us-east-1:123456789012:abc123/*/POST/x'] },
            },
          }),
          reservedConcurrency: reserved(null),
        }),
        lambdaFunction({
          name: 'capped',
          policy: doc(publicInvoke('capped')),
          reservedConcurrency: reserved(5),
        }),
      ],
    }),
    expect: [
      { resource: 'latent', status: 'not_applicable', message: 'nobody outside can invoke' },
      { resource: 'behind-api', status: 'not_applicable' },
      { resource: 'capped', status: 'pass' },
    ],
  },
  {
    kind: 'unknown',
    name: 'an AuthType NONE URL whose policy could not be read; a public function whose reservation could not be read; a readable public policy proves it despite a failed URL read',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'policy-denied',
          urlConfigs: ok([url('policy-denied', 'NONE')]),
          policy: failed(awsError('GetPolicy')),
        }),
        lambdaFunction({
          name: 'concurrency-throttled',
          policy: doc(publicInvoke('concurrency-throttled')),
          reservedConcurrency: failed(awsError('GetFunction', 'throttled')),
        }),
        lambdaFunction({
          name: 'urls-denied',
          urlConfigs: failed(awsError('ListFunctionUrlConfigs')),
          policy: doc(publicInvoke('urls-denied')),
          reservedConcurrency: reserved(null),
        }),
      ],
    }),
    expect: [
      { resource: 'policy-denied', status: 'unknown', message: 'the resource policy could not be read' },
      {
        resource: 'concurrency-throttled',
        status: 'unknown',
        message: 'reserved concurrency could not be read',
      },
      { resource: 'urls-denied', status: 'fail' },
    ],
  },
  {
    kind: 'not-applicable',
    name: 'a function with no policy and an AWS_IAM URL',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'private', urlConfigs: ok([url('private', 'AWS_IAM')]) })],
    }),
    expect: [{ resource: 'private', status: 'not_applicable' }],
  },
  regionWithoutFunctions(),
]);
