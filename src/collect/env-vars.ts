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
 *    starts (lint-lines.ts). Only lines a rule could report are linted, each distinct one once
 *    (secretlint-prefilter.ts says which, and when a line's verdict depends on its neighbour).
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
import type { EnvVar } from '../inventory/schema.js';
import {
  chunkRanges,
  type EnvLinter,
  LINT_CHUNK_CHARS,
  type LintHit,
  lineLength,
  lintEntries,
} from './lint-lines.js';
import {
  type Clean,
  type Confidence,
  checksummed,
  findChecksummedToken,
  isWeakDefault,
  matchPattern,
  PATTERN_ANCHORS,
  placeholderKind,
  publicValueKind,
  referenceKind,
  type ValueHit,
} from './secret-patterns.js';
import {
  CASE_SENSITIVE_PIECES,
  endsInKeyConnector,
  mayContinuePrevious,
  mayInterestSecretlint,
  mayRunIntoNext,
} from './secretlint-prefilter.js';

/**
 * secretlint's process-wide profiler is switched off. @secretlint/core marks ~54 performance
 * entries per lintSource call; the profiler keeps every one forever and, on each end mark, scans
 * all kept so far, so a call costs more the more calls came before: quadratic in the number of
 * calls, and a leak. Batching keeps the environment scan to a few calls, but --scan-code lints
 * every file of every package (measured: synthesizing 1,500 functions' inventory took 9.8 s, 4,000
 * took 95 s, nearly all of it in the profiler). We never read its measures, so its mark is a no-op.
 */
secretLintProfiler.mark = () => {};

export type { EnvLinter, LintHit } from './lint-lines.js';

export interface ClassifyOptions {
  /**
   * Replaces secretlint; a seam for tests (e.g. to prove a linter failure cannot leak a value).
   * Nothing is assumed about what it reports, so it sees every non-empty variable, chunk by chunk.
   */
  lint?: EnvLinter;
  /**
   * Replaces secretlint with a linter that reports exactly what secretlint would (e.g. secretlint
   * wrapped to fail), so the batch shortcuts still apply; a seam for tests of those shortcuts.
   */
  lintAsSecretlint?: EnvLinter;
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
  if (options.lint || options.lintAsSecretlint)
    return classifyEnvironments([vars], salt, options).then((r) => r[0] ?? []);
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
 * Classifies many functions' variables (e.g. one ListFunctions page, or a whole region); returns
 * one EnvVar[] per input, in input order. Real fleets repeat themselves (LOG_LEVEL=INFO in every
 * function), so each distinct (name, value) pair of the batch is classified once, and secretlint
 * sees each distinct line once, and only the lines a preset rule could report
 * (secretlint-prefilter.ts), a few hundred KB per `lintSource` call. The answers are exactly what
 * linting every anchored variable of a chunk together gave (test/collect/classifier-oracle.ts is
 * that reference): where a variable's verdict could depend on its neighbour's (`mayRunIntoNext`),
 * its chunk is linted the old way, and if secretlint fails the whole batch is.
 */
export async function classifyEnvironments(
  list: ReadonlyArray<Record<string, string> | undefined>,
  salt: Buffer,
  options: ClassifyOptions = {},
): Promise<EnvVar[][]> {
  const fingerprints = fingerprintMemo(salt);
  if (options.lint) return classifyChunkByChunk(sortedEntries(list), fingerprints, options.lint, hasValue);
  const lint = options.lintAsSecretlint ?? secretlint;
  const distinct = await classifyDistinct(list, fingerprints, lint);
  return distinct ?? classifyChunkByChunk(sortedEntries(list), fingerprints, lint, secretlintAnchored);
}

// Entries are indexed, not destructured, on the per-variable paths: array destructuring runs the
// iterator protocol, which was a tenth of the classifier's time on ordinary settings.
type Entry = [string, string];
const hasValue = (entry: readonly [string, string]): boolean => entry[1].length > 0;
const secretlintAnchored = (entry: readonly [string, string]): boolean =>
  entry[1].length > 0 && (nameAnchored(entry[0]) || SECRETLINT_ANCHOR.test(entry[1]));
const NO_VARS: Record<string, string> = Object.freeze({});

/**
 * Each function's variable names in output order: sorted, so that two scans of an unchanged
 * function produce identical inventories. Both sorts compare UTF-16 code units, as compareText
 * does, and names are unique, so this is the order sorting entries by name gave, without a
 * [name, value] array per variable. A function has a dozen variables or so, where an insertion
 * sort is three times faster than Array#sort; a hostile one with thousands gets Array#sort.
 */
function sortedNames(vars: Record<string, string>): string[] {
  const names = Object.keys(vars);
  if (names.length > INSERTION_SORT_MAX) return names.sort();
  for (let i = 1; i < names.length; i++) {
    const name = names[i] as string;
    let j = i - 1;
    while (j >= 0 && (names[j] as string) > name) {
      names[j + 1] = names[j] as string;
      j--;
    }
    names[j + 1] = name;
  }
  return names;
}
const INSERTION_SORT_MAX = 64;

function sortedEntries(list: ReadonlyArray<Record<string, string> | undefined>): Entry[][] {
  return list.map((maybe) => {
    const vars = maybe ?? NO_VARS;
    return sortedNames(vars).map((name): Entry => [name, vars[name] as string]);
  });
}

/**
 * The reference way: chunks of whole functions, each chunk's worthy variables linted as one text,
 * every variable classified on its own. A linter failure marks its chunk (`secretlint-error`).
 */
async function classifyChunkByChunk(
  functions: ReadonlyArray<ReadonlyArray<Entry>>,
  fingerprints: (value: string) => string,
  lint: EnvLinter,
  worthLinting: (entry: readonly [string, string]) => boolean,
): Promise<EnvVar[][]> {
  const results: EnvVar[][] = [];
  for (const [start, end] of chunkRanges(functions)) {
    const chunk = functions.slice(start, end);
    const hits = await lintOrUndefined(chunk.flat(), lint, worthLinting);
    let i = 0;
    for (const fn of chunk) {
      results.push(
        fn.map((entry) => classifyOne(entry[0], entry[1], hits?.[i++], hits === undefined, fingerprints)),
      );
    }
  }
  return results;
}

/** lintEntries, with a failure turned into `undefined`: its message could quote the scanned text. */
async function lintOrUndefined(
  entries: ReadonlyArray<readonly [string, string]>,
  lint: EnvLinter,
  worthLinting: (entry: readonly [string, string]) => boolean,
): Promise<Array<LintHit | undefined> | undefined> {
  try {
    return await lintEntries(entries, lint, worthLinting);
  } catch {
    return undefined;
  }
}

/**
 * The fast way (see classifyEnvironments); `undefined` if secretlint failed, so the caller can
 * redo the batch the reference way and mark exactly the chunks the reference would have marked.
 */
async function classifyDistinct(
  list: ReadonlyArray<Record<string, string> | undefined>,
  fingerprints: (value: string) => string,
  lint: EnvLinter,
): Promise<EnvVar[][] | undefined> {
  const pairs = new DistinctPairs();
  // Plain-at-sight variables get their answer in this first pass; the others wait for the lint,
  // as (function, position, pair) triples in flat arrays rather than an array per function.
  const results: EnvVar[][] = new Array(list.length);
  const plainValues = new Map<string, boolean>();
  const waitingFn: number[] = [];
  const waitingAt: number[] = [];
  const waitingId: number[] = [];
  for (let f = 0; f < list.length; f++) {
    const vars = list[f] ?? NO_VARS;
    const names = sortedNames(vars);
    const out: EnvVar[] = new Array(names.length);
    for (let j = 0; j < names.length; j++) {
      const name = names[j] as string;
      const value = vars[name] as string;
      if (plainAtSight(name, value, plainValues)) {
        out[j] = { name, secret: null };
      } else {
        waitingFn.push(f);
        waitingAt.push(j);
        waitingId.push(pairs.idOf(name, value));
      }
    }
    results[f] = out;
  }

  // Lines that could join a neighbour's match are never linted among others, so every line here
  // is reported as if alone.
  const pairHits = await lintDistinctLines(pairs, lint);
  if (pairHits === undefined) return undefined;

  const templates: Array<EnvVar | undefined> = new Array(pairs.size);
  for (let k = 0; k < waitingId.length; k++) {
    const id = waitingId[k] as number;
    let template = templates[id];
    if (template === undefined) {
      template = classifyOne(
        pairs.names[id] as string,
        pairs.values[id] as string,
        pairHits[id],
        false,
        fingerprints,
      );
      templates[id] = template;
    }
    (results[waitingFn[k] as number] as EnvVar[])[waitingAt[k] as number] = copyEnvVar(template);
  }

  // A chunk holding a line that could join a neighbour's match is linted as the reference linted
  // it, as one text in order (almost never: see DistinctPairs.isRisky).
  if (!pairs.anyRisky) return results;
  const risky = new Set<number>();
  for (let k = 0; k < waitingId.length; k++)
    if (pairs.isRisky(waitingId[k] as number)) risky.add(waitingFn[k] as number);
  const functions = sortedEntries(list);
  for (const [start, end] of chunkRanges(functions)) {
    let entangled = false;
    for (let f = start; f < end && !entangled; f++) entangled = risky.has(f);
    if (!entangled) continue;
    const chunk = functions.slice(start, end);
    const hits = await lintOrUndefined(chunk.flat(), lint, secretlintAnchored);
    if (hits === undefined) return undefined;
    let i = 0;
    for (const [k, fn] of chunk.entries()) {
      results[start + k] = fn.map((e) => classifyOne(e[0], e[1], hits[i++], false, fingerprints));
    }
  }
  return results;
}

/**
 * A variable that no detector could flag, told mostly by one scan of the value: not named like a
 * secret, no anchor of our own patterns, no case-sensitive secretlint piece, no PEM header (so no
 * private-key span either), not a JSON object, no risk of joining a neighbour's secretlint match;
 * the case-insensitive detectors all need a `://`. classifyValue would say 'plain'.
 */
function plainAtSight(name: string, value: string, plainValues: Map<string, boolean>): boolean {
  if (value.length === 0) return true;
  const facts = nameFacts(name);
  if (facts.word !== null || facts.interestsSecretlint || facts.risky) return false;
  // The value's scan, once per distinct value of the batch (LOG_LEVEL=INFO in every function).
  let plain = plainValues.get(value);
  if (plain === undefined) {
    plain = valueLooksPlain(value);
    plainValues.set(value, plain);
  }
  return plain && !endsInKeyConnector(name, value);
}

function valueLooksPlain(value: string): boolean {
  if (VALUE_DETECTOR_HINT.test(value) || JSON_OBJECT_START.test(value)) return false;
  return !(value.includes('://') && mayInterestSecretlint(value));
}

const VALUE_DETECTOR_HINT = new RegExp(
  `${PATTERN_ANCHORS.source}|${CASE_SENSITIVE_PIECES.source}|-----BEGIN`,
);
const JSON_OBJECT_START = /^\s*\{/;

/** What the batch needs to know of a name, once per distinct name. */
const nameFacts = perName((name) => ({
  word: secretWord(name),
  interestsSecretlint: mayInterestSecretlint(name),
  /** Could a line with this name join a neighbour's match, whatever its value? */
  risky: mayContinuePrevious(name) || name.includes('-----BEGIN'),
}));

/**
 * Lints the distinct lines worth linting, in texts of up to LINT_CHUNK_CHARS each; per pair, the
 * first rule that reported inside its line, or `undefined` for the whole lot if any call failed.
 */
async function lintDistinctLines(
  pairs: DistinctPairs,
  lint: EnvLinter,
): Promise<Array<LintHit | undefined> | undefined> {
  const hits: Array<LintHit | undefined> = new Array(pairs.size);
  let batch: number[] = [];
  let size = 0;
  const flush = async (): Promise<boolean> => {
    if (batch.length === 0) return true;
    const found = await lintOrUndefined(
      batch.map((id) => pairs.entry(id)),
      lint,
      () => true,
    );
    if (found === undefined) return false;
    for (const [k, id] of batch.entries()) hits[id] = found[k];
    batch = [];
    size = 0;
    return true;
  };
  for (let id = 0; id < pairs.size; id++) {
    if (!pairs.worthLinting(id)) continue;
    const length = lineLength(pairs.entry(id));
    if (batch.length > 0 && size + length > LINT_CHUNK_CHARS && !(await flush())) return undefined;
    batch.push(id);
    size += length;
  }
  return (await flush()) ? hits : undefined;
}

/**
 * The distinct (name, value) pairs of one batch, numbered in order of first appearance, with what
 * the batch needs to know of each. Lives as long as the batch, so it holds no value for longer.
 */
class DistinctPairs {
  readonly names: string[] = [];
  readonly values: string[] = [];
  /** Whether any pair is risky (see isRisky); almost never, so the chunk bookkeeping is skipped. */
  anyRisky = false;
  private readonly byName = new Map<string, Map<string, number>>();
  private readonly risky: boolean[] = [];

  get size(): number {
    return this.names.length;
  }

  idOf(name: string, value: string): number {
    let byValue = this.byName.get(name);
    if (byValue === undefined) {
      byValue = new Map();
      this.byName.set(name, byValue);
    }
    let id = byValue.get(value);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.values.push(value);
      const risky = value.length > 0 && (mayRunIntoNext(name, value) || nameFacts(name).risky);
      this.risky.push(risky);
      if (risky) this.anyRisky = true;
      byValue.set(value, id);
    }
    return id;
  }

  entry(id: number): Entry {
    return [this.names[id] as string, this.values[id] as string];
  }

  /** Could a secretlint match run from this pair's line into the next, or from the last into it? */
  readonly isRisky = (id: number): boolean => this.risky[id] === true;

  /** Could secretlint report this pair's line at all (and is it safe to lint among others)? */
  worthLinting(id: number): boolean {
    const value = this.values[id] as string;
    if (value.length === 0 || this.risky[id]) return false;
    return nameFacts(this.names[id] as string).interestsSecretlint || mayInterestSecretlint(value);
  }
}

/** A fresh copy of a classified variable (callers own their results; nested objects included). */
function copyEnvVar(template: EnvVar): EnvVar {
  // Most variables are plain: the two-field literal is the cheap copy.
  if (template.secret === null && template.clean === undefined && template.defaultCredential === undefined)
    return { name: template.name, secret: null };
  const copy = { ...template };
  if (template.secret) copy.secret = { ...template.secret };
  if (template.clean) copy.clean = { ...template.clean };
  if (template.defaultCredential) copy.defaultCredential = { ...template.defaultCredential };
  return copy;
}

function classifyOne(
  name: string,
  value: string,
  lint: LintHit | undefined,
  lintFailed: boolean,
  fingerprints: (value: string) => string,
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
      return { name, secret: null, defaultCredential: { fingerprint: fingerprints(value) } };
    case 'secret':
      return { name, secret: { ...verdict.secret, fingerprint: fingerprints(value) } };
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

/** First 12 hex chars of HMAC-SHA256(salt, value): tells two values apart, cannot recover one. */
export function fingerprint(salt: Buffer, value: string): string {
  return createHmac('sha256', salt).update(value, 'utf8').digest('hex').slice(0, 12);
}

/** `fingerprint` under one salt, computed once per distinct value of a batch. */
function fingerprintMemo(salt: Buffer): (value: string) => string {
  const memo = new Map<string, string>();
  return (value) => {
    let fp = memo.get(value);
    if (fp === undefined) {
      fp = fingerprint(salt, value);
      memo.set(value, fp);
    }
    return fp;
  };
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
