/**
 * May principal P perform action A on resource R? AWS's evaluation logic for a request within one
 * account, in three values, with the statements that decided it.
 *
 * 1. An explicit Deny that applies, in any policy (identity, permissions boundary, resource
 *    policy, organization guardrail), denies.
 * 2. Guardrails (SCPs, RCPs: the seam for the organization work; none are fed yet): every level
 *    must allow.
 * 3. Otherwise the request is allowed if the identity policies allow it and, when the principal
 *    has a permissions boundary, the boundary allows it too; or if the resource policy allows it
 *    for this principal. A resource-policy grant to a *user's* ARN is not limited by the user's
 *    boundary; a grant to a *role's* ARN is. A grant to the account (`arn:aws:iam::ACCT:root`, or
 *    the bare account id) only delegates to IAM: the identity policy must allow it.
 * 4. An unreadable policy of the principal leaves every answer but an explicit deny unknown.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 */
import type { PolicyStatement } from '../inventory/schema.js';
import { roleKey } from '../policy/arn.js';
import { arnMatches, evaluateCondition, type RequestContext } from './conditions.js';
import { type PrincipalFacts, variableLookup } from './context.js';
import { type CompiledStatement, coversAction, refOf, type StatementRef } from './statements.js';
import { and, any, not, or, type Tri } from './tri.js';
import { substitute } from './variables.js';

/** Everything that applies to one principal's requests. */
export interface PrincipalPolicies {
  readonly principal: PrincipalFacts;
  /** Inline, attached managed, and (for users) every group's policies. */
  readonly identity: readonly CompiledStatement[];
  /** The permissions boundary's statements; null: no boundary. */
  readonly boundary: readonly CompiledStatement[] | null;
  /** Why some of its policies could not be read (each makes non-deny answers unknown). */
  readonly unreadable: readonly string[];
  /** Organization guardrails, one list per level that must allow (empty until organizations). */
  readonly guardrails?: readonly (readonly CompiledStatement[])[];
}

export interface Request {
  action: string;
  resource: string;
  context: RequestContext;
}

export type Decision = 'allowed' | 'denied' | 'conditional' | 'unknown';

export type DenyReason = 'explicit-deny' | 'no-allow' | 'boundary' | 'guardrail';

export interface Answer {
  decision: Decision;
  /** For allowed/conditional: the granting statements; for denied: the denying ones (if explicit). */
  statements: StatementRef[];
  /** The condition keys that left it conditional. */
  undecidedKeys: string[];
  /** Why it is denied, when it is. */
  denyReason?: DenyReason;
  /** Why it is unknown, when it is. */
  missing?: readonly string[];
}

interface Applied {
  statement: CompiledStatement;
  applies: Tri;
  undecidedKeys: string[];
}

/** How a resource-policy statement names the principal: directly, via its account, or not. */
type PrincipalMatch = 'direct' | 'account' | 'no';

