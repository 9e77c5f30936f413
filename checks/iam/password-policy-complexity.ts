import { defineCheck } from '../../src/engine/check.js';
import { allRequirements, FSBP_MIN_LENGTH, fsbpRequirements } from './_password-requirements.js';

export default defineCheck({
  id: 'iam.password-policy-complexity',
  title: 'Account password policy does not meet Security Hub IAM.7 (character classes, length 8)',
  service: 'iam',
  resourceType: 'AWS::::Account',
  severity: 'low',
  practice: 'BP2',
  threats: ['T5'],
  rationale:
    'Security Hub IAM.7, with its default parameters, wants an uppercase letter, a lowercase letter, a symbol and ' +
    `a number in every password and a minimum length of ${FSBP_MIN_LENGTH}; it sets no reuse or expiry rule by ` +
    'default. NIST SP 800-63B advises against composition rules (they yield predictable patterns such as ' +
    'Password1!), and length matters more, which iam.password-policy judges (CIS: 14). So this check is low: it ' +
    'reports the FSBP requirement for those audited against it, not a strong control.',
  remediation: {
    text: 'Require the four character classes in the account password policy (and a length of at least 14, for CIS). Better, move people to IAM Identity Center so IAM users need no passwords.',
    cli: 'aws iam update-account-password-policy --require-uppercase-characters --require-lowercase-characters --require-symbols --require-numbers --minimum-password-length 14 --password-reuse-prevention 24 --allow-users-to-change-password',
  },
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-7',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
    'https://pages.nist.gov/800-63-4/sp800-63b.html',
  ],
  frameworks: { 'aws-fsbp': ['IAM.7'], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['iam.password-policy'],
  evaluate: (view) =>
    view.forAccount((v) => {
      const read = view.iam.passwordPolicy;
      if (!read.ok) return v.missing(read);
      const policy = read.value;
      const lines = fsbpRequirements(policy);
      const unmet = lines.filter((l) => !l.met);
      const evidence = { policy, failedRules: unmet.map((l) => l.id), requirements: allRequirements(policy) };
      if (policy === null) {
        return v.fail(
          'the account has no password policy: the AWS default sets none of the IAM.7 requirements',
          evidence,
        );
      }
      if (unmet.length > 0) {
        return v.fail(`the password policy ${unmet.map((l) => l.actual).join('; ')}`, evidence);
      }
      return v.pass(
        `the password policy requires the four character classes and at least ${policy.minimumPasswordLength} characters`,
        evidence,
      );
    }),
});
