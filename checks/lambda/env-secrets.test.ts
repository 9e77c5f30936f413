import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateCheck, regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  failed,
  failedLambdaRegion,
  inventory,
  lambdaFunction,
  ok,
} from '../../test/helpers/inventory.js';
import check from './env-secrets.js';

const KMS = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

testCheck(check, [
  {
    kind: 'fail',
    name: 'an AWS access key and a Slack token in the environment',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'notifier',
          environment: ok([
            {
              name: 'AWS_ACCESS_KEY_ID',
              secret: { detector: 'aws-access-key-id', fingerprint: '3f9a0c11b2de' },
            },
            { name: 'SLACK_TOKEN', secret: { detector: 'slack-token', fingerprint: '77ab01c9e4f0' } },
            { name: 'LOG_LEVEL', secret: null },
          ]),
        }),
      ],
    }),
    expect: [
      {
        resource: 'notifier',
        status: 'fail',
        message: 'AWS_ACCESS_KEY_ID (aws-access-key-id), SLACK_TOKEN (slack-token)',
      },
    ],
  },
  {
    kind: 'fail',
    name: 'a customer-managed KMS key does not make a plaintext secret acceptable',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'encrypted-but-readable',
          kmsKeyArn: KMS,
          environment: ok([
            { name: 'DB_PASSWORD', secret: { detector: 'password-assignment', fingerprint: 'c0ffee123456' } },
          ]),
        }),
      ],
    }),
    expect: [{ resource: 'encrypted-but-readable', status: 'fail', message: 'still reads them in clear' }],
  },
  {
    kind: 'fail',
    name: 'the value says which credential it is: provider, kind and confidence in the message',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'billing',
          environment: ok([
            {
              name: 'PAYMENTS_CONFIG',
              secret: {
                detector: 'pattern:stripe-secret-key',
                fingerprint: 'aa11bb22cc33',
                confidence: 'value-match',
                provider: 'Stripe',
                kind: 'Stripe live secret key',
              },
            },
          ]),
        }),
      ],
    }),
    expect: [
      {
        resource: 'billing',
        status: 'fail',
        message: 'PAYMENTS_CONFIG (Stripe live secret key, value-match)',
      },
    ],
  },
  {
    kind: 'near-miss',
    name: 'placeholders, references and public values under secret names pass, and the evidence says why',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'templated',
          environment: ok([
            {
              name: 'API_KEY',
              secret: null,
              clean: { reason: 'placeholder', detail: 'an <angle-bracket> placeholder' },
            },
            {
              name: 'DB_CREDENTIALS',
              secret: null,
              clean: { reason: 'reference', detail: 'a Secrets Manager secret name' },
            },
            {
              name: 'STRIPE_KEY',
              secret: null,
              clean: { reason: 'public-value', detail: 'a Stripe publishable key' },
            },
          ]),
        }),
      ],
    }),
    expect: [
      {
        resource: 'templated',
        status: 'pass',
        message: 'STRIPE_KEY is a Stripe publishable key (public-value)',
      },
    ],
  },
  {
    kind: 'pass',
    name: 'ordinary settings',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'configured',
          environment: ok([
            { name: 'LOG_LEVEL', secret: null },
            { name: 'TABLE_NAME', secret: null },
          ]),
        }),
      ],
    }),
    expect: [{ resource: 'configured', status: 'pass', message: 'none of the 2' }],
  },
  {
    kind: 'not-applicable',
    name: 'a function with no environment variables',
    inventory: inventory({ functions: [lambdaFunction({ name: 'bare' })] }),
    expect: [{ resource: 'bare', status: 'not_applicable', message: 'no environment variables' }],
  },
  regionWithoutFunctions(),
  {
    kind: 'near-miss',
    name: 'secret-sounding names that hold references, not secrets (name-based scanners flag these)',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'uses-secrets-manager',
          environment: ok([
            { name: 'SECRET_ARN', secret: null },
            { name: 'SECRETS_MANAGER_SECRET_ID', secret: null },
            { name: 'KMS_KEY_ID', secret: null },
            { name: 'TOKEN_TTL_SECONDS', secret: null },
          ]),
        }),
      ],
    }),
    expect: [{ resource: 'uses-secrets-manager', status: 'pass' }],
  },
  {
    kind: 'unknown',
    name: 'the Lambda slice of a region failed, another region readable',
    inventory: inventory({
      regions: {
        'eu-west-1': failedLambdaRegion('eu-west-1'),
      },
      functions: [lambdaFunction({ name: 'readable' })],
    }),
    expect: [
      { resource: 'Lambda functions in eu-west-1', status: 'unknown' },
      { resource: 'readable', status: 'not_applicable' },
    ],
  },
  {
    kind: 'unknown',
    name: 'Lambda could not decrypt the variables (KMS key disabled): unknown, not "no secrets"',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'kms-broken',
          environment: failed({ ...awsError('ListFunctions', 'other'), code: 'KMSDisabledException' }),
        }),
      ],
    }),
    expect: [{ resource: 'kms-broken', status: 'unknown', message: 'KMSDisabledException' }],
  },
]);

describe('lambda.env-secrets never leaks', () => {
  it('keeps names, detectors and fingerprints only', () => {
    const inv = inventory({
      functions: [
        lambdaFunction({
          name: 'notifier',
          environment: ok([
            { name: 'API_KEY', secret: { detector: 'generic-api-key', fingerprint: '0123456789ab' } },
          ]),
        }),
      ],
    });
    const [r] = evaluateCheck(check, inv);
    assert.deepEqual(r?.evidence.variables, [
      { name: 'API_KEY', detector: 'generic-api-key', fingerprint: '0123456789ab' },
    ]);
    assert.deepEqual(Object.keys(r?.evidence ?? {}).sort(), ['kmsKeyArn', 'variables']);
  });
});
