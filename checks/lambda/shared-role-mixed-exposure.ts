import { type Draft, defineCheck } from '../../src/engine/check.js';
import { roleKey, roleName } from '../../src/policy/arn.js';
import { type AccountView, type FunctionView, ROLE_TYPE } from '../../src/view/account-view.js';
import { type MissingRead, Verdict } from '../../src/view/verdict.js';
import { isPublic, publicInvoke } from './_public-invoke.js';

/** At most this many functions of each side are listed in evidence; the counts are always given. */
const LIST_CAP = 20;

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

interface FunctionExposure {
  arn: string;
  /** true/false once decided; the read that failed otherwise. */
  public: boolean | MissingRead;
}

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
    yield judgeRole(verdict, exposures(fns, now), view.unreadableLambdaRegions);
  }
}

/** Per function (versions and aliases of one function are one), whether anyone can invoke it. */
function exposures(fns: readonly FunctionView[], now: Date): FunctionExposure[] {
  const out = new Map<string, FunctionExposure>();
  for (const fn of fns) {
    const read = publicInvoke(fn, now);
    const value: boolean | MissingRead = read.ok ? isPublic(read.value) : read;
    const seen = out.get(fn.unqualifiedArn);
    // Public through any qualifier makes the function public; otherwise an unknown stays unknown.
    if (!seen || value === true || (seen.public === false && value !== false))
      out.set(fn.unqualifiedArn, { arn: fn.unqualifiedArn, public: value });
  }
  return [...out.values()].sort((a, b) => a.arn.localeCompare(b.arn));
}

function judgeRole(v: Verdict, fns: FunctionExposure[], unreadable: readonly string[]): Draft {
  const role = v.resource.name;
  const pub = fns.filter((f) => f.public === true).map((f) => f.arn);
  const priv = fns.filter((f) => f.public === false).map((f) => f.arn);
  const undecided = fns.filter((f) => typeof f.public === 'object');
  const evidence = {
    roleKey: roleKey(v.resource.arn),
    functionCount: fns.length,
    publicFunctions: pub.slice(0, LIST_CAP),
    publicCount: pub.length,
    privateFunctions: priv.slice(0, LIST_CAP),
    privateCount: priv.length,
  };
  if (pub.length > 0 && priv.length > 0) {
    return v.fail(
      `execution role ${role} is shared by ${pub.length} function(s) anyone can invoke (${short(pub)}) and ${priv.length} that nobody outside can (${short(priv)}): exploiting a public one yields the private ones’ permissions`,
      evidence,
    );
  }
  // Undecided before "one function only": a scan that did not read URLs and policies answers
  // unknown throughout, never a verdict built on reads it lacks.
  const u = undecided[0];
  if (u && typeof u.public === 'object') {
    return v.unknown(
      `execution role ${role}: whether ${short([u.arn])} is publicly invokable is unknown: ${u.public.reason}`,
      { ...evidence, undecidedFunctions: undecided.map((f) => f.arn).slice(0, LIST_CAP) },
      u.public.error,
    );
  }
  if (fns.length === 1 && unreadable.length === 0)
    return v.notApplicable(`execution role ${role} is used by one function only`, evidence);
  if (unreadable.length > 0) {
    return v.unknown(
      `execution role ${role}: region(s) ${unreadable.join(', ')} could not be read and may hold functions of this role on the other side of public exposure`,
      { ...evidence, unreadableRegions: unreadable },
    );
  }
  const side = pub.length > 0 ? 'anyone can invoke' : 'nobody outside can invoke';
  return v.pass(
    `execution role ${role} is shared by ${fns.length} functions, all of which ${side}`,
    evidence,
  );
}

function short(arns: string[]): string {
  const names = arns.slice(0, 3).map((a) => a.slice(a.lastIndexOf(':') + 1));
  return `${names.join(', ')}${arns.length > 3 ? ', …' : ''}`;
}
