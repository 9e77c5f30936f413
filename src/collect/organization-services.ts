/**
 * What the organization's security services say about the whole organization, read once per
 * organization scan with the caller's own credentials (the management account, or a delegated
 * administrator of AWS Organizations) — the answers a member account's audit role cannot get:
 *
 * - the GuardDuty delegated administrator, per region (guardduty:ListOrganizationAdminAccounts).
 *   GuardDuty designates it per Region ("manage GuardDuty for other accounts in the organization
 *   in the current Region", one per Region:
 *   https://docs.aws.amazon.com/guardduty/latest/ug/organizations_permissions.html,
 *   https://docs.aws.amazon.com/guardduty/latest/ug/consolidate-orgs.html), so it is read in each
 *   region the scan covers. "Only the organization's management account can run this API
 *   operation" (https://docs.aws.amazon.com/guardduty/latest/APIReference/API_ListOrganizationAdminAccounts.html):
 *   any other caller is known in advance to be refused (GuardDuty answers such a caller with a
 *   BadRequestException, "you do not have required AWS Organization master permission"), so the
 *   call is not made and the answer is the value `notAnswerable: caller-not-management-account`,
 *   not a failed read. A read made and failed (denied, throttled) is a failed read.
 * - centralized root access (iam:ListOrganizationsFeatures), which the management account or the
 *   IAM delegated administrator answers (design note 32); its documented refusals are values,
 *   read by the IAM collector's own reading of the call, so the two never disagree.
 *
 * Call plan: one ListOrganizationAdminAccounts page (50 administrators: an organization has at
 * most one per region) per region, one ListOrganizationsFeatures; each only when a selected check
 * reads it.
 */
import { paginateListOrganizationAdminAccounts } from '@aws-sdk/client-guardduty';
import type { AwsSession } from '../aws/clients.js';
import { ReadPlan } from '../inventory/reads.js';
import type { Fetched, GuardDutyOrganizationAdmins, OrganizationsFeatures } from '../inventory/schema.js';
import { collectIam } from './iam.js';
import { read } from './read.js';

/** ListOrganizationAdminAccounts' largest page. */
const PAGE = 50;

export interface OrganizationServicesRequest {
  /** The caller's account (GetCallerIdentity). */
  callerAccountId: string;
  managementAccountId: string;
  /** Regions to read GuardDuty's delegated administrator in; absent: not read. */
  guardDutyRegions?: readonly string[];
  /** Read centralized root access. */
  rootAccess: boolean;
}

export interface OrganizationServices {
  guardDutyAdministrators?: Record<string, Fetched<GuardDutyOrganizationAdmins>>;
  rootAccess?: Fetched<OrganizationsFeatures>;
}

export async function readOrganizationServices(
  session: Pick<AwsSession, 'guardduty' | 'iam'>,
  request: OrganizationServicesRequest,
): Promise<OrganizationServices> {
  const [admins, rootAccess] = await Promise.all([
    request.guardDutyRegions
      ? Promise.all(
          request.guardDutyRegions.map(
            async (region) => [region, await guardDutyAdmins(session, region, request)] as const,
          ),
        )
      : undefined,
    request.rootAccess ? readRootAccess(session) : undefined,
  ]);
  const out: OrganizationServices = {};
  if (admins) out.guardDutyAdministrators = Object.fromEntries(admins);
  if (rootAccess) out.rootAccess = rootAccess;
  return out;
}

function guardDutyAdmins(
  session: Pick<AwsSession, 'guardduty'>,
  region: string,
  request: OrganizationServicesRequest,
): Promise<Fetched<GuardDutyOrganizationAdmins>> {
  if (request.callerAccountId !== request.managementAccountId) {
    return Promise.resolve({
      ok: true,
      value: { adminAccounts: [], notAnswerable: 'caller-not-management-account' },
    });
  }
  const client = session.guardduty(region);
  return read('guardduty', 'ListOrganizationAdminAccounts', region, async () => {
    const adminAccounts: GuardDutyOrganizationAdmins['adminAccounts'] = [];
    for await (const page of paginateListOrganizationAdminAccounts({ client, pageSize: PAGE }, {}))
      for (const a of page.AdminAccounts ?? [])
        if (a.AdminAccountId)
          adminAccounts.push({ accountId: a.AdminAccountId, status: a.AdminStatus ?? 'UNKNOWN' });
    adminAccounts.sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
    return { adminAccounts, notAnswerable: null };
  });
}

/** The IAM collector's one read, so its refusals map to values exactly as in an account's scan. */
async function readRootAccess(session: Pick<AwsSession, 'iam'>): Promise<Fetched<OrganizationsFeatures>> {
  const slice = await collectIam(session, { plan: new ReadPlan(['iam.organizations-features']) });
  if (slice.status === 'error') return { ok: false, error: slice.error };
  if (slice.status === 'ok' && slice.data.organizationsFeatures) return slice.data.organizationsFeatures;
  throw new Error('unreachable: the IAM collector made the one read it was asked for');
}
