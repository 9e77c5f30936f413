/**
 * `npm run bench`: what a scan costs, against the simulated AWS endpoint (test/sim/), and how fast
 * a large inventory is evaluated. Not a test: it asserts nothing and prints figures.
 *
 * Per size (100, 1,000, 10,000 functions split evenly over 4 regions; 2,000 IAM users) the
 * simulator serves a generated account with quotas at AWS's published rates × k and latencies
 * ÷ k, and the built CLI scans it as a child process (so the scanner and the simulator do not
 * share a CPU core's event loop): `lambda-posture scan --endpoint-url … --rate-scale k`. Printed:
 * wall time, API calls by action (simulator log, cross-checked with the scanner's own count in
 * the saved inventory), calls per function, throttling responses, peak RSS, the quota floor and
 * wall ÷ floor.
 *
 * The floor is set by the account, not by our call plan: every scanner must read each function's
 * resource policy (GetPolicy, 15/s per region) and its URL configuration (the shared control-plane
 * bucket, 15/s per region), so floor = max over regions of (functions in the region ÷ 15/s) ÷ k.
 * IAM and the region-wide listings are not in it.
 *
 * Then `evaluate` on a 100,000-function inventory (synth.ts), in a child process of its own
 * (eval-child.ts), so its time and memory are those of evaluation.
 *
 * Why k = 2 by default: the 10,000 case then takes ~2 minutes, and the scanner sends ~360
 * requests/s, which costs it ~60 % of one core on the 2-core machine this was written on; at
 * k = 4 (~720 requests/s) the scanner's CPU, not the quotas, would set the pace.
 * For a clean JSON document through npm, silence npm's own banner: `npm run -s bench -- --json`.
 *
 * Options: --sizes 100,1000 (default 100,1000,10000), --k N (time scale, default 2),
 * --concurrency N (the scanner's, default 64 like the CLI), --latency table|MS (default table:
 * per-region round trips, see LATENCY), --eval-functions N (default 100000; 0 skips),
 * --users N (default 2000; the scanned accounts), --eval-users N (default 3000; with 2,000 roles,
 * 5,000 principals in the evaluated one), --json (one JSON document on stdout, progress on stderr), --keep
 * (keep the temporary folders), --call-log DIR (write each size's simulator call log there),
 * --classify-vars N (default 1000000; 0 skips: env-var classifier throughput, variables/s, on a
 * fleet whose settings repeat and on one whose values are unique),
 * --deep (scan with --deep; the floor stays the default plan's, so the ratio is what --deep costs),
 * --policy-source config (the account's AWS Config records Lambda continuously in every region,
 * 1 % of items stale each way; the scan reads policies from it; the floor stays GetPolicy's),
 * --checks LIST (passed to the scan: e.g. only the policy checks, whose plan has no URL read).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LAMBDA_QUOTAS } from '../../src/aws/limiter.js';
import { saveInventory } from '../../src/inventory/store.js';
import { TOOL_VERSION } from '../../src/version.js';
import { repoRoot } from '../helpers/paths.js';
import { generateAccount } from '../sim/account.js';
import type { CallRecord } from '../sim/call-log.js';
import type { Latency } from '../sim/faults.js';
import { startSimulator } from '../sim/server.js';
import { type ClassifyFigures, classifierThroughput, classifierThroughputUnique } from './classify.js';
import type { EvalFigures } from './eval-child.js';
import { synthesizeInventory } from './synth.js';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
/**
 * Round trips from a laptop on the US east coast (real milliseconds, before ÷ k): the simulator
 * otherwise answers instantly, which would hide what concurrency and latency cost.
 */
const LATENCY: Record<string, Latency> = {
  'us-east-1': { meanMs: 15, jitterMs: 5 },
  'us-west-2': { meanMs: 70, jitterMs: 10 },
  'eu-west-1': { meanMs: 80, jitterMs: 10 },
  'ap-southeast-2': { meanMs: 200, jitterMs: 20 },
};
/** Lambda operations that take one function (the per-function part of the call plan). */
const PER_FUNCTION_OPS = new Set([
  'GetPolicy',
  'ListFunctionUrlConfigs',
  'GetFunctionUrlConfig',
  'GetFunction',
  'GetFunctionConfiguration',
  'GetFunctionConcurrency',
  'GetFunctionCodeSigningConfig',
  'ListTags',
  'ListVersionsByFunction',
  'ListAliases',
]);
const SCAN_TIMEOUT_MS = 30 * 60_000;
const MiB = 1024 * 1024;

