/**
 * The two claims secretlint-prefilter.ts makes about the recommended preset, checked against
 * secretlint itself: (1) a line none of whose halves holds a rule's piece is never reported, and
 * every piece implies the older, looser anchor; (2) a line that neither opens a span nor continues
 * one is reported the same alone as after or before any other line. Seeded properties over
 * fragments of every rule's own sample; values never appear in a test name or message.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SECRETLINT_ANCHOR, secretlint } from '../../src/collect/env-vars.js';
import {
  mayContinuePrevious,
  mayInterestSecretlint,
  mayRunIntoNext,
} from '../../src/collect/secretlint-prefilter.js';
import { buildCorpus } from './secret-corpus.js';
import { ALNUM, RULE_SAMPLES } from './secretlint-samples.js';

const admitted = (name: string, value: string) => mayInterestSecretlint(name) || mayInterestSecretlint(value);

/** Values made of rule samples, whole or cut, glued and suffixed: near every rule's shape. */
const samples = fc.constantFrom(...RULE_SAMPLES.map((s) => s.value), ...buildCorpus().map((c) => c.value));
const glue = fc.constantFrom('', ' ', '\n', '=', ':', '@', '"', 'KEY', '-----END PRIVATE KEY-----', 'x', '_');
const cut = fc.tuple(samples, fc.nat(), fc.nat()).map(([v, a, b]) => {
  const from = v.length === 0 ? 0 : a % v.length;
  return v.slice(from, from + (b % (v.length - from + 1)));
});
const fragments = fc.oneof(
  fc.tuple(glue, samples, glue).map(([a, v, b]) => a + v + b),
  fc.tuple(samples, fc.nat()).map(([v, n]) => v.slice(0, v.length - (n % 4))),
  fc.tuple(cut, glue).map(([v, g]) => v + g),
);
const names = fc.oneof(
  fc.constantFrom(...RULE_SAMPLES.map((s) => s.name), 'AWS_SECRET_ACCESS_KEY', 'LOG_LEVEL', 'X'),
  fc.string({ unit: fc.constantFrom(...`${ALNUM}_`.split('')), minLength: 1, maxLength: 12 }),
);
const values = fc.oneof(
  fragments,
  fc.tuple(fragments, fragments).map(([a, b]) => a + b),
  fc.string({ unit: fc.constantFrom(...`${ALNUM}:/@._-=+"' \n`.split('')), maxLength: 80 }),
);

/**
 * The rules the filter's pieces were read from, and the ones it need not cover (secretlint-prefilter.ts
 * says why). A preset upgrade that adds a rule fails here until the rule has a piece and a sample.
 */
const NOT_NEEDED = new Set(['gcp', 'filter-comments']);

describe('secretlint prefilter: what a rule needs', () => {
  it('has a sample for every rule of the installed preset, and no sample for a rule it lacks', async () => {
    const preset = (await import('@secretlint/secretlint-rule-preset-recommend')) as {
      rules: ReadonlyArray<{ meta: { id: string } }>;
    };
    const installed = preset.rules
      .map((r) => r.meta.id.replace('@secretlint/secretlint-rule-', ''))
      .filter((id) => !NOT_NEEDED.has(id))
      .sort();
    assert.deepEqual([...new Set(RULE_SAMPLES.map((s) => s.rule))].sort(), installed);
  });

  it('admits every rule of the preset on its own sample', async () => {
    for (const [i, s] of RULE_SAMPLES.entries()) {
      const hits = await secretlint(`${s.name}=${s.value}\n`);
      assert.ok(hits.length > 0, `sample ${i} (${s.rule}) is reported`);
      assert.ok(admitted(s.name, s.value), `sample ${i} (${s.rule}) is admitted`);
    }
  });

  it('secretlint reports no line the filter skips (seeded property, near every rule)', async () => {
    let reported = 0;
    const details = await fc.check(
      fc.asyncProperty(names, values, async (name, value) => {
        const hits = await secretlint(`${name}=${value}\n`);
        if (hits.length > 0) reported++;
        return hits.length === 0 || admitted(name, value);
      }),
      { seed: 4_242, numRuns: 800 },
    );
    assert.equal(
      details.failed,
      false,
      `a skipped line was reported (seed ${details.seed}, path ${details.counterexamplePath})`,
    );
    // The property proves something only if secretlint did report many of the drawn lines.
    assert.ok(reported > 30, `reported lines: ${reported}`);
  });

  it('admits only what the older anchor admitted (it lints fewer variables, never others)', async () => {
    const details = fc.check(
      fc.property(
        fc.oneof(names, values),
        (text) => !mayInterestSecretlint(text) || SECRETLINT_ANCHOR.test(text),
      ),
      { seed: 4_243, numRuns: 3_000 },
    );
    assert.equal(details.failed, false, `admitted beyond the anchor (seed ${details.seed})`);
  });
});

describe('secretlint prefilter: when a line stands alone', () => {
  it('knows the shapes that run into the next line, and the names that continue one', () => {
    assert.equal(mayRunIntoNext('A', 'see aws_secret_access_key ='), true);
    assert.equal(mayRunIntoNext('AWS_SECRET_ACCESS_KEY', '  '), true);
    assert.equal(mayRunIntoNext('A', '-----BEGIN PRIVATE KEY-----\nMIIB'), true);
    assert.equal(mayRunIntoNext('-----BEGIN PRIVATE KEY-----', 'MIIB'), true);
    assert.equal(mayContinuePrevious(''), true);
    assert.equal(mayContinuePrevious(' =x'), true);
    // Near misses: a key word with no connector, a complete key, an ordinary name.
    assert.equal(mayRunIntoNext('KMS', 'alias/orders-token-key'), false);
    assert.equal(mayRunIntoNext('A', '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----'), false);
    assert.equal(mayRunIntoNext('LOG_LEVEL', 'INFO'), false);
    assert.equal(mayContinuePrevious('LOG_LEVEL'), false);
  });

  it('two lines that are neither are reported as each alone (seeded property)', async () => {
    let compared = 0;
    let withHits = 0;
    const details = await fc.check(
      fc.asyncProperty(fc.tuple(names, values), fc.tuple(names, values), async ([n1, v1], [n2, v2]) => {
        if (mayRunIntoNext(n1, v1) || mayContinuePrevious(n2)) return true;
        const a = `${n1}=${v1}\n`;
        const b = `${n2}=${v2}\n`;
        const starts = async (text: string, shift: number) =>
          (await secretlint(text)).map((h) => `${h.ruleId}#${h.messageId}@${h.start + shift}`).sort();
        const together = await starts(a + b, 0);
        const apart = [...(await starts(a, 0)), ...(await starts(b, a.length))].sort();
        compared++;
        if (together.length > 0) withHits++;
        return JSON.stringify(together) === JSON.stringify(apart);
      }),
      { seed: 4_244, numRuns: 400 },
    );
    assert.equal(
      details.failed,
      false,
      `two lines interfered (seed ${details.seed}, path ${details.counterexamplePath})`,
    );
    assert.ok(compared > 200, `pairs compared: ${compared}`);
    assert.ok(withHits > 30, `pairs with a report: ${withHits}`);
  });
});
