/**
 * A synthetic corpus for the env-var classifier: every format issue 13 lists, in its provider's
 * documented shape, plus clean look-alikes. No value here is a real credential, and none is
 * written out whole: each is assembled at run time from a prefix fragment and a generated body,
 * so secret scanners (GitHub push protection, secretlint on this repo) see no key in the source.
 * Case labels describe the case, never the value; tests must not print values.
 */
import { crc32 } from 'node:zlib';
import { base62 } from '../../src/collect/secret-patterns.js';

export type Expect =
  | { type: 'secret'; provider: string; confidence: 'value-match' | 'shape-match' | 'name-only' }
  | { type: 'clean'; reason: 'placeholder' | 'reference' | 'public-value' }
  | { type: 'default-credential' }
  | { type: 'plain' };

export interface CorpusCase {
  label: string;
  name: string;
  value: string;
  expect: Expect;
}

/** Deterministic generator (mulberry32), so the corpus is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = `${ALNUM}+/`;
const B64URL = `${ALNUM}_-`;
const HEX = '0123456789abcdef';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function buildCorpus(seed = 13): CorpusCase[] {
  const r = rng(seed);
  const s = (alphabet: string, n: number) => {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(r() * alphabet.length)];
    return out;
  };
  const j = (...parts: string[]) => parts.join('');
  /** prefix_ + 30 random + CRC32/base62 of the random part (GitHub's and npm's format). */
  const checksummedToken = (prefix: string) => {
    const body = s(ALNUM, 30);
    return `${prefix}_${body}${base62(crc32(body), 6)}`;
  };
  const secret = (
    provider: string,
    confidence: 'value-match' | 'shape-match' | 'name-only' = 'value-match',
  ): Expect => ({
    type: 'secret',
    provider,
    confidence,
  });
  const clean = (reason: 'placeholder' | 'reference' | 'public-value'): Expect => ({ type: 'clean', reason });
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const b64url = (obj: unknown) => Buffer.from(JSON.stringify(obj)).toString('base64url');
  const uuid = () => `${s(HEX, 8)}-${s(HEX, 4)}-${s(HEX, 4)}-${s(HEX, 4)}-${s(HEX, 12)}`;
  const stripeLive = j('sk', '_live_', s(ALNUM, 99));
  const jwt = j(
    b64url({ alg: 'HS256', typ: 'JWT' }),
    '.',
    b64url({ sub: '1234567890', iat: 1700000000 }),
    '.',
    s(B64URL, 43),
  );
  const pemPrivate = j(
    '-----BEGIN ',
    'PRIVATE KEY-----\n',
    s(B64, 64),
    '\n',
    s(B64, 64),
    '\n-----END ',
    'PRIVATE KEY-----\n',
  );

  const positives: CorpusCase[] = [
    { label: 'Stripe live secret key', name: 'PAYMENTS_CONFIG', value: stripeLive, expect: secret('Stripe') },
    {
      label: 'Stripe test secret key',
      name: 'STRIPE',
      value: j('sk', '_test_', s(ALNUM, 24)),
      expect: secret('Stripe'),
    },
    {
      label: 'Stripe restricted key',
      name: 'BILLING',
      value: j('rk', '_live_', s(ALNUM, 99)),
      expect: secret('Stripe'),
    },
    {
      label: 'Stripe webhook signing secret',
      name: 'HOOK',
      value: j('wh', 'sec_', s(ALNUM, 32)),
      expect: secret('Stripe'),
    },
    {
      label: 'GitLab personal access token',
      name: 'GL',
      value: j('gl', 'pat-', s(B64URL, 20)),
      expect: secret('GitLab'),
    },
    {
      label: 'GitLab deploy token',
      name: 'DEPLOY',
      value: j('gl', 'dt-', s(B64URL, 20)),
      expect: secret('GitLab'),
    },
    {
      label: 'Google API key',
      name: 'MAPS',
      value: j('AI', 'za', s(B64URL, 35)),
      expect: secret('Google Cloud'),
    },
    {
      label: 'Mailgun legacy API key',
      name: 'MG',
      value: j('key', '-', s(HEX, 32)),
      expect: secret('Mailgun'),
    },
    {
      label: 'Mailgun API key',
      name: 'MAILER',
      value: j(s(HEX, 32), '-', s(HEX, 8), '-', s(HEX, 8)),
      expect: secret('Mailgun'),
    },
    {
      label: 'Square production access token',
      name: 'SQ',
      value: j('EA', 'AA', s(B64URL, 60)),
      expect: secret('Square'),
    },
    {
      label: 'Square legacy access token',
      name: 'SQ_LEGACY',
      value: j('sq0', 'atp-', s(B64URL, 22)),
      expect: secret('Square'),
    },
    {
      label: 'Square application secret',
      name: 'SQ_APP',
      value: j('sq0', 'csp-', s(B64URL, 43)),
      expect: secret('Square'),
    },
    {
      label: 'Braintree access token',
      name: 'BT',
      value: j('access_token', '$production$', s(LOWER_ALNUM, 16), '$', s(HEX, 32)),
      expect: secret('Braintree (PayPal)'),
    },
    {
      label: 'PyPI upload token',
      name: 'TWINE',
      value: j('pypi-', 'AgEIcHlwaS5vcmc', s(B64URL, 70)),
      expect: secret('PyPI'),
    },
    {
      label: 'Azure Storage connection string',
      name: 'STORAGE',
      value: j(
        'DefaultEndpointsProtocol=https;AccountName=acct1;',
        'AccountKey=',
        s(B64, 86),
        '==;EndpointSuffix=core.windows.net',
      ),
      expect: secret('Azure'),
    },
    {
      label: 'Azure Service Bus connection string',
      name: 'BUS',
      value: j(
        'Endpoint=sb://ns1.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;',
        'SharedAccessKey=',
        s(B64, 43),
        '=',
      ),
      expect: secret('Azure'),
    },
    {
      label: 'Azure SAS URL',
      name: 'UPLOAD_TARGET',
      value: j(
        'https://acct1.blob.core.windows.net/c/f.txt?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&',
        'sig=',
        encodeURIComponent(s(B64, 43)),
        '%3D',
      ),
      expect: secret('Azure'),
    },
    {
      label: 'AWS STS session token',
      name: 'SESSION',
      value: j('IQoJb3Jp', 'Z2luX2Vj', s(B64, 300)),
      expect: secret('AWS'),
    },
    { label: 'JWT', name: 'BEARER', value: jwt, expect: secret('JWT') },
    {
      label: 'Anthropic admin key',
      name: 'CLAUDE_ADMIN',
      value: j('sk-ant-', 'admin01-', s(B64URL, 93), 'AA'),
      expect: secret('Anthropic'),
    },
    {
      label: 'base64-encoded PEM private key',
      name: 'KEY_B64',
      value: b64(pemPrivate),
      expect: secret('PEM'),
    },
    {
      label: 'JSON setting embedding a Stripe key',
      name: 'SETTINGS',
      value: JSON.stringify({ region: 'eu-west-1', stripe: { key: j('sk', '_live_', s(ALNUM, 40)) } }),
      expect: secret('Stripe'),
    },
    {
      label: 'JSON setting embedding a Google API key',
      name: 'APP_CONFIG_JSON',
      value: JSON.stringify({ maps: j('AI', 'za', s(B64URL, 35)) }),
      expect: secret('Google Cloud'),
    },
    {
      label: 'GitHub token with a valid checksum',
      name: 'CI',
      value: checksummedToken(j('gh', 'p')),
      expect: secret('GitHub'),
    },
    {
      label: 'npm token with a valid checksum',
      name: 'REGISTRY',
      value: checksummedToken(j('np', 'm')),
      expect: secret('npm'),
    },
    {
      label: 'Redis URL with password only',
      name: 'CACHE',
      value: j('redis', '://:', s(ALNUM, 20), '@cache.internal:6379/0'),
      expect: secret('URL'),
    },
    {
      label: 'rediss URL',
      name: 'CACHE_TLS',
      value: j('rediss', '://default:', s(ALNUM, 24), '@cache.internal:6380'),
      expect: secret('URL'),
    },
    {
      label: 'AMQP URL',
      name: 'BROKER',
      value: j('amqp', '://app:', s(ALNUM, 16), '@mq.internal:5672/vhost'),
      expect: secret('URL'),
    },
    {
      label: 'SQLAlchemy psycopg2 URL',
      name: 'SQLALCHEMY_URL',
      value: j('postgresql+psycopg2', '://app:', s(ALNUM, 18), '@db.internal/app'),
      expect: secret('URL'),
    },
    {
      label: 'JDBC URL with password parameter',
      name: 'JDBC',
      value: j('jdbc:postgresql://db.internal:5432/app?user=app&', 'password=', s(ALNUM, 14)),
      expect: secret('JDBC'),
    },
    {
      label: 'basic-auth URL with a percent-encoded password',
      name: 'UPSTREAM',
      value: j('https://svc:', s(ALNUM, 6), '%40', s(ALNUM, 6), '%2F', '@api.partner.example/v1'),
      expect: secret('URL'),
    },
    {
      label: 'Discord webhook URL',
      name: 'ALERTS',
      value: j('https://discord.com/api/', 'webhooks/', s('0123456789', 18), '/', s(B64URL, 68)),
      expect: secret('Discord'),
    },
    {
      label: 'Teams webhook URL',
      name: 'TEAMS',
      value: j(
        'https://contoso.',
        'webhook.office.com/webhookb2/',
        uuid(),
        '@',
        uuid(),
        '/IncomingWebhook/',
        s(HEX, 32),
        '/',
        uuid(),
      ),
      expect: secret('Microsoft Teams'),
    },
    {
      label: 'GitHub-shaped token whose checksum fails',
      name: 'CI_OLD',
      value: j('gh', 'p_', s(ALNUM, 30), '000000'),
      expect: secret('GitHub', 'shape-match'),
    },
    // Names the old word list lacked, values with no recognisable shape.
    { label: 'SMTP_PASS name', name: 'SMTP_PASS', value: s(ALNUM, 14), expect: secret('', 'name-only') },
    {
      label: 'ENCRYPTION_KEY name',
      name: 'ENCRYPTION_KEY',
      value: s(B64, 44),
      expect: secret('', 'name-only'),
    },
    { label: 'HMAC_KEY name', name: 'WEBHOOK_HMAC_KEY', value: s(HEX, 64), expect: secret('', 'name-only') },
    {
      label: 'APP_KEY name',
      name: 'APP_KEY',
      value: j('base64:', s(B64, 44)),
      expect: secret('', 'name-only'),
    },
    { label: 'FERNET_KEY name', name: 'FERNET_KEY', value: s(B64URL, 44), expect: secret('', 'name-only') },
    {
      label: 'LICENSE_KEY name',
      name: 'NEW_RELIC_LICENSE_KEY',
      value: s(HEX, 40),
      expect: secret('', 'name-only'),
    },
    {
      label: 'SERVICE_ROLE_KEY name',
      name: 'SUPABASE_SERVICE_ROLE_KEY',
      value: s(ALNUM, 40),
      expect: secret('', 'name-only'),
    },
    { label: 'JWT name', name: 'JWT', value: s(ALNUM, 32), expect: secret('', 'name-only') },
    {
      label: 'DSN name',
      name: 'SENTRY_DSN',
      value: j('https://', s(HEX, 32), '@o1.ingest.example.io/42'),
      expect: secret('', 'name-only'),
    },
    {
      label: 'CONNECTION_STRING name',
      name: 'DB_CONNECTION_STRING',
      value: j('Server=db;Database=app;User Id=app;', 'Password=', s(ALNUM, 12), ';'),
      expect: secret('', 'name-only'),
    },
    {
      label: 'AUTHORIZATION name',
      name: 'UPSTREAM_AUTHORIZATION',
      value: j('Basic ', s(B64, 28)),
      expect: secret('', 'name-only'),
    },
    {
      label: 'seven-character password',
      name: 'DB_PASSWORD',
      value: s(ALNUM, 7),
      expect: secret('', 'name-only'),
    },
    {
      label: 'Rails SECRET_KEY_BASE',
      name: 'SECRET_KEY_BASE',
      value: s(HEX, 128),
      expect: secret('', 'name-only'),
    },
    {
      label: 'JSON setting with a password field',
      name: 'SERVICE_CONFIG',
      value: JSON.stringify({ db: { host: 'db.internal', user: 'app', password: s(ALNUM, 16) } }),
      expect: secret('', 'name-only'),
    },
  ];

  const negatives: CorpusCase[] = [
    // Placeholders.
    {
      label: 'Stripe prefix with a mask',
      name: 'STRIPE_SECRET_KEY',
      value: j('sk', '_live_', 'x'.repeat(24)),
      expect: clean('placeholder'),
    },
    {
      label: 'AWS key id prefix with a mask',
      name: 'UPLOADER_ACCESS_KEY_ID_VALUE',
      value: j('AK', 'IA', 'X'.repeat(16)),
      expect: clean('placeholder'),
    },
    {
      label: 'URL whose password is a template variable',
      name: 'CACHE_URL',
      value: j('redis', '://:', '${REDIS_PASSWORD}', '@cache.internal:6379'),
      expect: { type: 'plain' },
    },
    {
      label: 'JSON setting whose secret fields are references',
      name: 'SERVICE_CONFIG',
      value: JSON.stringify({
        db: {
          passwordSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
          password: '${DB_PASSWORD}',
        },
      }),
      expect: { type: 'plain' },
    },
    {
      label: 'angle-bracket placeholder',
      name: 'API_KEY',
      value: '<your-key-here>',
      expect: clean('placeholder'),
    },
    { label: 'mask of x', name: 'API_TOKEN', value: 'x'.repeat(32), expect: clean('placeholder') },
    {
      label: 'REPLACE_WITH instruction',
      name: 'CLIENT_SECRET',
      value: 'REPLACE_WITH_CLIENT_SECRET',
      expect: clean('placeholder'),
    },
    {
      label: 'template variable',
      name: 'DB_PASSWORD',
      value: '${DB_PASSWORD}',
      expect: clean('placeholder'),
    },
    { label: 'asterisk mask', name: 'SMTP_PASSWORD', value: '********', expect: clean('placeholder') },
    {
      label: 'your-…-here instruction',
      name: 'SENDGRID_API_KEY',
      value: 'your-sendgrid-key-here',
      expect: clean('placeholder'),
    },
    {
      label: 'GitHub prefix with a mask',
      name: 'GITHUB_TOKEN',
      value: j('gh', 'p_', 'x'.repeat(36)),
      expect: clean('placeholder'),
    },
    // References.
    {
      label: 'Secrets Manager secret name',
      name: 'DB_CREDENTIALS',
      value: 'prod/orders/db-credentials',
      expect: clean('reference'),
    },
    {
      label: 'RDS-managed secret name',
      name: 'DB_SECRET',
      value: `rds!db-${uuid()}`,
      expect: clean('reference'),
    },
    {
      label: 'KMS alias under a token name',
      name: 'TOKEN',
      value: 'alias/orders-token-key',
      expect: clean('reference'),
    },
    {
      label: 'Secrets Manager ARN',
      name: 'API_SECRET',
      value: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/api-AbCdEf',
      expect: clean('reference'),
    },
    {
      label: 'SSM parameter path',
      name: 'DB_PASSWORD',
      value: '/prod/db/password',
      expect: clean('reference'),
    },
    {
      label: 'dynamic reference',
      name: 'DB_PASSWORD',
      value: '{{resolve:secretsmanager:prod/db:SecretString:password}}',
      expect: clean('reference'),
    },
    // Public by design.
    {
      label: 'Stripe publishable key',
      name: 'STRIPE_KEY_SECRET',
      value: j('pk', '_live_', s(ALNUM, 99)),
      expect: clean('public-value'),
    },
    {
      label: 'PEM public key',
      name: 'JWT_SECRET',
      value: j('-----BEGIN ', 'PUBLIC KEY-----\n', s(B64, 64), '\n-----END ', 'PUBLIC KEY-----'),
      expect: clean('public-value'),
    },
    {
      label: 'certificate fingerprint',
      name: 'PINNED_CERT_SECRET',
      value: Array.from({ length: 32 }, () => s('0123456789ABCDEF', 2)).join(':'),
      expect: clean('public-value'),
    },
    {
      label: 'Supabase anon key (a public JWT)',
      name: 'SUPABASE_ANON_TOKEN',
      value: j(
        b64url({ alg: 'HS256', typ: 'JWT' }),
        '.',
        b64url({ iss: 'supabase', role: 'anon' }),
        '.',
        s(B64URL, 43),
      ),
      expect: clean('public-value'),
    },
    // Names where the secret word is a qualifier.
    {
      label: 'AUTH_SCOPES',
      name: 'AUTH_SCOPES',
      value: 'openid profile email orders:read',
      expect: { type: 'plain' },
    },
    {
      label: 'AUTH_CALLBACK',
      name: 'AUTH_CALLBACK',
      value: 'https://app.example.com/callback',
      expect: { type: 'plain' },
    },
    {
      label: 'PASSWORD_POLICY',
      name: 'PASSWORD_POLICY',
      value: 'min-length-12-require-symbols',
      expect: { type: 'plain' },
    },
    {
      label: 'PASSWORD_RESET_TEMPLATE',
      name: 'PASSWORD_RESET_TEMPLATE',
      value: 'password-reset-v2-template',
      expect: { type: 'plain' },
    },
    {
      label: 'TOKEN_KMS_KEY_ALIAS',
      name: 'TOKEN_KMS_KEY_ALIAS',
      value: 'alias/token-signing',
      expect: { type: 'plain' },
    },
    {
      label: 'SECRET_ARN',
      name: 'SECRET_ARN',
      value: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:x-AbCdEf',
      expect: { type: 'plain' },
    },
    {
      label: 'BYPASS is not PASS',
      name: 'CACHE_BYPASS',
      value: 'enabled-for-admins',
      expect: { type: 'plain' },
    },
    // Ordinary settings that look random.
    { label: 'UUID setting', name: 'TENANT_ID', value: uuid(), expect: { type: 'plain' } },
    { label: 'commit hash', name: 'GIT_SHA', value: s(HEX, 40), expect: { type: 'plain' } },
    {
      label: 'base64 config',
      name: 'FEATURE_FLAGS',
      value: b64('{"beta":true,"limits":[1,2,3]}'),
      expect: { type: 'plain' },
    },
    {
      label: 'URL without credentials',
      name: 'API_URL',
      value: 'https://api.example.com:8443/v1?x=1',
      expect: { type: 'plain' },
    },
    {
      label: 'email address',
      name: 'SUPPORT_EMAIL',
      value: 'support@example.com',
      expect: { type: 'plain' },
    },
    {
      label: 'Stripe publishable key under a plain name',
      name: 'STRIPE_PK',
      value: j('pk', '_live_', s(ALNUM, 99)),
      expect: { type: 'plain' },
    },
    {
      label: 'OAuth token endpoint',
      name: 'OAUTH_TOKEN_URL',
      value: 'https://auth.example.com/oauth2/token',
      expect: { type: 'plain' },
    },
    // Weak defaults: their own finding.
    {
      label: 'changeme under a password name',
      name: 'ADMIN_PASSWORD',
      value: 'changeme',
      expect: { type: 'default-credential' },
    },
    {
      label: 'admin under a pass name',
      name: 'DB_PASS',
      value: 'admin',
      expect: { type: 'default-credential' },
    },
    {
      label: '123456 under a pwd name',
      name: 'MYSQL_PWD',
      value: '123456',
      expect: { type: 'default-credential' },
    },
  ];
  // JDBC URLs as drivers document them: Oracle's thin driver takes user/password before the `@`
  // (no `://`, no `password=`); SQL Server's takes `;password=` after `://`. Fixed text, after the
  // rest, so the cases above keep their draws; 92 cases in all, coprime with the benchmark's stride 7.
  const jdbc: CorpusCase[] = [
    {
      label: 'Oracle thin JDBC URL with user/password, mixed-case scheme',
      name: 'ORDERS_DATASOURCE',
      value: j('Jdbc:oracle:thin:', 'scott/', 'Tg8vQm2xLp', '@db.internal:1521:orcl'),
      expect: secret('JDBC'),
    },
    {
      label: 'Oracle thin JDBC URL with user/password and a service name',
      name: 'LEDGER_DB',
      value: j('jdbc:oracle:thin:', 'ledger/', 'Wq4rTz7yUi', '@//db.internal:1521/LEDGER'),
      expect: secret('JDBC'),
    },
    {
      label: 'SQL Server JDBC URL with a password property, upper-case scheme',
      name: 'REPORTING',
      value: j('JDBC:sqlserver://db.internal:1433;databaseName=rep;user=rep;', 'password=', 'Zx9cVb8nMq'),
      expect: secret('JDBC'),
    },
    {
      label: 'Oracle thin JDBC URL without credentials',
      name: 'ORDERS_DATASOURCE',
      value: 'jdbc:oracle:thin:@//db.internal:1521/ORDERS',
      expect: { type: 'plain' },
    },
    {
      label: 'SQL Server JDBC URL with integrated security (no password)',
      name: 'REPORTING',
      value: 'jdbc:sqlserver://db.internal:1433;databaseName=rep;integratedSecurity=true',
      expect: { type: 'plain' },
    },
    {
      label: 'Oracle thin JDBC URL whose password is a template variable',
      name: 'LEDGER_DB',
      value: 'jdbc:oracle:thin:ledger/${LEDGER_PASSWORD}@//db.internal:1521/LEDGER',
      expect: { type: 'plain' },
    },
  ];
  return [...positives, ...negatives, ...jdbc];
}
