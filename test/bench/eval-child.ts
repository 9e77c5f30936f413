/**
 * The evaluation half of the benchmark, run in its own process so its memory figures are its
 * own: `node --expose-gc dist/test/bench/eval-child.js INVENTORY.json [STATUSES]` loads the
 * inventory as `lambda-posture evaluate` does, then times every step after loading — coverage, all
 * checks, score, buildReport, then every report format (JSON and HTML first, then SARIF, OCSF,
 * ASFF, CSV, JUnit), each streamed and counted, not kept, as the writer streams them — keeping what
 * run.ts keeps alive (the results, the report, the HTML page). STATUSES (e.g. fail,unknown) lists
 * only those results in the formats, as --results does. Prints one JSON document on stdout.
 *
 * Peak RSS of the evaluation alone: after loading, a GC, then the kernel's high-water mark is
 * reset (`5` into /proc/self/clear_refs), so the peak read at the end covers the steps after
 * loading (the loaded inventory, which they need, included) and not the JSON parse and zod copy.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { CHECKS } from '../../checks/index.js';
import { dataFreshness } from '../../src/data/index.js';
import type { Status } from '../../src/engine/check.js';
import { contextOf, evaluate, runCheck } from '../../src/engine/evaluate.js';
import { score } from '../../src/engine/score.js';
import { dataFilesFor } from '../../src/engine/select.js';
import { accessAnalysis } from '../../src/iam/analysis.js';
import { deriveCoverage } from '../../src/inventory/coverage.js';
import type { Inventory } from '../../src/inventory/schema.js';
import { loadInventory } from '../../src/inventory/store.js';
import { accessSection } from '../../src/report/access.js';
import { buildReport } from '../../src/report/build.js';
import { renderHtml } from '../../src/report/html.js';
import { RENDERERS, type ReportFormat } from '../../src/report/index.js';
import { renderJsonChunks } from '../../src/report/json.js';
import { buildView } from '../../src/view/account-view.js';

export interface PhaseFigure {
  name: string;
  ms: number;
  heapUsedAfter: number;
  rssAfter: number;
  /** Size of the output (rendered files: characters). */
  outputSize?: number;
  error?: string;
}

export interface EvalFigures {
  inventoryBytes: number;
  functions: number;
  results: number;
  checks: number;
  load: { ms: number; peakRss: number; heapUsedAfterGc: number; rssAfterGc: number };
  phases: PhaseFigure[];
  /** coverage + evaluate + score + buildReport + every renderer. */
  totalMs: number;
  /** The same, with only JSON and HTML rendered (the default --format). */
  defaultFormatsMs: number;
  /** The statuses the formats listed (all when absent), and how many results that was. */
  listed?: { statuses: string[]; results: number };
  /** buildView() + the access analysis + evaluate(): what evaluating costs beyond loading. */
  evaluateMs: number;
  /** The access analysis alone (IAM evaluator: modifiers and escalation of every principal). */
  accessMs: number;
  /** Principals of the evaluated account, and the principal-action-function triples the index evaluated one by one. */
  principals: number;
  singledOut: number;
  /** Kernel high-water mark after the reset, i.e. over the phases. */
  peakRss: number;
  peakRssIsolated: boolean;
  /** Highest heapUsed seen after a phase. */
  peakHeapUsed: number;
  /** Each check run on its own (a second pass, for where the time goes). */
  perCheckMs: Record<string, number>;
}

function vmHwm(): number {
  const m = /VmHWM:\s+(\d+)\s*kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
}

function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

