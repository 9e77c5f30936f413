import type { CredentialReportRow } from '../../src/inventory/schema.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  credRow,
  daysBefore,
  failed,
  iamData,
  inventory,
  ok,
  SCAN_TIME,
} from '../../test/helpers/inventory.js';
import check from './user-console-no-mfa.js';

const rootRow = credRow({ user: '<root_account>', mfaActive: false });
const withRows = (...rows: CredentialReportRow[]) =>
  inventory({
    iam: {
      status: 'ok',
      data: iamData({ credentialReport: ok({ generatedAt: SCAN_TIME, rows: [rootRow, ...rows] }) }),
    },
  });
const at = (days: number) => ({ at: daysBefore(SCAN_TIME, days) });

testCheck(check, [
  {
    kind: 'fail',
    name: 'a console user without MFA, beside one with MFA; root (no MFA) is not judged here',
    inventory: withRows(
      credRow({
        user: 'alice',
        passwordEnabled: true,
        mfaActive: false,
        passwordLastUsed: at(12),
        passwordLastChanged: at(300),
      }),
      credRow({ user: 'bob', passwordEnabled: true, mfaActive: true, passwordLastUsed: at(1) }),
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
      credRow({ user: 'new-hire', passwordEnabled: true, mfaActive: false, passwordLastChanged: at(2) }),
    ),
    expect: [{ resource: 'new-hire', status: 'fail', message: 'never been used' }],
  },
  {
    kind: 'pass',
    name: 'a programmatic-only user has no console password',
    inventory: withRows(credRow({ user: 'ci-deployer', passwordEnabled: false, mfaActive: false })),
    expect: [{ resource: 'ci-deployer', status: 'pass', message: 'has no console password' }],
  },
  {
    kind: 'near-miss',
    name: 'console password removed but password_last_used kept (prowler#1605, quickstart-compliance-cis-benchmark#25)',
    inventory: withRows(
      credRow({
        user: 'former-admin',
        passwordEnabled: false,
        mfaActive: false,
        passwordLastUsed: at(400),
        passwordLastChanged: at(900),
      }),
    ),
    expect: [
      { resource: 'former-admin', status: 'pass', message: 'removed; last console sign-in 400 days ago' },
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
