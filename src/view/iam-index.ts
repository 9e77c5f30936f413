/**
 * The account's IAM entities, indexed once: roles by role key (name, case- and path-blind), users
 * and groups by name, managed policies by ARN, and for each managed policy the principals that
 * attach it. Policy documents come out as `Read<PolicyDocument>`, so "unreadable", "unparsable"
 * and "not returned" each carry their reason. Built from GetAccountAuthorizationDetails only; the
 * IAM evaluator stands on this.
 */
import type {
  AuthorizationDetails,
  IamGroup,
  IamRole,
  IamUser,
  ManagedPolicy,
  ParsedPolicy,
  PolicyDocument,
} from '../inventory/schema.js';
import { roleKey } from '../policy/arn.js';
import { memoize } from './memo.js';
import { describeError, missingRead, ok, type Read } from './verdict.js';

type InlinePolicyEntry = { name: string; policy: ParsedPolicy };

export interface PrincipalRef {
  kind: 'user' | 'group' | 'role';
  name: string;
  arn: string;
}

/** One policy that applies to a principal, with its document. */
export interface AppliedPolicy {
  name: string;
  /** null for an inline policy. */
  arn: string | null;
  document: Read<PolicyDocument>;
}

export class IamIndex {
  readonly users: readonly IamUser[];
  readonly groups: readonly IamGroup[];
  readonly roles: readonly IamRole[];
  readonly policies: readonly ManagedPolicy[];
  private readonly roleByKey = new Map<string, IamRole>();
  private readonly userByName = new Map<string, IamUser>();
  private readonly groupByName = new Map<string, IamGroup>();
  private readonly policyByArn = new Map<string, ManagedPolicy>();
  private readonly attachments = new Map<string, PrincipalRef[]>();

  constructor(auth: AuthorizationDetails) {
    this.users = auth.users;
    this.groups = auth.groups;
    this.roles = auth.roles;
    this.policies = auth.policies;
    for (const r of auth.roles) this.roleByKey.set(roleKey(r.arn), r);
    for (const u of auth.users) this.userByName.set(u.name, u);
    for (const g of auth.groups) this.groupByName.set(g.name, g);
    for (const p of auth.policies) this.policyByArn.set(p.arn, p);
    const principals: [PrincipalRef['kind'], readonly (IamUser | IamGroup | IamRole)[]][] = [
      ['user', auth.users],
      ['group', auth.groups],
      ['role', auth.roles],
    ];
    for (const [kind, entities] of principals) {
      for (const e of entities) {
        const ref: PrincipalRef = { kind, name: e.name, arn: e.arn };
        for (const { arn } of e.attachedPolicies) {
          const list = this.attachments.get(arn);
          if (list) list.push(ref);
          else this.attachments.set(arn, [ref]);
        }
      }
    }
  }

  /** The role an ARN names (path and case of the name ignored), if the account has it. */
  role(arn: string): IamRole | undefined {
    return this.roleByKey.get(roleKey(arn));
  }

  user(name: string): IamUser | undefined {
    return this.userByName.get(name);
  }

  group(name: string): IamGroup | undefined {
    return this.groupByName.get(name);
  }

  managedPolicy(arn: string): ManagedPolicy | undefined {
    return this.policyByArn.get(arn);
  }

  /** The users, groups and roles that attach the managed policy `arn`. */
  attachedTo(arn: string): readonly PrincipalRef[] {
    return this.attachments.get(arn) ?? [];
  }

  /** A managed policy's default-version document, or why it cannot be had. Computed once per ARN. */
  readonly document = memoize((arn: string): Read<PolicyDocument> => {
    const policy = this.policyByArn.get(arn);
    if (!policy) return missingRead(`policy ${arn} is not in the authorization details`);
    if (!policy.document.ok) {
      return missingRead(
        `policy ${policy.name} could not be read: ${describeError(policy.document.error)}`,
        policy.document.error,
      );
    }
    return documentOf(policy.document.value, `policy ${policy.name}`);
  });

  /** The inline and attached managed policies of a user, group or role (not the group's of a user). */
  policiesOf(principal: {
    attachedPolicies: readonly { name: string; arn: string }[];
    inlinePolicies: readonly InlinePolicyEntry[];
  }): AppliedPolicy[] {
    return [
      ...principal.attachedPolicies.map((p) => ({
        name: p.name,
        arn: p.arn,
        document: this.document(p.arn),
      })),
      ...principal.inlinePolicies.map((p) => ({
        name: p.name,
        arn: null,
        document: documentOf(p.policy, `inline policy ${p.name}`),
      })),
    ];
  }
}

const indexes = new WeakMap<AuthorizationDetails, IamIndex>();

/**
 * The index of these authorization details, built once per details object: a scan's head start
 * (report/head-start.ts) indexes IAM while Lambda is still being read, and the account view built
 * from the same inventory then finds that index, and the principal models keyed by it.
 */
export function iamIndexOf(auth: AuthorizationDetails): IamIndex {
  let index = indexes.get(auth);
  if (!index) {
    index = new IamIndex(auth);
    indexes.set(auth, index);
  }
  return index;
}

/** A parsed document, or its parse failure as a reason. */
export function documentOf(policy: ParsedPolicy, what: string): Read<PolicyDocument> {
  return policy.parsed ? ok(policy.document) : missingRead(`${what} could not be parsed (${policy.reason})`);
}
