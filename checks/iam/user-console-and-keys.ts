import { defineCheck } from '../../src/engine/check.js';
import { reportDateText } from '../../src/engine/dates.js';

export default defineCheck({
  id: 'iam.user-console-and-keys',
  title: 'IAM user has both a console password and an active access key',
  service: 'iam',
  resourceType: 'AWS::IAM::User',
  severity: 'low',
  practice: 'BP1',
  threats: ['T1', 'T5'],
  rationale:
    'A console password marks a person; an access key on that person is a long-lived secret on a laptop, in ' +
    'shell history and dotfiles, that MFA on the console does not protect. People should get temporary ' +
    'credentials (IAM Identity Center, or a role assumed with MFA) and keys belong to workloads, so a user with ' +
    'both is either a person holding a key or a workload that can sign in. Only password_enabled and Active keys ' +
    'count: a removed login profile or a deactivated key is not a credential.',
  remediation: {
    text: 'For a person: delete the access key and give them `aws sso login` or a role to assume with MFA. For a workload: delete the login profile, and move the workload to a role where it can.',
    cli: 'aws iam delete-access-key --user-name <user> --access-key-id <key-id>   # or: aws iam delete-login-profile --user-name <user>',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
  ],
  // No framework control asks this exactly; CIS 3.0 1.11 (a key set up with the user) is iam.access-key-created-with-user.
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['iam.credential-report'],
  evaluate: (view) =>
    view.eachUser((row, v) => {
      if (row.passwordEnabled !== true) {
        return v.notApplicable(`${row.user} has no console password`, { passwordEnabled: false });
      }
      const keys = row.accessKeys.map((k, i) => ({
        slot: i + 1,
        active: k.active,
        lastRotated: reportDateText(k.lastRotated),
        lastUsed: reportDateText(k.lastUsed),
      }));
      const evidence = { passwordEnabled: true, mfaActive: row.mfaActive, keys };
      const active = keys.filter((k) => k.active);
      if (active.length > 0) {
        return v.fail(
          `${row.user} has a console password and ${active.length} active access key(s) (${active.map((k) => `key ${k.slot}, last used ${k.lastUsed}`).join('; ')})`,
          evidence,
        );
      }
      const inactive = keys.filter((k) => k.lastRotated !== 'N/A').length;
      return v.pass(
        inactive > 0
          ? `${row.user} signs in to the console and has no active access key (${inactive} inactive)`
          : `${row.user} signs in to the console and has no access key`,
        evidence,
      );
    }),
});
