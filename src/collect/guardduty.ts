/**
 * GuardDuty, one region: every detector with its status and protection features (Lambda
 * Protection is the LAMBDA_NETWORK_LOGS feature). Call plan: ListDetectors (all pages), then
 * per detector — in practice one per region — GetDetector and, when planned,
 * GetAdministratorAccount, ListPublishingDestinations (all pages; a detector has at most a
 * handful) and the active
 * high-severity findings: one ListFindings page of FINDINGS_PAGE ids, highest severity first,
 * filtered server-side, then one GetFindings for those ids. So a region costs at most 6 calls
 * however many findings it holds; past the first page the read says `truncated`.
 */
import {
  type DataSourceConfigurationsResult,
  type Finding,
  GetAdministratorAccountCommand,
  GetDetectorCommand,
  type GetDetectorCommandOutput,
  GetFindingsCommand,
  type GuardDutyClient,
  ListFindingsCommand,
  paginateListDetectors,
  paginateListPublishingDestinations,
} from '@aws-sdk/client-guardduty';
import type { AwsSession } from '../aws/clients.js';
import { classifyError } from '../aws/errors.js';
import { ReadPlan } from '../inventory/reads.js';
import type {
  Fetched,
  GuardDutyAdministrator,
  GuardDutyDetector,
  GuardDutyFinding,
  GuardDutyRegion,
  HighSeverityFindings,
  PublishingDestination,
  Slice,
} from '../inventory/schema.js';
import { awsDateToIso } from './dates.js';
import { isAbort, read } from './read.js';

const SERVICE = 'guardduty';
/** GuardDuty's High band starts at 7.0 (Critical, added in 2025, at 9.0). */
export const HIGH_SEVERITY = 7;
/** ListFindings' and GetFindings' maximum page: one call of each per detector. */
export const FINDINGS_PAGE = 50;

export interface GuardDutyOptions {
  plan?: ReadPlan;
  /**
   * The scanned account: a GuardDuty administrator's detector also lists its members' findings,
   * so the findings read asks only for this account's (members are judged when they are scanned).
   */
  accountId?: string;
}

export async function collectGuardDutyRegion(
  session: Pick<AwsSession, 'guardduty'>,
  region: string,
  opts: GuardDutyOptions = {},
): Promise<Slice<GuardDutyRegion>> {
  const plan = opts.plan ?? ReadPlan.all();
  const client = session.guardduty(region);
  const listed = await read(SERVICE, 'ListDetectors', region, async () => {
    const ids: string[] = [];
    for await (const page of paginateListDetectors({ client }, {})) ids.push(...(page.DetectorIds ?? []));
    return ids;
  });
  if (!listed.ok) return { status: 'error', error: listed.error };

  const detectors = await Promise.all(
    listed.value.map(async (id): Promise<GuardDutyDetector> => {
      try {
        const [out, publishingDestinations, highSeverityFindings, administrator] = await Promise.all([
          client.send(new GetDetectorCommand({ DetectorId: id })),
          plan.has('guardduty.publishing-destinations') ? readDestinations(client, id, region) : undefined,
          plan.has('guardduty.findings') ? readFindings(client, id, region, opts.accountId) : undefined,
          plan.has('guardduty.administrator') ? readAdministrator(client, id, region) : undefined,
        ]);
        const d: GuardDutyDetector = {
          id,
          status: out.Status ?? 'UNKNOWN',
          features: features(out),
          readError: null,
        };
        if (publishingDestinations) d.publishingDestinations = publishingDestinations;
        if (highSeverityFindings) d.highSeverityFindings = highSeverityFindings;
        if (administrator) d.administrator = administrator;
        return d;
      } catch (err) {
        if (isAbort(err)) throw err;
        // The detector exists (ListDetectors said so) but its state is unknown.
        return {
          id,
          status: 'UNKNOWN',
          features: [],
          readError: classifyError(err, SERVICE, 'GetDetector', region),
        };
      }
    }),
  );
  return { status: 'ok', data: { detectors } };
}

type Feature = GuardDutyDetector['features'][number];

function features(out: GetDetectorCommandOutput): Feature[] {
  if (out.Features?.length) {
    return out.Features.flatMap((f): Feature[] => {
      if (!f.Name) return [];
      const feature: Feature = { name: f.Name, status: f.Status ?? 'UNKNOWN' };
      const extra = (f.AdditionalConfiguration ?? []).flatMap((a) =>
        a.Name ? [{ name: a.Name, status: a.Status ?? 'UNKNOWN' }] : [],
      );
      if (extra.length > 0) feature.additionalConfiguration = extra;
      return [feature];
    });
  }
  return out.DataSources ? legacyFeatures(out.DataSources) : [];
}

