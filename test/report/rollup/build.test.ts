import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../../src/engine/evaluate.js';
import { score, scoreSums } from '../../../src/engine/score.js';
import { fixFirst } from '../../../src/report/priority.js';
import {
  buildRollup,
  compareAccounts,
  scannedAccount,
  shardTargets,
  targetsDigest,
  unscannedAccount,
} from '../../../src/report/rollup/build.js';
import type { RollupAccount } from '../../../src/report/rollup/schema.js';
import { buildView } from '../../../src/view/account-view.js';
import { awsError } from '../../helpers/inventory.js';
import { reportFrom, TEST_CHECKS } from '../sample.js';
import {
  accountInventory,
  accountReport,
  FINISHED,
  ORGANIZATION,
  organizationAccounts,
  STARTED,
  selectionOf,
  wholeRollup,
} from './fixtures.js';

describe('roll-up: one account', () => {
  it("a scanned account's entry is its report's summary, its sums and its top findings", () => {
    const { report, entry } = accountReport('100000000003', 'sample');
    assert.equal(entry.status, 'scanned');
    assert.equal(entry.score, report.summary.score);
    assert.equal(entry.coverage, report.summary.coverage);
    assert.deepEqual(entry.grade, report.summary.grade);
    assert.deepEqual(entry.counts, report.summary.counts);
    assert.equal(entry.apiCalls, report.run.apiCalls.total);
    assert.equal(entry.throttledResponses, 3);
    assert.equal(entry.coverageGaps, report.summary.coverageGaps);
    assert.equal(entry.reportDir, 'accounts/100000000003');
    assert.deepEqual(
      entry.topFindings.map((f) => f.findingId),
      fixFirst(report, 5).map((f) => f.result.findingId),
    );
    assert.deepEqual(
      entry.topFindings.map((f) => [f.checkId, f.severity]),
      [
        ['iam.test-root-mfa', 'critical'],
        ['lambda.test-url-auth', 'high'],
      ],
    );
    assert.equal(entry.topFindings[0]?.title, 'Test: root user has no MFA device');
  });

  it('with --results narrowing the listed results, counts and score still cover them all', () => {
    const inv = accountInventory('100000000010', 'sample');
    const results = evaluate(TEST_CHECKS, buildView(inv));
    const sums = scoreSums(results);
    const report = reportFrom(inv, TEST_CHECKS, results);
    const full = scannedAccount({
      report,
      sums,
      name: null,
      organizationalUnit: null,
      reportDir: 'accounts/100000000010',
    });
    const narrowed = {
      ...report,
      results: report.results.filter((r) => r.status === 'unknown'),
      run: { ...report.run, resultsListed: { statuses: ['unknown' as const], omitted: 5 } },
    };
    const entry = scannedAccount({
      report: narrowed,
      sums,
      name: null,
      organizationalUnit: null,
      reportDir: 'accounts/100000000010',
    });
    assert.deepEqual(entry.topFindings, [], 'no failing result is listed');
    assert.deepEqual({ ...entry, topFindings: [] }, { ...full, topFindings: [] });
  });

  it("refuses sums that are not the report's, and a report folder not named after the account", () => {
    const a = accountReport('100000000003', 'sample');
    const b = accountInventory('100000000010', 'clean');
    const otherSums = scoreSums(evaluate(TEST_CHECKS, buildView(b)));
    assert.throws(
      () =>
        scannedAccount({
          report: a.report,
          sums: otherSums,
          name: null,
          organizationalUnit: null,
          reportDir: 'accounts/100000000003',
        }),
      /not of the same results/,
    );
    assert.throws(
      () =>
        scannedAccount({
          report: a.report,
          sums: a.entry.sums,
          name: null,
          organizationalUnit: null,
          reportDir: 'accounts/100000000010',
        }),
      /must be in accounts\/100000000003/,
    );
  });

  it('a failed account is incomplete and measured nothing; a suspended one is not incomplete', () => {
    const failed = unscannedAccount({
      accountId: '100000000017',
      name: 'dev',
      organizationalUnit: 'Root/Dev',
      status: 'failed',
      reason: 'AssumeRole was denied',
      error: awsError('AssumeRole', 'access-denied', 'sts', undefined),
    });
    assert.equal(failed.incomplete, true);
    assert.equal(failed.score, null);
    assert.deepEqual(failed.grade, { letter: null, cappedBy: null });
    assert.equal(failed.reportDir, null);
    const suspended = unscannedAccount({ ...failed, status: 'suspended', reason: 'SUSPENDED', error: null });
    assert.equal(suspended.incomplete, false);
  });
});

