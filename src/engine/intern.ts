/**
 * One copy of each repeated message and evidence within one check's results. A check words its
 * verdicts from a few templates, so 100,000 functions give 2.5 million results but only some
 * 70,000 distinct messages and 180,000 distinct evidence objects; every other copy is the same
 * text built again. Sharing them cut the results' heap by more than a third at 100,000 functions
 * (see the benchmark's evaluate step). Results are never mutated in place after evaluation (a
 * change replaces a member), so sharing is safe.
 */
import type { Evidence } from '../view/verdict.js';

const MAX_MEMBERS = 8;
const MAX_TEXT = 120;

export class Interner {
  private readonly messages = new Map<string, string>();
  private readonly evidence = new Map<string, Evidence>();

  message(text: string): string {
    const known = this.messages.get(text);
    if (known !== undefined) return known;
    this.messages.set(text, text);
    return text;
  }

  evidenceOf(value: Evidence): Evidence {
    if (!isSmallFlat(value)) return value;
    // Keyed by its JSON text: equal evidence is equal in the report, which is all that matters.
    const key = JSON.stringify(value);
    const known = this.evidence.get(key);
    if (known !== undefined) return known;
    this.evidence.set(key, value);
    return value;
  }
}

/**
 * A few members, each a string, number, boolean or null: the evidence that repeats (a runtime and
 * its date, a mode, a count). Nested evidence (statements, lists of principals) is nearly always
 * particular to its resource, and serialising it only to find that out cost more time than the
 * sharing saved (measured: +8 s over 2.5 million results).
 */
function isSmallFlat(value: Evidence): boolean {
  let members = 0;
  for (const key in value) {
    if (++members > MAX_MEMBERS) return false;
    const v = value[key];
    if (v !== null && typeof v === 'object') return false;
    if (typeof v === 'string' && v.length > MAX_TEXT) return false;
  }
  return true;
}
