/**
 * The policy checks (iam.policy-*) judge one identity policy at a time, as a document, by AWS's
 * evaluation logic applied to that document alone: its Allow statements grant, its Deny
 * statements take away, NotAction and NotResource mean what they mean, and a condition the
 * inventory cannot decide leaves the grant `conditional` (still a grant: whoever holds the policy
 * gets it whenever the condition holds). What the *principals* holding a policy may do (other
 * policies' denies, boundaries) is the principal checks' question (iam.role-admin-equivalent,
 * iam.privilege-escalation); a policy that grants `*` is worth fixing whoever holds it today.
 *
 * Which policies are judged, one result each:
 * - every customer-managed policy, attached or not: an unattached one is one attach away from a
 *   grant, and Security Hub's IAM.1 / IAM.21 judge every customer-managed policy too;
 * - every AWS-managed policy attached to a principal (the scan reads no other: an AWS-managed
 *   policy nobody attaches is not in the inventory);
 * - every inline policy of a user, group or role.
 * Not applicable: a managed policy used only as a permissions boundary (a boundary caps, it grants
 * nothing; Security Hub's IAM.1 sets AWS Config's excludePermissionBoundaryPolicy for the same
 * reason), and the policies of service-linked roles (AWS writes them; nobody can change them).
 *
 * The request each question is judged in: made directly (no `aws:Source*`, not via a service)
 * over TLS by a principal of this account (the only ones a policy here can be attached to); who
 * the principal is, the region, the resource's account, tags and network are left unknown.
 */
import { type CatalogueAction, type IamCatalogue, iamCatalogue } from '../../src/data/iam-actions.js';
import type { Draft } from '../../src/engine/check.js';
import { arnMatches, type RequestContext } from '../../src/iam/conditions.js';
import { requestContext } from '../../src/iam/context.js';
import { type Answer, evaluateRequest } from '../../src/iam/evaluate.js';
import { HIGH_VALUE_ACTIONS } from '../../src/iam/privilege.js';
import {
  type CompiledStatement,
  compilePolicy,
  coversAction,
  describeRef,
  type StatementRef,
} from '../../src/iam/statements.js';
import { substitute } from '../../src/iam/variables.js';
import type { IamGroup, IamRole, IamUser, PolicyDocument } from '../../src/inventory/schema.js';
import { actionMatches, coversEveryAction, globMatch } from '../../src/policy/actions.js';
import type { AccountView } from '../../src/view/account-view.js';
import { documentOf, type IamIndex, type PrincipalRef } from '../../src/view/iam-index.js';
import { type Read, Verdict } from '../../src/view/verdict.js';

/**
 * Services whose every action, granted on every resource, is an escalation, a data-exfiltration
 * or a defence-evasion primitive: identity and credentials (iam, sts, organizations, sso), keys
 * and secrets (kms, secretsmanager, ssm), code (lambda, ecr, cloudformation), data (s3, dynamodb),
 * compute (ec2), and the account's audit and detection (cloudtrail, guardduty, config).
 */
export const SENSITIVE_SERVICES: readonly string[] = [
  'cloudformation',
  'cloudtrail',
  'config',
  'dynamodb',
  'ec2',
  'ecr',
  'guardduty',
  'iam',
  'kms',
  'lambda',
  'organizations',
  's3',
  'secretsmanager',
  'ssm',
  'sso',
  'sts',
];

/**
 * A role ARN no policy can name on purpose (parentheses and spaces are not allowed in role
 * names): a pattern matches it only if it matches every role of the account (`*`,
 * `arn:aws:iam::*:role/*`, `arn:aws:iam::<account>:role/*`), never a named role or a prefix.
 */
