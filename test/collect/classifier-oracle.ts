/**
 * THE FROZEN REFERENCE for the env-var classifier's differential test (classifier-oracle.test.ts):
 * a copy of the classification logic of src/collect/env-vars.ts and src/collect/secret-patterns.ts
 * as they were at commit 878a880, before the speed work of issue 13, with only what classification
 * needs (no coalescing of single-function calls, no code-scan entry point). The classifier may get
 * faster; its answers must not change, and this file is what "not change" means.
 *
 * Do NOT "improve" this file: no refactors, no fixes, no speed-ups. The only legitimate edit is a
 * deliberate, reviewed change of the classifier's behaviour, made here in the same commit as in
 * src/ and named in that commit's message. So far one: jdbc-password's anchor became any-case
 * `jdbc:` (was `jdbc:|JDBC:`) and its pattern gained Oracle's thin/OCI user/password@ form.
 *
 * Imported only by tests. It runs the real secretlint preset, exactly as configured in env-vars.ts.
 */

import { createHmac } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { rules as recommendedRules } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintCoreConfig, SecretLintCoreResult } from '@secretlint/types';
import type { EnvVar } from '../../src/inventory/schema.js';

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------------------------------------
// secret-patterns.ts as of 878a880
// ---------------------------------------------------------------------------------------------

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
    re: new RegExp(`${B}(sk|rk)_(live|test)_[A-Za-z0-9]{24,247}${E}`),
  },
  {
    id: 'stripe-webhook-secret',
    provider: 'Stripe',
    kind: 'Stripe webhook signing secret',
    ref: 'https://docs.stripe.com/webhooks#verify-official-libraries',
    re: new RegExp(`${B}whsec_[A-Za-z0-9]{32,}${E}`),
  },
  {
    id: 'gitlab-token',
    provider: 'GitLab',
    kind: (m) => `GitLab ${GITLAB_KINDS[m[1] ?? ''] ?? 'token'}`,
    ref: 'https://docs.gitlab.com/security/tokens/#token-prefixes',
    re: new RegExp(`${B}(glpat|gldt|glrt|glptt|glft|glsoat|gloas)-[A-Za-z0-9_.-]{20,}${E}`),
  },
  {
    id: 'google-api-key',
    provider: 'Google Cloud',
    kind: 'Google API key',
    ref: 'https://cloud.google.com/docs/authentication/api-keys',
    re: new RegExp(`${B}AIza[0-9A-Za-z_-]{35}${E}`),
  },
  {
    id: 'mailgun-api-key',
    provider: 'Mailgun',
    kind: 'Mailgun API key',
    ref: 'https://documentation.mailgun.com/docs/mailgun/user-manual/get-started/#primary-account-api-key',
    re: /(?<![A-Za-z0-9])(?:key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})(?![A-Za-z0-9])/,
  },
  {
    id: 'square-token',
    provider: 'Square',
    kind: (m) => (m[0].startsWith('sq0csp') ? 'Square application secret' : 'Square access token'),
    ref: 'https://developer.squareup.com/docs/build-basics/access-tokens',
    re: new RegExp(`${B}(?:EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43})${E}`),
  },
  {
    id: 'braintree-access-token',
    provider: 'Braintree (PayPal)',
    kind: 'Braintree/PayPal access token',
    ref: 'https://developer.paypal.com/braintree/docs/guides/authorization/access-token',
    re: /access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32}/,
  },
  {
    id: 'pypi-upload-token',
    provider: 'PyPI',
    kind: 'PyPI upload token',
    ref: 'https://pypi.org/help/#apitoken',
    // "pypi-" then a base64url macaroon whose first bytes encode the location "pypi.org" / "test.pypi.org".
    re: new RegExp(`${B}pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,}${E}`),
  },
  {
    id: 'azure-storage-connection-string',
    provider: 'Azure',
    kind: 'Azure Storage account key (connection string)',
    ref: 'https://learn.microsoft.com/en-us/azure/storage/common/storage-configure-connection-string',
    re: /AccountKey=[A-Za-z0-9+/]{86}==/,
  },
  {
    id: 'azure-sas-key',
    provider: 'Azure',
    kind: 'Azure Service Bus / Event Hubs shared access key (connection string)',
    ref: 'https://learn.microsoft.com/en-us/azure/service-bus-messaging/service-bus-sas',
    re: /SharedAccessKey=[A-Za-z0-9+/]{42,43}=/,
  },
  {
    id: 'azure-sas-url',
    provider: 'Azure',
    kind: 'Azure shared access signature (SAS) URL',
    ref: 'https://learn.microsoft.com/en-us/azure/storage/common/storage-sas-overview#sas-token',
    // A SAS token carries the service version (sv=) and the signature (sig=, URL-encoded base64).
    re: /[?&]sv=\d{4}-\d{2}-\d{2}&(?:[^\s&]+&)*sig=[A-Za-z0-9%+/=]{40,}/,
  },
  {
    id: 'aws-session-token',
    provider: 'AWS',
    kind: 'AWS STS session token',
    ref: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_Credentials.html',
    // Opaque base64, several hundred characters; STS tokens begin with these encoded headers.
    re: /(?<![A-Za-z0-9+/])(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE|FQoGZXIvYXdzE)[A-Za-z0-9+/=]{100,}/,
  },
  {
    id: 'anthropic-admin-key',
    provider: 'Anthropic',
    kind: 'Anthropic Admin API key',
    ref: 'https://docs.anthropic.com/en/api/administration-api',
    re: new RegExp(`${B}sk-ant-admin01-[A-Za-z0-9_-]{90,128}AA${E}`),
  },
  {
    id: 'github-token',
    provider: 'GitHub',
    kind: 'GitHub token',
    ref: 'https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/',
    re: new RegExp(`${B}(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}${E}`),
  },
  {
    id: 'npm-token',
    provider: 'npm',
    kind: 'npm access token',
    ref: 'https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/',
    re: new RegExp(`${B}npm_[A-Za-z0-9]{36}${E}`),
  },
  {
    id: 'jwt',
    provider: 'JWT',
    kind: 'JSON Web Token (bearer credential)',
    ref: 'https://datatracker.ietf.org/doc/html/rfc7519#section-3',
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
    // base64("-----BEGIN ") — then decode and look for the PRIVATE KEY label.
    re: /(?<![A-Za-z0-9+/])LS0tLS1CRUdJTi[A-Za-z0-9+/=]{40,}/,
    validate: (m) => /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY/.test(decodeBase64(m[0].slice(0, 120))),
  },
  {
    id: 'discord-webhook',
    provider: 'Discord',
    kind: 'Discord webhook URL with token',
    ref: 'https://discord.com/developers/docs/resources/webhook#execute-webhook',
    re: /https:\/\/(?:canary\.|ptb\.)?discord(?:app)?\.com\/api\/(?:v\d+\/)?webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,}/,
  },
  {
    id: 'teams-webhook',
    provider: 'Microsoft Teams',
    kind: 'Microsoft Teams incoming webhook URL',
    ref: 'https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook',
    re: /https:\/\/[a-z0-9-]+\.webhook\.office\.com\/webhookb2\/[0-9a-f-]{36}@[0-9a-f-]{36}\/IncomingWebhook\/[0-9a-f]{32}\/[0-9a-f-]{36}/,
  },
  {
    id: 'jdbc-password',
    provider: 'JDBC',
    kind: (m) =>
      /password=/i.test(m[0]) ? 'JDBC URL with a password parameter' : 'Oracle JDBC URL with user/password',
    ref: 'https://jdbc.postgresql.org/documentation/use/#connection-parameters',
    re: /jdbc:[a-z0-9:]+\/\/[^\s]*?[?&;]password=(?!\$\{|\{|<|&|;)[^&;\s]{3,}|jdbc:oracle:(?:thin|oci8?):[^\s/@:;]+\/(?!\$\{|\{|<)[^\s/@]{3,}@/i,
  },
  {
    id: 'url-password',
    provider: 'URL',
    kind: (m) => `${schemeLabel(m[1] ?? '')} URL with an embedded password`,
    ref: 'https://datatracker.ietf.org/doc/html/rfc3986#section-3.2.1',
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
 */
const ANCHORS =
  /sk_|rk_|whsec_|gl[a-z]{1,5}-|AIza|key-|-[0-9a-f]{8}-|EAAA|sq0|access_token\$|pypi-|AccountKey=|SharedAccessKey=|sig=|IQoJ|F[wQ]oG|sk-ant-|gh[pousr]_|npm_|eyJ|LS0tLS1CRUdJTi|discord|webhook\.office|[jJ][dD][bB][cC]:|:\/\//;

/** First own pattern matching the value, or null. */
export function matchPattern(value: string): ValueHit | null {
  if (!ANCHORS.test(value)) return null;
  for (const p of PATTERNS) {
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

// ---------------------------------------------------------------------------------------------
// env-vars.ts as of 878a880
// ---------------------------------------------------------------------------------------------

/**
 * secretlint's process-wide profiler is switched off. @secretlint/core marks ~54 performance
 * entries per lintSource call; the profiler keeps every one forever and, on each end mark, scans
 * all kept so far, so a call costs more the more calls came before: quadratic in the number of
 * calls, and a leak. Batching keeps the environment scan to a few calls, but --scan-code lints
 * every file of every package (measured: synthesizing 1,500 functions' inventory took 9.8 s, 4,000
 * took 95 s, nearly all of it in the profiler). We never read its measures, so its mark is a no-op.
 */
secretLintProfiler.mark = () => {};

/** What the classifier needs from secretlint: the messages' rule id and where each starts. */
export type EnvLinter = (content: string) => Promise<ReadonlyArray<LintHit & { start: number }>>;
/** A secretlint message, reduced to which rule (and which of its messages) fired. */
export interface LintHit {
  ruleId: string;
  messageId?: string;
}

export interface ClassifyOptions {
  /** Replaces secretlint; a seam for tests (e.g. to prove a linter failure cannot leak a value). */
  lint?: EnvLinter;
}

/** Detector recorded when secretlint failed and only the name heuristic flagged the variable. */
export const SECRETLINT_ERROR_DETECTOR = 'secretlint-error';

/**
 * The recommended preset's rules, registered one by one rather than through the preset creator,
 * because one of them must go: secretlint-rule-filter-comments honours `secretlint-disable`
 * anywhere in the scanned text, and here that text is the function's own configuration, so one
 * crafted value would hide every later variable. (@secretlint/core 11.7.1 ignores `disabled` on
 * a rule inside a preset descriptor, so leaving it out is the only way.)
 */
const FILTER_COMMENTS = '@secretlint/secretlint-rule-filter-comments';
const SECRETLINT_CONFIG: SecretLintCoreConfig = {
  rules: recommendedRules
    .filter((rule) => rule.meta.id !== FILTER_COMMENTS)
    .map((rule) =>
      rule.meta.id === '@secretlint/secretlint-rule-aws'
        ? {
            id: rule.meta.id,
            rule,
            // Access key IDs are off by default in secretlint (not secret on their own), but a key
            // ID in a function's environment means its secret key is almost surely beside it (T1).
            // The same switch turns on AWSAccountID: an identifier, not a secret, so allowed.
            options: { enableIDScanRule: true },
            allowMessageIds: ['AWSAccountID'],
          }
        : { id: rule.meta.id, rule },
    ),
};

/**
 * A literal every rule of the recommended preset (11.7.1) needs in the `NAME=value` line it reports
 * on, read from each rule's patterns: AWS key-id prefixes and the SECRET_ACCESS_KEY name, GitHub,
 * npm, Slack, SendGrid, Shopify, OpenAI (its T3BlbkFJ infix), Anthropic, Linear and 1Password token
 * prefixes, `-----BEGIN` for private keys, `://…@` for basic-auth URLs and the database schemes.
 * (The GCP rule parses the whole file as JSON, which a `.env` rendering never is; npm's
 * `_authToken=` rule runs only on files named .npmrc; AWS account ids are allowed.)
 * Case-insensitive, so it is a superset of what the case-sensitive rules match. A variable without
 * any of them cannot be reported, so it is not rendered for secretlint at all: most settings
 * (LOG_LEVEL=INFO, a queue URL, a JSON of flags) skip the preset's ~25 scans.
 * secretlint-anchor.test.ts proves the filter loses no secretlint hit.
 */
export const SECRETLINT_ANCHOR =
  /A3T|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA|secret|x-oauth-basic|gh[pousr]_|github_pat_|npm_|xox[bpaor]-|xapp-|hooks\.slack\.com|:\/\/[^\s]*@|-----BEGIN|SG\.|shp(?:pa|ca|at|ss)_|T3BlbkFJ|sk-ant-|lin_api_|ops_ey|mongodb|mysql|postgres/i;

const byName = (a: [string, string], b: [string, string]): number => compareText(a[0], b[0]);

/**
 * A per-name answer computed once per distinct name: names repeat across a fleet (LOG_LEVEL, STAGE,
 * DB_PASSWORD in every function). Bounded, cleared when full, so a hostile account of endless
 * distinct names cannot grow it without limit.
 */
function perName<V>(compute: (name: string) => V): (name: string) => V {
  const cache = new Map<string, V>();
  return (name) => {
    if (cache.has(name)) return cache.get(name) as V;
    if (cache.size >= NAME_CACHE_MAX) cache.clear();
    const value = compute(name);
    cache.set(name, value);
    return value;
  };
}
const NAME_CACHE_MAX = 50_000;

/** Whether a name carries a secretlint anchor (the value's test is not cached: values rarely repeat). */
const nameAnchored = perName((name) => SECRETLINT_ANCHOR.test(name));

/** secretlint's recommended preset over `content`: rule, message and start of each hit (never the text). */
export async function oracleSecretlint(content: string): Promise<ReadonlyArray<LintHit & { start: number }>> {
  const result: SecretLintCoreResult = await lintSource({
    source: { content, filePath: 'lambda-environment.env', ext: '.env', contentType: 'text' },
    options: { config: SECRETLINT_CONFIG, maskSecrets: true, noPhysicFilePath: true },
  });
  return result.messages.map((m) => ({ ruleId: m.ruleId, messageId: m.messageId, start: m.range[0] }));
}

/**
 * Classifies many functions' variables (e.g. one ListFunctions page, or a whole region) with few
 * secretlint calls: they are linted together in chunks of up to LINT_CHUNK_CHARS. Why batch:
 * @secretlint/core marks ~54 performance entries per `lintSource` call into a process-wide
 * profiler whose observer scans all entries recorded so far on every end mark, so per-call cost
 * grows with the number of calls made before (measured, one call per function for 10,000
 * functions: the loop took 1.8 s, then the observer kept the CPU busy for another ~12.5 min). Returns one EnvVar[] per input, in input order.
 */
export async function oracleClassifyEnvironments(
  list: ReadonlyArray<Record<string, string> | undefined>,
  salt: Buffer,
  options: ClassifyOptions = {},
): Promise<EnvVar[][]> {
  const lint = options.lint ?? oracleSecretlint;
  // The anchors are secretlint's; a replacement linter sees every variable. (Entries are indexed,
  // not destructured, on these per-variable paths: array destructuring runs the iterator protocol,
  // which was a tenth of the classifier's time on ordinary settings.)
  const worthLinting = options.lint
    ? (entry: [string, string]) => entry[1].length > 0
    : (entry: [string, string]) =>
        entry[1].length > 0 && (nameAnchored(entry[0]) || SECRETLINT_ANCHOR.test(entry[1]));
  // Sorted so that two scans of an unchanged function produce identical inventories.
  const functions = list.map((vars) => Object.entries(vars ?? {}).sort(byName));

  const results: EnvVar[][] = [];
  for (const chunk of chunkByContentSize(functions)) {
    const entries = chunk.flat();
    let shapeDetectors: Array<LintHit | undefined> = [];
    let lintFailed = false;
    try {
      shapeDetectors = await lintEntries(entries, lint, worthLinting);
    } catch {
      // Deliberately drop the error: its message or stack could quote the scanned text.
      lintFailed = true;
    }
    let i = 0;
    for (const fn of chunk) {
      results.push(fn.map((entry) => classifyOne(entry[0], entry[1], shapeDetectors[i++], lintFailed, salt)));
    }
  }
  return results;
}

function classifyOne(
  name: string,
  value: string,
  lint: LintHit | undefined,
  lintFailed: boolean,
  salt: Buffer,
): EnvVar {
  // An empty value has nothing to leak; a hit there can only be a pattern spilling over a line.
  if (value.length === 0) return { name, secret: null };
  const verdict = classifyValue(name, value, lint, lintFailed);
  switch (verdict.type) {
    case 'plain':
      return { name, secret: null };
    case 'clean':
      return { name, secret: null, clean: verdict.clean };
    case 'default-credential':
      return { name, secret: null, defaultCredential: { fingerprint: fingerprint(salt, value) } };
    case 'secret':
      return { name, secret: { ...verdict.secret, fingerprint: fingerprint(salt, value) } };
  }
}

/** What the classifier concluded about one value; fixed labels only, never the value. */
export type Verdict =
  | { type: 'plain' }
  | { type: 'clean'; clean: Clean }
  | { type: 'default-credential' }
  | {
      type: 'secret';
      secret: { detector: string; confidence: Confidence; provider?: string; kind?: string };
    };

/**
 * Value first, name second. A placeholder is recognised before the value detectors (ghp_xxxx… has a
 * token's prefix); a real token is found before the name is looked at; a public value, reference
 * or weak default is recognised only where the name would otherwise have flagged it. Shared by
 * the environment scan and any other caller that has a (name, value) pair (e.g. a code scan's
 * `KEY = "…"` assignments); `lint` is secretlint's hit for the value, when it was run.
 */
export function classifyValue(name: string, value: string, lint?: LintHit, lintFailed = false): Verdict {
  const word = secretWord(name);
  // Cheapest first: most values are plain settings under plain names, and leave after two tests.
  const hit = valueHit(value, lint);
  if (hit === null && word === null) return jsonFieldSecret(value) ?? { type: 'plain' };
  const placeholder = placeholderKind(value);
  if (placeholder !== null) return { type: 'clean', clean: { reason: 'placeholder', detail: placeholder } };
  if (hit !== null) return { type: 'secret', secret: hit };
  if (word === null) return { type: 'plain' };
  const publicValue = publicValueKind(value);
  if (publicValue !== null) return { type: 'clean', clean: { reason: 'public-value', detail: publicValue } };
  const reference = referenceKind(value);
  if (reference !== null) return { type: 'clean', clean: { reason: 'reference', detail: reference } };
  if (PASSWORD_WORDS.has(word) && isWeakDefault(value)) return { type: 'default-credential' };
  if (looksPlain(value, word)) return { type: 'plain' };
  return {
    type: 'secret',
    secret: {
      detector: lintFailed ? SECRETLINT_ERROR_DETECTOR : `name-heuristic:${word}`,
      confidence: 'name-only',
      kind: `a variable named like a secret (${word})`,
    },
  };
}

/** Upper bound on one lintSource input; Lambda caps a function's environment at 4 KB. */
const LINT_CHUNK_CHARS = 256 * 1024;

/** Groups whole functions into chunks whose `.env` rendering stays under LINT_CHUNK_CHARS. */
function chunkByContentSize(
  functions: Array<Array<[string, string]>>,
): Array<Array<Array<[string, string]>>> {
  const chunks: Array<Array<Array<[string, string]>>> = [];
  let current: Array<Array<[string, string]>> = [];
  let size = 0;
  for (const fn of functions) {
    const fnSize = fn.reduce((n, [name, value]) => n + name.length + value.length + 2, 0);
    if (current.length > 0 && size + fnSize > LINT_CHUNK_CHARS) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(fn);
    size += fnSize;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** First 12 hex chars of HMAC-SHA256(salt, value): tells two values apart, cannot recover one. */
export function fingerprint(salt: Buffer, value: string): string {
  return createHmac('sha256', salt).update(value, 'utf8').digest('hex').slice(0, 12);
}

/**
 * Lints the variables worth linting at once; returns, per entry (all of them, in order), the first
 * rule that reported inside it.
 */
async function lintEntries(
  entries: ReadonlyArray<[string, string]>,
  lint: EnvLinter,
  worthLinting: (entry: [string, string]) => boolean,
) {
  const starts: number[] = [];
  const linted: number[] = [];
  let content = '';
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as [string, string];
    if (!worthLinting(entry)) continue;
    starts.push(content.length);
    linted.push(i);
    content += `${entry[0]}=${entry[1]}\n`;
  }
  const found: Array<LintHit | undefined> = new Array(entries.length);
  // Nothing worth linting: no call (secretlint's per-call cost grows with the calls made before).
  if (linted.length === 0) return found;
  const messages = [...(await lint(content))].sort((a, b) => a.start - b.start);
  for (const { ruleId, messageId, start } of messages) {
    const i = linted[entryAt(starts, start)];
    if (i !== undefined && found[i] === undefined)
      found[i] = messageId === undefined ? { ruleId } : { ruleId, messageId };
  }
  return found;
}

/** Index of the last entry starting at or before `offset` (binary search); -1 if none. */
function entryAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let hit = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] ?? Number.POSITIVE_INFINITY) <= offset) {
      hit = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return hit;
}

// ---------------------------------------------------------------------------------------------
// Our own detectors
// ---------------------------------------------------------------------------------------------

/**
 * secretlint's private-key rule wants a whole, valid PEM body; a value that merely carries the
 * header (truncated, or with odd escaping) is still a private key in an env var.
 */
const PEM_PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;

/** What a secretlint rule id (and message id) says about the provider and kind of credential. */
const SECRETLINT_KINDS: Record<string, [provider: string, kind: string]> = {
  aws: ['AWS', 'AWS credential'],
  'aws#AWSAccessKeyID': ['AWS', 'AWS access key ID'],
  'aws#AWSSecretAccessKey': ['AWS', 'AWS secret access key'],
  github: ['GitHub', 'GitHub token'],
  npm: ['npm', 'npm access token'],
  slack: ['Slack', 'Slack token'],
  'slack#IncomingWebhook': ['Slack', 'Slack incoming webhook URL'],
  privatekey: ['PEM', 'private key'],
  'database-connection-string': ['Database', 'database connection string with a password'],
  'database-connection-string#PostgreSQLConnection': [
    'PostgreSQL',
    'PostgreSQL connection string with a password',
  ],
  'database-connection-string#MySQLConnection': ['MySQL', 'MySQL connection string with a password'],
  'database-connection-string#MongoDBConnection': ['MongoDB', 'MongoDB connection string with a password'],
  basicauth: ['URL', 'URL with basic-auth credentials'],
  gcp: ['Google Cloud', 'Google Cloud service account key'],
  openai: ['OpenAI', 'OpenAI API key'],
  anthropic: ['Anthropic', 'Anthropic API key'],
  sendgrid: ['SendGrid', 'SendGrid API key'],
  shopify: ['Shopify', 'Shopify access token'],
  linear: ['Linear', 'Linear API key'],
  '1password': ['1Password', '1Password service account token'],
};

function secretlintHit(value: string, ruleId: string, messageId: string | undefined): ValueHit {
  const short = ruleId.replace(/^@secretlint\/secretlint-rule-/, '');
  const [provider, kind] = SECRETLINT_KINDS[`${short}#${messageId}`] ??
    SECRETLINT_KINDS[short] ?? ['unknown', `credential (${short})`];
  if (short === 'github' || short === 'npm') {
    const token = findChecksummedToken(value);
    if (token !== null) return checksummed(ruleId, provider, kind, token);
  }
  return { detector: ruleId, provider, kind, confidence: 'value-match' };
}

function valueHit(value: string, lint: LintHit | undefined): ValueHit | null {
  if (lint !== undefined) return secretlintHit(value, lint.ruleId, lint.messageId);
  const own = matchPattern(value);
  if (own !== null) return own;
  return PEM_PRIVATE_KEY.test(value)
    ? { detector: 'pem-private-key', provider: 'PEM', kind: 'private key', confidence: 'value-match' }
    : null;
}

/** JSON settings larger than this are not parsed for field names (Lambda caps all variables at 4 KB). */
const MAX_JSON_CHARS = 8 * 1024;

/**
 * A JSON setting under a plain name whose fields are named like secrets:
 * CONFIG={"db":{"password":"…"}}. The field name is judged like a variable name, its string value
 * like a variable value (placeholders, references, public values and weak defaults stay clean).
 * Provider formats anywhere in the JSON were already found by the value detectors.
 */
/** No field can be named like a secret without one of these; saves parsing most JSON settings. */
const JSON_SECRET_HINT = /pass|pwd|secret|token|key|cred|auth|jwt|dsn|connection/i;

function jsonFieldSecret(value: string): Verdict | null {
  if (value.length > MAX_JSON_CHARS || !/^\s*\{/.test(value) || !JSON_SECRET_HINT.test(value)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  const stack: Array<[unknown, number]> = [[parsed, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object' || depth > 8) continue;
    for (const [key, child] of Object.entries(node)) {
      if (typeof child !== 'string') {
        stack.push([child, depth + 1]);
        continue;
      }
      const word = secretWord(key);
      if (word === null || child.length === 0) continue;
      if (placeholderKind(child) || publicValueKind(child) || referenceKind(child) || looksPlain(child, word))
        continue;
      if (PASSWORD_WORDS.has(word) && isWeakDefault(child)) continue;
      return {
        type: 'secret',
        secret: {
          detector: `json-field:${word}`,
          confidence: 'name-only',
          kind: `a JSON field named like a secret (${word})`,
        },
      };
    }
  }
  return null;
}

/**
 * Secret-ish words, matched at the end of a name token so glued names count (DBPASSWORD,
 * GITHUBTOKEN) while words that merely start with one do not (AUTHOR, TOKENIZER, SECRETSMANAGER).
 * Multi-word ones may be glued or split (APIKEY, API_KEY). `exact`: the word must be a whole token
 * (PASS: DB_PASS, not BYPASS or COMPASS). Order matters: longer words first.
 */
const SECRET_WORDS: ReadonlyArray<[label: string, pattern: string, exact?: boolean]> = [
  ['PRIVATE_KEY', 'PRIVATE_?KEY'],
  ['ACCESS_KEY', 'ACCESS_?KEY'],
  ['API_KEY', 'API_?KEY'],
  ['SERVICE_ROLE_KEY', 'SERVICE_?ROLE_?KEY'],
  ['LICENSE_KEY', 'LICENSE_?KEY'],
  ['ENCRYPTION_KEY', 'ENCRYPTION_?KEY'],
  ['SIGNING_KEY', 'SIGNING_?KEY'],
  ['MASTER_KEY', 'MASTER_?KEY'],
  ['HMAC_KEY', 'HMAC_?KEY'],
  ['FERNET_KEY', 'FERNET_?KEY'],
  ['APP_KEY', 'APP_?KEY', true],
  ['CONNECTION_STRING', 'CONNECTION_?STRING'],
  ['AUTHORIZATION', 'AUTHORIZATION'],
  ['PASSWORD', 'PASSWORD'],
  ['PASSWD', 'PASSWD'],
  ['PWD', 'PWD'],
  ['PASS', 'PASS', true],
  ['SECRET', 'SECRET'],
  ['TOKEN', 'TOKEN'],
  ['CREDENTIAL', 'CREDENTIAL'],
  ['AUTH', 'AUTH'],
  ['JWT', 'JWT'],
  ['DSN', 'DSN', true],
];
const SECRET_WORD_RES = SECRET_WORDS.map(
  ([label, pattern, exact]) =>
    [label, new RegExp(`(?:^|_)${exact ? '' : '[A-Z0-9]*?'}${pattern}S?(?=_|$)`, 'g')] as const,
);
const PASSWORD_WORDS = new Set(['PASSWORD', 'PASSWD', 'PWD', 'PASS']);

/**
 * Tokens that may follow the secret word without changing what the variable holds: DB_PASSWORD_PROD,
 * CLIENT_SECRET_VALUE, API_KEY_2. Anything else after the word makes it a qualifier: SECRET_ARN,
 * AUTH_SCOPES, PASSWORD_POLICY, TOKEN_KMS_KEY_ALIAS, TOKEN_TTL_SECONDS, API_KEY_HEADER — the
 * variable is *about* a secret, not the secret.
 */
const SECRET_TAIL = new Set([
  'KEY',
  'BASE',
  'KEYS',
  'VALUE',
  'STRING',
  'STR',
  'B64',
  'BASE64',
  'HEX',
  'RAW',
  'PLAIN',
  'PLAINTEXT',
  'TEXT',
  'PROD',
  'PRODUCTION',
  'DEV',
  'STAGING',
  'STAGE',
  'TEST',
  'QA',
  'UAT',
  'PRIMARY',
  'SECONDARY',
  'OLD',
  'NEW',
  'CURRENT',
  'PREVIOUS',
  'NEXT',
  'BACKUP',
  'LIVE',
]);

/**
 * The secret word the name ends in (after allowed tails), ignoring the value; null if none. The
 * word scan is the classifier's most expensive step, so it runs once per distinct name.
 */
export const secretWord: (name: string) => string | null = perName((name) => scanSecretWord(name));

function scanSecretWord(name: string): string | null {
  const joined = nameTokens(name).join('_');
  let best: { label: string; end: number } | null = null;
  for (const [label, re] of SECRET_WORD_RES) {
    re.lastIndex = 0;
    for (const m of joined.matchAll(re)) {
      const end = (m.index ?? 0) + m[0].length;
      if (best === null || end > best.end) best = { label, end };
    }
  }
  if (best === null) return null;
  const tail = joined
    .slice(best.end)
    .split('_')
    .filter((t) => t.length > 0);
  return tail.every((t) => SECRET_TAIL.has(t) || /^V?\d+$/.test(t)) ? best.label : null;
}

/** Returns the matched secret word, or null when the name or the value says "not a secret". */
export function nameHeuristic(name: string, value: string): string | null {
  const word = secretWord(name);
  if (word === null) return null;
  return referenceKind(value) !== null || looksPlain(value, word) ? null : word;
}

/** DB_PASSWORD, dbPassword and db-password all become ["DB", "PASSWORD"]. */
function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((t) => t.length > 0);
}

/**
 * Below this a value is too short to be a credential worth flagging by name alone. Passwords are
 * shorter than tokens: seven characters under DB_PASSWORD is still a password.
 */
const MIN_SECRET_LENGTH = 8;
const MIN_PASSWORD_LENGTH = 7;

function looksPlain(raw: string, word: string): boolean {
  const value = raw.trim();
  if (value.length < (PASSWORD_WORDS.has(word) ? MIN_PASSWORD_LENGTH : MIN_SECRET_LENGTH)) return true;
  if (/^(?:true|false|yes|no|on|off|null|none|enabled|disabled)$/i.test(value)) return true;
  return /^-?\d+(?:\.\d+)?$/.test(value);
}
