import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetDetectorCommand, GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import {
  GetFunctionCommand,
  GetPolicyCommand,
  LambdaClient,
  ListFunctionsCommand,
} from '@aws-sdk/client-lambda';
import { createLimiter, type Limiter, paceRule } from '../../src/aws/limiter.js';
import type { Clock } from '../../src/aws/token-bucket.js';
import {
  deferred,
  type FakeRequest,
  fakeHandler,
  json,
  type Responder,
  restJsonError,
  TEST_CREDENTIALS,
} from './fake-http.js';

function guardduty(limiter: Limiter, respond: Responder, maxAttempts = 3) {
  const client = new GuardDutyClient({
    region: 'eu-west-1',
    credentials: TEST_CREDENTIALS,
    maxAttempts,
    retryMode: 'adaptive',
    requestHandler: fakeHandler(respond),
  });
  limiter.apply(client, { service: 'guardduty', region: 'eu-west-1' });
  return client;
}

function lambda(limiter: Limiter, region: string, respond: Responder) {
  const client = new LambdaClient({
    region,
    credentials: TEST_CREDENTIALS,
    maxAttempts: 1,
    requestHandler: fakeHandler(respond),
  });
  limiter.apply(client, { service: 'lambda', region });
  return client;
}

/** Time stands still; sleeps are recorded (by bucket rate) and resolve at once, or never. */
function recordingClock(hold = false) {
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => 0,
    sleep: (ms) => {
      sleeps.push(Math.round(ms * 100) / 100);
      return hold ? new Promise<void>(() => {}) : Promise.resolve();
    },
  };
  return { clock, sleeps };
}

const noDetectors = () => json({ detectorIds: [] });
const isListDetectors = (r: FakeRequest) => r.path.endsWith('/detector');

