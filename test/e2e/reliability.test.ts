/**
 * Reliability over the real wire, with the built CLI against the simulated AWS endpoint:
 *
 * (a) Throttling beyond quota, 2 % internal errors and 1 % connection resets lose nothing: the
 *     saved inventory equals the fault-free one of the same account, over several seeds.
 * (b) AccessDenied (one API account-wide, or a whole region as an SCP would) makes exactly the
 *     affected results unknown: coverage drops, the score does not rise, the summary says
 *     INCOMPLETE and the exit code says incomplete (3) unless failures already make it 1.
 * (c) SIGINT mid-scan exits 130 and leaves the output folder exactly as it was: no new, partial or
 *     temp files, the previous run's reports byte-identical.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../../src/report/schema.js';
import { type GenerateOptions, generateAccount, type SimAccount } from '../sim/account.js';
import type { CallSummary } from '../sim/call-log.js';
import type { QuotaRates } from '../sim/quota.js';
import { type SimOptions, type Simulator, startSimulator } from '../sim/server.js';
import {
  comparableInventory,
  expectedExitCode,
  runCli,
  type ScanRun,
  scanSim,
  scratch,
  simEnv,
  sleep,
  startCli,
} from './sim-harness.js';

const NOW = new Date().toISOString();
const TIME_SCALE = 10;

const small = (seed: number, extra: Partial<GenerateOptions> = {}): GenerateOptions => ({
  seed,
  regions: ['us-east-1', 'eu-west-1'],
  functionsPerRegion: 10,
  users: 5,
  misconfigRate: 0.3,
  now: NOW,
  ...extra,
});

const sims: Simulator[] = [];
async function sim(opts: SimOptions): Promise<Simulator> {
  const s = await startSimulator({ timeScale: TIME_SCALE, ...opts });
  sims.push(s);
  return s;
}

const tmp = scratch('reliability');
after(async () => {
  await Promise.all(sims.map((s) => s.stop()));
  tmp.cleanup();
});

const functionCount = (account: SimAccount): number =>
  account.regions.reduce((n, r) => n + (account.lambda[r]?.functions.length ?? 0), 0);

// -------------------------------------------------------------------------------------------------
// (a) faults
// -------------------------------------------------------------------------------------------------

/**
 * Request rates (per real second before the time scale) far below what the client paces at
 * (--rate-scale 10 = 10× AWS's quotas, with TIME_SCALE 10): every bucket runs dry after a short
 * burst and the simulator answers each service's real throttling error.
 */
const LOW_QUOTAS: Partial<QuotaRates> = {
  lambdaGetFunction: 1,
  lambdaGetPolicy: 0.3,
  lambdaControlPlane: 0.6,
  iam: 0.3,
  sts: 1,
  ec2: 1,
  guardduty: 0.5,
};
const FAULTS = { serverErrorRate: 0.02, resetRate: 0.01 };
const FAULT_SEEDS = [31, 32, 33, 34, 35];

interface FaultRun {
  seed: number;
  clean: ScanRun;
  faulty: ScanRun;
  faultySummary: CallSummary;
}

