/**
 * Runs checks over an account view and turns their drafts into results: each with its check,
 * account, resource (ARN with qualifier, type) and stable finding id.
 *
 * A check that throws does not stop the run: what it yielded so far is kept, and one unknown
 * result records the error's class (never its message, which could quote inventory data)
 * (cdk-nag's isolation of a failing rule). A check yields at most one result per resource; a
 * second draft for the same resource is a bug in the check, and is reported the same way.
 */
import { findingId } from '../findings/ids.js';
import { compareText } from '../inventory/order.js';
import type { AwsErrorInfo } from '../inventory/schema.js';
import type { AccountView } from '../view/account-view.js';
import type { Evidence, ResourceRef, Status } from '../view/verdict.js';
import type { Check, CheckContext, Practice, Severity } from './check.js';

export interface ResultResource {
  arn: string;
  name: string;
  region: string | null;
  type: string;
}

export interface Result {
  /** Stable across scans: see src/findings/ids.ts. */
  findingId: string;
  checkId: string;
  status: Status;
  severity: Severity;
  practice: Practice;
  accountId: string;
  resource: ResultResource;
  message: string;
  evidence: Evidence;
  error?: AwsErrorInfo;
}

export function contextOf(view: AccountView): CheckContext {
  return { now: view.scanStartedAt };
}

export function runCheck(check: Check, view: AccountView, ctx: CheckContext = contextOf(view)): Result[] {
  const out: Result[] = [];
  const seen = new Map<string, number>();
  const push = (
    resource: ResourceRef,
    d: Omit<Result, 'findingId' | 'checkId' | 'severity' | 'practice' | 'accountId' | 'resource'>,
  ) => {
    const r: Result = {
      findingId: findingId(check.id, view.accountId, resource.arn),
      checkId: check.id,
      status: d.status,
      severity: check.severity,
      practice: check.practice,
      accountId: view.accountId,
      resource: withType(resource, check.resourceType),
      message: d.message,
      evidence: d.evidence,
    };
    if (d.error) r.error = d.error;
    const earlier = seen.get(resource.arn);
    if (earlier === undefined) {
      seen.set(resource.arn, out.length);
      out.push(r);
    } else {
      // Two verdicts on one resource cannot both stand: keep the resource once, as unknown.
      out[earlier] = { ...r, ...internalError(check, 'DuplicateResult') };
    }
  };
  try {
    for (const d of check.evaluate(view, ctx)) push(d.resource, d);
  } catch (err) {
    const name = err instanceof Error ? err.name : typeof err;
    const failure = internalError(check, name);
    const index = seen.get(view.account.arn);
    // The account may already have a result of this check; then that one carries the failure.
    if (index !== undefined) out[index] = { ...(out[index] as Result), ...failure };
    else push(view.account, failure);
  }
  return out;
}

function internalError(check: Check, name: string) {
  return {
    status: 'unknown' as const,
    message: `the check ${check.id} failed while evaluating (${name}); results after this point are missing`,
    evidence: { internalError: name },
  };
}

function withType(resource: ResourceRef, fallback: string): ResultResource {
  // Refs built by the view already carry their type: reuse the object (one per resource, shared by every check).
  if (resource.type !== undefined) return resource as ResultResource;
  return { arn: resource.arn, name: resource.name, region: resource.region, type: fallback };
}

export function evaluate(
  checks: readonly Check[],
  view: AccountView,
  ctx: CheckContext = contextOf(view),
): Result[] {
  const results: Result[] = [];
  for (const check of checks) for (const r of runCheck(check, view, ctx)) results.push(r);
  return results.sort(compareResults);
}

const STATUS_RANK: Record<Status, number> = { fail: 0, unknown: 1, pass: 2, not_applicable: 3 };

/** Deterministic order: check id, account, region (global first), resource ARN, status. */
export function compareResults(a: Result, b: Result): number {
  return (
    compareText(a.checkId, b.checkId) ||
    compareText(a.accountId, b.accountId) ||
    compareText(a.resource.region ?? '', b.resource.region ?? '') ||
    compareText(a.resource.arn, b.resource.arn) ||
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    compareText(a.message, b.message)
  );
}
