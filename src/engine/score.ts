/**
 * Scoring. Each check is scored per scope (account × region, or the account for IAM) as the
 * share of its results that passed, out of pass + fail + unknown: an unknown counts as not passed,
 * and a not_applicable result does not count at all (a scope where the check applies to nothing
 * takes no part). Scopes are then averaged with the check's severity weight. Properties, proved
 * by `score.test.ts`:
 *  - a read that fails can never raise a score (a pass turning unknown lowers its scope's share, a
 *    fail turning unknown leaves it, a whole unreadable region scores 0 for that check);
 *  - a pass turning not_applicable cannot hide a fail (the fails keep their weight; the score
 *    can only go down, and the failure counts do not change);
 *  - coverage (the share of applicable results that are not unknown) is reported beside every
 *    score, so a scan with missing permissions cannot look clean.
 * Weighting scopes equally (not by resource count) is what makes the first property hold: a
 * denied region hides how many resources it has, so it cannot be weighted by them.
 */
import { PRACTICE_TITLES, type Practice, SEVERITY_ORDER, type Severity } from './check.js';
import type { Result } from './evaluate.js';

export const SEVERITY_WEIGHT: Record<Severity, number> = {
  critical: 10,
  high: 5,
  medium: 3,
  low: 1,
  info: 0,
};

export interface Counts {
  pass: number;
  fail: number;
  unknown: number;
  not_applicable: number;
}

export interface ScoreLine {
  /** 0–100, one decimal; null when nothing weighted was evaluated. */
  score: number | null;
  /** 0–100: share of applicable results that are pass or fail (not unknown); null with none. */
  coverage: number | null;
  counts: Counts;
}

export interface Scores {
  overall: ScoreLine;
  practices: Record<Practice, ScoreLine & { title: string }>;
  failuresBySeverity: Record<Severity, number>;
}

interface Cell {
  weight: number;
  practice: Practice;
  counts: Counts;
}

export function score(results: readonly Result[]): Scores {
  const all = cellsOf(results);
  const practices = Object.fromEntries(
    (Object.keys(PRACTICE_TITLES) as Practice[]).map((p) => [
      p,
      { title: PRACTICE_TITLES[p], ...lineOfSums(sumLine(all.filter((c) => c.practice === p))) },
    ]),
  ) as Scores['practices'];
  const failuresBySeverity = Object.fromEntries(SEVERITY_ORDER.map((s) => [s, 0])) as Record<
    Severity,
    number
  >;
  for (const r of results) if (r.status === 'fail' && !r.suppression) failuresBySeverity[r.severity] += 1;
  return { overall: lineOfSums(sumLine(all)), practices, failuresBySeverity };
}

export const zeroCounts = (): Counts => ({ pass: 0, fail: 0, unknown: 0, not_applicable: 0 });

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The parts a score line is computed from, kept so that lines of disjoint scopes can be pooled:
 * an organization's score is the line of every account's cells together, and cells are keyed by
 * account (see `score`), so two accounts never share a cell and pooling their sums is the same
 * arithmetic as scoring their results at once — the same terms, added in another order.
 * `weighted` is Σ weight × (pass / (pass + fail + unknown)) over the cells with any applicable
 * result, `weights` the Σ weight of those cells, `counts` the results of every cell.
 *
 * Floating point: `weighted` is a sum of doubles, and a pooled sum adds the same terms grouped by
 * account, so it can differ from one big sum in its last bit; rounded to one decimal the two agree
 * except when the exact value sits within that bit of a .x5 boundary (test/engine/score-sums.test.ts
 * checks both). Two pools of the same accounts added in the same order are identical, which is
 * what makes a merged roll-up byte-identical to an unsharded one (src/report/rollup/build.ts).
 */
export interface SumLine {
  weighted: number;
  weights: number;
  counts: Counts;
}

export interface ScoreSums {
  overall: SumLine;
  practices: Record<Practice, SumLine>;
}

