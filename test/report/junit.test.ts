import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { JUNIT_FILE_NAME, renderJunit } from '../../src/report/junit.js';
import type { Report, ReportResult } from '../../src/report/schema.js';
import { demoReport } from './demo-report.js';
import { bigReport, sampleReport, XSS_NAME } from './sample.js';

// ---------------------------------------------------------------------------------------------
// A strict reader for the XML subset the renderer writes (elements, attributes, text). Not
// xmlbuilder2's parser alone: that one is lenient (it takes a NUL, a lone surrogate, an unclosed
// tag) and decodes `&amp;#x41;` twice, to `A`; it is run as a second reader that must agree.

/** Anything outside XML 1.0's Char production: C0 controls bar tab/LF/CR, lone surrogates, U+FFFE/F. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const BARE_AMPERSAND = /&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
const NAME = '[A-Za-z_][\\w.-]*';
const TOKEN = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}="[^"<]*")*)\\s*(/?)>|([^<]+)`, 'y');
const ATTRIBUTE = new RegExp(`(${NAME})="([^"<]*)"`, 'g');
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

interface XmlElement {
  tag: string;
  attributes: Map<string, string>;
  children: XmlElement[];
  text: string;
}

/** The document's root element; fails the test on anything that is not well-formed XML 1.0. */
function readXml(xml: string): XmlElement {
  const bad = NOT_XML_CHAR.exec(xml);
  assert.equal(bad, null, `a character XML 1.0 cannot carry, U+${bad?.[0].codePointAt(0)?.toString(16)}`);
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>';
  assert.ok(xml.startsWith(declaration), 'the XML declaration first');
  const open: XmlElement[] = [];
  let root: XmlElement | undefined;
  TOKEN.lastIndex = declaration.length;
  while (TOKEN.lastIndex < xml.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(xml);
    assert.ok(m, `not well-formed at offset ${at}: ${JSON.stringify(xml.slice(at, at + 60))}`);
    const [, close, tag = '', attributes = '', selfClosing, text] = m;
    const parent = open.at(-1);
    if (text !== undefined) {
      if (parent) parent.text += decode(text.replace(/\r\n?/g, '\n'));
      else assert.equal(text.trim(), '', 'no text outside the root element');
      continue;
    }
    if (close) {
      assert.equal(open.pop()?.tag, tag, `</${tag}> closes the open element`);
      continue;
    }
    const element: XmlElement = { tag, attributes: new Map(), children: [], text: '' };
    for (const [, name = '', value = ''] of attributes.matchAll(ATTRIBUTE)) {
      assert.ok(!element.attributes.has(name), `<${tag}> repeats ${name}`);
      // Attribute-value normalisation: a literal tab or line break reads as a space.
      element.attributes.set(name, decode(value.replace(/\r\n|[\t\n\r]/g, ' ')));
    }
    if (parent) parent.children.push(element);
    else {
      assert.equal(root, undefined, 'one root element');
      root = element;
    }
    if (!selfClosing) open.push(element);
  }
  assert.deepEqual(open, [], 'every element is closed');
  assert.ok(root, 'a root element');
  return root;
}

/** One pass of reference decoding; every `&` must start a predefined entity or a legal character. */
function decode(value: string): string {
  assert.doesNotMatch(value, BARE_AMPERSAND, 'every & is escaped');
  return value.replace(/&(lt|gt|amp|quot|apos);|&#(\d+);|&#x([0-9a-fA-F]+);/g, (ref, name, dec, hex) => {
    if (name) return PREDEFINED[name] as string;
    const char = String.fromCodePoint(dec === undefined ? Number.parseInt(hex, 16) : Number(dec));
    assert.doesNotMatch(char, NOT_XML_CHAR, `${ref} refers to a character XML 1.0 cannot carry`);
    return char;
  });
}

const children = (e: XmlElement, tag: string) => e.children.filter((c) => c.tag === tag);
const attr = (e: XmlElement, name: string) => e.attributes.get(name) ?? null;
const count = (e: XmlElement, name: string) => Number(attr(e, name));

