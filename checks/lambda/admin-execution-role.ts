import { defineCheck, type Evidence } from '../../src/engine/check.js';
import type { IamRole, PolicyDocument } from '../../src/inventory/schema.js';
import {
  type AdminGrant,
  adminGrants,
  describeAdminGrant,
  isAdministratorAccessArn,
} from '../../src/policy/admin.js';
import { roleName } from '../../src/policy/arn.js';
import type { IamIndex } from '../../src/view/iam-index.js';
import { memoize } from '../../src/view/memo.js';
import type { Judgement } from '../../src/view/verdict.js';

interface PolicyGrant {
  policy: string;
  /** null for an inline policy. */
  policyArn: string | null;
  grant: AdminGrant | null;
  /** Set when the grant was decided from the policy ARN alone (AdministratorAccess). */
  byArn: boolean;
}

export default defineCheck({
  id: 'lambda.admin-execution-role',
  title: 'Function execution role has administrator access',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'critical',
  practice: 'BP7',
  threats: ['T4'],
  rationale:
    'Whoever exploits a bug in the function, or a dependency it loads, acts with its execution role. A role ' +
    'granting "*" on "*", iam:* on "*" (it can attach any policy to itself), or Allow+NotAction on "*" turns one ' +
    'code flaw into an account takeover. A permissions boundary that does not itself allow admin caps the ' +
    'effective rights, so it clears the finding; narrower escalation paths such as iam:PassRole are left to other checks.',
  remediation: {
    text: 'Give each function a role scoped to the actions and resources it uses (start from IAM Access Analyzer policy generation or the function’s CloudTrail activity), detach AdministratorAccess and wildcard policies, or at least attach a restrictive permissions boundary.',
    cli: 'aws iam detach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/AdministratorAccess',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': ['1.16'], 'cis-aws-7.0': ['2.14'] },
  reads: ['lambda.functions', 'iam.authorization'],
  evaluate: (view) => {
    // Thousands of functions share a few hundred policies: analyse each document once per evaluation.
    const grantsOf = memoize(adminGrants);
    const auth = view.iam.authorization;
    const judged = new Map<IamRole, Judgement>();
    return view.eachFunction((fn, v) => {
      if (!fn.role.ok) return v.missing(fn.role);
      // A role read stands on the authorization details, so this only narrows the type.
      if (!auth.ok) return v.missing(auth);
      const role = fn.role.value;
      if (role === null) {
        return v.notApplicable(
          `execution role ${roleName(fn.config.roleArn)} does not exist in the account (deleted): the function has no permissions and cannot run`,
          { roleArn: fn.config.roleArn },
        );
      }
      // Every function of a role gets the same verdict: judge each role once per evaluation.
      let j = judged.get(role);
      if (!j) {
        j = judgeRole(role, auth.value, grantsOf);
        judged.set(role, j);
      }
      return v.judged(j);
    });
  },
});

function describeGrant(g: PolicyGrant): string {
  const name = g.policyArn === null ? `inline policy "${g.policy}"` : `policy "${g.policy}"`;
  if (g.byArn || !g.grant) return `${name} (AWS managed AdministratorAccess)`;
  return `${name} ${describeAdminGrant(g.grant)}`;
}

const judgement = (status: Judgement['status'], message: string, evidence: Evidence): Judgement => ({
  status,
  message,
  evidence,
});

/** Whether a role has administrator access, and why: the verdict of every function that runs as it. */
function judgeRole(role: IamRole, iam: IamIndex, grantsOf: (doc: PolicyDocument) => AdminGrant[]): Judgement {
  const grants: PolicyGrant[] = [];
  const unreadable: string[] = [];
  const applied = iam.policiesOf(role);
  for (const p of applied) {
    if (p.arn !== null && isAdministratorAccessArn(p.arn)) {
      grants.push({ policy: p.name, policyArn: p.arn, grant: null, byArn: true });
      continue;
    }
    if (!p.document.ok) unreadable.push(p.document.reason);
    else
      for (const g of grantsOf(p.document.value))
        grants.push({ policy: p.name, policyArn: p.arn, grant: g, byArn: false });
  }

  const first = grants[0];
  if (!first) {
    if (unreadable.length > 0) {
      return judgement(
        'unknown',
        `execution role ${role.name}: ${unreadable.length} policy document(s) could not be read: ${unreadable.join('; ')}`,
        { roleArn: role.arn, unreadable },
      );
    }
    return judgement(
      'pass',
      `execution role ${role.name}: none of its ${applied.length} policy(ies) grants administrator access`,
      { roleArn: role.arn, policyCount: applied.length },
    );
  }

  const evidence = {
    roleArn: role.arn,
    grants: grants.map((g) => ({
      policy: g.policy,
      policyArn: g.policyArn,
      inline: g.policyArn === null,
      kind: g.grant?.kind ?? 'full-admin',
      sid: g.grant?.sid ?? null,
      patterns: g.grant?.patterns ?? ['*'],
      conditionKeys: g.grant?.conditionKeys ?? [],
    })),
    permissionsBoundaryArn: role.permissionsBoundaryArn,
    unreadable,
  };
  const summary = `${describeGrant(first)}${grants.length > 1 ? ` (and ${grants.length - 1} more admin grant(s))` : ''}`;

  const boundaryArn = role.permissionsBoundaryArn;
  if (boundaryArn === null)
    return judgement('fail', `execution role ${role.name} has administrator access: ${summary}`, evidence);
  if (isAdministratorAccessArn(boundaryArn)) {
    return judgement(
      'fail',
      `execution role ${role.name} has administrator access: ${summary}; its boundary AdministratorAccess does not limit it`,
      evidence,
    );
  }
  const boundary = iam.document(boundaryArn);
  if (!boundary.ok) {
    return judgement(
      'unknown',
      `execution role ${role.name} is granted administrator access (${summary}), but its permissions boundary ${boundaryArn} could not be read (${boundary.reason})`,
      evidence,
    );
  }
  const boundaryGrants = grantsOf(boundary.value);
  if (boundaryGrants.length > 0) {
    return judgement(
      'fail',
      `execution role ${role.name} has administrator access: ${summary}; its permissions boundary allows it too`,
      { ...evidence, boundaryGrants },
    );
  }
  return judgement(
    'pass',
    `execution role ${role.name}: ${summary}, but the permissions boundary ${boundaryArn} grants no administrator access, so the effective permissions are limited`,
    { ...evidence, limitedByBoundary: true },
  );
}
