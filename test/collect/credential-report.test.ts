import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CREDENTIAL_REPORT_COLUMNS,
  CredentialReportParseError,
  parseCredentialReport,
  reportDate,
} from '../../src/collect/credential-report.js';
import { CredentialReport } from '../../src/inventory/schema.js';

const GENERATED = '2026-10-31T08:00:00.000Z';
const HEADER = CREDENTIAL_REPORT_COLUMNS.join(',');

// Shaped like a real report: root (not_supported password columns, no keys), a console user with
// MFA who never used a key, and a service user with two keys, one used and one never used.
const CSV = [
  HEADER,
  '<root_account>,arn:aws:iam::123456789012:root,2019-03-01T10:00:00+00:00,not_supported,2026-10-20T09:15:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
  'alice,arn:aws:iam::123456789012:user/alice,2021-05-04T12:00:00+00:00,true,2026-10-30T17:45:12+00:00,2026-01-02T03:04:05+00:00,N/A,true,true,2025-02-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
  'ci-deploy,arn:aws:iam::123456789012:user/svc/ci-deploy,2022-07-14T08:30:00+00:00,false,no_information,N/A,N/A,false,true,2023-01-10T11:00:00+00:00,2026-10-31T07:59:00+00:00,us-east-1,lambda,true,2024-06-01T00:00:00+00:00,N/A,N/A,N/A,true,2022-07-14T08:31:00+00:00,false,N/A',
].join('\n');

describe('parseCredentialReport', () => {
  const report = parseCredentialReport(CSV, GENERATED);

  it('produces a schema-valid report with one row per CSV line', () => {
    assert.equal(report.generatedAt, GENERATED);
    assert.equal(report.rows.length, 3);
    CredentialReport.parse(report);
  });

  it('marks the root row and maps its not_supported password to null', () => {
    const root = report.rows[0];
    assert.ok(root);
    assert.equal(root.isRoot, true);
    assert.equal(root.user, '<root_account>');
    assert.equal(root.passwordEnabled, null);
    assert.deepEqual(root.passwordLastChanged, { none: 'not_supported' });
    assert.deepEqual(root.passwordLastUsed, { at: '2026-10-20T09:15:00.000Z' });
    assert.equal(root.mfaActive, true);
    assert.equal(root.accessKeys[0].active, false);
    assert.deepEqual(root.accessKeys[0].lastRotated, { none: 'N/A' });
  });

  it('converts dates to ISO and keeps N/A apart from no_information', () => {
    const alice = report.rows[1];
    assert.ok(alice);
    assert.equal(alice.isRoot, false);
    assert.equal(alice.passwordEnabled, true);
    assert.deepEqual(alice.userCreatedAt, { at: '2021-05-04T12:00:00.000Z' });
    assert.deepEqual(alice.passwordNextRotation, { none: 'N/A' });
    assert.equal(alice.accessKeys[0].active, true);
    assert.deepEqual(alice.accessKeys[0].lastUsed, { none: 'N/A' });
    assert.equal(alice.accessKeys[0].lastUsedRegion, null);
    assert.equal(alice.accessKeys[0].lastUsedService, null);

    const ci = report.rows[2];
    assert.ok(ci);
    assert.deepEqual(ci.passwordLastUsed, { none: 'no_information' });
  });

  it('reads both access keys of a user, region and service included', () => {
    const ci = report.rows[2];
    assert.ok(ci);
    assert.equal(ci.passwordEnabled, false);
    assert.deepEqual(ci.accessKeys[0], {
      active: true,
      lastRotated: { at: '2023-01-10T11:00:00.000Z' },
      lastUsed: { at: '2026-10-31T07:59:00.000Z' },
      lastUsedRegion: 'us-east-1',
      lastUsedService: 'lambda',
    });
    assert.deepEqual(ci.accessKeys[1], {
      active: true,
      lastRotated: { at: '2024-06-01T00:00:00.000Z' },
      lastUsed: { none: 'N/A' },
      lastUsedRegion: null,
      lastUsedService: null,
    });
    assert.deepEqual(ci.certificates[0], { active: true, lastRotated: { at: '2022-07-14T08:31:00.000Z' } });
  });

  it('tolerates a BOM, CRLF line ends, a trailing newline and reordered or extra columns', () => {
    const cols = [...CREDENTIAL_REPORT_COLUMNS].reverse();
    const values: Record<string, string> = Object.fromEntries(
      CREDENTIAL_REPORT_COLUMNS.map((c) => [c, 'N/A']),
    );
    Object.assign(values, {
      user: 'bob',
      arn: 'arn:aws:iam::123456789012:user/bob',
      user_creation_time: '2024-01-01T00:00:00+00:00',
      password_enabled: 'false',
      mfa_active: 'false',
      access_key_1_active: 'false',
      access_key_2_active: 'false',
      cert_1_active: 'false',
      cert_2_active: 'false',
    });
    const csv = `\uFEFF${[...cols, 'future_column'].join(',')}\r\n${[...cols.map((c) => values[c]), 'x'].join(',')}\r\n`;
    const parsed = parseCredentialReport(csv, GENERATED);
    assert.equal(parsed.rows.length, 1);
    assert.equal(parsed.rows[0]?.user, 'bob');
    assert.deepEqual(parsed.rows[0]?.userCreatedAt, { at: '2024-01-01T00:00:00.000Z' });
  });

  it('throws a typed error naming a missing column', () => {
    const header = CREDENTIAL_REPORT_COLUMNS.filter((c) => c !== 'mfa_active').join(',');
    assert.throws(
      () => parseCredentialReport(`${header}\n`, GENERATED),
      (err: unknown) => err instanceof CredentialReportParseError && /mfa_active/.test(err.message),
    );
  });

  it('throws a typed error, without quoting cells, for a malformed row or boolean', () => {
    const shortRow = `${HEADER}\nsecret-looking-cell,arn\n`;
    assert.throws(
      () => parseCredentialReport(shortRow, GENERATED),
      (err: unknown) =>
        err instanceof CredentialReportParseError && !err.message.includes('secret-looking-cell'),
    );
    const badBool = CSV.replace('true,false,N/A,N/A,N/A,N/A,false', 'maybe,false,N/A,N/A,N/A,N/A,false');
    assert.throws(
      () => parseCredentialReport(badBool, GENERATED),
      (err: unknown) => err instanceof CredentialReportParseError && /mfa_active/.test(err.message),
    );
    assert.throws(() => parseCredentialReport('', GENERATED), CredentialReportParseError);
  });

  it('maps an unparseable date to no_information instead of failing the report', () => {
    assert.deepEqual(reportDate('yesterday'), { none: 'no_information' });
    assert.deepEqual(reportDate('2026-13-45T99:00:00+00:00'), { none: 'no_information' });
    assert.deepEqual(reportDate(''), { none: 'no_information' });
    assert.deepEqual(reportDate('not_supported'), { none: 'not_supported' });
    assert.deepEqual(reportDate('2026-02-03T04:05:06Z'), { at: '2026-02-03T04:05:06.000Z' });
  });
});
