import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Check, defineCheck } from '../../src/engine/check.js';
import { evaluate, runCheck } from '../../src/engine/evaluate.js';
import { dataFilesFor, readPlanFor, selectChecks } from '../../src/engine/select.js';
import { findingId } from '../../src/findings/ids.js';
import { buildView } from '../../src/view/account-view.js';
import { ACCOUNT, inventory, lambdaFunction, lambdaRegionInventory } from '../helpers/inventory.js';

const meta = {
  title: 'A test check for the engine',
  service: 'lambda' as const,
  resourceType: 'AWS::Lambda::Function',
  severity: 'low' as const,
  practice: 'BP7' as const,
  threats: ['T4' as const],
  rationale: 'Only exists to exercise the evaluation engine in tests, never registered.',
  remediation: { text: 'Nothing to remediate.' },
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/welcome.html'],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.functions' as const],
};

const good = defineCheck({
  ...meta,
  id: 'lambda.good',
  evaluate: (view) =>
    view.eachFunction((fn, v) => (fn.config.name.startsWith('b') ? v.fail('b') : v.pass('ok'))),
});

const throwsMidway = defineCheck({
  ...meta,
  id: 'lambda.throws',
  *evaluate(view) {
    const [first] = view.functions;
    if (first) yield first.verdict.pass('first');
    throw new TypeError('secret-value-must-not-leak');
  },
});

const twice = defineCheck({
  ...meta,
  id: 'lambda.twice',
  *evaluate(view) {
    const [first] = view.functions;
    if (!first) return;
    yield first.verdict.pass('one verdict');
    yield first.verdict.fail('and another on the same resource');
  },
});

describe('evaluate', () => {
  const inv = inventory({ functions: [lambdaFunction({ name: 'b-fn' }), lambdaFunction({ name: 'a-fn' })] });
  const view = buildView(inv);

  it('returns results sorted by check, region and resource, each with its account, type and finding id', () => {
    const results = evaluate([good], view);
    assert.deepEqual(
      results.map((r) => [r.checkId, r.resource.name, r.status]),
      [
        ['lambda.good', 'a-fn', 'pass'],
        ['lambda.good', 'b-fn', 'fail'],
      ],
    );
    for (const r of results) {
      assert.equal(r.accountId, ACCOUNT);
      assert.equal(r.resource.type, 'AWS::Lambda::Function');
      assert.equal(r.findingId, findingId('lambda.good', ACCOUNT, r.resource.arn));
    }
  });

  it('keeps going when a check throws: its earlier results stay and an unknown records the error class only', () => {
    const results = evaluate([throwsMidway, good], view);
    const thrown = results.filter((r) => r.checkId === 'lambda.throws');
    // The unknown is about the account (region null), so it sorts before the function's pass.
    assert.deepEqual(
      thrown.map((r) => [r.status, r.resource.type]),
      [
        ['unknown', 'AWS::::Account'],
        ['pass', 'AWS::Lambda::Function'],
      ],
    );
    const u = thrown.find((r) => r.status === 'unknown');
    assert.ok(u?.message.includes('TypeError'));
    assert.ok(!JSON.stringify(results).includes('secret-value-must-not-leak'));
    assert.equal(results.filter((r) => r.checkId === 'lambda.good').length, 2);
  });

  it('reports a second verdict on one resource as an unknown for it, never two results', () => {
    const results = runCheck(twice, view);
    assert.equal(results.length, 1);
    assert.equal(results[0]?.status, 'unknown');
    assert.match(results[0]?.message ?? '', /DuplicateResult/);
  });

  it('turns a region without functions into one not_applicable, which is counted but takes no score', () => {
    const empty = buildView(inventory({ regions: { 'eu-west-1': lambdaRegionInventory([]) } }));
    const results = evaluate([good], empty);
    assert.deepEqual(
      results.map((r) => [r.resource.name, r.status, r.resource.arn]),
      [['Lambda functions in eu-west-1', 'not_applicable', `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:*`]],
    );
  });
});

