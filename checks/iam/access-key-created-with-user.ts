import { defineCheck } from '../../src/engine/check.js';
import { DAY_MS, daysText, reportDate, reportDateText } from '../../src/engine/dates.js';

/**
 * How close to the user's creation a key must be to count as "set up during initial user setup":
 * one hour covers the console's create-user flow and an IaC apply that creates the user, its
 * login profile and a key together, and excludes any later, deliberate CreateAccessKey.
 */
const SETUP_WINDOW_MS = 3_600_000;

export default defineCheck({
  id: 'iam.access-key-created-with-user',
  title: 'Console user has an access key created with the user and never used',
  service: 'iam',
  resourceType: 'AWS::IAM::User',
  severity: 'low',
  practice: 'BP1',
  threats: ['T1', 'T5'],
  rationale:
    'CIS 1.11: a person who signs in to the console rarely needs a long-lived key, and one issued with the user, ' +
    'before anyone asked for it, is a live credential nobody uses or watches. CIS and Prowler read any never-used ' +
    'active key of a console user as one; a key created last week on a three-year-old user was not set up with ' +
    'it, so here a key counts only when its creation (last_rotated) is within an hour of the user_creation_time.',
  remediation: {
    text: 'Delete the unused key. If the person later needs programmatic access, prefer IAM Identity Center or a role with temporary credentials; issue a key only on request.',
    cli: 'aws iam delete-access-key --user-name <user> --access-key-id <key-id>',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_users_create.html',
  ],
  // CIS 7.0 dropped this recommendation (3.0 1.11 has no 7.0 counterpart); FSBP has none.
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': ['1.11'], 'cis-aws-7.0': [] },
  reads: ['iam.credential-report'],
  evaluate: (view) =>
    view.eachUser((row, v) => {
      if (row.passwordEnabled !== true) {
        return v.notApplicable(`${row.user} has no console password`, { passwordEnabled: false });
      }
      const created = reportDate(row.userCreatedAt);
      // N/A and no_information both mean the report records no use of the key.
      const unused = row.accessKeys.flatMap((k, i) =>
        k.active && !('at' in k.lastUsed)
          ? [{ slot: i + 1, lastRotated: reportDateText(k.lastRotated), at: reportDate(k.lastRotated) }]
          : [],
      );
      const keys = unused.map((k) => ({
        slot: k.slot,
        lastRotated: k.lastRotated,
        minutesAfterUserCreation:
          k.at && created ? Math.round((k.at.getTime() - created.getTime()) / 60_000) : null,
      }));
      const evidence = { userCreationTime: reportDateText(row.userCreatedAt), neverUsedActiveKeys: keys };
      if (unused.length === 0) {
        return v.pass(`${row.user} has no active access key that was never used`, evidence);
      }
      const atSetup = unused.filter(
        (k) => k.at && created && Math.abs(k.at.getTime() - created.getTime()) <= SETUP_WINDOW_MS,
      );
      if (atSetup.length > 0) {
        return v.fail(
          `${row.user} has a console password and ${atSetup.map((k) => `key ${k.slot}`).join(' and ')}, created with the user on ${reportDateText(row.userCreatedAt)} and never used`,
          evidence,
        );
      }
      const undated = unused.filter((k) => !k.at || !created);
      if (undated.length > 0) {
        return v.unknown(
          `the credential report does not date ${row.user}'s creation or key ${undated.map((k) => k.slot).join(' and ')}, so whether it was set up with the user is unknown`,
          evidence,
        );
      }
      const later = unused.map((k) => {
        const ms = (k.at as Date).getTime() - (created as Date).getTime();
        const after =
          ms >= DAY_MS ? daysText(Math.floor(ms / DAY_MS)) : `${Math.floor(ms / 3_600_000)} hours`;
        return `key ${k.slot} created ${after} after the user`;
      });
      return v.pass(
        `${row.user}'s never-used key was not set up with the user (${later.join(', ')}); iam.access-key-unused judges its idleness`,
        evidence,
      );
    }),
});
