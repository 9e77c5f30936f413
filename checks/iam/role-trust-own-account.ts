import { defineCheck } from '../../src/engine/check.js';
import { judgeRoleTrusts } from './_role-trust.js';

export default defineCheck({
  id: 'iam.role-trust-own-account',
  title: 'IAM role trusts its whole account, not named principals',
  service: 'iam',
  resourceType: 'AWS::IAM::Role',
  severity: 'medium',
  practice: 'BP3',
  threats: ['T2'],
  rationale:
    'Trusting the account itself (arn:aws:iam::<own account>:root or the bare id) hands the decision to identity ' +
    'policies: every user and role of the account whose policies allow sts:AssumeRole on the role — including ' +
    'any with sts:* or PowerUserAccess — may assume it. It is a common, legitimate pattern, hence medium, not ' +
    'high; naming the role ARNs, or pinning aws:PrincipalArn, or requiring MFA keeps it from becoming a path ' +
    'to the role for every workload. Roles that do not trust their account are not applicable.',
  remediation: {
    text: 'Replace the account principal with the ARNs of the roles or users that need the role, or add a condition: ArnLike aws:PrincipalArn = arn:aws:iam::<account>:role/<allowed roles>, or Bool aws:MultiFactorAuthPresent = true for people.',
    cli: 'aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['iam.authorization'],
  evaluate: (view) =>
    judgeRoleTrusts(view, {
      kinds: ['own-account-root'],
      absent: { status: 'not_applicable', message: 'does not trust its whole account' },
      fail: (role) =>
        `${role.name} trusts its own account ${view.accountId}: every principal in the account whose identity policies allow sts:AssumeRole on it may assume it (no aws:PrincipalArn pin or MFA)`,
    }),
});
