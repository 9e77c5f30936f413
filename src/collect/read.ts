/**
 * The one way collectors read: every call's outcome becomes a `Fetched`, classified, so a failed
 * read is recorded rather than caught and dropped (ScoutSuite's `except: return []`).
 */
import { classifyError } from '../aws/errors.js';
import type { AwsErrorInfo, Fetched } from '../inventory/schema.js';

export async function read<T>(
  service: string,
  operation: string,
  region: string | undefined,
  fn: () => Promise<T>,
  /** Maps an expected error (e.g. GetPolicy's ResourceNotFoundException) to a value: "confirmed none". */
  onError?: (error: AwsErrorInfo) => { value: T } | undefined,
): Promise<Fetched<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    if (isAbort(err)) throw err;
    const error = classifyError(err, service, operation, region);
    const mapped = onError?.(error);
    return mapped ? { ok: true, value: mapped.value } : { ok: false, error };
  }
}

/** An interrupted scan must stop, not record every remaining read as failed. */
export function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'ScanAbortedError');
}
