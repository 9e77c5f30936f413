import { defineCheck } from '../../src/engine/check.js';
import { judgeEscalation } from './_escalation.js';

/**
 * The permissions of an escalation path held on every resource of the kind, with nothing in the
 * account today to use them on (no role trusting Lambda is stronger than the principal, no other
 * policy version is known): not an escalation yet, but one `CreateRole` away. Kept apart from
 * iam.privilege-escalation, at low severity, so a report never counts it as the same finding.
 */
export default defineCheck({
  id: 'iam.privilege-escalation-latent',
  title: 'IAM principal holds escalation permissions with no target today',
  service: 'iam',
  resourceType: 'AWS::IAM::Role',
  severity: 'low',
  practice: 'BP3',
  threats: ['T1', 'T2'],
  rationale:
    'iam:PassRole on "*" with lambda:CreateFunction, or iam:CreatePolicyVersion on every policy, is an escalation ' +
    'path as soon as a stronger role or policy exists; today there is none in the account, so it is reported as latent, ' +
    'at low severity, and not as an escalation.',
  remediation: {
    text: 'Scope the permission to the resources the principal needs (iam:PassRole to named roles with iam:PassedToService; policy edits to the policies it owns) before a stronger target appears.',
    cli: 'aws iam put-role-policy --role-name <role> --policy-name <name> --policy-document file://scoped.json',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['iam.authorization', 'iam.credential-report', 'lambda.functions'],
  data: ['iam-actions'],
  evaluate: (view) =>
    judgeEscalation(view, {
      pick: 'latent',
      none: 'no escalation permission held without a target',
      describe: (first, more) =>
        `could ${first} once a target exists${more > 0 ? ` (and ${more} more)` : ''}`,
    }),
});
