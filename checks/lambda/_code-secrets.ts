/**
 * Shared by lambda.code-secrets and lambda.layer-code-secrets: one package's scan (code-scan.ts)
 * as a verdict. The scan kept paths, detectors and fingerprints only; so does the evidence.
 */
import type { Draft } from '../../src/engine/check.js';
import type { CodeScan } from '../../src/inventory/schema.js';
import type { MissingRead, Verdict } from '../../src/view/verdict.js';

/** At most this many hits are named in the message; the evidence lists them all. */
const LISTED = 5;

export function judgeScan(scan: CodeScan, v: Verdict, what: string): Draft {
  const skipped = scan.skippedBinary + scan.skippedLarge;
  const counts = {
    filesScanned: scan.filesScanned,
    skippedBinary: scan.skippedBinary,
    skippedLarge: scan.skippedLarge,
    unsafePaths: scan.unsafePaths,
    placeholders: scan.placeholders,
  };
  const notes = [
    skipped > 0 ? `${skipped} binary or large file(s) not scanned` : '',
    scan.placeholders > 0 ? `${scan.placeholders} placeholder or documented example value(s) recognised` : '',
    scan.unsafePaths > 0
      ? `${scan.unsafePaths} entry name(s) absolute or climbing out of the package (never extracted)`
      : '',
  ].filter(Boolean);
  const tail = notes.length > 0 ? `; ${notes.join('; ')}` : '';
  if (scan.secrets.length === 0) {
    return v.pass(
      `none of the ${scan.filesScanned} scanned file(s) of the ${what} holds a secret-shaped string${tail}`,
      counts,
    );
  }
  const listed = scan.secrets
    .slice(0, LISTED)
    .map((s) => `${s.path}:${s.line} (${s.kind ?? s.detector}, ${s.confidence})`)
    .join(', ');
  const more = scan.secrets.length > LISTED ? ` and ${scan.secrets.length - LISTED} more` : '';
  return v.fail(`${scan.secrets.length} secret-shaped string(s) in the ${what}: ${listed}${more}${tail}`, {
    secrets: scan.secrets,
    ...counts,
  });
}

/**
 * A failed download or a broken cap says why in its message (the cap and the measured size), which
 * the generic "could not be read" phrase leaves out: add it.
 */
export function codeReadMissing(read: MissingRead): MissingRead {
  const error = read.error;
  if (error === undefined || !error.operation.endsWith('code download')) return read;
  return { ...read, reason: `${read.reason}: ${error.message}` };
}
