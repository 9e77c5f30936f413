/**
 * IAM Access Analyzer (restJson1, lower-camel JSON members; SigV4 signing name
 * `access-analyzer`): ListAnalyzers, `GET /analyzer?maxResults&nextToken&type`, every analyzer of
 * the region (external, unused and internal access, any status) unless `type` narrows it. The
 * model may list an ORGANIZATION analyzer under the delegated administrator's ARN (the facts
 * plant one in member accounts; that AWS lists it there is the model's assumption). Bad input is a ValidationException (400) with its fieldList,
 * which is how Access Analyzer answers.
 */
import type { SimAnalyzer } from '../account.js';
import { decodeToken, jsonError, jsonReply, page, type Route, type SimRequest } from '../protocol.js';
import type { SimState } from '../state.js';

const TYPES: ReadonlySet<string> = new Set<SimAnalyzer['type']>([
  'ACCOUNT',
  'ORGANIZATION',
  'ACCOUNT_UNUSED_ACCESS',
  'ORGANIZATION_UNUSED_ACCESS',
  'ACCOUNT_INTERNAL_ACCESS',
  'ORGANIZATION_INTERNAL_ACCESS',
]);
/** The page size when maxResults is absent (the service does not document one; the SDK sends it). */
const DEFAULT_PAGE = 100;

const validation = (req: SimRequest, name: string, message: string) =>
  jsonError(
    400,
    'ValidationException',
    {
      message,
      reason: 'fieldValidationFailed',
      fieldList: [{ name, message }],
      __type: 'ValidationException',
    },
    req.requestId,
  );

export function accessAnalyzerRoute(req: SimRequest, st: SimState): Route | null {
  const segments = req.path.split('/').filter(Boolean);
  if (req.method !== 'GET' || segments.length !== 1 || segments[0] !== 'analyzer') return null;
  return {
    action: 'ListAnalyzers',
    resource: `arn:aws:access-analyzer:${req.region}:${st.account.accountId}:analyzer/*`,
    handle: () => {
      const offset = decodeToken(req.query.get('nextToken'));
      if (offset === 'invalid') return validation(req, 'nextToken', 'Invalid pagination token');
      const max = Number(req.query.get('maxResults') ?? DEFAULT_PAGE);
      if (!Number.isInteger(max) || max < 1)
        return validation(req, 'maxResults', 'maxResults must be a positive integer');
      const type = req.query.get('type');
      if (type !== null && !TYPES.has(type)) return validation(req, 'type', `Invalid analyzer type ${type}`);
      const all = st.account.accessAnalyzers?.[req.region] ?? [];
      const { items, next } = page(
        all.filter((a) => type === null || a.type === type),
        offset,
        max,
      );
      const analyzers = items.map((a) => ({
        arn: a.arn,
        name: a.name,
        type: a.type,
        createdAt: a.createdAt,
        // An analyzer that analyzed something says what and when; a new or failed one does not.
        ...(a.status === 'ACTIVE' && !a.type.endsWith('_UNUSED_ACCESS')
          ? { lastResourceAnalyzed: `arn:aws:s3:::sim-${a.name}`, lastResourceAnalyzedAt: a.createdAt }
          : {}),
        tags: {},
        status: a.status,
        ...(a.statusReason ? { statusReason: { code: a.statusReason } } : {}),
        ...(a.type.endsWith('_UNUSED_ACCESS')
          ? { configuration: { unusedAccess: { unusedAccessAge: 90 } } }
          : {}),
      }));
      return jsonReply(next ? { analyzers, nextToken: next } : { analyzers }, req.requestId);
    },
  };
}
