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
import check from './password-unused.js';

const consoleUser = (user: string, over: Partial<CredentialReportRow>) =>
  credRow({ user, passwordEnabled: true, mfaActive: true, ...over });

testCheck(check, [
  {
    kind: 'fail',
    name: 'last sign-in 46 days ago',
    inventory: withCredentialRows(
      consoleUser('drifted', { passwordLastUsed: reportAt(46), passwordLastChanged: reportAt(300) }),
    ),
    expect: [{ resource: 'drifted', status: 'fail', message: 'last used 46 days ago' }],
  },
  {
    kind: 'fail',
    name: 'a password set 200 days ago and never used (no_information)',
    inventory: withCredentialRows(
      consoleUser('never', {
        passwordLastUsed: { none: 'no_information' },
        passwordLastChanged: reportAt(200),
      }),
    ),
    expect: [{ resource: 'never', status: 'fail', message: 'never used in the 200 days since it was set' }],
  },
  {
    kind: 'pass',
    name: 'signed in 44 days ago, just inside the window',
    inventory: withCredentialRows(
      consoleUser('monthly', { passwordLastUsed: reportAt(44), passwordLastChanged: reportAt(90) }),
    ),
    expect: [{ resource: 'monthly', status: 'pass', message: 'last used 44 days ago' }],
  },
  {
    kind: 'near-miss',
    name: 'a user created 10 days ago who has not signed in yet (prowler#501, fixed in #538: a never-used password was judged without its date)',
    inventory: withCredentialRows(
      consoleUser('new.hire', {
        userCreatedAt: reportAt(10),
        passwordLastUsed: { none: 'no_information' },
        passwordLastChanged: reportAt(10),
      }),
    ),
    expect: [{ resource: 'new.hire', status: 'pass', message: 'set 10 days ago, not yet used' }],
  },
  {
    kind: 'near-miss',
    name: 'a password reset yesterday after 200 days away is measured from the reset',
    inventory: withCredentialRows(
      consoleUser('returning', { passwordLastUsed: reportAt(200), passwordLastChanged: reportAt(1) }),
    ),
    expect: [{ resource: 'returning', status: 'pass', message: 'set 1 day ago' }],
  },
  {
    kind: 'not-applicable',
    name: 'console access removed: an old password_last_used remains (prowler#3176)',
    inventory: withCredentialRows(
      credRow({ user: 'retired', passwordEnabled: false, passwordLastUsed: reportAt(700) }),
    ),
    expect: [{ resource: 'retired', status: 'not_applicable', message: 'no console password' }],
  },
  {
    kind: 'unknown',
    name: 'the credential report could not be read',
    inventory: inventory({
      iam: {
        status: 'ok',
        data: iamData({
          credentialReport: failed(awsError('GetCredentialReport', 'access-denied', 'iam', undefined)),
        }),
      },
    }),
    expect: [{ resource: 'account 123456789012', status: 'unknown', message: 'access-denied' }],
  },
  {
    kind: 'unknown',
    name: 'no sign-in, password or creation date',
    inventory: withCredentialRows(
      consoleUser('odd', { userCreatedAt: { none: 'N/A' }, passwordLastUsed: { none: 'no_information' } }),
    ),
    expect: [{ resource: 'odd', status: 'unknown', message: 'neither a sign-in nor a password date' }],
  },
]);
