import type { CredentialReportRow } from '../../src/inventory/schema.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import {
  ACCOUNT,
  awsError,
  credRow,
  failed,
  iamData,
  inventory,
  key,
  reportAt,
  withCredentialRows,
} from '../../test/helpers/inventory.js';
import check from './root-used-recently.js';

const ROOT = `account ${ACCOUNT}`;
const root = (over: Partial<CredentialReportRow>) =>
  credRow({ user: '<root_account>', mfaActive: true, ...over });

testCheck(
  check,
  [
    {
      kind: 'fail',
      name: 'root signed in to the console 3 days ago',
      inventory: withCredentialRows(root({ passwordLastUsed: reportAt(3) })),
      expect: [{ resource: ROOT, status: 'fail', message: 'password 3 days ago' }],
    },
    {
      kind: 'fail',
      name: 'a root key used today by a script, password untouched for a year',
      inventory: withCredentialRows(
        root({
          passwordLastUsed: reportAt(365),
          accessKeys: [
            key(),
            key({ active: true, lastRotated: reportAt(800), lastUsed: reportAt(0), lastUsedService: 's3' }),
          ],
        }),
      ),
      expect: [{ resource: ROOT, status: 'fail', message: 'access key 2 today' }],
    },
    {
      kind: 'pass',
      name: 'root last signed in 200 days ago',
      inventory: withCredentialRows(root({ passwordLastUsed: reportAt(200) })),
      expect: [{ resource: ROOT, status: 'pass', message: 'last used 200 days ago' }],
    },
    {
      kind: 'near-miss',
      name: 'root signed in 30 days ago for a root-only task, and a root key created yesterday was never used',
      inventory: withCredentialRows(
        root({
          passwordLastUsed: reportAt(30),
          accessKeys: [key({ active: true, lastRotated: reportAt(1) }), key()],
        }),
      ),
      expect: [{ resource: ROOT, status: 'pass', message: 'last used 30 days ago' }],
    },
    {
      kind: 'near-miss',
      name: 'no recorded root use at all (no_information)',
      inventory: withCredentialRows(root({ passwordLastUsed: { none: 'no_information' } })),
      expect: [{ resource: ROOT, status: 'pass', message: 'records no use' }],
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
      expect: [{ resource: ROOT, status: 'unknown', message: 'access-denied' }],
    },
    {
      kind: 'unknown',
      name: 'a credential report without a root row',
      inventory: withCredentialRows(credRow({ user: 'alice' })),
      expect: [{ resource: ROOT, status: 'unknown', message: 'no root row' }],
    },
  ],
  { neverNotApplicable: 'every account has a root user, and its use always matters' },
);
