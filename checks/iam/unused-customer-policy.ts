import { defineCheck } from '../../src/engine/check.js';
import { eachCustomerPolicy } from './_entities.js';
import { listText } from './_role-trust.js';

/**
 * Unused means attached to nothing and the boundary of nobody. AttachmentCount counts users,
 * groups and roles the policy is attached to; a policy used only as a permissions boundary has
 * AttachmentCount 0 (AWS counts that use apart, as PermissionsBoundaryUsageCount), so the
 * boundaries of the users and roles in the same authorization details are checked too. If AWS's
 * count and the entities disagree (one read while the other changed), any sign of use wins.
 */
export default defineCheck({
  id: 'iam.unused-customer-policy',
  title: 'Customer-managed IAM policy is attached to nothing',
  service: 'iam',
  resourceType: 'AWS::IAM::ManagedPolicy',
  severity: 'low',
  practice: 'BP3',
  threats: ['T2'],
  rationale:
    'An unattached policy grants nothing today, but it is one attach-user-policy away from granting again, and ' +
    'it clutters every review of who may change functions: an old broad policy left behind is easy to re-attach ' +
    'by mistake or by an intruder with iam:Attach* rights. A policy used only as a permissions boundary is in ' +
    'use, although its attachment count is 0.',
  remediation: {
    text: 'Check that nothing needs the policy (its versions, and any infrastructure code that references it), then delete its non-default versions and the policy.',
    cli: 'aws iam list-entities-for-policy --policy-arn <policy-arn> && aws iam delete-policy --policy-arn <policy-arn>',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-delete.html',
    'https://docs.aws.amazon.com/IAM/latest/APIReference/API_ManagedPolicyDetail.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
  ],
  // No FSBP or CIS control asks for unattached policies to be removed.
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['iam.authorization'],
  evaluate: (view) => {
    const boundaries = new Map<string, string[]>();
    const auth = view.iam.authorization;
    if (auth.ok) {
      for (const e of [...auth.value.users, ...auth.value.roles]) {
        if (!e.permissionsBoundaryArn) continue;
        const list = boundaries.get(e.permissionsBoundaryArn);
        if (list) list.push(e.name);
        else boundaries.set(e.permissionsBoundaryArn, [e.name]);
      }
    }
    return eachCustomerPolicy(view, (policy, iam, v) => {
      const attachedTo = iam.attachedTo(policy.arn).map((p) => `${p.kind} ${p.name}`);
      const boundaryOf = boundaries.get(policy.arn) ?? [];
      const evidence = { attachmentCount: policy.attachmentCount, attachedTo, boundaryOf };
      if (policy.attachmentCount > 0 || attachedTo.length > 0) {
        const n = Math.max(policy.attachmentCount, attachedTo.length);
        const who = attachedTo.length > 0 ? ` (${listText(attachedTo)})` : '';
        return v.pass(
          `${policy.name} is attached to ${n} ${n === 1 ? 'entity' : 'entities'}${who}`,
          evidence,
        );
      }
      if (boundaryOf.length > 0) {
        return v.pass(`${policy.name} is the permissions boundary of ${listText(boundaryOf)}`, evidence);
      }
      return v.fail(
        `${policy.name} is attached to no user, group or role and is no permissions boundary`,
        evidence,
      );
    });
  },
});
