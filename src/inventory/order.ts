/**
 * The orders that make output deterministic: plain code-unit comparison of text (never
 * localeCompare, whose result depends on the machine's locale), and the order of coverage gaps,
 * shared by the inventory (derived coverage) and the report.
 */
import type { CoverageGap } from './schema.js';

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** By service, region (account-wide first), operation, resource, then the error itself. */
export function compareGaps(a: CoverageGap, b: CoverageGap): number {
  return (
    compareText(a.service, b.service) ||
    compareText(a.region ?? '', b.region ?? '') ||
    compareText(a.operation, b.operation) ||
    compareText(a.resource ?? '', b.resource ?? '') ||
    compareText(a.error.code, b.error.code) ||
    compareText(a.error.message, b.error.message)
  );
}
