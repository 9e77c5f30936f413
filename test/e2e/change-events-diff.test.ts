/**
 * A nightly job's question, end to end: the built CLI scans the simulated account with
 * --changes-since, and `diff` compares two states of that inventory in which one function is
 * changed by the root user — once in the older, again in the newer. The function's
 * lambda.changed-by-root finding has one id in both; the second change must still be new (and trip
 * --fail-on-new), not "unchanged". The same inventory against itself is unchanged.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { FunctionChangeEvent, Inventory } from '../../src/inventory/schema.js';
import type { ChangesSection } from '../../src/report/schema.js';
import { type Simulator, startSimulator } from '../sim/server.js';
import { runCli, scanSim, scratch } from './sim-harness.js';

describe('findings made of events, diffed (built CLI, simulated account)', () => {
  const tmp = scratch('change-events');
  let sim: Simulator;
  let older: string;
  let newer: string;
  let functionName: string;

  before(async () => {
    sim = await startSimulator({
      timeScale: 10,
      generate: { seed: 21, regions: ['us-east-1'], functionsPerRegion: 6, users: 2 },
    });
    const scan = await scanSim(sim.url, tmp.dir('scan'), {
      args: ['--changes-since', '7d', '--fail-on', 'none'],
    });
    assert.ok(scan.code === 0 || scan.code === 3, scan.stderr);
    const inv = scan.inventory();
    const review = inv.scan.changeReview;
    const region = inv.regions['us-east-1'];
    assert.ok(review && region?.cloudtrail?.status === 'ok' && region.lambda.status === 'ok');
    const fn = region.lambda.data.functions.find((f) =>
      region.cloudtrail?.status === 'ok'
        ? !region.cloudtrail.data.lambdaChanges.some(
            (e) => e.functionName === f.name && e.identityType === 'Root',
          )
        : false,
    );
    assert.ok(fn, 'a function the root user did not change');
    functionName = fn.name;
    const end = Date.parse(review.endTime);
    const rootChange = (hoursBefore: number): FunctionChangeEvent => ({
      eventId: `root-change-${hoursBefore}`,
      eventTime: new Date(end - hoursBefore * 3_600_000).toISOString(),
      eventName: 'UpdateFunctionCode20150331v2',
      functionName: fn.name,
      principalArn: `arn:aws:iam::${inv.scan.accountId}:root`,
      identityType: 'Root',
      sessionIssuerArn: null,
      mfaAuthenticated: true,
      sourceIpAddress: '198.51.100.7',
      userAgent: 'AWS Internal',
      errorCode: null,
    });
    const withEvents = (events: FunctionChangeEvent[]): string => {
      const copy = structuredClone(inv) as Inventory;
      const ct = copy.regions['us-east-1']?.cloudtrail;
      if (ct?.status === 'ok') ct.data.lambdaChanges = [...events, ...ct.data.lambdaChanges];
      const path = tmp.dir(`inventory-${events.length}.json`);
      writeFileSync(path, JSON.stringify(copy));
      return path;
    };
    older = withEvents([rootChange(30)]);
    newer = withEvents([rootChange(2), rootChange(30)]);
  });
  after(async () => {
    await sim.stop();
    tmp.cleanup();
  });

  it('a second root change to a function already failing is a new finding and trips --fail-on-new', async () => {
    const json = await runCli(['diff', older, newer, '--json']);
    assert.equal(json.code, 0, json.stderr);
    const changes = JSON.parse(json.stdout) as ChangesSection;
    const root = changes.new.filter((f) => f.checkId === 'lambda.changed-by-root');
    assert.equal(root.length, 1);
    assert.equal(root[0]?.resource.name, functionName);
    assert.equal(root[0]?.previously, 'fail');
    assert.equal(root[0]?.newOccurrences, 1);
    const gated = await runCli(['diff', older, newer, '--fail-on-new', 'critical']);
    assert.equal(gated.code, 1, `${gated.stdout}\n${gated.stderr}`);
    assert.match(
      gated.stdout,
      /NEW critical +lambda\.changed-by-root +finding [0-9a-f]{32} \(was failing; 1 new event\(s\)\)/,
    );
  });

  it('the same events on both sides are unchanged', async () => {
    const json = await runCli(['diff', newer, newer, '--json']);
    assert.equal(json.code, 0, json.stderr);
    const changes = JSON.parse(json.stdout) as ChangesSection;
    assert.equal(changes.counts.new, 0);
    assert.ok(changes.counts.unchanged >= 1);
  });
});
