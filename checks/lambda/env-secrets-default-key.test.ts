import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  failed,
  failedLambdaRegion,
  inventory,
  lambdaFunction,
  ok,
} from '../../test/helpers/inventory.js';
import check from './env-secrets-default-key.js';

const KMS = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const secret = (name: string, detector: string) => ({
  name,
  secret: { detector, fingerprint: '3f9a0c11b2de', confidence: 'value-match' as const },
});

testCheck(check, [
  {
    kind: 'fail',
    name: 'a GitHub token in the environment, no customer managed key',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'deployer',
          environment: ok([secret('GITHUB_TOKEN', 'github-token'), { name: 'LOG_LEVEL', secret: null }]),
        }),
      ],
    }),
    expect: [
      {
        resource: 'deployer',
        status: 'fail',
        message: '(GITHUB_TOKEN) are encrypted only with the AWS managed key',
      },
    ],
  },
  {
    kind: 'pass',
    name: 'the same secret under a customer managed key',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'deployer',
          kmsKeyArn: KMS,
          environment: ok([secret('GITHUB_TOKEN', 'github-token')]),
        }),
      ],
    }),
    expect: [{ resource: 'deployer', status: 'pass', message: 'customer managed key' }],
  },
  {
    kind: 'near-miss',
    name: 'variables without a secret and no KMS key are not a finding (Checkov CKV_AWS_173 fails every function with variables and no key: data-dot-all#1201), beside a secret under a customer managed key',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'config-only',
          environment: ok([
            {
              name: 'SECRET_ARN',
              secret: null,
              clean: { reason: 'reference', detail: 'a Secrets Manager ARN' },
            },
            { name: 'TABLE_NAME', secret: null },
          ]),
        }),
        lambdaFunction({
          name: 'protected',
          kmsKeyArn: KMS,
          environment: ok([secret('DB_PASSWORD', 'password-assignment')]),
        }),
      ],
    }),
    expect: [
      { resource: 'config-only', status: 'not_applicable', message: 'no secret for a key to protect' },
      { resource: 'protected', status: 'pass' },
    ],
  },
  {
    kind: 'not-applicable',
    name: 'a function without environment variables',
    inventory: inventory({ functions: [lambdaFunction({ name: 'bare', environment: ok([]) })] }),
    expect: [{ resource: 'bare', status: 'not_applicable', message: 'no environment variables' }],
  },
  regionWithoutFunctions(),
  {
    kind: 'unknown',
    name: 'Lambda could not decrypt the variables (a KMS key it may not use), and variables not collected',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'undecryptable',
          kmsKeyArn: KMS,
          environment: failed(awsError('ListFunctions', 'other')),
        }),
        lambdaFunction({ name: 'not-collected', environment: undefined }),
      ],
    }),
    expect: [
      { resource: 'undecryptable', status: 'unknown', message: 'could not be read' },
      { resource: 'not-collected', status: 'unknown', message: 'not collected' },
    ],
  },
  {
    kind: 'unknown',
    name: 'the whole Lambda slice of a region failed',
    inventory: inventory({ regions: { 'eu-west-1': failedLambdaRegion('eu-west-1') } }),
    expect: [{ resource: 'Lambda functions in eu-west-1', status: 'unknown' }],
  },
]);
