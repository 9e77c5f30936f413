/**
 * One result per user, group and role on whether an AWS-managed policy is attached to it — the
 * shape of the CIS audits "list the entities of policy X" (AdministratorAccess, CIS 1.16 / 2.14;
 * AWSCloudShellFullAccess, CIS 1.22 / 2.20). The policy is recognised by its ARN in AWS's own
 * namespace (`arn:<partition>:iam::aws:policy/<Name>`), never by its name: a customer policy may be
 * called anything. As a permissions boundary it grants nothing, so it does not count; a user who
 * gets it through a group passes, and the group, the principal it is attached to, fails.
 */
import type { IamRole, IamUser } from '../../src/inventory/schema.js';
import { isAwsManagedPolicyArn } from '../../src/policy/admin.js';
import type { AccountView } from '../../src/view/account-view.js';
import { ROLE_TYPE, USER_TYPE } from '../../src/view/account-view.js';
import { type Draft, Verdict } from '../../src/view/verdict.js';

const GROUP_TYPE = 'AWS::IAM::Group';

export interface AttachmentRule {
  /** The policy's name in AWS's namespace, e.g. AdministratorAccess. */
  policyName: string;
  /** What the attachment lets the principal do, for the failure message. */
  consequence?: string;
}

export function* managedAttachmentVerdicts(view: AccountView, rule: AttachmentRule): Generator<Draft> {
  const auth = view.iam.authorization;
  if (!auth.ok) {
    yield view.accountVerdict.missing(auth);
    return;
  }
  const iam = auth.value;
  const is = (arn: string) => isAwsManagedPolicyArn(arn, rule.policyName);
  const principals = [
    ...iam.users.map((e) => ({ kind: 'user' as const, type: USER_TYPE, e, groups: e.groups })),
    ...iam.groups.map((e) => ({ kind: 'group' as const, type: GROUP_TYPE, e, groups: [] as string[] })),
    ...iam.roles.map((e) => ({ kind: 'role' as const, type: ROLE_TYPE, e, groups: [] as string[] })),
  ];
  if (principals.length === 0) {
    yield view.accountVerdict.notApplicable('the account has no IAM users, groups or roles');
    return;
  }
  for (const { kind, type, e, groups } of principals) {
    const v = new Verdict({ arn: e.arn, name: e.name, region: null, type });
    if (kind === 'role' && (e as IamRole).path.startsWith('/aws-service-role/')) {
      yield v.notApplicable('a service-linked role: AWS sets its policies');
      continue;
    }
    const attached = e.attachedPolicies.find((p) => is(p.arn));
    if (attached) {
      yield v.fail(
        `${kind} ${e.name} has the AWS managed policy ${rule.policyName} attached${rule.consequence ? `: ${rule.consequence}` : ''}`,
        { principalArn: e.arn, policyArn: attached.arn },
      );
      continue;
    }
    const via = groups.filter((g) => iam.group(g)?.attachedPolicies.some((p) => is(p.arn)));
    const boundary = kind === 'group' ? null : (e as IamUser | IamRole).permissionsBoundaryArn;
    const note =
      via.length > 0
        ? ` (it reaches the user through group ${via.join(', ')}, which is reported itself)`
        : boundary !== null && is(boundary)
          ? ' (it is the permissions boundary, which grants nothing)'
          : '';
    yield v.pass(`${rule.policyName} is not attached to ${kind} ${e.name}${note}`, {
      principalArn: e.arn,
      ...(via.length > 0 ? { viaGroups: via } : {}),
    });
  }
}
