import type {
  CredentialReportRow,
  Fetched,
  IamData,
  OrganizationsFeatures,
} from '../../src/inventory/schema.js';
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
  SCAN_TIME,
} from '../../test/helpers/inventory.js';
import { inOrganization, MANAGEMENT, organization } from '../../test/helpers/organization.js';
import check from './root-mfa.js';

const ROOT = `account ${ACCOUNT}`;
const withIam = (over: Partial<IamData>) => inventory({ iam: { status: 'ok', data: iamData(over) } });
const report = (...rows: CredentialReportRow[]) => ok({ generatedAt: SCAN_TIME, rows });
const summary = (mfa: boolean) =>
  ok({ accountMfaEnabled: mfa, accountAccessKeysPresent: false, raw: { AccountMFAEnabled: mfa ? 1 : 0 } });
const rootVirtualMfa = {
  serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`,
  userArn: `arn:aws:iam::${ACCOUNT}:root`,
};
const iamError = (operation: string) => awsError(operation, 'access-denied', 'iam', undefined);
/** What GetAccountSummary says of a root user whose credentials centralized root access deleted. */
const noRootCredentials = (extra: Record<string, number> = {}) =>
  ok({
    accountMfaEnabled: false,
    accountAccessKeysPresent: false,
    raw: {
      AccountMFAEnabled: 0,
      AccountAccessKeysPresent: 0,
      AccountPasswordPresent: 0,
      AccountSigningCertificatesPresent: 0,
      ...extra,
    },
  });
/** ListOrganizationsFeatures in a member account: AWS refuses, which is an answer. */
const memberRefusal = ok({
  organizationId: null,
  enabledFeatures: [],
  notAnswerable: 'AccountNotManagementOrDelegatedAdministrator',
});

/** The organization scan's ListOrganizationsFeatures, asked once with the management account's credentials. */
const centrallyManaged = ok({
  organizationId: 'o-a1b2c3d4e5',
  enabledFeatures: ['RootCredentialsManagement', 'RootSessions'],
  notAnswerable: null,
});
const inOrg = (
  over: Partial<IamData>,
  rootAccess: Fetched<OrganizationsFeatures> = centrallyManaged,
  managementAccountId = MANAGEMENT,
) => inOrganization(withIam(over), organization({ rootAccess, managementAccountId }));

testCheck(check, [
  {
    kind: 'fail',
    name: 'organization scan: RootCredentialsManagement is on, but this member still has a root password and no MFA (enabled is not deleted): fails, naming the central fix',
    inventory: inOrg({ accountSummary: summary(false), organizationsFeatures: memberRefusal }),
    expect: [
      {
        resource: ROOT,
        status: 'fail',
        message: /no MFA device.*delete this member account's root credentials/,
      },
    ],
  },
  {
    kind: 'fail',
    name: 'organization scan of the management account: centralized root access does not cover its own root, so no central fix is offered',
    inventory: inOrg({ accountSummary: summary(false) }, centrallyManaged, ACCOUNT),
    expect: [{ resource: ROOT, status: 'fail', message: /console$/ }],
  },
  {
    kind: 'pass',
    name: 'organization scan: a member whose root credentials were removed cites the organization’s RootCredentialsManagement, read with the caller’s credentials',
    inventory: inOrg({
      accountSummary: noRootCredentials(),
      credentialReport: report(credRow({ user: '<root_account>' })),
      organizationsFeatures: memberRefusal,
    }),
    expect: [{ resource: ROOT, status: 'pass', message: 'manages root credentials centrally' }],
  },
  {
    kind: 'near-miss',
    name: 'organization scan whose caller may not ask either (not the IAM delegated administrator): removed credentials still pass',
    inventory: inOrg(
      {
        accountSummary: noRootCredentials(),
        credentialReport: report(credRow({ user: '<root_account>' })),
        organizationsFeatures: memberRefusal,
      },
      ok({
        organizationId: null,
        enabledFeatures: [],
        notAnswerable: 'AccountNotManagementOrDelegatedAdministrator',
      }),
    ),
    expect: [{ resource: ROOT, status: 'pass', message: /root sign-in to protect$/ }],
  },
  {
    kind: 'fail',
    name: 'no MFA on root in the account summary or the credential report',
    inventory: withIam({
      accountSummary: summary(false),
      credentialReport: report(credRow({ user: '<root_account>', mfaActive: false })),
    }),
    expect: [{ resource: ROOT, status: 'fail', message: 'no MFA device' }],
  },
  {
    kind: 'fail',
    name: 'MFA removed after the credential report was generated: the live summary wins',
    inventory: withIam({
      accountSummary: summary(false),
      credentialReport: report(credRow({ user: '<root_account>', mfaActive: true })),
    }),
    expect: [{ resource: ROOT, status: 'fail' }],
  },
  {
    kind: 'fail',
    name: 'no root password but an active root access key and no MFA: credentials not removed, still fails',
    inventory: withIam({
      accountSummary: noRootCredentials({ AccountAccessKeysPresent: 1 }),
      credentialReport: report(
        credRow({ user: '<root_account>', accessKeys: [key({ active: true }), key()] }),
      ),
      organizationsFeatures: memberRefusal,
    }),
    expect: [{ resource: ROOT, status: 'fail', message: 'no MFA device' }],
  },
  {
    kind: 'pass',
    name: 'root credentials removed, and the management account’s ListOrganizationsFeatures shows RootCredentialsManagement',
    inventory: withIam({
      accountSummary: noRootCredentials(),
      credentialReport: report(credRow({ user: '<root_account>' })),
      organizationsFeatures: ok({
        organizationId: 'o-abcdefghij',
        enabledFeatures: ['RootCredentialsManagement', 'RootSessions'],
        notAnswerable: null,
      }),
    }),
    expect: [{ resource: ROOT, status: 'pass', message: 'manages root credentials centrally' }],
  },
  {
    kind: 'near-miss',
    name: 'member account whose root credentials centralized root access deleted: no MFA, yet nothing to protect (Security Hub IAM.9 passes; our earlier version and a summary-only AccountMFAEnabled rule failed it)',
    inventory: withIam({
      accountSummary: noRootCredentials(),
      credentialReport: report(credRow({ user: '<root_account>' })),
      organizationsFeatures: memberRefusal,
    }),
    expect: [{ resource: ROOT, status: 'pass', message: 'root credentials are removed' }],
  },
  {
    kind: 'near-miss',
    name: 'root credentials removed and ListOrganizationsFeatures denied: the denial does not make it unknown',
    inventory: withIam({
      accountSummary: noRootCredentials(),
      credentialReport: failed(iamError('GetCredentialReport')),
      organizationsFeatures: failed(iamError('ListOrganizationsFeatures')),
    }),
    expect: [{ resource: ROOT, status: 'pass', message: 'root credentials are removed' }],
  },
  {
    kind: 'pass',
    name: 'root MFA is a virtual device: passes, reported as virtual',
    inventory: withIam({ accountSummary: summary(true), virtualMfaDevices: ok([rootVirtualMfa]) }),
    expect: [{ resource: ROOT, status: 'pass', message: 'virtual MFA device' }],
  },
  {
    kind: 'pass',
    name: 'summary denied, the credential report shows root MFA',
    inventory: withIam({
      accountSummary: failed(iamError('GetAccountSummary')),
      credentialReport: report(credRow({ user: '<root_account>', mfaActive: true })),
    }),
    expect: [{ resource: ROOT, status: 'pass', message: 'hardware' }],
  },
  {
    kind: 'near-miss',
    name: 'a virtual MFA device assigned to an IAM user is not root’s (aws-security-benchmark#54)',
    inventory: withIam({
      accountSummary: summary(true),
      virtualMfaDevices: ok([
        { serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice`, userArn: `arn:aws:iam::${ACCOUNT}:user/alice` },
        { serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/unassigned`, userArn: null },
      ]),
    }),
    expect: [{ resource: ROOT, status: 'pass', message: 'hardware MFA device or security key' }],
  },
  {
    kind: 'not-applicable',
    name: 'GovCloud root cannot sign in to the console, so no MFA is not a finding (ScoutSuite#1132)',
    inventory: (() => {
      const inv = withIam({
        accountSummary: summary(false),
        credentialReport: report(credRow({ user: '<root_account>', mfaActive: false })),
      });
      return { ...inv, scan: { ...inv.scan, partition: 'aws-us-gov' } };
    })(),
    expect: [{ resource: ROOT, status: 'not_applicable', message: 'GovCloud' }],
  },
  {
    kind: 'unknown',
    name: 'the account summary and the credential report were both denied',
    inventory: withIam({
      accountSummary: failed(iamError('GetAccountSummary')),
      credentialReport: failed(iamError('GetCredentialReport')),
    }),
    expect: [{ resource: ROOT, status: 'unknown', message: 'access-denied' }],
  },
  {
    kind: 'unknown',
    name: 'the whole IAM slice failed',
    inventory: inventory({ iam: { status: 'error', error: iamError('GetAccountAuthorizationDetails') } }),
    expect: [{ resource: ROOT, status: 'unknown', message: 'IAM could not be read' }],
  },
  {
    kind: 'pass',
    name: 'MFA on, virtual devices could not be listed: pass with the type left undetermined',
    inventory: withIam({
      accountSummary: summary(true),
      virtualMfaDevices: failed(iamError('ListVirtualMFADevices')),
    }),
    expect: [{ resource: ROOT, status: 'pass', message: 'device type unknown' }],
  },
]);
