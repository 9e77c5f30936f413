import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  type BaseConfigurationItem,
  BatchGetResourceConfigCommand,
  ConfigServiceClient,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsSession } from '../../src/aws/clients.js';
import {
  type ConfigAnswer,
  ConfigPolicies,
  DAILY_MAX_AGE_MS,
  judgeItem,
  judgeRecorder,
} from '../../src/collect/config-policies.js';
import { awsError, testSession } from './helpers.js';

const REGION = 'eu-west-1';
const NOW = Date.parse('2026-11-25T12:00:00Z');
const LAST_MODIFIED = '2026-11-20T08:00:00.000Z';
const POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: '*' }],
};

function ci(
  name: string,
  over: Partial<BaseConfigurationItem> = {},
  revisionId = `rev-${name}`,
): BaseConfigurationItem {
  return {
    resourceType: 'AWS::Lambda::Function',
    resourceId: name,
    configurationItemStatus: 'OK',
    configurationItemCaptureTime: new Date('2026-11-20T08:05:00Z'),
    // A real item's configuration also holds the environment variables: never read beyond revisionId.
    configuration: JSON.stringify({
      functionName: name,
      revisionId,
      environment: { variables: { TOKEN: 'x' } },
    }),
    supplementaryConfiguration: { Policy: JSON.stringify(POLICY) },
    ...over,
  };
}
const listed = (name: string) => ({ revisionId: `rev-${name}`, lastModified: LAST_MODIFIED });
const reason = (a: ConfigAnswer) => (a.from === 'lambda' ? a.reason : '');

describe('judgeItem: when a configuration item may stand in for GetPolicy', () => {
  it('takes a fresh item: its policy, capture time and frequency', () => {
    const a = judgeItem(ci('f'), listed('f'), 'CONTINUOUS', NOW);
    assert.equal(a.from, 'config');
    if (a.from !== 'config') return;
    assert.equal(a.policy?.parsed, true);
    assert.deepEqual(a.source, {
      from: 'config',
      capturedAt: '2026-11-20T08:05:00.000Z',
      recordingFrequency: 'CONTINUOUS',
    });
    assert.doesNotMatch(JSON.stringify(a), /TOKEN/);
  });

  it('reads "no Policy key" as no policy (confirmed none, like ResourceNotFoundException)', () => {
    const a = judgeItem(ci('f', { supplementaryConfiguration: {} }), listed('f'), 'CONTINUOUS', NOW);
    assert.equal(a.from === 'config' && a.policy, null);
  });

  it('near miss: same LastModified, but AddPermission since the capture changed the RevisionId → live', () => {
    const a = judgeItem(ci('f', {}, 'rev-before-add-permission'), listed('f'), 'CONTINUOUS', NOW);
    assert.equal(a.from, 'lambda');
    assert.match(reason(a), /RevisionId differs/);
  });

  it('captured before LastModified → live', () => {
    const a = judgeItem(
      ci('f', { configurationItemCaptureTime: new Date('2026-11-20T07:00:00Z') }),
      listed('f'),
      'CONTINUOUS',
      NOW,
    );
    assert.match(reason(a), /captured before LastModified/);
  });

  it('daily recording: within 26 hours taken, older → live; continuous has no age bound', () => {
    const captured = new Date(NOW - DAILY_MAX_AGE_MS + 60_000);
    const fresh = judgeItem(ci('f', { configurationItemCaptureTime: captured }), listed('f'), 'DAILY', NOW);
    assert.equal(fresh.from, 'config');
    const old = new Date(NOW - DAILY_MAX_AGE_MS - 60_000);
    assert.match(
      reason(judgeItem(ci('f', { configurationItemCaptureTime: old }), listed('f'), 'DAILY', NOW)),
      /older than 26 hours/,
    );
    assert.equal(
      judgeItem(ci('f', { configurationItemCaptureTime: old }), listed('f'), 'CONTINUOUS', NOW).from,
      'config',
    );
  });

  it('statuses other than OK and ResourceDiscovered, no RevisionId, bad JSON → live, never a guess', () => {
    for (const status of ['ResourceNotRecorded', 'ResourceDeleted', 'ResourceDeletedNotRecorded'] as const)
      assert.match(
        reason(judgeItem(ci('f', { configurationItemStatus: status }), listed('f'), 'CONTINUOUS', NOW)),
        new RegExp(status),
      );
    assert.equal(
      judgeItem(ci('f', { configurationItemStatus: 'ResourceDiscovered' }), listed('f'), 'CONTINUOUS', NOW)
        .from,
      'config',
    );
    assert.match(
      reason(judgeItem(ci('f'), { revisionId: null, lastModified: LAST_MODIFIED }, 'CONTINUOUS', NOW)),
      /no RevisionId/,
    );
    assert.match(
      reason(judgeItem(ci('f', { configuration: '{not json' }), listed('f'), 'CONTINUOUS', NOW)),
      /not JSON/,
    );
    assert.match(
      reason(
        judgeItem(
          ci('f', { supplementaryConfiguration: { Policy: '{"Statement":' } }),
          listed('f'),
          'CONTINUOUS',
          NOW,
        ),
      ),
      /does not parse/,
    );
    assert.match(
      reason(judgeItem(ci('f', { configurationItemCaptureTime: undefined }), listed('f'), 'CONTINUOUS', NOW)),
      /no capture time/,
    );
  });
});

