import { defineCheck } from '../../src/engine/check.js';
import { eachPolicy, judgeAnyRole, MANAGED_POLICY_TYPE } from './_policy-grants.js';

/**
 * iam:PassRole on every role: the ingredient every "run code as another role" escalation needs
 * (lambda:CreateFunction or UpdateFunctionConfiguration with a more privileged role; see
 * src/iam/escalation.ts). An `iam:PassedToService` condition narrows which service receives the
 * role, not which role, so it leaves the grant standing (conditional). Whether a holder can
 * exploit it today is iam.privilege-escalation's question; this check judges the document.
 */
export default defineCheck({
  id: 'iam.policy-pass-any-role',
  title: 'IAM policy allows iam:PassRole on every role',
  service: 'iam',
  resourceType: MANAGED_POLICY_TYPE,
  severity: 'high',
  practice: 'BP3',
  threats: ['T2', 'T4'],
  rationale:
    'iam:PassRole lets a principal hand a role to a service that then runs as it. On every role, together with ' +
    'lambda:CreateFunction or lambda:UpdateFunctionConfiguration (or EC2, Glue, CloudFormation…), it runs code as the ' +
    'most privileged role in the account: the classic Lambda privilege escalation. Scoping PassRole to the execution ' +
    'roles a deployer needs removes the path whatever else the policy grants.',
  remediation: {
    text: 'Grant iam:PassRole only on the ARNs (or a dedicated path such as role/lambda-exec/*) of the roles the holder deploys with, and add an iam:PassedToService condition naming the service.',
    cli: 'aws iam create-policy-version --policy-arn <policy-arn> --policy-document file://passrole-scoped.json --set-as-default',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['iam.authorization'],
  data: ['iam-actions'],
  evaluate: (view) => eachPolicy(view, (judge, v) => judgeAnyRole(view, judge, v, 'iam:PassRole')),
});
