/** "Did you mean": the known word nearest to a mistyped one, when it is close enough to be meant. */
import leven from 'leven';

/** The known name nearest to `name`, if at most a third of its length (and at most 3 edits) away. */
export function nearest(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.min(3, Math.max(1, Math.floor(name.length / 3))) + 1;
  for (const k of known) {
    const d = leven(name, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}
