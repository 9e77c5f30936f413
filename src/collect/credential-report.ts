/**
 * Parsing the IAM credential report (GetCredentialReport's CSV) into typed rows.
 * Column reference: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
 *
 * AWS writes a token instead of a date when it has none: `N/A` (not applicable, e.g. no key),
 * `no_information` (never used, or used before AWS began tracking) and `not_supported` (the root
 * row's password columns). Those are kept as `{ none: token }` so a check can tell "never used"
 * from "not applicable". Choices for input AWS does not document:
 * - a missing column throws `CredentialReportParseError` (the whole report becomes an `ok: false`
 *   read, so checks say unknown rather than guess); extra columns are ignored;
 * - an unparseable or empty date cell becomes `{ none: 'no_information' }`: it literally is no
 *   information, and it keeps the other 21 columns of the row usable;
 * - a boolean cell other than true/false throws, because defaulting it (say, `mfa_active` or
 *   `access_key_1_active` to false) would silently turn a format change into a pass or a fail.
 *   `password_enabled` alone may also be `not_supported`/`N/A`, which becomes null (root row).
 * Error messages name columns and line numbers only, never cell contents.
 */
import { parse } from 'csv-parse/sync';
import type {
  CredentialReport,
  CredentialReportKey,
  CredentialReportRow,
  ReportDate,
} from '../inventory/schema.js';

export const ROOT_USER = '<root_account>';

export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;
type Column = (typeof CREDENTIAL_REPORT_COLUMNS)[number];
type Record_ = Record<Column, string>;

/** The report could not be read as a credential report. `name` becomes the recorded error code. */
export class CredentialReportParseError extends Error {
  override readonly name = 'CredentialReportParseError';
}

const NONE_TOKENS = new Set(['N/A', 'no_information', 'not_supported']);

export function parseCredentialReport(csv: string, generatedAt: string): CredentialReport {
  let records: Record_[];
  try {
    records = parse<Record_>(csv, {
      bom: true,
      skip_empty_lines: true,
      columns: (header: string[]) => {
        const missing = CREDENTIAL_REPORT_COLUMNS.filter((c) => !header.includes(c));
        if (missing.length > 0) {
          throw new CredentialReportParseError(
            `the credential report lacks column(s): ${missing.join(', ')}`,
          );
        }
        return header;
      },
    });
  } catch (err) {
    if (err instanceof CredentialReportParseError) throw err;
    // CsvError messages can quote the offending field; keep only its code and line.
    const e = err as { code?: unknown; lines?: unknown };
    const code = typeof e.code === 'string' ? e.code : 'unknown';
    const line = typeof e.lines === 'number' ? ` at line ${e.lines}` : '';
    throw new CredentialReportParseError(`the credential report is not valid CSV (${code}${line})`);
  }
  if (records.length === 0 && csv.trim() === '') {
    throw new CredentialReportParseError('the credential report is empty');
  }
  return { generatedAt, rows: records.map((r, i) => toRow(r, i + 2)) };
}

function toRow(r: Record_, line: number): CredentialReportRow {
  const bool = (column: Column) => parseBoolean(r[column], column, line);
  const key = (n: 1 | 2): CredentialReportKey => ({
    active: bool(`access_key_${n}_active`),
    lastRotated: reportDate(r[`access_key_${n}_last_rotated`]),
    lastUsed: reportDate(r[`access_key_${n}_last_used_date`]),
    lastUsedRegion: nullable(r[`access_key_${n}_last_used_region`]),
    lastUsedService: nullable(r[`access_key_${n}_last_used_service`]),
  });
  const password = r.password_enabled;
  return {
    user: r.user,
    arn: r.arn,
    isRoot: r.user === ROOT_USER,
    userCreatedAt: reportDate(r.user_creation_time),
    passwordEnabled: NONE_TOKENS.has(password) ? null : bool('password_enabled'),
    passwordLastUsed: reportDate(r.password_last_used),
    passwordLastChanged: reportDate(r.password_last_changed),
    passwordNextRotation: reportDate(r.password_next_rotation),
    mfaActive: bool('mfa_active'),
    accessKeys: [key(1), key(2)],
    certificates: [
      { active: bool('cert_1_active'), lastRotated: reportDate(r.cert_1_last_rotated) },
      { active: bool('cert_2_active'), lastRotated: reportDate(r.cert_2_last_rotated) },
    ],
  };
}

function parseBoolean(value: string, column: Column, line: number): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new CredentialReportParseError(`column ${column} at line ${line} is neither true nor false`);
}

/** A date cell: its ISO form, AWS's own "no date" token, or no_information when unreadable. */
export function reportDate(value: string): ReportDate {
  if (value === 'N/A' || value === 'no_information' || value === 'not_supported') return { none: value };
  // Only strings that start like a date: Date.parse also accepts things like "1" or "May".
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return { none: 'no_information' };
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? { none: 'no_information' } : { at: new Date(ms).toISOString() };
}

/** Region and service cells: N/A (or any other "nothing") is null. */
function nullable(value: string): string | null {
  return value === '' || NONE_TOKENS.has(value) ? null : value;
}
