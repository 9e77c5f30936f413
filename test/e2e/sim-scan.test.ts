/**
 * Accuracy over the real wire: the built CLI scans generated accounts served by the simulated AWS
 * endpoint (real protocols, paging, credential report generation, quotas) and its report must
 * match the generator's ground truth exactly: every planted misconfiguration reported as a
 * failure, nothing else failing (so no clean look-alike flagged), and on a fault-free endpoint
 * nothing unknown. The saved inventory, re-evaluated offline, gives the same results.
 *
 * Accounts are generated with `now` = the real time, because the scan measures ages (keys,
 * passwords) from its own clock.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PATH_IDS } from '../../src/iam/escalation.js';
import type { Report } from '../../src/report/schema.js';
import type { GenerateOptions } from '../sim/account.js';
import { CHANGE_ARGS, PLANTED_ENV_SECRET } from '../sim/facts/cloudtrail-settings.js';
import { CHECK_IDS } from '../sim/manifest.js';
import { type Simulator, startSimulator } from '../sim/server.js';
import {
  type CliRun,
  expectedExitCode,
  failingKeys,
  findingKey,
  manifestKeys,
  manifestNotApplicableKeys,
  notApplicableKeys,
  readJson,
  runCli,
  type ScanRun,
  scanSim,
  scratch,
} from './sim-harness.js';

const NOW = new Date().toISOString();

interface Scenario {
  name: string;
  generate: GenerateOptions;
  /** Reach the simulator through AWS_ENDPOINT_URL instead of --endpoint-url. */
  viaEnv: boolean;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'seed 7: 2 regions × 15 functions, 8 users, default misconfiguration rate',
    generate: { seed: 7, regions: ['us-east-1', 'eu-west-1'], functionsPerRegion: 15, users: 8, now: NOW },
    viaEnv: false,
  },
  {
    name: 'seed 23: 3 regions × 30 functions, 12 users, rate 0.45, root without MFA but with a key, no password policy, GuardDuty missing/suspended/without Lambda Protection',
    generate: {
      seed: 23,
      regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
      functionsPerRegion: 30,
      users: 12,
      misconfigRate: 0.45,
      rootMfa: false,
      rootAccessKey: true,
      passwordPolicy: 'missing',
      guardduty: { 'us-east-1': 'missing', 'eu-west-1': 'suspended', 'ap-southeast-2': 'no-lambda' },
      now: NOW,
    },
    viaEnv: false,
  },
  {
    name: 'seed 101: 1 region × 60 functions, 20 users, rate 0.1, through AWS_ENDPOINT_URL',
    generate: {
      seed: 101,
      regions: ['eu-central-1'],
      functionsPerRegion: 60,
      users: 20,
      misconfigRate: 0.1,
      passwordPolicy: 'weak',
      now: NOW,
    },
    viaEnv: true,
  },
];

interface Outcome {
  sim: Simulator;
  scan: ScanRun;
  report: Report;
  evaluated: CliRun & { report: Report };
}

