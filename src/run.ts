/**
 * One run: plan the reads of the selected checks → collect (or load) → build the account view →
 * evaluate → score → build the report → write it. The CLI parses flags into `RunOptions` and only
 * sets the exit code; everything else happens here.
 */
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { AssumeRoleSettings } from './aws/assume-role.js';
import { parseUploadTarget, type UploadTarget, uploadReports } from './aws/upload.js';
import type { CollectOptions, ProgressEvent } from './collect/index.js';
import { dataFreshness } from './data/index.js';
import type { Check, Severity, Status } from './engine/check.js';
import { SEVERITY_ORDER } from './engine/check.js';
import { contextOf, evaluate } from './engine/evaluate.js';
import { type ScoreSums, score, scoreSums } from './engine/score.js';
import { dataFilesFor, readPlanFor, type SelectOptions, selectChecks } from './engine/select.js';
import {
  applySuppressions,
  parseSuppressions,
  type RuleUse,
  type SuppressionRule,
  SuppressionsError,
  type TagsOf,
  usesTags,
} from './engine/suppressions.js';
import { deriveCoverage } from './inventory/coverage.js';
import { historyFileName, newestInventory } from './inventory/history.js';
import type { ReadId } from './inventory/reads.js';
import type { Inventory, OrganizationContext } from './inventory/schema.js';
import { loadInventory, saveInventory } from './inventory/store.js';
import { copyFileAtomic, type FileContent, writeReports } from './io/atomic-write.js';
import { type FingerprintKey, loadOrCreateFingerprintKey } from './io/fingerprint-key.js';
import { lockFolder } from './io/lock.js';
import { phaseMark, recordPhasesAtExitIfAsked } from './io/phase-marks.js';
import { fsReason, OutputError, prepareFile, prepareFolder } from './io/preflight.js';
import { createReporter } from './progress.js';
import { accessSection, usesAccessAnalysis } from './report/access.js';
import { evaluatedSnapshot, loadBaseline } from './report/baseline.js';
import { buildReport } from './report/build.js';
import { diffSnapshots, newAtOrAbove } from './report/changes.js';
import { startAccessHeadStart } from './report/head-start.js';
import { RENDERERS } from './report/index.js';
import { ChangesSection, type Report } from './report/schema.js';
import { type Snapshot, snapshotOf } from './report/snapshot.js';
import { type AccountView, buildView } from './view/account-view.js';

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
  /** Collection progress (default: lines through `log`); see progress.ts for the CLI's forms. */
  onProgress?: (event: ProgressEvent) => void;
  /** Called when collection ends, before anything else is printed (progress bars come down). */
  onCollected?: () => void;
  /** Called once the reports are in --out, saying whether --upload comes next: a stop now loses no file. */
  onWritten?: (uploading: boolean) => void;
  signal?: AbortSignal;
  /** The clock: scan times and the evaluation time come from it (tests pass a fixed one). */
  clock?: () => Date;
  /** --deep: also run the checks whose reads cost more than the default plan (DEEP_READS). */
  deep?: boolean;
  /** --scan-code: also run the checks that download code (CODE_READS). */
  scanCode?: boolean;
  /** --suppressions: a YAML or JSON file of accepted findings (see engine/suppressions.ts). */
  suppressions?: string;
  /** --services, --severity, --practice, --framework: narrow the checks by their metadata. */
  filters?: Omit<SelectOptions, 'deep' | 'scanCode'>;
  /** --baseline: an earlier report.json or inventory to compare with (the report's `changes`). */
  baseline?: string;
  /**
   * --fail-on-new: exit 1 only for failures new since the baseline at this severity or higher,
   * instead of every failure at --fail-on (a gate that only cares about regressions).
   */
  failOnNew?: Severity;
  /**
   * --results: the statuses the reports list (default all). The summary, scores, changes and exit
   * code are computed from every result first; only the lists in the files are narrowed.
   */
  results?: Status[];
}

