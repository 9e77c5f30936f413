/**
 * Never hang: every way an endpoint can stop answering ends in bounded time, with what could not
 * be read recorded as a timed-out read and the reports still written. The built CLI against the
 * simulator: the identity call answering headers and stalling the body, one function's GetPolicy
 * stalling once (retried, then answered) or for good (recorded), and a scan that outlives its
 * --timeout.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Report } from '../../src/report/schema.js';
import type { GenerateOptions } from '../sim/account.js';
import { type Simulator, startSimulator } from '../sim/server.js';
import { scanSim, scratch } from './sim-harness.js';

const GENERATE: GenerateOptions = {
  seed: 3,
  regions: ['us-east-1', 'eu-west-1'],
  functionsPerRegion: 10,
  users: 4,
  now: new Date().toISOString(),
};

const timedOutGaps = (r: Report) => r.coverage.filter((g) => g.error.class === 'timed-out');

describe('stalled endpoints and the scan deadline (built CLI, simulated account)', () => {
  const tmp = scratch('timeouts');
  const sims: Simulator[] = [];
  after(async () => {
    await Promise.all(sims.map((s) => s.stop()));
    tmp.cleanup();
  });
  const sim = async (opts: Parameters<typeof startSimulator>[0] = {}) => {
    const s = await startSimulator({ generate: GENERATE, timeScale: 10, ...opts });
    sims.push(s);
    return s;
  };
  /** The first function of us-east-1, whose GetPolicy the tests stall. */
  const victim = (s: Simulator) => {
    const fn = s.account.lambda['us-east-1']?.functions[0];
    assert.ok(fn, 'the account has a function in us-east-1');
    return fn;
  };

  it('an identity call that answers headers and stalls the body fails after the request timeout, naming the endpoint', async () => {
    const s = await sim({ faults: { stalls: [{ service: 'sts', mode: 'headers-then-stall' }] } });
    const started = Date.now();
    const run = await scanSim(s.url, tmp.dir(), { args: ['--request-timeout', '0.5'] });
    assert.equal(run.code, 5, run.stderr);
    assert.match(run.stderr, /did not answer: 3 attempt\(s\) each timed out after 0\.5 s/);
    assert.ok(Date.now() - started < 20_000);
    assert.equal(s.callLog.filter((c) => c.fault === 'stalled').length, 3, 'three attempts, each stalled');
  });

  it('one GetPolicy that stalls once is retried and answered: the scan completes with full coverage', async () => {
    const s = await sim();
    const fn = victim(s);
    s.setFaults({
      stalls: [{ action: 'GetPolicy', path: `%3A${fn.name}/policy`, mode: 'no-response', times: 1 }],
    });
    const run = await scanSim(s.url, tmp.dir(), { args: ['--request-timeout', '1', '--fail-on', 'none'] });
    assert.equal(run.code, 0, run.stderr);
    const report = run.report();
    assert.equal(report.summary.incomplete, false);
    assert.deepEqual(report.coverage, []);
    const attempts = s.callLog.filter((c) => c.action === 'GetPolicy' && c.fault === 'stalled');
    assert.equal(attempts.length, 1, 'the stall happened');
  });

  it('one GetPolicy that stalls for good is recorded as a timed-out read; everything else is read', async () => {
    const s = await sim();
    const fn = victim(s);
    s.setFaults({
      stalls: [{ action: 'GetPolicy', path: `%3A${fn.name}/policy`, mode: 'headers-then-stall' }],
    });
    const started = Date.now();
    const run = await scanSim(s.url, tmp.dir(), {
      args: ['--request-timeout', '0.5', '--max-attempts', '2', '--fail-on', 'none'],
    });
    assert.equal(run.code, 3, run.stderr);
    assert.ok(Date.now() - started < 30_000);
    const report = run.report();
    assert.deepEqual(
      timedOutGaps(report).map((g) => [g.operation, g.resource, g.error.code]),
      [['GetPolicy', fn.arn, 'TimeoutError']],
    );
    assert.equal(report.coverage.length, 1, 'only that one read is missing');
    const r = report.results.find(
      (x) => x.checkId === 'lambda.public-resource-policy' && x.resource.arn === fn.arn,
    );
    assert.equal(r?.status, 'unknown');
    assert.match(r?.message ?? '', /timed-out: TimeoutError/);
  });

  it('a scan that outlives --timeout stops collecting, records what it had not read, and still writes its reports', async () => {
    // eu-west-1 answers after 1.5 s a request (÷ k): far slower than the 2 s deadline allows for.
    const s = await sim({
      timeScale: 1,
      faults: { regionLatency: { 'eu-west-1': { meanMs: 1500, jitterMs: 0 } } },
    });
    const started = Date.now();
    const out = tmp.dir();
    const run = await scanSim(s.url, out, { rateScale: 10, args: ['--timeout', '2s', '--fail-on', 'none'] });
    const elapsed = Date.now() - started;
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, /reached its --timeout \(2 s\): stopping/);
    assert.ok(elapsed < 15_000, `took ${elapsed} ms`);
    assert.ok(existsSync(join(out, 'report.html')));
    const report = run.report();
    assert.equal(report.summary.incomplete, true);
    const gaps = timedOutGaps(report);
    assert.ok(gaps.length > 0, 'what was cut off is recorded');
    assert.ok(gaps.some((g) => g.error.code === 'ScanTimeout' && g.region === 'eu-west-1'));
    // us-east-1 answered in time: its reads are not gaps.
    assert.ok(!report.coverage.some((g) => g.region === 'us-east-1'));
    assert.equal(run.inventory().scan.timeout?.reached, true);
    assert.deepEqual(report.run.timeout, { limitMs: 2000, reached: true });
    assert.match(run.stdout, /TIMED OUT: the scan reached its --timeout of 2 s/);
    assert.match(
      readFileSync(join(out, 'report.html'), 'utf8'),
      /<strong>Timed out:<\/strong> the scan reached its --timeout of 2 s/,
    );
  });
});
