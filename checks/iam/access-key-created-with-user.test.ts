import { testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  credRow,
  daysBefore,
  failed,
  iamData,
  inventory,
  key,
  reportAt,
  SCAN_TIME,
  withCredentialRows,
} from '../../test/helpers/inventory.js';
import check from './access-key-created-with-user.js';

/** A report date `seconds` after `days` before the scan. */
const at = (days: number, seconds = 0) => ({
  at: new Date(Date.parse(daysBefore(SCAN_TIME, days)) + seconds * 1000).toISOString(),
});

testCheck(check, [
  {
    kind: 'fail',
    name: 'a new hire created with a password and a key 20 seconds later, key never used',
    inventory: withCredentialRows(
      credRow({
        user: 'new.hire',
        userCreatedAt: at(3),
        passwordEnabled: true,
        passwordLastChanged: at(3),
        mfaActive: true,
        accessKeys: [key({ active: true, lastRotated: at(3, 20) }), key()],
      }),
    ),
    expect: [{ resource: 'new.hire', status: 'fail', message: 'key 1, created with the user' }],
  },
  {
    kind: 'fail',
    name: 'an old console user whose setup key (slot 2) shows no_information',
    inventory: withCredentialRows(
      credRow({
        user: 'old.timer',
        userCreatedAt: at(3000),
        passwordEnabled: true,
        accessKeys: [
          key({ active: true, lastRotated: reportAt(50), lastUsed: reportAt(1) }),
          key({ active: true, lastRotated: at(3000, 5), lastUsed: { none: 'no_information' } }),
        ],
      }),
    ),
    expect: [{ resource: 'old.timer', status: 'fail', message: 'key 2, created with the user' }],
  },
  {
    kind: 'pass',
    name: 'the key created with the user is in use; an inactive setup key does not count (mitre/aws-foundations-cis-baseline#100)',
    inventory: withCredentialRows(
      credRow({
        user: 'dev',
        userCreatedAt: at(400),
        passwordEnabled: true,
        accessKeys: [
          key({ active: true, lastRotated: at(400, 10), lastUsed: reportAt(2) }),
          key({ active: false, lastRotated: at(400, 12) }),
        ],
      }),
    ),
    expect: [{ resource: 'dev', status: 'pass', message: 'no active access key that was never used' }],
  },
  {
    kind: 'near-miss',
    name: 'a key created 2 days ago on a 1000-day-old user, not yet used (Prowler and the CIS audit flag any never-used key)',
    inventory: withCredentialRows(
      credRow({
        user: 'veteran',
        userCreatedAt: at(1000),
        passwordEnabled: true,
        passwordLastUsed: reportAt(1),
        accessKeys: [key({ active: true, lastRotated: reportAt(2) }), key()],
      }),
    ),
    expect: [{ resource: 'veteran', status: 'pass', message: 'created 998 days after the user' }],
  },
  {
    kind: 'not-applicable',
    name: 'an API-only user whose key was created with it (prowler#513, aws-security-benchmark#37)',
    inventory: withCredentialRows(
      credRow({
        user: 'service_github_actions',
        userCreatedAt: at(30),
        passwordEnabled: false,
        accessKeys: [key({ active: true, lastRotated: at(30, 1) }), key()],
      }),
    ),
    expect: [
      { resource: 'service_github_actions', status: 'not_applicable', message: 'no console password' },
    ],
  },
  {
    kind: 'unknown',
    name: 'the credential report could not be read',
    inventory: inventory({
      iam: {
        status: 'ok',
        data: iamData({
          credentialReport: failed(awsError('GetCredentialReport', 'throttled', 'iam', undefined)),
        }),
      },
    }),
    expect: [{ resource: 'account 123456789012', status: 'unknown', message: 'throttled' }],
  },
  {
    kind: 'unknown',
    name: 'a never-used active key with no creation date',
    inventory: withCredentialRows(
      credRow({ user: 'odd', passwordEnabled: true, accessKeys: [key({ active: true }), key()] }),
    ),
    expect: [
      { resource: 'odd', status: 'unknown', message: 'whether it was set up with the user is unknown' },
    ],
  },
]);
