import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  classifyEnvironment,
  classifyEnvironments,
  fingerprint,
  nameHeuristic,
  SECRETLINT_ERROR_DETECTOR,
} from '../../src/collect/env-vars.js';
import type { EnvVar } from '../../src/inventory/schema.js';
import { EnvVar as EnvVarSchema } from '../../src/inventory/schema.js';

const SALT = Buffer.from('0123456789abcdef0123456789abcdef');

// Fake credentials are assembled at runtime so this file itself never matches a secret scanner.
const cat = (...parts: string[]) => parts.join('');
const FAKE = {
  awsKeyId: cat('AKIA', 'QYLPMN5HHHFPZAM2'),
  awsSecret: cat('1tUm636uS1yOEcfP5pvfqJ/ml36', 'mF7AkyHsEU0IU'),
  github: cat('ghp_', 'wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO', '0pINUx'),
  slack: cat('xoxb-', '123456789012-1234567890123-', 'AbCdEfGhIjKlMnOpQrStUvWx'),
  pem: cat(
    '-----BEGIN RSA ',
    'PRIVATE KEY-----\n',
    `MII${'EowIBAAKCAQEA'.repeat(12)}`,
    '\n-----END RSA ',
    'PRIVATE KEY-----',
  ),
  pemHeaderOnly: cat('-----BEGIN ', 'PRIVATE KEY-----\\n...'),
  postgres: cat('postgres://app:', 'Sup3rS3cretPw', '@db.internal.example.com:5432/orders'),
};

const byName = (vars: EnvVar[]) => Object.fromEntries(vars.map((v) => [v.name, v.secret?.detector ?? null]));

describe('classifyEnvironment: real secret formats', () => {
  it('detects an AWS access key pair, GitHub and Slack tokens, a private key and a DB URL password', async () => {
    const out = await classifyEnvironment(
      {
        AWS_ACCESS_KEY_ID: FAKE.awsKeyId,
        AWS_SECRET_ACCESS_KEY: FAKE.awsSecret,
        GH: FAKE.github,
        NOTIFY: FAKE.slack,
        SIGNING_KEY: FAKE.pem,
        CERT_KEY: FAKE.pemHeaderOnly,
        DATABASE_URL: FAKE.postgres,
      },
      SALT,
    );
    assert.deepEqual(byName(out), {
      AWS_ACCESS_KEY_ID: '@secretlint/secretlint-rule-aws',
      AWS_SECRET_ACCESS_KEY: '@secretlint/secretlint-rule-aws',
      CERT_KEY: 'pem-private-key',
      DATABASE_URL: '@secretlint/secretlint-rule-database-connection-string',
      GH: '@secretlint/secretlint-rule-github',
      NOTIFY: '@secretlint/secretlint-rule-slack',
      SIGNING_KEY: '@secretlint/secretlint-rule-privatekey',
    });
    for (const v of out) EnvVarSchema.parse(v);
  });

  it('flags shapeless secrets by name, glued or camelCase names included', async () => {
    const out = await classifyEnvironment(
      {
        DB_PASSWORD: 'correct-horse-battery',
        dbPassword: 'correct-horse-battery',
        GITHUBTOKEN: 'abcdefgh12345678',
        STRIPE_API_KEY: 'sk_live_notreal_12345',
        CLIENT_SECRETS: 'k8s-secret-blob-value',
        OAUTH_CREDENTIALS: '{"client":"x","key":"y"}',
      },
      SALT,
    );
    assert.deepEqual(byName(out), {
      CLIENT_SECRETS: 'name-heuristic:SECRET',
      DB_PASSWORD: 'name-heuristic:PASSWORD',
      GITHUBTOKEN: 'name-heuristic:TOKEN',
      OAUTH_CREDENTIALS: 'name-heuristic:CREDENTIAL',
      STRIPE_API_KEY: 'name-heuristic:API_KEY',
      dbPassword: 'name-heuristic:PASSWORD',
    });
  });
});

