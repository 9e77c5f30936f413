import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsSession } from '../../src/aws/clients.js';
import {
  collectCloudTrailRegion,
  functionNameOf,
  isChangeEvent,
  LOOKUP_PAGE,
} from '../../src/collect/cloudtrail.js';
import { CloudTrailRegion, slice } from '../../src/inventory/schema.js';
import { awsError, testSession } from './helpers.js';

const REGION = 'eu-west-1';
const SECRET = 'sk_live_51HPLANTEDsecretVALUEnever0kept';
const ctMock = mockClient(CloudTrailClient);
let session: AwsSession;
const window = {
  startTime: new Date('2026-10-25T12:00:00.000Z'),
  endTime: new Date('2026-11-01T12:00:00.000Z'),
};

function event(name: string, record: Record<string, unknown>, time = '2026-10-30T09:00:00Z') {
  return {
    EventId: `id-${name}`,
    EventName: name,
    EventTime: new Date(time),
    EventSource: 'lambda.amazonaws.com',
    Resources: [{ ResourceType: 'AWS::Lambda::Function', ResourceName: 'api' }],
    CloudTrailEvent: JSON.stringify({ eventName: name, eventTime: time, ...record }),
  };
}

const userIdentity = {
  type: 'IAMUser',
  arn: 'arn:aws:iam::123456789012:user/alice',
  accessKeyId: 'AKIAEXAMPLE',
  userName: 'alice',
};

async function collect() {
  const result = await collectCloudTrailRegion(session, REGION, window);
  slice(CloudTrailRegion).parse(result);
  return result;
}

