/**
 * --policy-source config over the real wire: the built CLI reads function policies from the
 * simulator's AWS Config (recorders, modes, fresh and stale items, unprocessed keys) and must come
 * to exactly the verdicts of a GetPolicy-only scan of the same account, reading live every policy
 * Config cannot vouch for: a permission added after its item was captured (RevisionId changed,
 * LastModified not), a configuration change after the capture, no item, an item left unprocessed
 * twice, and every function of a region whose recorder does not record Lambda.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Inventory, LambdaFunction } from '../../src/inventory/schema.js';
import type { Report } from '../../src/report/schema.js';
import { generateAccount } from '../sim/account.js';
import type { SimConfigTruth } from '../sim/aws-config.js';
import { type Simulator, startSimulator } from '../sim/server.js';
import { type ScanRun, scanSim, scratch } from './sim-harness.js';

const NOW = new Date().toISOString();
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const UNRECORDED = 'ap-southeast-2';

describe('--policy-source config against the simulated AWS Config (built CLI)', () => {
  const tmp = scratch('policy-source');
  let sim: Simulator;
  let truth: SimConfigTruth;
  let live: ScanRun;
  let fast: ScanRun;
  let liveInventory: Inventory;
  let fastInventory: Inventory;
  let fastReport: Report;

  before(async () => {
    const generated = generateAccount({
      seed: 31,
      regions: REGIONS,
      functionsPerRegion: 40,
      users: 6,
      misconfigRate: 0.45,
      now: NOW,
      awsConfig: { unrecordedRegions: [UNRECORDED], dailyRegions: ['eu-west-1'], staleRate: 0.08 },
    });
    assert.ok(generated.awsConfigTruth);
    truth = generated.awsConfigTruth;
    sim = await startSimulator({ account: generated.account, timeScale: 10 });
    [live, fast] = await Promise.all([
      scanSim(sim.url, tmp.dir()),
      scanSim(sim.url, tmp.dir(), { args: ['--policy-source', 'config'] }),
    ]);
    for (const run of [live, fast])
      assert.ok(run.code === 0 || run.code === 1, `scan exited ${run.code}\n${run.stderr}`);
    liveInventory = live.inventory();
    fastInventory = fast.inventory();
    fastReport = fast.report();
  });
  after(async () => {
    await sim?.stop();
    tmp.cleanup();
  });

  const functionsOf = (inv: Inventory, region: string): LambdaFunction[] => {
    const slice = inv.regions[region]?.lambda;
    assert.equal(slice?.status, 'ok');
    return slice.status === 'ok' ? slice.data.functions : [];
  };

  it('gives exactly the verdicts of a GetPolicy-only scan', () => {
    const statuses = (r: Report) =>
      new Map(r.results.map((x) => [x.findingId, `${x.checkId} ${x.status}`] as const));
    const a = statuses(live.report());
    const b = statuses(fastReport);
    assert.equal(b.size, a.size);
    for (const [id, s] of a) assert.equal(b.get(id), s, id);
    assert.equal(fast.code, live.code);
    // The same policies, whichever way they were read.
    for (const region of REGIONS) {
      const byArn = new Map(functionsOf(liveInventory, region).map((f) => [f.arn, f.policy]));
      for (const f of functionsOf(fastInventory, region)) assert.deepEqual(f.policy, byArn.get(f.arn), f.arn);
    }
  });

  it('takes fresh items from Config and reads every stale, missing or twice-unprocessed one live', () => {
    const planted = new Map<string, number>();
    for (const region of REGIONS.filter((r) => r !== UNRECORDED)) {
      for (const f of functionsOf(fastInventory, region)) {
        const kind = truth.items[f.arn];
        assert.ok(kind, f.arn);
        planted.set(kind, (planted.get(kind) ?? 0) + 1);
        const source = f.policySource;
        assert.ok(source, f.arn);
        if (kind === 'fresh') assert.equal(source.from, 'config', `${f.arn}: ${JSON.stringify(source)}`);
        else if (kind === 'policy-changed') {
          assert.equal(source.from, 'lambda', f.arn);
          assert.match(source.from === 'lambda' ? source.reason : '', /RevisionId differs/);
        } else if (kind === 'config-changed' || kind === 'not-recorded')
          assert.equal(source.from, 'lambda', `${kind} ${f.arn}`);
        // An unprocessed key is asked again: once is answered from Config, twice falls back.
        else if (kind === 'unprocessed' && source.from === 'lambda')
          assert.match(source.reason, /unprocessed twice/);
      }
    }
    // The scenario planted every kind, so each rule above was exercised.
    for (const kind of ['fresh', 'policy-changed', 'config-changed', 'not-recorded', 'unprocessed'])
      assert.ok((planted.get(kind) ?? 0) > 0, `no ${kind} item planted`);
  });

  it('reads a policy changed after its configuration item was captured live, not the captured one', () => {
    const changed = REGIONS.flatMap((r) =>
      r === UNRECORDED
        ? []
        : functionsOf(fastInventory, r).filter((f) => truth.items[f.arn] === 'policy-changed'),
    );
    assert.ok(changed.length > 0);
    for (const f of changed) {
      const item = sim.account.awsConfig?.[f.region]?.items[f.name];
      const livePolicy = sim.account.lambda[f.region]?.functions.find((x) => x.arn === f.arn)?.policy;
      assert.ok(item && livePolicy);
      assert.ok(f.policy?.ok && f.policy.value?.parsed, f.arn);
      if (!f.policy?.ok || !f.policy.value?.parsed) continue;
      // The live policy has the statement added after the capture; Config's copy lacks it.
      const liveCount = Array.isArray(livePolicy.Statement) ? livePolicy.Statement.length : 1;
      assert.equal(f.policy.value.document.Statement.length, liveCount);
      const capturedCount =
        item.policy && Array.isArray(item.policy.Statement) ? item.policy.Statement.length : 0;
      assert.equal(capturedCount, liveCount - 1);
    }
  });

  it('refuses Config in a region that does not record Lambda, says so, and reads every policy there live', () => {
    const slice = fastInventory.regions[UNRECORDED]?.lambda;
    assert.ok(slice?.status === 'ok');
    assert.match(slice.data.policySource?.refusal ?? '', /does not record AWS::Lambda::Function/);
    assert.equal(slice.data.policySource?.fromConfig, 0);
    for (const f of slice.data.functions) assert.equal(f.policySource?.from, 'lambda', f.arn);
    assert.deepEqual(
      fastReport.run.policySources?.refusedRegions.map((r) => r.region),
      [UNRECORDED],
    );
    assert.match(
      fast.stdout,
      /ap-southeast-2: AWS Config not used — .*does not record AWS::Lambda::Function/,
    );
  });

  it('counts both sources in the summary, and makes one GetPolicy less per policy Config gave', () => {
    const p = fastReport.run.policySources;
    assert.ok(p);
    const total = REGIONS.reduce((n, r) => n + functionsOf(fastInventory, r).length, 0);
    assert.equal(p.fromConfig + p.fromLambda, total);
    // The recorded regions' stale share is 4 × 8 % (see the scenario): most come from Config.
    const recorded = total - functionsOf(fastInventory, UNRECORDED).length;
    assert.ok(p.fromConfig > recorded / 2, `only ${p.fromConfig} of ${recorded} from Config`);
    assert.match(
      fast.stdout,
      new RegExp(`Resource policies: ${p.fromConfig} from AWS Config .*${p.fromLambda} read live`),
    );
    assert.equal(live.report().run.policySources, undefined);
    const getPolicy = (inv: Inventory) => inv.scan.apiCalls['lambda:GetPolicy'] ?? 0;
    assert.equal(getPolicy(fastInventory), getPolicy(liveInventory) - p.fromConfig);
    // 2 recorded regions × 40 functions: one batch each, plus the re-asks of unprocessed keys.
    const batches = fastInventory.scan.apiCalls['config:BatchGetResourceConfig'] ?? 0;
    assert.ok(batches >= 2 && batches <= 6, `${batches} BatchGetResourceConfig calls`);
  });

  it('puts the source and age of each policy in the evidence of the policy checks', () => {
    const nowMs = Date.parse(fastReport.run.startedAt);
    const fromConfig = new Set(
      REGIONS.flatMap((r) => functionsOf(fastInventory, r))
        .filter((f) => f.policySource?.from === 'config')
        .map((f) => f.arn),
    );
    const results = fastReport.results.filter(
      (r) => r.checkId === 'lambda.public-resource-policy' && r.status !== 'unknown',
    );
    assert.ok(results.length > 0);
    for (const r of results) {
      const source = (r.evidence as { policySource?: Record<string, unknown> }).policySource;
      assert.ok(source, r.resource.arn);
      if (fromConfig.has(r.resource.arn)) {
        assert.equal(source.from, 'aws-config');
        const captured = Date.parse(String(source.capturedAt));
        assert.ok(captured <= nowMs);
        assert.equal(
          source.ageSeconds,
          Math.max(0, Math.round((Date.parse(fastReport.run.startedAt) - captured) / 1000)),
        );
      } else assert.equal(source.from, 'lambda');
    }
  });
});
