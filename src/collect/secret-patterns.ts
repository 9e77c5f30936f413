/**
 * Value detectors for the credential formats secretlint's recommended preset (11.7.1) has no rule
 * for, plus the recognisers that say a value is NOT a credential (a reference, a placeholder, a
 * value public by design) or is a weak default. Used by env-vars.ts at collection time; nothing
 * here returns, logs or throws a value — only fixed labels.
 *
 * Why our own: no other @secretlint rule package exists at 11.7.1 for these providers (the GitLab
 * rule starts at 12.0.0, and every @secretlint package must stay on one version), and the other
 * npm pattern sets are name lists (is-secret) or a wrapper around the Python tool (detect-secrets).
 * Each pattern cites the provider's documented format; where the format carries a checksum
 * (GitHub and npm tokens: CRC32 of the random part, base62, in the last 6 characters) it is checked.
 */

import { crc32 } from 'node:zlib';

export type Confidence = 'value-match' | 'shape-match' | 'name-only';

export interface ValueHit {
  /** Stable detector id recorded in the inventory, e.g. `pattern:stripe-secret-key`. */
  detector: string;
  provider: string;
  /** Human label: "Stripe live secret key". */
  kind: string;
  confidence: Confidence;
}

interface Pattern {
  id: string;
  provider: string;
  /** Label; a function when the match itself says which kind (live/test). */
  kind: string | ((m: RegExpExecArray) => string);
  /** The provider's documentation of the format. */
  ref: string;
  re: RegExp;
  /**
   * A necessary condition of `re`, cheap to fail: a literal piece every match of `re` holds (so
   * testing it first never changes which pattern wins). Most values reaching the loop are URLs,
   * on which the full patterns (look-behinds, long classes) cost 20 times more.
   */
  hint: RegExp;
  /** Extra check on the match (decodes, checksum); false = not this format. */
  validate?: (m: RegExpExecArray) => boolean;
}

const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';