describe('scan of a simulated account over the real wire (built CLI)', () => {
  const tmp = scratch('sim-scan');
  const sims: Simulator[] = [];
  const outcomes = new Map<string, Outcome>();

  before(async () => {
    // All three scans at once: they mostly wait on the simulator's pacing and the credential
    // report, so running them together keeps the file's wall time near one scan's.
    await Promise.all(
      SCENARIOS.map(async (s) => {
        const sim = await startSimulator({ generate: s.generate, timeScale: 10 });
        sims.push(sim);
        // --deep and --scan-code: the ground truth covers every check, the layer-version and
        // package-scanning ones included; and --changes-since with the deployers and trusted
        // ranges the change facts assume.
        const scan = await scanSim(sim.url, tmp.dir(), {
          viaEnv: s.viaEnv,
          args: ['--deep', '--scan-code', ...CHANGE_ARGS],
        });
        assert.ok(scan.code === 0 || scan.code === 1, `${s.name}: scan exited ${scan.code}\n${scan.stderr}`);
        const report = scan.report();
        const out = tmp.dir();
        const ev = await runCli([
          'evaluate',
          '--inventory',
          scan.inventoryPath,
          '--out',
          out,
          '--quiet',
          '--deep',
          '--scan-code',
        ]);
        const evaluated = { ...ev, report: readJson<Report>(join(out, 'report.json')) };
        outcomes.set(s.name, { sim, scan, report, evaluated });
      }),
    );
  });

  after(async () => {
    await Promise.all(sims.map((s) => s.stop()));
    tmp.cleanup();
  });

  const get = (name: string): Outcome => {
    const o = outcomes.get(name);
    if (!o) throw new Error(`no outcome for ${name} (did before() fail?)`);
    return o;
  };

  for (const s of SCENARIOS) {
    describe(s.name, () => {
      it('reports exactly the planted findings as failures (checkId + resource ARN)', () => {
        const { sim, report } = get(s.name);
        const manifest = sim.manifest;
        assert.ok(manifest, 'the simulator generated the account, so it has a manifest');
        assert.ok(manifest.findings.length > 0, 'the account has planted findings');
        const expected = manifestKeys(manifest);
        const actual = failingKeys(report);
        const missed = expected.filter((k) => !actual.includes(k));
        const extra = actual.filter((k) => !expected.includes(k));
        assert.deepEqual({ missed, extra }, { missed: [], extra: [] });
        assert.deepEqual(actual, expected);
      });

      it('names the planted escalation path of every planted escalation finding', () => {
        const { sim, report } = get(s.name);
        const planted = (sim.manifest?.findings ?? [])
          .filter(
            (f) =>
              f.checkId === 'iam.privilege-escalation' || f.checkId === 'iam.privilege-escalation-latent',
          )
          .map((f) => ({ ...f, path: f.note.split(':')[0] ?? '' }))
          .filter((f) => (PATH_IDS as readonly string[]).includes(f.path));
        assert.ok(planted.length > 0, 'the account plants named escalation paths');
        for (const f of planted) {
          const r = report.results.find((x) => x.checkId === f.checkId && x.resource.arn === f.resourceArn);
          const paths = (r?.evidence.paths as { path: string }[] | undefined)?.map((p) => p.path) ?? [];
          assert.ok(
            paths.includes(f.path),
            `${f.checkId} ${f.resourceArn}: expected path ${f.path}, got ${paths}`,
          );
        }
      });

      it('answers not_applicable exactly where the check does not concern the resource', () => {
        const { sim, report } = get(s.name);
        const manifest = sim.manifest;
        assert.ok(
          manifest && manifest.notApplicable.length > 0,
          'the account has resources some check does not concern',
        );
        const expected = manifestNotApplicableKeys(manifest);
        const actual = notApplicableKeys(report);
        assert.deepEqual(
          {
            missed: expected.filter((k) => !actual.includes(k)),
            extra: actual.filter((k) => !expected.includes(k)),
          },
          { missed: [], extra: [] },
        );
      });

      it('flags none of the clean look-alikes', () => {
        const { sim, report } = get(s.name);
        const lookAlikes = sim.manifest?.lookAlikes ?? [];
        assert.ok(lookAlikes.length > 0, 'the account has look-alikes to resist');
        const failing = new Set(failingKeys(report));
        const flagged = lookAlikes.filter((l) => failing.has(findingKey(l.checkId, l.resourceArn)));
        assert.deepEqual(flagged, []);
        // A look-alike the check evaluates as a resource of its own (a function, a region) passed, or
        // is one the check does not concern (an API-only user for console MFA); some are not
        // resources of their check at all (an admin role no function uses).
        const notApplicable = new Set(sim.manifest ? manifestNotApplicableKeys(sim.manifest) : []);
        for (const l of lookAlikes) {
          const r = report.results.find((x) => x.checkId === l.checkId && x.resource.arn === l.resourceArn);
          const expected = notApplicable.has(findingKey(l.checkId, l.resourceArn))
            ? 'not_applicable'
            : 'pass';
          if (r) assert.equal(r.status, expected, `${l.checkId} on ${l.resourceArn} (${l.note})`);
        }
      });

      it('has no unknown result, full coverage, and the matching exit code, on a fault-free endpoint', () => {
        const { sim, scan, report } = get(s.name);
        const unknown = report.results.filter((r) => r.status === 'unknown');
        assert.deepEqual(
          unknown.map((r) => `${r.checkId} ${r.resource.arn}: ${r.message}`),
          [],
        );
        assert.equal(report.summary.counts.unknown, 0);
        assert.equal(report.summary.incomplete, false);
        assert.equal(report.summary.coverage, 100);
        assert.deepEqual(report.coverage, []);
        assert.equal(scan.code, expectedExitCode(report), scan.stderr);
        // It scanned the simulator, and says so.
        assert.equal(report.run.endpoint, sim.url);
        assert.deepEqual([...report.run.regions].sort(), [...s.generate.regions].sort());
        const unrouted = sim.callLog.filter(
          (c) => c.fault === 'unknown-operation' || c.fault === 'unknown-service',
        );
        assert.deepEqual(unrouted, []);
      });

      it('never lets the secret planted in an UpdateFunctionConfiguration event reach the inventory, report or logs', () => {
        const { sim, scan } = get(s.name);
        const planted = JSON.stringify(sim.account.cloudtrail ?? {}).includes(PLANTED_ENV_SECRET);
        const inventory = readFileSync(scan.inventoryPath, 'utf8');
        assert.ok(!inventory.includes(PLANTED_ENV_SECRET), 'inventory');
        for (const f of readdirSync(scan.out))
          if (statSync(join(scan.out, f)).isFile())
            assert.ok(!readFileSync(join(scan.out, f), 'utf8').includes(PLANTED_ENV_SECRET), f);
        assert.ok(!scan.stderr.includes(PLANTED_ENV_SECRET) && !scan.stdout.includes(PLANTED_ENV_SECRET));
        // The planted region's history is more than one page of 50: the scan followed NextToken.
        const region = Object.keys(sim.account.cloudtrail ?? {})[0];
        if (region) {
          const lookups = sim.callLog.filter(
            (c) => c.service === 'cloudtrail' && c.action === 'LookupEvents' && c.region === region,
          );
          assert.ok(lookups.length >= 2, `${lookups.length} LookupEvents calls in ${region}`);
        }
        if (planted) {
          // The event itself was read: its function's change history is in the inventory.
          const inv = scan.inventory();
          const changes = Object.values(inv.regions).flatMap((r) =>
            r.cloudtrail?.status === 'ok' ? r.cloudtrail.data.lambdaChanges : [],
          );
          assert.ok(changes.some((c) => c.eventName.startsWith('UpdateFunctionConfiguration')));
        }
      });

      it('re-evaluating the saved inventory offline gives byte-identical results and summary', () => {
        const { report, evaluated, scan } = get(s.name);
        assert.equal(evaluated.code, scan.code, evaluated.stderr);
        assert.equal(evaluated.report.run.mode, 'evaluate');
        assert.equal(JSON.stringify(evaluated.report.results), JSON.stringify(report.results));
        assert.equal(JSON.stringify(evaluated.report.summary), JSON.stringify(report.summary));
        assert.equal(JSON.stringify(evaluated.report.coverage), JSON.stringify(report.coverage));
      });
    });
  }

  it('AWS_ENDPOINT_URL alone (no --endpoint-url) reaches the endpoint: every request came to the simulator', () => {
    const s = SCENARIOS.find((x) => x.viaEnv);
    assert.ok(s);
    const { sim, scan, report } = get(s.name);
    assert.ok(!scan.stderr.includes('--endpoint-url'));
    // Everything the scan counted was answered by the simulator: nothing went to real AWS.
    const counted = Object.values(report.run.apiCalls.byAction).reduce((a, b) => a + b, 0);
    assert.equal(report.run.apiCalls.total, counted);
    // --scan-code's downloads follow presigned URLs (plain HTTPS GETs, not SDK calls, so not in
    // apiCalls): they came to the simulator too.
    const downloads = sim.callLog.filter((c) => c.service === 's3');
    assert.ok(downloads.length > 0 && downloads.every((c) => c.status === 200));
    assert.equal(sim.callLog.length - downloads.length, report.run.apiCalls.total);
    assert.equal(report.run.endpoint, sim.url, 'the report records the endpoint taken from the environment');
  });

  it('together the scenarios plant a finding for every check the simulator models', (t) => {
    const planted = new Set<string>();
    for (const s of SCENARIOS)
      for (const f of get(s.name).sim.manifest?.findings ?? []) planted.add(f.checkId);
    // A check judged against a dated data file may have nothing to find on today's date (no runtime
    // deprecated within 90 days): excused only when every scenario's manifest says so, and said.
    const excused = new Map<string, string>();
    for (const id of CHECK_IDS) {
      const reasons = SCENARIOS.map(
        (s) => get(s.name).sim.manifest?.unplantable.find((u) => u.checkId === id)?.reason,
      );
      if (reasons.every((r) => r !== undefined)) excused.set(id, reasons[0] ?? '');
    }
    assert.deepEqual(
      CHECK_IDS.filter((id) => !planted.has(id) && !excused.has(id)),
      [],
    );
    for (const [id, reason] of excused)
      if (!planted.has(id)) t.diagnostic(`${id}: no finding planted today (${reason})`);
    // A check the ground truth does not model can still not fail anything here (that would be an
    // extra failure above), but its true positives go unverified: say so without failing.
    const checks = get(SCENARIOS[0]?.name ?? '').report.checks.map((c) => c.id);
    const unmodelled = checks.filter((id) => !(CHECK_IDS as readonly string[]).includes(id));
    if (unmodelled.length > 0) {
      t.diagnostic(
        `checks the simulator's manifest does not model (only "no false positive" verified): ${unmodelled.join(', ')}`,
      );
    }
  });
});