export function evaluateRequest(
  policies: PrincipalPolicies,
  request: Request,
  resourcePolicy: readonly CompiledStatement[] = [],
): Answer {
  const { principal } = policies;
  const lookup = variableLookup(request.context);
  const applied = (s: CompiledStatement): Applied => applyStatement(s, request, lookup);

  const identity = policies.identity.filter((s) => coversAction(s, request.action)).map(applied);
  const boundary = policies.boundary?.filter((s) => coversAction(s, request.action)).map(applied) ?? null;
  const guardrails = (policies.guardrails ?? []).map((level) =>
    level.filter((s) => coversAction(s, request.action)).map(applied),
  );
  const resource: (Applied & { match: PrincipalMatch })[] = [];
  for (const s of resourcePolicy) {
    if (!coversAction(s, request.action)) continue;
    const match = principalMatch(s.statement, principal);
    if (match === 'no') continue;
    resource.push({ ...applied(s), match });
  }

  const denies = [...identity, ...(boundary ?? []), ...guardrails.flat(), ...resource].filter(
    (a) => a.statement.effect === 'Deny' && a.applies !== 'no',
  );
  const denied = any(denies, (a) => a.applies);
  if (denied === 'yes') {
    return {
      decision: 'denied',
      denyReason: 'explicit-deny',
      statements: denies.filter((a) => a.applies === 'yes').map((a) => refOf(a.statement)),
      undecidedKeys: [],
    };
  }

  const allows = (list: readonly Applied[]) =>
    list.filter((a) => a.statement.effect === 'Allow' && a.applies !== 'no');
  const identityAllows = allows(identity);
  const identityAllowed = any(identityAllows, (a) => a.applies);
  const boundaryAllowed: Tri = boundary === null ? 'yes' : any(allows(boundary), (a) => a.applies);
  const direct = allows(resource).filter(
    (a) => (a as Applied & { match: PrincipalMatch }).match === 'direct',
  );
  const directAllowed = any(direct, (a) => a.applies);
  const guardrailAllowed = guardrails.reduce<Tri>(
    (acc, level) =>
      and(
        acc,
        any(allows(level), (a) => a.applies),
      ),
    'yes',
  );
  // A user named in a resource policy is not limited by its boundary; a role is.
  const viaResource = principal.kind === 'user' ? directAllowed : and(directAllowed, boundaryAllowed);
  const allowed = and(guardrailAllowed, or(and(identityAllowed, boundaryAllowed), viaResource));
  const result = and(allowed, not(denied));

  if (policies.unreadable.length > 0) {
    return { decision: 'unknown', statements: [], undecidedKeys: [], missing: policies.unreadable };
  }
  if (result === 'no') {
    let denyReason: DenyReason = 'no-allow';
    if (guardrailAllowed === 'no') denyReason = 'guardrail';
    else if (identityAllowed !== 'no' && boundaryAllowed === 'no' && directAllowed === 'no')
      denyReason = 'boundary';
    return { decision: 'denied', denyReason, statements: [], undecidedKeys: [] };
  }
  const granting = [...identityAllows, ...direct];
  const undecided = [...granting, ...denies, ...(boundary ?? [])].flatMap((a) => a.undecidedKeys);
  return {
    decision: result === 'yes' ? 'allowed' : 'conditional',
    statements: [...granting.map((a) => refOf(a.statement)), ...denies.map((a) => refOf(a.statement))],
    undecidedKeys: [...new Set(undecided)].sort(),
  };
}

/** Does the statement apply to this request (action already matched): resource and condition. */
function applyStatement(
  s: CompiledStatement,
  request: Request,
  lookup: ReturnType<typeof variableLookup>,
): Applied {
  const { Resource, NotResource, Condition } = s.statement;
  const matchOne = (pattern: string): Tri => {
    const sub = substitute(pattern, lookup, s.variables);
    if (sub.absent) return 'no';
    if (!arnMatches(sub.text, request.resource)) return 'no';
    return sub.unresolved ? 'maybe' : 'yes';
  };
  let resource: Tri;
  if (Resource) resource = any(Resource, matchOne);
  else if (NotResource) resource = not(any(NotResource, matchOne));
  else resource = 'no';
  if (resource === 'no') return { statement: s, applies: 'no', undecidedKeys: [] };
  const condition = evaluateCondition(Condition, request.context, lookup, s.variables);
  const applies = and(resource, condition.result);
  const keys =
    resource === 'maybe'
      ? ['policy variable in Resource', ...condition.undecidedKeys]
      : condition.undecidedKeys;
  return { statement: s, applies, undecidedKeys: applies === 'maybe' ? keys : [] };
}

/**
 * How a resource-policy statement's Principal (or NotPrincipal) names an IAM user or role of the
 * same account. `*` names everyone directly (it admits even anonymous callers); the account id or
 * its root ARN names the account (delegation to IAM); a user ARN names the user, a role ARN the
 * role (and its sessions). Service and federated principals never name an IAM user or role.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
export function principalMatch(statement: PolicyStatement, principal: PrincipalFacts): PrincipalMatch {
  if (statement.NotPrincipal) {
    const excluded = namesPrincipal(statement.NotPrincipal, principal);
    return excluded === 'no' ? 'direct' : 'no';
  }
  return statement.Principal ? namesPrincipal(statement.Principal, principal) : 'no';
}

function namesPrincipal(
  block: Readonly<Record<string, readonly string[]>>,
  principal: PrincipalFacts,
): PrincipalMatch {
  let best: PrincipalMatch = 'no';
  for (const [type, values] of Object.entries(block)) {
    if (type.toUpperCase() !== 'AWS') continue;
    for (const v of values) {
      if (v === '*') return 'direct';
      if (v === principal.accountId) best = 'account';
      else if (/^arn:[^:]+:iam::\d{12}:root$/.test(v) && v.split(':')[4] === principal.accountId)
        best = 'account';
      else if (sameEntity(v, principal)) return 'direct';
    }
  }
  return best;
}

function sameEntity(value: string, principal: PrincipalFacts): boolean {
  if (value === principal.arn || value === principal.id) return true;
  if (principal.kind === 'role') return roleKey(value) === roleKey(principal.arn);
  return false;
}
