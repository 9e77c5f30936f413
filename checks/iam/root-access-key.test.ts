import type { CredentialReportRow, IamData } from '../../src/inventory/schema.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import {
  ACCOUNT,
  awsError,
  credRow,
  failed,
  iamData,
  inventory,
  key,
  ok,
  reportAt,
  SCAN_TIME,
} from '../../test/helpers/inventory.js';
import { inOrganization, organization } from '../../test/helpers/organization.js';
import check from './root-access-key.js';

const ROOT = `account ${ACCOUNT}`;
const withIam = (over: Partial<IamData>) => inventory({ iam: { status: 'ok', data: iamData(over) } });
const report = (...rows: CredentialReportRow[]) => ok({ generatedAt: SCAN_TIME, rows });
const summary = (keysPresent: boolean) =>
  ok({
    accountMfaEnabled: true,
    accountAccessKeysPresent: keysPresent,
    raw: { AccountAccessKeysPresent: keysPresent ? 1 : 0 },
  });
const iamError = (operation: string) => awsError(operation, 'access-denied', 'iam', undefined);

testCheck(
  check,
  [
    {
      kind: 'fail',
      name: 'organization scan: a member with an active root key in an organization that manages root credentials centrally names the central fix',
      inventory: inOrganization(
        withIam({
          credentialReport: report(
            credRow({ user: '<root_account>', accessKeys: [key({ active: true }), key()] }),
          ),
        }),
        organization({
          rootAccess: ok({
            organizationId: 'o-a1b2c3d4e5',
            enabledFeatures: ['RootCredentialsManagement'],
            notAnswerable: null,
          }),
        }),
      ),
      expect: [
        { resource: ROOT, status: 'fail', message: /active access key.*IAMDeleteRootUserCredentials/ },
      ],
    },
    {
      kind: 'fail',
      name: 'root key 1 is active and was used 3 days ago',
      inventory: withIam({
        accountSummary: summary(true),
        credentialReport: report(
          credRow({
            user: '<root_account>',
            mfaActive: true,
            accessKeys: [
              key({
                active: true,
                lastRotated: reportAt(700),
                lastUsed: reportAt(3),
                lastUsedRegion: 'us-east-1',
                lastUsedService: 's3',
              }),
              key(),
            ],
          }),
        ),
      }),
      expect: [{ resource: ROOT, status: 'fail', message: 'key 1 last used 3 days ago' }],
    },
    {
      kind: 'fail',
      name: 'an active root key that was never used is still a live credential',
      inventory: withIam({
        credentialReport: report(
          credRow({
            user: '<root_account>',
            mfaActive: true,
            accessKeys: [key(), key({ active: true, lastRotated: reportAt(30) })],
          }),
        ),
      }),
      expect: [{ resource: ROOT, status: 'fail', message: 'key 2 never used' }],
    },
    {
      kind: 'pass',
      name: 'the root row has no access keys',
      inventory: withIam({}),
      expect: [{ resource: ROOT, status: 'pass', message: 'no access keys' }],
    },
    {
      kind: 'near-miss',
      name: 'a deactivated root key still has dates in the report (the false flag CIS 1.4 warns of; prowler#1929)',
      inventory: withIam({
        accountSummary: summary(true),
        credentialReport: report(
          credRow({
            user: '<root_account>',
            mfaActive: true,
            accessKeys: [
              key({
                active: false,
                lastRotated: reportAt(400),
                lastUsed: reportAt(200),
                lastUsedService: 'ec2',
              }),
              key(),
            ],
          }),
        ),
      }),
      expect: [{ resource: ROOT, status: 'pass', message: '1 inactive key(s) remain' }],
    },
    {
      kind: 'pass',
      name: 'credential report denied, the account summary shows no root keys at all',
      inventory: withIam({
        credentialReport: failed(iamError('GetCredentialReport')),
        accountSummary: summary(false),
      }),
      expect: [{ resource: ROOT, status: 'pass', message: 'account summary' }],
    },
    {
      kind: 'unknown',
      name: 'credential report denied and the summary shows keys, active or not',
      inventory: withIam({
        credentialReport: failed(iamError('GetCredentialReport')),
        accountSummary: summary(true),
      }),
      expect: [{ resource: ROOT, status: 'unknown', message: 'whether any is active is unknown' }],
    },
    {
      kind: 'unknown',
      name: 'credential report and account summary both denied',
      inventory: withIam({
        credentialReport: failed(iamError('GetCredentialReport')),
        accountSummary: failed(iamError('GetAccountSummary')),
      }),
      expect: [{ resource: ROOT, status: 'unknown', message: 'GetCredentialReport' }],
    },
  ],
  { neverNotApplicable: 'every account has a root user' },
);
