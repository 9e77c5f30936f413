import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import envDefaultCredential from '../../checks/lambda/env-default-credential.js';
import envSecrets from '../../checks/lambda/env-secrets.js';
import { classifyEnvironments } from '../../src/collect/env-vars.js';
import type { EnvVar } from '../../src/inventory/schema.js';
import { EnvVar as EnvVarSchema } from '../../src/inventory/schema.js';
import { evaluateCheck } from '../helpers/check-tester.js';
import { inventory, lambdaFunction, ok } from '../helpers/inventory.js';
import { buildCorpus, type CorpusCase, type Expect } from './secret-corpus.js';

const SALT = Buffer.from('corpus-salt-corpus-salt-corpus-s');

/** What the classifier said, in the corpus's terms (no value). */
function observed(v: EnvVar): Expect {
  if (v.secret)
    return {
      type: 'secret',
      provider: v.secret.confidence === 'name-only' ? '' : (v.secret.provider ?? ''),
      confidence: v.secret.confidence ?? 'value-match',
    };
  if (v.clean) return { type: 'clean', reason: v.clean.reason };
  if (v.defaultCredential) return { type: 'default-credential' };
  return { type: 'plain' };
}

async function classifyCorpus(corpus: CorpusCase[]): Promise<EnvVar[]> {
  // One function per case, so names may repeat across cases.
  const out = await classifyEnvironments(
    corpus.map((c) => ({ [c.name]: c.value })),
    SALT,
  );
  return out.map((fn) => {
    const [v] = fn;
    assert.ok(v);
    return v;
  });
}

describe('secret corpus (issue 13)', () => {
  const corpus = buildCorpus();

  it('every positive is detected with the right provider and confidence, every negative is clean', async () => {
    const results = await classifyCorpus(corpus);
    const wrong: string[] = [];
    for (const [i, c] of corpus.entries()) {
      const v = results[i];
      assert.ok(v);
      EnvVarSchema.parse(v);
      const got = observed(v);
      // Labels and verdict kinds only: never a value in a failure message.
      if (JSON.stringify(got) !== JSON.stringify(c.expect))
        wrong.push(`${c.label}: expected ${JSON.stringify(c.expect)}, got ${JSON.stringify(got)}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('recall and precision of "is a secret" over the corpus', async (t) => {
    const results = await classifyCorpus(corpus);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let tn = 0;
    for (const [i, c] of corpus.entries()) {
      const predicted = results[i]?.secret != null;
      const actual = c.expect.type === 'secret';
      if (predicted && actual) tp++;
      else if (predicted) fp++;
      else if (actual) fn++;
      else tn++;
    }
    const recall = tp / (tp + fn);
    const precision = tp / (tp + fp);
    t.diagnostic(
      `corpus: ${corpus.length} cases; tp ${tp}, fp ${fp}, fn ${fn}, tn ${tn}; recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)}`,
    );
    assert.equal(recall, 1);
    assert.equal(precision, 1);
  });

  it('no value reaches any output: records, their JSON, or an error from a failing linter', async () => {
    const values = corpus.map((c) => c.value).filter((v) => v.length >= 6);
    const results = await classifyCorpus(corpus);
    const failing = await classifyEnvironments(
      corpus.map((c) => ({ [c.name]: c.value })),
      SALT,
      { lint: (content) => Promise.reject(new Error(`linter failed on ${content}`)) },
    );
    // And through both checks, one function per case: messages and evidence.
    const inv = inventory({
      functions: results.map((v, i) => lambdaFunction({ name: `fn-${i}`, environment: ok([v]) })),
    });
    const checked = [envSecrets, envDefaultCredential].flatMap((check) => evaluateCheck(check, inv));
    assert.equal(checked.filter((r) => r.status === 'fail').length > 0, true);
    const texts = [JSON.stringify(results), JSON.stringify(failing), JSON.stringify(checked)];
    for (const text of texts) {
      // All-digit values (123456) are skipped: they occur in account ids, which are not leaks.
      const leaked = corpus
        .filter((c) => c.value.length >= 6 && !/^\d+$/.test(c.value) && text.includes(c.value))
        .map((c) => c.label);
      assert.deepEqual(leaked, [], 'a value appeared in the classifier output');
      // Not even a long fragment of one (e.g. a token's body without its prefix).
      const fragments = values.flatMap((v) => (v.length >= 24 ? [v.slice(-20)] : []));
      assert.equal(
        fragments.some((f) => text.includes(f)),
        false,
        'a value fragment appeared in the classifier output',
      );
    }
  });
});
