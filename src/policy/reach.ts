/**
 * How far one condition clause lets a *stranger* through: a caller that is not us, not our
 * organization, not our resource, not our network. Resource-policy analysis (resource-policy.ts)
 * asks this of every clause of an Allow (which strangers satisfy it?) and of every clause of a
 * Deny (which strangers escape it?), and combines the answers on one scale:
 *
 *   nobody < pinned < network < open
 *
 * - `nobody`: no caller at all (a key the request can never carry, a value it can never have);
 * - `pinned`: only callers tied to a named account, organization, source resource, VPC or a
 *   non-internet address range: no stranger;
 * - `network`: strangers from some public address ranges only;
 * - `open`: any stranger.
 *
 * Semantics follow the IAM reference, in particular "If the key that you specify in a policy
 * condition is not present in the request context, the values do not match and the condition is
 * false. If the policy condition requires that the key is not matched, such as StringNotLike or
 * ArnNotLike, and the right key is not present, the condition is true", and `…IfExists`: "If the
 * key is not present, evaluate the condition element as true".
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 *
 * Where the documentation leaves a case open the answer is the one that cannot hide exposure:
 * an Allow clause we cannot judge is `open`, a Deny clause we cannot judge lets everyone escape.
 */
import { globMatch } from './actions.js';
import { internetReach, parseCidr } from './cidr.js';
import {
  type ConditionClause,
  isAccountlessS3Arn,
  likeValueRestricts,
  RESTRICTING_KEYS,
} from './principals.js';

export type Reach = 'nobody' | 'pinned' | 'network' | 'open';

const RANK: Record<Reach, number> = { nobody: 0, pinned: 1, network: 2, open: 3 };

export function narrowest(a: Reach, b: Reach): Reach {
  return RANK[a] <= RANK[b] ? a : b;
}

