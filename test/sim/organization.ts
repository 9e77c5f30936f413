/**
 * A generated AWS Organization for the organization scan's tests: the management account and
 * N − 1 members, each a full generated account with its own seed (derived from the organization's,
 * so two accounts differ), an OU tree three levels deep, suspended members, members without the
 * audit role, members an SCP denies a region, and service control policies attached to the root,
 * OUs and accounts.
 *
 * Layout (ids are seeded, names fixed):
 *   Root ── management account, some members
 *   ├─ Security ── security-tooling
 *   ├─ Workloads            (SCP DenyLeaveOrganization)
 *   │  ├─ Prod              (SCP ProtectAuditRole)
 *   │  └─ NonProd
 *   │     └─ Sandbox
 *   └─ Suspended ── the suspended members
 * FullAWSAccess is attached to the root, every OU and every account, as AWS does by default.
 *
 * GuardDuty: the first member is the organization's delegated administrator in every region, and
 * every account's detectors are associated with it, except the last ACTIVE member with the audit
 * role (`guardDutyUnassociated`), left standalone.
 *
 * One member (ACTIVE, with the role, no SCP-denied region) gets two cross-account grants on two
 * of its functions: one to another member of the organization, one to an outside account
 * (gen-grants.ts). Both are lambda.cross-account-grant findings in its manifest; `grants` says
 * which is inside the organization.
 */
import {
  DEFAULT_NOW,
  type GenerateOptions,
  generateAccount,
  type Manifest,
  type SimAccount,
} from './account.js';
import type { PlantedGrant } from './gen-grants.js';
import {
  OrgDirectory,
  type SimOrgAccountInfo,
  type SimOrganizationConfig,
  type SimOrgMember,
  type SimOrgUnit,
  type SimServiceControlPolicy,
} from './org-model.js';
import { chars, fork, LOWER_ALNUM } from './prng.js';

export type {
  OrgAccountView,
  SimAccountStatus,
  SimOrgAccountInfo,
  SimOrganizationConfig,
  SimOrgMember,
  SimOrgUnit,
  SimServiceControlPolicy,
} from './org-model.js';
export { OrgDirectory } from './org-model.js';

/** The management account's id; member i (1-based) is 100000000001 + i. */
export const ORG_MANAGEMENT_ACCOUNT_ID = '100000000001';
/** The account outside the organization that the planted outside grant names. */
export const OUTSIDE_ACCOUNT_ID = '444455556666';
export const DEFAULT_AUDIT_ROLE_NAME = 'LambdaPostureAudit';

export interface GenerateOrganizationOptions {
  seed: number;
  /** Accounts in all, the management account included (at least 1). */
  accounts: number;
  regions: string[];
  functionsPerRegion: number | Record<string, number>;
  users: number;
  misconfigRate?: number;
  now?: string;
  /** Members SUSPENDED (the last ones, placed in the Suspended OU). */
  suspended?: number;
  /** ACTIVE members whose audit role does not exist. */
  roleMissing?: number;
  /** ACTIVE members (with the role) an SCP denies `region`: every request there is AccessDenied. */
  scpDeniedRegion?: { accounts: number; region: string };
  /** Default DEFAULT_AUDIT_ROLE_NAME. */
  auditRoleName?: string;
  /** The ExternalId every audit role's trust requires; absent: none. */
  externalId?: string;
}

/** A planted grant, and whether its grantee belongs to the organization. */
export interface OrgGrant extends PlantedGrant {
  inOrganization: boolean;
}

export interface GeneratedOrganization {
  /** The management account: serve it as SimOptions.account. */
  account: SimAccount;
  /** Serve it as SimOptions.organization. */
  organization: SimOrganizationConfig;
  /** Every account's ground truth, the management account's included, by account id. */
  manifests: Record<string, Manifest>;
  grants: OrgGrant[];
  /** The GuardDuty delegated administrator, and the member left unassociated (null: none). */
  guardDuty: { delegatedAdministrator: string | null; unassociated: string | null };
}

/** The id of account i of a generated organization (0: the management account). */
export function orgAccountId(i: number): string {
  return String(Number(ORG_MANAGEMENT_ACCOUNT_ID) + i);
}

const WORKLOADS = ['payments', 'identity', 'catalog', 'search', 'billing', 'analytics', 'media'];
type Placement = 'root' | 'security' | 'prod' | 'nonprod' | 'sandbox';
/** Where the ACTIVE members go, in turn (the first to Security). */
const PLACEMENTS: readonly Placement[] = [
  'security',
  'prod',
  'nonprod',
  'sandbox',
  'root',
  'prod',
  'nonprod',
];
const STAGE: Record<Placement, string> = {
  root: 'shared',
  security: 'tooling',
  prod: 'prod',
  nonprod: 'staging',
  sandbox: 'sandbox',
};
const DAY_MS = 86_400_000;

