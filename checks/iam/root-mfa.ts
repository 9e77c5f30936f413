import { defineCheck, fail, pass } from '../../src/engine/check.js';
import { accountScopeRef, withIamRead } from '../../src/engine/scope.js';
import type { Fetched, IamData } from '../../src/inventory/schema.js';

/** What the scan knows about root MFA, from the live account summary or, failing that, the credential report. */
interface RootMfa {
  enabled: boolean;
  source: 'GetAccountSummary' | 'credential report';
  /** The credential report's root row, when it could be read (it may lag the summary by hours). */
  reportMfaActive: boolean | null;
}

function rootMfa(iam: IamData): Fetched<RootMfa> {
  const root = iam.credentialReport.ok ? iam.credentialReport.value.rows.find((r) => r.isRoot) : undefined;
  const reportMfaActive = root ? root.mfaActive : null;
  if (iam.accountSummary.ok) {
    return {
      ok: true,
      value: {
        enabled: iam.accountSummary.value.accountMfaEnabled,
        source: 'GetAccountSummary',
        reportMfaActive,
      },
    };
  }
  if (root)
    return { ok: true, value: { enabled: root.mfaActive, source: 'credential report', reportMfaActive } };
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
    'app is accepted here but reported as such: CIS 1.6 asks for a hardware device or security key for root.',
  remediation: {
    text: 'Sign in as the root user, open Security credentials and assign an MFA device, preferably a FIDO security key or hardware TOTP token kept in a safe place. In an AWS Organization, consider centralized root access and deleting member-account root credentials.',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html',
    'https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/govcloud-iam.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': ['1.5'] },
  evaluate: (inventory, ctx) =>
    withIamRead(
      inventory,
      ctx,
      rootMfa,
      'root MFA status (account summary and credential report)',
      (mfa, iam) => {
        const ref = accountScopeRef(ctx);
        const evidence: Record<string, unknown> = {
          mfaEnabled: mfa.enabled,
          source: mfa.source,
          credentialReportMfaActive: mfa.reportMfaActive,
        };
        if (ctx.partition === 'aws-us-gov') {
          // The GovCloud root user cannot sign in to the console at all, so console MFA does not apply
          // (ScoutSuite#1132 reported the "no MFA" finding there as a false positive).
          return pass(
            ref,
            'the AWS GovCloud (US) root user cannot sign in to the console; console MFA does not apply',
            {
              ...evidence,
              partition: ctx.partition,
            },
          );
        }
        if (!mfa.enabled) {
          return fail(
            ref,
            'the root user has no MFA device: its password alone signs in to the console',
            evidence,
          );
        }
        const rootArn = `arn:${ctx.partition}:iam::${ctx.accountId}:root`;
        if (!iam.virtualMfaDevices.ok) {
          return pass(
            ref,
            'the root user has MFA enabled (device type unknown: virtual MFA devices could not be listed)',
            {
              ...evidence,
              mfaType: 'undetermined',
            },
          );
        }
        // Only a device assigned to the root ARN counts: virtual devices of IAM users say nothing about root.
        const virtual = iam.virtualMfaDevices.value.some((d) => d.userArn === rootArn);
        return virtual
          ? pass(
              ref,
              'the root user has MFA enabled with a virtual MFA device (CIS 1.6 prefers hardware for root)',
              {
                ...evidence,
                mfaType: 'virtual',
              },
            )
          : pass(ref, 'the root user has MFA enabled with a hardware MFA device or security key', {
              ...evidence,
              mfaType: 'hardware',
            });
      },
    ),
});
