/**
 * The JUnit XML report, for CI systems (GitLab, GitHub test reporters, Jenkins): one
 * <testsuite> per check, one <testcase> per result, in the de-facto schema those tools read.
 *
 * A result maps to a test outcome: fail → <failure type=severity>; unknown → <error> (the check
 * could not be made: a read failed, which is not a pass); not applicable → <skipped>; a failing
 * or unknown result accepted by a suppression rule → <skipped> naming the rule and its reason;
 * pass → an empty testcase. Counts on every <testsuite> and on <testsuites> follow the same map.
 *
 * Elements are built with xmlbuilder2, which escapes markup, with one exception we work around:
 * it writes an `&` that starts something entity-like (`&amp;`, `&nbsp;`, `&#0;`) through
 * unescaped (oozcitak/xmlbuilder2#117, #109), so a name containing `&amp;` would read back as
 * `&`, and one containing `&nbsp;` or `&#0;` would make the file unreadable. We pass every `&` to
 * it as `&amp;`, which it writes through as it stands (test/report/junit.test.ts pins both
 * halves of that, so an upgrade that changes it fails there). XML 1.0 cannot carry C0 controls
 * (bar tab, LF, CR), lone surrogates or U+FFFE/U+FFFF at all, escaped or not: xmlbuilder2
 * replaces each with U+FFFD, visibly, rather than write a file no parser accepts. Attribute
 * values are put on one line (tab, LF, CR → space), as a parser's attribute normalisation would.
 *
 * Streamed: the <testsuites> open tag, then each suite's open tag and properties, its testcases
 * in batches (one check over 100,000 functions is one suite), and its close tag.
 */
import { fragment } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { errorText, frameworksText, suppressionText } from './csv-cells.js';
import type { Report, ReportCheck, ReportResult } from './schema.js';

export const JUNIT_FILE_NAME = 'report.junit.xml';

/** Testcases per chunk: a bounded string for any size of suite. */
const TESTCASES_PER_CHUNK = 500;

const BUILDER = { invalidCharReplacement: '\uFFFD' } as const;
const WRITER = { prettyPrint: true, offset: 1 } as const;

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
  yield `${openTag('testsuites', {
    name: 'lambda-posture',
    ...countAttributes(total),
    // The scan's duration, in seconds; suites say 0, as checks are not timed one by one.
    time: (report.run.durationMs / 1000).toFixed(3),
  })}\n`;
  for (const { id, check, results } of suites) {
    yield suiteOpening(id, check, results);
    for (let start = 0; start < results.length; start += TESTCASES_PER_CHUNK) {
      const batch = fragment(BUILDER);
      for (const r of results.slice(start, start + TESTCASES_PER_CHUNK)) addTestcase(batch, r, check);
      yield `${batch.end({ ...WRITER, offset: 2 })}\n`;
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

/** `<testsuite …><properties>…</properties>`: the element serialised whole, less its close tag. */
function suiteOpening(id: string, check: ReportCheck | undefined, results: ReportResult[]): string {
  const suite = fragment(BUILDER).ele(
    'testsuite',
    attrs({ name: id, ...countAttributes(countOutcomes(results)), time: '0' }),
  );
  const properties = suite.ele('properties');
  const first = results[0];
  const meta: [string, string | undefined][] = [
    ['title', check?.title],
    ['severity', check?.severity ?? first?.severity],
    ['practice', check?.practice ?? first?.practice],
    ['resource_type', check?.resourceType],
    ['frameworks', check ? frameworksText(check.frameworks) : undefined],
  ];
  for (const [name, value] of meta) {
    if (value) properties.ele('property', attrs({ name, value }));
  }
  return `${withoutCloseTag(suite.end(WRITER), 'testsuite')}\n`;
}

/** An element's open tag alone, serialised by xmlbuilder2 (written empty as <x …></x>, then cut). */
function openTag(name: string, attributes: Record<string, string>): string {
  const xml = fragment(BUILDER).ele(name, attrs(attributes)).end({ allowEmptyTags: true });
  return withoutCloseTag(xml, name);
}

function withoutCloseTag(xml: string, name: string): string {
  const close = `</${name}>`;
  if (!xml.endsWith(close))
    throw new Error(`internal error: serialised <${name}> does not end with ${close}`);
  return xml.slice(0, -close.length).trimEnd();
}

function addTestcase(parent: XMLBuilder, r: ReportResult, check: ReportCheck | undefined): void {
  const testcase = parent.ele(
    'testcase',
    attrs({ classname: r.checkId, name: `${r.resource.name} (${r.resource.region ?? 'global'})` }),
  );
  switch (outcomeOf(r)) {
    case 'failure':
      testcase
        .ele('failure', attrs({ message: r.message, type: r.severity }))
        .txt(text(failureBody(r, check)));
      break;
    case 'error':
      testcase
        .ele('error', attrs({ message: r.message, type: r.error?.class ?? 'unknown' }))
        .txt(text(errorBody(r)));
      break;
    case 'skipped':
      testcase.ele('skipped', attrs({ message: skippedMessage(r) }));
      break;
    case 'passed':
      break;
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

/** Text for xmlbuilder2: every `&` as `&amp;`, which it writes as it is (see the top of the file). */
function text(value: string): string {
  return value.replaceAll('&', '&amp;');
}

/**
 * Attribute values for xmlbuilder2, on one line: what any parser's attribute-value normalisation
 * would make of a tab or line break anyway.
 */
function attrs(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, text(v.replace(/[\t\n\r]/g, ' '))]));
}