async function main(path: string, statuses: Status[] | null): Promise<EvalFigures> {
  const t0 = performance.now();
  const loaded = await loadInventory(path);
  const loadMs = performance.now() - t0;
  const loadPeak = vmHwm();
  gc();
  const afterGc = process.memoryUsage();
  const isolated = resetPeak();

  const phases: PhaseFigure[] = [];
  let peakHeapUsed = afterGc.heapUsed;
  function phase<T>(name: string, fn: () => T, size?: (v: T) => number): T | undefined {
    const start = performance.now();
    try {
      const value = fn();
      const mem = process.memoryUsage();
      peakHeapUsed = Math.max(peakHeapUsed, mem.heapUsed);
      const f: PhaseFigure = {
        name,
        ms: performance.now() - start,
        heapUsedAfter: mem.heapUsed,
        rssAfter: mem.rss,
      };
      if (size) f.outputSize = size(value);
      phases.push(f);
      return value;
    } catch (err) {
      const mem = process.memoryUsage();
      phases.push({
        name,
        ms: performance.now() - start,
        heapUsedAfter: mem.heapUsed,
        rssAfter: mem.rss,
        error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      });
      return undefined;
    }
  }

  // What run.ts does after loading, step by step, keeping the same things alive.
  const inventory = phase('coverage', (): Inventory => ({ ...loaded, coverage: deriveCoverage(loaded) }));
  const view = inventory ? phase('view', () => buildView(inventory)) : undefined;
  const ctx = view ? contextOf(view) : undefined;
  // The IAM evaluator's analysis (who can modify what, every principal's escalation paths), timed
  // on its own; the checks then read it from the view's cache, as they do in a scan.
  const analysis = view
    ? phase('accessAnalysis', () => {
        const a = accessAnalysis(view);
        if (a.ok) for (const m of a.value.models) a.value.escalationOf(m);
        return a;
      })
    : undefined;
  const results = view && ctx ? phase('evaluate', () => evaluate(CHECKS, view, ctx)) : undefined;
  const scores = results ? phase('score', () => score(results)) : undefined;
  const report =
    inventory && results && scores
      ? phase('buildReport', () =>
          buildReport({
            inventory,
            checks: CHECKS,
            results,
            scores,
            mode: 'evaluate',
            evaluatedAt: new Date(loaded.scan.startedAt),
            toolVersion: '0.0.0-bench',
            dataFiles: dataFreshness(dataFilesFor(CHECKS), new Date(loaded.scan.startedAt)),
            ...(analysis ? { access: accessSection(view as NonNullable<typeof view>) } : {}),
          }),
        )
      : undefined;
  const files: string[] = [];
  if (report && statuses) {
    // What --results does in run.ts, after the summary and scores are built from every result.
    phase('listOnly', () => {
      const keep = new Set<Status>(statuses);
      report.results = report.results.filter((r) => keep.has(r.status));
    });
  }
  if (report) {
    // The CLI streams the JSON report to disk in chunks (a 100k report exceeds V8's longest
    // string): measure the same, consuming the chunks without joining them.
    phase(
      'renderJson',
      () => {
        let chars = 0;
        for (const chunk of renderJsonChunks(report)) chars += chunk.length;
        return chars;
      },
      (n) => n,
    );
    const html = phase(
      'renderHtml',
      () => renderHtml(report),
      (s) => s.length,
    );
    if (html !== undefined) files.push(html);
    for (const [format, renderer] of Object.entries(RENDERERS) as [
      ReportFormat,
      (typeof RENDERERS)[ReportFormat],
    ][]) {
      if (format === 'json' || format === 'html') continue;
      phase(
        `render${format[0]?.toUpperCase()}${format.slice(1)}`,
        () => {
          const out = renderer.render(report);
          if (typeof out === 'string') return out.length;
          let chars = 0;
          for (const chunk of out) chars += chunk.length;
          return chars;
        },
        (n) => n,
      );
    }
  }
  const peakRss = vmHwm();
  const totalMs = phases.reduce((n, p) => n + p.ms, 0);
  const otherFormats = new Set(['renderSarif', 'renderOcsf', 'renderAsff', 'renderCsv', 'renderJunit']);
  const defaultFormatsMs = phases.reduce((n, p) => n + (otherFormats.has(p.name) ? 0 : p.ms), 0);
  const resultCount = results?.length ?? 0;

  // Second pass, figures only: where evaluate()'s time goes.
  const perCheckMs: Record<string, number> = {};
  if (view && ctx) {
    for (const check of CHECKS) {
      const start = performance.now();
      runCheck(check, view, ctx);
      perCheckMs[check.id] = performance.now() - start;
    }
  }

  let functions = 0;
  for (const r of Object.values(loaded.regions)) {
    if (r.lambda.status === 'ok') functions += r.lambda.data.functions.length;
  }
  return {
    inventoryBytes: statSync(path).size,
    functions,
    results: resultCount,
    checks: CHECKS.length,
    load: { ms: loadMs, peakRss: loadPeak, heapUsedAfterGc: afterGc.heapUsed, rssAfterGc: afterGc.rss },
    phases,
    totalMs,
    defaultFormatsMs,
    ...(statuses ? { listed: { statuses, results: report?.results.length ?? 0 } } : {}),
    // Building the view is part of evaluating: a check cannot run without it.
    evaluateMs:
      (phases.find((p) => p.name === 'view')?.ms ?? Number.NaN) +
      (phases.find((p) => p.name === 'accessAnalysis')?.ms ?? Number.NaN) +
      (phases.find((p) => p.name === 'evaluate')?.ms ?? Number.NaN),
    accessMs: phases.find((p) => p.name === 'accessAnalysis')?.ms ?? Number.NaN,
    principals: analysis?.ok ? analysis.value.models.length : 0,
    singledOut: analysis?.ok ? analysis.value.modifiers.singledOut : 0,
    peakRss,
    peakRssIsolated: isolated,
    peakHeapUsed,
    perCheckMs,
  };
}

const path = process.argv[2];
const statuses = process.argv[3] ? (process.argv[3].split(',') as Status[]) : null;
if (!path) {
  process.stderr.write('usage: node --expose-gc eval-child.js INVENTORY.json [fail,unknown]\n');
  process.exitCode = 2;
} else {
  main(path, statuses).then(
    (figures) => process.stdout.write(`${JSON.stringify(figures)}\n`),
    (err: unknown) => {
      process.stderr.write(
        `eval-child: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
