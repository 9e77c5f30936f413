import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  GetDetectorCommand,
  GetFindingsCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  ListFindingsCommand,
  ListPublishingDestinationsCommand,
} from '@aws-sdk/client-guardduty';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsSession } from '../../src/aws/clients.js';
import { collectGuardDutyRegion, FINDINGS_PAGE, HIGH_SEVERITY } from '../../src/collect/guardduty.js';
import { ReadPlan } from '../../src/inventory/reads.js';
import { GuardDutyRegion, slice } from '../../src/inventory/schema.js';
import { awsError, testSession } from './helpers.js';

const REGION = 'eu-central-1';
const gdMock = mockClient(GuardDutyClient);
let session: AwsSession;

/** The detector read alone (the per-detector reads have their own tests below). */
async function collect(plan = new ReadPlan(['guardduty.detectors'])) {
  const result = await collectGuardDutyRegion(session, REGION, { plan, accountId: '123456789012' });
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

  describe('per-detector reads (publishing destinations, high-severity findings)', () => {
    const full = () => collect(ReadPlan.all());
    beforeEach(() => {
      gdMock.on(ListDetectorsCommand).resolves({ DetectorIds: ['d1'] });
      gdMock.on(GetDetectorCommand).resolves({ ServiceRole: 'r', Status: 'ENABLED', Features: [] });
    });

    it('reads every page of publishing destinations', async () => {
      gdMock
        .on(ListPublishingDestinationsCommand)
        .resolvesOnce({
          Destinations: [{ DestinationId: 'p1', DestinationType: 'S3', Status: 'PUBLISHING' }],
          NextToken: 't',
        })
        .resolvesOnce({ Destinations: [{ DestinationId: 'p2', DestinationType: 'S3', Status: 'STOPPED' }] });
      gdMock.on(ListFindingsCommand).resolves({ FindingIds: [] });
      const result = await full();
      assert.ok(result.status === 'ok');
      assert.deepEqual(result.data.detectors[0]?.publishingDestinations, {
        ok: true,
        value: [
          { id: 'p1', type: 'S3', status: 'PUBLISHING' },
          { id: 'p2', type: 'S3', status: 'STOPPED' },
        ],
      });
    });

    it('asks ListFindings for this account’s unarchived findings of severity ≥ 7 (an administrator also sees its members’), one page, then GetFindings for exactly those ids', async () => {
      gdMock.on(ListPublishingDestinationsCommand).resolves({ Destinations: [] });
      gdMock.on(ListFindingsCommand).resolves({ FindingIds: ['f1', 's1'], NextToken: 'more' });
      gdMock.on(GetFindingsCommand).resolves({
        Findings: [
          {
            Id: 'f1',
            Type: 'Backdoor:Lambda/C&CActivity.B',
            Severity: 8,
            Title: 'C&C',
            Resource: {
              ResourceType: 'Lambda',
              LambdaDetails: { FunctionName: 'orders', FunctionArn: 'arn:fn' },
            },
            Service: { Archived: false },
            UpdatedAt: '2026-11-01T00:00:00.000Z',
          },
          {
            Id: 's1',
            Type: 'Recon:EC2/PortProbeUnprotectedPort',
            Severity: 7.5,
            Title: 'probe',
            Resource: { ResourceType: 'Instance' },
            Service: { AdditionalInfo: { Value: '{"sample":true}', Type: 'default' } },
          },
        ],
      } as never);
      const result = await full();
      assert.ok(result.status === 'ok');
      const input = gdMock.commandCalls(ListFindingsCommand)[0]?.args[0].input;
      assert.deepEqual(input?.FindingCriteria?.Criterion, {
        severity: { GreaterThanOrEqual: HIGH_SEVERITY },
        'service.archived': { Equals: ['false'] },
        accountId: { Equals: ['123456789012'] },
      });
      assert.equal(input?.MaxResults, FINDINGS_PAGE);
      assert.equal(gdMock.commandCalls(ListFindingsCommand).length, 1, 'one page only');
      assert.deepEqual(gdMock.commandCalls(GetFindingsCommand)[0]?.args[0].input.FindingIds, ['f1', 's1']);
      const read = result.data.detectors[0]?.highSeverityFindings;
      assert.ok(read?.ok);
      assert.equal(read.value.truncated, true);
      assert.deepEqual(
        read.value.findings.map((f) => [f.id, f.severity, f.lambdaFunction?.name ?? null, f.sample]),
        [
          ['f1', 8, 'orders', false],
          ['s1', 7.5, null, true],
        ],
      );
    });

    it('makes no GetFindings call when nothing matches', async () => {
      gdMock.on(ListPublishingDestinationsCommand).resolves({ Destinations: [] });
      gdMock.on(ListFindingsCommand).resolves({ FindingIds: [] });
      const result = await full();
      assert.ok(result.status === 'ok');
      assert.deepEqual(result.data.detectors[0]?.highSeverityFindings, {
        ok: true,
        value: { findings: [], truncated: false },
      });
      assert.equal(gdMock.commandCalls(GetFindingsCommand).length, 0);
    });

    it('records a denied sub-read on its own, keeping the detector and its other reads', async () => {
      gdMock.on(ListPublishingDestinationsCommand).rejects(awsError('AccessDeniedException', 403));
      gdMock.on(ListFindingsCommand).resolves({ FindingIds: ['f1'] });
      gdMock.on(GetFindingsCommand).rejects(awsError('AccessDeniedException', 403));
      const result = await full();
      assert.ok(result.status === 'ok');
      const d = result.data.detectors[0];
      assert.equal(d?.readError, null);
      assert.equal(d?.status, 'ENABLED');
      assert.ok(d?.publishingDestinations?.ok === false);
      assert.equal(d.publishingDestinations.error.operation, 'ListPublishingDestinations');
      assert.ok(d.highSeverityFindings?.ok === false);
      assert.equal(d.highSeverityFindings.error.operation, 'GetFindings');
      assert.equal(d.highSeverityFindings.error.class, 'access-denied');
    });

    it('makes neither call when the plan does not read them', async () => {
      await collect();
      assert.equal(gdMock.commandCalls(ListPublishingDestinationsCommand).length, 0);
      assert.equal(gdMock.commandCalls(ListFindingsCommand).length, 0);
    });
  });
});
