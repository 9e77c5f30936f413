/**
 * `npm run bench:org`: what an organization scan costs, against a simulated organization
 * (test/sim/organization.ts): by default 50 accounts × 200 functions (2 regions), each account
 * with its own per-region Lambda quotas at AWS's rates × k. Not a test: it asserts nothing and
 * prints figures.
 *
 * Runs, in turn, 1, 2 and 4 shards (`scan --org --shard I/N`, the N processes at once, as an
 * Indexed Job runs them), then `merge` of the shards. Printed per run: wall time; the per-account
 * floor (GetPolicy and ListFunctionUrlConfigs are 15/s per region per account, so an account's
 * floor is its largest region's functions ÷ 15/s ÷ k); the schedule floor (accounts are scanned
 * --account-concurrency at a time per process, so a process of A accounts needs at least
 * ⌈A / c⌉ × the per-account floor) and wall ÷ it; peak RSS of the largest process; API calls per
 * function; throttling responses; the merge's time.
 *
 * Memory bounded by accounts in flight, not organization size: `--memory-check` also scans an
 * organization of `--account-concurrency` accounts in one process and prints its peak RSS beside
 * the full organization's.
 *
 * The simulator runs in this process: at 4 shards it answers ~4× the requests per second of one
 * process, on the same 2 cores as the shards — a machine limit the figures show, not a property
 * of the scanner. Options: --accounts 50 --functions 200 --users 20 --k 1 --latency 20
 * --account-concurrency 4 --shards 1,2,4 --memory-check --json --keep.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../helpers/paths.js';
import { DEFAULT_AUDIT_ROLE_NAME, generateOrganization } from '../sim/organization.js';
import { startSimulator } from '../sim/server.js';

const REGIONS = ['us-east-1', 'eu-west-1'];
/** GetPolicy and the control-plane bucket of ListFunctionUrlConfigs: 15 requests/s per region. */
const PER_FUNCTION_RATE = 15;

interface Args {
  accounts: number;
  functions: number;
  users: number;
  k: number;
  latencyMs: number;
  accountConcurrency: number;
  shards: number[];
  memoryCheck: boolean;
  json: boolean;
  keep: boolean;
}

