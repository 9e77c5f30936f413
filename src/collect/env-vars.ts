/**
 * Classifying a Lambda function's environment variables at collection time, so no value ever
 * enters the inventory (DESIGN.md, "Never leak what it finds"). For each variable we keep its
 * name and, when it looks secret, which detector said so plus a salted fingerprint.
 *
 * Detectors, first hit wins:
 * 1. secretlint's recommended preset, which recognises real token formats by their shape (AWS,
 *    GitHub, Slack, private keys, DB connection strings, basic-auth URLs, …). Many variables (of
 *    one function, or of many: see `classifyEnvironments`) are linted in ONE `lintSource` call,
 *    shaped like a `.env` file (`NAME=value` per variable) because some rules key off the name
 *    (AWS_SECRET_ACCESS_KEY=…); each message is mapped back to its variable by the offset where it
 *    starts. Offsets, not line numbers: a value may itself hold newlines (a PEM key).
 * 2. `pem-private-key`: a private-key PEM header anywhere in the value (secretlint insists on a
 *    complete, valid key body).
 * 3. `name-heuristic:<WORD>`, for secrets that have no recognisable shape (a DB password): a
 *    secret-ish word in the name, unless the name only *describes* a secret (…_ARN, …_HEADER,
 *    …_PARAM) or the value is an obvious reference or too short/plain to be a credential. If
 *    secretlint failed, such a hit is recorded as `secretlint-error` instead, so a reader knows
 *    the shape detectors did not run. No entropy heuristic: hashes, UUIDs and base64 config
 *    would drown the real findings.
 *
 * The value is never returned, logged, thrown, or put into an error: secretlint runs with
 * `maskSecrets`, its messages' text is never read, and a secretlint failure is swallowed whole.
 */

import { createHmac } from 'node:crypto';
import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { rules as recommendedRules } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintCoreConfig, SecretLintCoreResult } from '@secretlint/types';
import { compareText } from '../inventory/order.js';
import type { EnvVar } from '../inventory/schema.js';
import {
  type Clean,
  type Confidence,
  checksummed,
  findChecksummedToken,
  isWeakDefault,
  matchPattern,
  placeholderKind,
  publicValueKind,
  referenceKind,
  type ValueHit,
} from './secret-patterns.js';

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
export async function secretlint(content: string): Promise<ReadonlyArray<LintHit & { start: number }>> {
  const hits = await secretlintRanges(content, 'lambda-environment.env');
  return hits.map((m) => ({ ruleId: m.ruleId, messageId: m.messageId, start: m.start }));
}

/**
 * The same preset over any text (code-scan.ts: a deployment package's files), with where each hit
 * starts and ends, so the caller can fingerprint the matched text in memory; never the message text.
 */
export async function secretlintRanges(
  content: string,
  filePath: string,
): Promise<ReadonlyArray<LintHit & { start: number; end: number }>> {
  const dot = filePath.lastIndexOf('.');
  const result: SecretLintCoreResult = await lintSource({
    source: { content, filePath, ext: dot >= 0 ? filePath.slice(dot) : '', contentType: 'text' },
    // maskSecrets: even if a message object escaped somewhere, its data would read "****".
    options: { config: SECRETLINT_CONFIG, maskSecrets: true, noPhysicFilePath: true },
  });
  return result.messages.map((m) => ({
    ruleId: m.ruleId,
    messageId: m.messageId,
    start: m.range[0],
    end: m.range[1],
  }));
}

/**
 * Classifies one function's variables. Calls made in the same turn of the event loop with the
 * same salt are coalesced into one `classifyEnvironments` batch (the Lambda collector starts one
 * call per function, all at once), so callers get batching without changing shape.
 */
export function classifyEnvironment(
  vars: Record<string, string> | undefined,
  salt: Buffer,
  options: ClassifyOptions = {},
): Promise<EnvVar[]> {
  if (options.lint) return classifyEnvironments([vars], salt, options).then((r) => r[0] ?? []);
  return new Promise((resolve, reject) => {
    let batch = pendingBySalt.get(salt);
    if (batch === undefined) {
      const created: PendingBatch = { list: [], waiters: [] };
      pendingBySalt.set(salt, created);
      setImmediate(() => flush(salt, created));
      batch = created;
    }
    batch.list.push(vars);
    batch.waiters.push({ resolve, reject });
  });
}

interface PendingBatch {
  list: Array<Record<string, string> | undefined>;
  waiters: Array<{ resolve: (r: EnvVar[]) => void; reject: (e: unknown) => void }>;
}
const pendingBySalt = new Map<Buffer, PendingBatch>();

function flush(salt: Buffer, batch: PendingBatch): void {
  pendingBySalt.delete(salt);
  classifyEnvironments(batch.list, salt).then(
    (results) => {
      for (const [i, w] of batch.waiters.entries()) w.resolve(results[i] ?? []);
    },
    (err: unknown) => {
      for (const w of batch.waiters) w.reject(err);
    },
  );
}

/**
 * Classifies many functions' variables (e.g. one ListFunctions page, or a whole region) with few
 * secretlint calls: they are linted together in chunks of up to LINT_CHUNK_CHARS. Why batch:
 * @secretlint/core marks ~54 performance entries per `lintSource` call into a process-wide
 * profiler whose observer scans all entries recorded so far on every end mark, so per-call cost
 * grows with the number of calls made before (measured, one call per function for 10,000
 * functions: the loop took 1.8 s, then the observer kept the CPU busy for another ~12.5 min). Returns one EnvVar[] per input, in input order.
 */
export async function classifyEnvironments(
  list: ReadonlyArray<Record<string, string> | undefined>,
  salt: Buffer,
  options: ClassifyOptions = {},
): Promise<EnvVar[][]> {
  const lint = options.lint ?? secretlint;
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
