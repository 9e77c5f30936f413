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
import { type Draft, type Evidence, NO_EVIDENCE, type ResourceRef, type Status } from '../view/verdict.js';
import type { Check, CheckContext, Practice, Severity } from './check.js';
import { Interner } from './intern.js';

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
  /** See Draft.occurrences: the events behind a finding made of events. */
  occurrences?: string[];
  /** Set by a suppression rule (see suppressions.ts): accepted, so it no longer counts. */
  suppression?: Suppression;
}

export interface Suppression {
  /** The rule's place in the suppressions file, from 1. */
  rule: number;
  reason: string;
  expires?: string;
}

export function contextOf(view: AccountView): CheckContext {
  return { now: view.scanStartedAt };
}

export function runCheck(check: Check, view: AccountView, ctx: CheckContext = contextOf(view)): Result[] {
  const out: Result[] = [];
  const { id, severity, practice, resourceType } = check;
  const { accountId } = view;
  // A result is built in the report's field order, so the report can hold the results themselves
  // (no copy of a million objects) and its JSON lists every result's fields in one order. The
  // draft it comes from is short-lived: it dies young, which costs the collector next to nothing.
  const shared = new Interner();
  const toResult = (d: Draft): Result => {
    const r: Result = {
      findingId: findingId(id, accountId, d.resource.arn),
      checkId: id,
      status: d.status,
      severity,
      practice,
      accountId,
      resource: withType(d.resource, resourceType),
      message: shared.message(d.message),
      evidence: d.evidence === NO_EVIDENCE ? d.evidence : shared.evidenceOf(d.evidence),
    };
    if (d.error) r.error = d.error;
    if (d.occurrences) r.occurrences = [...d.occurrences];
    return r;
  };
  try {
    for (const d of check.evaluate(view, ctx)) out.push(toResult(d));
  } catch (err) {
    const failure = internalError(check, err instanceof Error ? err.name : typeof err);
    // The account may already have a result of this check; then that one carries the failure.
    const earlier = out.find((r) => r.resource.arn === view.account.arn);
    if (earlier) becomeInternalError(earlier, failure);
    else out.push(toResult({ resource: view.account, ...failure }));
  }
  return oneResultPerResource(check, out.sort(compareWithinCheck));
}

/** A result replaced by the check's failure: its own error (a failed read) no longer explains it. */
function becomeInternalError(r: Result, failure: ReturnType<typeof internalError>): void {
  Object.assign(r, failure);
  delete r.error;
}

/**
 * Two verdicts on one resource cannot both stand: the resource keeps one result, as unknown.
 * The results are sorted, so duplicates are neighbours; walkers never produce any, and then the
 * list is returned as it is after one pass.
 */
function oneResultPerResource(check: Check, sorted: Result[]): Result[] {
  let duplicates = false;
  for (let i = 1; i < sorted.length && !duplicates; i++) {
    duplicates = (sorted[i] as Result).resource.arn === (sorted[i - 1] as Result).resource.arn;
  }
  if (!duplicates) return sorted;
  const kept: Result[] = [];
  for (const r of sorted) {
    const last = kept[kept.length - 1];
    if (last?.resource.arn !== r.resource.arn) kept.push(r);
    else becomeInternalError(last, internalError(check, 'DuplicateResult'));
  }
  return kept;
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

/**
 * Every check's results, in the deterministic order of compareResults: checks by id, each
 * check's results already sorted by runCheck, so nothing is sorted twice.
 */
export function evaluate(
  checks: readonly Check[],
  view: AccountView,
  ctx: CheckContext = contextOf(view),
): Result[] {
  const results: Result[] = [];
  for (const check of [...checks].sort((a, b) => compareText(a.id, b.id))) {
    for (const r of runCheck(check, view, ctx)) results.push(r);
  }
  return results;
}

const STATUS_RANK: Record<Status, number> = { fail: 0, unknown: 1, pass: 2, not_applicable: 3 };

/** Within one check: account, region (global first), resource ARN, status. */
function compareWithinCheck(a: Result, b: Result): number {
  return (
    compareText(a.accountId, b.accountId) ||
    compareText(a.resource.region ?? '', b.resource.region ?? '') ||
    compareText(a.resource.arn, b.resource.arn) ||
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    compareText(a.message, b.message)
  );
}

/** Deterministic order: check id, account, region (global first), resource ARN, status. */
export function compareResults(a: Result, b: Result): number {
  return compareText(a.checkId, b.checkId) || compareWithinCheck(a, b);
}
