/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, `${aws:username, 'nobody'}`)
 * in Resource and Condition values. IAM substitutes them from the request; we substitute the ones
 * the inventory decides for the principal, and say which could not be, so the caller can answer
 * "maybe" instead of guessing. `${*}`, `${?}` and `${$}` are the escapes for literal characters.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */

/**
 * What a variable resolves to: a value; `null` when the request cannot carry the key (a role has
 * no `aws:username`); `undefined` when it cannot be known at scan time (a tag we did not read).
 */
export type VariableLookup = (key: string) => string | null | undefined;

export interface Substituted {
  text: string;
  /** True when some variable could not be resolved (and had no default). */
  unresolved: boolean;
  /**
   * True when a variable's key is absent from the request and has no default: IAM then treats
   * the element as not matching ("if the key is not present in the request … the policy does
   * not match").
   */
  absent: boolean;
}

const VARIABLE = /\$\{([^}]*)\}/g;
const ESCAPES: Record<string, string> = { '*': '*', '?': '?', $: '$' };
/** `key, 'default'`: the default applies when the key is absent from the request. */
const WITH_DEFAULT = /^\s*([^,\s]+)\s*,\s*'([^']*)'\s*$/;

/**
 * Replaces every variable with its value. Unresolvable ones become `*` in `text` (so the result
 * can still be tested as "could this match?"), and `unresolved` is set. Only documents with
 * `Version: "2012-10-17"` interpret variables; callers pass `enabled: false` for older ones.
 */
export function substitute(value: string, lookup: VariableLookup, enabled = true): Substituted {
  if (!enabled || !value.includes('${')) return { text: value, unresolved: false, absent: false };
  let unresolved = false;
  let absent = false;
  const text = value.replace(VARIABLE, (_match, inner: string) => {
    const escaped = ESCAPES[inner];
    if (escaped !== undefined) return escaped;
    const withDefault = WITH_DEFAULT.exec(inner);
    const key = (withDefault ? withDefault[1] : inner)?.trim() ?? '';
    const resolved = lookup(key.toLowerCase());
    if (typeof resolved === 'string') return resolved;
    if (resolved === null && withDefault) return withDefault[2] ?? '';
    if (resolved === null) absent = true;
    else unresolved = true;
    return '*';
  });
  return { text, unresolved, absent };
}