function parseCli(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      accounts: { type: 'string', default: '50' },
      functions: { type: 'string', default: '200' },
      users: { type: 'string', default: '20' },
      k: { type: 'string', default: '1' },
      latency: { type: 'string', default: '20' },
      'account-concurrency': { type: 'string', default: '4' },
      shards: { type: 'string', default: '1,2,4' },
      'memory-check': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const num = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}, got ${v}`);
    return n;
  };
  return {
    accounts: num('accounts', values.accounts, 1),
    functions: num('functions', values.functions, REGIONS.length),
    users: num('users', values.users, 0),
    k: num('k', values.k, 0.01),
    latencyMs: num('latency', values.latency, 0),
    accountConcurrency: num('account-concurrency', values['account-concurrency'], 1),
    shards: values.shards.split(',').map((s) => num('shards', s.trim(), 1)),
    memoryCheck: values['memory-check'],
    json: values.json,
    keep: values.keep,
  };
}

interface ProcessFigures {
  code: number | null;
  wallMs: number;
  peakRssBytes: number;
}

/** Runs the built CLI as a child, polling its peak RSS (VmHWM) from /proc. */
function runChild(args: string[], env: NodeJS.ProcessEnv): Promise<ProcessFigures> {
  const cli = join(repoRoot(), 'bin', 'lambda-posture.mjs');
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [cli, ...args], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString('utf8')).slice(-4000);
  });
  let peak = 0;
  const poll = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+)\s*kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) peak = Math.max(peak, Number(hwm[1]) * 1024);
    } catch {
      // exited between polls
    }
  }, 100);
  return new Promise((ok) =>
    child.on('exit', (code) => {
      clearInterval(poll);
      if (code !== 0 && code !== 3) process.stderr.write(`child exited ${code}:\n${stderr}\n`);
      ok({ code, wallMs: performance.now() - started, peakRssBytes: peak });
    }),
  );
}

function envFor(dir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'AKIDSIMULATOR',
    AWS_SECRET_ACCESS_KEY: 'sim',
    AWS_REGION: 'us-east-1',
    AWS_PROFILE: '',
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL: '',
  };
}

interface RunFigures {
  shards: number;
  wallMs: number;
  accountFloorMs: number;
  scheduleFloorMs: number;
  peakRssBytes: number;
  apiCalls: number;
  callsPerFunction: number;
  throttled: number;
  /** Throttling responses by `service:Operation` (a scan paced right has none). */
  throttledBy: Record<string, number>;
  mergeMs: number | null;
  exitCodes: (number | null)[];
}

async function orgRun(
  args: Args,
  accounts: number,
  shards: number,
  log: (s: string) => void,
): Promise<RunFigures> {
  const org = generateOrganization({
    seed: 7,
    accounts,
    regions: REGIONS,
    functionsPerRegion: Math.floor(args.functions / REGIONS.length),
    users: args.users,
  });
  const sim = await startSimulator({
    account: org.account,
    organization: org.organization,
    timeScale: args.k,
    credentialReportPresent: true,
    faults: { latency: { meanMs: args.latencyMs, jitterMs: args.latencyMs / 5 }, regionLatency: {} },
    faultSeed: 1,
  });
  const dir = mkdtempSync(join(tmpdir(), 'lp-org-bench-'));
  const env = envFor(dir);
  const out = join(dir, 'run');
  const scanArgs = (extra: string[]) => [
    'scan',
    '--org',
    '--role-name',
    DEFAULT_AUDIT_ROLE_NAME,
    '--endpoint-url',
    sim.url,
    '--regions',
    REGIONS.join(','),
    '--rate-scale',
    String(args.k),
    '--account-concurrency',
    String(args.accountConcurrency),
    '--out',
    out,
    '--fail-on',
    'none',
    '--quiet',
    ...extra,
  ];
  try {
    log(`  ${accounts} accounts, ${shards} shard(s)`);
    const started = performance.now();
    const children = await Promise.all(
      Array.from({ length: shards }, (_, i) =>
        runChild(scanArgs(shards > 1 ? ['--shard', `${i}/${shards}`] : []), env),
      ),
    );
    const wallMs = performance.now() - started;
    let mergeMs: number | null = null;
    if (shards > 1) {
      const merge = await runChild(
        ['merge', out, '--out', join(dir, 'merged'), '--fail-on', 'none', '--quiet'],
        env,
      );
      mergeMs = merge.wallMs;
    }
    const perRegion = Math.floor(args.functions / REGIONS.length);
    const accountFloorMs = ((perRegion / PER_FUNCTION_RATE) * 1000) / args.k;
    const largestShard = Math.ceil(accounts / shards);
    const summary = sim.summary();
    const scanned = join(shards > 1 ? join(dir, 'merged') : out, 'rollup.json');
    if (!existsSync(scanned)) throw new Error(`no roll-up in ${scanned}`);
    return {
      shards,
      wallMs,
      accountFloorMs,
      scheduleFloorMs: Math.ceil(largestShard / args.accountConcurrency) * accountFloorMs,
      peakRssBytes: Math.max(...children.map((c) => c.peakRssBytes)),
      apiCalls: summary.total,
      callsPerFunction: summary.total / (accounts * perRegion * REGIONS.length),
      throttled: summary.throttled,
      throttledBy: Object.fromEntries(
        Object.entries(
          sim.callLog
            .filter((c) => c.throttled)
            .reduce<Record<string, number>>((m, c) => {
              const key = `${c.service}:${c.action}`;
              m[key] = (m[key] ?? 0) + 1;
              return m;
            }, {}),
        ).sort(),
      ),
      mergeMs,
      exitCodes: children.map((c) => c.code),
    };
  } finally {
    await sim.stop();
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
    else log(`  kept ${dir}`);
  }
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = (b: number) => `${Math.round(b / 2 ** 20)} MiB`;

async function main(): Promise<void> {
  const args = parseCli(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const runs: RunFigures[] = [];
  for (const shards of args.shards) runs.push(await orgRun(args, args.accounts, shards, log));
  const small = args.memoryCheck ? await orgRun(args, args.accountConcurrency, 1, log) : null;
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ args, runs, memoryCheck: small }, null, 2)}\n`);
    return;
  }
  const rows = [
    [
      'shards',
      'wall',
      'account floor',
      'schedule floor',
      'wall ÷ schedule',
      'peak RSS',
      'calls/fn',
      'throttled',
      'merge',
    ],
    ...runs.map((r) => [
      String(r.shards),
      s(r.wallMs),
      s(r.accountFloorMs),
      s(r.scheduleFloorMs),
      `${(r.wallMs / r.scheduleFloorMs).toFixed(2)}×`,
      mib(r.peakRssBytes),
      r.callsPerFunction.toFixed(3),
      String(r.throttled),
      r.mergeMs === null ? '—' : s(r.mergeMs),
    ]),
  ];
  process.stdout.write(
    `organization of ${args.accounts} accounts × ${args.functions} functions (${REGIONS.length} regions), ` +
      `${args.users} users each, k=${args.k}, latency ${args.latencyMs} ms, --account-concurrency ${args.accountConcurrency}\n`,
  );
  for (const row of rows) process.stdout.write(`| ${row.join(' | ')} |\n`);
  for (const r of runs.filter((x) => x.throttled > 0))
    process.stdout.write(`throttled (${r.shards} shard(s)): ${JSON.stringify(r.throttledBy)}\n`);
  if (small) {
    process.stdout.write(
      `memory: ${args.accountConcurrency} accounts in one process peak ${mib(small.peakRssBytes)}; ` +
        `${args.accounts} accounts peak ${mib(runs.find((r) => r.shards === 1)?.peakRssBytes ?? 0)}\n`,
    );
  }
}

await main();
