/**
 * Who does a resource-policy statement let in? Reads a normalized statement (see parse.ts) and
 * answers with an exposure, or null when the statement only admits named accounts, named roles or
 * principals pinned down by a condition.
 *
 * - `public`: the principal is a wildcard (`"*"`, `{"AWS": "*"}`, a wildcard inside an AWS
 *   principal, or `Allow` + `NotPrincipal`) and no condition pins the caller to an account,
 *   organization, source resource or network.
 * - `any-aws-account`: the same wildcard principal, limited only by
 *   `lambda:FunctionUrlAuthType = AWS_IAM`: callers must sign with IAM credentials, but from any
 *   AWS account at all.
 * - `unscoped-service`: an AWS service principal (`s3.amazonaws.com`, …) without a source
 *   condition: that service may invoke on behalf of any customer's resource (the confused deputy).
 *   Security Hub Lambda.1 and Prowler count this as public too.
 *
 * Condition keys are matched case-insensitively (IAM does); a value only restricts if it is fixed
 * or, for `*Like`/`Arn*` operators, if its wildcards still pin an owner (an account id in an ARN,
 * or a whole S3 bucket name). `…IfExists` and `ForAllValues:` operators never restrict, because
 * they are satisfied when the key is absent, as it is for a direct call by a stranger.
 */
import type { PolicyStatement } from '../inventory/schema.js';
import { isAllWildcard } from './actions.js';

/** Keys whose fixed value ties the caller to an account, organization, source resource or network. */
export const RESTRICTING_KEYS: readonly string[] = [
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:principalorgid',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'lambda:eventsourcetoken',
];

const ARN_KEYS = new Set(['aws:sourcearn', 'aws:principalarn']);
const FUNCTION_URL_AUTH_TYPE = 'lambda:functionurlauthtype';

export interface ConditionClause {
  operator: string;
  key: string;
  values: string[];
}

export type Exposure =
  | { kind: 'public'; principals: string[]; functionUrlAuthType: string | null }
  | { kind: 'any-aws-account'; principals: string[] }
  | { kind: 'unscoped-service'; services: string[] };

/** The wildcard principals of a statement (`AWS: "*"`, `AWS: "arn:aws:iam::*:root"`, any type `"*"`). */
export function wildcardPrincipals(statement: PolicyStatement): string[] {
  const out: string[] = [];
  for (const [type, values] of Object.entries(statement.Principal ?? {})) {
    for (const v of values) {
      if (isAllWildcard(v) || (type.toUpperCase() === 'AWS' && /[*?]/.test(v))) out.push(`${type}:${v}`);
    }
  }
  return out;
}

/** The service principals (`Service: [...]`) that are not wildcards. */
export function servicePrincipals(statement: PolicyStatement): string[] {
  const out: string[] = [];
  for (const [type, values] of Object.entries(statement.Principal ?? {})) {
    if (type.toLowerCase() !== 'service') continue;
    for (const v of values) if (!isAllWildcard(v)) out.push(v);
  }
  return out;
}

/** Every clause of the statement's Condition, flattened. */
export function conditionClauses(statement: PolicyStatement): ConditionClause[] {
  return Object.entries(statement.Condition ?? {}).flatMap(([operator, block]) =>
    Object.entries(block).map(([key, values]) => ({ operator, key, values })),
  );
}

type OperatorKind = 'equals' | 'like' | 'none';

/** How a condition operator compares, for the purpose of "does it restrict". */
export function operatorKind(operator: string): OperatorKind {
  let op = operator.toLowerCase();
  if (op.startsWith('forallvalues:')) return 'none';
  if (op.startsWith('foranyvalue:')) op = op.slice('foranyvalue:'.length);
  if (op.endsWith('ifexists')) return 'none';
  if (op === 'stringequals' || op === 'stringequalsignorecase') return 'equals';
  // ArnEquals accepts wildcards exactly like ArnLike.
  if (op === 'stringlike' || op === 'arnlike' || op === 'arnequals') return 'like';
  return 'none';
}

/** Does this one clause tie the caller down (to an account, org, source, network)? */
export function clauseRestricts(clause: ConditionClause): boolean {
  const key = clause.key.toLowerCase();
  if (!RESTRICTING_KEYS.includes(key)) return false;
  const kind = operatorKind(clause.operator);
  if (kind === 'none' || clause.values.length === 0) return false;
  if (kind === 'equals') return true;
  return clause.values.every((v) => likeValueRestricts(key, v));
}

/**
 * Under a wildcard-capable operator, does `value` still pin an owner? Fixed values do. For ARN
 * keys, a literal account field does (`arn:aws:execute-api:us-east-1:123456789012:abc/*`), and so
 * does an account-less ARN whose wildcard comes after a whole name (`arn:aws:s3:::bucket/*`).
 * Anything else with a wildcard (`*`, `1234*`, `arn:aws:s3:::*`) does not.
 */
export function likeValueRestricts(key: string, value: string): boolean {
  if (!/[*?]/.test(value)) return value.length > 0;
  if (!ARN_KEYS.has(key.toLowerCase())) return false;
  const parts = value.split(':');
  if (parts.length < 6 || parts[0]?.toLowerCase() !== 'arn') return false;
  const account = parts[4] ?? '';
  if (account.length > 0) return !/[*?]/.test(account);
  const resource = parts.slice(5).join(':');
  const wildcardAt = resource.search(/[*?]/);
  const literalPrefix = wildcardAt < 0 ? resource : resource.slice(0, wildcardAt);
  return /^[^/:]+[/:]/.test(literalPrefix);
}

/** The clauses that restrict the caller. Empty: the statement admits whoever its principal names. */
export function restrictingClauses(statement: PolicyStatement): ConditionClause[] {
  return conditionClauses(statement).filter(clauseRestricts);
}

/**
 * The value the statement requires for `lambda:FunctionUrlAuthType` (upper-cased), or null when
 * it does not require one with an equality operator.
 */
export function requiredFunctionUrlAuthType(statement: PolicyStatement): string | null {
  for (const c of conditionClauses(statement)) {
    if (c.key.toLowerCase() !== FUNCTION_URL_AUTH_TYPE || operatorKind(c.operator) !== 'equals') continue;
    if (c.values.length === 1 && c.values[0]) return c.values[0].toUpperCase();
  }
  return null;
}

/**
 * What the statement exposes, if anything. Deny statements expose nothing. Actions are not
 * looked at here: callers decide which actions matter.
 */
export function statementExposure(statement: PolicyStatement): Exposure | null {
  if (statement.Effect !== 'Allow') return null;
  const restricted = restrictingClauses(statement).length > 0;
  const wildcards = wildcardPrincipals(statement);
  if (statement.NotPrincipal) wildcards.push('NotPrincipal');
  if (wildcards.length > 0) {
    if (restricted) return null;
    const authType = requiredFunctionUrlAuthType(statement);
    if (authType === 'AWS_IAM') return { kind: 'any-aws-account', principals: wildcards };
    return { kind: 'public', principals: wildcards, functionUrlAuthType: authType };
  }
  const services = servicePrincipals(statement);
  if (services.length > 0 && !restricted) return { kind: 'unscoped-service', services };
  return null;
}
