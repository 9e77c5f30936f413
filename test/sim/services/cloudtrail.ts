/**
 * CloudTrail (awsJson1_1: POST / with `X-Amz-Target: CloudTrail_20131101.<Op>`, regional):
 * LookupEvents over the region's event history, newest first, filtered by the one
 * LookupAttribute the API allows (EventSource, EventName, Username, ResourceName, EventId,
 * ResourceType) and by StartTime/EndTime (epoch seconds, as awsJson sends timestamps), MaxResults
 * 1–50 (default 50) and NextToken. Errors are what the API reference names:
 * InvalidLookupAttributesException, InvalidTimeRangeException, InvalidMaxResultsException,
 * InvalidNextTokenException (all 400).
 */
import type { SimCloudTrailEvent } from '../account.js';
import {
  decodeToken,
  jsonBody,
  jsonError,
  jsonReply,
  page,
  type Route,
  type SimRequest,
} from '../protocol.js';
import type { SimState } from '../state.js';

const PREFIX = 'CloudTrail_20131101.';

const invalid = (req: SimRequest, code: string, message: string) =>
  jsonError(400, code, { __type: code, Message: message }, req.requestId);

export function cloudTrailRoute(req: SimRequest, st: SimState): Route | null {
  if (req.method !== 'POST' || !req.target?.startsWith(PREFIX)) return null;
  const action = req.target.slice(PREFIX.length);
  if (action !== 'LookupEvents') return null;
  return {
    action,
    handle: () => {
      const body = jsonBody(req);
      if (!body) return invalid(req, 'SerializationException', 'the request body is not a JSON object');
      const attrs = Array.isArray(body.LookupAttributes) ? body.LookupAttributes : [];
      if (attrs.length > 1)
        return invalid(req, 'InvalidLookupAttributesException', 'only one lookup attribute is allowed');
      const attr = attrs[0] as { AttributeKey?: unknown; AttributeValue?: unknown } | undefined;
      const keyOf: Record<string, (e: SimCloudTrailEvent) => (string | null)[]> = {
        EventSource: (e) => [e.eventSource],
        EventName: (e) => [e.eventName],
        Username: (e) => [e.username],
        ResourceName: (e) => [e.functionName],
        EventId: (e) => [e.eventId],
        ResourceType: (e) => [e.functionName ? 'AWS::Lambda::Function' : null],
      };
      const get = attr ? keyOf[String(attr.AttributeKey)] : undefined;
      if (attr && (!get || typeof attr.AttributeValue !== 'string'))
        return invalid(req, 'InvalidLookupAttributesException', 'the lookup attribute is not valid');
      const nowSec = Date.parse(st.account.now) / 1000 + 365 * 86_400;
      const start = typeof body.StartTime === 'number' ? body.StartTime : 0;
      const end = typeof body.EndTime === 'number' ? body.EndTime : nowSec;
      if (start > end) return invalid(req, 'InvalidTimeRangeException', 'StartTime must be before EndTime');
      const max = body.MaxResults === undefined ? 50 : Number(body.MaxResults);
      if (!Number.isInteger(max) || max < 1 || max > 50)
        return invalid(req, 'InvalidMaxResultsException', 'MaxResults must be from 1 to 50');
      const offset = decodeToken(typeof body.NextToken === 'string' ? body.NextToken : null);
      if (offset === 'invalid')
        return invalid(req, 'InvalidNextTokenException', 'the NextToken is not valid');
      const events = (st.account.cloudtrail?.[req.region] ?? [])
        .filter((e) => {
          const t = Date.parse(e.eventTime) / 1000;
          return t >= start && t <= end && (!get || get(e).includes(String(attr?.AttributeValue)));
        })
        .sort(
          (a, b) => Date.parse(b.eventTime) - Date.parse(a.eventTime) || (a.eventId < b.eventId ? -1 : 1),
        );
      const { items, next } = page(events, offset, max);
      return jsonReply(
        {
          Events: items.map((e) => ({
            EventId: e.eventId,
            EventName: e.eventName,
            ReadOnly: String(e.record.readOnly ?? false),
            EventTime: Date.parse(e.eventTime) / 1000,
            EventSource: e.eventSource,
            ...(e.username ? { Username: e.username } : {}),
            Resources: e.functionName
              ? [{ ResourceType: 'AWS::Lambda::Function', ResourceName: e.functionName }]
              : [],
            CloudTrailEvent: JSON.stringify(e.record),
          })),
          ...(next ? { NextToken: next } : {}),
        },
        req.requestId,
      );
    },
  };
}