export interface ScanOptions extends CommonOptions {
  mode: 'scan';
  regions?: string[];
  profile?: string;
  endpointUrl?: string;
  concurrency: number;
  maxAttempts: number;
  rateScale: number;
  /** --policy-source: `config` reads function policies from AWS Config where it may. */
  policySource?: 'lambda' | 'config';
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** --timeout: the whole scan's limit. */
  timeoutMs?: number;
  saveInventory?: string;
  /**
   * --baseline-dir: compare with the newest inventory of this account saved there, then save
   * this scan's inventory there too, so a scheduled job diffs itself.
   */
  baselineDir?: string;
  /**
   * --fingerprint-key: the key file for environment value fingerprints that compare across scans
   * (created when absent). Default with --baseline-dir: fingerprint.key in that folder.
   */
  fingerprintKey?: string;
  /**
   * --changes-since (with --deployers, --trusted-ip-ranges): read CloudTrail's Lambda events over
   * this window, ending at the scan's start, and run the change checks; recorded in the inventory.
   */
  changes?: { sinceMs: number; deployers: string[]; trustedIpRanges: string[] };
  /** --role-arn (--external-id, --role-session-name, --role-duration): scan as this role. */
  assumeRole?: AssumeRoleSettings;
  /** --upload (--upload-kms-key): after the reports are written, put them in S3 (aws/upload.ts). */
  upload?: { uri: string; kmsKeyId?: string };
  /** An organization scan's account: the organization, recorded in the inventory for the checks. */
  organization?: OrganizationContext;
}

export interface EvaluateOptions extends CommonOptions {
  mode: 'evaluate';
  inventoryPath: string;
}

export type RunOptions = ScanOptions | EvaluateOptions;

export interface RunOutcome {
  report: Report;
  files: string[];
  /** Things the user should know that did not stop the run (a report left from an earlier run). */
  warnings: string[];
  exitCode: 0 | 1 | 3;
  /** The score's raw sums, which an organization roll-up pools across accounts exactly. */
  sums: ScoreSums;
}

export async function run(opts: RunOptions): Promise<RunOutcome> {
  recordPhasesAtExitIfAsked();
  phaseMark('run');
  const clock = opts.clock ?? (() => new Date());
  // A saved inventory is read first (local, quick to fail); then the output is checked, before
  // any AWS call, so a folder that cannot be written is found now and not after the scan.
  // The selection is checked before anything is read (a typo in --checks is a usage error even
  // when the inventory is bad), then made again once the inventory says whether it holds changes.
  const select = (changes: boolean) =>
    selectChecks(opts.checks, opts.include, opts.exclude, {
      ...opts.filters,
      deep: opts.deep === true,
      scanCode: opts.scanCode === true,
      changes,
    });
  if (opts.mode === 'evaluate') select(true);
  const saved = opts.mode === 'evaluate' ? await loadInventory(opts.inventoryPath) : null;
  // The change checks run when the changes were read: with --changes-since, or on an inventory
  // a --changes-since scan saved.
  const checks = select(
    saved ? saved.scan.changeReview !== undefined : opts.mode === 'scan' && opts.changes !== undefined,
  );
  let inventorySource: () => Promise<Inventory>;
  if (saved) {
    inventorySource = async () => saved;
  } else if (opts.mode === 'evaluate') {
    throw new Error('unreachable: evaluate always loads its inventory');
  } else {
    inventorySource = () => scan(opts, checks, clock, undefined, extraReads);
  }
  // The baseline too is read before any AWS call: a wrong path should not cost a scan.
  const baseline = opts.baseline ? await loadBaseline(opts.baseline, checks) : null;
  const suppressions = opts.suppressions ? await loadSuppressions(opts.suppressions) : null;
  // Rules by tag need the functions' tags, which only --deep's checks read otherwise.
  const extraReads: ReadId[] = suppressions && usesTags(suppressions.rules) ? ['lambda.tags'] : [];
  // A mistyped bucket is found now, not after the scan.
  const upload =
    opts.mode === 'scan' && opts.upload ? parseUploadTarget(opts.upload.uri, opts.upload.kmsKeyId) : null;
  await prepareFolder(opts.out, '--out');
  if (opts.mode === 'scan' && opts.saveInventory) await prepareFile(opts.saveInventory, '--save-inventory');
  if (opts.mode === 'scan' && opts.baselineDir) await prepareFolder(opts.baselineDir, '--baseline-dir');
  if (opts.mode === 'scan') {
    const keyPath =
      opts.fingerprintKey ?? (opts.baselineDir ? join(opts.baselineDir, FINGERPRINT_KEY_FILE) : null);
    if (keyPath !== null) {
      const { key, created } = await loadOrCreateFingerprintKey(keyPath);
      if (created) opts.log(`created the fingerprint key ${keyPath}: keep it as private as the inventories`);
      inventorySource = () => scan(opts, checks, clock, key, extraReads);
    }
  }
  const unlock = await lockFolder(opts.out, clock);
  try {
    return await runLocked(opts, checks, clock, inventorySource, baseline, suppressions, upload);
  } finally {
    await unlock();
    phaseMark('run-done');
  }
}

