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
 * that refusal must not make the root checks unknown. An organization scan asks once with its
 * caller's credentials (the management account or the IAM delegated administrator answers) and
 * records the answer in every member's `scan.organization.rootAccess`, so a member's report can
 * say that the organization manages root credentials centrally. It stays evidence: with
 * RootCredentialsManagement enabled, the management account and the IAM delegated administrator
 * *can* delete a member's root credentials
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_EnableOrganizationsRootCredentialsManagement.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management),
 * which does not mean they did for this account: only the account's own reads above establish
 * removal. The feature never concerns the management account's own root user.
 */
import type { AccountView } from '../../src/view/account-view.js';
import { describeError } from '../../src/view/verdict.js';

export interface RootCredentialsRemoved {
  readonly message: string;
  readonly evidence: Record<string, unknown>;
}

export function rootCredentialsRemoved(
  view: Pick<AccountView, 'iam' | 'organizationContext' | 'accountId'>,
): RootCredentialsRemoved | null {
  const iam = view.iam;
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
  const central = centralizedRootAccess(view);
  return {
    message: `the root user has no password, no active access key and no active signing certificate: root credentials are removed, so there is no root sign-in to protect${central.managed ? ' (the organization manages root credentials centrally: RootCredentialsManagement is enabled)' : ''}`,
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

export interface CentralizedRootAccess {
  /** RootCredentialsManagement is known to be enabled for the account's organization. */
  readonly managed: boolean;
  /**
   * A fix a failing root check can name: the organization manages member root credentials
   * centrally and this account is a member (not the management account), so its root
   * credentials can be deleted from the management account; '' otherwise.
   */
  readonly remedy: string;
  readonly evidence: Record<string, unknown>;
}

/**
 * What the scan knows of the organization's centralized root access: the account's own
 * ListOrganizationsFeatures when it was answered (the management account, the IAM delegated
 * administrator), else the organization scan's (asked once with the caller's credentials).
 */
export function centralizedRootAccess(
  view: Pick<AccountView, 'iam' | 'organizationContext' | 'accountId'>,
): CentralizedRootAccess {
  const own = view.iam.organizationsFeatures;
  const org = view.organizationContext;
  const fromScan = org?.rootAccess;
  const answered =
    own.ok && own.value.notAnswerable === null
      ? { features: own.value, source: 'this account (iam:ListOrganizationsFeatures)' }
      : fromScan?.ok && fromScan.value.notAnswerable === null
        ? {
            features: fromScan.value,
            source: "the organization scan's caller (iam:ListOrganizationsFeatures)",
          }
        : null;
  if (!answered) {
    return { managed: false, remedy: '', evidence: { read: false, reasons: unansweredReasons(view) } };
  }
  const f = answered.features;
  const managed = f.enabledFeatures.includes('RootCredentialsManagement');
  // Centralized root access manages member accounts' root users; the management account's own
  // root is outside it. Without the organization scan's context, which account manages is unknown.
  const member = org ? org.managementAccountId !== view.accountId : null;
  return {
    managed,
    remedy:
      managed && member === true
        ? `; the organization manages root credentials centrally (RootCredentialsManagement): delete this member account's root credentials from the management account or the IAM delegated administrator (sts:AssumeRoot with the IAMDeleteRootUserCredentials task policy)`
        : '',
    evidence: {
      read: true,
      source: answered.source,
      organizationId: f.organizationId,
      enabledFeatures: f.enabledFeatures,
      rootCredentialsManagement: managed,
      memberAccount: member,
    },
  };
}

function unansweredReasons(view: Pick<AccountView, 'iam' | 'organizationContext'>): string[] {
  const reasons: string[] = [];
  const own = view.iam.organizationsFeatures;
  if (!own.ok) reasons.push(own.reason);
  else if (own.value.notAnswerable)
    reasons.push(
      `ListOrganizationsFeatures is not answerable from this account (${own.value.notAnswerable}): only the management account or the IAM delegated administrator may ask`,
    );
  const scan = view.organizationContext?.rootAccess;
  if (view.organizationContext) {
    if (!scan) reasons.push("the organization scan did not read the organization's root access features");
    else if (!scan.ok)
      reasons.push(`the organization scan could not read them: ${describeError(scan.error)}`);
    else if (scan.value.notAnswerable)
      reasons.push(
        `the organization scan's caller may not ask either (${scan.value.notAnswerable}): only the management account or the IAM delegated administrator may`,
      );
  }
  return reasons;
}