/**
 * Older detectors (and some partitions) describe protections only as DataSources. Map the ones
 * with an obvious feature name; Lambda Protection has no legacy data source, so its absence stays
 * absent rather than becoming DISABLED.
 */
function legacyFeatures(ds: DataSourceConfigurationsResult): Feature[] {
  const pairs: [string, string | undefined][] = [
    ['CLOUD_TRAIL', ds.CloudTrail?.Status],
    ['DNS_LOGS', ds.DNSLogs?.Status],
    ['FLOW_LOGS', ds.FlowLogs?.Status],
    ['S3_DATA_EVENTS', ds.S3Logs?.Status],
    ['EKS_AUDIT_LOGS', ds.Kubernetes?.AuditLogs?.Status],
    ['EBS_MALWARE_PROTECTION', ds.MalwareProtection?.ScanEc2InstanceWithFindings?.EbsVolumes?.Status],
  ];
  return pairs.flatMap(([name, status]) => (status ? [{ name, status }] : []));
}

/** A detector with no administrator answers without one: that is "standalone", not a failure. */
function readAdministrator(
  client: GuardDutyClient,
  detectorId: string,
  region: string,
): Promise<Fetched<GuardDutyAdministrator | null>> {
  return read(SERVICE, 'GetAdministratorAccount', region, async () => {
    const a = (await client.send(new GetAdministratorAccountCommand({ DetectorId: detectorId })))
      .Administrator;
    return a?.AccountId
      ? { accountId: a.AccountId, relationshipStatus: a.RelationshipStatus ?? 'UNKNOWN' }
      : null;
  });
}

function readDestinations(
  client: GuardDutyClient,
  detectorId: string,
  region: string,
): Promise<Fetched<PublishingDestination[]>> {
  return read(SERVICE, 'ListPublishingDestinations', region, async () => {
    const out: PublishingDestination[] = [];
    for await (const page of paginateListPublishingDestinations({ client }, { DetectorId: detectorId })) {
      for (const d of page.Destinations ?? []) {
        out.push({
          id: d.DestinationId ?? '',
          type: d.DestinationType ?? 'UNKNOWN',
          status: d.Status ?? 'UNKNOWN',
        });
      }
    }
    return out;
  });
}

/** Two calls, each recorded under its own operation; a failed GetFindings fails the read (ids prove nothing). */
async function readFindings(
  client: GuardDutyClient,
  detectorId: string,
  region: string,
  accountId: string | undefined,
): Promise<Fetched<HighSeverityFindings>> {
  const listed = await read(SERVICE, 'ListFindings', region, async () => {
    const out = await client.send(
      new ListFindingsCommand({
        DetectorId: detectorId,
        FindingCriteria: {
          Criterion: {
            severity: { GreaterThanOrEqual: HIGH_SEVERITY },
            'service.archived': { Equals: ['false'] },
            ...(accountId ? { accountId: { Equals: [accountId] } } : {}),
          },
        },
        SortCriteria: { AttributeName: 'severity', OrderBy: 'DESC' },
        MaxResults: FINDINGS_PAGE,
      }),
    );
    return { ids: out.FindingIds ?? [], truncated: Boolean(out.NextToken) };
  });
  if (!listed.ok) return listed;
  const { ids, truncated } = listed.value;
  if (ids.length === 0) return { ok: true, value: { findings: [], truncated } };
  return read(SERVICE, 'GetFindings', region, async () => {
    const out = await client.send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: ids }));
    return { findings: (out.Findings ?? []).map(findingOf), truncated };
  });
}

/** What a finding is and where; its service details (IPs, actions) are left out. */
function findingOf(f: Finding): GuardDutyFinding {
  const lambda = f.Resource?.LambdaDetails;
  return {
    id: f.Id ?? '',
    type: f.Type ?? '',
    severity: f.Severity ?? 0,
    title: f.Title ?? '',
    resourceType: f.Resource?.ResourceType ?? 'Unknown',
    lambdaFunction: lambda?.FunctionName
      ? { name: lambda.FunctionName, arn: lambda.FunctionArn ?? null }
      : null,
    sample: isSample(f.Service?.AdditionalInfo?.Value),
    updatedAt: awsDateToIso(f.UpdatedAt),
  };
}

/** Sample findings (CreateSampleFindings) carry {"sample": true} in Service.AdditionalInfo.Value. */
function isSample(value: string | undefined): boolean {
  if (!value) return false;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && (parsed as { sample?: unknown }).sample === true;
  } catch {
    return false;
  }
}