const TARGETS = {
  ratioAt10k: 1.15,
  callsPerFunction: 3.05,
  evaluateMs: 5_000,
  /** The IAM evaluator's share, on top of the evaluation budget (issue: ≤ 5 s at 5,000 principals × 100,000 functions). */
  accessMs: 5_000,
  /** Peak memory of the evaluation with 5,000 principals (issue: < 1.5 GiB). */
  evaluateBytes: 1536 * MiB,
  /** Evaluate + score + every format, streamed (reports issue: < 8 s and < 1 GiB). */
  everyFormatMs: 8_000,
  everyFormatBytes: 1024 * MiB,
};

interface Args {
  sizes: number[];
  k: number;
  concurrency: number;
  latency: 'table' | number;
  evalFunctions: number;
  /** --eval-results: the statuses the formats list (as --results); empty: all. */
  evalResults: string;
  /** IAM users of the synthesized evaluation account (with its 2,000 roles: 5,000 principals). */
  evalUsers: number;
  users: number;
  json: boolean;
  keep: boolean;
  /** Folder to write each size's simulator call log to (calls-<n>.json). */
  callLog: string | undefined;
  /** Variables for the env-var classifier throughput run (0 skips). */
  classifyVars: number;
  /** Scan with --deep (the floor stays the default plan's, so the ratio shows what --deep costs). */
  deep: boolean;
  /** --policy-source for the scan (config: the account's AWS Config records Lambda everywhere). */
  policySource: 'lambda' | 'config';
  /** --checks for the scan; undefined: every default check. */
  checks: string | undefined;
}

