/**
 * A folder of earlier inventories, for a scheduled job that diffs itself (--baseline-dir): each
 * scan saves its inventory there under a name that carries the account and the scan's start, and
 * the next scan of the same account takes the newest one as its baseline. Names are chosen by
 * us, so the folder is read by name alone; only the chosen file is parsed. A file that no longer
 * loads (truncated by a crash, edited) is skipped with a warning, and the next older one is used.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { compareText } from './order.js';
import type { Inventory } from './schema.js';
import { loadInventory } from './store.js';

const PREFIX = 'lambda-posture-inventory-';
const NAME = /^lambda-posture-inventory-(\d{12})-(\d{8}T\d{9}Z)\.json$/;

/** 2026-12-01T10:15:00.123Z → 20261201T101500123Z: sorts as text in time order, safe in a file name. */
function stampOf(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:.]/g, '');
}

/** The file name for a scan's inventory: lambda-posture-inventory-<account>-<UTC start>.json. */
export function historyFileName(inventory: Pick<Inventory, 'scan'>): string {
  return `${PREFIX}${inventory.scan.accountId}-${stampOf(inventory.scan.startedAt)}.json`;
}

export interface HistoryPick {
  /** The newest inventory of the account that loads; null on a first run or when none loads. */
  baseline: { path: string; inventory: Inventory } | null;
  /** Files that looked like ours but would not load, each with the reason. */
  skipped: string[];
}

/**
 * The newest inventory of `accountId` in `dir` of a scan that started before `before` (ISO time).
 * A missing folder is a first run.
 */
export async function newestInventory(dir: string, accountId: string, before: string): Promise<HistoryPick> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { baseline: null, skipped: [] };
    throw err;
  }
  const cutoff = stampOf(before);
  const candidates = names
    .flatMap((name) => {
      const m = NAME.exec(name);
      return m && m[1] === accountId && (m[2] ?? '') < cutoff ? [{ name, stamp: m[2] ?? '' }] : [];
    })
    .sort((a, b) => compareText(b.stamp, a.stamp));
  const skipped: string[] = [];
  for (const c of candidates) {
    const path = join(dir, c.name);
    try {
      const inventory = await loadInventory(path);
      if (inventory.scan.accountId === accountId) return { baseline: { path, inventory }, skipped };
      skipped.push(`${c.name}: holds account ${inventory.scan.accountId}, not ${accountId}`);
    } catch (err) {
      skipped.push(`${c.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { baseline: null, skipped };
}
