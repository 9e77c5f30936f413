/**
 * The accounts of an organization scan, read with the caller's own credentials (the management
 * account, or a delegated administrator of AWS Organizations): the organization itself, then the
 * tree from its root — per parent, ListAccountsForParent and ListOrganizationalUnitsForParent —
 * so every account comes with its OU path ("Root/Workloads/Prod") for the roll-up. `--ou` walks
 * only the named OUs' subtrees, but from the root, since only the walk knows an OU's path.
 *
 * Call plan: 1 DescribeOrganization, 1 ListRoots, then per parent (the root and each OU) one
 * ListAccountsForParent and one ListOrganizationalUnitsForParent page per 20 children (the
 * documented maximum). ListAccounts would list accounts in fewer calls, but without their OU:
 * the walk costs 2 calls per OU, once per scan, where a scan then makes thousands per account.
 *
 * Listing is all or nothing: a walk that fails half-way would scan a silent subset of the
 * organization, so any failed read stops the scan with a CollectError naming the call.
 */
import {
  type Account,
  DescribeOrganizationCommand,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListRoots,
} from '@aws-sdk/client-organizations';
import type { AwsSession } from '../aws/clients.js';
import { classifyError } from '../aws/errors.js';
import { CollectError } from './errors.js';
import { isAbort } from './read.js';

export interface OrganizationAccount {
  id: string;
  name: string | null;
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE… as Organizations reports it (State, else Status). */
  status: string;
  /** The path of OU names from the root, e.g. "Root/Workloads/Prod". */
  organizationalUnit: string;
  /** The root and each OU above the account, root first (where its SCPs are attached). */
  parents: { id: string; name: string }[];
}

export interface OrganizationListing {
  id: string;
  managementAccountId: string;
  /** Whether the root has the SERVICE_CONTROL_POLICY policy type enabled (else no SCP applies). */
  serviceControlPolicies: boolean;
  /** By account id. */
  accounts: OrganizationAccount[];
}

const PAGE = 20;

export async function listOrganization(
  session: Pick<AwsSession, 'organizations'>,
  options: { organizationalUnits?: readonly string[] } = {},
): Promise<OrganizationListing> {
  const client = session.organizations();
  const org = await call('DescribeOrganization', () =>
    client.send(new DescribeOrganizationCommand({})).then((o) => o.Organization),
  );
  if (!org?.Id || !org.MasterAccountId) {
    throw new CollectError('aws', 'DescribeOrganization returned no organization id or management account');
  }
  const roots = await call('ListRoots', async () => {
    const ids: { id: string; name: string; scp: boolean }[] = [];
    for await (const page of paginateListRoots({ client, pageSize: PAGE }, {}))
      for (const r of page.Roots ?? []) {
        const scp = (r.PolicyTypes ?? []).some(
          (t) => t.Type === 'SERVICE_CONTROL_POLICY' && t.Status === 'ENABLED',
        );
        if (r.Id) ids.push({ id: r.Id, name: r.Name ?? 'Root', scp });
      }
    return ids;
  });
  const wanted = options.organizationalUnits ? new Set(options.organizationalUnits) : null;
  const found = new Set<string>();
  const accounts = new Map<string, OrganizationAccount>();

  // Breadth first, each level's parents concurrently: the session's limiter paces the calls.
  type Parent = { id: string; path: string; inScope: boolean; chain: { id: string; name: string }[] };
  let level: Parent[] = roots.map((r) => ({
    id: r.id,
    path: r.name,
    inScope: wanted === null,
    chain: [{ id: r.id, name: r.name }],
  }));
  while (level.length > 0) {
    const next = await Promise.all(
      level.map(async (parent) => {
        const [children, units] = await Promise.all([
          parent.inScope ? accountsOf(parent.id) : Promise.resolve([]),
          unitsOf(parent.id),
        ]);
        for (const a of children) {
          if (!a.Id) continue;
          accounts.set(a.Id, {
            id: a.Id,
            name: a.Name ?? null,
            status: accountStatus(a),
            organizationalUnit: parent.path,
            parents: parent.chain,
          });
        }
        return units.map((u) => {
          const selected = wanted?.has(u.id) === true;
          if (selected) found.add(u.id);
          return {
            id: u.id,
            path: `${parent.path}/${u.name}`,
            inScope: parent.inScope || selected,
            chain: [...parent.chain, { id: u.id, name: u.name }],
          };
        });
      }),
    );
    level = next.flat();
  }
  const missing = [...(wanted ?? [])].filter((ou) => !found.has(ou));
  if (missing.length > 0) {
    throw new CollectError(
      'usage',
      `--ou: ${missing.join(', ')} ${missing.length === 1 ? 'is not an organizational unit' : 'are not organizational units'} of organization ${org.Id}`,
    );
  }
  return {
    id: org.Id,
    managementAccountId: org.MasterAccountId,
    serviceControlPolicies: roots.some((r) => r.scp),
    accounts: [...accounts.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };

  function accountsOf(parentId: string): Promise<Account[]> {
    return call('ListAccountsForParent', async () => {
      const out: Account[] = [];
      for await (const page of paginateListAccountsForParent(
        { client, pageSize: PAGE },
        { ParentId: parentId },
      ))
        out.push(...(page.Accounts ?? []));
      return out;
    });
  }

  function unitsOf(parentId: string): Promise<{ id: string; name: string }[]> {
    return call('ListOrganizationalUnitsForParent', async () => {
      const out: { id: string; name: string }[] = [];
      for await (const page of paginateListOrganizationalUnitsForParent(
        { client, pageSize: PAGE },
        { ParentId: parentId },
      ))
        for (const u of page.OrganizationalUnits ?? [])
          if (u.Id) out.push({ id: u.Id, name: u.Name ?? u.Id });
      return out;
    });
  }
}

/**
 * Organizations' newer `State` (ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED, …) where the answer
 * has it, else the older `Status`, which it replaces.
 */
function accountStatus(a: Account): string {
  return a.State ?? a.Status ?? 'UNKNOWN';
}

async function call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isAbort(err)) throw err;
    const e = classifyError(err, 'organizations', operation, undefined);
    const hint =
      e.code === 'AWSOrganizationsNotInUseException'
        ? 'the caller’s account is in no organization'
        : e.class === 'access-denied'
          ? 'the organization can be listed only from its management account or a delegated administrator, with organizations:DescribeOrganization, ListRoots, ListAccountsForParent and ListOrganizationalUnitsForParent'
          : e.message;
    // Denied: the caller cannot list (exit 4); in no organization: --org cannot apply (exit 2);
    // anything else may pass (throttled out, AWS failing: exit 5, retry).
    const kind =
      e.class === 'access-denied'
        ? 'credentials'
        : e.code === 'AWSOrganizationsNotInUseException'
          ? 'usage'
          : 'aws';
    throw new CollectError(
      kind,
      `could not list the organization's accounts: organizations:${operation} failed (${e.code}): ${hint}`,
    );
  }
}