function junitText(report: Report): string {
  return [...renderJunit(report)].join('');
}

/** Read strictly, and by xmlbuilder2 too: both see the same suites and testcases. */
function readJunit(xml: string): XmlElement {
  const root = readXml(xml);
  assert.equal(root.tag, 'testsuites');
  const theirs = create(xml).root();
  const tags = (b: XMLBuilder, tag: string) =>
    b.filter((n) => (n.node as unknown as { tagName?: string }).tagName === tag);
  const suites = tags(theirs, 'testsuite');
  assert.equal(suites.length, root.children.length, 'xmlbuilder2 reads as many suites');
  suites.forEach((s, i) => {
    assert.equal(tags(s, 'testcase').length, children(root.children[i] as XmlElement, 'testcase').length);
  });
  return root;
}

function parseJunit(report: Report): XmlElement {
  return readJunit(junitText(report));
}

/** The expected outcome of a result, restated from the format's definition. */
function expectedOutcome(r: ReportResult): 'failure' | 'error' | 'skipped' | null {
  if (r.status === 'not_applicable') return 'skipped';
  if (r.status === 'pass') return null;
  if (r.suppression) return 'skipped';
  return r.status === 'fail' ? 'failure' : 'error';
}

function expectedCounts(results: readonly ReportResult[]) {
  const of = (o: string) => results.filter((r) => expectedOutcome(r) === o).length;
  return { tests: results.length, failures: of('failure'), errors: of('error'), skipped: of('skipped') };
}

function countsOf(b: XmlElement) {
  return {
    tests: count(b, 'tests'),
    failures: count(b, 'failures'),
    errors: count(b, 'errors'),
    skipped: count(b, 'skipped'),
  };
}

const sanitised = (s: string) => s.replace(new RegExp(NOT_XML_CHAR.source, 'gu'), '\uFFFD');
/** Text as a parser reads it: line ends normalised to LF. */
const asText = (s: string) => sanitised(s).replace(/\r\n?/g, '\n');
const oneLine = (s: string) => sanitised(s).replace(/[\t\n\r]/g, ' ');
const testcaseName = (r: ReportResult) => oneLine(`${r.resource.name} (${r.resource.region ?? 'global'})`);

/** Every suite and testcase against the report: counts, names, outcomes, bodies. */
function assertMatches(report: Report, root: XmlElement): void {
  assert.equal(attr(root, 'name'), 'lambda-posture');
  assert.deepEqual(countsOf(root), expectedCounts(report.results), 'totals on <testsuites>');
  const suites = children(root, 'testsuite');
  assert.deepEqual(
    suites.map((s) => attr(s, 'name')),
    report.checks.map((c) => c.id),
    'one suite per check, in order',
  );
  const sum = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  report.checks.forEach((check, i) => {
    const suite = suites[i] as XmlElement;
    const results = report.results.filter((r) => r.checkId === check.id);
    const counts = countsOf(suite);
    assert.deepEqual(counts, expectedCounts(results), `counts of ${check.id}`);
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += counts[k];
    const properties = children(children(suite, 'properties')[0] as XmlElement, 'property');
    const property = (name: string) => properties.find((p) => attr(p, 'name') === name);
    assert.equal(attr(property('title') as XmlElement, 'value'), oneLine(check.title));
    assert.equal(attr(property('severity') as XmlElement, 'value'), check.severity);
    assert.equal(attr(property('practice') as XmlElement, 'value'), check.practice);
    const testcases = children(suite, 'testcase');
    assert.equal(testcases.length, results.length, `testcases of ${check.id}`);
    results.forEach((r, j) => {
      assertTestcase(testcases[j] as XmlElement, r, report);
    });
    for (const tag of ['failure', 'error', 'skipped'] as const) {
      const n = testcases.filter((t) => children(t, tag).length > 0).length;
      const key = tag === 'failure' ? 'failures' : tag === 'error' ? 'errors' : 'skipped';
      assert.equal(n, counts[key], `<${tag}> elements of ${check.id} agree with its ${key} attribute`);
    }
  });
  assert.deepEqual(sum, countsOf(root), 'the suites add up to the totals');
}

