import type { CredentialReportRow } from '../../src/inventory/schema.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  credRow,
  failed,
  iamData,
  inventory,
  reportAt,
  withCredentialRows,
} from '../../test/helpers/inventory.js';
import check from './user-console-no-mfa.js';

const rootRow = credRow({ user: '<root_account>', mfaActive: false });
const withRows = (...rows: CredentialReportRow[]) => withCredentialRows(rootRow, ...rows);

testCheck(check, [
  {
    kind: 'fail',
    name: 'a console user without MFA, beside one with MFA; root (no MFA) is not judged here',
    inventory: withRows(
      credRow({
        user: 'alice',
        passwordEnabled: true,
        mfaActive: false,
        passwordLastUsed: reportAt(12),
        passwordLastChanged: reportAt(300),
      }),
      credRow({ user: 'bob', passwordEnabled: true, mfaActive: true, passwordLastUsed: reportAt(1) }),
    ),
    expect: [
      {
        resource: 'alice',
        status: 'fail',
        message: 'alice has a console password and no MFA device (the password was last used 12 days ago)',
      },
      { resource: 'bob', status: 'pass', message: 'and an MFA device' },
    ],
  },
  {
    kind: 'fail',
    name: 'a console password that was never used still lets anyone who learns it sign in',
    inventory: withRows(
      credRow({
        user: 'new-hire',
        passwordEnabled: true,
        mfaActive: false,
        passwordLastChanged: reportAt(2),
      }),
    ),
    expect: [{ resource: 'new-hire', status: 'fail', message: 'never been used' }],
  },
  {
    kind: 'pass',
    name: 'a console user with an MFA device',
    inventory: withRows(
      credRow({ user: 'bob', passwordEnabled: true, mfaActive: true, passwordLastUsed: reportAt(1) }),
    ),
    expect: [{ resource: 'bob', status: 'pass', message: 'console password and an MFA device' }],
  },
  {
    kind: 'not-applicable',
    name: 'a programmatic-only user has no console password',
    inventory: withRows(credRow({ user: 'ci-deployer', passwordEnabled: false, mfaActive: false })),
    expect: [{ resource: 'ci-deployer', status: 'not_applicable', message: 'has no console password' }],
  },
  {
    kind: 'near-miss',
    name: 'console password removed but password_last_used kept: not a console user (prowler#1605, quickstart-compliance-cis-benchmark#25 flagged it)',
    inventory: withRows(
      credRow({
        user: 'former-admin',
        passwordEnabled: false,
        mfaActive: false,
        passwordLastUsed: reportAt(400),
        passwordLastChanged: reportAt(900),
      }),
      credRow({ user: 'bob', passwordEnabled: true, mfaActive: true, passwordLastUsed: reportAt(1) }),
    ),
    expect: [
      {
        resource: 'former-admin',
        status: 'not_applicable',
        message: 'removed; last console sign-in 400 days ago',
      },
      { resource: 'bob', status: 'pass' },
    ],
  },
  {
    kind: 'unknown',
    name: 'the credential report could not be generated',
    inventory: inventory({
      iam: {
        status: 'ok',
        data: iamData({
          credentialReport: failed(awsError('GetCredentialReport', 'throttled', 'iam', undefined)),
        }),
      },
    }),
    expect: [
      { resource: 'account 123456789012', status: 'unknown', message: 'credential report could not be read' },
    ],
  },
  {
    kind: 'unknown',
    name: 'the IAM slice was skipped',
    inventory: inventory({ iam: { status: 'skipped', reason: 'IAM not selected' } }),
    expect: [{ resource: 'account 123456789012', status: 'unknown', message: 'skipped' }],
  },
]);
