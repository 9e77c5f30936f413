/**
 * Condition blocks, evaluated as IAM does, in three values. A request context says, per key, its
 * values, that the request cannot carry the key (`ABSENT`), or nothing (we cannot know it at
 * scan time: the caller's IP, a tag we did not read), in which case any clause on it is `maybe`.
 *
 * The rules, from the IAM User Guide (Condition operators; multivalued keys; IfExists; Null):
 * - operators in a block, keys under an operator, are ANDed; the values listed for one key are ORed
 *   (for a negated operator, "not equal to any of them");
 * - a key absent from the request: the clause is false, except that negated operators
 *   (`StringNotEquals`, `ArnNotLike`, `NotIpAddress`, …) are true, `…IfExists` is true,
 *   `ForAllValues:` is true (vacuously) and `Null` compares "absent" with its value;
 * - `ForAnyValue:`/`ForAllValues:` compare each request value with the policy's values.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
import { globMatch } from '../policy/actions.js';
// One reading of `ForAnyValue:StringLikeIfExists` for the whole project (base, set, IfExists).
import { parseOperator } from '../policy/reach.js';
import { all, any, type Tri, tri } from './tri.js';
import { substitute, type VariableLookup } from './variables.js';

/** The request cannot carry this key. */
export const ABSENT = Symbol('absent');
export type ContextValue = readonly string[] | typeof ABSENT;

/** Keys are looked up lower-cased (IAM condition keys are case-insensitive). */
export interface RequestContext {
  /** The key's values, ABSENT, or undefined when unknown at scan time. */
  get(key: string): ContextValue | undefined;
}

type Compare = (requestValue: string, policyValue: string) => boolean | null;

interface OperatorInfo {
  compare: Compare;
  negated: boolean;
}

const stringEquals: Compare = (r, p) => r === p;
const stringEqualsIgnoreCase: Compare = (r, p) => r.toLowerCase() === p.toLowerCase();
const stringLike: Compare = (r, p) => globMatch(p, r);
const arnLike: Compare = (r, p) => arnMatches(p, r);
const bool: Compare = (r, p) => r.toLowerCase() === p.toLowerCase();
const numeric =
  (op: (a: number, b: number) => boolean): Compare =>
  (r, p) => {
    const a = Number(r);
    const b = Number(p);
    if (r.trim() === '' || p.trim() === '' || Number.isNaN(a) || Number.isNaN(b)) return false;
    return op(a, b);
  };
const date =
  (op: (a: number, b: number) => boolean): Compare =>
  (r, p) => {
    const a = dateValue(r);
    const b = dateValue(p);
    return a === null || b === null ? false : op(a, b);
  };
/** IP comparisons need the caller's address, which no scan knows: any present value is `null`. */
const unknowable: Compare = () => null;

const OPERATORS: Record<string, OperatorInfo> = {
  stringequals: { compare: stringEquals, negated: false },
  stringnotequals: { compare: stringEquals, negated: true },
  stringequalsignorecase: { compare: stringEqualsIgnoreCase, negated: false },
  stringnotequalsignorecase: { compare: stringEqualsIgnoreCase, negated: true },
  stringlike: { compare: stringLike, negated: false },
  stringnotlike: { compare: stringLike, negated: true },
  // ArnEquals accepts the same wildcards as ArnLike.
  arnequals: { compare: arnLike, negated: false },
  arnlike: { compare: arnLike, negated: false },
  arnnotequals: { compare: arnLike, negated: true },
  arnnotlike: { compare: arnLike, negated: true },
  bool: { compare: bool, negated: false },
  binaryequals: { compare: stringEquals, negated: false },
  numericequals: { compare: numeric((a, b) => a === b), negated: false },
  numericnotequals: { compare: numeric((a, b) => a === b), negated: true },
  numericlessthan: { compare: numeric((a, b) => a < b), negated: false },
  numericlessthanequals: { compare: numeric((a, b) => a <= b), negated: false },
  numericgreaterthan: { compare: numeric((a, b) => a > b), negated: false },
  numericgreaterthanequals: { compare: numeric((a, b) => a >= b), negated: false },
  dateequals: { compare: date((a, b) => a === b), negated: false },
  datenotequals: { compare: date((a, b) => a === b), negated: true },
  datelessthan: { compare: date((a, b) => a < b), negated: false },
  datelessthanequals: { compare: date((a, b) => a <= b), negated: false },
  dategreaterthan: { compare: date((a, b) => a > b), negated: false },
  dategreaterthanequals: { compare: date((a, b) => a >= b), negated: false },
  ipaddress: { compare: unknowable, negated: false },
  notipaddress: { compare: unknowable, negated: true },
};

