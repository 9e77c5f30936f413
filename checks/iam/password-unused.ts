import { defineCheck } from '../../src/engine/check.js';
import { reportDate, reportDateText } from '../../src/engine/dates.js';
import { describeIdle, idleSince, isIdle, MAX_IDLE_DAYS } from './_credential-idle.js';

export default defineCheck({
  id: 'iam.password-unused',
  title: 'IAM user has a console password unused for 45 days or more',
  service: 'iam',
  resourceType: 'AWS::IAM::User',
  severity: 'medium',
  practice: 'BP2',
  threats: ['T5'],
  rationale:
    'A console password nobody signs in with is a standing target for phishing, guessing and reuse from other ' +
    'breaches, and its owner may have left. Unused means no sign-in since the later of the last sign-in and the ' +
    'password being set (password_last_changed), so a user created or given a new password last week is not yet ' +
    'judged. Only password_enabled counts: a user whose console access was removed keeps an old password_last_used ' +
    'and is not applicable. Keys are iam.access-key-unused (the other half of CIS 1.12).',
  remediation: {
    text: 'Remove the console password (delete the login profile) of each listed user; if the person still needs the console, they can be given a new one, with MFA, when they ask.',
    cli: 'aws iam delete-login-profile --user-name <user>',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
  ],
  // FSBP IAM.8 judges unused credentials at 90 days; failing at 45 would misreport it.
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': ['1.12'], 'cis-aws-7.0': ['2.11'] },
  reads: ['iam.credential-report'],
  evaluate: (view, ctx) =>
    view.eachUser((row, v) => {
      if (row.passwordEnabled !== true) {
        return v.notApplicable(`${row.user} has no console password`, { passwordEnabled: false });
      }
      // The password's issue date: its last change, else (never changed in the report) the user's creation.
      const issued = reportDate(row.passwordLastChanged) ? row.passwordLastChanged : row.userCreatedAt;
      const idle = idleSince(row.passwordLastUsed, issued, ctx.now);
      const evidence = {
        maxIdleDays: MAX_IDLE_DAYS,
        passwordLastUsed: reportDateText(row.passwordLastUsed),
        passwordLastChanged: reportDateText(row.passwordLastChanged),
        userCreationTime: reportDateText(row.userCreatedAt),
        idleDays: idle?.days ?? null,
        idleSince: idle?.since ?? null,
      };
      if (idle === null) {
        return v.unknown(
          `the credential report gives neither a sign-in nor a password date for ${row.user}`,
          evidence,
        );
      }
      const text = `${row.user}'s console password was ${describeIdle(idle, 'set')}`;
      return isIdle(idle)
        ? v.fail(`${text}: unused for ${MAX_IDLE_DAYS}+ days`, evidence)
        : v.pass(text, evidence);
    }),
});