describe('selectChecks', () => {
  const all: Check[] = [good, throwsMidway];
  it('selects by id and glob, and excludes', () => {
    assert.deepEqual(
      selectChecks(all, ['lambda.g*']).map((c) => c.id),
      ['lambda.good'],
    );
    assert.deepEqual(
      selectChecks(all, undefined, ['*.throws']).map((c) => c.id),
      ['lambda.good'],
    );
  });
  it('selects and excludes a renamed check by its former id (alias)', () => {
    const renamed = defineCheck({ ...good, id: 'lambda.better-name', aliases: ['lambda.old-name'] });
    assert.deepEqual(
      selectChecks([renamed, throwsMidway], ['lambda.old-name']).map((c) => c.id),
      ['lambda.better-name'],
    );
    assert.deepEqual(
      selectChecks([renamed, throwsMidway], undefined, ['lambda.old-*']).map((c) => c.id),
      ['lambda.throws'],
    );
  });
  it('leaves deep checks out unless --deep, or unless --checks names them by id (a glob does not)', () => {
    const layers = defineCheck({
      ...good,
      id: 'lambda.layers-x',
      reads: ['lambda.layers', 'lambda.layer-policies'],
    });
    const pool = [good, layers];
    assert.deepEqual(
      selectChecks(pool).map((c) => c.id),
      ['lambda.good'],
    );
    assert.deepEqual(
      selectChecks(pool, undefined, undefined, { deep: true }).map((c) => c.id),
      ['lambda.good', 'lambda.layers-x'],
    );
    assert.deepEqual(
      selectChecks(pool, ['lambda.layers-x']).map((c) => c.id),
      ['lambda.layers-x'],
    );
    assert.deepEqual(
      selectChecks(pool, ['lambda.*']).map((c) => c.id),
      ['lambda.good'],
    );
    assert.throws(() => selectChecks(pool, ['lambda.layers-*']), /only deep checks.*add --deep/);
  });
  it('leaves the change checks out unless --changes-since, even named by id (it says the window)', () => {
    const changes = defineCheck({
      ...good,
      id: 'lambda.changed-x',
      reads: ['cloudtrail.lambda-changes', 'lambda.functions'],
    });
    const pool = [good, changes];
    assert.deepEqual(
      selectChecks(pool).map((c) => c.id),
      ['lambda.good'],
    );
    assert.deepEqual(
      selectChecks(pool, undefined, undefined, { changes: true }).map((c) => c.id),
      ['lambda.good', 'lambda.changed-x'],
    );
    assert.throws(() => selectChecks(pool, ['lambda.changed-x']), /only change checks.*add --changes-since/);
    assert.ok(readPlanFor([changes]).has('cloudtrail.lambda-changes'));
    assert.ok(readPlanFor([changes]).needsRegions());
  });

  it('leaves code-scan checks out unless --scan-code (not --deep), or unless --checks names them by id', () => {
    const code = defineCheck({ ...good, id: 'lambda.code-x', reads: ['lambda.code'] });
    const pool = [good, code];
    const ids = (cs: readonly { id: string }[]) => cs.map((c) => c.id);
    assert.deepEqual(ids(selectChecks(pool)), ['lambda.good']);
    assert.deepEqual(ids(selectChecks(pool, undefined, undefined, { deep: true })), ['lambda.good']);
    assert.deepEqual(ids(selectChecks(pool, undefined, undefined, { scanCode: true })), [
      'lambda.good',
      'lambda.code-x',
    ]);
    assert.deepEqual(ids(selectChecks(pool, ['lambda.code-x'])), ['lambda.code-x']);
    assert.deepEqual(ids(selectChecks(pool, ['lambda.*'])), ['lambda.good']);
    assert.throws(() => selectChecks(pool, ['lambda.code-*']), /download code: add --scan-code/);
  });
  it('rejects a pattern that matches nothing, and an empty selection', () => {
    assert.throws(() => selectChecks(all, ['iam.nope']), { name: 'CheckSelectionError' });
    assert.throws(() => selectChecks(all, undefined, ['*']), { name: 'CheckSelectionError' });
  });
});

describe('the read plan of a selection', () => {
  it('is the union of the checks’ reads, with the listing every function read stands on', () => {
    const urls = defineCheck({ ...good, id: 'lambda.urls', reads: ['lambda.urls'] });
    const iam = defineCheck({ ...good, id: 'iam.x', reads: ['iam.credential-report'] });
    assert.deepEqual(readPlanFor([urls, iam]).list(), [
      'iam.credential-report',
      'lambda.functions',
      'lambda.urls',
    ]);
    assert.equal(readPlanFor([iam]).needsRegions(), false);
    assert.equal(readPlanFor([urls]).needsRegions(), true);
  });
  it('lists the data files of the selection once each', () => {
    const a = defineCheck({ ...good, id: 'lambda.a', data: ['lambda-runtimes'] });
    const b = defineCheck({ ...good, id: 'lambda.b', data: ['lambda-runtimes', 'trusted-layer-publishers'] });
    // The IAM action catalogue comes first in every list: every report names its version.
    assert.deepEqual(dataFilesFor([a, b, good]), [
      'iam-actions',
      'lambda-runtimes',
      'trusted-layer-publishers',
    ]);
    assert.deepEqual(dataFilesFor([]), ['iam-actions']);
  });
});