async function runLocked(
  opts: RunOptions,
  checks: readonly Check[],
  clock: () => Date,
  inventorySource: () => Promise<Inventory>,
  givenBaseline: Snapshot | null,
  suppressions: LoadedSuppressions | null,
  upload: UploadTarget | null,
): Promise<RunOutcome> {
  const loaded = await inventorySource();
  phaseMark('collected');
  // Re-derived even for a loaded file, so the coverage shown always agrees with the data.
  const inventory: Inventory = { ...loaded, coverage: deriveCoverage(loaded) };
  opts.signal?.throwIfAborted();
  const view = buildView(inventory);
  phaseMark('view');
  const ctx = contextOf(view);
  const results = evaluate(checks, view, ctx);
  phaseMark('evaluated');
  const evaluatedAt = clock();
  const warnings: string[] = [];
  let suppressionUse: RuleUse[] = [];
  if (suppressions) {
    suppressionUse = applySuppressions(results, suppressions.rules, checks, evaluatedAt, functionTags(view));
    warnings.push(...suppressionWarnings(suppressions, suppressionUse, inventory.scan.plan));
  }
  const report = buildReport({
    inventory,
    checks,
    results,
    scores: score(results),
    mode: opts.mode,
    evaluatedAt,
    toolVersion: opts.toolVersion,
    dataFiles: dataFreshness(dataFilesFor(checks), ctx.now),
    ...(usesAccessAnalysis(checks) ? { access: accessSection(view) } : {}),
    ...(suppressions
      ? {
          suppressions: {
            file: basename(suppressions.path),
            rules: suppressions.rules,
            uses: suppressionUse,
          },
        }
      : {}),
  });
  const baseline = givenBaseline ?? (await baselineFromDir(opts, inventory, checks, warnings));
  if (baseline) {
    report.changes = ChangesSection.parse(
      diffSnapshots(baseline, snapshotOf(report, 'run', null, inventory)),
    );
  }
  if (opts.results) listOnly(report, opts.results);
  phaseMark('report');
  const files: Record<string, FileContent> = {};
  for (const format of opts.formats) {
    const renderer = RENDERERS[format];
    // Rendered as it is written, like the formats that yield chunks: the page is then built while
    // the inventory's and the other reports' writes are on the disk.
    files[renderer.fileName] = renderedWhenRead(() => renderer.render(report));
  }
  opts.signal?.throwIfAborted();
  await writeEverything(opts, inventory, files);
  phaseMark('written');
  opts.onWritten?.(upload !== null);
  const written = Object.keys(files).map((f) => join(opts.out, f));
  if (upload && opts.mode === 'scan') {
    await uploadReports(upload, written, {
      accountId: inventory.scan.accountId,
      startedAt: inventory.scan.startedAt,
      maxAttempts: opts.maxAttempts,
      log: opts.log,
      ...(opts.profile ? { profile: opts.profile } : {}),
      ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}),
      ...(opts.connectTimeoutMs !== undefined ? { connectTimeoutMs: opts.connectTimeoutMs } : {}),
      ...(opts.requestTimeoutMs !== undefined ? { requestTimeoutMs: opts.requestTimeoutMs } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  }
  return {
    report,
    files: written,
    warnings: [...warnings, ...(await staleReports(opts.out, Object.keys(files)))],
    exitCode: exitCodeFor(report, opts),
    sums: scoreSums(results),
  };
}

/** A file's content, produced only when the writer starts reading it. */
function renderedWhenRead(render: () => FileContent): Iterable<string> {
  return {
    *[Symbol.iterator]() {
      const content = render();
      if (typeof content === 'string') yield content;
      else yield* content;
    },
  };
}

/** --results: narrows the report's result list, saying in `run.resultsListed` what was left out. */
function listOnly(report: Report, statuses: readonly Status[]): void {
  const keep = new Set<Status>(statuses);
  const listed = report.results.filter((r) => keep.has(r.status));
  report.run.resultsListed = { statuses: [...statuses], omitted: report.results.length - listed.length };
  report.results = listed;
}

interface LoadedSuppressions {
  path: string;
  rules: SuppressionRule[];
}

/** The suppressions file, read before any AWS call: a broken file should not cost a scan. */
async function loadSuppressions(path: string): Promise<LoadedSuppressions> {
  let body: string;
  try {
    body = await readFile(path, 'utf8');
  } catch (err) {
    throw new SuppressionsError(`--suppressions ${path}: cannot be read (${fsReason(err)})`);
  }
  return { path, rules: parseSuppressions(path, body) };
}

/**
 * The suppression rules' view of tags: a Lambda function's result (its qualifiers' too) maps to
 * the function's tags, or to null where they are unknown; any other result to undefined.
 */
function functionTags(view: AccountView): TagsOf {
  const byArn = new Map<string, Readonly<Record<string, string>> | null>();
  for (const fn of view.functions) byArn.set(fn.unqualifiedArn, fn.tags.ok ? fn.tags.value : null);
  return (arn) => {
    const unqualified = /^(arn:[^:]+:lambda:[^:]+:\d{12}:function:[^:]+)(?::[^:]+)?$/.exec(arn)?.[1];
    if (unqualified === undefined) return undefined;
    // "Lambda functions in <region>" (a region that could not be listed): which functions, and so
    // which tags, it stands for is unknown.
    if (unqualified.endsWith(':function:*')) return null;
    return byArn.get(unqualified);
  };
}

/** Rules past their date and rules that covered nothing: said on every run, so the file is kept up. */
function suppressionWarnings(
  loaded: LoadedSuppressions,
  uses: readonly RuleUse[],
  reads: readonly string[],
): string[] {
  const name = basename(loaded.path);
  return uses.flatMap((u) => {
    const rule = loaded.rules[u.rule - 1];
    const tags = rule?.tags
      ? Object.entries(rule.tags)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')
      : undefined;
    const what = [rule?.check, rule?.resource, rule?.findingId, tags]
      .filter((x) => x !== undefined)
      .join(' ');
    const undecided =
      u.undecided === undefined
        ? []
        : [
            `${name} rule ${u.rule} (${what}) left ${u.undecided} finding(s) unsuppressed: their functions' tags ${reads.includes('lambda.tags') ? 'could not be read' : 'were not read (scan with this file, or with --deep, to read them)'}`,
          ];
    if (u.state === 'expired') {
      return [
        `${name} rule ${u.rule} (${what}) expired on ${rule?.expires}: its ${u.matched} finding(s) count again`,
      ];
    }
    if (u.state === 'unused')
      return [`${name} rule ${u.rule} (${what}) matches no failing or unknown result`, ...undecided];
    return undecided;
  });
}

/** --baseline-dir: the newest earlier inventory of this account there, evaluated with this run's checks. */
async function baselineFromDir(
  opts: RunOptions,
  inventory: Inventory,
  checks: readonly Check[],
  warnings: string[],
): Promise<Snapshot | null> {
  if (opts.mode !== 'scan' || !opts.baselineDir) return null;
  const pick = await newestInventory(opts.baselineDir, inventory.scan.accountId, inventory.scan.startedAt);
  for (const s of pick.skipped) warnings.push(`--baseline-dir: skipped ${s}`);
  if (!pick.baseline) {
    opts.log(
      `--baseline-dir: no earlier inventory of account ${inventory.scan.accountId}; this scan becomes the baseline`,
    );
    return null;
  }
  opts.log(`comparing with ${pick.baseline.path}`);
  return evaluatedSnapshot(pick.baseline.inventory, checks, 'inventory', basename(pick.baseline.path));
}

/**
 * Saves the inventory (a scan's, when asked) and writes the reports. If either fails even so
 * (the disk filled, the folder changed under the run), the scan is not thrown away: the
 * inventory is saved to a fallback path the error names, to be re-rendered with `evaluate`.
 */
async function writeEverything(opts: RunOptions, inventory: Inventory, files: Record<string, FileContent>) {
  const problems: string[] = [];
  let savedTo: string | null = opts.mode === 'scan' ? null : opts.inventoryPath;
  const inventoryPaths =
    opts.mode === 'scan'
      ? [
          ...(opts.saveInventory ? [opts.saveInventory] : []),
          ...(opts.baselineDir ? [join(opts.baselineDir, historyFileName(inventory))] : []),
        ]
      : [];
  // Serialised (and validated) once: a second path gets a copy of the same bytes, since a large
  // account's inventory is hundreds of megabytes. Saved while the reports are written: each
  // works while the other waits on the disk. Problems are listed inventory first, as before.
  const saveInventories = async (): Promise<string[]> => {
    const failures: string[] = [];
    let written: string | null = null;
    for (const path of inventoryPaths) {
      try {
        if (written === null) await saveInventory(path, inventory);
        else await copyFileAtomic(written, path);
        phaseMark('inventory-saved');
        written ??= path;
        savedTo ??= path;
        opts.log(`inventory saved to ${path}`);
      } catch (err) {
        failures.push(`the inventory could not be saved to ${path} (${fsReason(err)})`);
      }
    }
    return failures;
  };
  const writeAll = async (): Promise<string[]> => {
    try {
      await writeReports(opts.out, files);
      return [];
    } catch (err) {
      return [`the reports could not be written to ${opts.out} (${fsReason(err)})`];
    }
  };
  const [inventoryProblems, reportProblems] = await Promise.all([saveInventories(), writeAll()]);
  problems.push(...inventoryProblems, ...reportProblems);
  if (problems.length === 0) return;
  if (savedTo === null) savedTo = await saveFallbackInventory(inventory);
  const next =
    savedTo === null
      ? 'the collected inventory could not be saved anywhere either'
      : `${opts.mode === 'scan' ? 'the collected inventory is saved in' : 'the inventory is still'} ${savedTo}: ` +
        `render the reports with: lambda-posture evaluate --inventory ${savedTo} --out <a writable folder>`;
  throw new OutputError(`${problems.join('; ')}; ${next}`);
}

/** Where a finished scan's inventory goes when its own paths fail: the temp folder, else here. */
async function saveFallbackInventory(inventory: Inventory): Promise<string | null> {
  const stamp = inventory.scan.startedAt.replace(/[:.]/g, '-');
  const name = `lambda-posture-inventory-${inventory.scan.accountId}-${stamp}.json`;
  for (const dir of [tmpdir(), process.cwd()]) {
    const path = join(dir, name);
    try {
      await saveInventory(path, inventory);
      return path;
    } catch {
      // try the next place
    }
  }
  return null;
}

/** Reports of the other formats in `out`, left from an earlier run: not touched, but not current. */
async function staleReports(out: string, written: string[]): Promise<string[]> {
  const others = Object.values(RENDERERS)
    .map((r) => r.fileName)
    .filter((name) => !written.includes(name));
  const stale = await Promise.all(
    others.map(async (name) => ((await stat(join(out, name)).catch(() => null)) ? name : null)),
  );
  return stale.flatMap((name) =>
    name ? [`${join(out, name)} is from an earlier run: this run wrote only ${written.join(', ')}`] : [],
  );
}

/** The key file --baseline-dir keeps beside its inventories. */
export const FINGERPRINT_KEY_FILE = 'fingerprint.key';

async function scan(
  opts: ScanOptions,
  checks: readonly Check[],
  clock: () => Date,
  fingerprintKey?: FingerprintKey,
  extraReads: readonly ReadId[] = [],
): Promise<Inventory> {
  // Loaded only for a scan: the AWS SDK clients take ~2 s to import, which `evaluate` and
  // `checks` should not pay.
  const { collect } = await import('./collect/index.js');
  phaseMark('collect-imported');
  const collectOptions: CollectOptions = {
    concurrency: opts.concurrency,
    maxAttempts: opts.maxAttempts,
    rateScale: opts.rateScale,
    plan: readPlanFor(checks, extraReads),
    clock,
    toolVersion: opts.toolVersion,
    onProgress: opts.onProgress ?? lineProgress(opts.log),
    ...(fingerprintKey ? { fingerprintKey } : {}),
    ...(opts.policySource ? { policySource: opts.policySource } : {}),
  };
  if (opts.changes) {
    // The window ends at the scan clock's start: time is an input, so tests pass a fixed clock.
    const end = clock();
    collectOptions.changeReview = {
      startTime: new Date(end.getTime() - opts.changes.sinceMs).toISOString(),
      endTime: end.toISOString(),
      deployers: opts.changes.deployers,
      trustedIpRanges: opts.changes.trustedIpRanges,
    };
  }
  if (opts.timeoutMs !== undefined) collectOptions.timeoutMs = opts.timeoutMs;
  if (opts.connectTimeoutMs !== undefined) collectOptions.connectTimeoutMs = opts.connectTimeoutMs;
  if (opts.requestTimeoutMs !== undefined) collectOptions.requestTimeoutMs = opts.requestTimeoutMs;
  if (opts.regions) collectOptions.regions = opts.regions;
  if (opts.profile) collectOptions.profile = opts.profile;
  if (opts.endpointUrl) collectOptions.endpointUrl = opts.endpointUrl;
  if (opts.assumeRole) collectOptions.assumeRole = opts.assumeRole;
  if (opts.organization) collectOptions.organization = opts.organization;
  if (opts.signal) collectOptions.signal = opts.signal;
  // The IAM side of the access analysis is built while Lambda is still being read (head-start.ts).
  let headStart: Promise<void> | undefined;
  let stopHeadStart = false;
  if (usesAccessAnalysis(checks)) {
    collectOptions.onIamCollected = (iam, facts) => {
      headStart = startAccessHeadStart(
        iam,
        { ...facts, ...(opts.organization ? { organization: opts.organization } : {}) },
        () => stopHeadStart,
      );
    };
  }
  try {
    const inventory = await collect(collectOptions);
    // Usually long done; on a small account, finished now rather than built twice.
    await headStart;
    phaseMark('head-start-done');
    return inventory;
  } finally {
    stopHeadStart = true;
    opts.onCollected?.();
  }
}

/** Progress as plain lines through the run's log, for callers that give no reporter. */
function lineProgress(log: (line: string) => void): (event: ProgressEvent) => void {
  const reporter = createReporter({ style: 'lines', write: (text) => log(text.replace(/\n$/, '')) });
  return (event) => reporter.progress(event);
}

export function exitCodeFor(
  report: Report,
  opts: Pick<CommonOptions, 'failOn' | 'allowIncomplete' | 'failOnNew'>,
): 0 | 1 | 3 {
  if (opts.failOnNew !== undefined) {
    // Without a baseline (a --baseline-dir job's first run) nothing is new.
    if (report.changes && newAtOrAbove(report.changes, opts.failOnNew) > 0) return 1;
  } else if (opts.failOn !== 'none') {
    const threshold = SEVERITY_ORDER.indexOf(opts.failOn);
    const failing = SEVERITY_ORDER.slice(0, threshold + 1).some(
      (s) => report.summary.failuresBySeverity[s] > 0,
    );
    if (failing) return 1;
  }
  // Unknown results all accepted by suppression rules do not make the run incomplete for the exit
  // code; a failed read that left no unknown result (nothing selected needed it) still does.
  const unknown = report.summary.counts.unknown;
  const accepted = unknown > 0 && report.summary.suppressed?.unknown === unknown;
  if (report.summary.incomplete && !accepted && !opts.allowIncomplete) return 3;
  return 0;
}
