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
  reportAt,
  SCAN_TIME,
} from '../../test/helpers/inventory.js';
import check from './root-signing-certificate.js';

const ROOT = `account ${ACCOUNT}`;
const withIam = (over: Partial<IamData>) => inventory({ iam: { status: 'ok', data: iamData(over) } });
const report = (...rows: CredentialReportRow[]) => ok({ generatedAt: SCAN_TIME, rows });
const rootRow = (certificates: CredentialReportRow['certificates']) =>
  credRow({ user: '<root_account>', mfaActive: true, certificates });
const NONE = { active: false, lastRotated: { none: 'N/A' as const } };
const summary = (certs: number | undefined) =>
  ok({
    accountMfaEnabled: true,
    accountAccessKeysPresent: false,
    raw: {
      AccountMFAEnabled: 1,
      AccountAccessKeysPresent: 0,
      ...(certs === undefined ? {} : { AccountSigningCertificatesPresent: certs }),
    },
  });
const iamError = (operation: string) => awsError(operation, 'access-denied', 'iam', undefined);

testCheck(
  check,
  [
    {
      kind: 'fail',
      name: 'an active root certificate uploaded 700 days ago',
      inventory: withIam({
        credentialReport: report(rootRow([NONE, { active: true, lastRotated: reportAt(700) }])),
      }),
      expect: [{ resource: ROOT, status: 'fail', message: 'certificate 2, 700 days old' }],
    },
    {
      kind: 'pass',
      name: 'no root certificate in the report',
      inventory: withIam({ credentialReport: report(rootRow([NONE, NONE])) }),
      expect: [{ resource: ROOT, status: 'pass', message: 'no signing certificate' }],
    },
    {
      kind: 'near-miss',
      name: 'an inactive root certificate: the summary counts it, the report says it is inactive',
      inventory: withIam({
        accountSummary: summary(1),
        credentialReport: report(rootRow([{ active: false, lastRotated: reportAt(900) }, NONE])),
      }),
      expect: [{ resource: ROOT, status: 'pass', message: '1 inactive one(s) remain' }],
    },
    {
      kind: 'pass',
      name: 'report denied; the summary shows no certificate at all',
      inventory: withIam({
        accountSummary: summary(0),
        credentialReport: failed(iamError('GetCredentialReport')),
      }),
      expect: [{ resource: ROOT, status: 'pass', message: 'account summary' }],
    },
    {
      kind: 'unknown',
      name: 'report denied; the summary shows a certificate, active or not',
      inventory: withIam({
        accountSummary: summary(1),
        credentialReport: failed(iamError('GetCredentialReport')),
      }),
      expect: [{ resource: ROOT, status: 'unknown', message: 'whether it is active is unknown' }],
    },
    {
      kind: 'unknown',
      name: 'report and summary both denied',
      inventory: withIam({
        accountSummary: failed(iamError('GetAccountSummary')),
        credentialReport: failed(iamError('GetCredentialReport')),
      }),
      expect: [{ resource: ROOT, status: 'unknown', message: 'credential report could not be read' }],
    },
    {
      kind: 'unknown',
      name: 'report denied and the summary lacks the certificate entry',
      inventory: withIam({
        accountSummary: summary(undefined),
        credentialReport: failed(iamError('GetCredentialReport')),
      }),
      expect: [{ resource: ROOT, status: 'unknown', message: 'does not report signing certificates' }],
    },
  ],
  { neverNotApplicable: 'every account has a root user that can hold a signing certificate' },
);
