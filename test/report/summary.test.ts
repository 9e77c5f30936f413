import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatSummary } from '../../src/report/summary.js';
import { inventory, lambdaFunction } from '../helpers/inventory.js';
import { reportFrom, sampleReport, tracingCheck, XSS_EVIDENCE, XSS_NAME } from './sample.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes
const ANSI = /\u001b\[/;
const PATHS = ['reports/report.json', 'reports/report.html'];

describe('formatSummary', () => {
  const report = sampleReport();
  const plain = formatSummary(report, PATHS, { color: false });

  it('shows the overall score, coverage and counts', () => {
    assert.match(
      plain,
      /^Score 15\.2\/100 {3}coverage 75\.0% {3}2 pass, 4 fail, 2 unknown, 1 not applicable$/m,
    );
    assert.match(plain, /account 123456789012 \(aws\), 2 regions, scanned 2026-11-01 12:00:00 UTC/);
  });

  it('has one line per practice, BP1 to BP7, with score and coverage', () => {
    const lines = plain.split('\n').filter((l) => /^ {2}BP\d /.test(l));
    assert.deepEqual(
      lines.map((l) => l.trim().slice(0, 3)),
      ['BP1', 'BP2', 'BP3', 'BP4', 'BP5', 'BP6', 'BP7'],
    );
    assert.match(lines[0] ?? '', /^ {2}BP1 {4}n\/a {2}coverage {4}n\/a {2}Strong/);
    assert.match(lines[4] ?? '', /^ {2}BP5 {4}0\.0 {2}coverage {2}50\.0% {2}Protection/);
  });

  it('counts failures by severity', () => {
    assert.match(plain, /^Failures by severity: critical 1, high 1, medium 0, low 2, info 0$/m);
  });

  it('warns when the scan is incomplete, and not otherwise', () => {
    assert.match(plain, /^INCOMPLETE: 2 results unknown, 2 reads failed — scores are lower bounds/m);
    const complete = reportFrom(
      inventory({ functions: [lambdaFunction({ name: 'a', tracingMode: 'Active' })] }),
      [tracingCheck],
    );
    const text = formatSummary(complete, [], { color: false });
    assert.ok(!text.includes('INCOMPLETE'));
    assert.match(text, /^Unknown results: 0/m);
    assert.ok(!text.includes('Reports:'));
  });

  it('lists the most severe failing checks, each with its count and a finding id to look up', () => {
    const lines = plain.split('\n');
    const start = lines.indexOf('Most severe failing checks (look a finding id up in the report):');
    assert.ok(start > 0, plain);
    const idOf = (checkId: string) =>
      report.results.find((r) => r.checkId === checkId && r.status === 'fail')?.findingId;
    assert.deepEqual(lines.slice(start + 1, start + 4), [
      `  critical iam.test-root-mfa  1 failing resource, e.g. finding ${idOf('iam.test-root-mfa')}`,
      `  high     lambda.test-url-auth  1 failing resource, e.g. finding ${idOf('lambda.test-url-auth')}`,
      `  low      lambda.test-tracing  2 failing resources, e.g. finding ${idOf('lambda.test-tracing')}`,
    ]);
    assert.ok(!(lines[start + 4] ?? '').startsWith('  '), 'only the failing checks are listed');
  });

  it('says which reads failed when the scan is incomplete, by operation and error class', () => {
    assert.match(plain, /^ {2}guardduty:ListDetectors: 1 read \(access-denied\)$/m);
    assert.match(plain, /^ {2}lambda:ListFunctionUrlConfigs: 1 read \(access-denied\)$/m);
  });

  it('says where the files are', () => {
    assert.ok(plain.endsWith('Reports:\n  reports/report.json\n  reports/report.html'));
  });

  it('uses ANSI colour only when asked', () => {
    assert.doesNotMatch(plain, ANSI);
    const coloured = formatSummary(report, PATHS, { color: true });
    assert.match(coloured, ANSI);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI escapes
    assert.equal(coloured.replace(/\u001b\[[0-9;]*m/g, ''), plain);
  });

  it('never shows ARNs, messages or evidence; resource names only in "Fix these first"', () => {
    for (const text of [plain, formatSummary(report, PATHS, { color: true })]) {
      const named = text.split('\n').filter((l) => l.includes(XSS_NAME));
      assert.equal(named.length, 1, 'the hostile name only on its fix-first line');
      assert.match(named[0] ?? '', /^ {2}high {5}lambda\.test-url-auth {2}/);
      assert.ok(!text.includes(XSS_EVIDENCE));
      assert.ok(!text.includes('orders-api'));
      assert.ok(!text.includes('arn:aws:lambda'));
      assert.ok(!text.includes('lambda-url'));
      for (const r of report.results) assert.ok(!text.includes(r.message), r.message);
    }
  });

  it('shows the grade, capped by the worst failing finding, on its own line', () => {
    assert.match(plain, /^Grade F$/m, 'score 15.2: F, below any ceiling');
    const capped = structuredClone(report);
    capped.summary.score = 93.4;
    capped.summary.grade = { letter: 'D', cappedBy: { severity: 'critical', count: 1 } };
    const text = formatSummary(capped, [], { color: false });
    assert.match(text, /^Grade D \(capped by 1 failing critical finding; the score alone gives A\)$/m);
    const old = structuredClone(capped);
    delete old.summary.grade; // a report written before the grade: computed from its summary
    assert.match(formatSummary(old, [], { color: false }), /^Grade D \(capped by 1 failing critical/m);
  });

  it('lists the findings to fix first: severity, check, resource, region, check title', () => {
    const lines = plain.split('\n');
    const start = lines.indexOf('Fix these first:');
    assert.ok(start > 0, plain);
    assert.deepEqual(lines.slice(start + 1, start + 3), [
      '  critical iam.test-root-mfa  account 123456789012 (global)  Test: root user has no MFA device',
      `  high     lambda.test-url-auth  ${XSS_NAME} (us-east-1)  Test: function URL allows unauthenticated invocation`,
    ]);
    assert.ok(!(lines[start + 3] ?? '').startsWith('  '), 'low findings are not listed');
  });

  it('drops direction marks and control characters from a resource name, and cuts it', () => {
    const hostile = structuredClone(report);
    const r = hostile.results.find((x) => x.checkId === 'lambda.test-url-auth' && x.status === 'fail');
    assert.ok(r);
    r.resource.name = `evil\u202Egnp.exe\u001b[31m${'x'.repeat(100)}`;
    const text = formatSummary(hostile, [], { color: false });
    assert.ok(!text.includes('\u202E'));
    assert.doesNotMatch(text, ANSI);
    assert.ok(text.includes(`evilgnp.exe[31m${'x'.repeat(44)}…`));
  });

  it('strips control characters from data it prints', () => {
    const hostile = structuredClone(report);
    hostile.run.accountId = '1234\u001b]0;pwned\u0007';
    const text = formatSummary(hostile, ['out/\u001b[2Jreport.json'], { color: false });
    assert.doesNotMatch(text, ANSI);
    assert.ok(!text.includes('\u0007'));
    assert.ok(text.includes('account 1234]0;pwned (aws)'));
  });
});