function parseCli(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '100,1000,10000' },
      k: { type: 'string', default: '2' },
      concurrency: { type: 'string', default: '64' },
      latency: { type: 'string', default: 'table' },
      'eval-functions': { type: 'string', default: '100000' },
      'eval-results': { type: 'string', default: '' },
      users: { type: 'string', default: '2000' },
      'eval-users': { type: 'string', default: '3000' },
      'classify-vars': { type: 'string', default: '1000000' },
      json: { type: 'boolean', default: false },
      'call-log': { type: 'string' },
      keep: { type: 'boolean', default: false },
      deep: { type: 'boolean', default: false },
      'policy-source': { type: 'string', default: 'lambda' },
      checks: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: node dist/test/bench/bench.js [--sizes 100,1000,10000] [--k 2] [--concurrency 64]\n' +
        '         [--latency table|MS] [--eval-functions 100000] [--eval-results fail,unknown] [--users 2000]\n' +
        '         [--eval-users 3000] [--json] [--keep]\n' +
        '         [--call-log DIR] [--classify-vars 1000000] [--deep]\n',
    );
    process.exit(0);
  }
  const num = (name: string, v: string, min: number): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}, got ${v}`);
    return n;
  };
  const sizes = values.sizes
    .split(',')
    .map((s) => s.trim().replace(/_/g, ''))
    .filter(Boolean)
    .map((s) => num('sizes', s, 0));
  return {
    sizes,
    k: num('k', values.k, 0.01),
    concurrency: num('concurrency', values.concurrency, 1),
    latency: values.latency === 'table' ? 'table' : num('latency', values.latency, 0),
    evalFunctions: num('eval-functions', values['eval-functions'], 0),
    evalResults: values['eval-results'],
    users: num('users', values.users, 0),
    evalUsers: num('eval-users', values['eval-users'], 0),
    json: values.json,
    keep: values.keep,
    callLog: values['call-log'],
    classifyVars: num('classify-vars', values['classify-vars'], 0),
    deep: values.deep,
    policySource: values['policy-source'] === 'config' ? 'config' : 'lambda',
    checks: values.checks,
  };
}

/** N functions over the regions, as evenly as possible. */
function split(n: number): Record<string, number> {
  const base = Math.floor(n / REGIONS.length);
  return Object.fromEntries(REGIONS.map((r, i) => [r, base + (i < n % REGIONS.length ? 1 : 0)]));
}

// -------------------------------------------------------------------------------------------
// One scan
// -------------------------------------------------------------------------------------------

interface Span {
  firstMs: number;
  lastMs: number;
  calls: number;
}

export interface ScanFigures {
  functions: number;
  functionsPerRegion: Record<string, number>;
  users: number;
  roles: number;
  exitCode: number | null;
  signal: string | null;
  /** Child process, spawn to exit. */
  wallMs: number;
  /** The inventory's scan.startedAt → finishedAt. */
  collectMs: number | null;
  floorMs: number;
  ratio: number;
  collectRatio: number | null;
  apiCalls: {
    sim: Record<string, number>;
    scanner: Record<string, number> | null;
    /** Actions whose counts differ (sim vs scanner). */
    mismatches: Array<{ action: string; sim: number; scanner: number }>;
    total: number;
    lambdaPerFunction: number;
    lambdaRegionWide: number;
  };
  callsPerFunction: { lambdaPerFunction: number; lambda: number; all: number };
  throttled: { sim: number; scanner: number | null };
  faults: Record<string, number>;
  peakRssBytes: number | null;
  peakRssSource: 'resourceUsage' | 'proc-poll' | null;
  polledPeakRssBytes: number | null;
  /** Highest VmRSS sampled (every 100 ms) until the last AWS call ended, and after it. */
  sampledRssBytes: { duringCollection: number | null; afterCollection: number | null };
  cpuMs: { user: number; system: number } | null;
  coverageGaps: number | null;
  /** When each part of the scan ran, ms after the child was spawned (from the simulator's log). */
  spans: Record<string, Span>;
  /**
   * The scanner's own marks (src/io/phase-marks.ts), ms after the child was spawned: process
   * start, run() entered, collector imported, collected, view, evaluated, report, saved, written,
   * exit. Null when the child wrote none (an older build).
   */
  phases: Array<{ name: string; ms: number }> | null;
  stderrTail: string;
}

async function scanOnce(n: number, args: Args, log: (s: string) => void): Promise<ScanFigures> {
  const perRegion = split(n);
  const { account } = generateAccount({
    seed: 1,
    regions: REGIONS,
    functionsPerRegion: perRegion,
    users: args.users,
    ...(args.policySource === 'config' ? { awsConfig: { staleRate: 0.01 } } : {}),
  });
  const latency =
    args.latency === 'table'
      ? { latency: { meanMs: 0, jitterMs: 0 }, regionLatency: LATENCY }
      : { latency: { meanMs: args.latency, jitterMs: args.latency / 5 }, regionLatency: {} };
  const simT0 = performance.now();
  const sim = await startSimulator({ account, timeScale: args.k, faults: latency, faultSeed: 1 });
  const dir = mkdtempSync(join(tmpdir(), 'lp-bench-'));
  const inventoryPath = join(dir, 'inventory.json');
  const rssFile = join(dir, 'rss.json');
  const phaseFile = join(dir, 'phases.json');
  const root = repoRoot();
  // The installed command (the bundled CLI), as a user runs it.
  const cli = join(root, 'bin', 'lambda-posture.mjs');
  const hook = new URL('./rss-hook.js', import.meta.url).href;
  const childArgs = [
    '--import',
    hook,
    cli,
    'scan',
    '--endpoint-url',
    sim.url,
    '--rate-scale',
    String(args.k),
    '--concurrency',
    String(args.concurrency),
    '--save-inventory',
    inventoryPath,
    '--out',
    join(dir, 'reports'),
    '--fail-on',
    'none',
    '--quiet',
    ...(args.deep ? ['--deep'] : []),
    ...(args.policySource === 'config' ? ['--policy-source', 'config'] : []),
    ...(args.checks ? ['--checks', args.checks] : []),
  ];
  log(`  scanning ${n} functions: node ${childArgs.slice(2).join(' ')}`);
  try {
    const started = performance.now();
    const startedEpoch = performance.timeOrigin + started;
    const child = spawn(process.execPath, childArgs, {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: 'AKIDSIMULATOR',
        AWS_SECRET_ACCESS_KEY: 'sim',
        AWS_REGION: 'us-east-1',
        AWS_PROFILE: '',
        AWS_CONFIG_FILE: join(dir, 'no-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_ENDPOINT_URL: '',
        LP_BENCH_RSS_FILE: rssFile,
        LP_PHASE_FILE: phaseFile,
      },
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => {
      stderr = (stderr + b.toString('utf8')).slice(-4000);
    });
    child.stdout.resume();
    let polled = 0;
    const rssSamples: Array<[number, number]> = [];
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const hwm = /VmHWM:\s+(\d+)\s*kB/.exec(status);
        if (hwm) polled = Math.max(polled, Number(hwm[1]) * 1024);
        const rss = /VmRSS:\s+(\d+)\s*kB/.exec(status);
        if (rss) rssSamples.push([performance.now() - started, Number(rss[1]) * 1024]);
      } catch {
        // exited between polls
      }
    }, 100);
    const timeout = setTimeout(() => child.kill('SIGTERM'), SCAN_TIMEOUT_MS);
    const [code, signal] = await new Promise<[number | null, string | null]>((ok) =>
      child.on('exit', (c, s) => ok([c, s])),
    );
    const wallMs = performance.now() - started;
    clearInterval(poll);
    clearTimeout(timeout);

    const usage = existsSync(rssFile)
      ? (JSON.parse(readFileSync(rssFile, 'utf8')) as {
          maxRssBytes: number;
          userCpuMs: number;
          systemCpuMs: number;
        })
      : null;
    const inv = existsSync(inventoryPath)
      ? (JSON.parse(readFileSync(inventoryPath, 'utf8')) as {
          scan: {
            startedAt: string;
            finishedAt: string;
            apiCalls: Record<string, number>;
            throttledResponses: number;
          };
          coverage: unknown[];
        })
      : null;
    const phases = existsSync(phaseFile) ? phasesOf(readFileSync(phaseFile, 'utf8'), startedEpoch) : null;
    const summary = sim.summary();
    const offset = simT0 - started; // sim log times are ms after ~simT0
    const spans = spansOf(sim.callLog, offset);
    // RSS while AWS calls were being made, and after the last one (evaluation, reports, saving).
    const lastCall = spans.all?.lastMs ?? wallMs;
    let rssDuringCollection = 0;
    let rssAfterCollection = 0;
    for (const [t, rss] of rssSamples) {
      if (t <= lastCall) rssDuringCollection = Math.max(rssDuringCollection, rss);
      else rssAfterCollection = Math.max(rssAfterCollection, rss);
    }
    if (args.callLog) {
      mkdirSync(args.callLog, { recursive: true });
      const file = join(args.callLog, `calls-${n}.json`);
      const shifted = sim.callLog.map((c) => ({ ...c, startedMs: c.startedMs + offset }));
      writeFileSync(file, `${JSON.stringify(shifted)}\n`);
      log(`  call log written to ${file} (times in ms after spawn)`);
    }

    const simCalls = summary.byAction;
    const scannerCalls = inv?.scan.apiCalls ?? null;
    const mismatches: ScanFigures['apiCalls']['mismatches'] = [];
    if (scannerCalls) {
      for (const action of new Set([...Object.keys(simCalls), ...Object.keys(scannerCalls)])) {
        const a = simCalls[action] ?? 0;
        const b = scannerCalls[action] ?? 0;
        if (a !== b) mismatches.push({ action, sim: a, scanner: b });
      }
    }
    let lambdaPerFunction = 0;
    let lambdaAll = 0;
    for (const [key, count] of Object.entries(simCalls)) {
      const [service, action] = key.split(':');
      if (service !== 'lambda') continue;
      lambdaAll += count;
      if (PER_FUNCTION_OPS.has(action ?? '')) lambdaPerFunction += count;
    }
    const floorMs = (Math.max(...Object.values(perRegion)) / LAMBDA_QUOTAS.GetPolicy / args.k) * 1000;
    const collectMs = inv ? Date.parse(inv.scan.finishedAt) - Date.parse(inv.scan.startedAt) : null;
    const per = (x: number) => (n > 0 ? x / n : Number.NaN);
    return {
      functions: n,
      functionsPerRegion: perRegion,
      users: account.iam.users.length,
      roles: account.iam.roles.length,
      exitCode: code,
      signal,
      wallMs,
      collectMs,
      floorMs,
      ratio: wallMs / floorMs,
      collectRatio: collectMs === null ? null : collectMs / floorMs,
      apiCalls: {
        sim: simCalls,
        scanner: scannerCalls,
        mismatches,
        total: summary.total,
        lambdaPerFunction,
        lambdaRegionWide: lambdaAll - lambdaPerFunction,
      },
      callsPerFunction: {
        lambdaPerFunction: per(lambdaPerFunction),
        lambda: per(lambdaAll),
        all: per(summary.total),
      },
      throttled: { sim: summary.throttled, scanner: inv?.scan.throttledResponses ?? null },
      faults: summary.faults,
      peakRssBytes: usage?.maxRssBytes ?? (polled || null),
      peakRssSource: usage ? 'resourceUsage' : polled ? 'proc-poll' : null,
      polledPeakRssBytes: polled || null,
      sampledRssBytes: {
        duringCollection: rssDuringCollection || null,
        afterCollection: rssAfterCollection || null,
      },
      cpuMs: usage ? { user: usage.userCpuMs, system: usage.systemCpuMs } : null,
      coverageGaps: inv ? inv.coverage.length : null,
      spans,
      phases,
      stderrTail: stderr.trim().split('\n').slice(-5).join('\n'),
    };
  } finally {
    await sim.stop();
    if (args.keep) log(`  kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** First request start and last request end per part (`iam`, `lambda:<region>`, …), and overall. */
