import { defineCheck } from '../../src/engine/check.js';
import { describeRef } from '../../src/iam/statements.js';
import { eachPrincipal, principalPreamble } from '../../src/iam/walk.js';

/**
 * Judged by effective permission, not by policy name: AdministratorAccess under a boundary that
 * allows only S3 is not admin, and an inline `iam:*` on `*` is. See src/iam/privilege.ts.
 */
export default defineCheck({
  id: 'iam.role-admin-equivalent',
  title: 'IAM role has administrator-equivalent permissions',
  service: 'iam',
  resourceType: 'AWS::IAM::Role',
  severity: 'high',
  practice: 'BP3',
  threats: ['T2', 'T4'],
  rationale:
    'Whoever can assume the role, or run code as it (a function, an instance, a pipeline), controls the whole account: ' +
    'every function’s code and permissions included. Judged by what the role may effectively do after denies and its ' +
    'permissions boundary — every IAM action on every resource is enough, since it can attach any policy to itself — ' +
    'not by whether a policy named AdministratorAccess is attached.',
  remediation: {
    text: 'Replace broad grants with the actions and resources the role uses (IAM Access Analyzer can generate a policy from CloudTrail activity), or cap the role with a permissions boundary; keep administrator roles few, MFA-protected to assume, and out of workloads.',
    cli: 'aws iam detach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/AdministratorAccess   # or: aws iam put-role-permissions-boundary --role-name <role> --permissions-boundary <policy-arn>',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  ],
  // CIS 1.16 / 7.0 2.14 (no *:* administrative policies attached) judges policies; this judges roles.
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': ['1.16'], 'cis-aws-7.0': ['2.14'] },
  reads: ['iam.authorization'],
  data: ['iam-actions'],
  evaluate: (view) =>
    eachPrincipal(view, ['role'], (model, analysis, v) => {
      const early = principalPreamble(model, v);
      if (early) return early;
      const privilege = analysis.privilege(model);
      const p = {
        admin: privilege.admin,
        conditional: privilege.conditionalAdmin,
        statements: privilege.adminStatements.map(describeRef),
      };
      if (p.admin) {
        const what =
          p.admin === 'full'
            ? 'every action on every resource'
            : 'every IAM action on every resource (it can grant itself anything)';
        return v.fail(`the role may perform ${what}, through ${p.statements.slice(0, 3).join(', ')}`, {
          kind: p.admin,
          statements: p.statements,
        });
      }
      if (p.conditional) {
        return v.fail(
          `the role may perform every IAM action on every resource when conditions that cannot be decided at scan time hold (${p.statements.slice(0, 3).join(', ')})`,
          { kind: 'conditional', statements: p.statements },
        );
      }
      return v.pass('the role’s effective permissions are not administrator-equivalent');
    }),
});
