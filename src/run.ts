/**
 * One run: plan the reads of the selected checks → collect (or load) → build the account view →
 * evaluate → score → build the report → write it. The CLI parses flags into `RunOptions` and only
 * sets the exit code; everything else happens here.
 */
import { join } from 'node:path';
import type { CollectOptions } from './collect/index.js';
import { dataFreshness } from './data/index.js';
import type { Check, Severity } from './engine/check.js';
import { SEVERITY_ORDER } from './engine/check.js';
import { contextOf, evaluate } from './engine/evaluate.js';
import { score } from './engine/score.js';
import { dataFilesFor, readPlanFor, selectChecks } from './engine/select.js';
import { deriveCoverage } from './inventory/coverage.js';
import type { Inventory } from './inventory/schema.js';
import { loadInventory, saveInventory } from './inventory/store.js';
import { type FileContent, writeReports } from './io/atomic-write.js';
import { progressPrinter } from './progress.js';
import { buildReport } from './report/build.js';
import { RENDERERS } from './report/index.js';
import type { Report } from './report/schema.js';
import { buildView } from './view/account-view.js';

export type Format = keyof typeof RENDERERS;
export type FailOn = Severity | 'none';

export interface CommonOptions {
  out: string;
  formats: Format[];
  failOn: FailOn;
  /** Unknown results make the exit code 3 unless allowed. */
  allowIncomplete: boolean;
  checks: readonly Check[];
  include?: string[];
  exclude?: string[];
  toolVersion: string;
  log: (line: string) => void;
  signal?: AbortSignal;
  /** The clock: scan times and the evaluation time come from it (tests pass a fixed one). */
  clock?: () => Date;
}

export interface ScanOptions extends CommonOptions {
  mode: 'scan';
  regions?: string[];
  profile?: string;
  endpointUrl?: string;
  concurrency: number;
  maxAttempts: number;
  rateScale: number;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  saveInventory?: string;
}

export interface EvaluateOptions extends CommonOptions {
  mode: 'evaluate';
  inventoryPath: string;
}

export type RunOptions = ScanOptions | EvaluateOptions;

export interface RunOutcome {
  report: Report;
  files: string[];
  exitCode: 0 | 1 | 3;
}

export async function run(opts: RunOptions): Promise<RunOutcome> {
  const clock = opts.clock ?? (() => new Date());
  const checks = selectChecks(opts.checks, opts.include, opts.exclude);
  const loaded =
    opts.mode === 'scan' ? await scan(opts, checks, clock) : await loadInventory(opts.inventoryPath);
  // Re-derived even for a loaded file, so the coverage shown always agrees with the data.
  const inventory: Inventory = { ...loaded, coverage: deriveCoverage(loaded) };
  if (opts.mode === 'scan' && opts.saveInventory) {
    await saveInventory(opts.saveInventory, inventory);
    opts.log(`inventory saved to ${opts.saveInventory}`);
  }
  opts.signal?.throwIfAborted();
  const view = buildView(inventory);
  const ctx = contextOf(view);
  const results = evaluate(checks, view, ctx);
  const report = buildReport({
    inventory,
    checks,
    results,
    scores: score(results),
    mode: opts.mode,
    evaluatedAt: clock(),
    toolVersion: opts.toolVersion,
    dataFiles: dataFreshness(dataFilesFor(checks), ctx.now),
  });
  const files: Record<string, FileContent> = {};
  for (const format of opts.formats) {
    const renderer = RENDERERS[format];
    files[renderer.fileName] = renderer.render(report);
  }
  opts.signal?.throwIfAborted();
  await writeReports(opts.out, files);
  return {
    report,
    files: Object.keys(files).map((f) => join(opts.out, f)),
    exitCode: exitCodeFor(report, opts),
  };
}

async function scan(opts: ScanOptions, checks: readonly Check[], clock: () => Date): Promise<Inventory> {
  // Loaded only for a scan: the AWS SDK clients take ~2 s to import, which `evaluate` and
  // `checks` should not pay.
  const { collect } = await import('./collect/index.js');
  const collectOptions: CollectOptions = {
    concurrency: opts.concurrency,
    maxAttempts: opts.maxAttempts,
    rateScale: opts.rateScale,
    plan: readPlanFor(checks),
    clock,
    toolVersion: opts.toolVersion,
    onProgress: progressPrinter(opts.log),
  };
  if (opts.connectTimeoutMs !== undefined) collectOptions.connectTimeoutMs = opts.connectTimeoutMs;
  if (opts.requestTimeoutMs !== undefined) collectOptions.requestTimeoutMs = opts.requestTimeoutMs;
  if (opts.regions) collectOptions.regions = opts.regions;
  if (opts.profile) collectOptions.profile = opts.profile;
  if (opts.endpointUrl) collectOptions.endpointUrl = opts.endpointUrl;
  if (opts.signal) collectOptions.signal = opts.signal;
  return collect(collectOptions);
}

export function exitCodeFor(
  report: Report,
  opts: Pick<CommonOptions, 'failOn' | 'allowIncomplete'>,
): 0 | 1 | 3 {
  if (opts.failOn !== 'none') {
    const threshold = SEVERITY_ORDER.indexOf(opts.failOn);
    const failing = SEVERITY_ORDER.slice(0, threshold + 1).some(
      (s) => report.summary.failuresBySeverity[s] > 0,
    );
    if (failing) return 1;
  }
  if (report.summary.incomplete && !opts.allowIncomplete) return 3;
  return 0;
}