describe('judgeRecorder: refuses the fast path unless the recorder records Lambda and works', () => {
  const status = [{ name: 'default', recording: true, lastStatus: 'Success' }];
  const all = { name: 'default', recordingGroup: { allSupported: true } };

  it('accepts allSupported, an inclusion list with Lambda, and an exclusion list without it; reads the override', () => {
    assert.equal(judgeRecorder([all], status, REGION).refusal, null);
    const inclusion = {
      name: 'default',
      recordingGroup: {
        allSupported: false,
        resourceTypes: ['AWS::Lambda::Function'],
        recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
      },
    };
    assert.equal(judgeRecorder([inclusion], status, REGION).refusal, null);
    const daily = {
      ...all,
      recordingMode: {
        recordingFrequency: 'CONTINUOUS',
        recordingModeOverrides: [{ resourceTypes: ['AWS::Lambda::Function'], recordingFrequency: 'DAILY' }],
      },
    };
    assert.equal(judgeRecorder([daily], status, REGION).recorder?.lambdaFrequency, 'DAILY');
  });

  it('refuses: no recorder, Lambda excluded or not included, not recording, last status Failure', () => {
    assert.match(judgeRecorder([], [], REGION).refusal ?? '', /no configuration recorder in eu-west-1/);
    const excluded = {
      name: 'default',
      recordingGroup: {
        allSupported: false,
        exclusionByResourceTypes: { resourceTypes: ['AWS::Lambda::Function'] },
        recordingStrategy: { useOnly: 'EXCLUSION_BY_RESOURCE_TYPES' },
      },
    };
    assert.match(
      judgeRecorder([excluded], status, REGION).refusal ?? '',
      /does not record AWS::Lambda::Function/,
    );
    const other = {
      name: 'default',
      recordingGroup: { allSupported: false, resourceTypes: ['AWS::S3::Bucket'] },
    };
    assert.match(judgeRecorder([other], status, REGION).refusal ?? '', /does not record/);
    assert.match(
      judgeRecorder([all], [{ ...status[0], recording: false }], REGION).refusal ?? '',
      /not recording/,
    );
    assert.match(
      judgeRecorder([all], [{ ...status[0], lastStatus: 'Failure' }], REGION).refusal ?? '',
      /failed its last recording/,
    );
  });
});

describe('ConfigPolicies: batches, unprocessed keys and failures (SDK mocked)', () => {
  const mock = mockClient(ConfigServiceClient);
  let session: AwsSession;
  beforeEach(() => {
    mock.reset();
    session = testSession();
    mock
      .on(DescribeConfigurationRecordersCommand)
      .resolves({ ConfigurationRecorders: [{ name: 'default', recordingGroup: { allSupported: true } }] });
    mock.on(DescribeConfigurationRecorderStatusCommand).resolves({
      ConfigurationRecordersStatus: [{ name: 'default', recording: true, lastStatus: 'Success' }],
    });
  });
  afterEach(() => session.destroy());

  const fn = (name: string) => ({
    FunctionName: name,
    RevisionId: `rev-${name}`,
    LastModified: '2026-11-20T08:00:00.000+0000',
  });

  it('asks for 100 keys a call, as the listing names the functions, and the rest when it ends', async () => {
    mock.on(BatchGetResourceConfigCommand).callsFake((input: { resourceKeys: { resourceId: string }[] }) => ({
      baseConfigurationItems: input.resourceKeys.map((k) => ci(k.resourceId)),
    }));
    const source = new ConfigPolicies(session.config(REGION), REGION, NOW);
    const answers = Array.from({ length: 230 }, (_, i) => source.request(fn(`f${i}`)));
    source.listingDone();
    const all = await Promise.all(answers);
    assert.ok(all.every((a) => a.from === 'config'));
    const sizes = mock
      .commandCalls(BatchGetResourceConfigCommand)
      .map((c) => c.args[0].input.resourceKeys?.length);
    assert.deepEqual(sizes, [100, 100, 30]);
  });

  it('asks an unprocessed key again once; still unprocessed → Lambda; absent → Lambda', async () => {
    let call = 0;
    mock.on(BatchGetResourceConfigCommand).callsFake((input: { resourceKeys: { resourceId: string }[] }) => {
      call += 1;
      const ids = input.resourceKeys.map((k) => k.resourceId);
      const unprocessed = ids.filter((id) => id === 'never' || (id === 'once' && call === 1));
      return {
        baseConfigurationItems: ids
          .filter((id) => id !== 'absent' && !unprocessed.includes(id))
          .map((id) => ci(id)),
        unprocessedResourceKeys: unprocessed.map((id) => ({
          resourceType: 'AWS::Lambda::Function',
          resourceId: id,
        })),
      };
    });
    const source = new ConfigPolicies(session.config(REGION), REGION, NOW);
    const [once, never, absent] = ['once', 'never', 'absent'].map((n) => source.request(fn(n)));
    source.listingDone();
    assert.equal((await once)?.from, 'config');
    assert.match(reason((await never) as ConfigAnswer), /unprocessed twice/);
    assert.match(reason((await absent) as ConfigAnswer), /no configuration item/);
    assert.equal(mock.commandCalls(BatchGetResourceConfigCommand).length, 2);
  });

  it('a failed batch sends its functions to Lambda with the error; a failed recorder read refuses the region', async () => {
    mock.on(BatchGetResourceConfigCommand).rejects(awsError('AccessDeniedException', 400));
    const source = new ConfigPolicies(session.config(REGION), REGION, NOW);
    const a = source.request(fn('f'));
    source.listingDone();
    assert.match(reason(await a), /config:BatchGetResourceConfig failed \(access-denied/);

    mock.on(DescribeConfigurationRecordersCommand).rejects(awsError('AccessDeniedException', 400));
    const refused = new ConfigPolicies(session.config(REGION), REGION, NOW);
    const b = refused.request(fn('g'));
    refused.listingDone();
    assert.match(
      reason(await b),
      /AWS Config could not be asked: config:DescribeConfigurationRecorders failed/,
    );
    assert.match((await refused.recorder()).refusal ?? '', /could not be asked/);
  });
});
