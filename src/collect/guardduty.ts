/**
 * GuardDuty, one region: every detector with its status and protection features (Lambda
 * Protection is the LAMBDA_NETWORK_LOGS feature). Call plan: ListDetectors (all pages), then
 * GetDetector per detector — in practice one per region.
 */
import {
  type DataSourceConfigurationsResult,
  GetDetectorCommand,
  type GetDetectorCommandOutput,
  paginateListDetectors,
} from '@aws-sdk/client-guardduty';
import type { AwsSession } from '../aws/clients.js';
import { classifyError } from '../aws/errors.js';
import type { GuardDutyDetector, GuardDutyRegion, Slice } from '../inventory/schema.js';
import { isAbort, read } from './read.js';

const SERVICE = 'guardduty';

export async function collectGuardDutyRegion(
  session: Pick<AwsSession, 'guardduty'>,
  region: string,
): Promise<Slice<GuardDutyRegion>> {
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
        const out = await client.send(new GetDetectorCommand({ DetectorId: id }));
        return { id, status: out.Status ?? 'UNKNOWN', features: features(out), readError: null };
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
