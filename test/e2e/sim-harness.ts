/**
 * Shared plumbing of the real-wire end-to-end tests: run the BUILT CLI (bin/lambda-posture.mjs) as a
 * child process against a simulator started in the test's own process, and read what it wrote.
 *
 * The child is spawned asynchronously (never spawnSync): the simulator answers from this process's
 * event loop, which a synchronous spawn would block.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Inventory } from '../../src/inventory/schema.js';
import type { Report } from '../../src/report/schema.js';
import { repoRoot } from '../helpers/paths.js';
import type { Manifest } from '../sim/account.js';

/** The installed command (bin/lambda-posture.mjs: the bundled CLI), as a user runs it. */
export const CLI = join(repoRoot(), 'bin', 'lambda-posture.mjs');
/** A child that outlives this is killed, so a hang fails the test instead of the whole run. */
const CHILD_TIMEOUT_MS = 60_000;

/**
 * The environment of a scan of the simulator: static dummy credentials, a home region, and nothing
 * from the host's AWS set-up (no AWS_* variable, no shared config or credentials file, no IMDS).
 */
export function simEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  const none = join(tmpdir(), 'lambda-posture-e2e-no-such-aws-file');
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'AKIDSIMULATOR',
    AWS_SECRET_ACCESS_KEY: 'sim',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: none,
    AWS_SHARED_CREDENTIALS_FILE: none,
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Who the CLI runs as. Root ignores permission bits, so tests of unwritable folders run it as
 * `nobody` when the tests themselves run as root (CI does); otherwise as the current user.
 */
export function unprivileged(): { uid?: number; gid?: number } {
  return process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
}

/** Starts the built CLI; `result` settles when it exits (killed after CHILD_TIMEOUT_MS). */
export function startCli(
  args: string[],
  env: NodeJS.ProcessEnv = simEnv(),
  as: { uid?: number; gid?: number } = {},
): { child: ChildProcess; result: Promise<CliRun> } {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], ...as });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const result = new Promise<CliRun>((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, result };
}

export const runCli = (
  args: string[],
  env?: NodeJS.ProcessEnv,
  as?: { uid?: number; gid?: number },
): Promise<CliRun> => startCli(args, env, as).result;

/** Resolves when the child has written `pattern` to stderr (rejects if it exits first). */
export function waitForStderr(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((ok, fail) => {
    let seen = '';
    const onData = (d: Buffer | string) => {
      seen += d.toString();
      if (pattern.test(seen)) {
        child.stderr?.off('data', onData);
        ok();
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', () => fail(new Error(`exited before printing ${pattern}:\n${seen}`)));
  });
}

/**
 * The arguments of a scan of the simulator at `url` into `out`: paced at 10× AWS's quotas, as a
 * timeScale-10 simulator allows, and never failed by findings (--fail-on none), then `extra`.
 */
export function scanArgs(url: string, out: string, extra: readonly string[] = []): string[] {
  return ['scan', '--endpoint-url', url, '--out', out, '--rate-scale', '10', '--fail-on', 'none', ...extra];
}

export interface ScanOptions {
  /** Extra CLI flags (after the defaults). */
  args?: string[];
  /** Reach the endpoint through the SDK's AWS_ENDPOINT_URL instead of --endpoint-url. */
  viaEnv?: boolean;
  /** --rate-scale (default 10: the client paces at 10× AWS's quotas, as a timeScale-10 simulator allows). */
  rateScale?: number;
}

export interface ScanRun extends CliRun {
  out: string;
  inventoryPath: string;
  report(): Report;
  inventory(): Inventory;
}

/** `scan` of the simulator at `url`, writing the reports to `out` and the inventory beside them. */
export async function scanSim(url: string, out: string, opts: ScanOptions = {}): Promise<ScanRun> {
  const inventoryPath = join(out, 'inventory.json');
  const args = [
    'scan',
    ...(opts.viaEnv ? [] : ['--endpoint-url', url]),
    '--out',
    out,
    '--rate-scale',
    String(opts.rateScale ?? 10),
    '--save-inventory',
    inventoryPath,
    ...(opts.args ?? []),
  ];
  const run = await runCli(args, simEnv(opts.viaEnv ? { AWS_ENDPOINT_URL: url } : {}));
  return {
    ...run,
    out,
    inventoryPath,
    report: () => readJson<Report>(join(out, 'report.json')),
    inventory: () => readJson<Inventory>(inventoryPath),
  };
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Temp folders, removed by `cleanup()` (call it in `after`). */
export function scratch(prefix: string): { root: string; dir(name?: string): string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), `lp-${prefix}-`));
  let n = 0;
  return {
    root,
    dir: (name) => join(root, name ?? `d${++n}`),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** `checkId arn`: how a finding is compared between a report and the manifest. */
export const findingKey = (checkId: string, arn: string): string => `${checkId} ${arn}`;

export const failingKeys = (report: Report): string[] =>
  [
    ...new Set(
      report.results.filter((r) => r.status === 'fail').map((r) => findingKey(r.checkId, r.resource.arn)),
    ),
  ].sort();

export const manifestKeys = (manifest: Manifest): string[] =>
  [...new Set(manifest.findings.map((f) => findingKey(f.checkId, f.resourceArn)))].sort();

/** `checkId arn` of every not_applicable result, and of what the manifest says is not applicable. */
export const notApplicableKeys = (report: Report): string[] =>
  [
    ...new Set(
      report.results
        .filter((r) => r.status === 'not_applicable')
        .map((r) => findingKey(r.checkId, r.resource.arn)),
    ),
  ].sort();

export const manifestNotApplicableKeys = (manifest: Manifest): string[] =>
  [...new Set(manifest.notApplicable.map((f) => findingKey(f.checkId, f.resourceArn)))].sort();

/** The exit code the CLI promises for a report under the default --fail-on high. */
export function expectedExitCode(report: Report, failOn: 'high' | 'none' = 'high'): 0 | 1 | 3 {
  const f = report.summary.failuresBySeverity;
  if (failOn === 'high' && f.critical + f.high > 0) return 1;
  return report.summary.incomplete ? 3 : 0;
}

/**
 * An inventory with what legitimately differs between two scans of one account removed: scan
 * timing, the endpoint (each simulator has its own port), the cost figures (retries change them)
 * and the env-var fingerprints (HMACs under a random per-scan salt).
 */
export function comparableInventory(inv: Inventory): unknown {
  const {
    startedAt: _s,
    finishedAt: _f,
    apiCalls: _a,
    throttledResponses: _t,
    endpoint: _e,
    ...scan
  } = inv.scan;
  const blanked = JSON.parse(
    JSON.stringify(inv, (key, value: unknown) => (key === 'fingerprint' ? '<salted>' : value)),
  ) as Inventory;
  return { ...blanked, scan };
}

export const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));
