import { testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  credRow,
  failed,
  iamData,
  inventory,
  key,
  reportAt,
  withCredentialRows,
} from '../../test/helpers/inventory.js';
import check from './user-console-and-keys.js';

testCheck(check, [
  {
    kind: 'fail',
    name: 'a developer with a console password, MFA and an active key',
    inventory: withCredentialRows(
      credRow({
        user: 'dev',
        passwordEnabled: true,
        mfaActive: true,
        accessKeys: [key({ active: true, lastRotated: reportAt(40), lastUsed: reportAt(1) }), key()],
      }),
    ),
    expect: [{ resource: 'dev', status: 'fail', message: '1 active access key(s)' }],
  },
  {
    kind: 'pass',
    name: 'a console user without access keys',
    inventory: withCredentialRows(credRow({ user: 'human', passwordEnabled: true, mfaActive: true })),
    expect: [{ resource: 'human', status: 'pass', message: 'has no access key' }],
  },
  {
    kind: 'near-miss',
    name: 'a console user whose only key was deactivated: listed, but not a working credential',
    inventory: withCredentialRows(
      credRow({
        user: 'reformed',
        passwordEnabled: true,
        accessKeys: [key({ active: false, lastRotated: reportAt(300), lastUsed: reportAt(200) }), key()],
      }),
    ),
    expect: [{ resource: 'reformed', status: 'pass', message: '1 inactive' }],
  },
  {
    kind: 'not-applicable',
    name: 'console access removed but PasswordLastUsed kept (quickstart-compliance-cis-benchmark#25, yatas-aws#275)',
    inventory: withCredentialRows(
      credRow({
        user: 'ci-bot',
        passwordEnabled: false,
        passwordLastUsed: reportAt(900),
        accessKeys: [key({ active: true, lastRotated: reportAt(20), lastUsed: reportAt(0) }), key()],
      }),
    ),
    expect: [{ resource: 'ci-bot', status: 'not_applicable', message: 'no console password' }],
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
]);