function assertTestcase(testcase: XmlElement, r: ReportResult, report: Report): void {
  const at = `${r.checkId} ${r.resource.arn}`;
  assert.equal(attr(testcase, 'classname'), r.checkId, at);
  assert.equal(attr(testcase, 'name'), testcaseName(r), at);
  const outcome = expectedOutcome(r);
  const elements = ['failure', 'error', 'skipped'].flatMap((t) => children(testcase, t));
  assert.equal(elements.length, outcome === null ? 0 : 1, `${at}: at most one outcome`);
  if (outcome === null) return;
  const element = elements[0] as XmlElement;
  assert.equal(element.tag, outcome, at);
  const body = element.text;
  const check = report.checks.find((c) => c.id === r.checkId);
  if (outcome === 'failure') {
    assert.equal(attr(element, 'type'), r.severity, at);
    assert.equal(attr(element, 'message'), oneLine(r.message), at);
    for (const part of [
      r.message,
      r.resource.arn,
      check?.remediation.text ?? '',
      check?.remediation.cli ?? '',
    ]) {
      assert.ok(body.includes(asText(part)), `${at}: failure body has ${part}`);
    }
  } else if (outcome === 'error') {
    assert.equal(attr(element, 'message'), oneLine(r.message), at);
    assert.ok(body.includes('could not be made'), at);
    if (r.error) {
      assert.equal(attr(element, 'type'), r.error.class, at);
      for (const part of [r.error.code, r.error.message, r.error.operation]) {
        assert.ok(body.includes(asText(part)), `${at}: error body has ${part}`);
      }
    }
  } else {
    const message = attr(element, 'message') ?? '';
    if (r.suppression) {
      assert.ok(message.startsWith('suppressed'), at);
      assert.ok(message.includes(oneLine(r.suppression.reason)), `${at}: the reason`);
      assert.ok(message.includes(`rule ${r.suppression.rule}`), at);
    } else assert.ok(message.startsWith('not applicable'), at);
  }
}

