/**
 * The simulator's CloudTrail over the wire, through the real SDK client: LookupEvents in
 * awsJson1_1, newest first, 50 a page with NextToken, the window and the one lookup attribute
 * applied, the API's errors, and the 2 requests/s quota (ThrottlingException, retried by the SDK).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CloudTrailClient, LookupEventsCommand, paginateLookupEvents } from '@aws-sdk/client-cloudtrail';
import type { SimAccount } from './account.js';
import { type Simulator, startSimulator } from './server.js';

const credentials = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'sim' };
const R1 = 'us-east-1';
const NOW = '2026-11-01T12:00:00.000Z';
const GENERATE = { seed: 9, regions: [R1], functionsPerRegion: 12, users: 1, now: NOW };

describe('simulated CloudTrail LookupEvents', () => {
  let sim: Simulator;
  let account: SimAccount;
  const client = () => new CloudTrailClient({ region: R1, endpoint: sim.url, credentials, maxAttempts: 5 });
  before(async () => {
    sim = await startSimulator({ generate: GENERATE, quotas: false });
    account = sim.account;
  });
  after(() => sim.stop());

  it('pages the Lambda events of the window, newest first, 50 at a time', async () => {
    const all = account.cloudtrail?.[R1] ?? [];
    const start = new Date(Date.parse(NOW) - 7 * 86_400_000);
    const end = new Date(NOW);
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateLookupEvents(
      { client: client(), pageSize: 50 },
      {
        LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'lambda.amazonaws.com' }],
        StartTime: start,
        EndTime: end,
        MaxResults: 50,
      },
    )) {
      pages++;
      assert.ok((page.Events?.length ?? 0) <= 50);
      for (const e of page.Events ?? []) {
        names.push(e.EventName ?? '');
        assert.ok(e.EventTime instanceof Date && e.EventTime >= start && e.EventTime <= end);
        assert.equal(typeof JSON.parse(e.CloudTrailEvent ?? '').userIdentity, 'object');
      }
    }
    const inWindow = all.filter((e) => Date.parse(e.eventTime) >= start.getTime());
    assert.ok(pages >= 2, 'more than one page');
    assert.equal(names.length, inWindow.length);
    assert.ok(inWindow.length < all.length, 'an older event is left out by StartTime');
  });

  it('answers the documented errors', async () => {
    await assert.rejects(client().send(new LookupEventsCommand({ MaxResults: 51 })), {
      name: 'InvalidMaxResultsException',
    });
    await assert.rejects(
      client().send(new LookupEventsCommand({ StartTime: new Date(NOW), EndTime: new Date(0) })),
      { name: 'InvalidTimeRangeException' },
    );
    await assert.rejects(client().send(new LookupEventsCommand({ NextToken: 'garbage' })), {
      name: 'InvalidNextTokenException',
    });
  });
});

describe('simulated CloudTrail quota', () => {
  it('throttles LookupEvents beyond 2/s with ThrottlingException, which the SDK retries', async () => {
    const sim = await startSimulator({ generate: GENERATE });
    try {
      const c = new CloudTrailClient({ region: R1, endpoint: sim.url, credentials, maxAttempts: 10 });
      await Promise.all(Array.from({ length: 5 }, () => c.send(new LookupEventsCommand({ MaxResults: 1 }))));
      const throttled = sim.callLog.filter((r) => r.throttled);
      assert.ok(throttled.length > 0, 'a burst of 5 exceeds the 2-token bucket');
      assert.ok(throttled.every((r) => r.status === 400 && r.action === 'LookupEvents'));
    } finally {
      await sim.stop();
    }
  });
});
