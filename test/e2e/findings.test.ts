/**
 * Findings as records, over the real wire: a finding has the same id in two scans of one account
 * and in `evaluate` of a saved inventory, the id is the documented SHA-256 recipe (recomputed here
 * independently), and a scan narrowed with --checks makes only the calls its checks need.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../../src/report/schema.js';
import type { GenerateOptions } from '../sim/account.js';
import { type Simulator, startSimulator } from '../sim/server.js';
import { readJson, runCli, scanSim, scratch } from './sim-harness.js';

const GENERATE: GenerateOptions = {
  seed: 11,
  regions: ['us-east-1', 'eu-west-1'],
  functionsPerRegion: 12,
  users: 6,
  misconfigRate: 0.4,
  now: new Date().toISOString(),
};

/** The recipe as README and reports/schema.json state it, written out again from scratch. */
const recipe = (checkId: string, accountId: string, arn: string) =>
  createHash('sha256')
    .update(['lambda-posture/finding/v1', checkId, accountId, arn].join('\u0000'), 'utf8')
    .digest('hex')
    .slice(0, 32);

const records = (r: Report) =>
  r.results.map((x) => `${x.findingId} ${x.checkId} ${x.accountId} ${x.resource.arn} ${x.status}`).sort();

describe('finding ids (built CLI, simulated account)', () => {
  const tmp = scratch('findings');
  const sims: Simulator[] = [];
  let first: Report;
  let second: Report;
  let evaluated: Report;

  before(async () => {
    // Two simulators serving the same account: two independent scans of it.
    const [a, b] = await Promise.all([
      startSimulator({ generate: GENERATE, timeScale: 10 }),
      startSimulator({ generate: GENERATE, timeScale: 10 }),
    ]);
    if (!a || !b) throw new Error('simulators did not start');
    sims.push(a, b);
    const [s1, s2] = await Promise.all([scanSim(a.url, tmp.dir()), scanSim(b.url, tmp.dir())]);
    assert.ok(s1.code === 1 && s2.code === 1, `${s1.stderr}${s2.stderr}`);
    first = s1.report();
    second = s2.report();
    const out = tmp.dir();
    const ev = await runCli(['evaluate', '--inventory', s1.inventoryPath, '--out', out, '--quiet']);
    assert.equal(ev.code, 1, ev.stderr);
    evaluated = readJson<Report>(join(out, 'report.json'));
  });
  after(async () => {
    await Promise.all(sims.map((s) => s.stop()));
    tmp.cleanup();
  });

  it('is the same for the same finding in two scans and in evaluate of the saved inventory', () => {
    assert.ok(first.results.length > 100);
    assert.deepEqual(records(second), records(first));
    assert.deepEqual(records(evaluated), records(first));
  });

  it('is the documented recipe: SHA-256 of check, account and resource ARN', () => {
    for (const r of first.results) {
      assert.equal(
        r.findingId,
        recipe(r.checkId, r.accountId, r.resource.arn),
        `${r.checkId} ${r.resource.arn}`,
      );
    }
  });

  it('is unique within a report: one result per check and resource', () => {
    const ids = first.results.map((r) => r.findingId);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('every result carries its account and resource type', () => {
    for (const r of first.results) {
      assert.equal(r.accountId, '123456789012');
      assert.match(r.resource.type, /^AWS::/);
    }
  });
});

describe('a scan narrowed with --checks (built CLI, simulated account)', () => {
  const tmp = scratch('narrowed');
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ generate: GENERATE, timeScale: 10 });
  });
  after(async () => {
    await sim.stop();
    tmp.cleanup();
  });
  const actions = () => [...new Set(sim.callLog.map((c) => `${c.service}:${c.action}`))].sort();

  it('lambda.env-secrets costs the identity, the regions and the listing: no per-function call, no IAM, no GuardDuty', async () => {
    sim.resetLog();
    const run = await scanSim(sim.url, tmp.dir(), {
      args: ['--checks', 'lambda.env-secrets', '--fail-on', 'none'],
    });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(actions(), [
      'ec2:DescribeRegions',
      'lambda:GetAccountSettings',
      'lambda:ListFunctions',
      'sts:GetCallerIdentity',
    ]);
    const report = run.report();
    assert.deepEqual(report.run.reads, ['lambda.functions', 'lambda.environment']);
    assert.deepEqual([...new Set(report.results.map((r) => r.checkId))], ['lambda.env-secrets']);
    assert.equal(report.summary.counts.unknown, 0);
    // The full scan of the same account, for scale: every function's GetPolicy and URL reads.
    assert.equal(sim.callLog.filter((c) => c.action === 'GetPolicy').length, 0);
  });

  it('iam.root-mfa reads only the four IAM reads it names, and resolves no region', async () => {
    sim.resetLog();
    const run = await scanSim(sim.url, tmp.dir(), {
      args: ['--checks', 'iam.root-mfa', '--fail-on', 'none'],
    });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(actions(), [
      'iam:GenerateCredentialReport',
      'iam:GetAccountSummary',
      'iam:GetCredentialReport',
      'iam:ListOrganizationsFeatures',
      'iam:ListVirtualMFADevices',
      'sts:GetCallerIdentity',
    ]);
    assert.deepEqual(run.report().run.regions, []);
  });

  it('evaluating the narrowed inventory with every check: what was not read is unknown, never pass', async () => {
    sim.resetLog();
    const narrowed = await scanSim(sim.url, tmp.dir(), {
      args: ['--checks', 'lambda.env-secrets', '--fail-on', 'none'],
    });
    const out = tmp.dir();
    const ev = await runCli([
      'evaluate',
      '--inventory',
      narrowed.inventoryPath,
      '--out',
      out,
      '--fail-on',
      'none',
    ]);
    assert.equal(ev.code, 3, 'incomplete');
    const report = readJson<Report>(join(out, 'report.json'));
    const policy = report.results.filter((r) => r.checkId === 'lambda.public-resource-policy');
    assert.ok(policy.length > 0 && policy.every((r) => r.status === 'unknown'));
    assert.ok(policy.every((r) => r.message.includes('was not collected')));
    const iam = report.results.filter((r) => r.checkId.startsWith('iam.'));
    assert.ok(iam.length > 0 && iam.every((r) => r.status === 'unknown' && /skipped/.test(r.message)));
    // A check whose reads the narrowed scan made still answers (runtimes, layers and roles come
    // with the listing); every other check has no pass and no fail.
    const collected = new Set(report.run.reads);
    const blind = report.checks.filter((c) => c.reads.some((read) => !collected.has(read))).map((c) => c.id);
    assert.ok(blind.length >= 10, blind.join(', '));
    // (not_applicable is no verdict: a function without layers is no concern of a layer check,
    // whether or not the layer list was read.)
    const answered = report.results.filter(
      (r) => blind.includes(r.checkId) && (r.status === 'pass' || r.status === 'fail'),
    );
    assert.deepEqual(answered, []);
  });
});
