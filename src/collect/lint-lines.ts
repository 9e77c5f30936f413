/**
 * Rendering variables as the lines of one `.env` text for a linter, and mapping what the linter
 * reports back to the variable it started in. Offsets, not line numbers: a value may itself hold
 * newlines (a PEM key). Knows nothing of secretlint's rules (secretlint-prefilter.ts does).
 */

/** A linter's message, reduced to which rule (and which of its messages) fired. */
export interface LintHit {
  ruleId: string;
  messageId?: string;
}

/** What the classifier needs from a linter: each message's rule and where it starts. */
export type EnvLinter = (content: string) => Promise<ReadonlyArray<LintHit & { start: number }>>;

/** Upper bound on one linter input; Lambda caps a function's environment at 4 KB. */
export const LINT_CHUNK_CHARS = 256 * 1024;

/** Characters a variable adds to the rendered text: `NAME=value\n`. */
export function lineLength(entry: readonly [string, string]): number {
  return entry[0].length + entry[1].length + 2;
}

/**
 * Lints the entries `worthLinting` admits as one text; returns, per entry (all of them, in
 * order), the first rule that reported inside it. No call at all when none is worth linting.
 * A linter failure propagates: the caller decides what it means (and must not show its message,
 * which could quote the text).
 */
export async function lintEntries(
  entries: ReadonlyArray<readonly [string, string]>,
  lint: EnvLinter,
  worthLinting: (entry: readonly [string, string]) => boolean,
): Promise<Array<LintHit | undefined>> {
  const starts: number[] = [];
  const linted: number[] = [];
  let content = '';
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as readonly [string, string];
    if (!worthLinting(entry)) continue;
    starts.push(content.length);
    linted.push(i);
    content += `${entry[0]}=${entry[1]}\n`;
  }
  const found: Array<LintHit | undefined> = new Array(entries.length);
  if (linted.length === 0) return found;
  const messages = [...(await lint(content))].sort((a, b) => a.start - b.start);
  for (const { ruleId, messageId, start } of messages) {
    const i = linted[entryAt(starts, start)];
    if (i !== undefined && found[i] === undefined)
      found[i] = messageId === undefined ? { ruleId } : { ruleId, messageId };
  }
  return found;
}

/** Index of the last entry starting at or before `offset` (binary search); -1 if none. */
function entryAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let hit = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] ?? Number.POSITIVE_INFINITY) <= offset) {
      hit = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return hit;
}

/**
 * Groups whole functions into runs whose rendering stays under LINT_CHUNK_CHARS (a function
 * larger than that is a run of its own); returns [start, end) indices into `functions`.
 */
export function chunkRanges(
  functions: ReadonlyArray<ReadonlyArray<readonly [string, string]>>,
): Array<[start: number, end: number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  let size = 0;
  for (let f = 0; f < functions.length; f++) {
    let fnSize = 0;
    for (const entry of functions[f] ?? []) fnSize += lineLength(entry);
    if (f > start && size + fnSize > LINT_CHUNK_CHARS) {
      ranges.push([start, f]);
      start = f;
      size = 0;
    }
    size += fnSize;
  }
  if (functions.length > start) ranges.push([start, functions.length]);
  return ranges;
}
