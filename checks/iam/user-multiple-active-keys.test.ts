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
import check from './user-multiple-active-keys.js';

testCheck(check, [
  {
    kind: 'fail',
    name: 'a service user with both keys active (a rotation never finished)',
    inventory: withCredentialRows(
      credRow({
        user: 'ci-deploy',
        accessKeys: [
          key({ active: true, lastRotated: reportAt(400), lastUsed: reportAt(200) }),
          key({ active: true, lastRotated: reportAt(30), lastUsed: reportAt(1) }),
        ],
      }),
    ),
    expect: [{ resource: 'ci-deploy', status: 'fail', message: '2 active access keys' }],
  },
  {
    kind: 'pass',
    name: 'one active key in slot 2; root with two keys is judged by iam.root-access-key, not here',
    inventory: withCredentialRows(
      credRow({
        user: '<root_account>',
        accessKeys: [
          key({ active: true, lastRotated: reportAt(9) }),
          key({ active: true, lastRotated: reportAt(9) }),
        ],
      }),
      credRow({ user: 'app', accessKeys: [key(), key({ active: true, lastRotated: reportAt(10) })] }),
    ),
    expect: [{ resource: 'app', status: 'pass', message: 'key 2' }],
  },
  {
    kind: 'near-miss',
    name: 'rotation done the documented way: the old key is listed but Inactive (mondoohq/cnspec-policies#55 counted it)',
    inventory: withCredentialRows(
      credRow({
        user: 'rotated',
        accessKeys: [
          key({ active: false, lastRotated: reportAt(2), lastUsed: reportAt(3) }),
          key({ active: true, lastRotated: reportAt(5), lastUsed: reportAt(0) }),
        ],
      }),
    ),
    expect: [{ resource: 'rotated', status: 'pass', message: 'one active access key' }],
  },
  {
    kind: 'not-applicable',
    name: 'a console user without keys',
    inventory: withCredentialRows(credRow({ user: 'human', passwordEnabled: true, mfaActive: true })),
    expect: [{ resource: 'human', status: 'not_applicable', message: 'no active access keys' }],
  },
  {
    kind: 'not-applicable',
    name: 'an account whose credential report lists only root',
    inventory: withCredentialRows(credRow({ user: '<root_account>', mfaActive: true })),
    expect: [{ resource: 'account 123456789012', status: 'not_applicable', message: 'no IAM users' }],
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