export function anyRoleArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:role/(any role)`;
}

export const MANAGED_POLICY_TYPE = 'AWS::IAM::ManagedPolicy';
const INLINE_TYPE = {
  user: 'AWS::IAM::UserPolicy',
  group: 'AWS::IAM::GroupPolicy',
  role: 'AWS::IAM::RolePolicy',
};

/** One policy as the checks see it. */
export interface PolicySubject {
  readonly name: string;
  /** The managed policy's ARN; null for an inline policy. */
  readonly arn: string | null;
  readonly awsManaged: boolean;
  /** The user, group or role an inline policy belongs to. */
  readonly owner: PrincipalRef | null;
  /** The principals a managed policy is attached to (an inline policy's owner, for inline). */
  readonly attachedTo: readonly PrincipalRef[];
}

/** A readable policy, compiled once, answering "does this document grant A on R?". */
export class PolicyJudge {
  readonly subject: PolicySubject;
  readonly document: PolicyDocument;
  readonly statements: readonly CompiledStatement[];
  readonly catalogue: IamCatalogue;
  private readonly accountId: string;
  private readonly answers = new Map<string, Answer>();

  constructor(subject: PolicySubject, document: PolicyDocument, accountId: string, catalogue: IamCatalogue) {
    this.subject = subject;
    this.document = document;
    this.accountId = accountId;
    this.catalogue = catalogue;
    this.statements = compilePolicy(document, {
      kind: 'identity',
      name: subject.name,
      arn: subject.arn,
    });
  }

  /** The document's answer for `action` on `resource` ('*' stands for any resource). */
  ask(action: string, resource = '*'): Answer {
    const key = `${action.toLowerCase()}\u0000${resource}`;
    let answer = this.answers.get(key);
    if (!answer && !this.statements.some((s) => s.effect === 'Allow' && coversAction(s, action))) {
      // Nothing grants the action: the evaluator would say so too, after building a context.
      answer = NOT_GRANTED;
    }
    if (!answer) {
      answer = evaluateRequest(
        {
          principal: { kind: 'role', name: '', arn: '', id: '', accountId: this.accountId },
          identity: this.statements,
          boundary: null,
          unreadable: [],
        },
        { action, resource, context: policyContext(this.catalogue.action(action), this.accountId) },
      );
      this.answers.set(key, answer);
    }
    return answer;
  }

  /** Does the document grant it (allowed, or conditional on something the scan cannot know)? */
  grants(action: string, resource = '*'): boolean {
    const d = this.ask(action, resource).decision;
    return d === 'allowed' || d === 'conditional';
  }

  private fullAdminVerdict: FullAdmin | undefined;

  /**
   * Does the document grant every action on every resource? Some Allow statement must cover every
   * action (see grantsEveryAction), and the probes (high-value actions of many services, and every
   * action its Deny statements name) must all be granted on "*". A Deny
   * that takes some action away on every resource makes it something less than "*:*"; a
   * conditional Deny (aws:RequestedRegion, MFA) does not, since "*:*" holds whenever its
   * condition does not.
   */
  fullAdmin(): FullAdmin {
    if (this.fullAdminVerdict) return this.fullAdminVerdict;
    let verdict: FullAdmin;
    const star = this.statements.some((s) => s.effect === 'Allow' && this.grantsEveryAction(s));
    if (!star) verdict = { full: false, why: 'no-star', actions: [] };
    else {
      const answers = this.probeActions().map((action) => ({ action, answer: this.ask(action) }));
      const denied = answers.filter((a) => a.answer.denyReason === 'explicit-deny').map((a) => a.action);
      const refused = answers.filter((a) => a.answer.decision === 'denied').map((a) => a.action);
      if (denied.length > 0) verdict = { full: false, why: 'denied', actions: denied };
      else if (refused.length > 0) verdict = { full: false, why: 'not-applicable', actions: refused };
      else {
        const list = answers.map((a) => a.answer);
        verdict = { full: true, statements: grantingStatements(list), undecidedKeys: undecided(list) };
      }
    }
    this.fullAdminVerdict = verdict;
    return verdict;
  }

  /**
   * Does the statement's action element cover every action: `*` in Action, or a NotAction whose
   * patterns match no action in the catalogue (`NotAction: "prowler:action"` grants everything;
   * IAM does not reject an unknown action name)?
   */
  private grantsEveryAction(s: CompiledStatement): boolean {
    const { Action, NotAction } = s.statement;
    if (Action) return Action.some(coversEveryAction);
    if (!NotAction) return false;
    return NotAction.every((p) => !coversEveryAction(p) && this.catalogueMatches(p).length === 0);
  }

  /**
   * The actions worth asking about to learn whether the document grants everything: the
   * high-value probes, and every catalogue action its Deny statements name (a Deny of an action
   * that does not exist takes nothing away, so it is not asked about).
   */
  probeActions(): string[] {
    const out = new Set<string>(HIGH_VALUE_ACTIONS);
    for (const s of this.statements) {
      if (s.effect !== 'Deny') continue;
      for (const pattern of s.statement.Action ?? []) {
        // A Deny of everything denies the probes already; expanding it would load every service.
        if (coversEveryAction(pattern)) continue;
        for (const a of this.catalogueMatches(pattern)) out.add(a);
      }
    }
    return [...out];
  }

  /** The catalogue actions an action pattern matches (every service, when the prefix is a wildcard). */
  catalogueMatches(pattern: string): string[] {
    const colon = pattern.indexOf(':');
    const prefix = colon < 0 ? pattern : pattern.slice(0, colon);
    const services = /[*?]/.test(prefix)
      ? this.catalogue.services().filter((svc) => globMatch(prefix.toLowerCase(), svc))
      : [prefix];
    const out: string[] = [];
    for (const svc of services)
      for (const a of this.catalogue.actionsOf(svc)) if (actionMatches(pattern, a.id)) out.push(a.id);
    return out;
  }
}

export type FullAdmin =
  | { full: true; statements: string[]; undecidedKeys: string[] }
  | {
      full: false;
      /** no "*" Allow; some action explicitly denied on every resource; or "*" not granted on every resource. */
      why: 'no-star' | 'denied' | 'not-applicable';
      actions: string[];
    };

const NOT_GRANTED: Answer = Object.freeze({
  decision: 'denied',
  denyReason: 'no-allow',
  statements: [],
  undecidedKeys: [],
}) as Answer;

/** Keys that depend on who holds the policy, and so stay unknown when it is judged alone. */
const HOLDER_KEYS = new Set([
  'aws:principalarn',
  'aws:principaltype',
  'aws:username',
  'aws:userid',
  'aws:requestedregion',
  'aws:resourceaccount',
  'aws:multifactorauthpresent',
]);

function policyContext(action: CatalogueAction | undefined, accountId: string): RequestContext {
  const base = requestContext({
    principal: { kind: 'role', name: '', arn: '', id: '', accountId },
    action,
    region: '',
    resourceAccount: accountId,
    mfa: 'unknown',
  });
  return {
    get: (key) => (HOLDER_KEYS.has(key) ? undefined : base.get(key)),
  };
}

interface WalkState {
  readonly judges: Map<string, Read<PolicyJudge>>;
}
const states = new WeakMap<AccountView, WalkState>();

/**
 * One draft per policy in scope (see the module comment); unknown for the account when the
 * authorization details could not be read, unknown for a policy whose document could not be read
 * or parsed, not_applicable for the account when it holds no policy at all.
 */
export function* eachPolicy(
  view: AccountView,
  visit: (judge: PolicyJudge, v: Verdict) => Draft,
): Generator<Draft> {
  const auth = view.iam.authorization;
  if (!auth.ok) {
    yield view.accountVerdict.missing(auth);
    return;
  }
  const iam = auth.value;
  let state = states.get(view);
  if (!state) {
    state = { judges: new Map() };
    states.set(view, state);
  }
  const catalogue = iamCatalogue();
  const judgeOf = (
    key: string,
    subject: PolicySubject,
    doc: () => Read<PolicyDocument>,
  ): Read<PolicyJudge> => {
    let j = state.judges.get(key);
    if (!j) {
      const d = doc();
      j = d.ok ? { ok: true, value: new PolicyJudge(subject, d.value, view.accountId, catalogue) } : d;
      state.judges.set(key, j);
    }
    return j;
  };

  const boundaries = boundaryUse(iam);
  let seen = 0;
  for (const p of iam.policies) {
    seen++;
    const v = new Verdict({ arn: p.arn, name: p.name, region: null, type: MANAGED_POLICY_TYPE });
    const attachedTo = iam.attachedTo(p.arn);
    const boundaryOf = boundaries.get(p.arn) ?? 0;
    if (attachedTo.length === 0 && boundaryOf > 0) {
      yield v.notApplicable(
        `used only as a permissions boundary (of ${boundaryOf} principal(s)): a boundary caps what a principal may do and grants nothing`,
      );
      continue;
    }
    if (attachedTo.length === 0 && p.awsManaged) {
      yield v.notApplicable('an AWS-managed policy attached to no principal of the account');
      continue;
    }
    if (attachedTo.length > 0 && attachedTo.every((a) => isServiceLinked(iam, a))) {
      yield v.notApplicable('attached only to service-linked roles, whose permissions AWS maintains');
      continue;
    }
    const subject: PolicySubject = {
      name: p.name,
      arn: p.arn,
      awsManaged: p.awsManaged,
      owner: null,
      attachedTo,
    };
    const judge = judgeOf(p.arn, subject, () => iam.document(p.arn));
    yield judge.ok ? visit(judge.value, v) : v.missing(judge);
  }

  const owners: [PrincipalRef['kind'], readonly (IamUser | IamGroup | IamRole)[]][] = [
    ['user', iam.users],
    ['group', iam.groups],
    ['role', iam.roles],
  ];
  for (const [kind, entities] of owners) {
    for (const e of entities) {
      const owner: PrincipalRef = { kind, name: e.name, arn: e.arn };
      for (const ip of e.inlinePolicies) {
        seen++;
        const v = new Verdict({
          arn: inlinePolicyArn(e.arn, ip.name),
          name: inlinePolicyName(kind, e.name, ip.name),
          region: null,
          type: INLINE_TYPE[kind],
        });
        if (kind === 'role' && (e as IamRole).path.startsWith('/aws-service-role/')) {
          yield v.notApplicable('a policy of a service-linked role, whose permissions AWS maintains');
          continue;
        }
        const subject: PolicySubject = {
          name: ip.name,
          arn: null,
          awsManaged: false,
          owner,
          attachedTo: [owner],
        };
        const judge = judgeOf(inlinePolicyArn(e.arn, ip.name), subject, () =>
          documentOf(ip.policy, `inline policy ${ip.name} of ${kind} ${e.name}`),
        );
        yield judge.ok ? visit(judge.value, v) : v.missing(judge);
      }
    }
  }
  if (seen === 0)
    yield view.accountVerdict.notApplicable('the account has no managed or inline IAM policies');
}

/** An inline policy has no ARN: its owner's ARN and its name identify it. */
export function inlinePolicyArn(ownerArn: string, policyName: string): string {
  return `${ownerArn}#inline-policy/${policyName}`;
}

