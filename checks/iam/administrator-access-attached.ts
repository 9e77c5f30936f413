import { defineCheck } from '../../src/engine/check.js';
import type { IamGroup, IamRole, IamUser } from '../../src/inventory/schema.js';
import { isAdministratorAccessArn } from '../../src/policy/admin.js';
import { ROLE_TYPE, USER_TYPE } from '../../src/view/account-view.js';
import { Verdict } from '../../src/view/verdict.js';

const GROUP_TYPE = 'AWS::IAM::Group';

interface Principal {
  kind: 'user' | 'group' | 'role';
  type: string;
  e: IamUser | IamGroup | IamRole;
  groups: readonly string[];
}

/**
 * One result per user, group and role, on the attachment itself: detaching is done per principal,
 * and the policy AdministratorAccess is judged once, as a document, by iam.policy-full-admin. The
 * AWS-managed policy is recognised by its ARN (`arn:<partition>:iam::aws:policy/AdministratorAccess`),
 * never by its name: a customer policy may be called AdministratorAccess and grant anything or
 * nothing. As a permissions boundary it grants nothing, so it does not count. A user who gets it
 * through a group passes here; the group is the principal it is attached to, and fails.
 */
export default defineCheck({
  id: 'iam.administrator-access-attached',
  title: 'AWS managed policy AdministratorAccess is attached to a user, group or role',
  service: 'iam',
  resourceType: ROLE_TYPE,
  severity: 'high',
  practice: 'BP3',
  threats: ['T1', 'T2', 'T5'],
  rationale:
    'AdministratorAccess grants every action on every resource: whoever holds the principal’s credentials, or ' +
    'assumes the role, can rewrite any function and grant itself anything, and a stolen key or phished session becomes ' +
    'the whole account. Attaching it is the most common way accounts end up with many administrators; keep it on few ' +
    'principals, reached through roles people assume with MFA.',
  remediation: {
    text: 'Detach AdministratorAccess and attach a policy scoped to what the principal does (IAM Access Analyzer can generate one from its CloudTrail activity); for people who do need administrator access, use an IAM Identity Center permission set or a role assumed with MFA.',
    cli: 'aws iam detach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/AdministratorAccess   # or detach-user-policy / detach-group-policy',
  },
  references: [
    'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html',
  ],
  // CIS 1.16 / 7.0 2.14: no "*:*" administrative policy attached; AdministratorAccess is the usual one.
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': ['1.16'], 'cis-aws-7.0': ['2.14'] },
  reads: ['iam.authorization'],
  *evaluate(view) {
    const auth = view.iam.authorization;
    if (!auth.ok) {
      yield view.accountVerdict.missing(auth);
      return;
    }
    const iam = auth.value;
    const principals: Principal[] = [
      ...iam.users.map((e) => ({ kind: 'user' as const, type: USER_TYPE, e, groups: e.groups })),
      ...iam.groups.map((e) => ({ kind: 'group' as const, type: GROUP_TYPE, e, groups: [] })),
      ...iam.roles.map((e) => ({ kind: 'role' as const, type: ROLE_TYPE, e, groups: [] })),
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
      const admin = e.attachedPolicies.find((p) => isAdministratorAccessArn(p.arn));
      if (admin) {
        yield v.fail(`${kind} ${e.name} has the AWS managed policy AdministratorAccess attached`, {
          principalArn: e.arn,
          policyArn: admin.arn,
        });
        continue;
      }
      const via = groups.filter((g) =>
        iam.group(g)?.attachedPolicies.some((p) => isAdministratorAccessArn(p.arn)),
      );
      const boundary = kind === 'group' ? null : (e as IamUser | IamRole).permissionsBoundaryArn;
      const note =
        via.length > 0
          ? ` (it reaches the user through group ${via.join(', ')}, which is reported itself)`
          : boundary !== null && isAdministratorAccessArn(boundary)
            ? ' (it is the permissions boundary, which grants nothing)'
            : '';
      yield v.pass(`AdministratorAccess is not attached to ${kind} ${e.name}${note}`, {
        principalArn: e.arn,
        ...(via.length > 0 ? { viaGroups: via } : {}),
      });
    }
  },
});
