/**
 * IAM action matching. An action pattern is `service:Action` where the service prefix and the
 * action name are both case-insensitive and may hold the wildcards `*` (any run of characters,
 * including none) and `?` (exactly one character); the bare pattern `*` matches every action.
 * Nothing here throws: any string is a pattern, and a malformed one simply matches less.
 */
import type { PolicyStatement } from '../inventory/schema.js';

/** Does `pattern` (with IAM wildcards) match the concrete `action`? Case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatch(pattern.toLowerCase(), action.toLowerCase());
}

/** Does any of `patterns` match `action`? */
export function anyActionMatches(patterns: readonly string[], action: string): boolean {
  return patterns.some((p) => actionMatches(p, action));
}

/**
 * Does this statement allow `action`? Only `Allow` statements allow; `Action` allows what its
 * patterns match and `NotAction` allows everything its patterns do not. Resources and
 * conditions are not looked at here.
 */
export function statementAllowsAction(statement: PolicyStatement, action: string): boolean {
  return statement.Effect === 'Allow' && statementCoversAction(statement, action);
}

/** The subset of `actions` the statement allows, in the order given. */
export function allowedActions(statement: PolicyStatement, actions: readonly string[]): string[] {
  return actions.filter((a) => statementAllowsAction(statement, a));
}

/** True for a pattern made only of `*` (e.g. `*`, `**`): it matches every string. */
export function isAllWildcard(pattern: string): boolean {
  return pattern.length > 0 && /^\*+$/.test(pattern);
}

/** Does this pattern match every action of every service (`*`, `*:*`)? */
export function coversEveryAction(pattern: string): boolean {
  if (isAllWildcard(pattern)) return true;
  const colon = pattern.indexOf(':');
  if (colon < 0) return false;
  return isAllWildcard(pattern.slice(0, colon)) && isAllWildcard(pattern.slice(colon + 1));
}

/**
 * Does this pattern match every action of `service` (e.g. `iam:*`, `IAM:*`, `i*:*`, `*`)? The
 * service prefix may be a wildcard pattern; the action part must match everything.
 */
export function coversService(pattern: string, service: string): boolean {
  if (isAllWildcard(pattern)) return true;
  const colon = pattern.indexOf(':');
  if (colon < 0) return false;
  return (
    globMatch(pattern.slice(0, colon).toLowerCase(), service.toLowerCase()) &&
    isAllWildcard(pattern.slice(colon + 1))
  );
}

/**
 * Does the statement apply to every resource (`Resource: "*"`, or a `NotResource` that excludes
 * only some)? `NotResource: "*"` excludes every resource, so the statement applies to none.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
 */
export function appliesToAllResources(statement: PolicyStatement): boolean {
  if (statement.Resource) return statement.Resource.some(isAllWildcard);
  // Allow + NotResource grants everything except the listed resources: treat as "all"…
  if (statement.NotResource === undefined) return false;
  // …unless the exclusion itself is every resource.
  return !appliesToNoResource(statement);
}

/** `NotResource` holding `*`: the statement matches no resource at all (whatever its Effect). */
export function appliesToNoResource(statement: PolicyStatement): boolean {
  return statement.Resource === undefined && (statement.NotResource ?? []).some(isAllWildcard);
}

/**
 * Does the statement's `Action`/`NotAction` cover `action`, whatever its Effect? (A Deny covers
 * what it names exactly as an Allow would.)
 */
export function statementCoversAction(statement: PolicyStatement, action: string): boolean {
  if (statement.Action) return anyActionMatches(statement.Action, action);
  if (statement.NotAction) return !anyActionMatches(statement.NotAction, action);
  return false;
}

/**
 * Wildcard match with `*` and `?` over UTF-16 code units, iterative with single-star
 * backtracking: linear in practice, never exponential, never recursive.
 */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const pc = pattern[p];
    if (pc === '*') {
      starP = p++;
      starT = t;
    } else if (pc !== undefined && (pc === '?' || pc === text[t])) {
      p++;
      t++;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