export function inlinePolicyName(kind: PrincipalRef['kind'], owner: string, policyName: string): string {
  return `${policyName} (inline, ${kind} ${owner})`;
}

function boundaryUse(iam: IamIndex): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of [...iam.users, ...iam.roles]) {
    const arn = e.permissionsBoundaryArn;
    if (arn !== null) out.set(arn, (out.get(arn) ?? 0) + 1);
  }
  return out;
}

function isServiceLinked(iam: IamIndex, p: PrincipalRef): boolean {
  return p.kind === 'role' && (iam.role(p.arn)?.path.startsWith('/aws-service-role/') ?? false);
}

/** "attached to role a, user b and 3 more" / "attached to no principal". */
export function describeAttachment(subject: PolicySubject): string {
  if (subject.owner) return `inline in ${subject.owner.kind} ${subject.owner.name}`;
  const list = subject.attachedTo;
  if (list.length === 0) return 'attached to no principal (one attach away from granting it)';
  const names = list.slice(0, 2).map((p) => `${p.kind} ${p.name}`);
  return `attached to ${names.join(', ')}${list.length > 2 ? ` and ${list.length - 2} more` : ''}`;
}

/** The evidence every policy result carries. */
export function subjectEvidence(subject: PolicySubject): Record<string, unknown> {
  return {
    policy: subject.name,
    policyArn: subject.arn,
    awsManaged: subject.awsManaged,
    inline: subject.owner !== null,
    attachedTo: subject.attachedTo.map((p) => p.arn),
  };
}

