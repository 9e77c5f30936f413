/**
 * Reading credential-report dates the same way in every check. A report column holds either a
 * date or a token AWS wrote instead (N/A, no_information, not_supported); ages are counted from
 * `ctx.now`, the scan time, never from the clock.
 */
import type { ReportDate } from '../inventory/schema.js';

export const DAY_MS = 86_400_000;

/** The date in a credential-report column, or null when AWS wrote a token instead of a date. */
export function reportDate(value: ReportDate): Date | null {
  return 'at' in value ? new Date(value.at) : null;
}

/**
 * Whole days from `then` to `now`, rounded down. A date after `now` (a report generated a moment
 * after the scan started) counts as 0 days, never as a negative age.
 */
export function daysBetween(then: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - then.getTime()) / DAY_MS));
}

/** The age in whole days of a report column at `now`, or null when the column holds no date. */
export function ageInDays(value: ReportDate, now: Date): number | null {
  const date = reportDate(value);
  return date === null ? null : daysBetween(date, now);
}

/** A report column for evidence: the ISO date, or the token AWS wrote. */
export function reportDateText(value: ReportDate): string {
  return 'at' in value ? value.at : value.none;
}

/** "1 day", "12 days": an age for a human message. */
export function daysText(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}
