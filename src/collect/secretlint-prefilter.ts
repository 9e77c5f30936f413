/**
 * Which environment variables secretlint needs to see, and when one variable's verdict can depend
 * on its neighbours'. env-vars.ts lints each distinct `NAME=value` line of a batch once, and only
 * the lines some rule of the recommended preset (11.7.1) could report; both shortcuts must give
 * exactly what linting every anchored variable of a chunk together gave (the frozen reference in
 * test/collect/classifier-oracle.ts). What makes that hold, read from the preset's rules:
 *
 * - What a rule needs. Each rule reports only text matching its own pattern, and every pattern
 *   holds a fixed piece that none of its matches can lack (below, rule by rule). None of the pieces
 *   can match `=`, so a piece found in the line `NAME=value` lies wholly in the name or wholly in
 *   the value (the `=` between them is never part of it): each half is tested alone, the name's
 *   answer once per name. Every piece also implies the old, looser SECRETLINT_ANCHOR of the same
 *   half, so this filter only ever lints fewer variables, never others.
 * - When a line stands alone. Rendered one after another, a match could start in one variable and
 *   run into the next only where a rule's pattern can cross the newline between them. Of the
 *   preset's patterns only two can: the AWS secret-key rule, whose `KEY = value` connector allows
 *   whitespace (so `…SECRET_ACCESS_KEY=` at the end of one value could take the next line as the
 *   key), and the private-key rule, whose body allows whitespace (an unterminated PEM header could
 *   run on into the next variable). Every other pattern's classes exclude `\n`, `.` excludes it,
 *   and at both ends of a line every `\b` or look-around sees the same non-word character (start of
 *   text or a newline before, a newline after). A variable that could open such a span is an
 *   "opener" (`mayRunIntoNext`); anything else is reported the same alone or among others.
 *
 * secretlint-prefilter.test.ts checks each rule's sample against the filter and, by property,
 * that secretlint reports nothing the filter would skip; classifier-oracle.test.ts checks the
 * whole classifier against the reference.
 */

/**
 * Case-sensitive pieces, one per rule (the rules' own patterns, cut down to a prefix, quantifier
 * bounds relaxed, look-arounds and `\b` dropped, so each is implied by its rule's match):
 * aws AccessKeyID `(A3T[A-Z0-9]|AKIA|…)[A-Z0-9]{16}`; aws SecretAccessKey's name
 * `(SECRET|secret|Secret)_?(ACCESS|…)_?(KEY|…)`; npm `npm_[A-Za-z0-9_]{36}`; slack tokens
 * `(xoxb|xoxp|xapp|xoxa|xoxo|xoxr)-`; basicauth `(https?|ftp|ftps)://user:password@` with user and
 * password of `[-a-zA-Z0-9_]`; openai's `T3BlbkFJ` (in both of its alternatives); anthropic
 * `sk-ant-api0\d-`; linear `lin_api_`; privatekey's header; sendgrid `SG.\w+.`; shopify
 * `(shppa|shpca|shpat|shpss)_`; github `(ghp|gho|ghu|ghs|ghr)_` and `github_pat_`; 1password
 * `ops_ey`. Not needed: gcp (runs on `.json`/`.p12` files only; ours is `.env`), npm's
 * x-oauth-basic (package.json only) and `_authToken=` (.npmrc only), AWS account ids (allowed,
 * so never returned), filter-comments (not registered).
 */
export const CASE_SENSITIVE_PIECES =
  /(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}|(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)|npm_[A-Za-z0-9_]{36}|(?:xox[bpaor]|xapp)-|(?:https?|ftps?):\/\/[-a-zA-Z0-9_]+:[-a-zA-Z0-9_]+@|T3BlbkFJ|sk-ant-api0\d-|lin_api_|-----BEGIN ?(?:(?:RSA|DSA|EC|OPENSSH|PGP) )?PRIVATE KEY|SG\.\w+\.|shp(?:pa|ca|at|ss)_|gh[pousr]_|github_pat_|ops_ey/;

