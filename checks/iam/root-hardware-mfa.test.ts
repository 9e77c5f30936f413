import type { CredentialReportRow, IamData } from '../../src/inventory/schema.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import {
  ACCOUNT,
  awsError,
  credRow,
  failed,
  iamData,
  inventory,
  ok,
  SCAN_TIME,
} from '../../test/helpers/inventory.js';
import check from './root-hardware-mfa.js';

const ROOT = `account ${ACCOUNT}`;
const ROOT_ARN = `arn:aws:iam::${ACCOUNT}:root`;
const withIam = (over: Partial<IamData>) => inventory({ iam: { status: 'ok', data: iamData(over) } });
const report = (...rows: CredentialReportRow[]) => ok({ generatedAt: SCAN_TIME, rows });
const summary = (mfa: boolean, extra: Record<string, number> = {}) =>
  ok({
    accountMfaEnabled: mfa,
    accountAccessKeysPresent: false,
    raw: { AccountMFAEnabled: mfa ? 1 : 0, AccountPasswordPresent: 1, ...extra },
  });
const device = (name: string, userArn: string | null) => ({
  serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/${name}`,
  userArn,
});
const iamError = (operation: string) => awsError(operation, 'access-denied', 'iam', undefined);

testCheck(check, [
  {
    kind: 'fail',
    name: 'root MFA is a virtual device assigned to the root ARN',
    inventory: withIam({
      accountSummary: summary(true),
      virtualMfaDevices: ok([device('root-account-mfa-device', ROOT_ARN)]),
    }),
    expect: [{ resource: ROOT, status: 'fail', message: 'virtual device' }],
  },
  {
    kind: 'fail',
    name: 'a virtual device beside a FIDO key still fails: root can sign in with either (prowler#1855 passes it)',
    inventory: withIam({
      accountSummary: summary(true, { MFADevicesInUse: 2 }),
      virtualMfaDevices: ok([device('root-phone', ROOT_ARN)]),
    }),
    expect: [{ resource: ROOT, status: 'fail', message: 'mfa/root-phone' }],
  },
  {
    kind: 'fail',
    name: 'no MFA at all',
    inventory: withIam({ accountSummary: summary(false), virtualMfaDevices: ok([]) }),
    expect: [{ resource: ROOT, status: 'fail', message: 'no MFA device at all' }],
  },
  {
    kind: 'pass',
    name: 'MFA on and no virtual device assigned to root: hardware',
    inventory: withIam({ accountSummary: summary(true), virtualMfaDevices: ok([device('alice', null)]) }),
    expect: [{ resource: ROOT, status: 'pass', message: 'hardware' }],
  },
  {
    kind: 'near-miss',
    name: 'a user’s device and a leftover unassigned one named root-account-mfa-device (aws-security-benchmark#53, cloud-custodian#9848)',
    inventory: withIam({
      accountSummary: summary(true),
      virtualMfaDevices: ok([
        device('root-account-mfa-device', null),
        device('alice', `arn:aws:iam::${ACCOUNT}:user/root-account-mfa-device`),
      ]),
    }),
    expect: [{ resource: ROOT, status: 'pass', message: 'hardware' }],
  },
  {
    kind: 'not-applicable',
    name: 'root has no password but still an active signing certificate: no sign-in, credentials not removed',
    inventory: withIam({
      accountSummary: summary(false, { AccountPasswordPresent: 0 }),
      credentialReport: report(
        credRow({
          user: '<root_account>',
          certificates: [
            { active: true, lastRotated: { none: 'N/A' } },
            { active: false, lastRotated: { none: 'N/A' } },
          ],
        }),
      ),
      virtualMfaDevices: ok([]),
    }),
    expect: [{ resource: ROOT, status: 'not_applicable', message: 'no password' }],
  },
  {
    kind: 'near-miss',
    name: 'member account whose root credentials centralized root access deleted (no MFA device left): passes, as Security Hub does',
    inventory: withIam({
      accountSummary: summary(false, {
        AccountPasswordPresent: 0,
        AccountAccessKeysPresent: 0,
        AccountSigningCertificatesPresent: 0,
      }),
      credentialReport: failed(iamError('GetCredentialReport')),
      organizationsFeatures: ok({
        organizationId: null,
        enabledFeatures: [],
        notAnswerable: 'AccountNotManagementOrDelegatedAdministrator',
      }),
      virtualMfaDevices: ok([]),
    }),
    expect: [{ resource: ROOT, status: 'pass', message: 'root credentials are removed' }],
  },
  {
    kind: 'not-applicable',
    name: 'GovCloud root cannot sign in to the console',
    inventory: (() => {
      const inv = withIam({ accountSummary: summary(false) });
      return { ...inv, scan: { ...inv.scan, partition: 'aws-us-gov' } };
    })(),
    expect: [{ resource: ROOT, status: 'not_applicable', message: 'GovCloud' }],
  },
  {
    kind: 'unknown',
    name: 'MFA on but the virtual devices could not be listed',
    inventory: withIam({
      accountSummary: summary(true),
      virtualMfaDevices: failed(iamError('ListVirtualMFADevices')),
    }),
    expect: [{ resource: ROOT, status: 'unknown', message: 'virtual MFA devices could not be read' }],
  },
  {
    kind: 'unknown',
    name: 'summary and credential report both denied',
    inventory: withIam({
      accountSummary: failed(iamError('GetAccountSummary')),
      credentialReport: failed(iamError('GetCredentialReport')),
    }),
    expect: [{ resource: ROOT, status: 'unknown', message: 'access-denied' }],
  },
  {
    kind: 'pass',
    name: 'summary denied: the credential report’s root row shows MFA, no virtual device',
    inventory: withIam({
      accountSummary: failed(iamError('GetAccountSummary')),
      credentialReport: report(credRow({ user: '<root_account>', mfaActive: true })),
      virtualMfaDevices: ok([]),
    }),
    expect: [{ resource: ROOT, status: 'pass', message: 'hardware' }],
  },
]);
