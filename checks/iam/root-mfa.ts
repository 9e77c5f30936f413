import { defineCheck } from '../../src/engine/check.js';
import type { IamView } from '../../src/view/account-view.js';
import { ok, type Read } from '../../src/view/verdict.js';
import { centralizedRootAccess, rootCredentialsRemoved } from './_root-credentials.js';

/** What the scan knows about root MFA, from the live account summary or, failing that, the credential report. */
interface RootMfa {
  enabled: boolean;
  source: 'GetAccountSummary' | 'credential report';
  /** The credential report's root row, when it could be read (it may lag the summary by hours). */
  reportMfaActive: boolean | null;
}

function rootMfa(iam: IamView): Read<RootMfa> {
  const report = iam.credentialReport;
  const root = report.ok ? report.value.rows.find((r) => r.isRoot) : undefined;
  const reportMfaActive = root ? root.mfaActive : null;
  if (iam.accountSummary.ok) {
    return ok({
      enabled: iam.accountSummary.value.accountMfaEnabled,
      source: 'GetAccountSummary',
      reportMfaActive,
    });
  }
  if (root) return ok({ enabled: root.mfaActive, source: 'credential report', reportMfaActive });
  return iam.accountSummary;
}

export default defineCheck({
  id: 'iam.root-mfa',
  title: 'Root user can sign in without multi-factor authentication',
  service: 'iam',
  resourceType: 'AWS::::Account',
  severity: 'critical',
  practice: 'BP2',
  threats: ['T5'],
  rationale:
    'The root user bypasses IAM policies and can close the account, change its contact details and delete every ' +
    'Lambda function and its logs. Without MFA a single phished or reused password is a full takeover. A virtual MFA ' +
    'app is accepted here but reported as such; iam.root-hardware-mfa judges CIS 1.6 (hardware for root). A root ' +
    'user with no password, access key or signing certificate (deleted through centralized root access) has no ' +
    'sign-in to protect and passes, as Security Hub IAM.9 does; a root without a password that still holds a key ' +
    'or certificate does not: its credentials were not removed and its password can be recovered.',
  remediation: {
    text: 'Sign in as the root user, open Security credentials and assign an MFA device, preferably a FIDO security key or hardware TOTP token kept in a safe place. In an AWS Organization, consider centralized root access and deleting member-account root credentials.',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html',
    'https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/govcloud-iam.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': ['1.5'], 'cis-aws-7.0': ['2.5'] },
  reads: [
    'iam.account-summary',
    'iam.credential-report',
    'iam.virtual-mfa-devices',
    'iam.organizations-features',
    'organization.root-access',
  ],
  evaluate: (view) =>
    view.forAccount((v) => {
      if (view.partition === 'aws-us-gov') {
        // The GovCloud root user cannot sign in to the console at all, so console MFA does not apply
        // (ScoutSuite#1132 reported the "no MFA" finding there as a false positive).
        return v.notApplicable(
          'the AWS GovCloud (US) root user cannot sign in to the console; console MFA does not apply',
          { partition: view.partition },
        );
      }
      // Centralized root access deleted every root credential: nothing signs in as root.
      const removed = rootCredentialsRemoved(view);
      if (removed) return v.pass(removed.message, removed.evidence);
      const mfa = rootMfa(view.iam);
      if (!mfa.ok) return v.missing(mfa);
      const evidence: Record<string, unknown> = {
        mfaEnabled: mfa.value.enabled,
        source: mfa.value.source,
        credentialReportMfaActive: mfa.value.reportMfaActive,
      };
      if (!mfa.value.enabled) {
        const central = centralizedRootAccess(view);
        return v.fail(
          `the root user has no MFA device: its password alone signs in to the console${central.remedy}`,
          { ...evidence, centralizedRootAccess: central.evidence },
        );
      }
      const devices = view.iam.virtualMfaDevices;
      if (!devices.ok) {
        return v.pass(
          'the root user has MFA enabled (device type unknown: virtual MFA devices could not be listed)',
          { ...evidence, mfaType: 'undetermined' },
        );
      }
      // Only a device assigned to the root ARN counts: virtual devices of IAM users say nothing about root.
      const virtual = devices.value.some((d) => d.userArn === view.account.arn);
      return virtual
        ? v.pass(
            'the root user has MFA enabled with a virtual MFA device (CIS 1.6 prefers hardware for root)',
            { ...evidence, mfaType: 'virtual' },
          )
        : v.pass('the root user has MFA enabled with a hardware MFA device or security key', {
            ...evidence,
            mfaType: 'hardware',
          });
    }),
});
