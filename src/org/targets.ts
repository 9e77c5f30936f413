/**
 * Which accounts an organization scan covers: the organization (--org), some of its OUs (--ou),
 * or a list (--accounts, --accounts-file), less --exclude-accounts, then the caller's shard.
 * Everything a user typed is checked here, before the first AWS call, so a typo costs nothing.
 */
import { readFile } from 'node:fs/promises';
import type { OrganizationAccount, OrganizationListing } from '../collect/organization.js';
import { fsReason } from '../io/preflight.js';
import { shardTargets, targetsDigest } from '../report/rollup/build.js';
import type { Shard } from './shard.js';

export type TargetSource = 'organization' | 'organizational-units' | 'accounts';

export interface TargetRequest {
  /** --org, --ou (implies the organization), or --accounts / --accounts-file. */
  source: TargetSource;
  organizationalUnits: string[];
  /** --accounts and --accounts-file, merged. */
  accounts: string[];
  exclude: string[];
  shard: Shard | null;
}

export interface Target {
  id: string;
  name: string | null;
  organizationalUnit: string | null;
  /** Only ACTIVE accounts are scanned; the rest are reported with their state. */
  status: string;
}

export interface TargetSelection {
  /** Every target before sharding, by id (what targetsDigest is computed over). */
  all: Target[];
  /** This process's share. */
  mine: Target[];
  targetsDigest: string;
}

export class TargetError extends Error {
  override name = 'UsageError';
}

const ACCOUNT_ID = /^\d{12}$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;

/** --accounts (comma-separated) and --exclude-accounts: twelve-digit ids, each named if wrong. */
export function accountIds(flag: string, values: readonly string[]): string[] {
  const bad = values.filter((v) => !ACCOUNT_ID.test(v));
  if (bad.length > 0) {
    throw new TargetError(
      `${flag}: ${bad.map((b) => JSON.stringify(b)).join(', ')} ${bad.length === 1 ? 'is not an account id' : 'are not account ids'} (twelve digits)`,
    );
  }
  return [...new Set(values)];
}

export function organizationalUnitIds(values: readonly string[]): string[] {
  const bad = values.filter((v) => !OU_ID.test(v));
  if (bad.length > 0) {
    throw new TargetError(
      `--ou: ${bad.map((b) => JSON.stringify(b)).join(', ')} ${bad.length === 1 ? 'is not an OU id' : 'are not OU ids'} (ou-xxxx-xxxxxxxx)`,
    );
  }
  return [...new Set(values)];
}

/** --accounts-file: one account id per line; blank lines and # comments are skipped. */
export async function readAccountsFile(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new TargetError(`--accounts-file ${path}: cannot be read (${fsReason(err)})`);
  }
  const ids: string[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    // A CSV export's first column is accepted: the id, then the name.
    const id = line.split(/[\s,;]+/)[0] ?? '';
    if (!ACCOUNT_ID.test(id)) {
      throw new TargetError(
        `--accounts-file ${path}, line ${i + 1}: ${JSON.stringify(id.slice(0, 40))} is not an account id (twelve digits)`,
      );
    }
    ids.push(id);
  }
  if (ids.length === 0) throw new TargetError(`--accounts-file ${path}: lists no account`);
  return ids;
}

/**
 * The targets: from the organization's listing when there is one (names, OUs, states), else the
 * ids as given. An --accounts id the listing does not hold is kept (a role may still be
 * assumable), with no name.
 */
export function selectTargets(request: TargetRequest, listing: OrganizationListing | null): TargetSelection {
  const exclude = new Set(request.exclude);
  const known = new Map<string, OrganizationAccount>((listing?.accounts ?? []).map((a) => [a.id, a]));
  const given = request.source === 'accounts' ? request.accounts : (listing?.accounts ?? []).map((a) => a.id);
  const all = [...new Set(given)]
    .filter((id) => !exclude.has(id))
    .sort()
    .map((id): Target => {
      const a = known.get(id);
      return {
        id,
        name: a?.name ?? null,
        organizationalUnit: a?.organizationalUnit ?? null,
        status: a?.status ?? 'ACTIVE',
      };
    });
  const ids = all.map((t) => t.id);
  const mine = new Set(shardTargets(ids, request.shard));
  return { all, mine: all.filter((t) => mine.has(t.id)), targetsDigest: targetsDigest(ids) };
}