export function widest(a: Reach, b: Reach): Reach {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Does `reach` admit at least some strangers (a network or everyone)? */
export function admitsStrangers(reach: Reach): boolean {
  return RANK[reach] >= RANK.network;
}

/**
 * Who the stranger is, which decides which keys its request certainly lacks:
 * - `anonymous`: an unsigned request through an AuthType NONE function URL: no principal keys,
 *   no source keys, but a source IP;
 * - `foreign-principal`: a signed request by an IAM principal of another account;
 * - `foreign-service`: an AWS service principal acting for another account's resource.
 */
export type CallerClass = 'anonymous' | 'foreign-principal' | 'foreign-service';

/**
 * What is known about the request beyond its caller: lower-cased key → value (e.g. a call through
 * an AuthType NONE URL carries `lambda:functionurlauthtype` = `NONE` and, for its
 * `lambda:InvokeFunction` authorization, `lambda:invokedviafunctionurl` = `true`).
 */
export type KnownKeys = Readonly<Record<string, string>>;

export interface ClauseOptions {
  caller: CallerClass;
  known?: KnownKeys;
  /** Judge account-less S3 ARNs in `aws:SourceArn` as not pinning (see isAccountlessS3Arn). */
  distrustBucketArns?: boolean;
}

interface Operator {
  /** Lower case, without `ForAnyValue:`/`ForAllValues:` and `IfExists`. */
  base: string;
  ifExists: boolean;
  set: 'any' | 'all' | null;
}

export function parseOperator(operator: string): Operator {
  let op = operator.toLowerCase();
  let set: Operator['set'] = null;
  if (op.startsWith('forallvalues:')) {
    set = 'all';
    op = op.slice('forallvalues:'.length);
  } else if (op.startsWith('foranyvalue:')) {
    set = 'any';
    op = op.slice('foranyvalue:'.length);
  }
  const ifExists = op.endsWith('ifexists');
  if (ifExists) op = op.slice(0, -'ifexists'.length);
  return { base: op, ifExists, set };
}

const POSITIVE_EXACT = new Set(['stringequals', 'stringequalsignorecase']);
// ArnEquals takes wildcards exactly like ArnLike (IAM reference, ARN condition operators).
const POSITIVE_LIKE = new Set(['stringlike', 'arnlike', 'arnequals']);
const NEGATED_EXACT = new Set(['stringnotequals', 'stringnotequalsignorecase']);
const NEGATED_LIKE = new Set(['stringnotlike', 'arnnotlike', 'arnnotequals']);
const OTHER_POSITIVE = new Set([
  'numericequals',
  'numericlessthan',
  'numericlessthanequals',
  'numericgreaterthan',
  'numericgreaterthanequals',
  'dateequals',
  'datelessthan',
  'datelessthanequals',
  'dategreaterthan',
  'dategreaterthanequals',
  'bool',
  'binaryequals',
  'ipaddress',
]);

const SOURCE_IP = 'aws:sourceip';

/**
 * Keys a request to Lambda never carries. Service-specific keys are set only by their own
 * service's authorization (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html),
 * so `s3:prefix` is never in a Lambda request. The list is short on purpose: some other
 * prefixes (`ec2:SourceInstanceArn`, `glue:RoleAssumedBy`, `lambda:SourceFunctionArn`) describe
 * the caller's credentials and travel with every request they sign, so they are not here.
 */
const FOREIGN_SERVICE_PREFIXES = new Set([
  's3',
  'dynamodb',
  'sqs',
  'sns',
  'kms',
  'secretsmanager',
  'ssm',
  'rds',
  'cloudformation',
  'ecr',
  'logs',
  'iam',
]);

/** A key no Lambda request can carry (see FOREIGN_SERVICE_PREFIXES). */
export function keyNeverInLambdaRequest(key: string): boolean {
  const colon = key.indexOf(':');
  return colon > 0 && FOREIGN_SERVICE_PREFIXES.has(key.slice(0, colon).toLowerCase());
}

/** Principal keys: set for signed requests of IAM principals, never for an anonymous caller. */
const PRINCIPAL_KEYS = new Set([
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:userid',
]);
/** Source keys: set only when a service calls for a resource, never on a direct call. */
const SOURCE_KEYS = new Set([
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
]);

/**
 * What each class of stranger carries for certain: `aws:PrincipalIsAWSService` is "true" for a
 * service principal and "false" for any other signed request; it is absent from an anonymous
 * one (it is "present in the request context for all signed API requests").
 */
const CLASS_KNOWN: Record<CallerClass, KnownKeys> = {
  anonymous: {},
  'foreign-principal': { 'aws:principalisawsservice': 'false' },
  'foreign-service': { 'aws:principalisawsservice': 'true' },
};

function knownValue(key: string, opts: ClauseOptions): string | undefined {
  return opts.known?.[key] ?? CLASS_KNOWN[opts.caller][key];
}

/** Keys the caller class certainly does not carry. */
function certainlyAbsent(key: string, caller: CallerClass): boolean {
  if (caller === 'anonymous')
    return PRINCIPAL_KEYS.has(key) || SOURCE_KEYS.has(key) || key === 'aws:principalisawsservice';
  if (caller === 'foreign-principal') return SOURCE_KEYS.has(key);
  return false;
}

/** Does the clause's value list pin the key (every value fixed, or wildcarded but still pinning)? */
function valuesPin(key: string, values: readonly string[], like: boolean, opts: ClauseOptions): boolean {
  if (values.length === 0) return false;
  return values.every((v) => {
    if (opts.distrustBucketArns && key === 'aws:sourcearn' && isAccountlessS3Arn(v)) return false;
    // Under StringEquals "*" is a literal: it pins the key to a value no caller has.
    return like ? likeValueRestricts(key, v) : v.length > 0;
  });
}

/** The reach of a list of CIDRs (the widest of its blocks); null if one cannot be parsed. */
export function cidrListReach(values: readonly string[]): Reach | null {
  let reach: Reach = 'nobody';
  for (const v of values) {
    const cidr = parseCidr(v);
    if (!cidr) return null;
    const r = internetReach(cidr);
    reach = widest(reach, r === 'all' ? 'open' : r === 'some' ? 'network' : 'pinned');
  }
  return reach;
}

/**
 * Does a known value match the clause's values, as the operator compares (wildcards for the Like
 * forms)? Case-insensitively: the known values are AWS's own spellings (`NONE`, `true`).
 */
function matchesKnown(known: string, values: readonly string[], base: string): boolean {
  const k = known.toLowerCase();
  const like = POSITIVE_LIKE.has(base) || NEGATED_LIKE.has(base);
  return values.some((v) => (like ? globMatch(v.toLowerCase(), k) : v.toLowerCase() === k));
}

/**
 * Which strangers satisfy this Allow clause?
 */
export function allowClauseReach(clause: ConditionClause, opts: ClauseOptions): Reach {
  const key = clause.key.toLowerCase();
  const op = parseOperator(clause.operator);
  // ForAllValues is true when the key is absent or empty: it never pins anyone.
  if (op.set === 'all') return 'open';
  const known = knownValue(key, opts);
  if (known !== undefined) {
    if (POSITIVE_EXACT.has(op.base) || POSITIVE_LIKE.has(op.base) || op.base === 'bool')
      return matchesKnown(known, clause.values, op.base) ? 'open' : 'nobody';
    if (NEGATED_EXACT.has(op.base) || NEGATED_LIKE.has(op.base))
      return matchesKnown(known, clause.values, op.base) ? 'nobody' : 'open';
    return 'open';
  }
  if (op.ifExists) return 'open';
  const positive = POSITIVE_EXACT.has(op.base) || POSITIVE_LIKE.has(op.base) || OTHER_POSITIVE.has(op.base);
  // A positive test of a key that is absent is false: the statement admits nobody.
  if (positive && keyNeverInLambdaRequest(key)) return 'nobody';
  if (positive && certainlyAbsent(key, opts.caller)) return 'nobody';
  if (op.base === 'null' && clause.values.every((v) => v.toLowerCase() === 'false')) {
    if (keyNeverInLambdaRequest(key) || certainlyAbsent(key, opts.caller)) return 'nobody';
  }
  // An anonymous caller only arrives through an AuthType NONE URL.
  if (key === 'lambda:functionurlauthtype' && POSITIVE_EXACT.has(op.base) && opts.caller === 'anonymous')
    return matchesKnown('NONE', clause.values, op.base) ? 'open' : 'nobody';
  if (key === SOURCE_IP && op.base === 'ipaddress') return cidrListReach(clause.values) ?? 'open';
  if (!RESTRICTING_KEYS.includes(key)) return 'open';
  if (POSITIVE_EXACT.has(op.base)) return valuesPin(key, clause.values, false, opts) ? 'pinned' : 'open';
  if (POSITIVE_LIKE.has(op.base)) return valuesPin(key, clause.values, true, opts) ? 'pinned' : 'open';
  return 'open';
}

/**
 * Which strangers escape this Deny clause (the clause is false for them, so the Deny does not
 * apply)? A Deny applies only when every clause is true, so the strangers escaping a Deny are
 * those escaping any one of its clauses (see denyEscape).
 */
export function denyClauseEscape(clause: ConditionClause, opts: ClauseOptions): Reach {
  const key = clause.key.toLowerCase();
  const op = parseOperator(clause.operator);
  // Set operators over single-valued keys are easy to get wrong; never let them carve.
  if (op.set !== null) return 'open';
  const known = knownValue(key, opts);
  if (known !== undefined) {
    if (POSITIVE_EXACT.has(op.base) || POSITIVE_LIKE.has(op.base) || op.base === 'bool')
      return matchesKnown(known, clause.values, op.base) ? 'nobody' : 'open';
    if (NEGATED_EXACT.has(op.base) || NEGATED_LIKE.has(op.base))
      return matchesKnown(known, clause.values, op.base) ? 'open' : 'nobody';
    return 'open';
  }
  const absent = certainlyAbsent(key, opts.caller) || keyNeverInLambdaRequest(key);
  if (absent && op.base !== 'null') {
    // On an absent key IfExists and negated tests are true (the Deny holds for this stranger);
    // any other test is false (the stranger escapes).
    const negated = NEGATED_EXACT.has(op.base) || NEGATED_LIKE.has(op.base) || op.base === 'notipaddress';
    return op.ifExists || negated ? 'nobody' : 'open';
  }
  // Null "true": the clause is true when the key is absent, so it catches whoever lacks it.
  if (op.base === 'null') {
    const wantsAbsent = clause.values.length > 0 && clause.values.every((v) => v.toLowerCase() === 'true');
    return wantsAbsent && (certainlyAbsent(key, opts.caller) || keyNeverInLambdaRequest(key))
      ? 'nobody'
      : 'open';
  }
  if (key === SOURCE_IP && op.base === 'notipaddress') {
    // Callers inside the listed blocks escape (the key is always present on a network request;
    // with IfExists an absent key makes the clause true, which only widens the Deny).
    return cidrListReach(clause.values) ?? 'open';
  }
  if (!RESTRICTING_KEYS.includes(key)) return 'open';
  // A negated test is true when the key is absent (and so is its IfExists form): the only
  // strangers escaping it would be those whose value matches the listed ones, and a pinning
  // list matches no stranger.
  if (NEGATED_EXACT.has(op.base)) return valuesPin(key, clause.values, false, opts) ? 'pinned' : 'open';
  if (NEGATED_LIKE.has(op.base)) return valuesPin(key, clause.values, true, opts) ? 'pinned' : 'open';
  return 'open';
}
