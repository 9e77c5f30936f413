/**
 * --baseline-dir's folder of inventories: names carry the account and the scan start; the newest
 * earlier inventory of the account that loads is chosen, others are skipped with a reason.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { historyFileName, newestInventory } from '../../src/inventory/history.js';
import type { Inventory } from '../../src/inventory/schema.js';
import { saveInventory } from '../../src/inventory/store.js';
import { scratch } from '../e2e/sim-harness.js';
import { inventory } from '../helpers/inventory.js';

function scanAt(startedAt: string, accountId = '123456789012'): Inventory {
  const inv = inventory();
  return { ...inv, scan: { ...inv.scan, startedAt, finishedAt: startedAt, accountId } };
}

describe('inventory history (--baseline-dir)', () => {
  const tmp = scratch('history');
  after(() => tmp.cleanup());

  it('names a file by account and UTC start, in a form that sorts by time', () => {
    assert.equal(
      historyFileName(scanAt('2026-12-01T10:15:00.123Z')),
      'lambda-posture-inventory-123456789012-20261201T101500123Z.json',
    );
    assert.equal(
      historyFileName(scanAt('2026-12-01T11:15:00+01:00')),
      'lambda-posture-inventory-123456789012-20261201T101500000Z.json',
    );
  });

  it('a folder that does not exist yet is a first run', async () => {
    assert.deepEqual(await newestInventory(tmp.dir('absent'), '123456789012', '2026-12-01T00:00:00Z'), {
      baseline: null,
      skipped: [],
    });
  });

  it('takes the newest earlier inventory of the account that loads, skipping the rest with reasons', async () => {
    const dir = tmp.dir('jobs');
    mkdirSync(dir, { recursive: true });
    const older = scanAt('2026-11-29T02:00:00.000Z');
    const newer = scanAt('2026-11-30T02:00:00.000Z');
    const other = scanAt('2026-11-30T03:00:00.000Z', '210987654321');
    for (const inv of [older, newer, other]) await saveInventory(join(dir, historyFileName(inv)), inv);
    // Newer still, but truncated (a crash mid-write by some other tool): skipped, with why.
    writeFileSync(join(dir, 'lambda-posture-inventory-123456789012-20261130T040000000Z.json'), '{"schema');
    // A file whose name lies about its account.
    const liar = scanAt('2026-11-30T05:00:00.000Z', '210987654321');
    await saveInventory(join(dir, 'lambda-posture-inventory-123456789012-20261130T050000000Z.json'), liar);
    // The current scan's own file (same start) and a later one are never its baseline.
    const current = scanAt('2026-12-01T02:00:00.000Z');
    await saveInventory(join(dir, historyFileName(current)), current);
    writeFileSync(join(dir, 'notes.txt'), 'not ours');

    const pick = await newestInventory(dir, '123456789012', current.scan.startedAt);
    assert.equal(pick.baseline?.path, join(dir, historyFileName(newer)));
    assert.equal(pick.baseline?.inventory.scan.startedAt, newer.scan.startedAt);
    assert.equal(pick.skipped.length, 2);
    assert.match(pick.skipped[0] ?? '', /20261130T050000000Z\.json: holds account 210987654321/);
    assert.match(pick.skipped[1] ?? '', /20261130T040000000Z\.json: .*not valid JSON/);
  });
});
