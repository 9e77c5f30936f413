/**
 * GuardDuty (restJson1, lower-camel JSON members): ListDetectors, GetDetector,
 * ListOrganizationAdminAccounts (the management account of a served organization only),
 * ListPublishingDestinations, GetAdministratorAccount, ListFindings (with the findingCriteria the scanner sends: numeric
 * conditions on `severity`, equals/notEquals on any attribute the model has, sorted by
 * sortCriteria) and GetFindings. A suspended detector is still listed (status DISABLED); a
 * region without one lists none. An unknown detector id is a BadRequestException (400), which is
 * what GuardDuty answers, not a 404.
 */
import type { SimDetector, SimGuardDutyFinding } from '../account.js';
import {
  decodeToken,
  jsonBody,
  jsonError,
  jsonReply,
  page,
  type Route,
  type SimReply,
  type SimRequest,
} from '../protocol.js';
import type { SimState } from '../state.js';

const badRequest = (req: SimRequest, message: string) =>
  jsonError(400, 'BadRequestException', { message, __type: 'BadRequestException' }, req.requestId);

export function guardDutyRoute(req: SimRequest, st: SimState): Route | null {
  const segments = req.path.split('/').filter(Boolean);
  if (segments[0] === 'admin' && segments.length === 1 && req.method === 'GET') {
    return { action: 'ListOrganizationAdminAccounts', handle: () => listOrganizationAdminAccounts(req, st) };
  }
  if (segments[0] === 'detector' && segments.length >= 3) return detectorSubRoute(req, st, segments);
  if (req.method !== 'GET') return null;
  if (segments[0] !== 'detector') return null;
  const detector = () => st.account.guardduty[req.region]?.detector ?? null;
  const arn = (id: string) => `arn:aws:guardduty:${req.region}:${st.account.accountId}:detector/${id}`;

  if (segments.length === 1) {
    return {
      action: 'ListDetectors',
      handle: () => {
        const offset = decodeToken(req.query.get('nextToken'));
        if (offset === 'invalid')
          return badRequest(req, 'The request is rejected because an invalid nextToken is specified.');
        const max = Number(req.query.get('maxResults') ?? 50);
        if (!Number.isInteger(max) || max < 1 || max > 50) {
          return badRequest(
            req,
            'The request is rejected because the parameter maxResults has an invalid value.',
          );
        }
        const d = detector();
        const { items, next } = page(d ? [d.id] : [], offset, max);
        return jsonReply(
          next ? { detectorIds: items, nextToken: next } : { detectorIds: items },
          req.requestId,
        );
      },
    };
  }
  if (segments.length === 2) {
    const id = decodeURIComponent(segments[1] ?? '');
    return {
      action: 'GetDetector',
      resource: arn(id),
      handle: () => {
        const d = detector();
        if (!d || d.id !== id) {
          return badRequest(
            req,
            'The request is rejected because the input detectorId is not owned by the current account.',
          );
        }
        return jsonReply(detectorShape(d), req.requestId);
      },
    };
  }
  return null;
}

function detectorShape(d: SimDetector): Record<string, unknown> {
  const on = (name: string) => d.features.find((f) => f.name === name)?.status ?? 'DISABLED';
  const updated = Date.parse(d.updatedAt) / 1000;
  return {
    createdAt: new Date(d.createdAt).toISOString(),
    findingPublishingFrequency: d.findingPublishingFrequency,
    serviceRole: d.serviceRole,
    status: d.status,
    updatedAt: new Date(d.updatedAt).toISOString(),
    // dataSources is the legacy view of the same settings; GuardDuty still returns it.
    dataSources: {
      cloudTrail: { status: 'ENABLED' },
      dnsLogs: { status: 'ENABLED' },
      flowLogs: { status: 'ENABLED' },
      s3Logs: { status: on('S3_DATA_EVENTS') },
      kubernetes: { auditLogs: { status: on('EKS_AUDIT_LOGS') } },
      malwareProtection: {
        scanEc2InstanceWithFindings: { ebsVolumes: { status: on('EBS_MALWARE_PROTECTION') } },
        serviceRole: d.serviceRole.replace(
          'AWSServiceRoleForAmazonGuardDuty',
          'AWSServiceRoleForAmazonGuardDutyMalwareProtection',
        ),
      },
    },
    tags: {},
    features: d.features.map((f) => ({
      name: f.name,
      status: f.status,
      updatedAt: updated,
      ...(f.additionalConfiguration
        ? { additionalConfiguration: f.additionalConfiguration.map((a) => ({ ...a, updatedAt: updated })) }
        : {}),
    })),
  };
}

