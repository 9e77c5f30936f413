/**
 * Has the root user no credentials at all? Centralized root access (AWS Organizations with IAM's
 * RootCredentialsManagement feature, November 2024) lets the management account or the IAM
 * delegated administrator delete a member account's root password, access keys, signing
 * certificates and MFA devices; AWS then blocks root sign-in and, unless a privileged task allows
 * it again, root password recovery. An account in that state has no root sign-in for MFA to
 * protect, and Security Hub's root MFA control passes it; our MFA checks must not fail it.
 *
 * Removed means all three, each from its best source:
 * - no password: GetAccountSummary's AccountPasswordPresent = 0 (the credential report writes
 *   not_supported for root's password, so only the summary knows; an older inventory without
 *   the key is read as "password present");
 * - no active access key and no active signing certificate: the credential report's root row
 *   (it tells active from inactive), else the summary's AccountAccessKeysPresent /
 *   AccountSigningCertificatesPresent (which count inactive ones too, so err towards "present").
 * Anything unreadable is "not established": the caller goes on with its usual rule, so this can
 * turn a fail into a pass only on positive evidence, never an unknown into a pass.
 *
 * The organization's features (ListOrganizationsFeatures) are evidence only: a member account,
 * where credentials are removed, may not ask (AccountNotManagementOrDelegatedAdministrator), and
 * that refusal must not make the root checks unknown.
 */
import type { IamView } from '../../src/view/account-view.js';

export interface RootCredentialsRemoved {
  readonly message: string;
  readonly evidence: Record<string, unknown>;
}

export function rootCredentialsRemoved(iam: IamView): RootCredentialsRemoved | null {
  const summary = iam.accountSummary;
  if (!summary.ok || summary.value.raw.AccountPasswordPresent !== 0) return null;
  const report = iam.credentialReport;
  const root = report.ok ? report.value.rows.find((r) => r.isRoot) : undefined;
  const raw = summary.value.raw;
  const activeKeys = root ? root.accessKeys.some((k) => k.active) : raw.AccountAccessKeysPresent !== 0;
  const activeCerts = root
    ? root.certificates.some((c) => c.active)
    : raw.AccountSigningCertificatesPresent !== 0;
  if (activeKeys || activeCerts) return null;
  const central = centralizedRootAccess(iam);
  return {
    message: `the root user has no password, no active access key and no active signing certificate: root credentials are removed, so there is no root sign-in to protect${central.note}`,
    evidence: {
      rootCredentialsRemoved: true,
      accountPasswordPresent: false,
      rootActiveAccessKeys: false,
      rootActiveSigningCertificates: false,
      keysAndCertificatesFrom: root ? 'credential report' : 'GetAccountSummary',
      centralizedRootAccess: central.evidence,
    },
  };
}

function centralizedRootAccess(iam: IamView): { note: string; evidence: unknown } {
  const features = iam.organizationsFeatures;
  if (!features.ok) return { note: '', evidence: { read: false, reason: features.reason } };
  const f = features.value;
  if (f.notAnswerable) {
    return {
      note: '',
      evidence: {
        read: false,
        reason: `ListOrganizationsFeatures is not answerable from this account (${f.notAnswerable}): only the management account or the IAM delegated administrator may ask`,
      },
    };
  }
  const managed = f.enabledFeatures.includes('RootCredentialsManagement');
  return {
    note: managed
      ? ' (the organization manages root credentials centrally: RootCredentialsManagement is enabled)'
      : '',
    evidence: {
      read: true,
      organizationId: f.organizationId,
      enabledFeatures: f.enabledFeatures,
      rootCredentialsManagement: managed,
    },
  };
}
