import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateCheck, regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import { awsError, failed, inventory, lambdaFunction, ok } from '../../test/helpers/inventory.js';
import check from './env-default-credential.js';

testCheck(check, [
  {
    kind: 'fail',
    name: 'an admin password left at its default',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'reporting',
          environment: ok([
            { name: 'ADMIN_PASSWORD', secret: null, defaultCredential: { fingerprint: 'ab12cd34ef56' } },
            { name: 'LOG_LEVEL', secret: null },
          ]),
        }),
      ],
    }),
    expect: [
      {
        resource: 'reporting',
        status: 'fail',
        message: '1 password variable(s) hold a well-known default password: ADMIN_PASSWORD',
      },
    ],
  },
  {
    kind: 'pass',
    name: 'a real (leaked) password is the other check’s finding, not this one’s',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'orders',
          environment: ok([
            {
              name: 'DB_PASSWORD',
              secret: {
                detector: 'name-heuristic:PASSWORD',
                fingerprint: '0123456789ab',
                confidence: 'name-only',
              },
            },
          ]),
        }),
      ],
    }),
    expect: [{ resource: 'orders', status: 'pass', message: 'none of the 1' }],
  },
  {
    kind: 'near-miss',
    name: 'a template placeholder under a password name (flagged as "default" by naive scanners)',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'templated',
          environment: ok([
            {
              name: 'DB_PASSWORD',
              secret: null,
              clean: { reason: 'placeholder', detail: 'a template variable' },
            },
            { name: 'PASSWORD_POLICY', secret: null },
          ]),
        }),
      ],
    }),
    expect: [{ resource: 'templated', status: 'pass' }],
  },
  {
    kind: 'not-applicable',
    name: 'a function with no environment variables',
    inventory: inventory({ functions: [lambdaFunction({ name: 'bare' })] }),
    expect: [{ resource: 'bare', status: 'not_applicable', message: 'no environment variables' }],
  },
  regionWithoutFunctions(),
  {
    kind: 'unknown',
    name: 'Lambda could not decrypt the variables: unknown, not "no default password"',
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

describe('lambda.env-default-credential never leaks', () => {
  it('keeps names and fingerprints only', () => {
    const inv = inventory({
      functions: [
        lambdaFunction({
          name: 'f',
          environment: ok([
            { name: 'DB_PASS', secret: null, defaultCredential: { fingerprint: '0123456789ab' } },
          ]),
        }),
      ],
    });
    const [r] = evaluateCheck(check, inv);
    assert.deepEqual(r?.evidence, { variables: [{ name: 'DB_PASS', fingerprint: '0123456789ab' }] });
  });
});
