/**
 * The parts of a policy statement that say who it lets in: wildcard and service principals, the
 * flattened Condition clauses, and which condition keys and values pin the caller down. The
 * document-level judgement (Allow carved down by Deny, per action) is resource-policy.ts; the
 * per-clause semantics are reach.ts.
 *
 * Condition keys are matched case-insensitively (IAM does); a value only restricts if it is fixed
 * or, for `*Like`/`Arn*` operators, if its wildcards still pin an owner (an account id in an ARN,
 * a whole S3 bucket name, an organization id). `…IfExists` and `ForAllValues:` operators never
 * restrict an Allow, because they are satisfied when the key is absent, as it is for a direct call
 * by a stranger.
 */
import type { PolicyStatement } from '../inventory/schema.js';
import { isAllWildcard } from './actions.js';

/**
 * Keys whose fixed value ties the caller to an account, organization, source resource or network
 * endpoint. `aws:SourceIp` is judged apart (by CIDR, see cidr.ts), because a public range ties
 * the caller only to a network. The global keys and what they describe:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 *
 * Deliberately absent, because they describe something other than the caller:
 * `aws:ResourceAccount`, `aws:ResourceOrgID`, `aws:ResourceOrgPaths` (the resource being called,
 * i.e. our own function: always true of every caller) and `aws:CalledVia`, `aws:CalledViaFirst`,
 * `aws:CalledViaLast` (which AWS service made the request on a principal's behalf, e.g.
 * CloudFormation: any account's principal can call through that service). See NON_CALLER_KEYS.
 */
export const RESTRICTING_KEYS: readonly string[] = [
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:userid',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'lambda:eventsourcetoken',
];

/** Keys a peer scanner counted as restricting, which say nothing about who the caller is. */
export const NON_CALLER_KEYS: readonly string[] = [
  'aws:resourceaccount',
  'aws:resourceorgid',
  'aws:resourceorgpaths',
  'aws:calledvia',
  'aws:calledviafirst',
  'aws:calledvialast',
];

const ARN_KEYS = new Set(['aws:sourcearn', 'aws:principalarn']);
const ORG_PATH_KEYS = new Set(['aws:principalorgpaths', 'aws:sourceorgpaths']);
const FUNCTION_URL_AUTH_TYPE = 'lambda:functionurlauthtype';

export interface ConditionClause {
  operator: string;
  key: string;
  values: string[];
}

/** The exposure kinds moved to resource-policy.ts with the document-level analysis. */
export type { Exposure } from './resource-policy.js';

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
 * An organization path pins its organization when the org id before the first `/` is literal
 * (`o-a1b2c3/*`, not `o-*`); an `aws:userid` pins its principal when the unique id before the
 * `:` is literal (`AROAEXAMPLE:*`, not `AROA*`). Anything else with a wildcard (`*`, `1234*`,
 * `arn:aws:s3:::*`) does not.
 */
export function likeValueRestricts(key: string, value: string): boolean {
  if (!/[*?]/.test(value)) return value.length > 0;
  const k = key.toLowerCase();
  if (ORG_PATH_KEYS.has(k)) return /^o-[a-z0-9]+\//i.test(value);
  if (k === 'aws:userid') return /^[A-Za-z0-9]+:/.test(value);
  if (!ARN_KEYS.has(k)) return false;
  const parts = value.split(':');
  if (parts.length < 6 || parts[0]?.toLowerCase() !== 'arn') return false;
  const account = parts[4] ?? '';
  if (account.length > 0) return !/[*?]/.test(account);
  const resource = parts.slice(5).join(':');
  const wildcardAt = resource.search(/[*?]/);
  const literalPrefix = wildcardAt < 0 ? resource : resource.slice(0, wildcardAt);
  return /^[^/:]+[/:]/.test(literalPrefix);
}

/**
 * An S3 ARN (`arn:aws:s3:::bucket…`): it names a bucket but no account, and a bucket name is
 * free again once its owner deletes it, so it pins the caller only together with
 * `aws:SourceAccount`. https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html
 */
export function isAccountlessS3Arn(value: string): boolean {
  return /^arn:[^:]+:s3:::[^:]*$/i.test(value);
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
