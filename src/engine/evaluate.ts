/**
 * Runs checks over an inventory. A check that throws does not stop the run: what it yielded so
 * far is kept and one `unknown` result records the error (cdk-nag's isolation of a failing rule).
 */
import { compareText } from '../inventory/order.js';
import type { AwsErrorInfo, Inventory } from '../inventory/schema.js';
import type {
  Check,
  CheckContext,
  Draft,
  Evidence,
  Practice,
  ResourceRef,
  Severity,
  Status,
} from './check.js';
import { accountScopeRef } from './scope.js';

export interface Result {
  checkId: string;
  status: Status;
  severity: Severity;
  practice: Practice;
  resource: ResourceRef;
  message: string;
  evidence: Evidence;
  error?: AwsErrorInfo;
}

export function contextOf(inventory: Inventory): CheckContext {
  return {
    now: new Date(inventory.scan.startedAt),
    accountId: inventory.scan.accountId,
    partition: inventory.scan.partition,
  };
}

export function runCheck(check: Check, inventory: Inventory, ctx: CheckContext): Result[] {
  const out: Result[] = [];
  const push = (d: Draft) => {
    const r: Result = {
      checkId: check.id,
      status: d.status,
      severity: check.severity,
      practice: check.practice,
      resource: d.resource,
      message: d.message,
      evidence: d.evidence,
    };
    if (d.error) r.error = d.error;
    out.push(r);
  };
  try {
    for (const draft of check.evaluate(inventory, ctx)) push(draft);
  } catch (err) {
    // The message of an Error we did not make could quote inventory data; keep only its class.
    const name = err instanceof Error ? err.name : typeof err;
    push({
      status: 'unknown',
      resource: accountScopeRef(ctx),
      message: `the check failed while evaluating (${name}); results after this point are missing`,
      evidence: { internalError: name },
    });
  }
  return out;
}

export function evaluate(
  checks: readonly Check[],
  inventory: Inventory,
  ctx = contextOf(inventory),
): Result[] {
  const results = checks.flatMap((check) => runCheck(check, inventory, ctx));
  return results.sort(compareResults);
}

const STATUS_RANK: Record<Status, number> = { fail: 0, unknown: 1, pass: 2 };

/** Deterministic order: check id, region (global first), resource ARN, status. */
export function compareResults(a: Result, b: Result): number {
  return (
    compareText(a.checkId, b.checkId) ||
    compareText(a.resource.region ?? '', b.resource.region ?? '') ||
    compareText(a.resource.arn, b.resource.arn) ||
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    compareText(a.message, b.message)
  );
}