/** Listed in the order tried; the first pattern that matches anywhere in the value wins. */
export const PATTERNS: readonly Pattern[] = [
  {
    id: 'stripe-secret-key',
    provider: 'Stripe',
    kind: (m) => `Stripe ${m[2]} ${m[1] === 'rk' ? 'restricted' : 'secret'} key`,
    ref: 'https://docs.stripe.com/keys#obtain-api-keys',
    hint: /_(?:live|test)_/,
    re: new RegExp(`${B}(sk|rk)_(live|test)_[A-Za-z0-9]{24,247}${E}`),
  },
  {
    id: 'stripe-webhook-secret',
    provider: 'Stripe',
    kind: 'Stripe webhook signing secret',
    ref: 'https://docs.stripe.com/webhooks#verify-official-libraries',
    hint: /whsec_/,
    re: new RegExp(`${B}whsec_[A-Za-z0-9]{32,}${E}`),
  },
  {
    id: 'gitlab-token',
    provider: 'GitLab',
    kind: (m) => `GitLab ${GITLAB_KINDS[m[1] ?? ''] ?? 'token'}`,
    ref: 'https://docs.gitlab.com/security/tokens/#token-prefixes',
    hint: /gl(?:pat|dt|rt|ptt|ft|soat|oas)-/,
    re: new RegExp(`${B}(glpat|gldt|glrt|glptt|glft|glsoat|gloas)-[A-Za-z0-9_.-]{20,}${E}`),
  },
  {
    id: 'google-api-key',
    provider: 'Google Cloud',
    kind: 'Google API key',
    ref: 'https://cloud.google.com/docs/authentication/api-keys',
    hint: /AIza/,
    re: new RegExp(`${B}AIza[0-9A-Za-z_-]{35}${E}`),
  },
  {
    id: 'mailgun-api-key',
    provider: 'Mailgun',
    kind: 'Mailgun API key',
    ref: 'https://documentation.mailgun.com/docs/mailgun/user-manual/get-started/#primary-account-api-key',
    hint: /key-|-[0-9a-f]{8}-/,
    re: /(?<![A-Za-z0-9])(?:key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})(?![A-Za-z0-9])/,
  },
  {
    id: 'square-token',
    provider: 'Square',
    kind: (m) => (m[0].startsWith('sq0csp') ? 'Square application secret' : 'Square access token'),
    ref: 'https://developer.squareup.com/docs/build-basics/access-tokens',
    hint: /EAAA|sq0atp-|sq0csp-/,
    re: new RegExp(`${B}(?:EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43})${E}`),
  },
  {
    id: 'braintree-access-token',
    provider: 'Braintree (PayPal)',
    kind: 'Braintree/PayPal access token',
    ref: 'https://developer.paypal.com/braintree/docs/guides/authorization/access-token',
    hint: /access_token\$/,
    re: /access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32}/,
  },
  {
    id: 'pypi-upload-token',
    provider: 'PyPI',
    kind: 'PyPI upload token',
    ref: 'https://pypi.org/help/#apitoken',
    hint: /pypi-/,
    // "pypi-" then a base64url macaroon whose first bytes encode the location "pypi.org" / "test.pypi.org".
    re: new RegExp(`${B}pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,}${E}`),
  },
  {
    id: 'azure-storage-connection-string',
    provider: 'Azure',
    kind: 'Azure Storage account key (connection string)',
    ref: 'https://learn.microsoft.com/en-us/azure/storage/common/storage-configure-connection-string',
    hint: /AccountKey=/,
    re: /AccountKey=[A-Za-z0-9+/]{86}==/,
  },
  {
    id: 'azure-sas-key',
    provider: 'Azure',
    kind: 'Azure Service Bus / Event Hubs shared access key (connection string)',
    ref: 'https://learn.microsoft.com/en-us/azure/service-bus-messaging/service-bus-sas',
    hint: /SharedAccessKey=/,
    re: /SharedAccessKey=[A-Za-z0-9+/]{42,43}=/,
  },
  {
    id: 'azure-sas-url',
    provider: 'Azure',
    kind: 'Azure shared access signature (SAS) URL',
    ref: 'https://learn.microsoft.com/en-us/azure/storage/common/storage-sas-overview#sas-token',
    hint: /sig=/,
    // A SAS token carries the service version (sv=) and the signature (sig=, URL-encoded base64).
    re: /[?&]sv=\d{4}-\d{2}-\d{2}&(?:[^\s&]+&)*sig=[A-Za-z0-9%+/=]{40,}/,
  },
  {
    id: 'aws-session-token',
    provider: 'AWS',
    kind: 'AWS STS session token',
    ref: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_Credentials.html',
    hint: /IQoJb3JpZ2luX2Vj|F[wQ]oGZXIvYXdzE/,
    // Opaque base64, several hundred characters; STS tokens begin with these encoded headers.
    re: /(?<![A-Za-z0-9+/])(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE|FQoGZXIvYXdzE)[A-Za-z0-9+/=]{100,}/,
  },
  {
    id: 'anthropic-admin-key',
    provider: 'Anthropic',
    kind: 'Anthropic Admin API key',
    ref: 'https://docs.anthropic.com/en/api/administration-api',
    hint: /sk-ant-admin01-/,
    re: new RegExp(`${B}sk-ant-admin01-[A-Za-z0-9_-]{90,128}AA${E}`),
  },
  {
    id: 'github-token',
    provider: 'GitHub',
    kind: 'GitHub token',
    ref: 'https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/',
    hint: /gh[pousr]_/,
    re: new RegExp(`${B}(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}${E}`),
  },
  {
    id: 'npm-token',
    provider: 'npm',
    kind: 'npm access token',
    ref: 'https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/',
    hint: /npm_/,
    re: new RegExp(`${B}npm_[A-Za-z0-9]{36}${E}`),
  },
  {
    id: 'jwt',
    provider: 'JWT',
    kind: 'JSON Web Token (bearer credential)',
    ref: 'https://datatracker.ietf.org/doc/html/rfc7519#section-3',
    hint: /\.eyJ/,
    re: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_-])/,
    validate: (m) => {
      const [h = '', p = ''] = m[0].split('.');
      const header = decodeBase64Url(h);
      // A Supabase anon key is a JWT meant for browsers (role "anon"): public by design.
      return (
        header !== null && /"alg"\s*:/.test(header) && !/"role"\s*:\s*"anon"/.test(decodeBase64Url(p) ?? '')
      );
    },
  },
  {
    id: 'pem-private-key-base64',
    provider: 'PEM',
    kind: 'base64-encoded private key',
    ref: 'https://datatracker.ietf.org/doc/html/rfc7468#section-10',
    hint: /LS0tLS1CRUdJTi/,
    // base64("-----BEGIN ") — then decode and look for the PRIVATE KEY label.
    re: /(?<![A-Za-z0-9+/])LS0tLS1CRUdJTi[A-Za-z0-9+/=]{40,}/,
    validate: (m) => /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY/.test(decodeBase64(m[0].slice(0, 120))),
  },
  {
    id: 'discord-webhook',
    provider: 'Discord',
    kind: 'Discord webhook URL with token',
    ref: 'https://discord.com/developers/docs/resources/webhook#execute-webhook',
    hint: /discord/,
    re: /https:\/\/(?:canary\.|ptb\.)?discord(?:app)?\.com\/api\/(?:v\d+\/)?webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,}/,
  },
  {
    id: 'teams-webhook',
    provider: 'Microsoft Teams',
    kind: 'Microsoft Teams incoming webhook URL',
    ref: 'https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook',
    hint: /\.webhook\.office\.com\//,
    re: /https:\/\/[a-z0-9-]+\.webhook\.office\.com\/webhookb2\/[0-9a-f-]{36}@[0-9a-f-]{36}\/IncomingWebhook\/[0-9a-f]{32}\/[0-9a-f-]{36}/,
  },
  {
    id: 'jdbc-password',
    provider: 'JDBC',
    kind: (m) =>
      /password=/i.test(m[0]) ? 'JDBC URL with a password parameter' : 'Oracle JDBC URL with user/password',
    ref: 'https://jdbc.postgresql.org/documentation/use/#connection-parameters',
    hint: /password=|jdbc:oracle:/i,
    // A `password=` property after `//` (PostgreSQL, SQL Server, DB2, H2, Snowflake …), or Oracle's
    // thin/OCI form user/password@host, which has neither (docs.oracle.com, JDBC Developer's Guide,
    // "Database URLs and Database Specifiers"). Any case: drivers match the scheme case-insensitively.
    re: /jdbc:[a-z0-9:]+\/\/[^\s]*?[?&;]password=(?!\$\{|\{|<|&|;)[^&;\s]{3,}|jdbc:oracle:(?:thin|oci8?):[^\s/@:;]+\/(?!\$\{|\{|<)[^\s/@]{3,}@/i,
  },
  {
    id: 'url-password',
    provider: 'URL',
    kind: (m) => `${schemeLabel(m[1] ?? '')} URL with an embedded password`,
    ref: 'https://datatracker.ietf.org/doc/html/rfc3986#section-3.2.1',
    hint: /:\/\/[^\s:@/]*:[^\s@/]{3,}@/,
    // scheme://[user]:password@host — redis://:pw@, amqp://u:pw@, postgresql+psycopg2://u:pw@, %-encoded.
    re: /(?<![A-Za-z0-9+.-])([a-z][a-z0-9+.-]{1,30}):\/\/[^\s:@/]*:([^\s@/]{3,})@[A-Za-z0-9.-]/i,
    validate: (m) => !isPlaceholder(decodeUri(m[2] ?? '')) && !isWeakDefault(decodeUri(m[2] ?? '')),
  },
];

const GITLAB_KINDS: Record<string, string> = {
  glpat: 'personal access token',
  gldt: 'deploy token',
  glrt: 'runner authentication token',
  glptt: 'pipeline trigger token',
  glft: 'feed token',
  glsoat: 'SCIM OAuth token',
  gloas: 'OAuth application secret',
};

function schemeLabel(scheme: string): string {
  const s = scheme.toLowerCase();
  if (s.startsWith('redis')) return 'Redis';
  if (s.startsWith('amqp')) return 'AMQP';
  if (s.startsWith('postgres')) return 'PostgreSQL';
  if (s.startsWith('mysql')) return 'MySQL';
  if (s.startsWith('mongodb')) return 'MongoDB';
  if (s.startsWith('http')) return 'HTTP basic-auth';
  return s;
}

function decodeBase64Url(s: string): string | null {
  try {
    return Buffer.from(s, 'base64url').toString('utf8');
  } catch {
    return null;
  }
}
function decodeBase64(s: string): string {
  return Buffer.from(s, 'base64').toString('latin1');
}
function decodeUri(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// ---------------------------------------------------------------------------------------------
// Checksums: GitHub and npm tokens end in 6 base62 characters holding the CRC32 of the 30
// random characters before them (GitHub's token-format post above; npm uses the same scheme).
// ---------------------------------------------------------------------------------------------

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62(n: number, width: number): string {
  let out = '';
  let v = n >>> 0;
  while (v > 0) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}

/** For a `prefix_` + 30 random + 6 checksum token: does the checksum verify? */
export function tokenChecksumValid(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

const CHECKSUMMED = new Set(['github-token', 'npm-token']);

/**
 * Every pattern above starts with (or contains) one of these anchors; a value with none of them
 * skips the twenty patterns in one scan. Each alternative starts with a literal character, so the
 * scan fails fast at most positions. Kept in step by the corpus test (every format detected).
 * url-password's anchor is its own `://user:password@` core rather than any `://`, so an ordinary
 * URL (a queue URL, an endpoint) skips the loop too; jdbc-password's is any-case `jdbc:`, as its
 * pattern is (a case-sensitive `jdbc:|JDBC:` let a mixed-case Oracle `Jdbc:` URL through).
 */
export const PATTERN_ANCHORS =
  /sk_|rk_|whsec_|gl[a-z]{1,5}-|AIza|key-|-[0-9a-f]{8}-|EAAA|sq0|access_token\$|pypi-|AccountKey=|SharedAccessKey=|sig=|IQoJ|F[wQ]oG|sk-ant-|gh[pousr]_|npm_|eyJ|LS0tLS1CRUdJTi|discord|webhook\.office|[jJ][dD][bB][cC]:|:\/\/[^\s:@/]*:[^\s@/]{3,}@/;

/** First own pattern matching the value, or null. */
export function matchPattern(value: string): ValueHit | null {
  if (!PATTERN_ANCHORS.test(value)) return null;
  for (const p of PATTERNS) {
    if (!p.hint.test(value)) continue;
    const m = p.re.exec(value);
    if (m === null || (p.validate && !p.validate(m))) continue;
    const kind = typeof p.kind === 'string' ? p.kind : p.kind(m);
    if (CHECKSUMMED.has(p.id)) return checksummed(`pattern:${p.id}`, p.provider, kind, m[0]);
    return { detector: `pattern:${p.id}`, provider: p.provider, kind, confidence: 'value-match' };
  }
  return null;
}

/**
 * A GitHub/npm-shaped token: value-match when its checksum verifies; shape-match (still reported,
 * but the reader is told) when it does not — a made-up or truncated token has the shape only.
 */
export function checksummed(detector: string, provider: string, kind: string, token: string): ValueHit {
  return tokenChecksumValid(token)
    ? { detector, provider, kind: `${kind} (checksum verified)`, confidence: 'value-match' }
    : {
        detector,
        provider,
        kind: `${kind} (shape only: checksum does not verify)`,
        confidence: 'shape-match',
      };
}

/** Finds the GitHub/npm token inside a value secretlint flagged, to verify its checksum. */
export function findChecksummedToken(value: string): string | null {
  return /(?:ghp|gho|ghu|ghs|ghr|npm)_[A-Za-z0-9]{36}(?![A-Za-z0-9])/.exec(value)?.[0] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Clean values: placeholders, references, public values; and weak defaults.
// ---------------------------------------------------------------------------------------------

export type CleanReason = 'placeholder' | 'reference' | 'public-value';
export interface Clean {
  reason: CleanReason;
  /** Fixed label: which kind of placeholder/reference/public value (never the value). */
  detail: string;
}

/** A template placeholder: the whole value stands for a secret that is not there. */
export function isPlaceholder(raw: string): boolean {
  return placeholderKind(raw) !== null;
}

export function placeholderKind(raw: string): string | null {
  const v = raw.trim();
  if (/^<[^<>]{1,80}>$/.test(v)) return 'an <angle-bracket> placeholder';
  if (
    /^\$\{[^}]{1,80}\}$|^\$\([^)]{1,80}\)$|^\{\{(?!\s*resolve:)[^}]{1,80}\}\}$|^%\([^)]+\)s$|^\$[A-Z_][A-Z0-9_]*$/.test(
      v,
    )
  )
    return 'a template variable';
  if (/^\*{3,}$|^[xX]{4,}$|^\.{3,}$|^#{3,}$|^0{8,}$/.test(v)) return 'a mask (a run of one character)';
  if (
    /^(?:REPLACE|CHANGE|INSERT|ENTER|PUT|ADD|SET)[_-](?:ME[_-])?(?:WITH|YOUR|THIS|HERE|ME)(?=$|[_-])/i.test(v)
  )
    return 'a REPLACE_WITH_… instruction';
  if (/^your[_-][A-Za-z0-9_-]*[_-]here$|^your[_-](?:api[_-])?(?:key|token|secret|password)$/i.test(v))
    return 'a your-…-here instruction';
  // A token prefix followed only by a mask: ghp_xxxxxxxx, sk_live_XXXX, AKIAXXXXXXXXXXXXXXXX.
  if (/^[A-Za-z0-9]{2,12}[_-](?:[A-Za-z]{2,8}[_-])?(?:x{6,}|X{6,}|\*{6,}|0{8,})$/.test(v))
    return 'a token prefix with a mask';
  if (/^AKIA(?:X{16}|\*{16})$/.test(v)) return 'a token prefix with a mask';
  if (/^(?:placeholder|dummy|example|sample|redacted|todo|tbd|fixme|not[_-]?set|unset)$/i.test(v))
    return 'a placeholder word';
  return null;
}

/** Where a secret lives, rather than the secret: ARNs, dynamic references, names and aliases. */
export function referenceKind(raw: string): string | null {
  const v = raw.trim();
  if (/^arn:aws[a-z-]*:[a-z0-9-]+:/.test(v)) return 'an ARN';
  if (/^(?:\{\{)?resolve:(?:secretsmanager|ssm|ssm-secure):/.test(v))
    return 'a CloudFormation dynamic reference';
  if (/^alias\/[A-Za-z0-9/_-]+$/.test(v)) return 'a KMS key alias';
  if (/^rds![a-z]+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v))
    return 'an RDS-managed Secrets Manager secret name';
  if (isParameterPath(v)) return 'an SSM parameter path';
  // A Secrets Manager secret name used as a key: prod/orders/db-credentials (lower-case words).
  if (
    /^[a-z0-9][a-z0-9_.-]*(?:\/[a-z0-9][a-z0-9_.-]*)+$/.test(v) &&
    v.split('/').every((s) => /^[a-z._-]*[a-z][a-z0-9._-]*$/.test(s) && !looksRandom(s))
  )
    return 'a Secrets Manager secret name';
  return null;
}

/**
 * An SSM parameter path like /prod/db/password. Base64 secrets can also start with "/", so a path
 * qualifies only if no segment looks random.
 */
function isParameterPath(value: string): boolean {
  if (!/^(?:\/[A-Za-z0-9_.-]+)+\/?$/.test(value)) return false;
  return value.split('/').every((seg) => !looksRandom(seg));
}

/** Long, and mixing upper, lower and digits. */
function looksRandom(seg: string): boolean {
  return seg.length >= 16 && /[A-Z]/.test(seg) && /[a-z]/.test(seg) && /\d/.test(seg);
}

/** Values public by design, which a secret-sounding name does not make secret. */
export function publicValueKind(raw: string): string | null {
  const v = raw.trim();
  if (/^pk_(?:live|test)_[A-Za-z0-9]{24,}$/.test(v)) return 'a Stripe publishable key';
  if (/^-----BEGIN (?:RSA |EC )?PUBLIC KEY-----/.test(v)) return 'a PEM public key';
  if (/^-----BEGIN CERTIFICATE-----/.test(v)) return 'a PEM certificate';
  if (/^(?:ssh-(?:rsa|ed25519)|ecdsa-sha2-nistp\d+) AAAA[A-Za-z0-9+/=]+(?: \S+)?$/.test(v))
    return 'an SSH public key';
  if (/^(?:[0-9A-Fa-f]{2}:){19}[0-9A-Fa-f]{2}$|^(?:[0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$/.test(v))
    return 'a certificate fingerprint';
  if (/^SHA256:[A-Za-z0-9+/]{43}=?$/.test(v)) return 'a key fingerprint';
  if (/^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(v)) {
    const payload = decodeBase64Url(v.split('.')[1] ?? '') ?? '';
    if (/"role"\s*:\s*"anon"/.test(payload)) return 'a Supabase anon key (a JWT for browsers)';
  }
  return null;
}

/**
 * Well-known default passwords (vendor defaults and the top of every breached-password list).
 * Under a password-like name such a value is a default credential, not a leaked secret.
 */
const WEAK_DEFAULTS = new Set([
  'changeme',
  'change_me',
  'change-me',
  'changeit',
  'password',
  'password1',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'pass',
  'pass123',
  'admin',
  'admin123',
  'administrator',
  'root',
  'toor',
  'secret',
  'default',
  'test',
  'test123',
  'guest',
  'welcome',
  'welcome1',
  'letmein',
  'qwerty',
  'abc123',
  '123456',
  '1234567',
  '12345678',
  '123456789',
  '1234567890',
  'postgres',
  'mysql',
  'oracle',
  'sa',
]);

export function isWeakDefault(raw: string): boolean {
  return WEAK_DEFAULTS.has(raw.trim().toLowerCase());
}
