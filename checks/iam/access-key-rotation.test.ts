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
import check from './access-key-rotation.js';

testCheck(check, [
  {
    kind: 'fail',
    name: 'key 2 is 120 days old while key 1 is fresh',
    inventory: withCredentialRows(
      credRow({
        user: 'deployer',
        accessKeys: [
          key({ active: true, lastRotated: reportAt(10), lastUsed: reportAt(1) }),
          key({ active: true, lastRotated: reportAt(120), lastUsed: reportAt(2) }),
        ],
      }),
    ),
    expect: [{ resource: 'deployer', status: 'fail', message: 'key 2 is 120 days old' }],
  },
  {
    kind: 'pass',
    name: 'exactly 90 days old is still within "90 days or less"',
    inventory: withCredentialRows(
      credRow({
        user: 'etl',
        accessKeys: [key({ active: true, lastRotated: reportAt(90), lastUsed: reportAt(1) }), key()],
      }),
    ),
    expect: [{ resource: 'etl', status: 'pass', message: 'key 1: 90 days' }],
  },
  {
    kind: 'not-applicable',
    name: 'a user without active keys; an old root key is left to iam.root-access-key',
    inventory: withCredentialRows(
      credRow({
        user: '<root_account>',
        mfaActive: true,
        accessKeys: [key({ active: true, lastRotated: reportAt(900) }), key()],
      }),
      credRow({ user: 'console-only', passwordEnabled: true, mfaActive: true }),
    ),
    expect: [{ resource: 'console-only', status: 'not_applicable', message: 'no active access keys' }],
  },
  {
    kind: 'near-miss',
    name: 'an old key that was deactivated after rotation is not a rotation finding (prowler#1929, steampipe-mod-aws-compliance#909)',
    inventory: withCredentialRows(
      credRow({
        user: 'rotated-user',
        accessKeys: [
          key({ active: false, lastRotated: reportAt(400), lastUsed: reportAt(95) }),
          key({ active: true, lastRotated: reportAt(20), lastUsed: reportAt(1) }),
        ],
      }),
    ),
    expect: [{ resource: 'rotated-user', status: 'pass', message: 'key 2: 20 days' }],
  },
  {
    kind: 'unknown',
    name: 'the credential report was denied',
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
    name: 'an active key without a creation date cannot be aged',
    inventory: withCredentialRows(
      credRow({ user: 'odd', accessKeys: [key({ active: true, lastRotated: { none: 'N/A' } }), key()] }),
    ),
    expect: [{ resource: 'odd', status: 'unknown', message: 'no creation date' }],
  },
  {
    kind: 'not-applicable',
    name: 'an account whose credential report lists only the root user',
    inventory: withCredentialRows(credRow({ user: '<root_account>', mfaActive: true })),
    expect: [{ resource: 'account 123456789012', status: 'not_applicable', message: 'no IAM users' }],
  },
]);
