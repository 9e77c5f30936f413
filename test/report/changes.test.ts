/**
 * The comparison with a baseline, on hand-made snapshots: every way a finding can move (new,
 * resolved three ways, unchanged, unknown now, not evaluated now, a new check), the score deltas,
 * the account guard, the --fail-on-new threshold, and the terminal lines (ids only).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Severity, Status } from '../../src/engine/check.js';
import { diffSnapshots, newAtOrAbove } from '../../src/report/changes.js';
import { formatChangesLines } from '../../src/report/changes-summary.js';
import { ChangesSection } from '../../src/report/schema.js';
import type { Snapshot, SnapshotResult } from '../../src/report/snapshot.js';

const ACCOUNT = '123456789012';
const id = (n: number) => n.toString(16).padStart(32, '0');

function result(n: number, checkId: string, status: Status, severity: Severity = 'high'): SnapshotResult {
  return {
    findingId: id(n),
    checkId,
    status,
    severity,
    resource: {
      arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:fn-${n}`,
      name: `fn-${n}`,
      region: 'us-east-1',
    },
  };
}

function snapshot(
  kind: Snapshot['kind'],
  results: SnapshotResult[],
  checkIds: string[],
  score: number | null = 80,
  accountId = ACCOUNT,
): Snapshot {
  return {
    kind,
    file: kind === 'run' ? null : 'report.json',
    accountId,
    startedAt: '2026-11-01T00:00:00.000Z',
    toolVersion: '0.1.0',
    checkIds: new Set(checkIds),
    results: new Map(results.map((r) => [r.findingId, r])),
    overall: { score, coverage: 100 },
    practices: { BP3: { score, coverage: 100 }, BP5: { score: 50, coverage: 90 } },
  };
}

const CHECKS = ['lambda.a', 'lambda.b'];

describe('diffSnapshots', () => {
  const before = snapshot(
    'report',
    [
      result(1, 'lambda.a', 'fail'), // still failing → unchanged
      result(2, 'lambda.a', 'fail'), // passes now → resolved (pass)
      result(3, 'lambda.a', 'fail'), // resource deleted → resolved (absent)
      result(4, 'lambda.a', 'fail'), // read failed now → unresolved (unknown), never resolved
      result(5, 'lambda.a', 'fail'), // now not applicable → resolved
      result(6, 'lambda.b', 'pass', 'critical'), // fails now → new (was pass)
      result(7, 'lambda.b', 'unknown', 'medium'), // fails now → new (was unknown)
      result(8, 'lambda.old', 'fail'), // check not run now → unresolved (not evaluated)
    ],
    [...CHECKS, 'lambda.old'],
    80,
  );
  const after = snapshot(
    'run',
    [
      result(1, 'lambda.a', 'fail'),
      result(2, 'lambda.a', 'pass'),
      result(4, 'lambda.a', 'unknown'),
      result(5, 'lambda.a', 'not_applicable'),
      result(6, 'lambda.b', 'fail', 'critical'),
      result(7, 'lambda.b', 'fail', 'medium'),
      result(9, 'lambda.b', 'fail', 'low'), // a function that appeared failing → new (absent)
      result(10, 'lambda.new', 'fail', 'critical'), // a check the baseline did not run
    ],
    [...CHECKS, 'lambda.new'],
    72.55,
  );
  const changes = diffSnapshots(before, after);

  it('is a valid report section', () => {
    assert.doesNotThrow(() => ChangesSection.parse(changes));
  });

  it('counts each way a finding moves', () => {
    assert.deepEqual(changes.counts, {
      new: 3,
      newFromNewChecks: 1,
      resolved: 3,
      unchanged: 1,
      unresolved: 2,
    });
  });

  it('lists new failures most severe first, each with what it was before', () => {
    assert.deepEqual(
      changes.new.map((f) => [f.findingId, f.severity, f.previously]),
      [
        [id(6), 'critical', 'pass'],
        [id(10), 'critical', 'not-evaluated'],
        [id(7), 'medium', 'unknown'],
        [id(9), 'low', 'absent'],
      ],
    );
  });

  it('resolves only what passes, is not applicable, or is gone while its check ran', () => {
    assert.deepEqual(
      changes.resolved.map((f) => [f.findingId, f.now]),
      [
        [id(2), 'pass'],
        [id(3), 'absent'],
        [id(5), 'not_applicable'],
      ],
    );
  });

  it('never counts a failing finding that is unknown now, or whose check did not run, as resolved', () => {
    assert.deepEqual(
      changes.unresolved.map((f) => [f.findingId, f.now]),
      [
        [id(4), 'unknown'],
        [id(8), 'not-evaluated'],
      ],
    );
  });

  it('gives score and coverage before, after and the difference to one decimal, per practice too', () => {
    assert.deepEqual(changes.score, { before: 80, after: 72.55, delta: -7.5 });
    assert.deepEqual(changes.coverage, { before: 100, after: 100, delta: 0 });
    assert.deepEqual(changes.practices.BP3, { before: 80, after: 72.55, delta: -7.5 });
    assert.deepEqual(changes.practices.BP5, { before: 50, after: 50, delta: 0 });
    assert.deepEqual(changes.practices.BP1, { before: null, after: null, delta: null });
  });

  it('has no delta when either score is missing', () => {
    const c = diffSnapshots(snapshot('report', [], CHECKS, null), snapshot('run', [], CHECKS, 90));
    assert.deepEqual(c.score, { before: null, after: 90, delta: null });
  });

  it('names the baseline', () => {
    assert.deepEqual(changes.baseline, {
      kind: 'report',
      file: 'report.json',
      accountId: ACCOUNT,
      startedAt: '2026-11-01T00:00:00.000Z',
      toolVersion: '0.1.0',
    });
  });

  it('refuses to compare two accounts, naming both', () => {
    assert.throws(
      () => diffSnapshots(snapshot('report', [], CHECKS, 80, '210987654321'), after),
      (err: Error) =>
        err.name === 'UsageError' && err.message.includes('210987654321') && err.message.includes(ACCOUNT),
    );
  });

  it('an identical run has nothing new and nothing resolved', () => {
    const same = diffSnapshots(before, { ...before, kind: 'run', file: null });
    assert.deepEqual(same.counts, { new: 0, newFromNewChecks: 0, resolved: 0, unchanged: 6, unresolved: 0 });
  });
});

describe('newAtOrAbove (--fail-on-new)', () => {
  const changes = diffSnapshots(
    snapshot('report', [result(6, 'lambda.b', 'pass', 'critical')], CHECKS),
    snapshot(
      'run',
      [
        result(6, 'lambda.b', 'fail', 'critical'),
        result(7, 'lambda.b', 'fail', 'medium'),
        result(10, 'lambda.new', 'fail', 'critical'),
      ],
      [...CHECKS, 'lambda.new'],
    ),
  );
  it('counts new failures at or above the threshold', () => {
    assert.equal(newAtOrAbove(changes, 'critical'), 1);
    assert.equal(newAtOrAbove(changes, 'high'), 1);
    assert.equal(newAtOrAbove(changes, 'medium'), 2);
    assert.equal(newAtOrAbove(changes, 'info'), 2);
  });
  it('does not count failures under a check the baseline did not run (a tool upgrade is not a regression)', () => {
    assert.ok(changes.new.some((f) => f.checkId === 'lambda.new'));
    assert.equal(newAtOrAbove(changes, 'critical'), 1);
  });
});

describe('formatChangesLines', () => {
  const hostile = 'fn-\u001b[31m<script>';
  const changes = diffSnapshots(
    snapshot('report', [], CHECKS),
    snapshot(
      'run',
      [{ ...result(6, 'lambda.b', 'fail'), resource: { arn: hostile, name: hostile, region: null } }],
      CHECKS,
    ),
  );
  const text = formatChangesLines(changes, (t) => t).join('\n');
  it('gives counts, the score change and each new finding by check and finding id', () => {
    assert.match(text, /1 new, 0 resolved, 0 unchanged/);
    assert.match(text, /score 80\.0 → 80\.0 \(0\.0\)/);
    assert.match(text, new RegExp(`NEW high +lambda\\.b +finding ${id(6)} \\(was absent\\)`));
  });
  it('never prints a resource name or ARN (nothing read from the account reaches a CI log)', () => {
    assert.ok(!text.includes('fn-'));
    assert.ok(!text.includes('\u001b'));
  });
});