describe('(a) throttling beyond quota, 2 % 5xx and 1 % connection resets lose no data', () => {
  const runs: FaultRun[] = [];

  before(async () => {
    const accounts = FAULT_SEEDS.map((seed) => ({ seed, account: generateAccount(small(seed)).account }));
    // Odd seeds also make the scanner generate the credential report under faults.
    const present = (seed: number) => seed % 2 === 0;
    // Fault-free first, then every faulty scan at once: a faulty scan mostly waits (pacing, retry
    // backoff), and CPU-starved clients could no longer outrun the quotas they must exceed.
    const clean = await Promise.all(
      accounts.map(async ({ seed, account }) => {
        const s = await sim({ account, credentialReportPresent: present(seed) });
        return scanSim(s.url, tmp.dir(`clean-${seed}`));
      }),
    );
    const faulty = await Promise.all(
      accounts.map(async ({ seed, account }) => {
        const s = await sim({
          account,
          credentialReportPresent: present(seed),
          quotas: LOW_QUOTAS,
          faults: FAULTS,
          faultSeed: seed,
        });
        const scan = await scanSim(s.url, tmp.dir(`faulty-${seed}`));
        return { scan, summary: s.summary() };
      }),
    );
    accounts.forEach(({ seed }, i) => {
      const c = clean[i];
      const f = faulty[i];
      if (c && f) runs.push({ seed, clean: c, faulty: f.scan, faultySummary: f.summary });
    });
  });

  for (const seed of FAULT_SEEDS) {
    it(`seed ${seed}: the inventory under faults equals the fault-free inventory`, (t) => {
      const run = runs.find((r) => r.seed === seed);
      assert.ok(run, 'before() ran the scans');
      const { clean, faulty, faultySummary } = run;
      t.diagnostic(
        `${faultySummary.total} requests, ${faultySummary.throttled} throttled, faults ${JSON.stringify(faultySummary.faults)}`,
      );
      assert.ok(clean.code === 0 || clean.code === 1, clean.stderr);
      assert.equal(faulty.code, clean.code, faulty.stderr);

      // The faults really happened: throttling in every run. 5xx and resets are drawn at 2 % and
      // 1 % of ~140 requests, so one seed can draw none (about 1 chance in 70, and which seed does
      // moves with the account the clock generates): that they happen is asserted across the
      // seeds, below, not per seed.
      assert.ok(faultySummary.throttled > 0, `no throttling: ${JSON.stringify(faultySummary)}`);

      const cleanInv = clean.inventory();
      const faultyInv = faulty.inventory();
      assert.deepEqual(comparableInventory(faultyInv), comparableInventory(cleanInv));
      assert.deepEqual(faultyInv.coverage, [], 'every read eventually succeeded');
      assert.equal(faulty.report().summary.incomplete, false);

      // The scanner saw what the endpoint did: every attempt counted, every throttle counted.
      const attempts = Object.values(faultyInv.scan.apiCalls).reduce((a, b) => a + b, 0);
      assert.equal(attempts, faultySummary.total);
      assert.equal(faultyInv.scan.throttledResponses, faultySummary.throttled);
    });
  }

  it('across the seeds, each kind of fault was injected', () => {
    const total = (kind: string) => runs.reduce((n, r) => n + (r.faultySummary.faults[kind] ?? 0), 0);
    const throttled = runs.reduce((n, r) => n + r.faultySummary.throttled, 0);
    assert.ok(total('server-error') > 0, 'some 5xx');
    assert.ok(total('reset') > 0, 'some connection resets');
    assert.ok(throttled > 0, 'some throttling');
  });
});

// -------------------------------------------------------------------------------------------------
// (b) AccessDenied
// -------------------------------------------------------------------------------------------------

