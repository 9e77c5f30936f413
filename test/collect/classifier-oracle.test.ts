/**
 * Differential test of the env-var classifier (issue 13): the fast classifier of
 * src/collect/env-vars.ts must answer exactly as the frozen reference (classifier-oracle.ts) on
 * the whole corpus, on crafted batches where a variable's secretlint verdict depends on its
 * neighbour, and on seeded random fleets. Exactly: deep-equal and the same JSON text (key order
 * included), per variable. Values are built at run time and never appear in a test name or a
 * failure message: a difference is reported by function and variable index only, and the
 * property's counterexample is not printed.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  classifyEnvironment,
  classifyEnvironments,
  type EnvLinter,
  secretlint,
} from '../../src/collect/env-vars.js';
import type { EnvVar } from '../../src/inventory/schema.js';
import { oracleClassifyEnvironments } from './classifier-oracle.js';
import { buildCorpus } from './secret-corpus.js';
import { RULE_SAMPLES } from './secretlint-samples.js';

const SALT = Buffer.from('oracle-salt-oracle-salt-oracle-s');
type Fleet = Array<Record<string, string>>;

/** Where two classifications first differ, by index only; null if they are identical. */
function firstDifference(actual: EnvVar[][], expected: EnvVar[][]): string | null {
  if (actual.length !== expected.length) return `function count ${actual.length} vs ${expected.length}`;
  for (const [f, fn] of expected.entries()) {
    const got = actual[f] ?? [];
    if (got.length !== fn.length) return `function ${f}: variable count ${got.length} vs ${fn.length}`;
    for (const [v, want] of fn.entries()) {
      const have = got[v];
      if (JSON.stringify(have) !== JSON.stringify(want)) return `function ${f}, variable ${v}`;
    }
  }
  try {
    assert.deepStrictEqual(actual, expected);
  } catch {
    return 'deep equality (same JSON text)';
  }
  return null;
}

async function assertSameAsOracle(fleet: Fleet, what: string): Promise<void> {
  const [actual, expected] = [
    await classifyEnvironments(fleet, SALT),
    await oracleClassifyEnvironments(fleet, SALT),
  ];
  assert.equal(firstDifference(actual, expected), null, what);
}

const j = (...parts: string[]) => parts.join('');
const rep = (alphabet: string, n: number, shift = 0) => {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[(i * 7 + 3 + shift) % alphabet.length];
  return out;
};
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const ORDINARY: Record<string, string> = {
  LOG_LEVEL: 'INFO',
  STAGE: 'prod',
  QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/q',
  FEATURE_FLAGS: '{"beta":true}',
  REGION_HINT: 'asia-east1',
};

/** A real private key (generated here, thrown away) split at its END marker: header+body, then the rest. */
function splitPrivateKey(): { head: string; tail: string } {
  const pem = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    .privateKey.export({ format: 'pem', type: 'pkcs8' })
    .toString();
  const end = pem.indexOf(j('-----END', ' '));
  return { head: pem.slice(0, end), tail: pem.slice(end) };
}

/**
 * Batches in which one variable's line, rendered before another's, lets a secretlint match run
 * from one into the next: the verdicts the reference gives depend on the neighbour.
 */
function entangledFleets(): Array<{ label: string; fleet: Fleet }> {
  // The next line supplies the 40 key characters: its name (class characters only), `=`, and the
  // rest of its value. The reference lints a line only if it is anchored, hence SECRET in the name.
  const restOfKey = rep(ALNUM, 40 - 'SECRETB='.length);
  const { head, tail } = splitPrivateKey();
  return [
    {
      label: 'an AWS secret-key name at the end of one value, the key in the next line',
      fleet: [{ A_NOTE: j('see aws_secret', '_access_key ='), SECRETB: restOfKey }, ORDINARY],
    },
    {
      label: 'a value ending in the key word, the connector from the next line, named "="',
      fleet: [{ '0': j('AWS_SECRET', '_ACCESS_KEY'), '=': j('secret', rep(ALNUM, 33)) }],
    },
    {
      label: 'a PEM header and body in one variable, the END marker in the next',
      fleet: [
        { KEY1: head, KEY2SECRET: j('\n', tail) },
        { OTHER: head, NEXT: 'plain' },
      ],
    },
    {
      label: 'an AWS secret-key name with a blank value, the key in the next line',
      fleet: [{ AWS_SECRET_ACCESS_KEY: '  ', SECRETB: restOfKey }],
    },
  ];
}

