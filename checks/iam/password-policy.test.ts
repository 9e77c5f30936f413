import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IamData } from '../../src/inventory/schema.js';
import { evaluateCheck, testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  failed,
  iamData,
  inventory,
  ok,
  STRONG_PASSWORD_POLICY,
} from '../../test/helpers/inventory.js';
import check from './password-policy.js';

const ACCOUNT = 'account 123456789012';
const withIam = (over: Partial<IamData>) => inventory({ iam: { status: 'ok', data: iamData(over) } });

testCheck(
  check,
  [
    {
      kind: 'fail',
      name: 'no password policy at all (NoSuchEntity)',
      inventory: withIam({ passwordPolicy: ok(null) }),
      expect: [{ resource: ACCOUNT, status: 'fail', message: 'no password policy' }],
    },
    {
      kind: 'fail',
      name: 'length 8 and 5 remembered passwords: both rules listed',
      inventory: withIam({
        passwordPolicy: ok({
          ...STRONG_PASSWORD_POLICY,
          minimumPasswordLength: 8,
          passwordReusePrevention: 5,
        }),
      }),
      expect: [
        {
          resource: ACCOUNT,
          status: 'fail',
          message:
            'minimum length is 8 (at least 14 wanted); only 5 previous passwords are remembered (24 wanted)',
        },
      ],
    },
    {
      kind: 'fail',
      name: 'long passwords but reuse prevention unset',
      inventory: withIam({
        passwordPolicy: ok({
          ...STRONG_PASSWORD_POLICY,
          minimumPasswordLength: 20,
          passwordReusePrevention: null,
        }),
      }),
      expect: [{ resource: ACCOUNT, status: 'fail', message: 'password reuse is not prevented' }],
    },
    {
      kind: 'pass',
      name: 'length 14 and 24 remembered passwords',
      inventory: withIam({ passwordPolicy: ok(STRONG_PASSWORD_POLICY) }),
      expect: [{ resource: ACCOUNT, status: 'pass', message: 'at least 14 characters' }],
    },
    {
      kind: 'near-miss',
      name: 'no expiry and no character-class rules, as NIST 800-63B advises (prowler#720, prowler#360)',
      inventory: withIam({
        passwordPolicy: ok({
          ...STRONG_PASSWORD_POLICY,
          minimumPasswordLength: 16,
          requireSymbols: false,
          requireNumbers: false,
          requireUppercaseCharacters: false,
          requireLowercaseCharacters: false,
          expirePasswords: false,
          maxPasswordAge: null,
          hardExpiry: false,
        }),
      }),
      expect: [{ resource: ACCOUNT, status: 'pass' }],
    },
    {
      kind: 'unknown',
      name: 'GetAccountPasswordPolicy denied is not "no policy"',
      inventory: withIam({
        passwordPolicy: failed(awsError('GetAccountPasswordPolicy', 'access-denied', 'iam', undefined)),
      }),
      expect: [{ resource: ACCOUNT, status: 'unknown', message: 'GetAccountPasswordPolicy' }],
    },
  ],
  {
    neverNotApplicable: 'the policy is an account setting, and applies the moment a console user is created',
  },
);

describe('iam.password-policy evidence', () => {
  it('lists one line per CIS and FSBP IAM.7 requirement, met or not; the verdict follows the CIS lines', () => {
    const [result] = evaluateCheck(
      check,
      withIam({
        passwordPolicy: ok({ ...STRONG_PASSWORD_POLICY, requireSymbols: false, passwordReusePrevention: 5 }),
      }),
    );
    assert.equal(result?.status, 'fail');
    const lines = result?.evidence.requirements as { id: string; met: boolean }[];
    assert.deepEqual(
      lines.map((l) => [l.id, l.met]),
      [
        ['cis-1.8', true],
        ['cis-1.9', false],
        ['fsbp-iam.7-uppercase', true],
        ['fsbp-iam.7-lowercase', true],
        ['fsbp-iam.7-symbols', false],
        ['fsbp-iam.7-numbers', true],
        ['fsbp-iam.7-length', true],
      ],
    );
    assert.deepEqual(result?.evidence.failedRules, ['cis-1.9']);
  });

  it('marks every line unmet when the account has no policy', () => {
    const [result] = evaluateCheck(check, withIam({ passwordPolicy: ok(null) }));
    const lines = result?.evidence.requirements as { met: boolean; actual: string }[];
    assert.equal(lines.length, 7);
    assert.ok(lines.every((l) => !l.met && l.actual.includes('no password policy')));
  });
});
