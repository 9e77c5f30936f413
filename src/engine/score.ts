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
  const all = [...cells.values()];
  const practices = Object.fromEntries(
    (Object.keys(PRACTICE_TITLES) as Practice[]).map((p) => [
      p,
      { title: PRACTICE_TITLES[p], ...line(all.filter((c) => c.practice === p)) },
    ]),
  ) as Scores['practices'];
  const failuresBySeverity = Object.fromEntries(SEVERITY_ORDER.map((s) => [s, 0])) as Record<
    Severity,
    number
  >;
  for (const r of results) if (r.status === 'fail' && !r.suppression) failuresBySeverity[r.severity] += 1;
  return { overall: line(all), practices, failuresBySeverity };
}

function line(cells: Cell[]): ScoreLine {
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
  const total = counts.pass + counts.fail + counts.unknown;
  return {
    score: weights > 0 ? round1((100 * weighted) / weights) : null,
    coverage: total > 0 ? round1((100 * (counts.pass + counts.fail)) / total) : null,
    counts,
  };
}

export const zeroCounts = (): Counts => ({ pass: 0, fail: 0, unknown: 0, not_applicable: 0 });

const round1 = (x: number) => Math.round(x * 10) / 10;
