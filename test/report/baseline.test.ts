/**
 * Reading a baseline file: an earlier report (taken as it was), an inventory (evaluated with this
 * run's checks), and every way a file can be wrong — each a clear InventoryFileError naming the
 * flag and the file, never a crash.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CHECKS } from '../../checks/index.js';
import { contextOf, evaluate } from '../../src/engine/evaluate.js';
import { score } from '../../src/engine/score.js';
import { InventoryFileError } from '../../src/inventory/store.js';
import { loadBaseline, parseBaseline } from '../../src/report/baseline.js';
import { buildReport } from '../../src/report/build.js';
import { buildView } from '../../src/view/account-view.js';
import { scratch } from '../e2e/sim-harness.js';
import { inventory, lambdaFunction, ok } from '../helpers/inventory.js';

const urlCheck = CHECKS.filter((c) => c.id === 'lambda.function-url-auth-none');
const account = inventory({
  functions: [
    lambdaFunction({
      name: 'open-url',
      urlConfigs: ok([
        {
          url: 'https://x.lambda-url.us-east-1.on.aws/',
          functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:open-url',
          authType: 'NONE',
          invokeMode: null,
          cors: null,
        },
      ]),
    }),
    lambdaFunction({ name: 'no-url', urlConfigs: ok([]) }),
  ],
});

function reportText(): string {
  const view = buildView(account);
  const results = evaluate(urlCheck, view, contextOf(view));
  const report = buildReport({
    inventory: account,
    checks: urlCheck,
    results,
    scores: score(results),
    mode: 'scan',
    evaluatedAt: new Date('2026-11-01T12:00:00Z'),
    toolVersion: '0.1.0',
    dataFiles: [],
  });
  return JSON.stringify(report);
}

const isFileError = (pattern: RegExp) => (err: unknown) =>
  err instanceof InventoryFileError && pattern.test(err.message) && !err.message.includes('    at ');

describe('parseBaseline', () => {
  it('takes a report as it was: its results, checks and scores', () => {
    const snap = parseBaseline(reportText(), 'report.json', []);
    assert.equal(snap.kind, 'report');
    assert.equal(snap.accountId, '123456789012');
    assert.deepEqual([...snap.checkIds], ['lambda.function-url-auth-none']);
    const statuses = [...snap.results.values()].map((r) => `${r.resource.name}:${r.status}`).sort();
    assert.deepEqual(statuses, ['no-url:not_applicable', 'open-url:fail']);
    assert.equal(snap.overall.coverage, 100);
  });

  it('evaluates an inventory with the checks it is given', () => {
    const snap = parseBaseline(JSON.stringify(account), 'inventory.json', urlCheck);
    assert.equal(snap.kind, 'inventory');
    assert.equal(snap.file, 'inventory.json');
    assert.deepEqual([...snap.checkIds], ['lambda.function-url-auth-none']);
    assert.equal([...snap.results.values()].filter((r) => r.status === 'fail').length, 1);
  });

  it('gives the same findings from a report and from the inventory behind it', () => {
    const fromReport = parseBaseline(reportText(), 'report.json', []);
    const fromInventory = parseBaseline(JSON.stringify(account), 'inventory.json', urlCheck);
    assert.deepEqual([...fromReport.results.keys()].sort(), [...fromInventory.results.keys()].sort());
  });

  it('rejects corrupt, truncated and foreign files with a clear message', () => {
    const text = reportText();
    assert.throws(
      () => parseBaseline(text.slice(0, 200), 'r.json', []),
      isFileError(/--baseline: "r\.json" is not valid JSON/),
    );
    assert.throws(
      () => parseBaseline('[1,2]', 'r.json', []),
      isFileError(/neither a lambda-posture report nor an inventory/),
    );
    assert.throws(() => parseBaseline('null', 'r.json', []), isFileError(/neither/));
    const foreign = JSON.parse(text);
    foreign.tool.name = 'prowler';
    assert.throws(
      () => parseBaseline(JSON.stringify(foreign), 'r.json', []),
      isFileError(/not a usable lambda-posture report \(tool\.name/),
    );
    const badId = JSON.parse(text);
    badId.results[0].findingId = '<script>';
    assert.throws(
      () => parseBaseline(JSON.stringify(badId), 'r.json', []),
      isFileError(/results\.0\.findingId/),
    );
    assert.throws(
      () => parseBaseline('{"schemaVersion":2}', 'i.json', []),
      isFileError(/--baseline: .*inventory/),
    );
  });

  it('names the flag it was given for', () => {
    assert.throws(
      () => parseBaseline('{', 'old.json', [], 'diff OLD'),
      isFileError(/^diff OLD: "old\.json"/),
    );
  });
});

describe('loadBaseline', () => {
  const tmp = scratch('baseline');
  after(() => tmp.cleanup());

  it('reads a file from disk and keeps only its name', async () => {
    const dir = tmp.dir('files');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'report.json'), reportText());
    const snap = await loadBaseline(join(dir, 'report.json'), []);
    assert.equal(snap.file, 'report.json');
  });

  it('a missing file and a folder are errors that say so', async () => {
    const dir = tmp.dir('empty');
    mkdirSync(dir, { recursive: true });
    await assert.rejects(loadBaseline(join(dir, 'nope.json'), []), isFileError(/cannot read .*ENOENT/));
    await assert.rejects(loadBaseline(dir, []), isFileError(/is not a file/));
  });
});

describe('the changes section in the HTML report', () => {
  it('lists new and resolved findings, with hostile names escaped', async () => {
    const { renderHtml } = await import('../../src/report/html.js');
    const { diffSnapshots } = await import('../../src/report/changes.js');
    const { snapshotOf } = await import('../../src/report/snapshot.js');
    const report = JSON.parse(reportText()) as Parameters<typeof renderHtml>[0];
    const hostile = '"><img src=x onerror=alert(1)><script>alert(2)</script>';
    const fail = report.results.find((r) => r.status === 'fail');
    assert.ok(fail);
    fail.resource.name = hostile;
    const baseline = snapshotOf({ ...report, results: [] }, 'report', '</style><script>x</script>.json');
    report.changes = diffSnapshots(baseline, snapshotOf(report, 'run', null));
    const page = renderHtml(report);
    assert.match(page, /<h2 id="h-changes">Changes since the baseline<\/h2>/);
    assert.match(page, /<h3>New failures<\/h3>/);
    assert.ok(!page.includes('<img src=x'));
    assert.ok(!page.includes('<script>alert(2)'), 'the hostile script is not markup');
    assert.ok(page.includes('&lt;script&gt;alert(2)&lt;/script&gt;'));
  });
});
