/**
 * Reading a baseline: an earlier report.json (its results as they were then) or an earlier
 * inventory (evaluated now, with the same checks as this run, so a difference is the account's
 * and not the tool's). Which it is, is told from the file itself. A file that is neither, is
 * corrupt or is too large to read whole gets a clear error naming the flag, never a stack trace.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import type { Check } from '../engine/check.js';
import { Practice, Severity, Status } from '../engine/check.js';
import { contextOf, evaluate } from '../engine/evaluate.js';
import { score } from '../engine/score.js';
import { isChangeCheck } from '../engine/select.js';
import { deriveCoverage } from '../inventory/coverage.js';
import type { Inventory } from '../inventory/schema.js';
import { InventoryFileError, parseInventory } from '../inventory/store.js';
import { buildView } from '../view/account-view.js';
import { type Snapshot, snapshotOf } from './snapshot.js';

/**
 * V8 cannot hold a string much longer than 2^29 characters, so a larger file cannot be parsed
 * whole; a 100,000-function report is larger than that, while its inventory is not.
 */
const MAX_BASELINE_BYTES = 500 * 1024 * 1024;

/** The fields of a report that a baseline needs (versions 2–4 all have them); the rest is dropped. */
const ReportForBaseline = z.object({
  schemaVersion: z.number().int().min(2),
  tool: z.object({ name: z.literal('lambda-posture'), version: z.string() }),
  run: z.object({
    accountId: z.string(),
    startedAt: z.string(),
    resultsListed: z.object({ statuses: z.array(Status) }).optional(),
  }),
  summary: z.object({
    score: z.number().nullable(),
    coverage: z.number().nullable(),
    practices: z.partialRecord(
      Practice,
      z.object({ score: z.number().nullable(), coverage: z.number().nullable() }),
    ),
  }),
  checks: z.array(z.object({ id: z.string() })),
  results: z.array(
    z.object({
      findingId: z.string().regex(/^[0-9a-f]{32}$/),
      checkId: z.string(),
      status: Status,
      severity: Severity,
      resource: z.object({ arn: z.string(), name: z.string(), region: z.string().nullable() }),
      occurrences: z.array(z.string()).optional(),
    }),
  ),
});

/** Reads a baseline file; `checks` are this run's, used to evaluate an inventory baseline. */
export async function loadBaseline(
  path: string,
  checks: readonly Check[],
  flag = '--baseline',
): Promise<Snapshot> {
  const size = await stat(path).then(
    (s) => (s.isFile() ? s.size : null),
    (err: NodeJS.ErrnoException) => {
      throw new InventoryFileError(`${flag}: cannot read ${JSON.stringify(path)} (${err.code ?? 'error'})`);
    },
  );
  if (size === null) throw new InventoryFileError(`${flag}: ${JSON.stringify(path)} is not a file`);
  if (size > MAX_BASELINE_BYTES) {
    throw new InventoryFileError(
      `${flag}: ${JSON.stringify(path)} is ${Math.round(size / 1024 / 1024)} MB, too large to read whole; ` +
        'give the inventory of that scan instead (--save-inventory), which is much smaller than its report',
    );
  }
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new InventoryFileError(`${flag}: cannot read ${JSON.stringify(path)} (${err.code ?? 'error'})`);
  });
  return parseBaseline(text, basename(path), checks, flag);
}

export function parseBaseline(
  text: string,
  file: string,
  checks: readonly Check[],
  flag = '--baseline',
): Snapshot {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InventoryFileError(
      `${flag}: ${JSON.stringify(file)} is not valid JSON (truncated or corrupt?)`,
    );
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new InventoryFileError(
      `${flag}: ${JSON.stringify(file)} is neither a lambda-posture report nor an inventory`,
    );
  }
  if ('results' in json) {
    const parsed = ReportForBaseline.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : 'the document';
      throw new InventoryFileError(
        `${flag}: ${JSON.stringify(file)} is not a usable lambda-posture report (${where}: ${issue?.message ?? 'invalid'})`,
      );
    }
    const listed = parsed.data.run.resultsListed?.statuses;
    // A comparison is about failures: without them every failure now would read as new.
    if (listed && !listed.includes('fail')) {
      throw new InventoryFileError(
        `${flag}: ${JSON.stringify(file)} lists only its ${listed.join(', ')} results (written with --results), so its failures are not there to compare with: give that scan's inventory, or a report written with fail in --results`,
      );
    }
    return snapshotOf(parsed.data, 'report', file);
  }
  // Anything else must be an inventory; parseInventory says precisely what is wrong with it.
  let inventory: ReturnType<typeof parseInventory>;
  try {
    inventory = parseInventory(text, file);
  } catch (err) {
    throw new InventoryFileError(`${flag}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return evaluatedSnapshot(inventory, checks, 'inventory', file);
}

/**
 * Evaluates a saved inventory with `checks` and keeps what a comparison needs. Its coverage is
 * re-derived first, as for `evaluate`, so the comparison agrees with the data.
 */
export function evaluatedSnapshot(
  saved: Inventory,
  checks: readonly Check[],
  kind: Snapshot['kind'],
  file: string | null,
): Snapshot {
  const inventory: Inventory = { ...saved, coverage: deriveCoverage(saved) };
  // The change checks judge what a --changes-since scan read, as `evaluate` runs them: on an
  // inventory without those changes they do not run (and so are not looked for in a diff).
  const applicable = inventory.scan.changeReview ? checks : checks.filter((c) => !isChangeCheck(c));
  const view = buildView(inventory);
  const results = evaluate(applicable, view, contextOf(view));
  const scores = score(results);
  return snapshotOf(
    {
      tool: { version: inventory.tool.version },
      run: { accountId: inventory.scan.accountId, startedAt: inventory.scan.startedAt },
      summary: {
        score: scores.overall.score,
        coverage: scores.overall.coverage,
        practices: scores.practices,
      },
      checks: applicable,
      results,
    },
    kind,
    file,
    inventory,
  );
}
