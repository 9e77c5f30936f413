import { defineCheck } from '../../src/engine/check.js';
import type { GuardDutyOrganizationAdmins } from '../../src/inventory/schema.js';
import { missingRead, readOf } from '../../src/view/verdict.js';

/**
 * Is GuardDuty in this region administered centrally, by the organization's delegated
 * administrator? Two halves, each read where AWS answers it:
 * - the organization's side, read once with the organization scan's caller (the management
 *   account): ListOrganizationAdminAccounts in the region, whose ENABLED entry is the delegated
 *   administrator there (at most one per region);
 * - the member's side, read with the account's own audit role: GetAdministratorAccount on its
 *   detector, which names the administrator and the relationship (Enabled once in force).
 * The delegated administrator itself has no administrator (GetAdministratorAccount answers none):
 * it passes as the administrator, where a rule of "has an administrator" would fail it.
 */

/** The one delegated administrator in force in a region (DISABLE_IN_PROGRESS is being removed). */
function enabledAdmin(admins: GuardDutyOrganizationAdmins): string | null {
  return admins.adminAccounts.find((a) => a.status === 'ENABLED')?.accountId ?? null;
}

export default defineCheck({
  id: 'guardduty.delegated-administrator',
  title: "GuardDuty is not administered by the organization's delegated administrator",
  service: 'guardduty',
  resourceType: 'AWS::GuardDuty::Detector',
  severity: 'medium',
  practice: 'BP6',
  threats: ['T2', 'T4'],
  rationale:
    'In an AWS Organization, GuardDuty is run from one delegated administrator, designated by the management ' +
    'account in each Region, with every member associated to it: it sees every member’s findings, sets their ' +
    'protection plans and auto-enables new accounts, and a member cannot suspend its own detector, so an intruder ' +
    'in one account cannot quietly turn detection off. A standalone detector, one managed by another (old, ' +
    'invitation-based) administrator, or an association only Invited, Removed or Resigned, fails. The delegated ' +
    'administrator itself passes (it has no administrator). Judged only in an organization scan, where the ' +
    'detector is enabled.',
  remediation: {
    text: 'From the management account, designate a security account as GuardDuty delegated administrator in every Region; from that account, turn on auto-enable for ALL organization members and add any existing member that is not associated (including the management account). Disassociate members from any old invitation-based administrator first.',
    cli: 'aws guardduty enable-organization-admin-account --admin-account-id <security-account-id> --region <region>   # as the management account; then, as the delegated administrator: aws guardduty create-members --detector-id <detector-id> --account-details AccountId=<member-account-id> --region <region>',
  },
  references: [
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html',
    'https://docs.aws.amazon.com/guardduty/latest/ug/consolidate-orgs.html',
    'https://docs.aws.amazon.com/guardduty/latest/APIReference/API_ListOrganizationAdminAccounts.html',
    'https://docs.aws.amazon.com/guardduty/latest/APIReference/API_GetAdministratorAccount.html',
  ],
  // No framework has a control for this: FSBP GuardDuty.1 asks only that GuardDuty be enabled,
  // and the CIS AWS Foundations benchmarks have no GuardDuty administration control.
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['guardduty.detectors', 'guardduty.administrator', 'organization.guardduty-administrators'],
  evaluate: (view) =>
    // An unreadable region is unknown before anything else, as in every regional check.
    view.eachGuardDutyRegion(({ region, unreadableDetector }, detectors, v) => {
      const org = view.organizationContext;
      if (!org) {
        return v.notApplicable(
          `organization membership unknown: scanned as a single account, so the organization's GuardDuty delegated administrator in ${region} is not known`,
        );
      }
      const detector = detectors.find((d) => d.readError === null && d.status === 'ENABLED');
      if (!detector) {
        if (unreadableDetector) return v.missing(unreadableDetector);
        return v.notApplicable(`GuardDuty is not enabled in ${region} (judged by guardduty.enabled)`);
      }
      const what = `the organization's GuardDuty delegated administrators in ${region}`;
      const record = org.guardDutyAdministrators;
      const admins =
        record && !(region in record)
          ? missingRead(
              `${what} were not read: the organization scan read them only in the caller's regions (${Object.keys(record).join(', ') || 'none'}); name this region in --regions`,
            )
          : readOf(record?.[region], what);
      if (!admins.ok) return v.missing(admins, { detectorId: detector.id });
      const delegated = admins.value.notAnswerable ? null : enabledAdmin(admins.value);
      const evidence = {
        detectorId: detector.id,
        organizationAdminAccounts: admins.value.adminAccounts,
        delegatedAdministratorAccountId: delegated,
      };
      if (delegated === view.accountId) {
        return v.pass(
          `this account is the organization's GuardDuty delegated administrator in ${region}: it administers the members, and has no administrator of its own`,
          { ...evidence, administrator: null },
        );
      }
      if (!admins.value.notAnswerable && delegated === null) {
        return v.fail(
          `the organization has no GuardDuty delegated administrator in ${region}, so nothing administers this detector centrally`,
          evidence,
        );
      }
      const own = readOf(detector.administrator, `the GuardDuty administrator of detector ${detector.id}`);
      if (!own.ok) return v.missing(own, evidence);
      const administrator = own.value;
      const withAdmin = { ...evidence, administrator };
      // A delegated administrator is always an account of the organization: one outside it is
      // never the organization's, whatever the management account would have said.
      if (administrator && !view.organizationAccounts.has(administrator.accountId)) {
        return v.fail(
          `GuardDuty in ${region} is managed by account ${administrator.accountId}, which is outside the organization, not by the organization's delegated administrator`,
          withAdmin,
        );
      }
      if (admins.value.notAnswerable) {
        return v.unknown(
          `whether GuardDuty in ${region} is administered by the organization's delegated administrator is unknown: the delegated administrator can be listed only from the management account, and the organization scan ran as another account (scan with the management account's credentials)`,
          withAdmin,
        );
      }
      if (!administrator) {
        return v.fail(
          `GuardDuty in ${region} is standalone: the detector is not a member of the organization's delegated administrator ${delegated}`,
          withAdmin,
        );
      }
      if (administrator.accountId !== delegated) {
        return v.fail(
          `GuardDuty in ${region} is managed by account ${administrator.accountId}, not by the organization's delegated administrator ${delegated}`,
          withAdmin,
        );
      }
      if (administrator.relationshipStatus !== 'Enabled') {
        return v.fail(
          `GuardDuty in ${region} is not yet (or no longer) administered by the delegated administrator ${delegated}: the membership is ${administrator.relationshipStatus}`,
          withAdmin,
        );
      }
      return v.pass(
        `GuardDuty in ${region} is administered by the organization's delegated administrator ${delegated}`,
        withAdmin,
      );
    }),
});
