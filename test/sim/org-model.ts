/**
 * The AWS Organization the simulator can serve (SimOptions.organization): plain data about the
 * accounts, the OU tree and the service control policies, and the read-only directory the
 * Organizations service module and the router answer from.
 *
 * The served account (SimOptions.account) is the management account; every member is a further
 * SimAccount with its own state. Ids follow AWS's patterns (o-…, r-…, ou-<root>-…, p-…), so a
 * client validating them accepts them.
 */
import type { PolicyDoc, SimAccount, SimOrganization } from './account.js';

export type SimAccountStatus = 'ACTIVE' | 'SUSPENDED';

/** What the organization records about an account, the management account included. */
export interface SimOrgAccountInfo {
  name: string;
  email: string;
  /** The root's id (r-…) or an OU's id (ou-…). */
  parentId: string;
  joinedMethod: 'CREATED' | 'INVITED';
  joinedTimestamp: string;
  /** The audit role does not exist in this account: AssumeRole answers AccessDenied. */
  roleMissing?: boolean;
}

export interface SimOrgMember extends SimOrgAccountInfo {
  account: SimAccount;
  status: SimAccountStatus;
  /**
   * Regions a service control policy denies to this account: every request of the account
   * signed for one of them answers AccessDenied "… with an explicit deny in a service control
   * policy". (SCPs never apply to the management account, so only members have this.)
   */
  scpDeniedRegions?: string[];
}

export interface SimOrgUnit {
  id: string;
  name: string;
  /** The root's id or another OU's id. */
  parentId: string;
}

export interface SimServiceControlPolicy {
  id: string;
  name: string;
  description: string;
  awsManaged: boolean;
  document: PolicyDoc;
  /** Root, OU and account ids the policy is attached to. */
  targetIds: string[];
}

export interface SimOrganizationConfig {
  /** o- followed by 10 lowercase letters or digits. */
  id: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  /** Centralized root access features (iam:ListOrganizationsFeatures); absent: none. */
  rootFeatures?: SimOrganization['rootFeatures'];
  /** r- followed by 4 lowercase letters or digits. */
  rootId: string;
  management: SimOrgAccountInfo;
  members: SimOrgMember[];
  organizationalUnits: SimOrgUnit[];
  /** Service control policies (FullAWSAccess included when the organization has it). */
  policies: SimServiceControlPolicy[];
  /** The role every account's audit trust names: arn:aws:iam::<account>:role/<auditRoleName>. */
  auditRoleName: string;
  /** The ExternalId that role's trust policy requires; absent: none. */
  externalId?: string;
  /**
   * GuardDuty delegated administrators by region, as the management account's
   * ListOrganizationAdminAccounts lists them (at most one per region); absent: none anywhere.
   */
  guardDutyAdmins?: Record<string, { accountId: string; status: 'ENABLED' | 'DISABLE_IN_PROGRESS' }[]>;
}

/** One account as Organizations describes it. */
export interface OrgAccountView {
  id: string;
  name: string;
  email: string;
  status: SimAccountStatus;
  parentId: string;
  joinedMethod: 'CREATED' | 'INVITED';
  joinedTimestamp: string;
}

export type OrgTargetType = 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';

/** Lookups over a configuration, checked once when the simulator starts. */
export class OrgDirectory {
  readonly config: SimOrganizationConfig;
  readonly managementAccountId: string;
  /** Management first, then the members in the configuration's order. */
  readonly accounts: readonly OrgAccountView[];
  private readonly byId: Map<string, OrgAccountView>;
  private readonly ous: Map<string, SimOrgUnit>;

