import { defineCheck } from '../../src/engine/check.js';
import type { IamView } from '../../src/view/account-view.js';
import { ok, type Read } from '../../src/view/verdict.js';
import { centralizedRootAccess, rootCredentialsRemoved } from './_root-credentials.js';

/** Root MFA from the live account summary, else the credential report's root row (as iam.root-mfa reads it). */
function rootMfaEnabled(iam: IamView): Read<{ enabled: boolean; source: string }> {
  if (iam.accountSummary.ok) {
    return ok({ enabled: iam.accountSummary.value.accountMfaEnabled, source: 'GetAccountSummary' });
  }
  const report = iam.credentialReport;
  const root = report.ok ? report.value.rows.find((r) => r.isRoot) : undefined;
  if (root) return ok({ enabled: root.mfaActive, source: 'credential report' });
  return iam.accountSummary;
}

export default defineCheck({
  id: 'iam.root-hardware-mfa',
  title: 'Root user MFA is not a hardware device or security key',
  service: 'iam',
  resourceType: 'AWS::::Account',
  severity: 'high',
  practice: 'BP2',
  threats: ['T5'],
  rationale:
    'A virtual MFA app lives on a phone that is also used for mail, chat and phishing links, and its seed can be ' +
    'copied; a FIDO key or hardware token cannot. For the one identity no policy restricts, CIS and FSBP ask for ' +
    'hardware. Root may register several devices and sign in with any, so one virtual device assigned to root fails ' +
    'even beside a security key. Virtual devices are told apart by the user they are assigned to, never by a serial ' +
    'name such as root-account-mfa-device. Root credentials removed (no password, key or certificate, as centralized ' +
    'root access leaves a member account) pass: there is no root sign-in at all; a root without a password that ' +
    'still holds a key or certificate is not applicable (no sign-in today, but its credentials were not removed).',
  remediation: {
    text: 'Sign in as the root user, open Security credentials, register a FIDO security key or hardware TOTP token, then remove the virtual MFA device. Keep the hardware device in a safe place with a documented custodian.',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management',
  ],
  frameworks: { 'aws-fsbp': ['IAM.6'], 'cis-aws-3.0': ['1.6'], 'cis-aws-7.0': ['2.6'] },
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
        return v.notApplicable(
          'the AWS GovCloud (US) root user cannot sign in to the console; its MFA type does not apply',
          { partition: view.partition },
        );
      }
      const removed = rootCredentialsRemoved(view);
      if (removed) return v.pass(removed.message, removed.evidence);
      const summary = view.iam.accountSummary;
      // AccountPasswordPresent 0: root has no password (deleted, e.g. by centralized root access, or never
      // set on an Organizations-created account). An absent key (older inventories) is read as present.
      if (summary.ok && summary.value.raw.AccountPasswordPresent === 0) {
        return v.notApplicable(
          'the root user has no password, so there is no root sign-in for MFA to protect (set hardware MFA if a password is ever recovered)',
          { accountPasswordPresent: false, mfaEnabled: summary.value.accountMfaEnabled },
        );
      }
      const mfa = rootMfaEnabled(view.iam);
      if (!mfa.ok) return v.missing(mfa);
      const evidence = { mfaEnabled: mfa.value.enabled, source: mfa.value.source };
      if (!mfa.value.enabled) {
        const central = centralizedRootAccess(view);
        return v.fail(`the root user has no MFA device at all (see iam.root-mfa)${central.remedy}`, {
          ...evidence,
          mfaType: 'none',
          centralizedRootAccess: central.evidence,
        });
      }
      const devices = view.iam.virtualMfaDevices;
      if (!devices.ok) return v.missing(devices, { ...evidence, mfaType: 'undetermined' });
      const virtual = devices.value.filter((d) => d.userArn === view.account.arn).map((d) => d.serialNumber);
      if (virtual.length > 0) {
        return v.fail(
          `the root user's MFA includes a virtual device (${virtual.join(', ')}): root can sign in with it`,
          { ...evidence, mfaType: 'virtual', rootVirtualDevices: virtual },
        );
      }
      return v.pass('the root user has MFA and no virtual MFA device: a hardware device or security key', {
        ...evidence,
        mfaType: 'hardware',
      });
    }),
});
