/**
 * Three-valued logic for policy evaluation: a statement applies (`yes`), does not (`no`), or
 * applies only if something we cannot know at scan time holds (`maybe`: a condition on the
 * caller's network, a tag we did not read, a variable we cannot resolve). Kleene's rules: `and`
 * is `no` if either side is, `or` is `yes` if either side is, and `maybe` otherwise.
 */
export type Tri = 'yes' | 'no' | 'maybe';

export function and(a: Tri, b: Tri): Tri {
  if (a === 'no' || b === 'no') return 'no';
  if (a === 'maybe' || b === 'maybe') return 'maybe';
  return 'yes';
}

export function or(a: Tri, b: Tri): Tri {
  if (a === 'yes' || b === 'yes') return 'yes';
  if (a === 'maybe' || b === 'maybe') return 'maybe';
  return 'no';
}

export function not(a: Tri): Tri {
  return a === 'yes' ? 'no' : a === 'no' ? 'yes' : 'maybe';
}

export function tri(b: boolean): Tri {
  return b ? 'yes' : 'no';
}

/** The `or` of every element; `no` for none. Stops at the first `yes`. */
export function any<T>(items: Iterable<T>, f: (item: T) => Tri): Tri {
  let out: Tri = 'no';
  for (const item of items) {
    out = or(out, f(item));
    if (out === 'yes') return out;
  }
  return out;
}

/** The `and` of every element; `yes` for none. Stops at the first `no`. */
export function all<T>(items: Iterable<T>, f: (item: T) => Tri): Tri {
  let out: Tri = 'yes';
  for (const item of items) {
    out = and(out, f(item));
    if (out === 'no') return out;
  }
  return out;
}
