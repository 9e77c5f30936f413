/**
 * A snapshot: what one evaluation concluded, reduced to what a comparison needs — each result's
 * finding id, check, status, severity and resource, the checks that ran, and the scores. Built
 * from the results of this run, or read back from an earlier report (see baseline.ts), so a diff
 * never depends on which of the two it was given.
 */
import type { Practice, Severity, Status } from '../engine/check.js';
import type { Inventory } from '../inventory/schema.js';

export interface SnapshotResult {
  findingId: string;
  checkId: string;
  status: Status;
  severity: Severity;
  resource: { arn: string; name: string; region: string | null };
  /** Accepted by a suppression rule. */
  suppressed?: true;
  /** The events behind a finding made of events (Result.occurrences). */
  occurrences?: readonly string[];
}

export interface ScorePair {
  score: number | null;
  coverage: number | null;
}

export interface Snapshot {
  /** Where it came from: this run, an earlier report.json, or an inventory re-evaluated now. */
  kind: 'run' | 'report' | 'inventory';
  /** The file's name (never its folder: a report can travel), null for this run. */
  file: string | null;
  accountId: string;
  /** When the scan behind it started. */
  startedAt: string;
  toolVersion: string;
  /** The checks that were evaluated: a finding of a check absent here was not looked for. */
  checkIds: ReadonlySet<string>;
  results: ReadonlyMap<string, SnapshotResult>;
  /**
   * A report written with --results lists only these statuses: a finding missing from `results`
   * may have been there with another status. Absent: every result is listed.
   */
  listed?: ReadonlySet<Status>;
  overall: ScorePair;
  practices: Partial<Record<Practice, ScorePair>>;
  /** The inventory behind it, when it is one (kind inventory or run): what drift compares. */
  inventory?: Inventory;
}

/** The parts of a report (or of a run about to become one) that a snapshot keeps. */
export interface SnapshotSource {
  tool: { version: string };
  run: { accountId: string; startedAt: string; resultsListed?: { statuses: readonly Status[] } };
  summary: {
    score: number | null;
    coverage: number | null;
    practices: Partial<Record<Practice, ScorePair>>;
  };
  checks: ReadonlyArray<{ id: string }>;
  results: ReadonlyArray<Omit<SnapshotResult, 'suppressed'> & { suppression?: unknown }>;
}

export function snapshotOf(
  source: SnapshotSource,
  kind: Snapshot['kind'],
  file: string | null,
  inventory?: Inventory,
): Snapshot {
  const results = new Map<string, SnapshotResult>();
  for (const r of source.results) {
    results.set(r.findingId, {
      findingId: r.findingId,
      checkId: r.checkId,
      status: r.status,
      severity: r.severity,
      resource: { arn: r.resource.arn, name: r.resource.name, region: r.resource.region },
      ...(r.suppression !== undefined ? { suppressed: true as const } : {}),
      ...(r.occurrences !== undefined ? { occurrences: r.occurrences } : {}),
    });
  }
  const practices: Snapshot['practices'] = {};
  for (const [p, s] of Object.entries(source.summary.practices) as Array<[Practice, ScorePair]>) {
    practices[p] = { score: s.score, coverage: s.coverage };
  }
  return {
    kind,
    file,
    accountId: source.run.accountId,
    startedAt: source.run.startedAt,
    toolVersion: source.tool.version,
    checkIds: new Set(source.checks.map((c) => c.id)),
    results,
    ...(source.run.resultsListed ? { listed: new Set(source.run.resultsListed.statuses) } : {}),
    overall: { score: source.summary.score, coverage: source.summary.coverage },
    practices,
    ...(inventory ? { inventory } : {}),
  };
}
