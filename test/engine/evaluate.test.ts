import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineCheck, fail, pass } from '../../src/engine/check.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { eachFunction } from '../../src/engine/scope.js';
import { CheckSelectionError, selectChecks } from '../../src/engine/select.js';
import { inventory, lambdaFunction } from '../helpers/inventory.js';

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
  frameworks: {},
};

const good = defineCheck({
  ...meta,
  id: 'lambda.good',
  evaluate: (inv, ctx) =>
    eachFunction(inv, ctx, (fn, ref) => (fn.name.startsWith('b') ? fail(ref, 'b') : pass(ref, 'ok'))),
});

const throwsMidway = defineCheck({
  ...meta,
  id: 'lambda.throws',
  *evaluate(inv) {
    const fn = inv.regions['us-east-1']?.lambda;
    if (fn?.status === 'ok' && fn.data.functions[0]) {
      const f = fn.data.functions[0];
      yield pass({ arn: f.arn, name: f.name, region: f.region }, 'first');
    }
    throw new TypeError('secret-value-must-not-leak');
  },
});

describe('evaluate', () => {
  const inv = inventory({ functions: [lambdaFunction({ name: 'b-fn' }), lambdaFunction({ name: 'a-fn' })] });

  it('returns results sorted by check, region and resource', () => {
    const results = evaluate([good], inv);
    assert.deepEqual(
      results.map((r) => [r.checkId, r.resource.name, r.status]),
      [
        ['lambda.good', 'a-fn', 'pass'],
        ['lambda.good', 'b-fn', 'fail'],
      ],
    );
  });

  it('keeps going when a check throws: its earlier results stay and an unknown records the error class only', () => {
    const results = evaluate([throwsMidway, good], inv);
    const thrown = results.filter((r) => r.checkId === 'lambda.throws');
    // The unknown is about the account (region null), so it sorts before the function's pass.
    assert.deepEqual(
      thrown.map((r) => r.status),
      ['unknown', 'pass'],
    );
    const u = thrown.find((r) => r.status === 'unknown');
    assert.ok(u?.message.includes('TypeError'));
    assert.ok(!JSON.stringify(results).includes('secret-value-must-not-leak'));
    assert.equal(results.filter((r) => r.checkId === 'lambda.good').length, 2);
  });
});

describe('selectChecks', () => {
  const all = [good, throwsMidway];
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
  it('rejects a pattern that matches nothing, and an empty selection', () => {
    assert.throws(() => selectChecks(all, ['iam.nope']), CheckSelectionError);
    assert.throws(() => selectChecks(all, undefined, ['*']), CheckSelectionError);
  });
});