describe('(b) AccessDenied makes the affected results unknown and the scan incomplete', () => {
  const DENIED_REGION = 'eu-west-1';
  const { account } = generateAccount(small(41, { functionsPerRegion: 12 }));
  let clean: ScanRun;
  let noPolicy: ScanRun;
  let noRegion: ScanRun;
  let noSettings: ScanRun;
  let noPolicySim: Simulator;
  let noSettingsSim: Simulator;

  before(async () => {
    const [cleanSim, policySim, regionSim, settingsSim] = await Promise.all([
      sim({ account, credentialReportPresent: true }),
      sim({
        account,
        credentialReportPresent: true,
        faults: { denied: [{ service: 'lambda', action: 'GetPolicy' }] },
      }),
      sim({
        account,
        credentialReportPresent: true,
        // An SCP denying everything in one region: every service signed there.
        faults: {
          denied: ['lambda', 'guardduty', 'access-analyzer', 'ec2', 'sts', 'iam'].map((service) => ({
            service,
            region: DENIED_REGION,
          })),
        },
      }),
      sim({
        account,
        credentialReportPresent: true,
        faults: { denied: [{ service: 'lambda', action: 'GetAccountSettings' }] },
      }),
    ]);
    noPolicySim = policySim;
    noSettingsSim = settingsSim;
    [clean, noPolicy, noRegion, noSettings] = await Promise.all([
      scanSim(cleanSim.url, tmp.dir('denied-clean')),
      scanSim(policySim.url, tmp.dir('denied-getpolicy')),
      scanSim(regionSim.url, tmp.dir('denied-region')),
      scanSim(settingsSim.url, tmp.dir('denied-settings')),
    ]);
  });

  it('lambda GetAccountSettings denied: only the settings are unread; every verdict stands, at one GetFunction per function', () => {
    const report = noSettings.report();
    const baseline = clean.report();
    const verdicts = (rep: Report) => rep.results.map((r) => `${r.checkId} ${r.resource.arn} ${r.status}`);
    assert.deepEqual(verdicts(report), verdicts(baseline));
    assert.deepEqual(
      report.coverage.map((g) => `${g.operation} ${g.region} ${g.error.class}`),
      report.run.regions.map((r) => `GetAccountSettings ${r} access-denied`).sort(),
    );
    assert.equal(report.summary.incomplete, true, 'a failed read is shown, even one that changed no verdict');
    // Without the settings no region can tell that no function reserves concurrency.
    const getFunction = noSettingsSim.callLog.filter((c) => c.action === 'GetFunction').length;
    assert.equal(getFunction, functionCount(account));
    assert.equal(noSettings.code, expectedExitCode(report), noSettings.stderr);
  });

  it('the fault-free scan of the same account is complete (the baseline)', () => {
    const report = clean.report();
    assert.equal(report.summary.incomplete, false, clean.stderr);
    assert.equal(report.summary.coverage, 100);
    assert.equal(clean.code, expectedExitCode(report));
  });

  it('lambda GetPolicy denied: public-resource-policy is unknown for every function, coverage < 100, score not higher', () => {
    const report = noPolicy.report();
    const baseline = clean.report();
    const denied = noPolicySim.callLog.filter((c) => c.fault === 'denied');
    assert.equal(denied.length, functionCount(account), 'one AccessDenied per function, not retried');
    assert.ok(denied.every((c) => c.service === 'lambda' && c.action === 'GetPolicy' && c.status === 403));

    const prp = report.results.filter((r) => r.checkId === 'lambda.public-resource-policy');
    assert.equal(prp.length, functionCount(account));
    assert.deepEqual(
      prp.filter((r) => r.status !== 'unknown').map((r) => r.resource.arn),
      [],
    );
    assert.ok(prp.every((r) => r.resource.arn.includes(':function:')));
    // Nothing that did not need the resource policy changed; what needed it (the checks that read
    // lambda.policies, such as who may modify each function) never became a pass.
    const needsPolicy = new Set(
      report.checks.filter((c) => c.reads.includes('lambda.policies')).map((c) => c.id),
    );
    assert.ok(needsPolicy.has('lambda.public-resource-policy'));
    const others = (rep: Report) =>
      rep.results
        .filter((r) => !needsPolicy.has(r.checkId))
        .map((r) => `${r.checkId} ${r.resource.arn} ${r.status}`);
    assert.deepEqual(others(report), others(baseline));
    // A result of those checks that differs from the baseline became unknown, never a pass (an
    // AWS_IAM URL passes without the policy in both scans; that is not a change).
    const before = new Map(baseline.results.map((r) => [`${r.checkId} ${r.resource.arn}`, r.status]));
    const changed = report.results.filter(
      (r) => needsPolicy.has(r.checkId) && before.get(`${r.checkId} ${r.resource.arn}`) !== r.status,
    );
    assert.ok(changed.length > 0);
    assert.deepEqual(
      changed.filter((r) => r.status !== 'unknown').map((r) => `${r.checkId} ${r.resource.arn} ${r.status}`),
      [],
    );

    assert.equal(report.summary.incomplete, true);
    assert.ok(
      report.summary.coverage !== null && report.summary.coverage < 100,
      `${report.summary.coverage}`,
    );
    assert.ok((report.summary.score ?? 0) <= (baseline.summary.score ?? 0), 'the score did not rise');
    assert.ok(
      report.coverage.some((g) => g.operation === 'GetPolicy'),
      'the coverage gap names GetPolicy',
    );
    assert.match(noPolicy.stdout, /INCOMPLETE/);
    assert.equal(noPolicy.code, expectedExitCode(report), noPolicy.stderr);
  });

  it('lambda GetPolicy denied: --fail-on none exits 3; --allow-incomplete then exits 0', async () => {
    const none = await runCli(
      ['evaluate', '--inventory', noPolicy.inventoryPath, '--out', tmp.dir(), '--fail-on', 'none'],
      simEnv(),
    );
    assert.equal(none.code, 3, none.stderr);
    assert.match(none.stdout, /INCOMPLETE/);
    const allowed = await runCli(
      [
        'evaluate',
        '--inventory',
        noPolicy.inventoryPath,
        '--out',
        tmp.dir(),
        '--fail-on',
        'none',
        '--allow-incomplete',
        '--quiet',
      ],
      simEnv(),
    );
    assert.equal(allowed.code, 0, allowed.stderr);
  });

  it(`every service denied in ${DENIED_REGION} (an SCP): that region's results are unknown, the rest stand`, () => {
    const report = noRegion.report();
    const baseline = clean.report();
    assert.ok(report.run.regions.includes(DENIED_REGION), 'the denied region was still scanned');
    const inRegion = report.results.filter((r) => r.resource.region === DENIED_REGION);
    assert.ok(inRegion.length > 0);
    assert.deepEqual(
      inRegion.filter((r) => r.status !== 'unknown').map((r) => `${r.checkId} ${r.resource.arn}`),
      [],
    );
    // No function of the denied region is judged anywhere (it could not even be listed).
    assert.deepEqual(
      report.results.filter((r) => r.resource.arn.includes(`:${DENIED_REGION}:`) && r.status !== 'unknown'),
      [],
    );
    // Every result the denial did not make unknown is what the fault-free scan said.
    const statusOf = new Map(baseline.results.map((r) => [`${r.checkId} ${r.resource.arn}`, r.status]));
    for (const r of report.results.filter((x) => x.status !== 'unknown')) {
      assert.equal(
        r.status,
        statusOf.get(`${r.checkId} ${r.resource.arn}`),
        `${r.checkId} ${r.resource.arn}`,
      );
    }

    assert.equal(report.summary.incomplete, true);
    assert.ok(
      report.summary.coverage !== null &&
        baseline.summary.coverage !== null &&
        report.summary.coverage < baseline.summary.coverage,
      `coverage ${report.summary.coverage} vs ${baseline.summary.coverage}`,
    );
    assert.ok((report.summary.score ?? 0) <= (baseline.summary.score ?? 0), 'the score did not rise');
    assert.match(noRegion.stdout, /INCOMPLETE/);
    assert.equal(noRegion.code, expectedExitCode(report), noRegion.stderr);
  });
});

