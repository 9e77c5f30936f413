/**
 * Findings made of events (the CloudTrail change checks) compared with a baseline: a function
 * that already had a "changed by the root user" finding and is changed by root again has a new
 * finding, not an unchanged one — otherwise a nightly job with a 7-day window would stay silent
 * on every root change after the first. Built from real checks over inventories, through a
 * report.json read back as the baseline, as `scan --baseline` does.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECKS } from '../../checks/index.js';
import { contextOf, evaluate } from '../../src/engine/evaluate.js';
import { score } from '../../src/engine/score.js';
import type { Inventory } from '../../src/inventory/schema.js';
import { parseBaseline } from '../../src/report/baseline.js';
import { buildReport } from '../../src/report/build.js';
import { diffSnapshots, newAtOrAbove } from '../../src/report/changes.js';
import { formatChangesLines } from '../../src/report/changes-summary.js';
import { ReportResult } from '../../src/report/schema.js';
import { snapshotOf } from '../../src/report/snapshot.js';
import { buildView } from '../../src/view/account-view.js';
import { changeEvent, changeInventory, rootChange } from '../helpers/changes.js';

const rootCheck = CHECKS.filter((c) => c.id === 'lambda.changed-by-root');
const FIRST = rootChange({ eventTime: '2026-10-28T08:00:00.000Z', eventId: 'e-1' });
const SECOND = rootChange({ eventTime: '2026-10-31T22:15:00.000Z', eventId: 'e-2' });

function reportOf(inv: Inventory) {
  const view = buildView(inv);
  const results = evaluate(rootCheck, view, contextOf(view));
  return buildReport({
    inventory: inv,
    checks: rootCheck,
    results,
    scores: score(results),
    mode: 'scan',
    evaluatedAt: new Date('2026-11-01T12:00:00Z'),
    toolVersion: '0.1.0',
    dataFiles: [],
  });
}

/** `before` as a report.json read back, `after` as this run: what `scan --baseline` compares. */
function compare(before: Inventory, after: Inventory, strip = false) {
  const baselineJson = JSON.parse(JSON.stringify(reportOf(before)));
  if (strip) for (const r of baselineJson.results) delete r.occurrences;
  const baseline = parseBaseline(JSON.stringify(baselineJson), 'report.json', []);
  return diffSnapshots(baseline, snapshotOf(reportOf(after), 'run', null));
}

describe('findings made of events, against a baseline', () => {
  it('a failure keeps the key of each event behind it, in the report schema', () => {
    const report = reportOf(changeInventory({ events: [SECOND, FIRST, changeEvent()] }));
    const fail = report.results.find((r) => r.status === 'fail');
    assert.ok(fail);
    assert.equal(ReportResult.safeParse(fail).success, true);
    assert.deepEqual(fail.occurrences, [
      `2026-10-31T22:15:00.000Z|UpdateFunctionCode20150331v2|${SECOND.principalArn}`,
      `2026-10-28T08:00:00.000Z|UpdateFunctionCode20150331v2|${FIRST.principalArn}`,
    ]);
    const passed = report.results.find((r) => r.status !== 'fail');
    assert.equal(passed, undefined, 'one function, one result');
  });

  it('a second root change on a function already failing is new, with the count of new events', () => {
    const changes = compare(
      changeInventory({ events: [FIRST] }),
      changeInventory({ events: [SECOND, FIRST] }),
    );
    assert.equal(changes.counts.new, 1);
    assert.equal(changes.counts.unchanged, 0);
    assert.equal(changes.new[0]?.previously, 'fail');
    assert.equal(changes.new[0]?.newOccurrences, 1);
    assert.equal(newAtOrAbove(changes, 'critical'), 1, '--fail-on-new trips on it');
    const text = formatChangesLines(changes, (t) => t).join('\n');
    assert.match(text, /\(was failing; 1 new event\(s\)\)/);
  });

  it('the same events in both scans are unchanged', () => {
    const changes = compare(
      changeInventory({ events: [FIRST, changeEvent()] }),
      changeInventory({ events: [FIRST] }),
    );
    assert.equal(changes.counts.new, 0);
    assert.equal(changes.counts.unchanged, 1);
  });

  it('an event that left the window while another stays is not new: only events the baseline lacked count', () => {
    const changes = compare(
      changeInventory({ events: [SECOND, FIRST] }),
      changeInventory({ events: [SECOND] }),
    );
    assert.equal(changes.counts.new, 0);
    assert.equal(changes.counts.unchanged, 1);
  });

  it('the key does not depend on CloudTrail eventID, which inventories before it was kept lack', () => {
    const withoutIds = (e: typeof FIRST) => {
      const { eventId: _dropped, ...rest } = e;
      return rest;
    };
    const changes = compare(
      changeInventory({ events: [withoutIds(FIRST)] }),
      changeInventory({ events: [FIRST] }),
    );
    assert.equal(changes.counts.new, 0);
    assert.equal(changes.counts.unchanged, 1);
  });

  it('a baseline report written before occurrences were kept cannot say which events it had: unchanged', () => {
    const changes = compare(
      changeInventory({ events: [FIRST] }),
      changeInventory({ events: [SECOND, FIRST] }),
      true,
    );
    assert.equal(changes.counts.new, 0);
    assert.equal(changes.counts.unchanged, 1);
  });
});
