/**
 * The JUnit XML report, for CI systems (GitLab, GitHub test reporters, Jenkins): one
 * <testsuite> per check, one <testcase> per result, in the de-facto schema those tools read.
 *
 * A result maps to a test outcome: fail → <failure type=severity>; unknown → <error> (the check
 * could not be made: a read failed, which is not a pass); not applicable → <skipped>; a failing
 * or unknown result accepted by a suppression rule → <skipped> naming the rule and its reason;
 * pass → an empty testcase. Counts on every <testsuite> and on <testsuites> follow the same map.
 *
 * Written as text with escape-goat's escaping (& < > " ' become entities, valid XML as well as
 * HTML), not through an XML DOM: a DOM node per testcase cost 37 µs (xmlbuilder2; 1.6 minutes for
 * the 2.6 million results of 100,000 functions), and xmlbuilder2 also wrote an `&` that starts
 * something entity-like (`&amp;`, `&#0;`) through unescaped (oozcitak/xmlbuilder2#117). XML 1.0
 * cannot carry C0 controls (bar tab, LF, CR), lone surrogates or U+FFFE/U+FFFF at all, escaped or
 * not: each becomes U+FFFD, visibly, rather than a file no parser accepts. Attribute values are put
 * on one line (tab, LF, CR → space), as a parser's attribute normalisation would.
 *
 * Streamed: the <testsuites> open tag, then each suite's open tag and properties, its testcases
 * in batches (one check over 100,000 functions is one suite), and its close tag.
 */
import { htmlEscape } from 'escape-goat';
import { errorText, frameworksText, suppressionText } from './csv-cells.js';
import type { Report, ReportCheck, ReportResult } from './schema.js';

export const JUNIT_FILE_NAME = 'report.junit.xml';

/** Testcases per chunk: a bounded string for any size of suite. */
const TESTCASES_PER_CHUNK = 500;

/** What XML 1.0 cannot carry: C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates. */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the controls XML forbids is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Element text: escaped, and what XML cannot carry replaced by U+FFFD. */
function xmlText(value: string): string {
  return htmlEscape(value.replace(NOT_XML, '\uFFFD'));
}

/** An attribute value: as text, on one line. */
function xmlAttr(value: string): string {
  return xmlText(value).replace(/[\t\n\r]/g, ' ');
}

function tag(name: string, attributes: Record<string, string>): string {
  let out = `<${name}`;
  for (const [key, value] of Object.entries(attributes)) out += ` ${key}="${xmlAttr(value)}"`;
  return out;
}

export type Outcome = 'passed' | 'failure' | 'error' | 'skipped';

export interface OutcomeCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/** How a CI system should show a result; a suppressed result is accepted, so it is not a failure. */
export function outcomeOf(result: ReportResult): Outcome {
  if (result.status === 'not_applicable') return 'skipped';
  if (result.status === 'pass') return 'passed';
  if (result.suppression) return 'skipped';
  return result.status === 'fail' ? 'failure' : 'error';
}

export function countOutcomes(results: Iterable<ReportResult>): OutcomeCounts {
  const counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const r of results) {
    counts.tests++;
    const outcome = outcomeOf(r);
    if (outcome === 'failure') counts.failures++;
    else if (outcome === 'error') counts.errors++;
    else if (outcome === 'skipped') counts.skipped++;
  }
  return counts;
}

export function* renderJunit(report: Report): Generator<string> {
  const suites = suitesOf(report);
  const total = countOutcomes(report.results);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `${tag('testsuites', {
    name: 'lambda-posture',
    ...countAttributes(total),
    // The scan's duration, in seconds; suites say 0, as checks are not timed one by one.
    time: (report.run.durationMs / 1000).toFixed(3),
  })}>\n`;
  for (const { id, check, results } of suites) {
    yield suiteOpening(id, check, results);
    for (let start = 0; start < results.length; start += TESTCASES_PER_CHUNK) {
      let batch = '';
      const end = Math.min(results.length, start + TESTCASES_PER_CHUNK);
      for (let i = start; i < end; i++) batch += testcase(results[i] as ReportResult, check);
      yield batch;
    }
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
}

interface Suite {
  id: string;
  check: ReportCheck | undefined;
  results: ReportResult[];
}

/** Every check in the report's order, with its results; a result of an unlisted check still gets a suite. */
function suitesOf(report: Report): Suite[] {
  const suites = new Map<string, Suite>(
    report.checks.map((check) => [check.id, { id: check.id, check, results: [] }]),
  );
  for (const r of report.results) {
    let suite = suites.get(r.checkId);
    if (!suite) {
      suite = { id: r.checkId, check: undefined, results: [] };
      suites.set(r.checkId, suite);
    }
    suite.results.push(r);
  }
  return [...suites.values()];
}

function countAttributes(c: OutcomeCounts): Record<string, string> {
  return {
    tests: String(c.tests),
    failures: String(c.failures),
    errors: String(c.errors),
    skipped: String(c.skipped),
  };
}

/** `<testsuite …><properties>…</properties>`: the suite's opening, before its testcases. */
function suiteOpening(id: string, check: ReportCheck | undefined, results: ReportResult[]): string {
  const first = results[0];
  const meta: [string, string | undefined][] = [
    ['title', check?.title],
    ['severity', check?.severity ?? first?.severity],
    ['practice', check?.practice ?? first?.practice],
    ['resource_type', check?.resourceType],
    ['frameworks', check ? frameworksText(check.frameworks) : undefined],
  ];
  let out = `  ${tag('testsuite', { name: id, ...countAttributes(countOutcomes(results)), time: '0' })}>\n`;
  out += '    <properties>\n';
  for (const [name, value] of meta) {
    if (value) out += `      ${tag('property', { name, value })}/>\n`;
  }
  return `${out}    </properties>\n`;
}

function testcase(r: ReportResult, check: ReportCheck | undefined): string {
  const open = `    ${tag('testcase', { classname: r.checkId, name: `${r.resource.name} (${r.resource.region ?? 'global'})` })}`;
  switch (outcomeOf(r)) {
    case 'failure':
      return `${open}>\n      ${tag('failure', { message: r.message, type: r.severity })}>${xmlText(failureBody(r, check))}</failure>\n    </testcase>\n`;
    case 'error':
      return `${open}>\n      ${tag('error', { message: r.message, type: r.error?.class ?? 'unknown' })}>${xmlText(errorBody(r))}</error>\n    </testcase>\n`;
    case 'skipped':
      return `${open}>\n      ${tag('skipped', { message: skippedMessage(r) })}/>\n    </testcase>\n`;
    case 'passed':
      return `${open}/>\n`;
  }
}

function failureBody(r: ReportResult, check: ReportCheck | undefined): string {
  const lines = [r.message, `Resource: ${r.resource.arn}`, `Finding: ${r.findingId}`];
  if (check) lines.push(`Remediation: ${check.remediation.text}`);
  if (check?.remediation.cli) lines.push(`CLI: ${check.remediation.cli}`);
  return lines.join('\n');
}

function errorBody(r: ReportResult): string {
  const why = r.error
    ? `The check could not be made: a read failed (${errorText(r.error)}).`
    : 'The check could not be made (no failed read was recorded).';
  return [why, r.message, `Resource: ${r.resource.arn}`, `Finding: ${r.findingId}`].join('\n');
}

function skippedMessage(r: ReportResult): string {
  if (r.status === 'not_applicable') return `not applicable: ${r.message}`;
  const rule = r.suppression ? suppressionText(r.suppression) : 'no rule';
  return `suppressed by ${rule}; the result is ${r.status}: ${r.message}`;
}
