/**
 * Scan times for the runtime checks' tests, placed relative to a runtime's own dates in the data
 * file rather than to a fixed calendar day: a test stays right when AWS moves a date and the file
 * is refreshed, and nothing depends on today's date.
 */
import { type RuntimeEntry, runtimeTable } from '../../src/data/runtimes.js';
import type { Inventory } from '../../src/inventory/schema.js';

const DAY_MS = 86_400_000;

export function runtimeEntry(id: string): RuntimeEntry {
  const entry = runtimeTable().byId.get(id);
  if (!entry) throw new Error(`test fixture: ${id} is not in data/lambda-runtimes.json`);
  return entry;
}

/** Noon UTC `days` before (negative: after) a YYYY-MM-DD day. */
export function daysBeforeDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00.000Z`) - days * DAY_MS).toISOString();
}

/** The same inventory, scanned at `iso` (the checks' `ctx.now`). */
export function scannedAt(inv: Inventory, iso: string): Inventory {
  return { ...inv, scan: { ...inv.scan, startedAt: iso, finishedAt: iso } };
}
