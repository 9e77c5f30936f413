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
  accountId = '123456789012',
): Result => ({
  findingId: `${checkId}-${region}-${n}`,
  checkId,
  status,
  severity,
  practice,
  accountId,
  resource: {
    arn: `arn:aws:lambda:${region ?? ''}:${accountId}:function:f${n}`,
    name: `f${n}`,
    region,
    type: 'AWS::Lambda::Function',
  },
  message: status,
  evidence: {},
});

/** Seeded globally (test/helpers/fast-check-seed.ts), so a failure reproduces. */
const FC = { numRuns: 500 };

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
    assert.deepEqual(s.overall.counts, { pass: 2, fail: 1, unknown: 0, not_applicable: 0 });
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

  it('counts not_applicable results but scores them out: one public URL among 1,000 functions is 0 %, not 99.9 %', () => {
    const results = [
      result('lambda.url', 'fail', 'r1', 'high', 'BP5', 0),
      ...Array.from({ length: 999 }, (_, i) =>
        result('lambda.url', 'not_applicable', 'r1', 'high', 'BP5', i + 1),
      ),
    ];
    const s = score(results);
    assert.equal(s.overall.score, 0);
    assert.equal(s.overall.coverage, 100);
    assert.deepEqual(s.overall.counts, { pass: 0, fail: 1, unknown: 0, not_applicable: 999 });
  });

  it('leaves out a scope where the check applies to nothing', () => {
    const s = score([
      result('a.x', 'pass', 'r1', 'high', 'BP5', 0),
      result('a.x', 'not_applicable', 'r2', 'high', 'BP5', 1),
    ]);
    assert.equal(s.overall.score, 100);
    assert.equal(score([result('a.x', 'not_applicable', 'r2')]).overall.score, null);
  });

  it('keeps accounts apart: the same check in two accounts is two scopes', () => {
    const s = score([
      result('a.x', 'fail', null, 'high', 'BP5', 0, '111111111111'),
      result('a.x', 'pass', null, 'high', 'BP5', 1, '222222222222'),
      result('a.x', 'pass', null, 'high', 'BP5', 2, '222222222222'),
    ]);
    // Per-account shares 0 and 1, averaged: 50 (pooled they would be 66.7).
    assert.equal(s.overall.score, 50);
  });

  it('gives info checks no weight but still counts them', () => {
    const s = score([result('a.i', 'fail', null, 'info')]);
    assert.equal(s.overall.score, null);
    assert.equal(s.overall.counts.fail, 1);
  });

  it('never rises when reads fail: any pass/fail turned unknown, or a whole region replaced by one unknown', () => {
    const status = fc.constantFrom<Status>('pass', 'fail', 'unknown', 'not_applicable');
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
      FC,
    );
  });

  it('never rises, and keeps every failure, when passes turn not_applicable (n/a cannot hide a fail)', () => {
    const row = fc.record({
      check: fc.constantFrom('a.x', 'a.y', 'b.z'),
      region: fc.constantFrom('r1', 'r2', null),
      status: fc.constantFrom<Status>('pass', 'fail', 'unknown', 'not_applicable'),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.func(fc.boolean()), (rows, hide) => {
        const sev: Record<string, Severity> = { 'a.x': 'critical', 'a.y': 'low', 'b.z': 'medium' };
        const base = rows.map((r, i) => result(r.check, r.status, r.region, sev[r.check], 'BP1', i));
        const before = score(base);
        const after = score(
          base.map((r, i) =>
            r.status === 'pass' && hide(i) ? { ...r, status: 'not_applicable' as const } : r,
          ),
        );
        const lower = (a: number | null, b: number | null) => (a ?? 0) <= (b ?? 0) + 1e-9 || b === null;
        assert.ok(
          lower(after.overall.score, before.overall.score),
          `${after.overall.score} > ${before.overall.score}`,
        );
        assert.deepEqual(after.failuresBySeverity, before.failuresBySeverity);
        assert.equal(after.overall.counts.fail, before.overall.counts.fail);
      }),
      FC,
    );
  });
});
