/**
 * How a statement's Resource / NotResource relates to the functions of one region: it matches
 * every function there (`all`), none (`none`), or some (`some`). This is what lets "who can
 * modify which function" be answered per principal and region once, instead of per principal and
 * function: only `some` statements send the evaluator to individual functions, and only to the
 * functions whose ARN starts with the pattern's literal prefix.
 */
import { globMatch } from '../policy/actions.js';
import { arnMatches } from './conditions.js';
import type { CompiledStatement } from './statements.js';

export type ResourceClass = 'all' | 'none' | 'some';

/** `arn:<partition>:lambda:<region>:<account>:function:` */
export function functionPrefix(partition: string, region: string, account: string): string {
  return `arn:${partition}:lambda:${region}:${account}:function:`;
}

// Function names are 1–64 characters of [A-Za-z0-9_-], and qualified ARNs add `:qualifier`; a
// pattern matching these two probes uses wildcards where any name (and qualifier) goes.
const PROBES = ['\u0000', '\u0000\u0001:\u0002'];

export function patternClass(pattern: string, prefix: string): ResourceClass {
  if (pattern.includes('${')) return 'some';
  if (PROBES.every((p) => arnMatches(pattern, prefix + p))) return 'all';
  return canMatchSomething(pattern, prefix) ? 'some' : 'none';
}

/**
 * Could the pattern match any string that starts with `prefix`? Field by field for ARNs (a
 * wildcard cannot span fields), else as one string. Once a `*` is reached, yes; a literal that
 * differs, no.
 */
function canMatchSomething(pattern: string, prefix: string): boolean {
  const pf = pattern.split(':');
  const xf = prefix.split(':');
  // prefix is "arn:p:lambda:r:a:function:" → 7 parts, the last empty.
  if (pf.length >= 6 && pf[0] === 'arn') {
    for (let i = 0; i < 5; i++) if (!globMatch(pf[i] as string, xf[i] as string)) return false;
    return prefixPossible(pf.slice(5).join(':'), 'function:');
  }
  return prefixPossible(pattern, prefix);
}

function prefixPossible(pattern: string, prefix: string): boolean {
  for (let i = 0; i < prefix.length; i++) {
    const c = pattern[i];
    if (c === undefined) return false;
    if (c === '*') return true;
    if (c !== '?' && c !== prefix[i]) return false;
  }
  return true;
}

/** The statement's class for the region: Resource any-of, NotResource none-of. */
export function statementClass(s: CompiledStatement, prefix: string): ResourceClass {
  const { Resource, NotResource, Condition } = s.statement;
  let cls: ResourceClass;
  if (Resource) {
    const classes = Resource.map((p) => patternClass(p, prefix));
    cls = classes.includes('all') ? 'all' : classes.includes('some') ? 'some' : 'none';
  } else if (NotResource) {
    const classes = NotResource.map((p) => patternClass(p, prefix));
    cls = classes.includes('all') ? 'none' : classes.includes('some') ? 'some' : 'all';
  } else {
    cls = 'none';
  }
  // A condition on the function's ARN makes the answer differ between functions. (Tag
  // conditions do not: tags are not read, so they are undecided alike for every function.)
  if (cls === 'all' && Condition && dependsOnFunction(Condition)) cls = 'some';
  return cls;
}

function dependsOnFunction(condition: Readonly<Record<string, Readonly<Record<string, unknown>>>>): boolean {
  return Object.values(condition).some((block) =>
    Object.keys(block).some((k) => {
      return k.toLowerCase() === 'lambda:functionarn';
    }),
  );
}

/** The literal start of a pattern, up to its first wildcard or variable. */
export function literalPrefix(pattern: string): string {
  const at = pattern.search(/[*?]|\$\{/);
  return at < 0 ? pattern : pattern.slice(0, at);
}