// -------------------------------------------------------------------------------------------------
// (c) SIGINT
// -------------------------------------------------------------------------------------------------

describe('(c) an interrupted scan (SIGINT) writes nothing', () => {
  it('exits 130, says "interrupted", and leaves the previous reports byte-identical with no temp files', async () => {
    const s = await sim({ generate: small(51, { functionsPerRegion: 20 }), credentialReportPresent: true });
    const out = tmp.dir('interrupted');
    // An earlier, complete run into the same folder.
    const earlier = await scanSim(s.url, out);
    assert.ok(earlier.code === 0 || earlier.code === 1, earlier.stderr);
    const before = new Map(readdirSync(out).map((f) => [f, readFileSync(join(out, f))]));
    assert.deepEqual([...before.keys()].sort(), ['inventory.json', 'report.html', 'report.json']);

    // Now slow: 4 s per request before the time scale, 0.4 s real.
    s.setFaults({ latency: { meanMs: 4000, jitterMs: 1000 } });
    s.resetLog();
    const { child, result } = startCli([
      'scan',
      '--endpoint-url',
      s.url,
      '--out',
      out,
      '--rate-scale',
      '10',
      '--save-inventory',
      join(out, 'inventory.json'),
    ]);
    while (s.callLog.length < 3 && child.exitCode === null) await sleep(20);
    assert.equal(child.exitCode, null, 'the scan was still running when interrupted');
    assert.ok(child.kill('SIGINT'));
    const r = await result;

    assert.equal(r.code, 130, `exit ${r.code} ${r.signal}\n${r.stderr}`);
    assert.match(r.stderr, /interrupted/);
    assert.ok(!r.stderr.includes('    at '), 'no stack trace');
    // Same files, same bytes: no partial report, no partial inventory, no temp file.
    assert.deepEqual(readdirSync(out).sort(), [...before.keys()].sort());
    for (const [name, bytes] of before) {
      assert.ok(readFileSync(join(out, name)).equals(bytes), `${name} changed`);
    }
    assert.ok(s.callLog.length < functionCount(s.account), 'it stopped long before the end of the scan');
  });
});