/** Routes under /detector/{id}/…; every one answers BadRequest for a detector the account lacks. */
function detectorSubRoute(req: SimRequest, st: SimState, segments: string[]): Route | null {
  const id = decodeURIComponent(segments[1] ?? '');
  const resource = `arn:aws:guardduty:${req.region}:${st.account.accountId}:detector/${id}`;
  const withDetector = (fn: (d: SimDetector) => SimReply) => () => {
    const d = st.account.guardduty[req.region]?.detector ?? null;
    if (!d || d.id !== id) {
      return badRequest(
        req,
        'The request is rejected because the input detectorId is not owned by the current account.',
      );
    }
    return fn(d);
  };
  const rest = segments.slice(2).join('/');
  if (req.method === 'GET' && rest === 'publishingDestination') {
    return {
      action: 'ListPublishingDestinations',
      resource,
      handle: withDetector((d) => {
        const offset = decodeToken(req.query.get('nextToken'));
        if (offset === 'invalid')
          return badRequest(req, 'The request is rejected because an invalid nextToken is specified.');
        const destinations = (d.publishingDestinations ?? []).map((p) => ({
          destinationId: p.id,
          destinationType: p.type,
          status: p.status,
        }));
        const { items, next } = page(destinations, offset, Number(req.query.get('maxResults') ?? 50));
        return jsonReply(
          next ? { destinations: items, nextToken: next } : { destinations: items },
          req.requestId,
        );
      }),
    };
  }
  if (req.method === 'GET' && rest === 'administrator') {
    return {
      action: 'GetAdministratorAccount',
      resource,
      handle: withDetector((d) => {
        const a = d.administrator;
        // A detector no administrator manages answers 200 without the member.
        return jsonReply(
          a
            ? {
                administrator: {
                  accountId: a.accountId,
                  invitationId: `sim-${a.accountId}`,
                  relationshipStatus: a.relationshipStatus,
                  invitedAt: d.createdAt,
                },
              }
            : {},
          req.requestId,
        );
      }),
    };
  }
  if (req.method === 'POST' && rest === 'findings') {
    return {
      action: 'ListFindings',
      resource,
      handle: withDetector((d) => {
        const body = jsonBody(req);
        if (!body) return badRequest(req, 'The request is rejected because the JSON could not be processed.');
        const max = Number(body.maxResults ?? 50);
        if (!Number.isInteger(max) || max < 1 || max > 50) {
          return badRequest(
            req,
            'The request is rejected because the parameter maxResults has an invalid value.',
          );
        }
        const offset = decodeToken(typeof body.nextToken === 'string' ? body.nextToken : null);
        if (offset === 'invalid')
          return badRequest(req, 'The request is rejected because an invalid nextToken is specified.');
        const criteria = criterionOf(body.findingCriteria, st.account.accountId);
        if (criteria === 'invalid')
          return badRequest(req, 'The request is rejected because the findingCriteria is invalid.');
        const matched = (d.findings ?? []).filter((f) => criteria.every((c) => c(f)));
        const sort = body.sortCriteria as { attributeName?: string; orderBy?: string } | undefined;
        if (sort?.attributeName === 'severity') {
          matched.sort((a, b) =>
            sort.orderBy === 'ASC' ? a.severity - b.severity : b.severity - a.severity,
          );
        }
        const { items, next } = page(
          matched.map((f) => f.id),
          offset,
          max,
        );
        return jsonReply(
          next ? { findingIds: items, nextToken: next } : { findingIds: items },
          req.requestId,
        );
      }),
    };
  }
  if (req.method === 'POST' && rest === 'findings/get') {
    return {
      action: 'GetFindings',
      resource,
      handle: withDetector((d) => {
        const ids = jsonBody(req)?.findingIds;
        if (!Array.isArray(ids) || ids.length === 0 || ids.length > 50) {
          return badRequest(req, 'The request is rejected because the findingIds parameter is invalid.');
        }
        const byId = new Map((d.findings ?? []).map((f) => [f.id, f]));
        const findings = ids.flatMap((i) => {
          const f = typeof i === 'string' ? byId.get(i) : undefined;
          return f ? [findingShape(f, req.region, st.account.accountId, d.id)] : [];
        });
        return jsonReply({ findings }, req.requestId);
      }),
    };
  }
  return null;
}

