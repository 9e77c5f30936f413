/**
 * Suppression rules by tag over the real wire: a suppressions file with a tag rule makes the scan
 * read the functions' tags (one GetFunction each, in its own 100/s bucket) although no selected
 * check needs them, and the rule covers exactly the findings of the functions carrying the tag.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../../src/report/schema.js';
import { generateAccount, type SimAccount } from '../sim/account.js';
import { type Simulator, startSimulator } from '../sim/server.js';
import { type ScanRun, scanSim, scratch } from './sim-harness.js';

const NOW = '2026-11-20T09:00:00.000Z';
const REGION = 'eu-west-1';

describe('suppression rules by tag against the simulator (built CLI)', () => {
  const tmp = scratch('suppression-tags');
  let sim: Simulator;
  let account: SimAccount;
  let team: string;
  let scan: ScanRun;
  let report: Report;

  before(async () => {
    account = generateAccount({
      seed: 43,
      regions: [REGION],
      functionsPerRegion: 14,
      users: 2,
      misconfigRate: 0.6,
      now: NOW,
    }).account;
    const fns = account.lambda[REGION]?.functions ?? [];
    // The facts plant untagged functions too: take the team of the first tagged one.
    team = fns.find((f) => f.tags.team)?.tags.team ?? '';
    assert.ok(team, 'the generator tags functions with a team');
    const file = join(tmp.root, 'accepted.yaml');
    writeFileSync(
      file,
      `suppressions:\n  - tags: { team: "${team}" }\n    reason: this team's functions are reviewed apart\n`,
    );
    sim = await startSimulator({ account, timeScale: 10 });
    scan = await scanSim(sim.url, tmp.dir(), {
      args: ['--services', 'lambda', '--suppressions', file, '--fail-on', 'none'],
    });
    assert.ok(scan.code === 0 || scan.code === 3, scan.stderr);
    report = scan.report();
  });

  after(async () => {
    await sim?.stop();
    tmp.cleanup();
  });

  it('reads the tags for the rule, one GetFunction per function', () => {
    assert.ok(report.run.reads.includes('lambda.tags'));
    const functions = account.lambda[REGION]?.functions.length ?? 0;
    assert.ok((report.run.apiCalls.byAction['lambda:GetFunction'] ?? 0) >= functions);
  });

  it("suppresses the failing and unknown results of exactly the tagged team's functions", () => {
    const teamOf = new Map((account.lambda[REGION]?.functions ?? []).map((f) => [f.arn, f.tags.team]));
    const functionOf = (arn: string) => arn.replace(/(:function:[^:]+):[^:]+$/, '$1');
    const open = report.results.filter(
      (r) => (r.status === 'fail' || r.status === 'unknown') && teamOf.has(functionOf(r.resource.arn)),
    );
    const covered = open.filter((r) => teamOf.get(functionOf(r.resource.arn)) === team);
    assert.ok(covered.length > 0, 'the team has findings to accept');
    assert.ok(open.length > covered.length, 'other teams have findings too');
    for (const r of open) {
      assert.equal(
        r.suppression?.rule,
        covered.includes(r) ? 1 : undefined,
        `${r.checkId} ${r.resource.arn}`,
      );
    }
    assert.ok(report.results.every((r) => r.suppression === undefined || covered.includes(r)));
    const use = report.suppressions?.rules[0];
    assert.equal(use?.matched, covered.length);
    assert.deepEqual(use?.tags, { team });
    assert.equal(report.summary.suppressed?.fail, covered.filter((r) => r.status === 'fail').length);
  });
});