describe('classifyEnvironment: near-misses stay clean', () => {
  it('passes references, settings and names that only describe a secret', async () => {
    const out = await classifyEnvironment(
      {
        SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
        TOKEN_TTL_SECONDS: '3600',
        DB_PASSWORD_PARAM: '/prod/db/password',
        API_KEY_HEADER: 'x-api-key',
        AUTH_ENABLED: 'true',
        DB_PASSWORD: '{{resolve:secretsmanager:prod/db:SecretString:password}}',
        ADMIN_PASSWORD: 'changeme',
        API_TOKEN: '',
        SHORT_SECRET: 'abc123',
        AUTHOR_NAME: 'Jane Developer Doe',
        TOKENIZER: 'bert-base-uncased-v2',
        SECRETS_MANAGER_ENDPOINT: 'https://secretsmanager.us-east-1.amazonaws.com',
        ACCOUNT_ID: '123456789012',
        TABLE_NAME: 'orders-prod',
      },
      SALT,
    );
    const flagged = out.filter((v) => v.secret !== null).map((v) => v.name);
    assert.deepEqual(flagged, []);
    // "changeme" is a default password: its own finding (lambda.env-default-credential), not a leak.
    assert.deepEqual(
      out.filter((v) => v.defaultCredential).map((v) => v.name),
      ['ADMIN_PASSWORD'],
    );
    const clean = Object.fromEntries(out.flatMap((v) => (v.clean ? [[v.name, v.clean.reason]] : [])));
    assert.deepEqual(clean, { DB_PASSWORD: 'reference' });
  });

  it('does not take a base64 secret that starts with "/" for a parameter path', () => {
    assert.equal(nameHeuristic('DB_PASSWORD', '/prod/db/password'), null);
    assert.equal(nameHeuristic('DB_PASSWORD', '/K7MDENGbPxRfiCYEXAMPLEKEY2x/9q'), 'PASSWORD');
  });
});

describe('classifyEnvironment: output shape', () => {
  it('sorts by name, fingerprints with the salt, and is stable for equal values', async () => {
    const vars = { Z_TOKEN: 'same-value-123', A_TOKEN: 'same-value-123', M: 'plain' };
    const out = await classifyEnvironment(vars, SALT);
    assert.deepEqual(
      out.map((v) => v.name),
      ['A_TOKEN', 'M', 'Z_TOKEN'],
    );
    const fp = fingerprint(SALT, 'same-value-123');
    assert.match(fp, /^[0-9a-f]{12}$/);
    assert.equal(out[0]?.secret?.fingerprint, fp);
    assert.equal(out[2]?.secret?.fingerprint, fp);
    const other = await classifyEnvironment(vars, Buffer.from('another salt'));
    assert.notEqual(other[0]?.secret?.fingerprint, fp);
  });

  it('returns [] for undefined or empty environments', async () => {
    assert.deepEqual(await classifyEnvironment(undefined, SALT), []);
    assert.deepEqual(await classifyEnvironment({}, SALT), []);
  });

  it('maps findings back to the right variable when values span lines', async () => {
    const out = await classifyEnvironment(
      {
        A_CERT_BUNDLE: `line one\nline two\n${FAKE.github}`,
        B_PLAIN: 'nothing to see here',
        C_CONFIG: `region=us-east-1\nAWS_SECRET_ACCESS_KEY=${FAKE.awsSecret}`,
        D_PLAIN: 'also plain',
      },
      SALT,
    );
    assert.deepEqual(byName(out), {
      A_CERT_BUNDLE: '@secretlint/secretlint-rule-github',
      B_PLAIN: null,
      C_CONFIG: '@secretlint/secretlint-rule-aws',
      D_PLAIN: null,
    });
  });

  it('cannot be told to stop scanning by a value holding a secretlint-disable comment', async () => {
    const out = await classifyEnvironment({ A_NOTE: '# secretlint-disable', B: FAKE.github }, SALT);
    assert.equal(byName(out).B, '@secretlint/secretlint-rule-github');
  });

  it('coalesces concurrent calls into a batch with the same answers as one-by-one', async () => {
    const envs: Array<Record<string, string> | undefined> = [
      { TABLE: 'orders', GH: FAKE.github },
      { DB_PASSWORD: 'hunter2hunter2' },
      { PLAIN: 'x' },
      undefined,
      { DATABASE_URL: FAKE.postgres, Q: 'queue' },
    ];
    const concurrent = await Promise.all(envs.map((e) => classifyEnvironment(e, SALT)));
    const batched = await classifyEnvironments(envs, SALT);
    const oneByOne: EnvVar[][] = [];
    for (const e of envs) oneByOne.push(await classifyEnvironment(e, SALT));
    assert.deepEqual(concurrent, oneByOne);
    assert.deepEqual(batched, oneByOne);
    assert.equal(byName(oneByOne[0] ?? []).GH, '@secretlint/secretlint-rule-github');
    assert.equal(byName(oneByOne[0] ?? []).TABLE, null);
  });
});