/** The distinct Allow statements among an answer's statements, described. */
export function grantingStatements(answers: readonly Answer[]): string[] {
  const out = new Set<string>();
  for (const a of answers) for (const r of a.statements) if (r.effect === 'Allow') out.add(describeRef(r));
  return [...out];
}

/** The condition keys that left any of the answers conditional. */
export function undecided(answers: readonly Answer[]): string[] {
  return [...new Set(answers.flatMap((a) => a.undecidedKeys))].sort();
}

export type { StatementRef };

/**
 * The verdict of the "any role" checks (iam.policy-assume-any-role, iam.policy-pass-any-role):
 * does the document grant `action` on a role ARN only a whole-account pattern matches (see
 * anyRoleArn)? A "*:*" policy is iam.policy-full-admin's; a grant on named roles or a name prefix,
 * or one the document denies, passes.
 */
export function judgeAnyRole(view: AccountView, judge: PolicyJudge, v: Verdict, action: string): Draft {
  if (judge.fullAdmin().full) {
    return v.notApplicable('the policy allows every action on every resource (see iam.policy-full-admin)');
  }
  const evidence = subjectEvidence(judge.subject);
  const probe = anyRoleArn(view.partition, view.accountId);
  const answer = judge.ask(action, probe);
  if (answer.decision === 'conditional' && onlyThroughVariables(judge, answer, probe)) {
    return v.pass(
      `${action} is granted on roles named through a policy variable (such as \${aws:username}): one role per holder, not every role`,
      evidence,
    );
  }
  if (answer.decision === 'allowed' || answer.decision === 'conditional') {
    const keys = answer.undecidedKeys;
    const anyAccount = judge.grants(action, anyRoleArn(view.partition, '*'));
    const when = keys.length > 0 ? ` when conditions the scan cannot decide hold (${keys.join(', ')})` : '';
    const statements = grantingStatements([answer]);
    return v.fail(
      `grants ${action} on every role of the account${anyAccount ? ' (and of any other account)' : ''}${when}, through ${statements.slice(0, 2).join(', ')}; ${describeAttachment(judge.subject)}`,
      { ...evidence, action, statements, anyAccount, conditional: keys.length > 0, undecidedKeys: keys },
    );
  }
  const named = judge.statements.some((s) => s.effect === 'Allow' && coversAction(s, action));
  if (!named) return v.pass(`does not grant ${action}`, evidence);
  const why =
    answer.denyReason === 'explicit-deny'
      ? `its own Deny statements take ${action} on any role away`
      : `${action} is granted only on named roles or name prefixes, or under a condition that never holds`;
  return v.pass(why, evidence);
}

/**
 * The evaluator replaces an unresolved policy variable by `*`, so `role/${aws:username}` "may"
 * match the probe. No variable can expand to the probe's name (user names and tag values cannot
 * hold parentheses or spaces), so a grant that reaches the probe only through Resource patterns
 * holding a variable names one role per holder, not every role.
 */
function onlyThroughVariables(judge: PolicyJudge, answer: Answer, probe: string): boolean {
  const granting = answer.statements.filter((r) => r.effect === 'Allow');
  if (granting.length === 0) return false;
  return granting.every((r) => {
    const resources = judge.statements[r.statement]?.statement.Resource;
    if (!resources) return false;
    const reaching = resources.filter((p) => arnMatches(substitute(p, () => undefined).text, probe));
    return reaching.length > 0 && reaching.every((p) => substitute(p, () => undefined).unresolved);
  });
}