describe('env-var classifier: identical to the frozen reference', () => {
  it('on the whole corpus: one function per case, all cases together, and repeated', async () => {
    const corpus = buildCorpus();
    const one = corpus.map((c) => ({ [c.name]: c.value }));
    const together = [Object.fromEntries(corpus.map((c, i) => [`${c.name}_${i}`, c.value]))];
    const mixed = corpus.map((c, i) => ({
      ...ORDINARY,
      [c.name]: c.value,
      [`ALSO_${i % 5}`]: corpus[(i * 7) % 86]?.value ?? '',
    }));
    await assertSameAsOracle(one, 'one function per case');
    await assertSameAsOracle(together, 'all cases in one function');
    await assertSameAsOracle([...mixed, ...mixed, ...one], 'cases among ordinary settings, repeated');
    await assertSameAsOracle(
      buildCorpus(14).map((c) => ({ [c.name]: c.value })),
      'another corpus draw',
    );
    const samples = RULE_SAMPLES.map((s) => ({ ...ORDINARY, [s.name]: s.value }));
    await assertSameAsOracle([...samples, ...samples], 'one sample per secretlint rule');
  });

  it('where a verdict depends on the neighbouring variable (and the reference shows it does)', async () => {
    for (const [i, { fleet }] of entangledFleets().entries()) {
      await assertSameAsOracle(fleet, `entangled fleet ${i}`);
      // Proof that the case is what it claims: classified one variable per batch, the reference
      // says something else, so the neighbour mattered.
      const oneByOne: EnvVar[] = [];
      for (const vars of fleet) {
        for (const [name, value] of Object.entries(vars))
          oneByOne.push(...(await oracleClassifyEnvironments([{ [name]: value }], SALT)).flat());
      }
      const together = (await oracleClassifyEnvironments(fleet, SALT)).flat();
      const sorted = (xs: EnvVar[]) =>
        [...xs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      assert.notDeepEqual(
        sorted(oneByOne),
        sorted(together),
        `entangled fleet ${i} depends on its neighbour`,
      );
    }
  });

  it('across chunks: a batch larger than one lint text, with entangled and plain chunks', async () => {
    const corpus = buildCorpus();
    const fleet: Fleet = [];
    for (let f = 0; f < 400; f++) {
      const c = corpus[f % corpus.length];
      fleet.push({ ...ORDINARY, BLOB: rep(ALNUM, 900, f), ...(c ? { [c.name]: c.value } : {}) });
    }
    const [entangled] = entangledFleets();
    fleet.splice(150, 0, ...(entangled?.fleet ?? []));
    await assertSameAsOracle(fleet, 'several chunks');
  });

  it('through the single-function entry point (calls coalesced into one batch)', async () => {
    const fleet: Fleet = buildCorpus().map((c) => ({ ...ORDINARY, [c.name]: c.value }));
    for (const { fleet: extra } of entangledFleets()) fleet.push(...extra);
    const actual = await Promise.all(fleet.map((vars) => classifyEnvironment(vars, SALT)));
    assert.equal(firstDifference(actual, await oracleClassifyEnvironments(fleet, SALT)), null);
  });

  it('when secretlint fails: every time, and only on the first call', async () => {
    const fleet: Fleet = buildCorpus().map((c) => ({ ...ORDINARY, [c.name]: c.value }));
    const failing: EnvLinter = async () => {
      throw new Error('secretlint failed');
    };
    const alwaysFails = await classifyEnvironments(fleet, SALT, { lintAsSecretlint: failing });
    // One chunk holding anchored variables: the reference marks it failed whatever the filter.
    const expected = await oracleClassifyEnvironments(fleet, SALT, { lint: failing });
    assert.equal(firstDifference(alwaysFails, expected), null, 'always failing');
    assert.ok(alwaysFails.flat().some((v) => v.secret?.detector === 'secretlint-error'));

    let calls = 0;
    const failsOnce: EnvLinter = (content) => (calls++ === 0 ? failing(content) : secretlint(content));
    const recovered = await classifyEnvironments(fleet, SALT, { lintAsSecretlint: failsOnce });
    assert.ok(calls > 1, 'the batch was linted again');
    assert.equal(
      firstDifference(recovered, await oracleClassifyEnvironments(fleet, SALT)),
      null,
      'failing once',
    );
  });

  it('with a replacement linter that reports anywhere', async () => {
    const fleet: Fleet = buildCorpus()
      .slice(0, 30)
      .map((c) => ({ ...ORDINARY, [c.name]: c.value }));
    const everywhere: EnvLinter = async (content) =>
      Array.from({ length: Math.floor(content.length / 97) }, (_, k) => ({
        ruleId: `rule-${k % 3}`,
        start: k * 97,
      }));
    const actual = await classifyEnvironments(fleet, SALT, { lint: everywhere });
    assert.equal(
      firstDifference(actual, await oracleClassifyEnvironments(fleet, SALT, { lint: everywhere })),
      null,
    );
  });

  it('on seeded random fleets of look-alikes, mutations, unicode, empty and long values', async () => {
    const corpus = buildCorpus();
    const corpusValues = [...corpus.map((c) => c.value), ...RULE_SAMPLES.map((s) => s.value)];
    const { head, tail } = splitPrivateKey();
    const names = fc.oneof(
      fc.constantFrom(...new Set([...corpus.map((c) => c.name), ...RULE_SAMPLES.map((s) => s.name)])),
      fc.constantFrom(
        'AWS_SECRET_ACCESS_KEY',
        'aws_secret_access_key',
        'DB_PASSWORD',
        'API_KEY',
        'LOG_LEVEL',
        'KEY',
      ),
      fc.constantFrom('', ' ', '=x', ':y', 'naïve_ключ', '-----BEGIN PRIVATE KEY-----', 'secretlint-disable'),
      fc.string({ unit: fc.constantFrom(...'ABCDEFGHKPSTWY_xyz019'.split('')), minLength: 1, maxLength: 24 }),
    );
    const mutate = (v: string, at: number, op: number, ch: string): string => {
      const i = v.length === 0 ? 0 : at % (v.length + 1);
      switch (op % 5) {
        case 0:
          return v.slice(0, i);
        case 1:
          return v.slice(0, i) + ch + v.slice(i);
        case 2:
          return v.slice(0, i) + v.slice(i + 1);
        case 3:
          return v.slice(0, i) + (v[i] ?? '').toLowerCase() + v.slice(i + 1);
        default:
          return v.slice(0, i) + (v[i] ?? '').toUpperCase() + v.slice(i + 1);
      }
    };
    const values = fc.oneof(
      fc.constantFrom(...corpusValues),
      fc
        .tuple(
          fc.constantFrom(...corpusValues),
          fc.nat(),
          fc.nat(),
          fc.constantFrom('x', '=', ':', '\n', ' ', '@', '-', 'é'),
        )
        .map(([v, at, op, ch]) => mutate(v, at, op, ch)),
      fc.constantFrom(
        '',
        ' ',
        'INFO',
        'true',
        '1234567',
        '${SECRET}',
        '<password>',
        'changeme',
        'arn:aws:ssm:x:1:parameter/p',
      ),
      fc.constantFrom(
        head,
        tail,
        j('\n', tail),
        j(head, tail),
        j('x SECRET', '_ACCESS_KEY:'),
        j('Secret', 'AccessKey'),
      ),
      fc.constantFrom('{"password":"hunter2hunter2"}', '{"db":{"token":"abc"}}', '{"n":1}'),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: fc.constantFrom(...`${ALNUM}+/=:@._-'" \n`.split('')), maxLength: 120 }),
      fc
        .tuple(fc.constantFrom(...corpusValues), fc.integer({ min: 2, max: 60 }))
        .map(([v, n]) => v.repeat(n)),
    );
    const fleets = fc.array(fc.dictionary(names, values, { maxKeys: 8 }), { minLength: 1, maxLength: 12 });
    // Functions drawn from a small pool as well, so batches repeat themselves as real fleets do.
    const withRepeats = fleets.chain((fleet) =>
      fc
        .array(fc.nat({ max: fleet.length - 1 }), { maxLength: 12 })
        .map((picks) => [...fleet, ...picks.map((p) => fleet[p] ?? {})]),
    );
    let runs = 0;
    const details = await fc.check(
      fc.asyncProperty(withRepeats, async (fleet) => {
        runs++;
        const [actual, expected] = [
          await classifyEnvironments(fleet, SALT),
          await oracleClassifyEnvironments(fleet, SALT),
        ];
        return firstDifference(actual, expected) === null;
      }),
      { seed: 13_13_13, numRuns: 150 },
    );
    // The counterexample holds values: report only where to replay it.
    assert.equal(
      details.failed,
      false,
      `differs from the reference (seed ${details.seed}, path ${details.counterexamplePath})`,
    );
    assert.equal(runs >= 150, true);
  });
});
