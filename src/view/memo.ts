/**
 * One computation per distinct key, for as long as the returned function lives (one view, one
 * check's evaluation): thousands of functions share a few hundred roles, policies, runtimes and
 * layer versions, and each is judged once. A null or undefined result is kept like any other.
 */
export function memoize<K, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as V;
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}
