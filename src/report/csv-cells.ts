/**
 * Plain-text renderings of the structured parts of a result, shared by the CSV and JUnit reports:
 * one line each, so a spreadsheet cell or a CI message shows the whole of it.
 */
import type { ReportCheck, ReportResult } from './schema.js';

/** The failed read behind an unknown result: which call, where, and what AWS answered. */
export function errorText(error: NonNullable<ReportResult['error']>): string {
  const where = error.region ? ` in ${error.region}` : '';
  return `${error.service}:${error.operation}${where} — ${error.class} (${error.code || 'no code'}): ${error.message}`;
}

/** The suppression rule that accepted a result; never empty, so "suppressed" is never mistaken for "not". */
export function suppressionText(suppression: NonNullable<ReportResult['suppression']>): string {
  const until = suppression.expires ? ` (until ${suppression.expires})` : '';
  return `rule ${suppression.rule}: ${suppression.reason}${until}`;
}

/**
 * Every mapped control as `framework:control`, joined with '; ': a bare control id is ambiguous
 * (1.5 is a different recommendation in CIS 3.0 and CIS 7.0).
 */
export function frameworksText(frameworks: ReportCheck['frameworks']): string {
  return Object.entries(frameworks)
    .flatMap(([framework, controls]) => controls.map((c) => `${framework}:${c}`))
    .join('; ');
}
