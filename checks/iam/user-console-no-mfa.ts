import { defineCheck } from '../../src/engine/check.js';
import { ageInDays, daysText, reportDateText } from '../../src/engine/dates.js';

export default defineCheck({
  id: 'iam.user-console-no-mfa',
  title: 'IAM user can sign in to the console with a password and no MFA',
  service: 'iam',
  resourceType: 'AWS::IAM::User',
  severity: 'high',
  practice: 'BP2',
  threats: ['T5'],
  rationale:
    'A console password without MFA is one phishing page or reused password away from an attacker in the console, ' +
    'where they can edit function code, read environment variables and create keys. Users without a console ' +
    'password are not console identities and pass; IAM Identity Center and federated users are not in the credential ' +
    'report, so their MFA is enforced by the identity provider and is not judged here.',
  remediation: {
    text: 'Assign an MFA device (a FIDO security key, or a virtual authenticator) to each listed user, or delete the console password of users who only need programmatic access. Better still, move people to IAM Identity Center.',
    cli: 'aws iam delete-login-profile --user-name <user>   # or: aws iam enable-mfa-device --user-name <user> --serial-number <mfa-arn> --authentication-code1 <code> --authentication-code2 <code>',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
  ],
  frameworks: { 'aws-fsbp': ['IAM.5'], 'cis-aws-3.0': ['1.10'], 'cis-aws-7.0': ['2.10'] },
  reads: ['iam.credential-report'],
  evaluate: (view, ctx) =>
    view.eachUser((row, v) => {
      const lastUsed = ageInDays(row.passwordLastUsed, ctx.now);
      const evidence = {
        passwordEnabled: row.passwordEnabled,
        mfaActive: row.mfaActive,
        passwordLastUsed: reportDateText(row.passwordLastUsed),
        passwordLastUsedDaysAgo: lastUsed,
      };
      if (row.passwordEnabled === null) {
        return v.unknown(
          `the credential report does not say whether ${row.user} has a console password`,
          evidence,
        );
      }
      if (row.passwordEnabled && !row.mfaActive) {
        const used =
          lastUsed === null
            ? 'the password has never been used'
            : `the password was last used ${daysText(lastUsed)} ago`;
        return v.fail(`${row.user} has a console password and no MFA device (${used})`, evidence);
      }
      if (row.passwordEnabled)
        return v.pass(`${row.user} has a console password and an MFA device`, evidence);
      // Not a console identity. A removed password keeps password_last_used, which is history, not access.
      return v.notApplicable(
        lastUsed === null
          ? `${row.user} has no console password`
          : `${row.user} has no console password (removed; last console sign-in ${daysText(lastUsed)} ago)`,
        evidence,
      );
    }),
});