type Predicate = (f: SimGuardDutyFinding) => boolean;

/** The attributes a criterion may name that the model holds; anything else is refused, loudly. */
const ATTRIBUTES: Record<string, (f: SimGuardDutyFinding) => string | number> = {
  severity: (f) => f.severity,
  'service.archived': (f) => String(f.archived),
  type: (f) => f.type,
  'resource.resourceType': (f) => f.resourceType,
};

function criterionOf(raw: unknown, accountId: string): Predicate[] | 'invalid' {
  if (raw === undefined) return [];
  const criterion = (raw as { criterion?: unknown } | null)?.criterion;
  if (typeof criterion !== 'object' || criterion === null) return 'invalid';
  const out: Predicate[] = [];
  for (const [attr, cond] of Object.entries(criterion as Record<string, Record<string, unknown>>)) {
    // The simulated detector holds only its own account's findings.
    const get = attr === 'accountId' ? () => accountId : ATTRIBUTES[attr];
    if (!get) throw new Error(`simulator: ListFindings criterion on ${attr} is not modelled`);
    for (const [op, value] of Object.entries(cond)) {
      const num = Number(value);
      const list = Array.isArray(value) ? value.map(String) : [];
      switch (op) {
        case 'greaterThanOrEqual':
        case 'gte':
          out.push((f) => Number(get(f)) >= num);
          break;
        case 'greaterThan':
        case 'gt':
          out.push((f) => Number(get(f)) > num);
          break;
        case 'lessThan':
        case 'lt':
          out.push((f) => Number(get(f)) < num);
          break;
        case 'lessThanOrEqual':
        case 'lte':
          out.push((f) => Number(get(f)) <= num);
          break;
        case 'equals':
        case 'eq':
          out.push((f) => list.includes(String(get(f))));
          break;
        case 'notEquals':
        case 'neq':
          out.push((f) => !list.includes(String(get(f))));
          break;
        default:
          return 'invalid';
      }
    }
  }
  return out;
}

function findingShape(f: SimGuardDutyFinding, region: string, accountId: string, detectorId: string) {
  return {
    accountId,
    arn: `arn:aws:guardduty:${region}:${accountId}:detector/${detectorId}/finding/${f.id}`,
    createdAt: f.createdAt,
    description: f.title,
    id: f.id,
    partition: 'aws',
    region,
    resource: {
      resourceType: f.resourceType,
      ...(f.lambda
        ? { lambdaDetails: { functionName: f.lambda.name, functionArn: f.lambda.arn, revisionId: 'sim' } }
        : {}),
    },
    schemaVersion: '2.0',
    service: {
      archived: f.archived,
      count: 1,
      detectorId,
      serviceName: 'guardduty',
      ...(f.sample ? { additionalInfo: { value: '{"sample":true}', type: 'default' } } : {}),
    },
    severity: f.severity,
    title: f.title,
    type: f.type,
    updatedAt: f.updatedAt,
  };
}

/**
 * The organization's delegated administrators in the request's region. "Only the organization's
 * management account can run this API operation"
 * (https://docs.aws.amazon.com/guardduty/latest/APIReference/API_ListOrganizationAdminAccounts.html):
 * any other account gets the BadRequestException GuardDuty answers a caller without the
 * organization's management permission (its message as reported in
 * aws-samples/aws-security-reference-architecture-examples#141).
 */
function listOrganizationAdminAccounts(req: SimRequest, st: SimState): SimReply {
  const org = st.organization;
  if (!org || org.managementAccountId !== st.account.accountId) {
    return badRequest(
      req,
      'The request failed because you do not have required AWS Organization master permission.',
    );
  }
  const max = Number(req.query.get('maxResults') ?? 50);
  if (!Number.isInteger(max) || max < 1 || max > 50) {
    return badRequest(req, 'The request is rejected because the parameter maxResults has an invalid value.');
  }
  const offset = decodeToken(req.query.get('nextToken'));
  if (offset === 'invalid')
    return badRequest(req, 'The request is rejected because an invalid nextToken is specified.');
  const admins = (org.config.guardDutyAdmins?.[req.region] ?? []).map((a) => ({
    adminAccountId: a.accountId,
    adminStatus: a.status,
  }));
  const { items, next } = page(admins, offset, max);
  return jsonReply(
    next ? { adminAccounts: items, nextToken: next } : { adminAccounts: items },
    req.requestId,
  );
}