const PRACTICES = Object.keys(PRACTICE_TITLES) as Practice[];

const zeroSumLine = (): SumLine => ({ weighted: 0, weights: 0, counts: zeroCounts() });

export const zeroScoreSums = (): ScoreSums => ({
  overall: zeroSumLine(),
  practices: Object.fromEntries(PRACTICES.map((p) => [p, zeroSumLine()])) as Record<Practice, SumLine>,
});

/** The sums behind `score(results)`: the same cells, accumulated in the same order. */
export function scoreSums(results: readonly Result[]): ScoreSums {
  const all = cellsOf(results);
  return {
    overall: sumLine(all),
    practices: Object.fromEntries(
      PRACTICES.map((p) => [p, sumLine(all.filter((c) => c.practice === p))]),
    ) as Record<Practice, SumLine>,
  };
}

/** Pooled sums of two disjoint sets of cells (different accounts). */
export function addScoreSums(a: ScoreSums, b: ScoreSums): ScoreSums {
  return {
    overall: addSumLines(a.overall, b.overall),
    practices: Object.fromEntries(
      PRACTICES.map((p) => [p, addSumLines(a.practices[p], b.practices[p])]),
    ) as Record<Practice, SumLine>,
  };
}

/** The overall and per-practice lines of `score()`, from sums. */
export function scoresOfSums(sums: ScoreSums): Pick<Scores, 'overall' | 'practices'> {
  return {
    overall: lineOfSums(sums.overall),
    practices: Object.fromEntries(
      PRACTICES.map((p) => [p, { title: PRACTICE_TITLES[p], ...lineOfSums(sums.practices[p]) }]),
    ) as Scores['practices'],
  };
}

/** The scopes a score is made of (check × account × region), in insertion order. */
function cellsOf(results: readonly Result[]): Cell[] {
  const cells = new Map<string, Cell>();
  for (const r of results) {
    // An accepted finding no longer counts, neither against the score nor for coverage.
    if (r.suppression) continue;
    const key = `${r.checkId}\u0000${r.accountId}\u0000${r.resource.region ?? ''}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { weight: SEVERITY_WEIGHT[r.severity], practice: r.practice, counts: zeroCounts() };
      cells.set(key, cell);
    }
    cell.counts[r.status] += 1;
  }
  return [...cells.values()];
}

/** A line's accumulation, stopped before the division (lineOfSums divides). */
function sumLine(cells: Cell[]): SumLine {
  const counts = zeroCounts();
  let weighted = 0;
  let weights = 0;
  for (const c of cells) {
    counts.pass += c.counts.pass;
    counts.fail += c.counts.fail;
    counts.unknown += c.counts.unknown;
    counts.not_applicable += c.counts.not_applicable;
    const total = c.counts.pass + c.counts.fail + c.counts.unknown;
    // A scope where the check applies to nothing has no share to weigh.
    if (total === 0) continue;
    weighted += c.weight * (c.counts.pass / total);
    weights += c.weight;
  }
  return { weighted, weights, counts };
}

function addSumLines(a: SumLine, b: SumLine): SumLine {
  return {
    weighted: a.weighted + b.weighted,
    weights: a.weights + b.weights,
    counts: {
      pass: a.counts.pass + b.counts.pass,
      fail: a.counts.fail + b.counts.fail,
      unknown: a.counts.unknown + b.counts.unknown,
      not_applicable: a.counts.not_applicable + b.counts.not_applicable,
    },
  };
}

/** A score line from its sums: score and coverage to one decimal. */
function lineOfSums(s: SumLine): ScoreLine {
  const { counts } = s;
  const total = counts.pass + counts.fail + counts.unknown;
  return {
    score: s.weights > 0 ? round1((100 * s.weighted) / s.weights) : null,
    coverage: total > 0 ? round1((100 * (counts.pass + counts.fail)) / total) : null,
    counts: { ...counts },
  };
}
