import { defineCheck } from '../../src/engine/check.js';
import {
  allRequirements,
  CIS_MIN_LENGTH as MIN_LENGTH,
  CIS_MIN_REUSE_PREVENTION as MIN_REUSE_PREVENTION,
} from './_password-requirements.js';

/*
 * CIS 1.8 (minimum length) and 1.9 (passwords remembered, and so not reusable) decide the verdict.
 * The evidence lists every requirement line, CIS and FSBP IAM.7 alike, met or not, so a reader
 * sees the whole policy against both frameworks; iam.password-policy-complexity judges IAM.7's.
 */

export default defineCheck({
  id: 'iam.password-policy',
  title: 'Account password policy is missing or allows short or reused passwords',
  service: 'iam',
  resourceType: 'AWS::::Account',
  severity: 'medium',
  practice: 'BP2',
  threats: ['T5'],
  rationale:
    'Console passwords of IAM users are what phishing and credential stuffing go after. A long minimum length and a ' +
    'long reuse history resist guessing and recycled leaks. Forced expiry and character-class rules are not ' +
    'required: NIST SP 800-63B advises against both, and they push users to predictable variations.',
  remediation: {
    text: `Set an account password policy with a minimum length of at least ${MIN_LENGTH} and reuse prevention of ${MIN_REUSE_PREVENTION}. Better, give people federated access through IAM Identity Center so IAM users need no passwords at all.`,
    cli: `aws iam update-account-password-policy --minimum-password-length ${MIN_LENGTH} --password-reuse-prevention ${MIN_REUSE_PREVENTION} --allow-users-to-change-password`,
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': ['1.8', '1.9'], 'cis-aws-7.0': ['2.8', '2.9'] },
  reads: ['iam.password-policy'],
  evaluate: (view) =>
    view.forAccount((v) => {
      const read = view.iam.passwordPolicy;
      if (!read.ok) return v.missing(read);
      const policy = read.value;
      if (policy === null) {
        return v.fail(
          'the account has no password policy: the AWS default applies (8 characters minimum, no reuse prevention)',
          { policy: null, failedRules: ['cis-1.8', 'cis-1.9'], requirements: allRequirements(null) },
        );
      }
      const problems: { rule: string; text: string }[] = [];
      const length = policy.minimumPasswordLength;
      if (length === null || length < MIN_LENGTH) {
        problems.push({
          rule: 'cis-1.8',
          text: `minimum length is ${length ?? 'not set'} (at least ${MIN_LENGTH} wanted)`,
        });
      }
      const reuse = policy.passwordReusePrevention;
      if (reuse === null || reuse < MIN_REUSE_PREVENTION) {
        problems.push({
          rule: 'cis-1.9',
          text:
            reuse === null
              ? `password reuse is not prevented (${MIN_REUSE_PREVENTION} remembered passwords wanted)`
              : `only ${reuse} previous passwords are remembered (${MIN_REUSE_PREVENTION} wanted)`,
        });
      }
      const evidence = {
        policy,
        failedRules: problems.map((p) => p.rule),
        requirements: allRequirements(policy),
      };
      if (problems.length > 0) {
        return v.fail(`the password policy is weak: ${problems.map((p) => p.text).join('; ')}`, evidence);
      }
      return v.pass(
        `the password policy requires at least ${length} characters and remembers ${reuse} previous passwords`,
        evidence,
      );
    }),
});
