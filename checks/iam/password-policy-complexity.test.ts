import type { IamData } from '../../src/inventory/schema.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  failed,
  iamData,
  inventory,
  ok,
  STRONG_PASSWORD_POLICY,
} from '../../test/helpers/inventory.js';
import check from './password-policy-complexity.js';

const ACCOUNT = 'account 123456789012';
const withIam = (over: Partial<IamData>) => inventory({ iam: { status: 'ok', data: iamData(over) } });

testCheck(
  check,
  [
    {
      kind: 'fail',
      name: 'no password policy at all',
      inventory: withIam({ passwordPolicy: ok(null) }),
      expect: [{ resource: ACCOUNT, status: 'fail', message: 'no password policy' }],
    },
    {
      kind: 'fail',
      name: 'no symbol required and length 6',
      inventory: withIam({
        passwordPolicy: ok({ ...STRONG_PASSWORD_POLICY, requireSymbols: false, minimumPasswordLength: 6 }),
      }),
      expect: [{ resource: ACCOUNT, status: 'fail', message: 'does not require a symbol; minimum length 6' }],
    },
    {
      kind: 'pass',
      name: 'the four classes and length 14',
      inventory: withIam({ passwordPolicy: ok(STRONG_PASSWORD_POLICY) }),
      expect: [{ resource: ACCOUNT, status: 'pass', message: 'at least 14 characters' }],
    },
    {
      kind: 'near-miss',
      name: 'length exactly 8, no expiry, no reuse history: IAM.7 sets neither by default (AWS Config’s iam-password-policy defaults of 90 days and 24 are not IAM.7’s)',
      inventory: withIam({
        passwordPolicy: ok({
          ...STRONG_PASSWORD_POLICY,
          minimumPasswordLength: 8,
          passwordReusePrevention: null,
          expirePasswords: false,
          maxPasswordAge: null,
        }),
      }),
      expect: [{ resource: ACCOUNT, status: 'pass', message: 'at least 8 characters' }],
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
