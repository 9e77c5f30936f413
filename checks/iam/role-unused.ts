import { defineCheck } from '../../src/engine/check.js';
import { daysBetween, daysText } from '../../src/engine/dates.js';
import { SERVICE_LINKED_PATH } from './_role-trust.js';

/** Unused for this many whole days or more fails (IAM's own "unused" guidance uses 90). */
const MAX_IDLE_DAYS = 90;
/** IAM reports RoleLastUsed for the trailing 400 days only. */
const TRACKING_DAYS = 400;
/** IAM Identity Center's permission-set roles: IAM refuses to delete them; the assignment is the fix. */
const IDENTITY_CENTER_PATH = '/aws-reserved/sso.amazonaws.com/';

/**
 * Idle time counts from the later of the last use and the creation: a role created 20 days ago
 * and not used yet has been idle 20 days, not "forever", and cannot fail until it is 90 days old.
 * No RoleLastUsed means no use in IAM's tracking window (the trailing 400 days).
 */
export default defineCheck({
  id: 'iam.role-unused',
  title: 'IAM role has not been used for 90 days or more',
  service: 'iam',
  resourceType: 'AWS::IAM::Role',
  severity: 'low',
  practice: 'BP3',
  threats: ['T2', 'T4'],
  rationale:
    'A role nobody uses still grants what its policies say to whoever its trust policy admits; a forgotten ' +
    'deploy or migration role is exactly the access an intruder looks for and nobody watches. Unused is judged ' +
    'from RoleLastUsed (IAM tracks the trailing 400 days), counted from the scan time and from the later of the ' +
    'last use and the creation, so a role created recently is not flagged. Service-linked roles are not ' +
    'judged: the service that owns them deletes them.',
  remediation: {
    text: 'Confirm with the role’s owner that nothing assumes it (CloudTrail AssumeRole events, the IAM console’s Last activity), then delete it, or detach its policies first if you are unsure. An IAM Identity Center role (AWSReservedSSO_…) cannot be deleted in IAM: remove the unused permission-set assignment instead.',
    cli: 'aws iam get-role --role-name <role> --query Role.RoleLastUsed && aws iam delete-role --role-name <role>',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage_delete.html',
    'https://docs.aws.amazon.com/IAM/latest/APIReference/API_RoleLastUsed.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html',
  ],
  // No FSBP or CIS control judges unused roles (CIS 1.12 / 2.11 concern user credentials).
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['iam.authorization'],
  evaluate: (view, ctx) =>
    view.eachRole((role, v) => {
      const evidence = {
        createdAt: role.createdAt,
        lastUsedAt: role.lastUsed.at,
        lastUsedRegion: role.lastUsed.region,
        maxIdleDays: MAX_IDLE_DAYS,
      };
      if (role.path.startsWith(SERVICE_LINKED_PATH)) {
        return v.notApplicable(
          `${role.name} is a service-linked role: the service that owns it removes it`,
          evidence,
        );
      }
      const fix = role.path.startsWith(IDENTITY_CENTER_PATH)
        ? ' (an IAM Identity Center permission-set role: remove the unused assignment in Identity Center)'
        : '';
      const created = new Date(role.createdAt);
      const used = role.lastUsed.at === null ? null : new Date(role.lastUsed.at);
      if (used && used.getTime() >= created.getTime()) {
        const days = daysBetween(used, ctx.now);
        const where = role.lastUsed.region ? ` in ${role.lastUsed.region}` : '';
        const text = `${role.name} was last used ${daysText(days)} ago${where}`;
        const e = { ...evidence, idleDays: days, idleSince: 'last use' };
        return days >= MAX_IDLE_DAYS ? v.fail(`${text}${fix}`, e) : v.pass(text, e);
      }
      const age = daysBetween(created, ctx.now);
      const e = { ...evidence, idleDays: age, idleSince: 'creation' };
      if (age < MAX_IDLE_DAYS) {
        return v.pass(`${role.name} was created ${daysText(age)} ago and has not been used yet`, e);
      }
      const window = age > TRACKING_DAYS ? ` (IAM tracks the last ${TRACKING_DAYS} days)` : '';
      return v.fail(
        `${role.name} has no recorded use in the ${daysText(age)} since it was created${window}${fix}`,
        e,
      );
    }),
});
