/**
 * The report's letter grade: A–F from the overall score, with a ceiling set by the worst open
 * (failing) finding, as SSL Labs caps a grade for a critical flaw. A score is a weighted share of
 * passed results, so a large account with a few catastrophic findings still scores high (600
 * functions, 24 of them running with an admin role: 91.1); the ceiling keeps the headline honest.
 *
 * Letters from the score: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, F below (null: nothing was measured).
 * Ceilings: any failing critical result → at most D; any failing high → at most C; any failing
 * medium → at most B. Low and info findings set no ceiling. Only `fail` counts as open: an unknown
 * result already lowers the score and coverage, and is not proof of a flaw.
 */
import type { Severity } from '../engine/check.js';

export const GRADE_LETTERS = ['A', 'B', 'C', 'D', 'F'] as const;
export type GradeLetter = (typeof GRADE_LETTERS)[number];

/** The lowest score of each letter (F: anything below D's). */
export const GRADE_FLOORS: Record<Exclude<GradeLetter, 'F'>, number> = { A: 90, B: 80, C: 70, D: 60 };

/** The best letter a report can have while a finding of this severity fails. */
export const GRADE_CEILINGS: Partial<Record<Severity, GradeLetter>> = {
  critical: 'D',
  high: 'C',
  medium: 'B',
};

export interface Grade {
  /** null when the score is (nothing was measured). */
  letter: GradeLetter | null;
  /** The severity whose ceiling lowered the letter below the score's, and its failing results. */
  cappedBy: { severity: Severity; count: number } | null;
}

export function letterOf(score: number | null): GradeLetter | null {
  if (score === null || !Number.isFinite(score)) return null;
  if (score >= GRADE_FLOORS.A) return 'A';
  if (score >= GRADE_FLOORS.B) return 'B';
  if (score >= GRADE_FLOORS.C) return 'C';
  if (score >= GRADE_FLOORS.D) return 'D';
  return 'F';
}

const rank = (l: GradeLetter) => GRADE_LETTERS.indexOf(l);

/** The grade of a score and its failures by severity (summary.failuresBySeverity). */
export function gradeOf(score: number | null, failuresBySeverity: Partial<Record<Severity, number>>): Grade {
  const fromScore = letterOf(score);
  if (fromScore === null) return { letter: null, cappedBy: null };
  let letter = fromScore;
  let cappedBy: Grade['cappedBy'] = null;
  // Most severe first, so the severity named is the one that set the (lowest) ceiling.
  for (const severity of ['critical', 'high', 'medium'] as const) {
    const count = failuresBySeverity[severity] ?? 0;
    const ceiling = GRADE_CEILINGS[severity];
    if (count <= 0 || ceiling === undefined) continue;
    if (rank(ceiling) > rank(letter)) {
      letter = ceiling;
      cappedBy = { severity, count };
    }
    break; // a less severe ceiling is never lower than a more severe one
  }
  return { letter, cappedBy };
}
