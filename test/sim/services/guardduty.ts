/**
 * GuardDuty (restJson1, lower-camel JSON members): ListDetectors and GetDetector. A suspended
 * detector is still listed (status DISABLED); a region without one lists none. An unknown
 * detector id is a BadRequestException (400), which is what GuardDuty answers, not a 404.
 */
import type { SimDetector } from '../account.js';
import { decodeToken, jsonError, jsonReply, page, type Route, type SimRequest } from '../protocol.js';
import type { SimState } from '../state.js';

const badRequest = (req: SimRequest, message: string) =>
  jsonError(400, 'BadRequestException', { message, __type: 'BadRequestException' }, req.requestId);

export function guardDutyRoute(req: SimRequest, st: SimState): Route | null {
  if (req.method !== 'GET') return null;
  const segments = req.path.split('/').filter(Boolean);
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
