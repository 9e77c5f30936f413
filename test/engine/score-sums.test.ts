/**
 * The sums behind a score (src/engine/score.ts ScoreSums): scoring from them is scoring from the
 * results, and the sums of disjoint accounts pool into the score of their results together —
 * what the organization roll-up relies on to score an organization from one small entry per
 * account, and what lets shards merge. Seeded (test/helpers/fast-check-seed.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PRACTICE_TITLES, type Practice, type Severity, type Status } from '../../src/engine/check.js';
import type { Result } from '../../src/engine/evaluate.js';
import {
  addScoreSums,
  type ScoreSums,
  score,
  scoreSums,
  scoresOfSums,
  zeroScoreSums,
} from '../../src/engine/score.js';

const FC = { numRuns: 400 };
const PRACTICES = Object.keys(PRACTICE_TITLES) as Practice[];

const row = fc.record({
  check: fc.constantFrom('a.x', 'a.y', 'b.z', 'c.w'),
  region: fc.constantFrom('r1', 'r2', null),
  status: fc.constantFrom<Status>('pass', 'fail', 'unknown', 'not_applicable'),
  severity: fc.constantFrom<Severity>('critical', 'high', 'medium', 'low', 'info'),
  practice: fc.constantFrom<Practice>(...PRACTICES),
  suppressed: fc.boolean(),
});
type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;

/** One result per row; a check keeps one severity and practice, as a real check does. */
function resultsOf(rows: Row[], accountId: string): Result[] {
  const meta = new Map<string, { severity: Severity; practice: Practice }>();
  return rows.map((r, n) => {
    const m = meta.get(r.check) ?? { severity: r.severity, practice: r.practice };
    meta.set(r.check, m);
    return {
      findingId: `${accountId}-${n}`,
      checkId: r.check,
      status: r.status,
      severity: m.severity,
      practice: m.practice,
      accountId,
      resource: {
        arn: `arn:aws:lambda:${r.region ?? ''}:${accountId}:function:f${n}`,
        name: `f${n}`,
        region: r.region,
        type: 'AWS::Lambda::Function',
      },
      message: r.status,
      evidence: {},
      ...(r.suppressed && (r.status === 'fail' || r.status === 'unknown')
        ? { suppression: { rule: 1, reason: 'accepted' } }
        : {}),
    };
  });
}

const accountRows = fc.array(row, { minLength: 0, maxLength: 30 });

/** The unrounded score of a sum line, to tell a rounding boundary from a real difference. */
const raw = (weighted: number, weights: number) => (weights > 0 ? (1000 * weighted) / weights : null);
const nearBoundary = (x: number | null) => x !== null && Math.abs((x % 1) - 0.5) < 1e-6;

describe('score sums', () => {
  it('scoresOfSums(scoreSums(r)) is exactly score(r)', () => {
    fc.assert(
      fc.property(accountRows, (rows) => {
        const results = resultsOf(rows, '111111111111');
        const { overall, practices } = score(results);
        assert.deepEqual(scoresOfSums(scoreSums(results)), { overall, practices });
      }),
      FC,
    );
  });

  it('the pooled sums of disjoint accounts score as their results together', () => {
    let compared = 0;
    let boundaries = 0;
    fc.assert(
      fc.property(fc.array(accountRows, { minLength: 1, maxLength: 5 }), (perAccount) => {
        const accounts = perAccount.map((rows, i) => resultsOf(rows, String(100000000000 + i)));
        const pooled = accounts.reduce<ScoreSums>((s, r) => addScoreSums(s, scoreSums(r)), zeroScoreSums());
        const direct = score(accounts.flat());
        const got = scoresOfSums(pooled);
        const lines: [
          ScoreSums['overall'],
          ReturnType<typeof scoresOfSums>['overall'],
          typeof direct.overall,
        ][] = [
          [pooled.overall, got.overall, direct.overall],
          ...PRACTICES.map(
            (p) =>
              [pooled.practices[p], got.practices[p], direct.practices[p]] as [
                ScoreSums['overall'],
                ReturnType<typeof scoresOfSums>['overall'],
                typeof direct.overall,
              ],
          ),
        ];
        for (const [sum, line, want] of lines) {
          // Counts and coverage are integer arithmetic: exact.
          assert.deepEqual(line.counts, want.counts);
          assert.equal(line.coverage, want.coverage);
          compared += 1;
          // The score is a sum of doubles grouped otherwise: equal once rounded, except a value a
          // last bit away from a .x5 boundary (none seen with this seed; allowed, and counted).
          if (line.score !== want.score && nearBoundary(raw(sum.weighted, sum.weights))) {
            boundaries += 1;
            continue;
          }
          assert.equal(line.score, want.score);
        }
      }),
      FC,
    );
    assert.ok(compared > FC.numRuns, 'lines were compared');
    assert.ok(boundaries <= compared / 100, `${boundaries} rounding-boundary differences`);
  });

  it('an account with no results adds nothing and scores null', () => {
    const empty = scoreSums([]);
    assert.deepEqual(empty, zeroScoreSums());
    assert.equal(scoresOfSums(empty).overall.score, null);
    assert.equal(scoresOfSums(empty).overall.coverage, null);
    const some = scoreSums(
      resultsOf(
        [
          {
            check: 'a.x',
            region: 'r1',
            status: 'fail',
            severity: 'high',
            practice: 'BP5',
            suppressed: false,
          },
        ],
        '111111111111',
      ),
    );
    assert.deepEqual(addScoreSums(some, empty), some);
    assert.equal(scoresOfSums(some).overall.score, 0);
  });
});
