/**
 * Stable finding ids: the same check on the same resource of the same account has the same id in
 * every scan, in `evaluate` of a saved inventory, and on every machine, so a dashboard, a
 * suppression or a baseline can follow one finding through time.
 *
 * Recipe (documented in the README and the report schema; anyone can recompute it):
 *   findingId = first 32 hex digits of SHA-256( "lambda-posture/finding/v1" NUL checkId NUL accountId NUL resourceArn )
 * over the UTF-8 bytes, NUL being U+0000. The resource ARN is the one the result carries, with its
 * qualifier where it has one (`…:function:api:live`). The status is not part of it: a finding that
 * goes from fail to pass keeps its id. 128 bits: no collision in any plausible number of findings.
 */
import { hash } from 'node:crypto';

export const FINDING_ID_PREFIX = 'lambda-posture/finding/v1';

export function findingId(checkId: string, accountId: string, resourceArn: string): string {
  return hash('sha256', `${FINDING_ID_PREFIX}\u0000${checkId}\u0000${accountId}\u0000${resourceArn}`).slice(
    0,
    32,
  );
}

/**
 * Every id the finding has had: under the check's id and under each of its former ids
 * (`aliases`). Suppressions and baselines match any of them, so renaming a check loses nothing.
 */
export function findingIdsOf(
  check: { id: string; aliases?: readonly string[] },
  accountId: string,
  resourceArn: string,
): string[] {
  return [check.id, ...(check.aliases ?? [])].map((id) => findingId(id, accountId, resourceArn));
}
