/**
 * What changed between a baseline and this run, matched by finding id (which already includes the
 * account, so a finding never matches another account's). The rules keep "unknown is never pass":
 *  - new: failing now, and in the baseline passing, unknown, not applicable or absent (a resource
 *    that appeared failing is a regression too); a failure under a check the baseline did not run
 *    is counted apart (newFromNewChecks), so upgrading the tool does not read as the account
 *    getting worse;
 *  - resolved: failing in the baseline, and now passing, not applicable, or gone although its
 *    check ran (the resource was deleted);
 *  - unresolved: failing in the baseline, and now unknown (a read failed) or not evaluated (the
 *    check was not selected): neither resolved nor still failing, and said so;
 *  - unchanged: failing in both — unless the failure is made of events (the CloudTrail change
 *    checks: Result.occurrences) and now carries one the baseline's did not: a second change by
 *    the root user is new although the function already had a finding for the first
 *    (previously: fail, with the count of new events). A baseline written before occurrences
 *    were kept cannot say which events it had: such a failure stays unchanged.
 */
import { Practice, SEVERITY_ORDER } from '../engine/check.js';
import { compareText } from '../inventory/order.js';
import { inventoryDrift } from './drift.js';
import type { ChangesSection } from './schema.js';
import type { ScorePair, Snapshot, SnapshotResult } from './snapshot.js';

export class BaselineMismatchError extends Error {
  override name = 'UsageError';
}

/**
 * Also compares the configuration of the two inventories (drift.ts) when both snapshots carry
 * one; otherwise the section says why there is no drift comparison.
 */
export function diffSnapshots(baseline: Snapshot, current: Snapshot): ChangesSection {
  if (baseline.kind === 'run') throw new Error('a baseline is read from a file');
  const drift: ChangesSection['drift'] =
    baseline.inventory && current.inventory
      ? { available: true, ...inventoryDrift(baseline.inventory, current.inventory) }
      : {
          available: false,
          reason: `configuration drift compares two inventories, and ${baseline.inventory ? 'the newer scan' : 'the baseline'} is a report (give the inventory of that scan, or use --baseline-dir)`,
        };
  if (baseline.accountId !== current.accountId) {
    throw new BaselineMismatchError(
      `the baseline${baseline.file ? ` ${JSON.stringify(baseline.file)}` : ''} is of account ${baseline.accountId}, ` +
        `this run is of account ${current.accountId}: compare scans of the same account`,
    );
  }
  const added: ChangesSection['new'] = [];
  const resolved: ChangesSection['resolved'] = [];
  const unresolved: ChangesSection['unresolved'] = [];
  let newFromNewChecks = 0;
  let unchanged = 0;

  for (const now of current.results.values()) {
    if (now.status !== 'fail') continue;
    const before = baseline.results.get(now.findingId);
    if (before?.status === 'fail') {
      const fresh = newOccurrences(before, now);
      if (fresh === 0) unchanged++;
      else added.push({ ...entry(now), previously: 'fail', newOccurrences: fresh });
      continue;
    }
    if (!baseline.checkIds.has(now.checkId)) {
      newFromNewChecks++;
      added.push({ ...entry(now), previously: 'not-evaluated' });
      continue;
    }
    // Missing from a baseline that lists only some statuses: it was there, but not as a failure.
    const missing = baseline.listed ? 'not-listed' : 'absent';
    added.push({ ...entry(now), previously: before?.status ?? missing });
  }

  for (const before of baseline.results.values()) {
    if (before.status !== 'fail') continue;
    const now = current.results.get(before.findingId);
    if (now?.status === 'fail') continue;
    if (!current.checkIds.has(before.checkId)) {
      unresolved.push({ ...entry(before), now: 'not-evaluated' });
    } else if (now === undefined) {
      resolved.push({ ...entry(before), now: 'absent' });
    } else if (now.status === 'unknown') {
      unresolved.push({ ...entry(before), now: 'unknown' });
    } else {
      resolved.push({ ...entry(before), now: now.status });
    }
  }

  const practices = {} as ChangesSection['practices'];
  for (const p of Practice.options) {
    practices[p] = change(baseline.practices[p]?.score ?? null, current.practices[p]?.score ?? null);
  }

  return {
    baseline: {
      kind: baseline.kind,
      file: baseline.file ?? '',
      accountId: baseline.accountId,
      startedAt: baseline.startedAt,
      toolVersion: baseline.toolVersion,
    },
    counts: {
      new: added.length - newFromNewChecks,
      newFromNewChecks,
      resolved: resolved.length,
      unchanged,
      unresolved: unresolved.length,
    },
    score: change(baseline.overall.score, current.overall.score),
    coverage: change(baseline.overall.coverage, current.overall.coverage),
    practices,
    drift,
    new: added.sort(byImportance),
    resolved: resolved.sort(byImportance),
    unresolved: unresolved.sort(byImportance),
  };
}

/** Events in `now`'s failure that `before`'s did not carry (0 when either kept none). */
function newOccurrences(before: SnapshotResult, now: SnapshotResult): number {
  if (!before.occurrences || !now.occurrences) return 0;
  const seen = new Set(before.occurrences);
  let fresh = 0;
  for (const o of new Set(now.occurrences)) if (!seen.has(o)) fresh++;
  return fresh;
}

/** New failures at or above `severity`, not counting those under checks the baseline did not run. */
export function newAtOrAbove(changes: ChangesSection, severity: SnapshotResult['severity']): number {
  const threshold = SEVERITY_ORDER.indexOf(severity);
  return changes.new.filter(
    (f) =>
      f.previously !== 'not-evaluated' &&
      f.suppressed !== true &&
      SEVERITY_ORDER.indexOf(f.severity) <= threshold,
  ).length;
}

function entry(r: SnapshotResult) {
  return {
    findingId: r.findingId,
    checkId: r.checkId,
    severity: r.severity,
    resource: { arn: r.resource.arn, name: r.resource.name, region: r.resource.region },
    ...(r.suppressed ? { suppressed: true as const } : {}),
  };
}

function change(before: ScorePair['score'], after: ScorePair['score']) {
  return {
    before,
    after,
    delta: before === null || after === null ? null : Math.round((after - before) * 10) / 10,
  };
}

function byImportance(
  a: { severity: SnapshotResult['severity']; checkId: string; resource: { arn: string } },
  b: { severity: SnapshotResult['severity']; checkId: string; resource: { arn: string } },
): number {
  return (
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
    compareText(a.checkId, b.checkId) ||
    compareText(a.resource.arn, b.resource.arn)
  );
}
