import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { GetDetectorCommand, GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsSession } from '../../src/aws/clients.js';
import { collectGuardDutyRegion } from '../../src/collect/guardduty.js';
import { GuardDutyRegion, slice } from '../../src/inventory/schema.js';
import { awsError, testSession } from './helpers.js';

const REGION = 'eu-central-1';
const gdMock = mockClient(GuardDutyClient);
let session: AwsSession;

async function collect() {
  const result = await collectGuardDutyRegion(session, REGION);
  slice(GuardDutyRegion).parse(result);
  return result;
}

describe('collectGuardDutyRegion', () => {
  beforeEach(() => {
    gdMock.reset();
    session = testSession();
  });
  afterEach(() => session.destroy());

  it('reads each detector with its features', async () => {
    gdMock.on(ListDetectorsCommand).resolves({ DetectorIds: ['d1'] });
    gdMock.on(GetDetectorCommand).resolves({
      ServiceRole: 'r',
      Status: 'ENABLED',
      Features: [
        { Name: 'CLOUD_TRAIL', Status: 'ENABLED' },
        { Name: 'LAMBDA_NETWORK_LOGS', Status: 'DISABLED' },
      ],
      // Features win over the legacy view when both are present.
      DataSources: {
        CloudTrail: { Status: 'DISABLED' },
        DNSLogs: { Status: 'ENABLED' },
        FlowLogs: { Status: 'ENABLED' },
        S3Logs: { Status: 'ENABLED' },
      },
    });
    assert.deepEqual(await collect(), {
      status: 'ok',
      data: {
        detectors: [
          {
            id: 'd1',
            status: 'ENABLED',
            features: [
              { name: 'CLOUD_TRAIL', status: 'ENABLED' },
              { name: 'LAMBDA_NETWORK_LOGS', status: 'DISABLED' },
            ],
            readError: null,
          },
        ],
      },
    });
  });

  it('falls back to the legacy DataSources when Features is absent', async () => {
    gdMock.on(ListDetectorsCommand).resolves({ DetectorIds: ['d1'] });
    gdMock.on(GetDetectorCommand).resolves({
      ServiceRole: 'r',
      Status: 'ENABLED',
      DataSources: {
        CloudTrail: { Status: 'ENABLED' },
        DNSLogs: { Status: 'ENABLED' },
        FlowLogs: { Status: 'ENABLED' },
        S3Logs: { Status: 'DISABLED' },
        Kubernetes: { AuditLogs: { Status: 'DISABLED' } },
        MalwareProtection: { ScanEc2InstanceWithFindings: { EbsVolumes: { Status: 'ENABLED' } } },
      },
    });
    const result = await collect();
    assert.ok(result.status === 'ok');
    assert.deepEqual(result.data.detectors[0]?.features, [
      { name: 'CLOUD_TRAIL', status: 'ENABLED' },
      { name: 'DNS_LOGS', status: 'ENABLED' },
      { name: 'FLOW_LOGS', status: 'ENABLED' },
      { name: 'S3_DATA_EVENTS', status: 'DISABLED' },
      { name: 'EKS_AUDIT_LOGS', status: 'DISABLED' },
      { name: 'EBS_MALWARE_PROTECTION', status: 'ENABLED' },
    ]);
    // No legacy source for Lambda Protection: it stays absent, never "DISABLED" by guess.
    assert.ok(!result.data.detectors[0]?.features.some((f) => f.name === 'LAMBDA_NETWORK_LOGS'));
  });

  it('keeps a detector whose GetDetector failed, with the error', async () => {
    gdMock.on(ListDetectorsCommand).resolves({ DetectorIds: ['d1', 'd2'] });
    gdMock
      .on(GetDetectorCommand, { DetectorId: 'd1' })
      .resolves({ ServiceRole: 'r', Status: 'ENABLED', Features: [] });
    gdMock.on(GetDetectorCommand, { DetectorId: 'd2' }).rejects(awsError('AccessDeniedException', 403));
    const result = await collect();
    assert.ok(result.status === 'ok');
    const [d1, d2] = result.data.detectors;
    assert.equal(d1?.readError, null);
    assert.equal(d2?.id, 'd2');
    assert.equal(d2?.status, 'UNKNOWN');
    assert.equal(d2?.readError?.class, 'access-denied');
    assert.equal(d2?.readError?.operation, 'GetDetector');
    assert.equal(d2?.readError?.region, REGION);
  });

  it('reads every page of ListDetectors', async () => {
    gdMock
      .on(ListDetectorsCommand)
      .resolvesOnce({ DetectorIds: ['d1'], NextToken: 't' })
      .resolvesOnce({ DetectorIds: ['d2'] });
    gdMock.on(GetDetectorCommand).resolves({ ServiceRole: 'r', Status: 'ENABLED' });
    const result = await collect();
    assert.ok(result.status === 'ok');
    assert.deepEqual(
      result.data.detectors.map((d) => d.id),
      ['d1', 'd2'],
    );
  });

  it('records no detector as an empty ok list (confirmed none)', async () => {
    gdMock.on(ListDetectorsCommand).resolves({ DetectorIds: [] });
    assert.deepEqual(await collect(), { status: 'ok', data: { detectors: [] } });
    assert.equal(gdMock.commandCalls(GetDetectorCommand).length, 0);
  });

  it('turns a failed ListDetectors into a region error', async () => {
    gdMock
      .on(ListDetectorsCommand)
      .rejects(
        awsError('UnrecognizedClientException', 403, 'The security token included in the request is invalid'),
      );
    const result = await collect();
    assert.ok(result.status === 'error');
    assert.equal(result.error.operation, 'ListDetectors');
    assert.equal(result.error.service, 'guardduty');
  });
});
