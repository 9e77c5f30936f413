import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GRADE_CEILINGS, gradeOf, letterOf } from '../../src/report/grade.js';
import { ReportSchema } from '../../src/report/schema.js';
import { sampleReport } from './sample.js';

describe('letterOf', () => {
  it('gives A–F at the documented floors', () => {
    assert.equal(letterOf(100), 'A');
    assert.equal(letterOf(90), 'A');
    assert.equal(letterOf(89.9), 'B');
    assert.equal(letterOf(80), 'B');
    assert.equal(letterOf(70), 'C');
    assert.equal(letterOf(60), 'D');
    assert.equal(letterOf(59.9), 'F');
    assert.equal(letterOf(0), 'F');
  });

  it('gives no letter when nothing was measured, or for a non-number', () => {
    assert.equal(letterOf(null), null);
    assert.equal(letterOf(Number.NaN), null);
  });
});

describe('gradeOf', () => {
  it('caps a high score at D while a critical finding fails (the 600-function demo: 91.1)', () => {
    assert.deepEqual(gradeOf(91.1, { critical: 24, high: 3 }), {
      letter: 'D',
      cappedBy: { severity: 'critical', count: 24 },
    });
  });

  it('caps at C for a failing high, at B for a failing medium', () => {
    assert.deepEqual(gradeOf(95, { high: 1, medium: 4 }), {
      letter: 'C',
      cappedBy: { severity: 'high', count: 1 },
    });
    assert.deepEqual(gradeOf(95, { medium: 4, low: 9 }), {
      letter: 'B',
      cappedBy: { severity: 'medium', count: 4 },
    });
  });

  it('sets no ceiling for low and info findings', () => {
    assert.deepEqual(gradeOf(97, { low: 40, info: 3 }), { letter: 'A', cappedBy: null });
  });

  it('reports no cap when the score is already at or below the ceiling (near miss)', () => {
    assert.deepEqual(gradeOf(62, { critical: 1 }), { letter: 'D', cappedBy: null });
    assert.deepEqual(gradeOf(12, { critical: 5, high: 9 }), { letter: 'F', cappedBy: null });
    assert.deepEqual(gradeOf(75, { high: 2 }), { letter: 'C', cappedBy: null });
  });

  it('names the most severe failing severity, never a milder one that would cap less', () => {
    const g = gradeOf(85, { critical: 0, high: 2, medium: 7 });
    assert.deepEqual(g, { letter: 'C', cappedBy: { severity: 'high', count: 2 } });
  });

  it('has no letter without a score, even with failures recorded', () => {
    assert.deepEqual(gradeOf(null, { critical: 1 }), { letter: null, cappedBy: null });
  });

  it('caps only critical, high and medium, each lower than the next', () => {
    assert.deepEqual(GRADE_CEILINGS, { critical: 'D', high: 'C', medium: 'B' });
  });
});

describe('summary.grade in the report', () => {
  it('is written by buildReport and valid against the schema', () => {
    const report = sampleReport();
    assert.deepEqual(report.summary.grade, {
      letter: 'F',
      cappedBy: null,
    });
    assert.equal(ReportSchema.safeParse({ ...report, results: [] }).success, true);
  });

  it('is optional: a version-4 report written before it still validates', () => {
    const report = sampleReport();
    delete report.summary.grade;
    assert.equal(ReportSchema.safeParse({ ...report, results: [] }).success, true);
  });
});
