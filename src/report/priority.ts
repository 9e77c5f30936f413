/**
 * "Fix these first": the handful of failing findings that matter most, shared by the HTML page
 * and the terminal summary. Candidates are failing results that are critical or high, or that
 * expose a function publicly or open an escalation path (by check id, below), whatever their
 * severity. They are ordered by severity, exposure and escalation before the rest, then check id
 * and ARN, and taken one per check first, so five critical results of one check do not hide the
 * second check.
 */
import { SEVERITY_ORDER } from '../engine/check.js';
import type { Report, ReportResult } from './schema.js';

export type PriorityReason = 'public exposure' | 'escalation path';

/** Checks whose failure means anyone (or any account) can reach or invoke a function. */
const PUBLIC =
  /(^|\.)(public|function-url-auth-none|url-cors-any-origin|denial-of-wallet|role-trust-any-principal|.*mixed-exposure)/;
/** Checks whose failure is a path to more privilege than granted (or to change a function). */
const ESCALATION =
  /(escalation|admin|modify-any-function|modifiable-|pass-any-role|assume-any-role|full-admin)/;

export function priorityReason(checkId: string): PriorityReason | null {
  if (PUBLIC.test(checkId)) return 'public exposure';
  if (ESCALATION.test(checkId)) return 'escalation path';
  return null;
}

export interface PriorityFinding {
  result: ReportResult;
  reason: PriorityReason | null;
}

const sevRank = (r: ReportResult) => SEVERITY_ORDER.indexOf(r.severity);

/** Up to `limit` findings to fix first (one pass over the results, whatever their number). */
export function fixFirst(report: Pick<Report, 'results'>, limit: number): PriorityFinding[] {
  // Per check, keep only its best `limit` candidates: the list stays small at any scale.
  const byCheck = new Map<string, PriorityFinding[]>();
  for (const result of report.results) {
    // An accepted (suppressed) finding is not one to fix first.
    if (result.status !== 'fail' || result.suppression) continue;
    const reason = priorityReason(result.checkId);
    if (reason === null && result.severity !== 'critical' && result.severity !== 'high') continue;
    let list = byCheck.get(result.checkId);
    if (!list) {
      list = [];
      byCheck.set(result.checkId, list);
    }
    if (list.length < limit) list.push({ result, reason });
  }
  const order = (a: PriorityFinding, b: PriorityFinding) =>
    sevRank(a.result) - sevRank(b.result) ||
    (a.reason === null ? 1 : 0) - (b.reason === null ? 1 : 0) ||
    cmp(a.result.checkId, b.result.checkId) ||
    cmp(a.result.resource.arn, b.result.resource.arn);
  const lists = [...byCheck.values()].map((l) => l.sort(order));
  const out: PriorityFinding[] = [];
  // Round by round: the best of every check, then the second of every check, …
  for (let round = 0; out.length < limit; round++) {
    const row = lists.map((l) => l[round]).filter((x): x is PriorityFinding => x !== undefined);
    if (row.length === 0) break;
    out.push(...row.sort(order).slice(0, limit - out.length));
  }
  return out;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
