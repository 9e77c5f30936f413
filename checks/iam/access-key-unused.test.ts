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
import check from './access-key-unused.js';

testCheck(check, [
  {
    kind: 'fail',
    name: 'key 1 last used 60 days ago',
    inventory: withCredentialRows(
      credRow({
        user: 'reporting',
        accessKeys: [
          key({ active: true, lastRotated: reportAt(80), lastUsed: reportAt(60), lastUsedService: 's3' }),
          key(),
        ],
      }),
    ),
    expect: [{ resource: 'reporting', status: 'fail', message: 'key 1 last used 60 days ago' }],
  },
  {
    kind: 'fail',
    name: 'a key created 200 days ago and never used',
    inventory: withCredentialRows(
      credRow({ user: 'forgotten', accessKeys: [key(), key({ active: true, lastRotated: reportAt(200) })] }),
    ),
    expect: [
      {
        resource: 'forgotten',
        status: 'fail',
        message: 'key 2 never used in the 200 days since it was created',
      },
    ],
  },
  {
    kind: 'fail',
    name: '"no_information" use counts from creation: no use recorded in 3 years',
    inventory: withCredentialRows(
      credRow({
        user: 'legacy',
        accessKeys: [
          key({ active: true, lastRotated: reportAt(1100), lastUsed: { none: 'no_information' } }),
          key(),
        ],
      }),
    ),
    expect: [{ resource: 'legacy', status: 'fail', message: '1100 days' }],
  },
  {
    kind: 'pass',
    name: 'keys used yesterday; root is not judged here',
    inventory: withCredentialRows(
      credRow({
        user: '<root_account>',
        mfaActive: true,
        accessKeys: [key({ active: true, lastRotated: reportAt(900) }), key()],
      }),
      credRow({
        user: 'busy',
        accessKeys: [key({ active: true, lastRotated: reportAt(300), lastUsed: reportAt(1) }), key()],
      }),
    ),
    expect: [{ resource: 'busy', status: 'pass', message: 'key 1 last used 1 day ago' }],
  },
  {
    kind: 'not-applicable',
    name: 'a console user without access keys, and one whose only key is inactive',
    inventory: withCredentialRows(
      credRow({ user: 'human', passwordEnabled: true, mfaActive: true }),
      credRow({ user: 'retired', accessKeys: [key({ active: false, lastRotated: reportAt(500) }), key()] }),
    ),
    expect: [
      { resource: 'human', status: 'not_applicable', message: 'no active access keys' },
      { resource: 'retired', status: 'not_applicable', message: 'no active access keys' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'a key rotated 2 days ago and not used yet (prowler#645: fresh keys flagged as unused)',
    inventory: withCredentialRows(
      credRow({
        user: 'rotating-bot',
        accessKeys: [
          key({ active: false, lastRotated: reportAt(9), lastUsed: reportAt(3) }),
          key({ active: true, lastRotated: reportAt(2) }),
        ],
      }),
    ),
    expect: [{ resource: 'rotating-bot', status: 'pass', message: 'key 2 created 2 days ago, not yet used' }],
  },
  {
    kind: 'near-miss',
    name: 'a key re-activated yesterday after a long pause is measured from its change date',
    inventory: withCredentialRows(
      credRow({
        user: 'seasonal',
        accessKeys: [key({ active: true, lastRotated: reportAt(1), lastUsed: reportAt(120) }), key()],
      }),
    ),
    expect: [{ resource: 'seasonal', status: 'pass' }],
  },
  {
    kind: 'unknown',
    name: 'the credential report was throttled out',
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
    name: 'an active key with neither a use nor a creation date',
    inventory: withCredentialRows(credRow({ user: 'odd', accessKeys: [key({ active: true }), key()] })),
    expect: [{ resource: 'odd', status: 'unknown', message: 'neither a use nor a creation date' }],
  },
]);
