/**
 * How a page writes a score: the number, its 0–100 bar, its colour band, and the grade tile.
 * Shared by the account report (html.ts) and the organization roll-up (rollup/render.ts), so a
 * grade or a score looks the same on both.
 */
import type { Severity } from '../../engine/check.js';
import { type Grade, gradeOf } from '../grade.js';
import { type Html, html, plural } from './markup.js';

export const pct = (x: number | null) => (x === null ? 'n/a' : `${x.toFixed(1)}%`);
export const scoreText = (x: number | null) => (x === null ? 'n/a' : x.toFixed(1));

/** A 0–100 bar drawn with classes (no style attributes, so the CSP can pin the stylesheet by hash). */
export function bar(value: number | null): Html {
  if (value === null) return html``;
  const w = Math.max(0, Math.min(100, Math.round(value)));
  return html`<span class="bar" aria-hidden="true"><span class="fill w${w}"></span></span>`;
}

export function band(value: number | null): string {
  if (value === null) return 'na';
  return value >= 90 ? 'good' : value >= 70 ? 'fair' : 'poor';
}

export const GRADE_WORDS: Record<string, string> = {
  A: 'good',
  B: 'fair',
  C: 'needs work',
  D: 'poor',
  F: 'failing',
};

export interface GradedSummary {
  score: number | null;
  failuresBySeverity: Partial<Record<Severity, number>>;
  grade?: Grade | undefined;
}

export function gradeTile(s: GradedSummary): Html {
  const g: Grade = s.grade ?? gradeOf(s.score, s.failuresBySeverity);
  const letter = g.letter ?? 'n/a';
  const cls = g.letter ?? 'na';
  const why = g.cappedBy
    ? `Capped by ${plural(g.cappedBy.count, `failing ${g.cappedBy.severity} finding`)}: the score alone would give ${gradeOf(s.score, {}).letter ?? 'n/a'}.`
    : g.letter === null
      ? 'Nothing was measured.'
      : 'From the score: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60; a failing critical caps it at D, high at C, medium at B.';
  return html`<div class="${`tile grade-tile t-${cls}`}" id="grade"><h3>Grade</h3><p class="big"><span class="${`grade g-${cls}`}" aria-label="${`grade ${letter}`}">${letter}</span> <small>${g.letter ? GRADE_WORDS[g.letter] : ''}</small></p><p class="note">${why}</p></div>`;
}