export interface ClauseOutcome {
  result: Tri;
  /** The key, when the outcome is `maybe` because of it. */
  undecidedKey?: string;
}

/**
 * One clause: operator, key, the policy's values. `variables` resolves policy variables in the
 * values (documents of version 2012-10-17 only). An operator IAM does not know makes the whole
 * statement fail to match (IAM rejects such policies; stored ones cannot have it), so it is `no`.
 */
export function evaluateClause(
  operator: string,
  key: string,
  policyValues: readonly string[],
  context: RequestContext,
  variables: VariableLookup,
  variablesEnabled = true,
): ClauseOutcome {
  const op = parseOperator(operator);
  const lowerKey = key.toLowerCase();
  const requestValue = context.get(lowerKey);
  if (op.base === 'null') {
    if (requestValue === undefined) return { result: 'maybe', undecidedKey: key };
    const isAbsent = requestValue === ABSENT;
    return { result: any(policyValues, (v) => tri((v.toLowerCase() === 'true') === isAbsent)) };
  }
  const info = OPERATORS[op.base];
  if (!info) return { result: 'no' };
  if (requestValue === undefined) return { result: 'maybe', undecidedKey: key };
  if (requestValue === ABSENT || requestValue.length === 0) {
    if (op.ifExists || op.set === 'all' || info.negated) return { result: 'yes' };
    return { result: 'no' };
  }
  let undecided = false;
  // One request value against the policy's values: does it match any of them?
  const matchesAny = (value: string): Tri => {
    let out: Tri = 'no';
    for (const raw of policyValues) {
      const sub = substitute(raw, variables, variablesEnabled);
      if (sub.absent) continue;
      if (sub.unresolved) {
        // The value depends on something unknown: it can only be said to match if it could.
        if (info.compare(value, sub.text) !== false) out = 'maybe';
        undecided = true;
        continue;
      }
      const r = info.compare(value, sub.text);
      if (r === null) {
        out = out === 'yes' ? 'yes' : 'maybe';
        undecided = true;
      } else if (r) return 'yes';
    }
    return out;
  };
  const perValue = (value: string): Tri => {
    const m = matchesAny(value);
    return info.negated ? (m === 'yes' ? 'no' : m === 'no' ? 'yes' : 'maybe') : m;
  };
  const result = op.set === 'all' ? all(requestValue, perValue) : any(requestValue, perValue);
  return undecided && result === 'maybe' ? { result, undecidedKey: key } : { result };
}

/** A whole Condition element: every clause must hold. Returns the keys that left it undecided. */
export function evaluateCondition(
  condition: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> | undefined,
  context: RequestContext,
  variables: VariableLookup,
  variablesEnabled = true,
): { result: Tri; undecidedKeys: string[] } {
  if (!condition) return { result: 'yes', undecidedKeys: [] };
  let result: Tri = 'yes';
  const undecidedKeys: string[] = [];
  for (const [operator, block] of Object.entries(condition)) {
    for (const [key, values] of Object.entries(block)) {
      const outcome = evaluateClause(operator, key, values, context, variables, variablesEnabled);
      if (outcome.result === 'no') return { result: 'no', undecidedKeys: [] };
      if (outcome.result === 'maybe') {
        result = 'maybe';
        undecidedKeys.push(outcome.undecidedKey ?? key);
      }
    }
  }
  return { result, undecidedKeys };
}

/**
 * ARN matching for the Arn* operators and for Resource: the six colon-separated fields are
 * matched one by one, each with `*`/`?` wildcards, case-sensitively; the resource field keeps its
 * own colons. A wildcard cannot span fields.
 */
export function arnMatches(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const p = splitArn(pattern);
  const a = splitArn(arn);
  if (!p || !a) return globMatch(pattern, arn);
  for (let i = 0; i < 6; i++) {
    if (!globMatch(p[i] as string, a[i] as string)) return false;
  }
  return true;
}

function splitArn(arn: string): string[] | null {
  const parts = arn.split(':');
  if (parts.length < 6) return null;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

function dateValue(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : t;
}