  constructor(config: SimOrganizationConfig, management: SimAccount) {
    this.config = config;
    this.managementAccountId = management.accountId;
    const view = (id: string, info: SimOrgAccountInfo, status: SimAccountStatus): OrgAccountView => ({
      id,
      name: info.name,
      email: info.email,
      status,
      parentId: info.parentId,
      joinedMethod: info.joinedMethod,
      joinedTimestamp: info.joinedTimestamp,
    });
    this.accounts = [
      view(management.accountId, config.management, 'ACTIVE'),
      ...config.members.map((m) => view(m.account.accountId, m, m.status)),
    ];
    this.byId = new Map(this.accounts.map((a) => [a.id, a]));
    if (this.byId.size !== this.accounts.length) throw new Error('organization: duplicate account id');
    this.ous = new Map(config.organizationalUnits.map((o) => [o.id, o]));
    for (const o of config.organizationalUnits) {
      if (!this.isParent(o.parentId)) throw new Error(`organization: OU ${o.id} has no parent ${o.parentId}`);
    }
    for (const a of this.accounts) {
      if (!this.isParent(a.parentId))
        throw new Error(`organization: account ${a.id} has no parent ${a.parentId}`);
    }
    for (const p of config.policies) {
      for (const t of p.targetIds)
        if (!this.targetType(t)) throw new Error(`organization: policy ${p.id} targets unknown ${t}`);
    }
  }

  account(id: string): OrgAccountView | undefined {
    return this.byId.get(id);
  }

  ou(id: string): SimOrgUnit | undefined {
    return this.ous.get(id);
  }

  isParent(id: string): boolean {
    return id === this.config.rootId || this.ous.has(id);
  }

  targetType(id: string): OrgTargetType | null {
    if (id === this.config.rootId) return 'ROOT';
    if (this.ous.has(id)) return 'ORGANIZATIONAL_UNIT';
    if (this.byId.has(id)) return 'ACCOUNT';
    return null;
  }

  targetName(id: string): string {
    if (id === this.config.rootId) return 'Root';
    return this.ous.get(id)?.name ?? this.byId.get(id)?.name ?? id;
  }

  accountsIn(parentId: string): OrgAccountView[] {
    return this.accounts.filter((a) => a.parentId === parentId);
  }

  unitsIn(parentId: string): SimOrgUnit[] {
    return this.config.organizationalUnits.filter((o) => o.parentId === parentId);
  }

  /** The parent of an OU or an account; undefined for anything else. */
  parentOf(childId: string): string | undefined {
    return this.ous.get(childId)?.parentId ?? this.byId.get(childId)?.parentId;
  }

  policy(id: string): SimServiceControlPolicy | undefined {
    return this.config.policies.find((p) => p.id === id);
  }

  policiesFor(targetId: string): SimServiceControlPolicy[] {
    return this.config.policies.filter((p) => p.targetIds.includes(targetId));
  }

  // ARNs as Organizations writes them: the management account's, with the organization's id.
  get arn(): string {
    return `arn:aws:organizations::${this.managementAccountId}:organization/${this.config.id}`;
  }

  accountArn(id: string): string {
    return `arn:aws:organizations::${this.managementAccountId}:account/${this.config.id}/${id}`;
  }

  rootArn(): string {
    return `arn:aws:organizations::${this.managementAccountId}:root/${this.config.id}/${this.config.rootId}`;
  }

  ouArn(id: string): string {
    return `arn:aws:organizations::${this.managementAccountId}:ou/${this.config.id}/${id}`;
  }

  policyArn(p: SimServiceControlPolicy): string {
    // AWS-managed policies live in the "aws" account, outside any organization.
    return p.awsManaged
      ? `arn:aws:organizations::aws:policy/service_control_policy/${p.id}`
      : `arn:aws:organizations::${this.managementAccountId}:policy/${this.config.id}/service_control_policy/${p.id}`;
  }

  targetArn(id: string): string {
    const type = this.targetType(id);
    if (type === 'ROOT') return this.rootArn();
    if (type === 'ORGANIZATIONAL_UNIT') return this.ouArn(id);
    return this.accountArn(id);
  }

  /** The account-level view every account of the organization reports (SimAccount.organization). */
  identity(): SimOrganization {
    return {
      id: this.config.id,
      managementAccountId: this.managementAccountId,
      managementAccountEmail: this.config.management.email,
      featureSet: this.config.featureSet,
      ...(this.config.rootFeatures ? { rootFeatures: [...this.config.rootFeatures] } : {}),
    };
  }
}