describe('limiter middleware', () => {
  it('bounds HTTP attempts in flight across clients to the concurrency', async () => {
    const limiter = createLimiter({ concurrency: 3, rateScale: 1 });
    let inFlight = 0;
    let maxInFlight = 0;
    const respond: Responder = async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return noDetectors();
    };
    const a = guardduty(limiter, respond);
    const b = guardduty(limiter, respond);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).send(new ListDetectorsCommand({}))),
    );
    assert.equal(maxInFlight, 3);
    assert.equal(limiter.stats().apiCalls['guardduty:ListDetectors'], 20);
  });

  it('takes a slot per attempt: a retried request frees its slot while it backs off', async () => {
    const limiter = createLimiter({ concurrency: 1, rateScale: 1 });
    const log: string[] = [];
    let getDetectorAttempts = 0;
    const client = guardduty(limiter, (req) => {
      if (isListDetectors(req)) {
        log.push('ListDetectors');
        return noDetectors();
      }
      getDetectorAttempts++;
      log.push(`GetDetector#${getDetectorAttempts}`);
      return getDetectorAttempts === 1
        ? restJsonError('InternalServerErrorException', 500)
        : json({ serviceRole: 'r', status: 'ENABLED' });
    });
    const first = client.send(new GetDetectorCommand({ DetectorId: 'd1' }));
    const second = client.send(new ListDetectorsCommand({}));
    await Promise.all([first, second]);
    assert.deepEqual(log, ['GetDetector#1', 'ListDetectors', 'GetDetector#2']);
    assert.deepEqual(limiter.stats().apiCalls, { 'guardduty:GetDetector': 2, 'guardduty:ListDetectors': 1 });
    assert.equal(limiter.stats().throttledResponses, 0);
  });

  it('keeps --max-attempts when the SDK retry quota runs dry: no read is lost to a burst of 5xx', async () => {
    // The SDK's retry quota (500 tokens, 14 per 5xx retry) is per client: 60 concurrent sends that
    // each fail once spend it after ~35 retries, and the SDK then fails the rest after a single
    // attempt. A scan sends every per-function read of a region through one client, so without the
    // limiter's resends these reads would be recorded as unknown.
    const limiter = createLimiter({ concurrency: 100, rateScale: 1, maxAttempts: 4 });
    const seen = new Map<string, number>();
    const client = guardduty(
      limiter,
      (req) => {
        const n = (seen.get(req.path) ?? 0) + 1;
        seen.set(req.path, n);
        return n === 1
          ? restJsonError('InternalServerErrorException', 500)
          : json({ serviceRole: 'r', status: 'ENABLED' });
      },
      4,
    );
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) => client.send(new GetDetectorCommand({ DetectorId: `d${i}` }))),
    );
    assert.deepEqual(
      results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason?.name),
      [],
    );
    assert.equal(limiter.stats().apiCalls['guardduty:GetDetector'], 120);
  });

  it('gives up after --max-attempts attempts in all, resends included', async () => {
    const limiter = createLimiter({ concurrency: 100, rateScale: 1, maxAttempts: 3 });
    const client = guardduty(limiter, () => restJsonError('InternalServerErrorException', 500), 3);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => client.send(new GetDetectorCommand({ DetectorId: `d${i}` }))),
    );
    assert.ok(results.every((r) => r.status === 'rejected'));
    assert.equal(limiter.stats().apiCalls['guardduty:GetDetector'], 150);
  });

  it('counts HTTP 429 throttling responses, and every retried attempt', async () => {
    const limiter = createLimiter({ concurrency: 2, rateScale: 1 });
    let n = 0;
    const client = guardduty(limiter, () =>
      ++n === 1 ? restJsonError('TooManyRequestsException', 429) : noDetectors(),
    );
    await client.send(new ListDetectorsCommand({}));
    assert.deepEqual(limiter.stats(), { apiCalls: { 'guardduty:ListDetectors': 2 }, throttledResponses: 1 });
  });

  it('counts throttling by error code when the status is not 429 (EC2 RequestLimitExceeded, 503)', async () => {
    const limiter = createLimiter({ concurrency: 2, rateScale: 1 });
    const ec2 = new EC2Client({
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
      requestHandler: fakeHandler(() => ({
        statusCode: 503,
        headers: { 'content-type': 'text/xml' },
        body: '<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r1</RequestID></Response>',
      })),
    });
    limiter.apply(ec2, { service: 'ec2', region: 'us-east-1' });
    await assert.rejects(ec2.send(new DescribeRegionsCommand({})), { name: 'RequestLimitExceeded' });
    assert.deepEqual(limiter.stats(), { apiCalls: { 'ec2:DescribeRegions': 1 }, throttledResponses: 1 });
  });

  it('does not count other errors as throttling', async () => {
    const limiter = createLimiter({ concurrency: 2, rateScale: 1 });
    const client = guardduty(limiter, () => restJsonError('AccessDeniedException', 403));
    await assert.rejects(client.send(new ListDetectorsCommand({})), { name: 'AccessDeniedException' });
    assert.equal(limiter.stats().throttledResponses, 0);
    assert.equal(limiter.stats().apiCalls['guardduty:ListDetectors'], 1);
  });

  it('paces Lambda per (region, quota bucket) at the published quota × rateScale', async () => {
    const { clock, sleeps } = recordingClock();
    const limiter = createLimiter({ concurrency: 10, rateScale: 1, clock });
    const ok = (req: FakeRequest) =>
      req.path.endsWith('/policy') ? json({ Policy: '{}', RevisionId: 'r' }) : json({ Functions: [] });
    const east = lambda(limiter, 'us-east-1', ok);
    const west = lambda(limiter, 'us-west-2', ok);
    // GetPolicy bucket (15/s): the first goes at once, then one every 66.67 ms.
    for (let i = 0; i < 3; i++) await east.send(new GetPolicyCommand({ FunctionName: 'f' }));
    assert.deepEqual(sleeps, [66.67, 133.33]);
    // Another region has buckets of its own; ListFunctions draws from the shared control bucket.
    await west.send(new GetPolicyCommand({ FunctionName: 'f' }));
    await west.send(new ListFunctionsCommand({}));
    await west.send(new ListFunctionsCommand({}));
    assert.deepEqual(sleeps, [66.67, 133.33, 66.67]);
    assert.deepEqual(limiter.stats().apiCalls, { 'lambda:GetPolicy': 4, 'lambda:ListFunctions': 2 });
  });

  it('scales the pacing rate by rateScale', async () => {
    const { clock, sleeps } = recordingClock();
    const limiter = createLimiter({ concurrency: 10, rateScale: 0.5, clock });
    const client = lambda(limiter, 'us-east-1', () => json({}));
    await client.send(new GetFunctionCommand({ FunctionName: 'f' }));
    await client.send(new GetFunctionCommand({ FunctionName: 'f' }));
    assert.deepEqual(sleeps, [20]); // 100/s × 0.5 = one per 20 ms
  });

  it('waits for pacing before taking a slot, so a paced region never blocks another service', async () => {
    const { clock } = recordingClock(true); // Lambda's second token never comes
    const limiter = createLimiter({ concurrency: 1, rateScale: 1, clock });
    const fn = lambda(limiter, 'us-east-1', () => json({ Functions: [] }));
    await fn.send(new ListFunctionsCommand({}));
    const stuck = fn.send(new ListFunctionsCommand({}));
    stuck.catch(() => {});
    const gd = guardduty(limiter, noDetectors);
    await gd.send(new ListDetectorsCommand({})); // would hang if the waiting Lambda call held the only slot
    assert.equal(limiter.limit.activeCount, 0);
  });

  it('paces IAM and Organizations in one global bucket each and leaves other services unpaced', () => {
    assert.deepEqual(paceRule('iam', 'us-east-1', 'GetAccountAuthorizationDetails'), {
      key: 'iam',
      rate: 10,
    });
    assert.deepEqual(paceRule('lambda', 'eu-west-1', 'ListFunctionUrlConfigs'), {
      key: 'lambda:eu-west-1:control',
      rate: 15,
    });
    assert.deepEqual(paceRule('cloudtrail', 'eu-west-1', 'LookupEvents'), {
      key: 'cloudtrail:eu-west-1:LookupEvents',
      rate: 2,
    });
    // Organizations is global: one bucket whichever region signed the call.
    assert.deepEqual(paceRule('organizations', 'eu-west-1', 'ListPoliciesForTarget'), {
      key: 'organizations',
      rate: 5,
    });
    assert.equal(paceRule('guardduty', 'eu-west-1', 'ListDetectors'), undefined);
    assert.equal(paceRule('sts', 'us-east-1', 'GetCallerIdentity'), undefined);
  });

  it('on abort, rejects in-flight, queued and later sends with ScanAbortedError', async () => {
    const ac = new AbortController();
    const limiter = createLimiter({ concurrency: 1, rateScale: 1, signal: ac.signal });
    const gate = deferred<void>();
    let calls = 0;
    const client = guardduty(limiter, async () => {
      calls++;
      await gate.promise;
      return noDetectors();
    });
    const inFlight = client.send(new ListDetectorsCommand({}));
    const queued = client.send(new ListDetectorsCommand({}));
    await new Promise((r) => setTimeout(r, 10));
    ac.abort();
    await assert.rejects(inFlight, { name: 'ScanAbortedError' });
    await assert.rejects(queued, { name: 'ScanAbortedError' });
    await assert.rejects(client.send(new ListDetectorsCommand({})), { name: 'ScanAbortedError' });
    gate.resolve();
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(calls, 1, 'nothing is sent after the abort');
    limiter.dispose();
  });

  it('rejects a send waiting for a Lambda token when the scan is aborted', async () => {
    const ac = new AbortController();
    const limiter = createLimiter({ concurrency: 5, rateScale: 1, signal: ac.signal });
    const client = lambda(limiter, 'us-east-1', () => json({ Functions: [] }));
    await client.send(new ListFunctionsCommand({}));
    const waiting = client.send(new ListFunctionsCommand({})); // real clock: waits ~67 ms for a token
    ac.abort();
    await assert.rejects(waiting, { name: 'ScanAbortedError' });
  });

  it('rejects invalid options', () => {
    assert.throws(() => createLimiter({ concurrency: 0, rateScale: 1 }), RangeError);
    assert.throws(() => createLimiter({ concurrency: 2, rateScale: 0 }), RangeError);
  });
});
