import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Practice, Severity, Status } from '../../src/engine/check.js';
import type { Result } from '../../src/engine/evaluate.js';
import { score } from '../../src/engine/score.js';

const result = (
  checkId: string,
  status: Status,
  region: string | null,
  severity: Severity = 'high',
  practice: Practice = 'BP5',
  n = 0,
): Result => ({
  checkId,
  status,
  severity,
  practice,
  resource: { arn: `arn:aws:lambda:${region ?? ''}:1:function:f${n}`, name: `f${n}`, region },
  message: status,
  evidence: {},
});

describe('score', () => {
  it('is the weighted pass share, with coverage and counts', () => {
    const s = score([
      result('a.x', 'pass', 'us-east-1', 'critical', 'BP1'),
      result('a.x', 'fail', 'us-east-1', 'critical', 'BP1', 1),
      result('a.y', 'pass', null, 'low', 'BP2'),
    ]);
    // a.x: 0.5 × 10, a.y: 1 × 1 → 6 / 11
    assert.equal(s.overall.score, 54.5);
    assert.equal(s.overall.coverage, 100);
    assert.deepEqual(s.overall.counts, { pass: 2, fail: 1, unknown: 0 });
    assert.equal(s.practices.BP1.score, 50);
    assert.equal(s.practices.BP2.score, 100);
    assert.equal(s.practices.BP3.score, null);
    assert.equal(s.failuresBySeverity.critical, 1);
  });

  it('counts an unknown as not passed and lowers coverage', () => {
    const s = score([result('a.x', 'pass', 'r1'), result('a.x', 'unknown', 'r1', 'high', 'BP5', 1)]);
    assert.equal(s.overall.score, 50);
    assert.equal(s.overall.coverage, 50);
  });

  it('gives info checks no weight but still counts them', () => {
    const s = score([result('a.i', 'fail', null, 'info')]);
    assert.equal(s.overall.score, null);
    assert.equal(s.overall.counts.fail, 1);
  });

  it('never rises when reads fail: any pass/fail turned unknown, or a whole region replaced by one unknown', () => {
    const status = fc.constantFrom<Status>('pass', 'fail', 'unknown');
    const row = fc.record({
      check: fc.constantFrom('a.x', 'a.y', 'b.z'),
      region: fc.constantFrom('r1', 'r2', null),
      status,
    });
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 40 }),
        fc.func(fc.boolean()),
        fc.constantFrom('r1', 'r2'),
        (rows, hide, deniedRegion) => {
          const sev: Record<string, Severity> = { 'a.x': 'critical', 'a.y': 'low', 'b.z': 'medium' };
          const base = rows.map((r, i) => result(r.check, r.status, r.region, sev[r.check], 'BP1', i));
          const before = score(base).overall.score ?? 0;
          // 1. Some individual reads fail.
          const degraded = base.map((r, i) => (hide(i) ? { ...r, status: 'unknown' as const } : r));
          assert.ok((score(degraded).overall.score ?? 0) <= before + 1e-9);
          // 2. A whole region becomes unreadable: its results collapse to one unknown per check.
          const kept = base.filter((r) => r.resource.region !== deniedRegion);
          const checks = new Set(
            base.filter((r) => r.resource.region === deniedRegion).map((r) => r.checkId),
          );
          const regionDown = [
            ...kept,
            ...[...checks].map((c) => result(c, 'unknown', deniedRegion, sev[c], 'BP1', 999)),
          ];
          assert.ok((score(regionDown).overall.score ?? 0) <= before + 1e-9);
        },
      ),
      { numRuns: 500 },
    );
  });
});
