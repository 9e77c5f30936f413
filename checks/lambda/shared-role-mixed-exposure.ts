import { type Draft, defineCheck } from '../../src/engine/check.js';
import { roleKey, roleName } from '../../src/policy/arn.js';
import { type AccountView, type FunctionView, ROLE_TYPE } from '../../src/view/account-view.js';
import { Verdict } from '../../src/view/verdict.js';
import { exposures, judgeMixedExposure } from './_mixed-exposure.js';

/**
 * One result per execution role (not per function): the misconfiguration is one assignment
 * decision, fixed once (give the public functions a role of their own), and one result per
 * function would count that one mistake once per function in the score, on the public and the
 * private side alike. Roles are those the functions of the readable regions name, compared by
 * roleKey (IAM role names are unique per account regardless of path or case).
 *
 * - fail: among the role's functions, some anyone can invoke (_public-invoke.ts) and some not;
 * - pass: the role is shared, and its functions are all public or all not;
 * - not_applicable: one function uses the role (sharing is what this check is about);
 * - unknown: whether some function is public could not be read and no mix is proven (for a
 *   role of one function too: without the reads, no verdict), or a region could not be read (it
 *   may hold a function of the role on the other side).
 * A readable region without functions is one not_applicable, an unreadable one one unknown.
 */
export default defineCheck({
  id: 'lambda.shared-role-mixed-exposure',
  title: 'Execution role is shared by a publicly invokable function and a non-public one',
  service: 'lambda',
  resourceType: 'AWS::IAM::Role',
  severity: 'high',
  practice: 'BP7',
  threats: ['T4'],
  rationale:
    'An execution role shared by functions holds the union of their permissions. When one of them can be ' +
    'invoked by anyone (an open AuthType NONE URL, a public invoke grant) and another cannot, a flaw in the ' +
    'public function’s code or dependencies hands an outsider the private function’s permissions too: its ' +
    'tables, queues and secrets are one exploit away from the internet. The private function inherits the ' +
    'public one’s attack surface; the public one carries rights it never needed.',
  remediation: {
    text: 'Give every publicly invokable function its own execution role with only the permissions it uses, and keep it apart from the roles of internal functions.',
    cli: 'aws lambda update-function-configuration --function-name <public-function> --role arn:aws:iam::<account>:role/<public-function>-role',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html',
    'https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/identity-and-access-management.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.functions', 'lambda.urls', 'lambda.policies'],
  evaluate: (view, ctx) => evaluateRoles(view, ctx.now),
});

function* evaluateRoles(view: AccountView, now: Date): Generator<Draft> {
  for (const region of view.lambdaRegions) {
    if (!region.data.ok) yield region.verdict.missing(region.data);
    else if (region.functions.length === 0)
      yield region.verdict.notApplicable(`no Lambda functions in ${region.region}`);
  }
  const byRole = new Map<string, FunctionView[]>();
  for (const fn of view.functions) {
    const list = byRole.get(fn.roleKey);
    if (list) list.push(fn);
    else byRole.set(fn.roleKey, [fn]);
  }
  for (const fns of byRole.values()) {
    // The functions' own spelling of the role ARN (the first, sorted), not IAM's: the result's
    // finding id must not change with whether a scan also read IAM.
    const arn = fns.map((f) => f.config.roleArn).sort()[0];
    if (arn === undefined) continue;
    const verdict = new Verdict({ arn, name: roleName(arn), region: null, type: ROLE_TYPE });
    yield judgeMixedExposure(
      verdict,
      exposures(fns, now),
      view.unreadableLambdaRegions,
      {
        what: `execution role ${verdict.resource.name}`,
        consequence: 'exploiting a public one yields the private ones’ permissions',
      },
      { roleKey: roleKey(arn) },
    );
  }
}
