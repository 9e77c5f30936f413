/**
 * Change review end to end (built CLI, simulated account): a scheduled job that diffs itself with
 * --baseline-dir, a CI gate with --fail-on-new, `evaluate --baseline` and `diff` over an account
 * that changed (a function deleted, a URL opened to the internet), and the errors a wrong
 * baseline gets.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Inventory } from '../../src/inventory/schema.js';
import type { ChangesSection, Report } from '../../src/report/schema.js';
import { type Simulator, startSimulator } from '../sim/server.js';
import { readJson, runCli, type ScanRun, scanSim, scratch } from './sim-harness.js';

describe('baselines and diffs (built CLI, simulated account)', () => {
  const tmp = scratch('baseline-e2e');
  const history = tmp.dir('history');
  let sim: Simulator;
  let first: ScanRun;
  let second: ScanRun;
  /** The first scan's inventory with a failing function deleted and a closed URL opened. */
  let changedPath: string;
  let removed: string;
  let opened: string;

  before(async () => {
    sim = await startSimulator({ timeScale: 10 });
    first = await scanSim(sim.url, tmp.dir('first'), { args: ['--baseline-dir', history] });
    second = await scanSim(sim.url, tmp.dir('second'), {
      args: ['--baseline-dir', history, '--fail-on-new', 'high'],
    });

    const inv = first.inventory();
    const report = first.report();
    const failing = report.results.find(
      (r) => r.status === 'fail' && r.resource.type === 'AWS::Lambda::Function' && r.severity !== 'info',
    );
    assert.ok(failing, 'the simulated account has a failing function');
    removed = failing.resource.arn;
    let closed: Inventory['regions'][string] | undefined;
    for (const region of Object.values(inv.regions)) {
      if (region.lambda.status !== 'ok') continue;
      region.lambda.data.functions = region.lambda.data.functions.filter((f) => f.arn !== removed);
      const fn = region.lambda.data.functions.find(
        (f) => f.urlConfigs?.ok === true && f.urlConfigs.value.length === 0 && opened === undefined,
      );
      if (fn?.urlConfigs?.ok) {
        opened = fn.arn;
        fn.urlConfigs.value = [
          {
            url: 'https://opened.lambda-url.on.aws/',
            functionArn: fn.arn,
            authType: 'NONE',
            invokeMode: null,
            cors: null,
          },
        ];
        closed = region;
      }
    }
    assert.ok(closed, 'the simulated account has a function without a URL');
    changedPath = join(tmp.dir('changed'), 'inventory.json');
    mkdirSync(join(changedPath, '..'), { recursive: true });
    writeFileSync(changedPath, JSON.stringify(inv));
  });

  after(async () => {
    await sim.stop();
    tmp.cleanup();
  });

  it('a first run with --baseline-dir has no baseline and becomes one', () => {
    assert.ok(first.code === 0 || first.code === 1, first.stderr);
    assert.match(
      first.stderr,
      /no earlier inventory of account 123456789012; this scan becomes the baseline/,
    );
    assert.equal(first.report().changes, undefined);
  });

  it('the next run compares with it: nothing new, every failure unchanged, and the gate passes', () => {
    const changes = second.report().changes;
    assert.ok(changes, 'the second run has a changes section');
    const fails = second.report().summary.counts.fail;
    assert.ok(fails > 0);
    assert.deepEqual(changes.counts, {
      new: 0,
      newFromNewChecks: 0,
      resolved: 0,
      unchanged: fails,
      unresolved: 0,
    });
    assert.equal(changes.baseline.kind, 'inventory');
    assert.equal(changes.baseline.startedAt, first.report().run.startedAt);
    // Two inventories: the configuration is compared too, and nothing drifted.
    assert.equal(changes.drift.available, true);
    if (changes.drift.available) {
      assert.deepEqual(changes.drift.items, []);
      assert.equal(changes.drift.functions.added + changes.drift.functions.removed, 0);
      assert.ok(changes.drift.functions.unchanged > 0);
    }
    // --fail-on-new high replaces --fail-on: old high failures do not fail the job.
    assert.ok(second.report().summary.failuresBySeverity.high > 0);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, new RegExp(`0 new, 0 resolved, ${fails} unchanged`));
  });

  it('keeps one inventory per scan in the folder, named by account and start, beside its fingerprint key', () => {
    const files = readdirSync(history).sort();
    assert.deepEqual(
      files.filter((f) => !f.startsWith('lambda-posture-inventory-')),
      ['fingerprint.key'],
    );
    const inventories = files.filter((f) => f.startsWith('lambda-posture-inventory-'));
    assert.equal(inventories.length, 2);
    for (const f of inventories)
      assert.match(f, /^lambda-posture-inventory-123456789012-\d{8}T\d{9}Z\.json$/);
    // With --save-inventory too, the folder's copy is the same bytes (serialised once, then copied).
    const saved = readFileSync(first.inventoryPath, 'utf8');
    assert.ok(
      inventories.some((f) => readFileSync(join(history, f), 'utf8') === saved),
      'the first scan saved one inventory, in both places',
    );
  });

  it('fingerprints every environment value with the folder key: equal across scans, the key never stored', () => {
    const key = readFileSync(join(history, 'fingerprint.key'), 'utf8').trim();
    const a = first.inventory();
    const b = second.inventory();
    assert.ok(a.scan.fingerprintKeyId && a.scan.fingerprintKeyId === b.scan.fingerprintKeyId);
    const prints = (inv: Inventory) =>
      Object.values(inv.regions).flatMap((r) =>
        r.lambda.status === 'ok'
          ? r.lambda.data.functions.flatMap((f) =>
              f.environment?.ok
                ? f.environment.value.map((v) => `${f.arn} ${v.name} ${v.valueFingerprint}`)
                : [],
            )
          : [],
      );
    const pa = prints(a);
    assert.ok(pa.length > 0 && pa.every((p) => /\s[0-9a-f]{12}$/.test(p)), pa.slice(0, 3).join('; '));
    assert.deepEqual(pa, prints(b));
    for (const inv of [a, b]) assert.ok(!JSON.stringify(inv).includes(key));
    const drift = second.report().changes?.drift;
    assert.ok(drift?.available === true, 'the second scan compares inventories');
    assert.ok(drift.items.every((i) => i.after?.environmentValuesChanged === undefined));
  });

  it('evaluate --baseline finds the opened URL as new and the deleted function as resolved, and gates on it', async () => {
    const out = tmp.dir('evaluated');
    const run = await runCli([
      'evaluate',
      '--inventory',
      changedPath,
      '--baseline',
      join(first.out, 'report.json'),
      '--fail-on-new',
      'high',
      '--out',
      out,
    ]);
    assert.equal(run.code, 1, run.stderr);
    const changes = readJson<Report>(join(out, 'report.json')).changes;
    assert.ok(changes);
    assert.equal(changes.baseline.kind, 'report');
    assert.deepEqual(
      changes.new.map((f) => [f.checkId, f.resource.arn, f.previously]),
      [['lambda.function-url-auth-none', opened, 'not_applicable']],
    );
    assert.ok(changes.resolved.length > 0);
    assert.ok(changes.resolved.every((f) => f.resource.arn === removed && f.now === 'absent'));
    assert.match(
      run.stdout,
      /NEW high +lambda\.function-url-auth-none +finding [0-9a-f]{32} \(was not_applicable\)/,
    );
    // The terminal never names the resource.
    assert.ok(!run.stdout.includes(opened));
  });

  it('diff of a report and an inventory gives the same comparison as evaluate --baseline', async () => {
    const json = await runCli(['diff', join(first.out, 'report.json'), changedPath, '--json']);
    assert.equal(json.code, 0, json.stderr);
    const changes = JSON.parse(json.stdout) as ChangesSection;
    assert.equal(changes.counts.new, 1);
    assert.equal(changes.counts.resolved > 0, true);
    assert.equal(changes.drift.available, false, 'a report baseline has no configuration to compare');
    const gated = await runCli([
      'diff',
      join(first.out, 'report.json'),
      changedPath,
      '--fail-on-new',
      'critical',
    ]);
    assert.equal(gated.code, 0, 'the new finding is high, below the critical gate');
    const failed = await runCli(['diff', first.inventoryPath, changedPath, '--fail-on-new', 'high']);
    assert.equal(failed.code, 1, failed.stderr);
    assert.match(failed.stdout, /1 new/);
    // Inventory against inventory: the deleted function and the opened URL are drift too.
    assert.match(
      failed.stdout,
      /configuration drift: 0 functions added, 1 removed, 1 changed \(function-removed 1, url-added 1\)/,
    );
  });

  it('wrong baselines get clear errors with the right exit codes', async () => {
    const out = tmp.dir('errors');
    const noBaseline = await runCli([
      'evaluate',
      '--inventory',
      changedPath,
      '--out',
      out,
      '--fail-on-new',
      'high',
    ]);
    assert.equal(noBaseline.code, 2);
    assert.match(noBaseline.stderr, /--fail-on-new needs a baseline/);

    const corrupt = join(tmp.dir('corrupt'), 'report.json');
    mkdirSync(join(corrupt, '..'), { recursive: true });
    writeFileSync(corrupt, '{"schemaVersion": 4, "results": [');
    const bad = await runCli(['evaluate', '--inventory', changedPath, '--out', out, '--baseline', corrupt]);
    assert.equal(bad.code, 7);
    assert.match(bad.stderr, /--baseline: "report\.json" is not valid JSON/);
    assert.ok(!bad.stderr.includes('    at '), 'no stack trace');

    const otherAccount = readJson<Report>(join(first.out, 'report.json'));
    otherAccount.run.accountId = '210987654321';
    const otherPath = join(tmp.dir('other'), 'report.json');
    mkdirSync(join(otherPath, '..'), { recursive: true });
    writeFileSync(otherPath, JSON.stringify(otherAccount));
    const mismatch = await runCli([
      'evaluate',
      '--inventory',
      changedPath,
      '--out',
      out,
      '--baseline',
      otherPath,
    ]);
    assert.equal(mismatch.code, 2);
    assert.match(mismatch.stderr, /is of account 210987654321, this run is of account 123456789012/);

    const both = await runCli(['scan', '--baseline', otherPath, '--baseline-dir', history, '--out', out]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /mutually exclusive|conflict/i);
  });
});
