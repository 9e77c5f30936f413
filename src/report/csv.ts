/**
 * The CSV report, for spreadsheets: one row per result, RFC 4180 (a header row, fields quoted
 * where needed, CRLF between records), written by csv-stringify in batches so that a
 * 2.6-million-result report streams instead of becoming one string.
 *
 * Two choices a reader of the file should know:
 * - It starts with a UTF-8 byte order mark. Excel reads a CSV without one in the machine's
 *   legacy code page, so a resource name or message with any non-ASCII character turns into
 *   mojibake; the file is meant for spreadsheets, so they win. Parsers that take it literally
 *   see it only in the first header cell: csv-parse has `bom: true`, Python `encoding='utf-8-sig'`.
 * - Formula injection is neutralised (OWASP "CSV Injection"): a cell whose first character is
 *   = + - @, tab or carriage return (or their full-width forms, which Apple Numbers folds into
 *   them) gets a leading apostrophe, csv-stringify's `escape_formulas`, so a spreadsheet shows it
 *   as text; a leading NUL gets one too (OWASP ASVS 1.2.10). `-fn` is written `'-fn`: still the
 *   name, and an importer recovers it by dropping an apostrophe before one of those characters.
 * Otherwise a cell holds its value exactly, as UTF-8 (where a lone surrogate, which UTF-8 cannot
 * carry, becomes U+FFFD as with any UTF-8 writer).
 */
import { stringify } from 'csv-stringify/sync';
import { errorText, frameworksText, suppressionText } from './csv-cells.js';
import type { Report, ReportCheck, ReportResult } from './schema.js';

export const CSV_FILE_NAME = 'report.csv';

export const CSV_COLUMNS = [
  'finding_id',
  'account_id',
  'region',
  'check_id',
  'check_title',
  'severity',
  'practice',
  'status',
  'suppressed',
  'resource_type',
  'resource_name',
  'resource_arn',
  'message',
  'frameworks',
  'remediation',
  'remediation_cli',
  'error',
  'evidence',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Rows per csv-stringify call: big enough to amortise the call, small enough to stream. */
const ROWS_PER_CHUNK = 1000;

/** Options for every batch; `bom` and `header` are added to the first only. */
const OPTIONS = {
  record_delimiter: 'windows',
  // Must be explicit: given a record_delimiter, csv-stringify stops quoting a lone \n or \r,
  // which every parser (and RFC 4180) would read as the end of the record.
  quote_record_delimiter: true,
  escape_formulas: true,
  cast: { string: neutraliseNul },
} as const;

/** One result as a row of cells, in CSV_COLUMNS order; an absent value is an empty cell. */
export function csvRow(result: ReportResult, check: ReportCheck | undefined): Record<CsvColumn, string> {
  return {
    finding_id: result.findingId,
    account_id: result.accountId,
    region: result.resource.region ?? '',
    check_id: result.checkId,
    check_title: check?.title ?? '',
    severity: result.severity,
    practice: result.practice,
    status: result.status,
    suppressed: result.suppression ? suppressionText(result.suppression) : '',
    resource_type: result.resource.type,
    resource_name: result.resource.name,
    resource_arn: result.resource.arn,
    message: result.message,
    frameworks: check ? frameworksText(check.frameworks) : '',
    remediation: check?.remediation.text ?? '',
    remediation_cli: check?.remediation.cli ?? '',
    error: result.error ? errorText(result.error) : '',
    evidence: JSON.stringify(result.evidence),
  };
}

/** The file in chunks of ROWS_PER_CHUNK rows; the first carries the BOM and the header. */
export function* renderCsv(report: Report): Generator<string> {
  const checks = new Map(report.checks.map((c) => [c.id, c]));
  const columns = [...CSV_COLUMNS];
  if (report.results.length === 0) {
    yield stringify([], { ...OPTIONS, columns, header: true, bom: true });
    return;
  }
  for (let start = 0; start < report.results.length; start += ROWS_PER_CHUNK) {
    // Rows as arrays in column order: csv-stringify then skips looking each column up by name.
    const rows = report.results.slice(start, start + ROWS_PER_CHUNK).map((r) => {
      const row = csvRow(r, checks.get(r.checkId));
      return CSV_COLUMNS.map((c) => row[c]);
    });
    const first = start === 0;
    const header = first ? [[...CSV_COLUMNS]] : [];
    yield stringify([...header, ...rows], { ...OPTIONS, bom: first });
  }
}

/** csv-stringify's escape_formulas leaves a leading NUL alone; ASVS 1.2.10 lists it too. */
function neutraliseNul(value: string): string {
  return value.startsWith('\0') ? `'${value}` : value;
}
