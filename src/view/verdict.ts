/**
 * What a check says about one resource, and the reads it says it from.
 *
 * A check's body works on `Read<T>` values: a read that succeeded, or one that did not with the
 * reason why, already phrased ("the resource policy could not be read: lambda:GetPolicy failed
 * (access-denied: AccessDeniedException)", "… was not collected: …"). The view turns every
 * inventory `Fetched`, failed slice and absent (unplanned) read into one of these, so no check
 * writes the "this read failed → unknown" branch itself: `if (!fn.policy.ok) return v.missing(fn.policy)`.
 *
 * A `Verdict` is bound to one resource and builds its drafts: pass, fail, unknown or
 * not_applicable. The engine turns drafts into results (check id, account, finding id).
 */
import { z } from 'zod';
import type { AwsErrorInfo } from '../inventory/schema.js';

/**
 * not_applicable: the check does not concern this resource (a function with no URL for a URL
 * check, a region without functions). It is listed and counted, but is neither pass nor fail and
 * takes no part in scores.
 */
export const Status = z.enum(['pass', 'fail', 'unknown', 'not_applicable']);
export type Status = z.infer<typeof Status>;

/** What a result is about. `region` is null for account-wide resources (IAM). */
export interface ResourceRef {
  /** The resource's ARN, with its qualifier (`:alias`, `:version`) where it has one. */
  arn: string;
  name: string;
  region: string | null;
  /** CloudFormation type; absent: the check's own `resourceType`. Scope refs set their own. */
  type?: string;
}

export type Evidence = Record<string, unknown>;

export interface Draft {
  status: Status;
  resource: ResourceRef;
  message: string;
  evidence: Evidence;
  /** For unknown results: the failed read that made the answer unknowable. */
  error?: AwsErrorInfo;
  /**
   * For a finding made of recorded events (a CloudTrail change): a stable key per event behind
   * it, so a comparison with an earlier scan can tell a new event on a known finding.
   */
  occurrences?: readonly string[];
}

/** A read as a check sees it: its value, or why there is none. */
export type Read<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      /** A phrase naming the read and what went wrong, fit to be the message of an unknown. */
      reason: string;
      /** The AWS error, when the read was made and failed. */
      error?: AwsErrorInfo;
      /** Facts that were known although the read failed (e.g. which config was attached). */
      evidence?: Evidence;
    };

/** A read that has no value: the reason, and the error when one was made and failed. */
export type MissingRead = Extract<Read<never>, { ok: false }>;

export const ok = <T>(value: T): Read<T> => ({ ok: true, value });

export function missingRead(reason: string, error?: AwsErrorInfo, evidence?: Evidence): MissingRead {
  const r: MissingRead = { ok: false, reason };
  if (error) r.error = error;
  if (evidence) r.evidence = evidence;
  return r;
}

/** A one-line description of a failed AWS read. */
export function describeError(error: AwsErrorInfo): string {
  return `${error.service}:${error.operation} failed (${error.class}${error.code ? `: ${error.code}` : ''})`;
}

/**
 * One inventory read as a `Read`: absent means the scan's plan left it out, ok:false that it was
 * made and failed. `what` names it for the reason ("the resource policy").
 */
export function readOf<T>(
  fetched: { ok: true; value: T } | { ok: false; error: AwsErrorInfo } | undefined,
  what: string,
): Read<T> {
  if (fetched === undefined) {
    return missingRead(`${what} was not collected (the scan's check selection did not need it)`);
  }
  if (fetched.ok) return fetched;
  return missingRead(`${what} could not be read: ${describeError(fetched.error)}`, fetched.error);
}

/**
 * The evidence of a draft that has none: one shared, frozen object (a large account's evaluation
 * would otherwise allocate a million empty ones).
 */
export const NO_EVIDENCE: Evidence = Object.freeze({});

/**
 * A verdict decided once and given to many resources: every function of one role, or of one
 * runtime, gets the same status, message and evidence.
 */
export interface Judgement {
  status: Status;
  message: string;
  evidence: Evidence;
}

/** The drafts for one resource. Stateless apart from the resource, so one is kept per resource. */
export class Verdict {
  readonly resource: ResourceRef;

  constructor(resource: ResourceRef) {
    this.resource = resource;
  }

  pass(message: string, evidence: Evidence = NO_EVIDENCE): Draft {
    return { status: 'pass', resource: this.resource, message, evidence };
  }

  fail(message: string, evidence: Evidence = NO_EVIDENCE): Draft {
    return { status: 'fail', resource: this.resource, message, evidence };
  }

  notApplicable(message: string, evidence: Evidence = NO_EVIDENCE): Draft {
    return { status: 'not_applicable', resource: this.resource, message, evidence };
  }

  unknown(message: string, evidence: Evidence = NO_EVIDENCE, error?: AwsErrorInfo): Draft {
    const d: Draft = { status: 'unknown', resource: this.resource, message, evidence };
    if (error) d.error = error;
    return d;
  }

  /** The draft of a judgement made once for many resources. */
  judged(j: Judgement): Draft {
    return { status: j.status, resource: this.resource, message: j.message, evidence: j.evidence };
  }

  /** The unknown a failed or absent read leads to, with its reason, error and evidence. */
  missing(read: MissingRead, evidence: Evidence = NO_EVIDENCE): Draft {
    const merged = read.evidence === undefined ? evidence : { ...read.evidence, ...evidence };
    return this.unknown(read.reason, merged, read.error);
  }
}