describe('roll-up: the organization', () => {
  const accounts = organizationAccounts(12);
  const rollup = wholeRollup(accounts);

  it("scores the scanned accounts' results together (pooled sums), not an average of their scores", () => {
    const ids = accounts.filter((a) => a.status === 'scanned');
    const shapes = ['sample', 'clean', 'public', 'unreadable'] as const;
    const all = organizationAccounts(12)
      .map((a, i) => ({ a, i }))
      .filter(({ a }) => a.status === 'scanned')
      .flatMap(({ a, i }) =>
        evaluate(
          TEST_CHECKS,
          buildView(accountInventory(a.accountId, shapes[i % 4] as (typeof shapes)[number])),
        ),
      );
    const direct = score(all);
    assert.equal(rollup.summary.score, direct.overall.score);
    assert.equal(rollup.summary.coverage, direct.overall.coverage);
    assert.deepEqual(rollup.summary.failuresBySeverity, direct.failuresBySeverity);
    for (const p of ['BP2', 'BP5', 'BP6', 'BP7'] as const) {
      assert.equal(rollup.summary.practices[p].score, direct.practices[p].score, p);
      assert.deepEqual(rollup.summary.practices[p].counts, direct.practices[p].counts, p);
    }
    const mean = ids.reduce((n, a) => n + (a.score ?? 0), 0) / ids.length;
    assert.notEqual(
      rollup.summary.score,
      Math.round(mean * 10) / 10,
      'the fixture tells pooling from averaging',
    );
    assert.deepEqual(rollup.summary.accounts, { total: 12, scanned: 9, failed: 2, suspended: 1 });
    assert.deepEqual(rollup.summary.grade, { letter: 'F', cappedBy: null });
    assert.equal(rollup.summary.incomplete, true);
  });

  it('orders accounts worst first: failed, then grade F to A, score ascending, account id; suspended last', () => {
    const order = rollup.accounts.map(
      (a) => `${a.status}:${a.grade.letter ?? '-'}:${a.score ?? '-'}:${a.accountId}`,
    );
    assert.deepEqual(order, [
      'failed:-:-:100000000031',
      'failed:-:-:100000000066',
      'scanned:F:15.2:100000000003',
      'scanned:F:15.2:100000000059',
      'scanned:F:28.6:100000000024',
      'scanned:F:28.6:100000000052',
      'scanned:F:28.6:100000000080',
      'scanned:C:73.7:100000000017',
      'scanned:C:73.7:100000000073',
      'scanned:A:100:100000000010',
      'scanned:A:100:100000000038',
      'suspended:-:-:100000000045',
    ]);
  });

  it('puts a scanned account where nothing was measured after the failed ones and before F', () => {
    const [failed, f] = [rollup.accounts[0], rollup.accounts[2]] as [RollupAccount, RollupAccount];
    const nothing: RollupAccount = {
      ...f,
      accountId: '100000000001',
      score: null,
      grade: { letter: null, cappedBy: null },
    };
    assert.deepEqual(
      [f, nothing, failed].sort(compareAccounts).map((a) => a.accountId),
      [failed.accountId, '100000000001', f.accountId],
    );
  });

  it("fix these first: one account's order is its report's; across accounts one per check first, ties by account id", () => {
    const single = wholeRollup([accountReport('100000000003', 'sample').entry]);
    assert.deepEqual(
      single.fixFirst.map((f) => f.findingId),
      fixFirst(accountReport('100000000003', 'sample').report, 20).map((f) => f.result.findingId),
    );
    assert.deepEqual(
      rollup.fixFirst.map((f) => `${f.severity} ${f.checkId} ${f.accountId}`),
      [
        'critical iam.test-root-mfa 100000000003',
        'high lambda.test-url-auth 100000000003',
        'critical iam.test-root-mfa 100000000059',
        'high lambda.test-url-auth 100000000017',
        'high lambda.test-url-auth 100000000059',
        'high lambda.test-url-auth 100000000073',
      ],
    );
    assert.equal(rollup.fixFirst[0]?.accountName, 'account 03');
    assert.ok(wholeRollup(organizationAccounts(60)).fixFirst.length === 20, 'at most 20');
  });

  it('gives the same roll-up for the accounts in any order', () => {
    assert.deepEqual(wholeRollup([...accounts].reverse()), rollup);
  });

  it('refuses entries that are not the selection: one missing, one twice', () => {
    const input = {
      toolVersion: '1.2.3-test',
      organization: ORGANIZATION,
      startedAt: STARTED,
      finishedAt: FINISHED,
    };
    assert.throws(
      () => buildRollup({ ...input, selection: selectionOf(accounts), accounts: accounts.slice(1) }),
      /11 account entries are not the selection's 12 targets/,
    );
    assert.throws(
      () =>
        buildRollup({
          ...input,
          selection: selectionOf(accounts),
          accounts: [...accounts.slice(1), accounts[1] as RollupAccount],
        }),
      /has two entries/,
    );
  });

  it('the targets digest and the shard split are one rule', () => {
    assert.equal(targetsDigest(['2', '1']), targetsDigest(['1', '2']));
    assert.match(targetsDigest(['1']), /^[0-9a-f]{64}$/);
    assert.deepEqual(shardTargets(['5', '1', '4', '2', '3'], { index: 1, count: 2 }), ['2', '4']);
    assert.deepEqual(shardTargets(['5', '1'], null), ['1', '5']);
  });
});