function spansOf(logEntries: readonly CallRecord[], offset: number): Record<string, Span> {
  const spans: Record<string, Span> = {};
  const add = (key: string, c: CallRecord) => {
    const start = c.startedMs + offset;
    const end = c.startedMs + c.durationMs + offset;
    const s = spans[key];
    if (!s) spans[key] = { firstMs: start, lastMs: end, calls: 1 };
    else {
      s.firstMs = Math.min(s.firstMs, start);
      s.lastMs = Math.max(s.lastMs, end);
      s.calls += 1;
    }
  };
  for (const c of logEntries) {
    add('all', c);
    add(c.service === 'lambda' || c.service === 'guardduty' ? `${c.service}:${c.region}` : c.service, c);
    if (c.service === 'iam') add(`iam:${c.action}`, c);
  }
  return Object.fromEntries(Object.entries(spans).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The child's phase marks as ms after spawn, the process's own start first. */
function phasesOf(text: string, startedEpoch: number): ScanFigures['phases'] {
  const doc = JSON.parse(text) as { processStart: number; marks: Array<{ name: string; at: number }> };
  return [
    { name: 'process start', ms: doc.processStart - startedEpoch },
    ...doc.marks.map((m) => ({ name: m.name, ms: m.at - startedEpoch })),
  ];
}

// -------------------------------------------------------------------------------------------
// Evaluation of a large inventory
// -------------------------------------------------------------------------------------------

interface EvalRun {
  functions: number;
  users: number;
  roles: number;
  synth: {
    generateMs: number;
    convertMs: number;
    saveMs: number;
    withPolicy: number;
    withUrl: number;
    secretVars: number;
  };
  figures: EvalFigures | null;
  error: string | null;
}

async function evaluateLarge(args: Args, log: (s: string) => void): Promise<EvalRun> {
  const n = args.evalFunctions;
  const dir = mkdtempSync(join(tmpdir(), 'lp-bench-eval-'));
  const path = join(dir, 'inventory.json');
  try {
    log(`  synthesizing a ${n}-function inventory (${args.evalUsers} users, 2000 roles)`);
    const { inventory, stats } = await synthesizeInventory({
      seed: 1,
      regions: REGIONS,
      functionsPerRegion: split(n),
      users: args.evalUsers,
      roles: 2000,
    });
    const t = performance.now();
    await saveInventory(path, inventory);
    const saveMs = performance.now() - t;
    const synth = {
      generateMs: stats.generateMs,
      convertMs: stats.convertMs,
      saveMs,
      withPolicy: stats.withPolicy,
      withUrl: stats.withUrl,
      secretVars: stats.secretVars,
    };
    log(`  evaluating in a child process`);
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        new URL('./eval-child.js', import.meta.url).pathname,
        path,
        ...(args.evalResults ? [args.evalResults] : []),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString('utf8');
    });
    child.stderr.on('data', (b: Buffer) => {
      err = (err + b.toString('utf8')).slice(-4000);
    });
    const code = await new Promise<number | null>((ok) => child.on('exit', (c) => ok(c)));
    const base = { functions: stats.functions, users: stats.users, roles: stats.roles, synth };
    if (code !== 0) return { ...base, figures: null, error: `eval child exited ${code}: ${err.trim()}` };
    return { ...base, figures: JSON.parse(out) as EvalFigures, error: null };
  } finally {
    if (args.keep) log(`  kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

// -------------------------------------------------------------------------------------------
// Printing
// -------------------------------------------------------------------------------------------

const int = (x: number) => Math.round(x).toLocaleString('en-US');
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (b: number | null) => (b === null ? 'n/a' : `${(b / MiB).toFixed(0)} MiB`);
const fix = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');

function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) {
    for (const [i, c] of r.entries()) widths[i] = Math.max(widths[i] ?? 0, c.length);
  }
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function printScan(s: ScanFigures, args: Args): string {
  const regions = Object.entries(s.functionsPerRegion);
  const maxPer = Math.max(...Object.values(s.functionsPerRegion));
  const lines: string[] = [];
  lines.push(
    `== ${int(s.functions)} functions (${regions.length} regions × ${int(maxPer)}), ${int(s.users)} IAM users, ${int(s.roles)} roles; k = ${args.k}, concurrency ${args.concurrency} ==`,
  );
  const is10k = s.functions >= 10_000;
  lines.push(
    table([
      ['wall time (child process, spawn → exit)', sec(s.wallMs)],
      ['  first AWS request (process start-up)', s.spans.all ? sec(s.spans.all.firstMs) : 'n/a'],
      ['  collection (inventory startedAt → finishedAt)', s.collectMs === null ? 'n/a' : sec(s.collectMs)],
      [
        '  after the last AWS response (evaluate, reports, save, exit)',
        s.spans.all ? sec(s.wallMs - s.spans.all.lastMs) : 'n/a',
      ],
      [`quota floor (max ${int(maxPer)} fn/region ÷ ${LAMBDA_QUOTAS.GetPolicy}/s ÷ k)`, sec(s.floorMs)],
      [
        `ratio wall / floor${is10k ? ` (target ≤ ${TARGETS.ratioAt10k})` : ''}`,
        `${fix(s.ratio)}${is10k ? `  ${mark(s.ratio <= TARGETS.ratioAt10k)}` : ''}`,
      ],
      ['  ratio collection / floor', s.collectRatio === null ? 'n/a' : fix(s.collectRatio)],
      [
        `peak RSS of the scanner (${s.peakRssSource ?? 'n/a'}; /proc poll ${mib(s.polledPeakRssBytes)})`,
        mib(s.peakRssBytes),
      ],
      [
        '  RSS sampled during collection / after (evaluate, reports, save)',
        `${mib(s.sampledRssBytes.duringCollection)} / ${mib(s.sampledRssBytes.afterCollection)}`,
      ],
      ['scanner CPU (user + system)', s.cpuMs ? sec(s.cpuMs.user + s.cpuMs.system) : 'n/a'],
      [
        'throttling responses (sim log / scanner count)',
        `${int(s.throttled.sim)} / ${s.throttled.scanner === null ? 'n/a' : int(s.throttled.scanner)}`,
      ],
      ['exit code; coverage gaps', `${s.exitCode ?? s.signal}; ${s.coverageGaps ?? 'n/a'}`],
    ]),
  );
  lines.push('');
  const calls: string[][] = [['API calls by action', 'sim log', 'scanner', 'per function']];
  const keys = [
    ...new Set([...Object.keys(s.apiCalls.sim), ...Object.keys(s.apiCalls.scanner ?? {})]),
  ].sort();
  for (const key of keys) {
    const a = s.apiCalls.sim[key] ?? 0;
    const b = s.apiCalls.scanner?.[key];
    calls.push([
      `  ${key}`,
      int(a),
      b === undefined ? (s.apiCalls.scanner ? '0' : 'n/a') : `${int(b)}${b !== a ? ' ≠' : ''}`,
      fix(a / s.functions, 3),
    ]);
  }
  const scannerTotal = s.apiCalls.scanner
    ? Object.values(s.apiCalls.scanner).reduce((x, y) => x + y, 0)
    : null;
  calls.push(['  total', int(s.apiCalls.total), scannerTotal === null ? 'n/a' : int(scannerTotal), '']);
  lines.push(table(calls));
  lines.push(
    table([
      [
        'calls per function: Lambda per-function calls ÷ functions',
        fix(s.callsPerFunction.lambdaPerFunction, 3),
      ],
      ['                    all Lambda calls ÷ functions', fix(s.callsPerFunction.lambda, 3)],
      [
        `                    all calls ÷ functions (target ≤ ${TARGETS.callsPerFunction})`,
        `${fix(s.callsPerFunction.all, 3)}  ${mark(s.callsPerFunction.all <= TARGETS.callsPerFunction)}`,
      ],
      [
        '  of which account- and region-wide (IAM, STS, EC2, GuardDuty, Lambda lists)',
        `${int(s.apiCalls.total - s.apiCalls.lambdaPerFunction)} calls = ${fix((s.apiCalls.total - s.apiCalls.lambdaPerFunction) / s.functions, 3)}`,
      ],
    ]),
  );
  lines.push('');
  const spanRows: string[][] = [['timeline (s after spawn)', 'first', 'last', 'calls', 'span ÷ floor']];
  for (const [key, span] of Object.entries(s.spans)) {
    if (key.startsWith('iam:') && !/GetAccountAuthorizationDetails|CredentialReport/.test(key)) continue;
    const region = key.startsWith('lambda:') ? key.slice('lambda:'.length) : null;
    const regionFloor = region
      ? ((s.functionsPerRegion[region] ?? 0) / LAMBDA_QUOTAS.GetPolicy / args.k) * 1000
      : 0;
    spanRows.push([
      `  ${key}`,
      fix(span.firstMs / 1000),
      fix(span.lastMs / 1000),
      int(span.calls),
      region ? fix((span.lastMs - span.firstMs) / regionFloor) : '',
    ]);
  }
  lines.push(table(spanRows));
  if (s.phases) lines.push('', printPhases(s.phases, s.spans.all?.lastMs ?? null));
  if (Object.keys(s.faults).length > 0) lines.push(`faults: ${JSON.stringify(s.faults)}`);
  if (s.exitCode !== 0 && s.stderrTail) lines.push(`stderr: ${s.stderrTail}`);
  return lines.join('\n');
}

/** The scanner's phases in order, with the last AWS response placed among them. */
function printPhases(phases: NonNullable<ScanFigures['phases']>, lastResponseMs: number | null): string {
  const rows: string[][] = [['phases (scanner marks, s after spawn)', 'at', 'took']];
  const all = [...phases];
  if (lastResponseMs !== null) all.push({ name: '(last AWS response, sim log)', ms: lastResponseMs });
  all.sort((a, b) => a.ms - b.ms);
  let previous = 0;
  for (const p of all) {
    rows.push([`  ${p.name}`, fix(p.ms / 1000), fix((p.ms - previous) / 1000)]);
    previous = p.ms;
  }
  return table(rows);
}

function printEval(e: EvalRun): string {
  const lines: string[] = [];
  lines.push(
    `== evaluate: ${int(e.functions)} functions over ${REGIONS.length} regions, ${int(e.users)} IAM users, ${int(e.roles)} roles (synthesized) ==`,
  );
  lines.push(
    `synthesized in ${sec(e.synth.generateMs + e.synth.convertMs)} (${int(e.synth.withPolicy)} with a resource policy, ${int(e.synth.withUrl)} with a URL, ${int(e.synth.secretVars)} secret variables); saved in ${sec(e.synth.saveMs)}`,
  );
  if (!e.figures) {
    lines.push(`FAILED: ${e.error}`);
    return lines.join('\n');
  }
  const f = e.figures;
  lines.push(
    `inventory file ${mib(f.inventoryBytes)}; load (read + JSON.parse + zod) ${sec(f.load.ms)}, peak RSS while loading ${mib(f.load.peakRss)}; after load + GC: heap used ${mib(f.load.heapUsedAfterGc)}, RSS ${mib(f.load.rssAfterGc)}`,
  );
  const rows: string[][] = [['phase', 'time', 'heap used after', 'RSS after', 'output']];
  for (const p of f.phases) {
    rows.push([
      `  ${p.name}${p.error ? ` FAILED (${p.error})` : ''}`,
      sec(p.ms),
      mib(p.heapUsedAfter),
      mib(p.rssAfter),
      p.outputSize === undefined ? '' : `${(p.outputSize / MiB).toFixed(1)} M chars`,
    ]);
  }
  lines.push(table(rows));
  const failed = f.phases.some((p) => p.error);
  lines.push(
    table([
      [`results`, int(f.results)],
      [`view + IAM access analysis + evaluate(), ${f.checks} checks`, sec(f.evaluateMs)],
      [
        `IAM access analysis (${int(f.principals)} principals; ${int(f.singledOut)} evaluated one by one) (target ≤ ${TARGETS.accessMs / 1000} s)`,
        `${sec(f.accessMs)}  ${mark(!failed && f.accessMs <= TARGETS.accessMs)}`,
      ],
      [
        `coverage → evaluate → score → report → JSON + HTML (target < ${TARGETS.evaluateMs / 1000} s)`,
        `${sec(f.defaultFormatsMs)}  ${mark(!failed && f.defaultFormatsMs < TARGETS.evaluateMs)}`,
      ],
      [
        `… → every format${f.listed ? `, listing ${f.listed.statuses.join(',')} (${int(f.listed.results)} results)` : ''} (target < ${TARGETS.everyFormatMs / 1000} s)`,
        `${sec(f.totalMs)}  ${mark(!failed && f.totalMs < TARGETS.everyFormatMs)}`,
      ],
      [
        `peak RSS over those steps${f.peakRssIsolated ? '' : ' (NOT isolated from loading)'} (targets < 1.5 GiB; every format < 1 GiB)`,
        `${mib(f.peakRss)}  ${mark(!failed && f.peakRss < TARGETS.evaluateBytes)} / ${mark(!failed && f.peakRss < TARGETS.everyFormatBytes)}`,
      ],
      ['peak heap used after a step', mib(f.peakHeapUsed)],
    ]),
  );
  const checks = Object.entries(f.perCheckMs).sort(([, a], [, b]) => b - a);
  lines.push(`per check (second pass): ${checks.map(([id, ms]) => `${id} ${int(ms)} ms`).join(', ')}`);
  return lines.join('\n');
}

/**
 * Classification runs at collection time, not in `evaluate`, but the issue measures it against
 * the evaluation budget: 100,000 functions × 10 variables must be a small fraction of it.
 */
function printClassify(c: ClassifyFigures, fleet: string): string {
  const share = c.ms / TARGETS.evaluateMs;
  const distinct = ((c.distinctPairs / c.variables) * 100).toFixed(0);
  return [
    `env-var classifier, ${fleet}: ${c.variables.toLocaleString('en-US')} variables (${c.functions.toLocaleString('en-US')} functions × 10, ${distinct} % distinct within their batch) in ${(c.ms / 1000).toFixed(2)} s`,
    `  ${Math.round(c.variablesPerSecond).toLocaleString('en-US')} variables/s; ${c.flagged.toLocaleString('en-US')} flagged as secrets`,
    `  ${(share * 100).toFixed(0)} % of the ${TARGETS.evaluateMs / 1000} s evaluation budget`,
  ].join('\n');
}

// -------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const args = parseCli(process.argv.slice(2));
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const out = (s: string) => {
    if (!args.json) process.stdout.write(`${s}\n`);
  };
  const cli = join(repoRoot(), 'bin', 'lambda-posture.mjs');
  if (!existsSync(cli)) throw new Error(`${cli} not found: run \`npm run build\` first`);

  out(
    `lambda-posture ${TOOL_VERSION} benchmark — node ${process.version}, ${cpus().length} CPUs; k = ${args.k} (quotas × k, latencies ÷ k), scanner --rate-scale ${args.k} --concurrency ${args.concurrency}`,
  );
  out(
    `latency (real ms, before ÷ k): ${
      args.latency === 'table'
        ? Object.entries(LATENCY)
            .map(([r, l]) => `${r} ${l.meanMs}±${l.jitterMs}`)
            .join(', ')
        : `${args.latency}±${args.latency / 5} everywhere`
    }\n`,
  );

  const scans: ScanFigures[] = [];
  let failures = 0;
  for (const n of args.sizes) {
    log(`bench: ${n} functions`);
    const s = await scanOnce(n, args, log);
    scans.push(s);
    if (s.exitCode === null || ![0, 3].includes(s.exitCode)) failures++;
    out(`${printScan(s, args)}\n`);
  }

  let evaluation: EvalRun | null = null;
  if (args.evalFunctions > 0) {
    log(`bench: evaluate ${args.evalFunctions} functions`);
    evaluation = await evaluateLarge(args, log);
    if (!evaluation.figures) failures++;
    out(`${printEval(evaluation)}\n`);
  }

  let classification: ClassifyFigures | null = null;
  let classificationUnique: ClassifyFigures | null = null;
  if (args.classifyVars > 0) {
    log(`bench: classify ${args.classifyVars} environment variables`);
    classification = await classifierThroughput(args.classifyVars);
    out(`${printClassify(classification, 'settings repeated across functions')}\n`);
    // The classifier answers each distinct (name, value) pair of a batch once: the same load with
    // (nearly) every value unique shows what that saves.
    classificationUnique = await classifierThroughputUnique(args.classifyVars);
    out(`${printClassify(classificationUnique, 'values unique')}\n`);
  }

  if (args.json) {
    const doc = {
      tool: { name: 'lambda-posture', version: TOOL_VERSION },
      node: process.version,
      cpus: cpus().length,
      k: args.k,
      concurrency: args.concurrency,
      latency: args.latency === 'table' ? LATENCY : { meanMs: args.latency, jitterMs: args.latency / 5 },
      regions: REGIONS,
      quotas: LAMBDA_QUOTAS,
      targets: TARGETS,
      scans,
      evaluation,
      classification,
      classificationUnique,
    };
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  }
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
