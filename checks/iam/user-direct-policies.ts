import { defineCheck } from '../../src/engine/check.js';
import { eachIamUser, plural } from './_entities.js';
import { listText } from './_role-trust.js';

export default defineCheck({
  id: 'iam.user-direct-policies',
  title: 'IAM user has managed or inline policies attached directly',
  service: 'iam',
  resourceType: 'AWS::IAM::User',
  severity: 'low',
  practice: 'BP3',
  threats: ['T2', 'T5'],
  rationale:
    'Permissions granted user by user drift apart: nobody reviews them as a set, and a person who changes team ' +
    'keeps what the old team needed. Granting through groups (or roles people assume) keeps who may change ' +
    'functions in a few places a review can read. Managed and inline policies both count, as in Security Hub ' +
    'IAM.2 and CIS; a permissions boundary does not, since it grants nothing, and neither do the policies of ' +
    "the user's groups, which are the intended route.",
  remediation: {
    text: 'Put the user in a group that carries the permissions (or have them assume a role), then detach the managed policies from the user and delete its inline policies.',
    cli: 'aws iam add-user-to-group --group-name <group> --user-name <user> && aws iam detach-user-policy --user-name <user> --policy-arn <policy-arn> && aws iam delete-user-policy --user-name <user> --policy-name <inline-policy>',
  },
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-2',
    'https://docs.aws.amazon.com/config/latest/developerguide/iam-user-no-policies-check.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html',
  ],
  frameworks: { 'aws-fsbp': ['IAM.2'], 'cis-aws-3.0': ['1.15'], 'cis-aws-7.0': ['2.13'] },
  reads: ['iam.authorization'],
  evaluate: (view) =>
    eachIamUser(view, (user, _iam, v) => {
      const managed = user.attachedPolicies.map((p) => p.name);
      const inline = user.inlinePolicies.map((p) => p.name);
      const evidence = {
        attachedPolicies: user.attachedPolicies.map((p) => p.arn),
        inlinePolicies: inline,
        groups: user.groups,
        permissionsBoundaryArn: user.permissionsBoundaryArn,
      };
      if (managed.length === 0 && inline.length === 0) {
        const via = user.groups.length > 0 ? ` (its permissions come from ${listText(user.groups)})` : '';
        return v.pass(`${user.name} has no policy attached directly${via}`, evidence);
      }
      const parts = [
        ...(managed.length > 0
          ? [`${plural(managed.length, 'managed policy', 'managed policies')} (${listText(managed)})`]
          : []),
        ...(inline.length > 0
          ? [`${plural(inline.length, 'inline policy', 'inline policies')} (${listText(inline)})`]
          : []),
      ];
      return v.fail(`${user.name} has ${parts.join(' and ')} attached directly`, evidence);
    }),
});
