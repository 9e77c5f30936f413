import { defineCheck } from '../../src/engine/check.js';
import { judgeRoleTrusts, listText } from './_role-trust.js';

export default defineCheck({
  id: 'iam.role-trust-confused-deputy',
  title: 'IAM role trusts an AWS service without aws:SourceAccount or aws:SourceArn',
  service: 'iam',
  resourceType: 'AWS::IAM::Role',
  severity: 'low',
  practice: 'BP3',
  threats: ['T2'],
  rationale:
    'A service principal without aws:SourceAccount or aws:SourceArn lets the service assume the role for any ' +
    'customer’s resource that names it (the cross-service confused deputy). Services that only use a role ' +
    'passed to them with iam:PassRole in its own account (Lambda and Lambda@Edge execution roles, EC2 instance ' +
    'profiles, ECS task roles) cannot be pointed at it from another account, so they pass; service-linked roles ' +
    'are not applicable (AWS owns their trust policy). Low: it is defence in depth, and services honour the ' +
    'keys unevenly.',
  remediation: {
    text: 'Add StringEquals aws:SourceAccount = <account> (or ArnLike aws:SourceArn = <the resource>) to each service statement, after checking in the service’s "cross-service confused deputy prevention" page that it sends the key.',
    cli: 'aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html#cross-service-confused-deputy-prevention',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['iam.authorization'],
  evaluate: (view) =>
    judgeRoleTrusts(view, {
      kinds: ['service'],
      absent: { status: 'not_applicable', message: 'trusts no AWS service' },
      serviceLinked: 'AWS owns its trust policy, which cannot be edited',
      fail: (role, findings) =>
        `${role.name} trusts ${listText(findings.flatMap((e) => e.principals))} without aws:SourceAccount or aws:SourceArn: the service may assume it on behalf of another account’s resource`,
    }),
});