describe('collectCloudTrailRegion', () => {
  beforeEach(() => {
    ctMock.reset();
    session = testSession();
  });
  afterEach(() => session.destroy());

  it('asks for Lambda events in the window, 50 a page, and follows NextToken', async () => {
    ctMock
      .on(LookupEventsCommand)
      .resolvesOnce({
        Events: [event('UpdateFunctionCode20150331v2', { userIdentity, sourceIPAddress: '198.51.100.1' })],
        NextToken: 't2',
      })
      .resolvesOnce({ Events: [event('GetFunction20150331v2', { userIdentity })] });
    const result = await collect();
    const calls = ctMock.commandCalls(LookupEventsCommand).map((c) => c.args[0].input);
    assert.equal(calls.length, 2);
    assert.deepEqual(calls[0]?.LookupAttributes, [
      { AttributeKey: 'EventSource', AttributeValue: 'lambda.amazonaws.com' },
    ]);
    assert.deepEqual([calls[0]?.StartTime, calls[0]?.EndTime], [window.startTime, window.endTime]);
    assert.equal(calls[0]?.MaxResults, LOOKUP_PAGE);
    assert.equal(calls[1]?.NextToken, 't2');
    assert.equal(result.status, 'ok');
    if (result.status !== 'ok') return;
    // The read-only GetFunction is dropped.
    assert.deepEqual(
      result.data.lambdaChanges.map((e) => e.eventName),
      ['UpdateFunctionCode20150331v2'],
    );
  });

  it('keeps only the allow-listed fields: a secret in requestParameters.environment or responseElements never survives', async () => {
    ctMock.on(LookupEventsCommand).resolves({
      Events: [
        event('UpdateFunctionConfiguration20150331v2', {
          userIdentity,
          sourceIPAddress: '203.0.113.9',
          userAgent: 'aws-cli/2.15.0',
          requestParameters: {
            functionName: 'arn:aws:lambda:eu-west-1:123456789012:function:api:live',
            environment: { variables: { STRIPE_KEY: SECRET } },
          },
          responseElements: { environment: { variables: { STRIPE_KEY: SECRET } } },
          additionalEventData: { note: SECRET },
        }),
      ],
    });
    const result = await collect();
    assert.ok(!JSON.stringify(result).includes(SECRET));
    assert.ok(!JSON.stringify(result).includes('STRIPE_KEY'));
    assert.deepEqual(result.status === 'ok' ? result.data.lambdaChanges : null, [
      {
        eventTime: '2026-10-30T09:00:00.000Z',
        eventName: 'UpdateFunctionConfiguration20150331v2',
        functionName: 'api',
        principalArn: 'arn:aws:iam::123456789012:user/alice',
        identityType: 'IAMUser',
        sessionIssuerArn: null,
        mfaAuthenticated: null,
        sourceIpAddress: '203.0.113.9',
        userAgent: 'aws-cli/2.15.0',
        errorCode: null,
        eventId: 'id-UpdateFunctionConfiguration20150331v2',
      },
    ]);
  });

  it('keeps CloudTrail’s eventID, from the record itself when it has one', async () => {
    ctMock.on(LookupEventsCommand).resolves({
      Events: [
        event('UpdateFunctionCode20150331v2', { userIdentity, eventID: 'from-the-record' }),
        { ...event('UpdateFunctionCode20150331v2', { userIdentity }), EventId: undefined },
      ],
    });
    const result = await collect();
    assert.deepEqual(result.status === 'ok' ? result.data.lambdaChanges.map((e) => e.eventId) : null, [
      'from-the-record',
      undefined,
    ]);
  });

  it('keeps the session issuer and MFA flag of an assumed role, the error code, and AddPermission’s principal only', async () => {
    ctMock.on(LookupEventsCommand).resolves({
      Events: [
        event('AddPermission20150331v2', {
          userIdentity: {
            type: 'AssumedRole',
            arn: 'arn:aws:sts::123456789012:assumed-role/ci/run',
            sessionContext: {
              sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::123456789012:role/ci' },
              attributes: { mfaAuthenticated: 'false' },
            },
          },
          errorCode: 'AccessDenied',
          requestParameters: { functionName: 'api', principal: '*', statementId: 'x', sourceArn: SECRET },
        }),
      ],
    });
    const result = await collect();
    assert.ok(!JSON.stringify(result).includes(SECRET));
    const [e] = result.status === 'ok' ? result.data.lambdaChanges : [];
    assert.equal(e?.sessionIssuerArn, 'arn:aws:iam::123456789012:role/ci');
    assert.equal(e?.mfaAuthenticated, false);
    assert.equal(e?.errorCode, 'AccessDenied');
    assert.equal(e?.permissionPrincipal, '*');
  });

  it('counts an event whose CloudTrailEvent is not JSON, without crashing or keeping it', async () => {
    ctMock.on(LookupEventsCommand).resolves({
      Events: [{ ...event('UpdateFunctionCode20150331v2', {}), CloudTrailEvent: '{not json' }],
    });
    const result = await collect();
    assert.deepEqual(result, { status: 'ok', data: { lambdaChanges: [], unparsedEvents: 1 } });
  });

  it('a denied LookupEvents is an error slice (unknown), never "no changes"', async () => {
    ctMock.on(LookupEventsCommand).rejects(awsError('AccessDeniedException', 400));
    const result = await collect();
    assert.equal(result.status, 'error');
    if (result.status === 'error') {
      assert.equal(result.error.class, 'access-denied');
      assert.equal(result.error.operation, 'LookupEvents');
      assert.equal(result.error.region, REGION);
    }
  });
});

describe('isChangeEvent and functionNameOf', () => {
  it('matches event names by prefix, API version suffixes included', () => {
    assert.ok(isChangeEvent('UpdateFunctionCode20150331v2'));
    assert.ok(isChangeEvent('PutFunctionConcurrency20171031'));
    assert.ok(isChangeEvent('CreateFunctionUrlConfig'));
    assert.ok(!isChangeEvent('GetFunction20150331v2'));
    assert.ok(!isChangeEvent('ListFunctions20150331'));
    assert.ok(!isChangeEvent('Invoke'));
  });

  it('takes the bare name from a name, a partial or full ARN, with or without a qualifier', () => {
    assert.equal(functionNameOf('api', []), 'api');
    assert.equal(functionNameOf('api:live', []), 'api');
    assert.equal(functionNameOf('123456789012:function:api', []), 'api');
    assert.equal(functionNameOf('arn:aws:lambda:eu-west-1:123456789012:function:api:3', []), 'api');
    assert.equal(
      functionNameOf(undefined, [{ ResourceType: 'AWS::Lambda::Function', ResourceName: 'worker' }]),
      'worker',
    );
    assert.equal(functionNameOf({ not: 'a string' }, []), null);
    assert.equal(functionNameOf('bad name with spaces', []), null);
  });
});
