import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ageInDays,
  DAY_MS,
  daysBetween,
  daysText,
  reportDate,
  reportDateText,
} from '../../src/engine/dates.js';

const NOW = new Date('2026-11-01T12:00:00.000Z');

describe('engine/dates', () => {
  it('reads a dated column and returns null for every token', () => {
    assert.equal(reportDate({ at: '2026-10-01T00:00:00+00:00' })?.toISOString(), '2026-10-01T00:00:00.000Z');
    assert.equal(reportDate({ none: 'N/A' }), null);
    assert.equal(reportDate({ none: 'no_information' }), null);
    assert.equal(reportDate({ none: 'not_supported' }), null);
  });

  it('counts whole days, rounding down', () => {
    assert.equal(daysBetween(new Date(NOW.getTime() - 90 * DAY_MS), NOW), 90);
    assert.equal(daysBetween(new Date(NOW.getTime() - 90 * DAY_MS - 1), NOW), 90);
    assert.equal(daysBetween(new Date(NOW.getTime() - 91 * DAY_MS + 1), NOW), 90);
    assert.equal(daysBetween(NOW, NOW), 0);
  });

  it('never returns a negative age for a date just after the scan started', () => {
    assert.equal(daysBetween(new Date(NOW.getTime() + 5 * 60_000), NOW), 0);
  });

  it('ages a column at the given time, not the clock', () => {
    assert.equal(ageInDays({ at: '2026-08-03T12:00:00.000Z' }, NOW), 90);
    assert.equal(ageInDays({ none: 'N/A' }, NOW), null);
  });

  it('renders a column for evidence', () => {
    assert.equal(reportDateText({ at: '2026-08-03T12:00:00.000Z' }), '2026-08-03T12:00:00.000Z');
    assert.equal(reportDateText({ none: 'no_information' }), 'no_information');
  });

  it('writes an age for a message', () => {
    assert.equal(daysText(0), '0 days');
    assert.equal(daysText(1), '1 day');
    assert.equal(daysText(45), '45 days');
  });
});
