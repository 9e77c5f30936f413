/**
 * --scan-code over the real wire: the built CLI downloads every .zip function's package and each
 * layer version the functions use from the simulator's presigned URLs, and judges them exactly as
 * the ground truth (facts/lambda-code.ts) says, with the hostile packages the default scenarios
 * cannot hold because they are unknown by design: a compression bomb as a function's package and
 * as a layer version, and downloads refused (an expired URL's 403). Without --scan-code nothing is
 * downloaded.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../../src/report/schema.js';
import { generateAccount, type SimAccount } from '../sim/account.js';
import { lambdaCodeFacts } from '../sim/facts/lambda-code.js';
import { type Simulator, startSimulator } from '../sim/server.js';
import { findingKey, type ScanRun, scanSim, scratch } from './sim-harness.js';

const NOW = new Date().toISOString();
const CHECKS = ['--checks', 'lambda.code-secrets,lambda.layer-code-secrets'];

function plantBombs(account: SimAccount): { fn: string; layer: string } {
  const region = account.regions[0] ?? '';
  const fns = account.lambda[region]?.functions ?? [];
  const fn = fns.find((f) => f.packageType === 'Zip' && f.layers.length === 0) ?? fns[0];
  const layer = fns.flatMap((f) => f.layers.map((l) => l.arn)).sort()[0];
  assert.ok(fn && layer, 'the account has a .zip function and a layer in use');
  fn.codePackage = { kind: 'bomb' };
  account.layerPackages = { ...account.layerPackages, [layer]: { kind: 'bomb' } };
  return { fn: fn.arn, layer };
}

/** What the ground truth expects per (check, resource): fail, pass or not_applicable. */
function expected(account: SimAccount): Map<string, string> {
  const out = new Map<string, string>();
  lambdaCodeFacts.facts(
    account,
    {
      finding: (id, arn) => out.set(findingKey(id, arn), 'fail'),
      lookAlike: (id, arn) => out.set(findingKey(id, arn), 'pass'),
      notApplicable: (id, arn) => out.set(findingKey(id, arn), 'not_applicable'),
    },
    { fails: () => false },
  );
  return out;
}

describe('--scan-code against the simulator (built CLI)', () => {
  const tmp = scratch('code-scan');
  let sim: Simulator;
  let account: SimAccount;
  let bombs: { fn: string; layer: string };
  let scan: ScanRun;
  let report: Report;

  before(async () => {
    account = generateAccount({
      seed: 41,
      regions: ['eu-west-1'],
      functionsPerRegion: 16,
      users: 3,
      misconfigRate: 0.5,
      now: NOW,
    }).account;
    bombs = plantBombs(account);
    sim = await startSimulator({ account, timeScale: 10 });
    scan = await scanSim(sim.url, tmp.dir(), { args: ['--scan-code', ...CHECKS] });
    assert.ok(scan.code === 0 || scan.code === 1, scan.stderr);
    report = scan.report();
  });

  after(async () => {
    await sim?.stop();
    tmp.cleanup();
  });

  it('judges every package as the ground truth says; each bomb is unknown with its reason', () => {
    const truth = expected(account);
    const got = new Map(report.results.map((r) => [findingKey(r.checkId, r.resource.arn), r]));
    const bombKeys = [
      findingKey('lambda.code-secrets', bombs.fn),
      findingKey('lambda.layer-code-secrets', bombs.layer),
    ];
    for (const key of bombKeys) {
      const r = got.get(key);
      assert.equal(r?.status, 'unknown', key);
      assert.match(r?.message ?? '', /compression bomb/);
    }
    const mismatches = [...got.entries()]
      .filter(([key]) => !bombKeys.includes(key))
      .filter(([key, r]) => r.status !== (truth.get(key) ?? 'pass'))
      .map(([key, r]) => `${key}: ${r.status}, expected ${truth.get(key) ?? 'pass'}: ${r.message}`);
    assert.deepEqual(mismatches, []);
    for (const [key, status] of truth) {
      if (!bombKeys.includes(key)) assert.equal(got.get(key)?.status, status, key);
    }
    const statuses = new Set(report.results.map((r) => r.status));
    for (const s of ['fail', 'pass', 'unknown'] as const) assert.ok(statuses.has(s), `some ${s} result`);
  });

  it('keeps paths, detectors and fingerprints, never a matched value or file content', () => {
    const failing = report.results.filter((r) => r.status === 'fail');
    assert.ok(failing.length > 0);
    const text = JSON.stringify(scan.inventory());
    for (const fn of account.lambda['eu-west-1']?.functions ?? []) {
      const pkg = fn.codePackage;
      if (pkg?.kind !== 'files') continue;
      for (const f of pkg.files) {
        for (const m of f.content.matchAll(/"((?:sk_live_|AKIA)[A-Za-z0-9]{16,})"/g)) {
          assert.ok(!text.includes(m[1] ?? '<none>'), 'no secret value in the inventory');
        }
      }
    }
    const traversal = account.lambda['eu-west-1']?.functions.find(
      (f) => f.codePackage?.kind === 'files' && f.codePackage.files.some((x) => x.name.startsWith('../')),
    );
    if (traversal) {
      const r = report.results.find(
        (x) => x.checkId === 'lambda.code-secrets' && x.resource.arn === traversal.arn,
      );
      assert.match(r?.message ?? '', /climbing out of the package/);
    }
  });

  it('downloads each package once: one GetFunction per .zip function, one GetLayerVersion per layer version in use', () => {
    const fns = account.lambda['eu-west-1']?.functions ?? [];
    const zips = fns.filter((f) => f.packageType === 'Zip').length;
    const layers = new Set(fns.flatMap((f) => f.layers.map((l) => l.arn))).size;
    const count = (service: string, action: string) =>
      sim.callLog.filter((c) => c.service === service && c.action === action).length;
    assert.equal(count('lambda', 'GetFunction'), zips);
    assert.equal(count('lambda', 'GetLayerVersion'), layers);
    assert.equal(count('s3', 'GetObject'), zips + layers);
  });

  it('a refused download (an expired presigned URL: 403) is unknown, never pass', async () => {
    sim.setFaults({ denied: [{ service: 's3', action: 'GetObject' }] });
    try {
      const denied = await scanSim(sim.url, tmp.dir(), { args: ['--scan-code', ...CHECKS] });
      const results = denied.report().results;
      const applicable = results.filter((r) => r.status !== 'not_applicable');
      assert.ok(applicable.length > 0);
      assert.deepEqual(
        applicable.filter((r) => r.status !== 'unknown').map((r) => r.resource.arn),
        [],
      );
      assert.ok(applicable.some((r) => /HTTP 403/.test(r.message)));
    } finally {
      sim.setFaults({ denied: [] });
    }
  });

  it('without --scan-code nothing is downloaded (a glob does not pull the checks in)', async () => {
    sim.resetLog();
    const plain = await scanSim(sim.url, tmp.dir(), { args: ['--checks', 'lambda.*'] });
    assert.ok(plain.code === 0 || plain.code === 1, plain.stderr);
    assert.equal(sim.callLog.filter((c) => c.service === 's3' || c.action === 'GetLayerVersion').length, 0);
    assert.ok(!plain.report().results.some((r) => r.checkId.endsWith('code-secrets')));
  });
});
