/** Builders for the change checks' inventories (--changes-since): CloudTrail events per region. */
import type { ChangeReview, FunctionChangeEvent, Inventory } from '../../src/inventory/schema.js';
import { ACCOUNT, awsError, inventory, lambdaFunction, REGION, SCAN_TIME } from './inventory.js';

export const CI_ROLE = `arn:aws:iam::${ACCOUNT}:role/github-deploy`;

export function changeEvent(over: Partial<FunctionChangeEvent> = {}): FunctionChangeEvent {
  return {
    eventTime: '2026-10-30T09:00:00.000Z',
    eventName: 'UpdateFunctionCode20150331v2',
    functionName: 'api',
    principalArn: `arn:aws:sts::${ACCOUNT}:assumed-role/github-deploy/run-1234`,
    identityType: 'AssumedRole',
    sessionIssuerArn: CI_ROLE,
    mfaAuthenticated: false,
    sourceIpAddress: '203.0.113.10',
    userAgent: 'aws-cli/2.15.0',
    errorCode: null,
    ...over,
  };
}

export const rootChange = (over: Partial<FunctionChangeEvent> = {}) =>
  changeEvent({
    principalArn: `arn:aws:iam::${ACCOUNT}:root`,
    identityType: 'Root',
    sessionIssuerArn: null,
    mfaAuthenticated: true,
    userAgent: 'AWS Internal',
    ...over,
  });

export const userChange = (user: string, over: Partial<FunctionChangeEvent> = {}) =>
  changeEvent({
    principalArn: `arn:aws:iam::${ACCOUNT}:user/${user}`,
    identityType: 'IAMUser',
    sessionIssuerArn: null,
    mfaAuthenticated: null,
    ...over,
  });

export interface ChangeInventoryOptions {
  events?: FunctionChangeEvent[];
  /** The functions listed in the region (default: one per function the events name). */
  functions?: string[];
  deployers?: string[];
  trustedIpRanges?: string[];
  /** The region's LookupEvents failed with this class. */
  lookupFailed?: 'access-denied' | 'throttled';
  /** Events whose CloudTrailEvent JSON could not be parsed. */
  unparsedEvents?: number;
}

export function changeInventory(opts: ChangeInventoryOptions = {}): Inventory {
  const events = opts.events ?? [];
  const names = opts.functions ?? [
    ...new Set(events.flatMap((e) => (e.functionName ? [e.functionName] : []))),
  ];
  const inv = inventory({ functions: names.map((name) => lambdaFunction({ name })) });
  const review: ChangeReview = {
    startTime: '2026-10-25T12:00:00.000Z',
    endTime: SCAN_TIME,
    deployers: opts.deployers ?? [],
    trustedIpRanges: opts.trustedIpRanges ?? [],
  };
  inv.scan.changeReview = review;
  const region = inv.regions[REGION];
  if (region) {
    region.cloudtrail = opts.lookupFailed
      ? { status: 'error', error: awsError('LookupEvents', opts.lookupFailed, 'cloudtrail', REGION) }
      : { status: 'ok', data: { lambdaChanges: events, unparsedEvents: opts.unparsedEvents ?? 0 } };
  }
  return inv;
}