describe('renderJunit', () => {
  it('is written as report.junit.xml', () => {
    assert.equal(JUNIT_FILE_NAME, 'report.junit.xml');
  });

  it('has a suite per check and a testcase per result of the sample report, counts consistent', () => {
    const report = sampleReport();
    const root = parseJunit(report);
    assertMatches(report, root);
    const outcomes = new Set(report.results.map(expectedOutcome));
    assert.ok(
      outcomes.has('failure') && outcomes.has('error') && outcomes.has('skipped') && outcomes.has(null),
    );
    const empty = children(root, 'testsuite').find((s) => attr(s, 'name') === 'lambda.test-nothing');
    assert.equal(empty && count(empty, 'tests'), 0, 'a check without results is an empty suite');
  });

  it('matches every result of the demo account, every check evaluated', async () => {
    const report = await demoReport();
    assertMatches(report, parseJunit(report));
  });

  it('skips suppressed results with their rule and reason, so they count neither as failures nor errors', () => {
    const report = sampleReport();
    const failing = report.results.find((r) => r.status === 'fail') as ReportResult;
    const unknown = report.results.find((r) => r.status === 'unknown') as ReportResult;
    failing.suppression = { rule: 1, reason: 'public site <by design> & "accepted"', expires: '2027-03-01' };
    unknown.suppression = { rule: 2, reason: 'region not in use' };
    const before = expectedCounts(sampleReport().results);
    const root = parseJunit(report);
    assertMatches(report, root);
    assert.deepEqual(countsOf(root), {
      tests: before.tests,
      failures: before.failures - 1,
      errors: before.errors - 1,
      skipped: before.skipped + 2,
    });
  });

  it('keeps hostile names intact: markup, quotes, ampersands, a CDATA end, direction marks', () => {
    const report = sampleReport();
    const hostile = [
      XSS_NAME,
      `a "quoted" & 'apostrophed' name`,
      'ends ]]> here',
      'order\u202Egnp.exe \u200F\u200E\u2066isolate\u2069 — ünïcødé 🚀',
      '&amp; looks escaped &#x41; &#0; &nbsp; &bogus; & alone',
    ];
    // One clone per result: results of one resource share its object, and one clone keeps that.
    report.results = report.results.map((r) => structuredClone(r));
    report.results.forEach((r, i) => {
      r.resource.name = hostile[i % hostile.length] as string;
      r.message = `${hostile[(i + 1) % hostile.length]} <script>alert(1)</script>`;
    });
    const root = parseJunit(report);
    assertMatches(report, root);
    const names = children(root, 'testsuite').flatMap((s) =>
      children(s, 'testcase').map((t) => attr(t, 'name')),
    );
    for (const name of hostile.slice(0, Math.min(hostile.length, report.results.length))) {
      assert.ok(
        names.some((n) => n?.startsWith(`${name} (`)),
        `${name} survives`,
      );
    }
  });

  it('replaces characters XML 1.0 cannot carry with U+FFFD, and never writes invalid XML', () => {
    const report = sampleReport();
    const invalid = [
      '\u0000',
      '\u0001',
      '\u0008',
      '\u000B',
      '\uD800', // a lone high surrogate, apart from the lone low one (together they would be a pair)
      '\u000C',
      '\u001F',
      '\uDFFF',
      '\uFFFE',
      '\uFFFF',
    ];
    report.results = report.results.map((r) => structuredClone(r));
    report.results.forEach((r, i) => {
      r.resource.name = `fn${invalid[i % invalid.length]}x\ttab\nline`;
      r.message = `msg ${invalid.join('')} end`;
      if (r.error) r.error.message = `denied\u0007${invalid[(i + 3) % invalid.length]}`;
    });
    const root = parseJunit(report); // well-formed, checked strictly
    assertMatches(report, root);
    const testcases = children(root, 'testsuite').flatMap((s) => children(s, 'testcase'));
    for (const t of testcases) assert.match(attr(t, 'name') ?? '', /^fn\uFFFDx tab line \(/);
    const failure = testcases.flatMap((t) => children(t, 'failure'))[0] as XmlElement;
    assert.equal(attr(failure, 'message'), `msg ${'\uFFFD'.repeat(invalid.length)} end`);
  });

  it('writes well-formed XML for arbitrary strings, each surviving but for the documented replacements', () => {
    const base = sampleReport();
    const special = fc.constantFrom(
      '<',
      '>',
      '&',
      '"',
      "'",
      ']]>',
      '\t',
      '\n',
      '\r',
      '\u0000',
      '\uFFFE',
      '&#0;',
      '&amp;',
      '&nbsp;',
    );
    const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
    const control = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
    const text = fc.string({
      unit: fc.oneof(special, loneSurrogate, control, fc.string({ unit: 'binary', maxLength: 1 })),
    });
    fc.assert(
      fc.property(text, text, (name, message) => {
        const report = structuredClone(base);
        for (const r of report.results) {
          r.resource.name = name;
          r.message = message;
        }
        const root = parseJunit(report);
        const testcases = children(root, 'testsuite').flatMap((s) => children(s, 'testcase'));
        assert.equal(testcases.length, report.results.length);
        for (const t of testcases) assert.ok(attr(t, 'name')?.startsWith(`${oneLine(name)} (`));
        for (const f of testcases.flatMap((t) => children(t, 'failure'))) {
          assert.equal(attr(f, 'message'), oneLine(message));
        }
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('streams one large suite in bounded chunks of testcases', () => {
    const report = bigReport(3000);
    const chunks = [...renderJunit(report)];
    const perCheck = Math.max(
      ...report.checks.map((c) => report.results.filter((r) => r.checkId === c.id).length),
    );
    assert.ok(perCheck >= 3000, 'one check has a result per function');
    assert.ok(chunks.length >= perCheck / 500, `${chunks.length} chunks`);
    const longest = Math.max(...chunks.map((c) => c.length));
    assert.ok(longest < 1_000_000, `longest chunk ${longest} characters`);
    assertMatches(report, readJunit(chunks.join('')));
  });
});
