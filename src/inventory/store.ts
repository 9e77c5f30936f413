/**
 * Saving and loading inventories. Both directions validate against the schema, so a saved file is
 * always loadable, and a corrupt, foreign or wrong-version file is a clear error, not a crash.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../io/atomic-write.js';
import { jsonChunks } from '../io/json-chunks.js';
import type { ReadId } from './reads.js';
import { INVENTORY_SCHEMA_VERSION, Inventory } from './schema.js';

export class InventoryFileError extends Error {
  override name = 'InventoryFileError';
}

export async function saveInventory(path: string, inventory: Inventory): Promise<void> {
  const checked = Inventory.safeParse(inventory);
  if (!checked.success) {
    throw new InventoryFileError(`refusing to save an invalid inventory: ${firstIssue(checked.error)}`);
  }
  // Streamed in chunks: a large account's inventory can exceed V8's longest string.
  await writeFileAtomic(
    path,
    (function* () {
      yield* jsonChunks(checked.data, 0);
      yield '\n';
    })(),
  );
}

export async function loadInventory(path: string): Promise<Inventory> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new InventoryFileError(`cannot read inventory file ${JSON.stringify(path)} (${code})`);
  }
  return parseInventory(text, path);
}

export function parseInventory(text: string, path = 'inventory'): Inventory {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InventoryFileError(`${path} is not valid JSON (truncated or corrupt?)`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InventoryFileError(`${path} is not a lambda-posture inventory (expected a JSON object)`);
  }
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (version === 1) raw = upgradeFromVersion1(raw as Record<string, unknown>);
  else if (version !== INVENTORY_SCHEMA_VERSION) {
    throw new InventoryFileError(
      version === undefined
        ? `${path} is not a lambda-posture inventory (no schemaVersion)`
        : `${path} has inventory schema version ${JSON.stringify(version)}; this lambda-posture reads versions 1 and ${INVENTORY_SCHEMA_VERSION}`,
    );
  }
  const parsed = Inventory.safeParse(raw);
  if (!parsed.success)
    throw new InventoryFileError(`${path} is not a valid inventory: ${firstIssue(parsed.error)}`);
  return parsed.data;
}

/** Everything a version-1 scan read: it had no plan and collected all of it, every time. */
const VERSION_1_READS: readonly ReadId[] = [
  'iam.authorization',
  'iam.credential-report',
  'iam.account-summary',
  'iam.password-policy',
  'iam.virtual-mfa-devices',
  'lambda.functions',
  'lambda.environment',
  'lambda.policies',
  'lambda.urls',
  'lambda.reserved-concurrency',
  'lambda.code-signing',
  'lambda.event-source-mappings',
  'guardduty.detectors',
];

/**
 * A version-1 document is a version-2 document whose plan is everything that release read.
 * Anything else about the file is checked by the schema as usual.
 */
function upgradeFromVersion1(raw: Record<string, unknown>): unknown {
  const scan = raw.scan;
  if (typeof scan !== 'object' || scan === null || Array.isArray(scan)) return raw;
  return {
    ...raw,
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    scan: { ...scan, plan: [...VERSION_1_READS], timeout: null },
  };
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'unknown validation error';
  const where = issue.path.map(String).join('.') || '(root)';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return `${where}: ${issue.message}${more}`;
}
