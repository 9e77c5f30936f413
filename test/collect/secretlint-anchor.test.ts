/**
 * The secretlint pre-filter (SECRETLINT_ANCHOR) may only skip variables no preset rule can report:
 * every rule's own shape carries an anchor, no anchor-free text is ever reported, and classifying
 * with the filter gives exactly what classifying without it gives. Values are built from fragments
 * at run time (no key-shaped literal in the repository) and never appear in a test name or message.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { classifyEnvironments, SECRETLINT_ANCHOR, secretlint } from '../../src/collect/env-vars.js';
import { buildCorpus } from './secret-corpus.js';
import { ALNUM, RULE_SAMPLES } from './secretlint-samples.js';

const SALT = Buffer.from('anchor-salt-anchor-salt-anchor-s');
const anchored = (name: string, value: string) =>
  SECRETLINT_ANCHOR.test(name) || SECRETLINT_ANCHOR.test(value);

describe('secretlint pre-filter', () => {
  it('every preset rule reports its own sample, and each sample carries an anchor', async () => {
    for (const [i, s] of RULE_SAMPLES.entries()) {
      const hits = await secretlint(`${s.name}=${s.value}\n`);
      assert.ok(
        hits.some((h) => h.ruleId === `@secretlint/secretlint-rule-${s.rule}`),
        `sample ${i} (${s.rule}) is reported by its rule`,
      );
      assert.ok(anchored(s.name, s.value), `sample ${i} (${s.rule}) carries an anchor`);
    }
  });

  it('no corpus variable that secretlint reports lacks an anchor', async () => {
    for (const [i, c] of buildCorpus().entries()) {
      const hits = await secretlint(`${c.name}=${c.value}\n`);
      if (hits.length > 0) assert.ok(anchored(c.name, c.value), `corpus case ${i} (${c.label}) is anchored`);
    }
  });

  it('secretlint reports no text without an anchor (seeded property)', async () => {
    const chars = fc.constantFrom(...`${ALNUM}:/@._-=+"' \n`.split(''));
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: chars, maxLength: 160 }), async (value) => {
        fc.pre(!anchored('VALUE', value));
        const hits = await secretlint(`VALUE=${value}\n`);
        assert.equal(hits.length, 0);
      }),
      { numRuns: 300 },
    );
  });

  it('classifying with the filter gives exactly what classifying every variable gives', async () => {
    const corpus = buildCorpus();
    const functions = [
      ...corpus.map((c) => ({
        [c.name]: c.value,
        LOG_LEVEL: 'INFO',
        QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/q',
      })),
      ...RULE_SAMPLES.map((s) => ({ [s.name]: s.value, FEATURE_FLAGS: '{"beta":true}' })),
    ];
    const filtered = await classifyEnvironments(functions, SALT);
    // A replacement linter bypasses the filter: here it is secretlint itself, over every variable.
    const unfiltered = await classifyEnvironments(functions, SALT, { lint: secretlint });
    assert.deepEqual(filtered, unfiltered);
  });
});