/**
 * The case-insensitive rules (slack's incoming webhook, the three database connection strings):
 * each piece holds `://`, so the cheap literal test comes first.
 */
const URL_PIECES = /hooks\.slack\.com\/services\/|(?:mongodb(?:\+srv)?|mysqlx?|postgres(?:ql)?):\/\//i;

/** Whether one half of a `NAME=value` line (the name or the value) holds a piece some rule needs. */
export function mayInterestSecretlint(text: string): boolean {
  return CASE_SENSITIVE_PIECES.test(text) || (text.includes('://') && URL_PIECES.test(text));
}

/**
 * Whether a secretlint match starting in this variable's line could run on into the next line
 * (an over-approximation: a false "yes" only costs the slower, chunk-by-chunk lint). Two shapes:
 * - the AWS secret-key rule's `(KEY|key|Key)["']?\s*(:|=>|=)\s*` at the very end of the line, the
 *   key then taken from the next line: trailing white space, quotes and connector characters are
 *   stripped, in any order; if that strips a connector and leaves a key word, the line is an
 *   opener. A value that is nothing but those characters hands the test on to the name, since the
 *   `=` between them is then the connector. (A line ending in the key word without a connector
 *   needs the next line to supply one: see `mayContinuePrevious`.)
 * - the private-key rule's header with no END marker after it: its body class
 *   `[A-Za-z0-9+/=\s\\]` cannot pass a `-`, so a span must start after the last `-----BEGIN`,
 *   with no `-----END` behind it.
 */
export function mayRunIntoNext(name: string, value: string): boolean {
  return endsInKeyConnector(name, value) || opensPrivateKey(value) || name.includes('-----BEGIN');
}

/**
 * Whether this variable's line could supply the connector to an AWS secret-key match begun on the
 * line before (`…SECRET_ACCESS_KEY` ending that line): only if the line's first character after
 * white space is `:` or `=`, i.e. a name that is empty, blank or starts so. Lambda allows no such
 * name (letters, digits and `_`, starting with a letter), but this classifier takes any input.
 */
export function mayContinuePrevious(name: string): boolean {
  const first = name.trimStart().charCodeAt(0);
  return Number.isNaN(first) || first === 0x3a || first === 0x3d;
}

/** The AWS secret-key half of mayRunIntoNext (for a value known to hold no `-----BEGIN`). */
export function endsInKeyConnector(name: string, value: string): boolean {
  let end = trimConnector(value, value.length);
  if (end > 0) return hasConnector(value, end) && endsWithKeyWord(value, end);
  // The value is only white space, quotes and connectors: the separating `=` and the name come
  // next, and that `=` is a connector.
  end = trimConnector(name, name.length);
  return endsWithKeyWord(name, end);
}

/** Index after the last character that is not white space, `:`, `=`, `>`, `"` or `'`. */
function trimConnector(text: string, end: number): number {
  let i = end;
  while (i > 0 && isConnectorChar(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Whether the stripped tail from `from` holds a connector character (`:` or `=`; `=>` has `=`). */
function hasConnector(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a || c === 0x3d) return true;
  }
  return false;
}

function isConnectorChar(c: number): boolean {
  // Printable ASCII (the usual last character) is decided without a regex: `:` `=` `>` `"` `'`.
  if (c > 0x20 && c < 0x7f) return c === 0x3a || c === 0x3d || c === 0x3e || c === 0x22 || c === 0x27;
  // Anything else: is it one of the characters `\s` matches (ASCII and Unicode white space)?
  return WHITE_SPACE.test(String.fromCharCode(c));
}
const WHITE_SPACE = /^\s$/;

function endsWithKeyWord(text: string, end: number): boolean {
  if (end < 3) return false;
  const word = text.slice(end - 3, end);
  return word === 'KEY' || word === 'key' || word === 'Key';
}

function opensPrivateKey(value: string): boolean {
  const begin = value.lastIndexOf('-----BEGIN');
  return begin >= 0 && value.indexOf('-----END', begin) < 0;
}
