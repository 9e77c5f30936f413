import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { classifyEnvironments, secretWord } from '../../src/collect/env-vars.js';
import { base62, matchPattern, PATTERNS, tokenChecksumValid } from '../../src/collect/secret-patterns.js';
import { buildCorpus } from './secret-corpus.js';

describe('secret patterns', () => {
  it('every pattern cites its format documentation and is exercised by the corpus', async () => {
    const corpus = buildCorpus();
    const out = await classifyEnvironments(
      corpus.map((c) => ({ [c.name]: c.value })),
      Buffer.from('s'),
    );
    const hit = new Set(out.flatMap((fn) => fn.flatMap((v) => (v.secret ? [v.secret.detector] : []))));
    // Our own patterns run on every value, also where secretlint answered first.
    for (const c of corpus) {
      const own = matchPattern(c.value);
      if (own) hit.add(own.detector);
    }
    for (const p of PATTERNS) assert.match(p.ref, /^https:\/\//, p.id);
    assert.deepEqual(
      PATTERNS.map((p) => `pattern:${p.id}`).filter((id) => !hit.has(id)),
      [],
    );
  });

  it("each pattern's hint holds wherever the pattern matches (seeded property)", () => {
    const values = buildCorpus().map((c) => c.value);
    const near = fc
      .tuple(
        fc.constantFrom(...values),
        fc.nat(),
        fc.nat(),
        fc.constantFrom('', 'x', '-', '=', ':', '@', '.', '_'),
      )
      .map(([v, a, b, g]) => {
        const from = a % (v.length + 1);
        return `${g}${v.slice(from, from + (b % (v.length - from + 1)))}${g}`;
      });
    let matched = 0;
    const details = fc.check(
      fc.property(fc.oneof(fc.constantFrom(...values), near), (value) =>
        PATTERNS.every((p) => {
          if (p.re.exec(value) === null) return true;
          matched++;
          return p.hint.test(value);
        }),
      ),
      { seed: 2_121, numRuns: 2_000 },
    );
    assert.equal(details.failed, false, `a pattern matched without its hint (seed ${details.seed})`);
    assert.ok(matched > 300, `pattern matches seen: ${matched}`);
  });

  it('verifies the CRC32/base62 checksum of GitHub and npm tokens', () => {
    const body = 'A'.repeat(30);
    const check = base62(crc32(body), 6);
    assert.equal(check.length, 6);
    assert.equal(tokenChecksumValid(['gh', 'p_'].join('') + body + check), true);
    assert.equal(tokenChecksumValid(['np', 'm_'].join('') + body + check), true);
    assert.equal(
      tokenChecksumValid(['gh', 'p_'].join('') + body + (check === '000000' ? '000001' : '000000')),
      false,
    );
    assert.equal(tokenChecksumValid(['gh', 'p_'].join('') + body), false);
    assert.equal(base62(0, 6), '000000');
    assert.equal(base62(61, 1), 'z');
    assert.equal(base62(62, 2), '10');
  });

  it('reads a secret word as the value only when nothing but a stage or encoding follows it', () => {
    const words = Object.fromEntries(
      [
        'DB_PASSWORD',
        'DB_PASSWORD_PROD',
        'CLIENT_SECRET_B64',
        'SECRET_KEY_BASE',
        'AWS_SECRET_ACCESS_KEY',
        'SMTP_PASS',
        'CACHE_BYPASS',
        'AUTH_SCOPES',
        'PASSWORD_POLICY',
        'TOKEN_KMS_KEY_ALIAS',
        'SECRET_ARN',
        'apiKey',
        'AUTHOR',
      ].map((n) => [n, secretWord(n)]),
    );
    assert.deepEqual(words, {
      DB_PASSWORD: 'PASSWORD',
      DB_PASSWORD_PROD: 'PASSWORD',
      CLIENT_SECRET_B64: 'SECRET',
      SECRET_KEY_BASE: 'SECRET',
      AWS_SECRET_ACCESS_KEY: 'ACCESS_KEY',
      SMTP_PASS: 'PASS',
      CACHE_BYPASS: null,
      AUTH_SCOPES: null,
      PASSWORD_POLICY: null,
      TOKEN_KMS_KEY_ALIAS: null,
      SECRET_ARN: null,
      apiKey: 'API_KEY',
      AUTHOR: null,
    });
  });
});
