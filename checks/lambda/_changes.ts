/**
 * What the change checks share (--changes-since): the scan's CloudTrail Lambda events grouped by
 * function, one draft per function with changes in the window, not_applicable for the listed
 * functions without any, and one unknown per region whose events could not be read (a denied
 * LookupEvents is never "no changes").
 *
 * Only events without an errorCode are changes; failed calls (AccessDenied, …) changed nothing
 * and are counted in the evidence as `failedAttempts`.
 */
import type { Draft, Evidence, ResourceRef } from '../../src/engine/check.js';
import type { ChangeReview, FunctionChangeEvent } from '../../src/inventory/schema.js';
import { type AccountView, FUNCTION_TYPE } from '../../src/view/account-view.js';
import { Verdict } from '../../src/view/verdict.js';

export interface ChangedFunction {
  name: string;
  region: string;
  /** Successful changes, newest first. */
  changes: readonly FunctionChangeEvent[];
  failedAttempts: number;
}

export function* eachChangedFunction(
  view: AccountView,
  judge: (fn: ChangedFunction, v: Verdict, review: ChangeReview) => Draft,
  /** A reason the check does not apply at all under these settings (e.g. no deployers configured). */
  notApplicable?: (review: ChangeReview) => string | null,
): Generator<Draft> {
  const review = view.changeReview;
  for (const region of view.changeRegions) {
    if (!review) {
      yield region.verdict.unknown(
        'the Lambda changes were not collected (the scan ran without --changes-since)',
      );
      continue;
    }
    if (!region.changes.ok) {
      yield region.verdict.missing(region.changes);
      continue;
    }
    const why = notApplicable?.(review) ?? null;
    if (why !== null) {
      yield region.verdict.notApplicable(why);
      continue;
    }
    // An event that could not be parsed may be any change to any function: the region is not
    // fully known, beside what the parsed events say.
    if (region.unparsedEvents > 0) {
      yield region.verdict.unknown(
        `${region.unparsedEvents} Lambda event(s) in ${region.region} could not be parsed: what they changed is unknown`,
        { unparsedEvents: region.unparsedEvents },
      );
    }
    const byName = new Map<string, FunctionChangeEvent[]>();
    for (const e of region.changes.value) {
      if (e.functionName === null) continue;
      const list = byName.get(e.functionName);
      if (list) list.push(e);
      else byName.set(e.functionName, [e]);
    }
    const listed = view.lambdaRegions
      .find((r) => r.region === region.region)
      ?.functions.filter((f) => f.qualifier === null);
    const refs = new Map<string, ResourceRef>((listed ?? []).map((f) => [f.config.name, f.ref]));
    if (byName.size === 0 && refs.size === 0 && region.unparsedEvents === 0) {
      yield region.verdict.notApplicable(`no Lambda functions and no Lambda changes in ${region.region}`);
      continue;
    }
    for (const [name, ref] of refs) {
      if (!byName.has(name))
        yield new Verdict(ref).notApplicable(`no change to the function since ${review.startTime}`);
    }
    for (const [name, events] of [...byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const ref = refs.get(name) ?? {
        arn: `arn:${view.partition}:lambda:${region.region}:${view.accountId}:function:${name}`,
        name,
        region: region.region,
        type: FUNCTION_TYPE,
      };
      const changes = events.filter((e) => e.errorCode === null);
      const fn = { name, region: region.region, changes, failedAttempts: events.length - changes.length };
      const v = new Verdict(ref);
      if (changes.length === 0) {
        yield v.notApplicable(
          `only failed change attempts (${fn.failedAttempts}) since ${review.startTime}`,
          {
            failedAttempts: fn.failedAttempts,
          },
        );
        continue;
      }
      yield judge(fn, v, review);
    }
  }
}

/**
 * A key for an event that stays the same in every scan that sees it: when, what, who. Not
 * CloudTrail's eventID alone, which inventories before it was kept lack: a baseline of such an
 * inventory would make every event look new once. Two events alike in all three are one change
 * as far as a reviewer can tell.
 */
export function eventKey(e: FunctionChangeEvent): string {
  return `${e.eventTime}|${e.eventName}|${e.principalArn ?? ''}`;
}

/**
 * A failure made of these events, which become its occurrences (Draft.occurrences): a later scan
 * whose failure carries an event this one did not is a new finding again, not an unchanged one.
 */
export function failOnEvents(
  v: Verdict,
  events: readonly FunctionChangeEvent[],
  message: string,
  evidence: Evidence,
): Draft {
  return { ...v.fail(message, evidence), occurrences: [...new Set(events.map(eventKey))] };
}

/** An event as evidence: who, what, when, from where (nothing else is kept anyway). */
export function changeFacts(e: FunctionChangeEvent) {
  return {
    ...(e.eventId !== undefined ? { eventId: e.eventId } : {}),
    eventTime: e.eventTime,
    eventName: e.eventName,
    principalArn: e.principalArn,
    identityType: e.identityType,
    sessionIssuerArn: e.sessionIssuerArn,
    mfaAuthenticated: e.mfaAuthenticated,
    sourceIpAddress: e.sourceIpAddress,
    userAgent: e.userAgent,
  };
}
