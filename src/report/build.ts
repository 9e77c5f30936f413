/**
 * Builds the report document from one run's parts. Deterministic: the same inventory, checks,
 * results and `evaluatedAt` give the same report, byte for byte once rendered. The output is
 * validated against the report schema before it is returned, so no renderer sees a bad report.
 */
import type { DataFreshness } from '../data/index.js';
import { type Check, metaOf, Practice, SEVERITY_ORDER } from '../engine/check.js';
import type { Result } from '../engine/evaluate.js';
import { FRAMEWORK_IDS, FRAMEWORKS } from '../engine/frameworks.js';
import { type Scores, zeroCounts } from '../engine/score.js';
import type { RuleUse, SuppressionRule } from '../engine/suppressions.js';
import { compareGaps, compareText } from '../inventory/order.js';
import type { Inventory } from '../inventory/schema.js';
import { gradeOf } from './grade.js';
import { assertReportResult } from './result-shape.js';
import {
  CHANGE_HISTORY_CAP,
  type Counts,
  REPORT_SCHEMA_VERSION,
  type Report,
  ReportSchema,
} from './schema.js';

export interface BuildInput {
  inventory: Inventory;
  checks: readonly Check[];
  /** As returned by `evaluate()`, which sorts them. */
  results: Result[];
  scores: Scores;
  mode: 'scan' | 'evaluate';
  evaluatedAt: Date;
  toolVersion: string;
  /** The age of the data files the checks used (see src/data/index.ts). */
  dataFiles: DataFreshness[];
  /** Who can change each function, when a check using the IAM evaluator ran. */
  access?: Report['access'];
  /** --suppressions: the file's name, its rules, and how each was used (results already marked). */
  suppressions?: { file: string; rules: readonly SuppressionRule[]; uses: readonly RuleUse[] };
}

export function buildReport(input: BuildInput): Report {
  const { inventory, scores } = input;
  const scan = inventory.scan;

  const perCheck = new Map<string, Counts>();
  const totals: Counts = zeroCounts();
  const suppressed = { fail: 0, unknown: 0 };
  for (const r of input.results) {
    if (r.suppression && (r.status === 'fail' || r.status === 'unknown')) suppressed[r.status] += 1;
    let c = perCheck.get(r.checkId);
    if (!c) {
      c = zeroCounts();
      perCheck.set(r.checkId, c);
    }
    c[r.status] += 1;
    totals[r.status] += 1;
  }

  const checks = [...input.checks]
    .sort((a, b) => compareText(a.id, b.id))
    .map((check) => ({
      ...metaOf(check),
      counts: perCheck.get(check.id) ?? zeroCounts(),
    }));

  const coverage = [...inventory.coverage].sort(compareGaps);
  const byAction = Object.fromEntries(Object.entries(scan.apiCalls).sort(([a], [b]) => compareText(a, b)));

  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'lambda-posture', version: input.toolVersion },
    run: {
      mode: input.mode,
      accountId: scan.accountId,
      partition: scan.partition,
      callerArn: scan.callerArn,
      regions: [...scan.regions],
      startedAt: scan.startedAt,
      finishedAt: scan.finishedAt,
      durationMs: Math.max(0, Date.parse(scan.finishedAt) - Date.parse(scan.startedAt)),
      evaluatedAt: input.evaluatedAt.toISOString(),
      endpoint: scan.endpoint,
      apiCalls: { total: Object.values(byAction).reduce((a, b) => a + b, 0), byAction },
      throttledResponses: scan.throttledResponses,
      timeout: scan.timeout ? { ...scan.timeout } : null,
      reads: [...scan.plan],
      ...(scan.policySource === 'config' ? { policySources: policySourcesOf(inventory) } : {}),
    },
    summary: {
      score: scores.overall.score,
      coverage: scores.overall.coverage,
      incomplete: totals.unknown > 0 || coverage.length > 0,
      counts: totals,
      failuresBySeverity: Object.fromEntries(
        SEVERITY_ORDER.map((s) => [s, scores.failuresBySeverity[s]]),
      ) as Report['summary']['failuresBySeverity'],
      practices: Object.fromEntries(
        Practice.options.map((p) => {
          const s = scores.practices[p];
          return [p, { title: s.title, score: s.score, coverage: s.coverage, counts: { ...s.counts } }];
        }),
      ) as Report['summary']['practices'],
      coverageGaps: coverage.length,
      staleDataFiles: input.dataFiles.filter((d) => d.stale).length,
      ...(input.suppressions ? { suppressed } : {}),
      grade: gradeOf(scores.overall.score, scores.failuresBySeverity),
    },
    frameworks: Object.fromEntries(
      FRAMEWORK_IDS.map((f) => [f, { title: FRAMEWORKS[f].title, url: FRAMEWORKS[f].url }]),
    ) as Report['frameworks'],
    dataFiles: input.dataFiles.map((d) => ({ ...d })),
    checks,
    // The results themselves, not copies: evaluate() builds them in this shape and order, and a
    // copy of 2.5 million results (100,000 functions × 70 checks) would be 400 MiB for nothing.
    results: asReportResults(input.results),
    coverage,
  };
  if (input.access) report.access = input.access;
  const history = changeHistoryOf(inventory);
  if (history) report.changeHistory = history;
  if (input.suppressions) {
    const { file, rules, uses } = input.suppressions;
    report.suppressions = {
      file,
      rules: uses.map((use) => ({ ...use, ...(rules[use.rule - 1] as SuppressionRule) })),
    };
  }
  // The writer validates its own output. Results are checked one by one, not as one parse of the
  // whole document (zod's parse copies what it validates: 2.5 million results at 100,000
  // functions), and by a check that accepts exactly what ReportResult does (result-shape.ts).
  ReportSchema.parse({ ...report, results: [] });
  for (const r of report.results) assertReportResult(r);
  return report;
}

