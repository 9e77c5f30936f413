/**
 * CloudTrail, one region (--changes-since): the Lambda management events that change functions,
 * from the region's 90-day event history. Call plan: LookupEvents filtered server-side on
 * EventSource=lambda.amazonaws.com between the window's StartTime and EndTime, every page of
 * LOOKUP_PAGE events (the API's maximum), paced at 2 requests/s per region (limiter.ts). Events
 * that do not change a function (Get*, List*) are dropped here.
 *
 * What is kept of each event's CloudTrailEvent JSON is an allow-list (keepEvent): who, when, from
 * where, which function. The request parameters are never kept beyond the function's name (an
 * UpdateFunctionConfiguration request carries the environment's values) and the response never;
 * the one exception is AddPermission's `principal`, which says who was granted and is not secret.
 * A denied or failed LookupEvents fails the region's slice: unknown, never "no changes".
 */
import { paginateLookupEvents } from '@aws-sdk/client-cloudtrail';
import type { AwsSession } from '../aws/clients.js';
import type { CloudTrailRegion, FunctionChangeEvent, Slice } from '../inventory/schema.js';
import { read } from './read.js';

const SERVICE = 'cloudtrail';
/** LookupEvents' largest page. */
export const LOOKUP_PAGE = 50;
/** CloudTrail event history keeps 90 days. */
export const MAX_CHANGES_WINDOW_DAYS = 90;

/**
 * The event names that change a function, matched by prefix: CloudTrail names Lambda events with
 * their API version (UpdateFunctionCode20150331v2, AddPermission20150331v2, …).
 */
export const CHANGE_EVENT_PREFIXES = [
  'AddPermission',
  'CreateAlias',
  'CreateFunction',
  'CreateFunctionUrlConfig',
  'DeleteFunction',
  'DeleteFunctionCodeSigningConfig',
  'DeleteFunctionUrlConfig',
  'PublishLayerVersion',
  'PublishVersion',
  'PutFunctionCodeSigningConfig',
  'PutFunctionConcurrency',
  'RemovePermission',
  'UpdateAlias',
  'UpdateFunctionCode',
  'UpdateFunctionConfiguration',
  'UpdateFunctionUrlConfig',
] as const;

export function isChangeEvent(eventName: string): boolean {
  return CHANGE_EVENT_PREFIXES.some((p) => eventName.startsWith(p));
}

export interface ChangesWindow {
  startTime: Date;
  endTime: Date;
}

export async function collectCloudTrailRegion(
  session: Pick<AwsSession, 'cloudtrail'>,
  region: string,
  window: ChangesWindow,
): Promise<Slice<CloudTrailRegion>> {
  const client = session.cloudtrail(region);
  const events = await read(SERVICE, 'LookupEvents', region, async () => {
    const kept: FunctionChangeEvent[] = [];
    let unparsed = 0;
    const pages = paginateLookupEvents(
      { client, pageSize: LOOKUP_PAGE },
      {
        LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'lambda.amazonaws.com' }],
        StartTime: window.startTime,
        EndTime: window.endTime,
        MaxResults: LOOKUP_PAGE,
      },
    );
    for await (const page of pages) {
      for (const e of page.Events ?? []) {
        const name = e.EventName ?? '';
        if (!isChangeEvent(name)) continue;
        const event = keepEvent(name, e.EventTime, e.CloudTrailEvent, e.Resources, e.EventId);
        if (event) kept.push(event);
        else unparsed += 1;
      }
    }
    return { lambdaChanges: kept, unparsedEvents: unparsed };
  });
  return events.ok ? { status: 'ok', data: events.value } : { status: 'error', error: events.error };
}

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * The allow-list: only these fields leave the event. Anything else in it — requestParameters
 * beyond the function's name, responseElements, additionalEventData — is never read into the
 * result. null: the event's JSON could not be parsed.
 */
export function keepEvent(
  eventName: string,
  eventTime: Date | undefined,
  cloudTrailEvent: string | undefined,
  resources: readonly { ResourceType?: string | undefined; ResourceName?: string | undefined }[] = [],
  /** LookupEvents' EventId: the event's own eventID when its JSON lacks one. */
  lookupEventId?: string,
): FunctionChangeEvent | null {
  let parsed: Json | undefined;
  try {
    parsed = obj(JSON.parse(cloudTrailEvent ?? ''));
  } catch {
    parsed = undefined;
  }
  if (!parsed) return null;
  const identity = obj(parsed.userIdentity);
  const session = obj(identity?.sessionContext);
  const mfa = obj(session?.attributes)?.mfaAuthenticated;
  const params = obj(parsed.requestParameters);
  const ms = eventTime ? eventTime.getTime() : Date.parse(str(parsed.eventTime) ?? '');
  if (Number.isNaN(ms)) return null;
  const isoTime = new Date(ms).toISOString();
  const event: FunctionChangeEvent = {
    eventTime: isoTime,
    eventName,
    functionName: functionNameOf(params?.functionName, resources),
    principalArn: str(identity?.arn),
    identityType: str(identity?.type),
    sessionIssuerArn: str(obj(session?.sessionIssuer)?.arn),
    mfaAuthenticated: mfa === true || mfa === 'true' ? true : mfa === false || mfa === 'false' ? false : null,
    sourceIpAddress: str(parsed.sourceIPAddress),
    userAgent: str(parsed.userAgent),
    errorCode: str(parsed.errorCode),
  };
  const eventId = str(parsed.eventID) ?? str(lookupEventId);
  if (eventId !== null) event.eventId = eventId;
  if (eventName.startsWith('AddPermission')) event.permissionPrincipal = str(params?.principal);
  return event;
}

/**
 * The function's bare name: requestParameters.functionName may be a name, a partial or full ARN,
 * with or without a qualifier; else the event's AWS::Lambda::Function resource.
 */
export function functionNameOf(
  requested: unknown,
  resources: readonly { ResourceType?: string | undefined; ResourceName?: string | undefined }[],
): string | null {
  const raw =
    str(requested) ?? resources.find((r) => r.ResourceType === 'AWS::Lambda::Function')?.ResourceName ?? null;
  if (!raw) return null;
  const parts = raw.split(':');
  // arn:aws:lambda:region:account:function:name[:qualifier], account:function:name, or name[:qualifier]
  const at = parts.indexOf('function');
  const name = at >= 0 ? parts[at + 1] : parts[0];
  return name && /^[A-Za-z0-9_-]{1,170}$/.test(name) ? name : null;
}