describe('classifyEnvironment: secretlint failure', () => {
  const throwingLint = (content: string) => Promise.reject(new Error(`boom while reading ${content}`));

  it('falls back to our own patterns and the name heuristic, records secretlint-error, leaks no value', async () => {
    const out = await classifyEnvironment(
      { DB_PASSWORD: 'hunter2hunter2', GH: FAKE.github, PLAIN: 'nothing here' },
      SALT,
      { lint: throwingLint },
    );
    // Our own GitHub pattern does not depend on secretlint. FAKE.github's last 6 characters are the
    // CRC32 of its random part, so it verifies: evidence our checksum scheme is GitHub's.
    assert.deepEqual(byName(out), {
      DB_PASSWORD: SECRETLINT_ERROR_DETECTOR,
      GH: 'pattern:github-token',
      PLAIN: null,
    });
    assert.equal(out.find((v) => v.name === 'GH')?.secret?.confidence, 'value-match');
    const json = JSON.stringify(out);
    assert.ok(!json.includes('hunter2hunter2'));
    assert.ok(!json.includes(FAKE.github));
  });

  it('ignores a message whose offset lies outside every variable', async () => {
    const out = await classifyEnvironment({ A: 'plain value' }, SALT, {
      lint: async () => [{ ruleId: 'x', start: -5 }],
    });
    assert.deepEqual(byName(out), { A: null });
  });
});

describe('classifyEnvironment: never returns a value (property)', () => {
  const NAMES = ['DB_PASSWORD', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'CONFIG', 'X'] as const;
  const DETECTOR =
    /^(?:@secretlint\/secretlint-rule-[a-z0-9-]+|pattern:[a-z0-9-]+|json-field:[A-Z_]+|name-heuristic:[A-Z_]+|pem-private-key|secretlint-error)$/;
  const value = fc.oneof(
    fc.string({ minLength: 8, maxLength: 80 }),
    fc.string({ unit: 'binary', minLength: 8, maxLength: 80 }),
    fc.stringMatching(/^ghp_[A-Za-z0-9]{36}$/),
    fc.stringMatching(/^AKIA[A-Z0-9]{16}$/),
    fc.stringMatching(/^[A-Za-z0-9/+=]{40}$/),
    fc.stringMatching(/^[A-Za-z0-9]{8,20}$/).map((pw) => `postgres://u:${pw}@h.example.com/db`),
  );

  it('JSON of the result never contains a value of 8+ characters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), value, fc.string(), async (name, secret, neighbour) => {
        const out = await classifyEnvironment({ [name]: secret, NEIGHBOUR: neighbour }, SALT);
        for (const v of out) {
          if (v.secret === null) continue;
          assert.match(v.secret.detector, DETECTOR);
          assert.match(v.secret.fingerprint, /^[0-9a-f]{12}$/);
        }
        // Everything else in the output is a name or a fixed word; skip the (astronomically rare)
        // values that are a substring of that fixed text, which would match without any leak.
        const skeleton = JSON.stringify(
          out.map((v) => ({ ...v, secret: v.secret && { ...v.secret, fingerprint: '' } })),
        );
        fc.pre(!skeleton.includes(secret) && !/^[0-9a-f]+$/.test(secret));
        const json = JSON.stringify(out);
        assert.ok(!json.includes(secret), 'raw value found in output');
        assert.ok(!json.includes(JSON.stringify(secret).slice(1, -1)), 'JSON-escaped value found in output');
      }),
      { numRuns: 200 },
    );
  });
});

describe('EnvVar schema: additive fields', () => {
  it('reads a variable written before confidence, provider, clean and defaultCredential existed', () => {
    const old = {
      name: 'DB_PASSWORD',
      secret: { detector: 'name-heuristic:PASSWORD', fingerprint: '0123456789ab' },
    };
    assert.deepEqual(EnvVarSchema.parse(old), old);
    assert.deepEqual(EnvVarSchema.parse({ name: 'X', secret: null }), { name: 'X', secret: null });
  });
});