/**
 * The results as report results, in place: only evidence that is not plain JSON is replaced (see
 * asJsonObject), and a resource reference carrying more than the report's four fields is trimmed.
 */
function asReportResults(results: Result[]): Report['results'] {
  for (const r of results) {
    r.evidence = asJsonObject(r.evidence);
    const res = r.resource;
    if (Object.keys(res).length !== 4) {
      r.resource = { arn: res.arn, name: res.name, region: res.region, type: res.type };
    }
  }
  return results;
}

/**
 * Evidence as the JSON file will hold it. Checks give plain data almost always, and then it is
 * used as it is (proving that reads it once and allocates nothing); anything else (a Date, an
 * undefined member, a class instance) goes through JSON once, so the report equals its file.
 */
function asJsonObject(evidence: Record<string, unknown>): Record<string, unknown> {
  if (isPlainJson(evidence, 0)) return evidence;
  const json: unknown = JSON.parse(JSON.stringify(evidence ?? {}) ?? '{}');
  return json !== null && typeof json === 'object' && !Array.isArray(json)
    ? (json as Record<string, unknown>)
    : {};
}

/** Strings, finite numbers, booleans, null, arrays and plain objects of them, nothing else. */
function isPlainJson(value: unknown, depth: number): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || depth > 64) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (!isPlainJson(v, depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) {
    if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/**
 * --changes-since: every function CloudTrail recorded a change to, by unqualified ARN, its changes
 * newest first and capped (CHANGE_HISTORY_CAP) with the full count. Absent without the read.
 */
export function changeHistoryOf(inventory: Inventory): Report['changeHistory'] | undefined {
  const review = inventory.scan.changeReview;
  if (!review) return undefined;
  const functions: NonNullable<Report['changeHistory']>['functions'] = {};
  const unreadRegions: string[] = [];
  const { partition, accountId } = inventory.scan;
  for (const region of inventory.scan.regions) {
    const slice = inventory.regions[region]?.cloudtrail;
    if (slice?.status !== 'ok') {
      unreadRegions.push(region);
      continue;
    }
    const byName = new Map<string, typeof slice.data.lambdaChanges>();
    for (const e of slice.data.lambdaChanges) {
      if (e.functionName === null) continue;
      const list = byName.get(e.functionName);
      if (list) list.push(e);
      else byName.set(e.functionName, [e]);
    }
    for (const name of [...byName.keys()].sort()) {
      const events = [...(byName.get(name) ?? [])].sort((a, b) =>
        a.eventTime < b.eventTime ? 1 : a.eventTime > b.eventTime ? -1 : 0,
      );
      functions[`arn:${partition}:lambda:${region}:${accountId}:function:${name}`] = {
        region,
        name,
        count: events.length,
        changes: events.slice(0, CHANGE_HISTORY_CAP),
      };
    }
  }
  return { since: review.startTime, until: review.endTime, functions, unreadRegions };
}

/** --policy-source config: how many policies came from AWS Config and from Lambda, per the regions' records. */
function policySourcesOf(inventory: Inventory): NonNullable<Report['run']['policySources']> {
  let fromConfig = 0;
  let fromLambda = 0;
  let oldest: string | null = null;
  const refusedRegions: { region: string; reason: string }[] = [];
  for (const [region, r] of Object.entries(inventory.regions).sort(([a], [b]) => compareText(a, b))) {
    if (r.lambda.status !== 'ok') continue;
    const record = r.lambda.data.policySource;
    if (!record) continue;
    fromConfig += record.fromConfig;
    fromLambda += record.fromLambda;
    if (record.refusal !== null) refusedRegions.push({ region, reason: record.refusal });
    for (const fn of r.lambda.data.functions) {
      const s = fn.policySource;
      if (s?.from === 'config' && (oldest === null || s.capturedAt < oldest)) oldest = s.capturedAt;
    }
  }
  return { fromConfig, fromLambda, oldestCapturedAt: oldest, refusedRegions };
}
