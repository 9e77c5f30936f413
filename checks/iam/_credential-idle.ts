/**
 * How long a credential has gone unused, shared by the CIS 1.12 / 7.0 2.11 checks (access keys
 * and console passwords): days since the later of its last use and its creation (a key's
 * last_rotated, a password's last change). A credential issued 2 days ago and not used yet is
 * idle for 2 days, not "never used"; the report's N/A and no_information both mean no use since
 * AWS began tracking, so the creation date is then the only baseline.
 */
import { daysBetween, daysText, reportDate } from '../../src/engine/dates.js';
import type { ReportDate } from '../../src/inventory/schema.js';

/** CIS 1.12 / 2.11: credentials unused for 45 days or more should be disabled. */
export const MAX_IDLE_DAYS = 45;

export interface Idle {
  days: number;
  since: 'last use' | 'creation';
}

/** Idle days from the later of `lastUsed` and `createdAt`; null when the report gives neither date. */
export function idleSince(lastUsed: ReportDate, createdAt: ReportDate, now: Date): Idle | null {
  const used = reportDate(lastUsed);
  const created = reportDate(createdAt);
  if (used && (!created || used >= created)) return { days: daysBetween(used, now), since: 'last use' };
  if (created) return { days: daysBetween(created, now), since: 'creation' };
  return null;
}

export const isIdle = (i: Idle | null): i is Idle => i !== null && i.days >= MAX_IDLE_DAYS;

/** "last used 3 days ago", "never used in the 60 days since it was set", "created 2 days ago, not yet used". */
export function describeIdle(i: Idle, issued: 'created' | 'set'): string {
  if (i.since === 'last use') return `last used ${daysText(i.days)} ago`;
  return i.days >= MAX_IDLE_DAYS
    ? `never used in the ${daysText(i.days)} since it was ${issued}`
    : `${issued} ${daysText(i.days)} ago, not yet used`;
}