export function generateOrganization(opts: GenerateOrganizationOptions): GeneratedOrganization {
  const n = opts.accounts;
  if (!Number.isInteger(n) || n < 1) throw new Error(`accounts must be a whole number >= 1, got ${n}`);
  const members = n - 1;
  const suspended = opts.suspended ?? 0;
  const roleMissing = opts.roleMissing ?? 0;
  const denied = opts.scpDeniedRegion?.accounts ?? 0;
  if (suspended + roleMissing + denied > members) {
    throw new Error(
      `${suspended} suspended + ${roleMissing} role-missing + ${denied} SCP-denied > ${members} members`,
    );
  }
  const rng = fork(opts.seed, 'organization');
  const orgId = `o-${chars(rng, LOWER_ALNUM, 10)}`;
  const root4 = chars(rng, LOWER_ALNUM, 4);
  const rootId = `r-${root4}`;
  const ouId = () => `ou-${root4}-${chars(rng, LOWER_ALNUM, 8)}`;
  const policyId = () => `p-${chars(rng, LOWER_ALNUM, 8)}`;
  const unit = (name: string, parentId: string): SimOrgUnit => ({ id: ouId(), name, parentId });
  const security = unit('Security', rootId);
  const workloads = unit('Workloads', rootId);
  const prod = unit('Prod', workloads.id);
  const nonprod = unit('NonProd', workloads.id);
  const sandbox = unit('Sandbox', nonprod.id);
  const retired = unit('Suspended', rootId);
  const parentOf: Record<Placement, string> = {
    root: rootId,
    security: security.id,
    prod: prod.id,
    nonprod: nonprod.id,
    sandbox: sandbox.id,
  };
  const auditRoleName = opts.auditRoleName ?? DEFAULT_AUDIT_ROLE_NAME;
  const nowMs = Date.parse(opts.now ?? DEFAULT_NOW);
  const joined = (i: number) => new Date(nowMs - (900 - 7 * i) * DAY_MS).toISOString().replace('.000Z', 'Z');

  // Member j (1-based): active ones first, the suspended ones last. Among the active: the
  // SCP-denied from the front, the role-missing from the back, the grantor the first of neither.
  const active = members - suspended;
  const isDenied = (j: number) => j >= 1 && j <= denied;
  const isRoleMissing = (j: number) => j > active - roleMissing && j <= active;
  const grantor = active > denied + roleMissing ? denied + 1 : null;
  const inOrgGrantee = grantor === null ? null : grantor < active ? grantor + 1 : grantor > 1 ? 1 : 0;

  const identity = {
    id: orgId,
    managementAccountId: ORG_MANAGEMENT_ACCOUNT_ID,
    managementAccountEmail: 'aws+management@example.com',
    featureSet: 'ALL' as const,
    rootFeatures: ['RootCredentialsManagement', 'RootSessions'] as (
      | 'RootCredentialsManagement'
      | 'RootSessions'
    )[],
  };
  // GuardDuty: the first member (placed in Security, as AWS recommends a security account) is the
  // delegated administrator in every region; every other account is associated with it except
  // one, the last ACTIVE member with the audit role, left standalone as the check's ground truth.
  // Fixed choices, no draw: nothing seeded moves.
  const guardDutyAdmin = active >= 1 ? orgAccountId(1) : null;
  const unassociated = active - roleMissing > 1 ? active - roleMissing : null;
  const guardDuty = (i: number): Pick<GenerateOptions, 'guardDutyOrganization'> =>
    guardDutyAdmin === null
      ? {}
      : { guardDutyOrganization: { delegatedAdministrator: guardDutyAdmin, associated: i !== unassociated } };
  const base = (i: number): GenerateOptions => ({
    seed: accountSeed(opts.seed, i),
    regions: opts.regions,
    functionsPerRegion: opts.functionsPerRegion,
    users: opts.users,
    ...(opts.misconfigRate === undefined ? {} : { misconfigRate: opts.misconfigRate }),
    ...(opts.now === undefined ? {} : { now: opts.now }),
    accountId: orgAccountId(i),
    organization: identity,
    ...guardDuty(i),
  });

  const manifests: Record<string, Manifest> = {};
  const grants: OrgGrant[] = [];
  const mgmt = generateAccount(base(0));
  manifests[mgmt.account.accountId] = mgmt.manifest;

  const memberList: SimOrgMember[] = [];
  let workload = 0;
  let securityCount = 0;
  for (let j = 1; j <= members; j++) {
    const isSuspended = j > active;
    const opt = base(j);
    if (j === grantor && inOrgGrantee !== null) {
      opt.crossAccountGrants = [{ grantee: orgAccountId(inOrgGrantee) }, { grantee: OUTSIDE_ACCOUNT_ID }];
    }
    const g = generateAccount(opt);
    manifests[g.account.accountId] = g.manifest;
    for (const grant of g.crossAccountGrants ?? [])
      grants.push({ ...grant, inOrganization: grant.grantee !== OUTSIDE_ACCOUNT_ID });
    let name: string;
    let parentId: string;
    const placement = PLACEMENTS[(j - 1) % PLACEMENTS.length] ?? 'root';
    if (isSuspended) {
      name = `retired-${j}`;
      parentId = retired.id;
    } else if (placement === 'security') {
      securityCount++;
      name = securityCount > 1 ? `security-tooling-${securityCount}` : 'security-tooling';
      parentId = parentOf.security;
    } else {
      const w = WORKLOADS[workload % WORKLOADS.length] ?? 'app';
      const round = Math.floor(workload / WORKLOADS.length);
      workload++;
      name = `${w}-${STAGE[placement]}${round > 0 ? `-${round + 1}` : ''}`;
      parentId = parentOf[placement];
    }
    const info: SimOrgAccountInfo = {
      name,
      email: `aws+${name}@example.com`,
      parentId,
      joinedMethod: j % 5 === 0 ? 'INVITED' : 'CREATED',
      joinedTimestamp: joined(j),
      ...(isRoleMissing(j) ? { roleMissing: true } : {}),
    };
    memberList.push({
      ...info,
      account: g.account,
      status: isSuspended ? 'SUSPENDED' : 'ACTIVE',
      ...(isDenied(j) && opts.scpDeniedRegion ? { scpDeniedRegions: [opts.scpDeniedRegion.region] } : {}),
    });
  }

  const units = [security, workloads, prod, nonprod, sandbox, retired];
  const everyAccount = [ORG_MANAGEMENT_ACCOUNT_ID, ...memberList.map((m) => m.account.accountId)];
  const policies: SimServiceControlPolicy[] = [
    {
      id: 'p-FullAWSAccess',
      name: 'FullAWSAccess',
      description: 'Allows access to every operation',
      awsManaged: true,
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      targetIds: [rootId, ...units.map((u) => u.id), ...everyAccount],
    },
    {
      id: policyId(),
      name: 'DenyLeaveOrganization',
      description: 'Member accounts cannot leave the organization',
      awsManaged: false,
      document: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
      },
      targetIds: [workloads.id],
    },
    {
      id: policyId(),
      name: 'ProtectAuditRole',
      description: 'Nobody in the account changes the security audit role',
      awsManaged: false,
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Action: [
              'iam:DeleteRole',
              'iam:UpdateAssumeRolePolicy',
              'iam:DetachRolePolicy',
              'iam:PutRolePolicy',
            ],
            Resource: `arn:aws:iam::*:role/${auditRoleName}`,
          },
        ],
      },
      targetIds: [prod.id],
    },
  ];
  const deniedIds = memberList.filter((m) => m.scpDeniedRegions).map((m) => m.account.accountId);
  if (opts.scpDeniedRegion && deniedIds.length > 0) {
    const region = opts.scpDeniedRegion.region;
    policies.push({
      id: policyId(),
      name: `DenyRegion-${region}`,
      description: `No workload in ${region}`,
      awsManaged: false,
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Action: '*',
            Resource: '*',
            Condition: { StringEquals: { 'aws:RequestedRegion': region } },
          },
        ],
      },
      targetIds: deniedIds,
    });
  }

  const organization: SimOrganizationConfig = {
    id: orgId,
    featureSet: 'ALL',
    rootFeatures: identity.rootFeatures,
    rootId,
    management: {
      name: 'management',
      email: identity.managementAccountEmail,
      parentId: rootId,
      // The account that created the organization is listed as having been invited to it.
      joinedMethod: 'INVITED',
      joinedTimestamp: joined(0),
    },
    members: memberList,
    organizationalUnits: units,
    policies,
    auditRoleName,
    ...(opts.externalId === undefined ? {} : { externalId: opts.externalId }),
    ...(guardDutyAdmin === null
      ? {}
      : {
          guardDutyAdmins: Object.fromEntries(
            opts.regions.map((r) => [r, [{ accountId: guardDutyAdmin, status: 'ENABLED' as const }]]),
          ),
        }),
  };
  // The directory's checks throw on an inconsistent tree: a bug here, better found now than in a test.
  void new OrgDirectory(organization, mgmt.account);
  return {
    account: mgmt.account,
    organization,
    manifests,
    grants,
    guardDuty: {
      delegatedAdministrator: guardDutyAdmin,
      unassociated: unassociated === null ? null : orgAccountId(unassociated),
    },
  };
}

/** Account i's generator seed: a draw of the organization's seed, so accounts differ. */
function accountSeed(orgSeed: number, i: number): number {
  return Math.floor(fork(orgSeed, `account-${i}`)() * 2 ** 32);
}
