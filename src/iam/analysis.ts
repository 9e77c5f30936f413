/**
 * The account's access analysis, computed once per account view and shared by every check and
 * report section that needs it: the principal models, who can modify each function, and each
 * principal's escalation paths (computed only when something asks for them).
 */
import { type IamCatalogue, iamCatalogue } from '../data/iam-actions.js';
import type { AccountView } from '../view/account-view.js';
import type { IamIndex } from '../view/iam-index.js';
import { ok, type Read } from '../view/verdict.js';
import { analyseEscalation, type PrincipalEscalation } from './escalation.js';
import { analyseModifiers, type ModifierAnalysis } from './modifiers.js';
import { type AccessInputs, preparedAccess } from './prepared.js';
import { type PrincipalModel, principalModels } from './principals.js';
import { type Privilege, privilegeOf } from './privilege.js';
import { compilePolicy } from './statements.js';

export interface AccessAnalysis {
  readonly catalogue: IamCatalogue;
  readonly iam: IamIndex;
  readonly models: readonly PrincipalModel[];
  readonly modelByArn: ReadonlyMap<string, PrincipalModel>;
  /** Whether credential facts (console without MFA, stale keys) are known: the report was read. */
  readonly credentialsKnown: boolean;
  readonly modifiers: ModifierAnalysis;
  /** What the principal may do, summarised (administrator-equivalent or not, high-value actions). */
  privilege(model: PrincipalModel): Privilege;
  /** The principal's escalation paths (every principal's are computed on the first call). */
  escalationOf(model: PrincipalModel): PrincipalEscalation;
}

const cache = new WeakMap<AccountView, Read<AccessAnalysis>>();

export function accessAnalysis(view: AccountView): Read<AccessAnalysis> {
  let analysis = cache.get(view);
  if (!analysis) {
    analysis = build(view);
    cache.set(view, analysis);
  }
  return analysis;
}

function build(view: AccountView): Read<AccessAnalysis> {
  const auth = view.iam.authorization;
  if (!auth.ok) return auth;
  const iam = auth.value;
  const report = view.iam.credentialReport;
  const catalogue = iamCatalogue();
  const scps = view.organizationContext?.serviceControlPolicies;
  const inputs: AccessInputs = {
    iam,
    report: report.ok ? report.value : null,
    accountId: view.accountId,
    scanAt: view.scanStartedAt,
    scps: scps?.ok ? scps.value : null,
  };
  // A scan prepares the IAM-only part while Lambda is still being read (prepared.ts).
  const ready = preparedAccess(inputs);
  const models =
    ready?.models ?? principalModels(inputs.iam, inputs.report, inputs.accountId, inputs.scanAt, inputs.scps);
  const modelByArn = new Map(models.map((m) => [m.principal.arn, m]));
  const modifiers = analyseModifiers(models, view.functions, view.partition, catalogue);
  let escalation: Map<PrincipalModel, PrincipalEscalation> | undefined;
  const privileges = new Map<PrincipalModel, Privilege>(ready?.privileges ?? []);
  const privilege = (m: PrincipalModel): Privilege => {
    let p = privileges.get(m);
    if (!p) {
      p = privilegeOf(m, catalogue, view.accountId);
      privileges.set(m, p);
    }
    return p;
  };
  return ok({
    catalogue,
    iam,
    models,
    modelByArn,
    credentialsKnown: report.ok,
    modifiers,
    privilege,
    escalationOf(model) {
      escalation ??= new Map(
        analyseEscalation({
          models,
          functions: view.functions,
          modifiers,
          catalogue,
          accountId: view.accountId,
          partition: view.partition,
          regions: view.regions,
          groupNames: iam.groups.map((g) => g.name),
          attachedCustomerPolicies: (m) => attachedCustomerPolicies(iam, m),
          withGroup: (m, group) => withGroup(iam, m, group),
          privilege,
        }).map((e) => [e.model, e]),
      );
      const found = escalation.get(model);
      if (!found) throw new Error('escalationOf: the principal is not in this analysis');
      return found;
    },
  });
}

/** Customer-managed policies attached to the principal, directly or through its groups. */
function attachedCustomerPolicies(iam: IamIndex, m: PrincipalModel): { name: string; arn: string }[] {
  const entity = m.user ?? m.role;
  if (!entity) return [];
  const refs = [...entity.attachedPolicies, ...m.groups.flatMap((g) => iam.group(g)?.attachedPolicies ?? [])];
  const out = new Map<string, { name: string; arn: string }>();
  for (const r of refs) if (iam.managedPolicy(r.arn)?.awsManaged === false) out.set(r.arn, r);
  return [...out.values()];
}

/** The principal as it would be after joining `group`: its policies plus the group's. */
function withGroup(iam: IamIndex, m: PrincipalModel, group: string): PrincipalModel | null {
  const g = iam.group(group);
  if (!g) return null;
  const extra = [];
  for (const p of iam.policiesOf(g)) {
    if (!p.document.ok) return null;
    extra.push(...compilePolicy(p.document.value, { kind: 'identity', name: p.name, arn: p.arn, group }));
  }
  return { ...m, identity: [...m.identity, ...extra], groups: [...m.groups, group] };
}
