import { defineCheck } from '../../src/engine/check.js';
import { eachPolicy, judgeAnyRole, MANAGED_POLICY_TYPE } from './_policy-grants.js';

/**
 * sts:AssumeRole on every role. A role's trust policy must also admit the caller, so the grant
 * alone assumes nothing; but every role that trusts the account (`arn:aws:iam::<account>:root`,
 * the console's default for "another AWS account" and for cross-role set-ups) is then open to the
 * holder, and every such role created later. Judged per document; a grant on named roles or a name
 * prefix (`role/cdk-*`) passes.
 */
export default defineCheck({
  id: 'iam.policy-assume-any-role',
  title: 'IAM policy allows sts:AssumeRole on every role',
  service: 'iam',
  resourceType: MANAGED_POLICY_TYPE,
  severity: 'medium',
  practice: 'BP3',
  threats: ['T1', 'T2'],
  rationale:
    'Trust policies that name the account root delegate the decision to the account’s identity policies: any ' +
    'principal allowed sts:AssumeRole on the role may assume it. A policy granting sts:AssumeRole on "*" therefore ' +
    'opens every such role, administrator roles included, to whoever holds it or steals its keys, and every such ' +
    'role created later.',
  remediation: {
    text: 'Grant sts:AssumeRole only on the ARNs of the roles the holder needs; in trust policies, name the principals allowed to assume a role rather than the account root.',
    cli: 'aws iam create-policy-version --policy-arn <policy-arn> --policy-document file://assume-scoped.json --set-as-default',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['iam.authorization'],
  data: ['iam-actions'],
  evaluate: (view) => eachPolicy(view, (judge, v) => judgeAnyRole(view, judge, v, 'sts:AssumeRole')),
});
