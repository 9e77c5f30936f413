import { defineCheck } from '../../src/engine/check.js';
import { eachIamUser, plural } from './_entities.js';
import { listText } from './_role-trust.js';

export default defineCheck({
  id: 'iam.user-no-group',
  title: 'IAM user is a member of no IAM group',
  service: 'iam',
  resourceType: 'AWS::IAM::User',
  severity: 'low',
  practice: 'BP3',
  threats: ['T5'],
  rationale:
    'When access is managed through groups, a user in no group is an exception: either its permissions are granted ' +
    'one by one (see iam.user-direct-policies) or it has none and is a leftover identity whose password or keys ' +
    'can still be phished or leaked. Membership is what is judged (as AWS Config’s ' +
    'iam-user-group-membership-check does), not what the groups grant.',
  remediation: {
    text: 'Add the user to the group for its job function, or, if nobody needs it any more, delete its access keys and login profile and then the user.',
    cli: 'aws iam add-user-to-group --group-name <group> --user-name <user>',
  },
  references: [
    'https://docs.aws.amazon.com/config/latest/developerguide/iam-user-group-membership-check.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html',
  ],
  // CIS 1.15 / 2.13 is about where permissions come from, which iam.user-direct-policies judges.
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['iam.authorization'],
  evaluate: (view) =>
    eachIamUser(view, (user, _iam, v) => {
      const direct = user.attachedPolicies.length + user.inlinePolicies.length;
      const evidence = { groups: user.groups, directPolicies: direct };
      if (user.groups.length > 0) {
        return v.pass(
          `${user.name} is in ${plural(user.groups.length, 'group', 'groups')} (${listText(user.groups)})`,
          evidence,
        );
      }
      const grants =
        direct > 0
          ? `its permissions come from ${plural(direct, 'policy', 'policies')} attached directly`
          : 'it has no policy of its own either';
      return v.fail(`${user.name} is in no IAM group: ${grants}`, evidence);
    }),
});
