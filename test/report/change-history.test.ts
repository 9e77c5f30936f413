import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changeHistoryOf } from '../../src/report/build.js';
import { CHANGE_HISTORY_CAP } from '../../src/report/schema.js';
import { formatSummary } from '../../src/report/summary.js';
import { changeEvent, changeInventory, rootChange } from '../helpers/changes.js';
import { reportFrom } from './sample.js';

describe('the report’s change history (--changes-since)', () => {
  it('by function ARN, newest first, capped with the full count', () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      changeEvent({ eventTime: new Date(Date.UTC(2026, 9, 26, i)).toISOString() }),
    );
    const inv = changeInventory({ events: [...many, rootChange({ functionName: 'worker' })] });
    const h = changeHistoryOf(inv);
    assert.ok(h);
    const api = h.functions['arn:aws:lambda:us-east-1:123456789012:function:api'];
    assert.equal(api?.count, 25);
    assert.equal(api?.changes.length, CHANGE_HISTORY_CAP);
    assert.equal(api?.changes[0]?.eventTime, '2026-10-27T00:00:00.000Z');
    assert.equal(h.functions['arn:aws:lambda:us-east-1:123456789012:function:worker']?.count, 1);
    assert.deepEqual(h.unreadRegions, []);
  });

  it('a region whose LookupEvents failed is listed as unread, not as a region without changes', () => {
    const h = changeHistoryOf(changeInventory({ functions: ['api'], lookupFailed: 'access-denied' }));
    assert.deepEqual(h?.unreadRegions, ['us-east-1']);
    assert.deepEqual(h?.functions, {});
  });

  it('absent without --changes-since', () => {
    const inv = changeInventory();
    delete inv.scan.changeReview;
    assert.equal(changeHistoryOf(inv), undefined);
  });
});

describe('the terminal line of the change history', () => {
  it('counts changes and functions, never names them, and says where the history is unknown', () => {
    const inv = changeInventory({ events: [changeEvent(), rootChange({ functionName: 'worker' })] });
    const plain = formatSummary(reportFrom(inv), [], { color: false });
    assert.match(plain, /^Changes since 2026-10-25 12:00:00 UTC \(CloudTrail\): 2 changes to 2 functions$/m);
    assert.doesNotMatch(plain, /worker/);
    const failed = formatSummary(
      reportFrom(changeInventory({ functions: ['api'], lookupFailed: 'access-denied' })),
      [],
      { color: false },
    );
    assert.match(failed, /0 changes to 0 functions — unknown in 1 region \(LookupEvents failed\)/);
  });
});
