/**
 * Privilege-escalation paths, per principal, each with the permissions it uses and the targets in
 * the inventory it works on. A path is *exploitable* when the principal holds every permission
 * (allowed, or conditional) and a target exists that gives it more than it has (see
 * privilege.ts); it is *latent* when the permissions are held on every resource of the kind but
 * no such target exists today (a privileged role trusting Lambda may be created tomorrow). The
 * two are reported by different checks, at different severities.
 *
 * Paths (names as in Rhino Security Labs' and Bishop Fox's catalogues of IAM escalation):
 * - lambda-create-with-role: iam:PassRole (to lambda.amazonaws.com) + lambda:CreateFunction, with
 *   lambda:InvokeFunction, lambda:CreateEventSourceMapping or lambda:AddPermission to run it;
 * - lambda-update-code / lambda-update-configuration: change the code, handler, layers or
 *   environment of an existing function whose role is more privileged;
 * - lambda-role-swap: iam:PassRole + lambda:UpdateFunctionConfiguration on an existing function;
 * - lambda-layer-publish: lambda:PublishLayerVersion on an own layer a privileged function uses
 *   (takes effect when the function is next moved to the layer's latest version);
 * - lambda-alias-redirect / lambda-url-redirect: lambda:UpdateAlias, or
 *   lambda:UpdateFunctionUrlConfig / CreateFunctionUrlConfig, on a privileged function;
 * - IAM self-escalation: iam:CreatePolicyVersion (on a customer policy attached to the principal),
 *   iam:SetDefaultPolicyVersion (latent only: non-default versions are not read),
 *   iam:Attach/Put{User,Group,Role}Policy on itself or its groups, iam:AddUserToGroup (a group that
 *   adds privilege), iam:CreateAccessKey / CreateLoginProfile / UpdateLoginProfile on a more
 *   privileged user, iam:UpdateAssumeRolePolicy on a more privileged role;
 * - passrole-compute: iam:PassRole to a compute service with the action that starts it
 *   (ec2:RunInstances, ecs:RunTask, cloudformation:CreateStack, glue:CreateDevEndpoint,
 *   sagemaker:CreateNotebookInstance, codebuild:CreateProject).
 * lambda:AddLayerVersionPermission is not a path: sharing a layer version exposes its code to
 * another account but gives nobody more privilege here.
 */
import type { IamCatalogue } from '../data/iam-actions.js';
import type { FunctionView } from '../view/account-view.js';
import { ask, grants, type PathAnswer } from './ask.js';
import type { ActionGrant, ModifierAnalysis } from './modifiers.js';
import type { PrincipalModel } from './principals.js';
import { morePrivileged, type Privilege, privilegeGap, privilegeOf } from './privilege.js';
import { coversAction, type StatementRef } from './statements.js';
import { trustsService } from './trusts.js';

export const PATH_IDS = [
  'lambda-create-with-role',
  'lambda-update-code',
  'lambda-update-configuration',
  'lambda-role-swap',
  'lambda-layer-publish',
  'lambda-alias-redirect',
  'lambda-url-redirect',
  'iam-create-policy-version',
  'iam-set-default-policy-version',
  'iam-attach-self-policy',
  'iam-put-self-policy',
  'iam-attach-group-policy',
  'iam-put-group-policy',
  'iam-add-user-to-group',
  'iam-create-access-key',
  'iam-create-login-profile',
  'iam-update-login-profile',
  'iam-update-assume-role-policy',
  'passrole-compute',
] as const;
export type PathId = (typeof PATH_IDS)[number];

export interface PathTarget {
  kind: 'role' | 'function' | 'user' | 'group' | 'policy' | 'layer';
  name: string;
  arn: string;
}

export interface EscalationPath {
  id: PathId;
  /** The permissions the path uses. */
  actions: string[];
  /** Up to MAX_TARGETS examples, and how many there are. */
  targets: PathTarget[];
  targetCount: number;
  /** Some permission on the path is only conditionally granted. */
  conditional: boolean;
  /** What the best target adds (high-value actions the principal is denied), or "administrator". */
  gain: string[];
  statements: StatementRef[];
}

export interface PrincipalEscalation {
  model: PrincipalModel;
  privilege: Privilege;
  exploitable: EscalationPath[];
  latent: EscalationPath[];
}

export const MAX_TARGETS = 5;

/** Compute services a passed role can be used through, with the action that starts the compute. */
const COMPUTE: readonly { service: string; actions: string[] }[] = [
  { service: 'ec2.amazonaws.com', actions: ['ec2:RunInstances'] },
  { service: 'ecs-tasks.amazonaws.com', actions: ['ecs:RunTask'] },
  { service: 'cloudformation.amazonaws.com', actions: ['cloudformation:CreateStack'] },
  { service: 'glue.amazonaws.com', actions: ['glue:CreateDevEndpoint'] },
  { service: 'sagemaker.amazonaws.com', actions: ['sagemaker:CreateNotebookInstance'] },
  { service: 'codebuild.amazonaws.com', actions: ['codebuild:CreateProject', 'codebuild:StartBuild'] },
];

export interface EscalationInput {
  models: readonly PrincipalModel[];
  functions: readonly FunctionView[];
  modifiers: ModifierAnalysis;
  catalogue: IamCatalogue;
  accountId: string;
  partition: string;
  regions: readonly string[];
  /** Customer-managed policy ARNs attached to a principal, directly or through its groups. */
  attachedCustomerPolicies: (model: PrincipalModel) => { name: string; arn: string }[];
  /** The groups of the account, as models of "the principal plus the group's policies". */
  withGroup: (model: PrincipalModel, group: string) => PrincipalModel | null;
  groupNames: readonly string[];
  /** The principal's privilege summary (computed once per principal). */
  privilege: (model: PrincipalModel) => Privilege;
}

export function analyseEscalation(input: EscalationInput): PrincipalEscalation[] {
  const { models, catalogue, accountId, partition } = input;
  const roles = models.filter((m) => m.principal.kind === 'role');
  const users = models.filter((m) => m.principal.kind === 'user');
  const trusting = (service: string) => roles.filter((r) => r.role && trustsService(r.role, service));
  const lambdaRoles = trusting('lambda.amazonaws.com');
  const byRoleKey = new Map<string, PrincipalModel>();
  for (const r of roles) if (r.role) byRoleKey.set(r.principal.arn, r);
  const functionsByRole = new Map<PrincipalModel, FunctionView[]>();
  for (const fn of input.functions) {
    if (!fn.role.ok || fn.role.value === null) continue;
    const model = byRoleKey.get(fn.role.value.arn);
    if (!model) continue;
    const list = functionsByRole.get(model);
    if (list) list.push(fn);
    else functionsByRole.set(model, [fn]);
  }

  const richerFunctionRoles = new Map<string, [PrincipalModel, FunctionView[]][]>();
  return models.map((model) => {
    const privilege = input.privilege(model);
    const out: PrincipalEscalation = { model, privilege, exploitable: [], latent: [] };
    // Unknown policies: no claim either way (the checks report the principal as unknown).
    if (privilege.unknown || privilege.admin !== null) return out;
    const cache = new Map<string, PathAnswer>();
    // Whether any identity Allow covers the action at all: the cheap test every path starts with.
    const heldCache = new Map<string, boolean>();
    const holds = (action: string): boolean => {
      let h = heldCache.get(action);
      if (h === undefined) {
        h = model.identity.some((s) => s.effect === 'Allow' && coversAction(s, action));
        heldCache.set(action, h);
      }
      return h;
    };
    const can = (
      action: string,
      resource: string,
      region = 'us-east-1',
      extra?: Record<string, string[]>,
    ) => {
      if (!holds(action)) return null;
      const key = `${action}\u0000${resource}\u0000${region}\u0000${JSON.stringify(extra ?? {})}`;
      let answer = cache.get(key);
      if (!answer) {
        answer = ask(
          model,
          { action, resource, region, resourceAccount: accountId, ...(extra ? { extra } : {}) },
          catalogue,
        );
        cache.set(key, answer);
      }
      return grants(answer) ? answer : null;
    };
    const richer = (target: PrincipalModel) =>
      target !== model && morePrivileged(input.privilege(target), privilege);
    // The roles (with their functions) more privileged than this principal: the same for every
    // principal with the same privilege summary, so computed once per summary.
    const sig = signature(privilege);
    let richerRoles = richerFunctionRoles.get(sig);
    if (!richerRoles) {
      richerRoles = [...functionsByRole].filter(([role]) => morePrivileged(input.privilege(role), privilege));
      richerFunctionRoles.set(sig, richerRoles);
    }
    const gainOf = (target: PrincipalModel): string[] => {
      const p = input.privilege(target);
      return p.admin ? ['administrator-equivalent'] : privilegeGap(p, privilege);
    };
    const roleArn = (name: string) => `arn:${partition}:iam::${accountId}:role/${name}`;
    const anyRole = roleArn('\u0000');
    const passTo = (service: string, arn: string) =>
      can('iam:PassRole', arn, 'us-east-1', { 'iam:passedtoservice': [service] });
    const emit = (
      id: PathId,
      answers: (PathAnswer | null)[],
      actions: string[],
      targets: Found,
      latentIfNone: boolean,
    ) => {
      if (answers.some((a) => a === null)) return;
      const held = answers as PathAnswer[];
      const path: EscalationPath = {
        id,
        actions,
        targets: targets.targets,
        targetCount: targets.count,
        conditional: held.some((a) => a.decision === 'conditional'),
        gain: targets.gain,
        statements: dedupe(held.flatMap((a) => a.statements.filter((s) => s.effect === 'Allow'))),
      };
      if (targets.count > 0) out.exploitable.push(path);
      else if (latentIfNone) out.latent.push(path);
    };
    /** The principals among `items` that pass `test`, as targets (all counted, MAX_TARGETS kept). */
    const collect = (
      items: readonly PrincipalModel[],
      test: (m: PrincipalModel) => boolean,
      kind: 'role' | 'user',
    ) => {
      const f = found();
      for (const m of items) {
        if (!test(m)) continue;
        add(
          f,
          () => ({ kind, name: m.principal.name, arn: m.principal.arn }),
          () => gainOf(m),
        );
      }
      return f;
    };
    const ADMIN_GAIN = () => ['administrator-equivalent'];
    // The roles Lambda can assume that this principal may pass and that give it more: shared by
    // the create-a-function and swap-the-role paths.
    let lambdaTargets: Found | undefined;
    const lambdaRoleTargets = (): Found => {
      lambdaTargets ??= collect(
        lambdaRoles,
        (r) => richer(r) && passTo('lambda.amazonaws.com', r.principal.arn) !== null,
        'role',
      );
      return lambdaTargets;
    };

    // --- Lambda: create a function with a more privileged role, and run it.
    for (const region of holds('iam:PassRole') && holds('lambda:CreateFunction') ? input.regions : []) {
      const probe = `arn:${partition}:lambda:${region}:${accountId}:function:\u0000`;
      const create = can('lambda:CreateFunction', probe, region);
      if (!create) continue;
      const triggers: [string, PathAnswer | null][] = [
        ['lambda:InvokeFunction', can('lambda:InvokeFunction', probe, region)],
        ['lambda:CreateEventSourceMapping', can('lambda:CreateEventSourceMapping', '*', region)],
        ['lambda:AddPermission', can('lambda:AddPermission', probe, region)],
      ];
      const held = triggers.filter(([, a]) => a !== null);
      const trigger = held[0]?.[1];
      if (!trigger) continue;
      const targets = lambdaRoleTargets();
      const pass = passTo('lambda.amazonaws.com', targets.targets[0]?.arn ?? anyRole);
      emit(
        'lambda-create-with-role',
        [pass, create, trigger],
        ['iam:PassRole', 'lambda:CreateFunction', ...held.map(([a]) => a)],
        targets,
        true,
      );
      break;
    }

    // --- Lambda: change an existing function that runs as a more privileged role.
    const functionPaths: [PathId, string][] = [
      ['lambda-update-code', 'lambda:UpdateFunctionCode'],
      ['lambda-update-configuration', 'lambda:UpdateFunctionConfiguration'],
      ['lambda-alias-redirect', 'lambda:UpdateAlias'],
      ['lambda-url-redirect', 'lambda:UpdateFunctionUrlConfig'],
    ];
    for (const [id, action] of functionPaths) {
      // Granted by an identity policy, or by name in some function's resource policy.
      if (!holds(action) && !input.modifiers.namedByResourcePolicy(model, action)) continue;
      const targets = found();
      let grant: ActionGrant | undefined;
      for (const [role, fns] of richerRoles) {
        if (role === model) continue;
        for (const fn of fns) {
          const g = input.modifiers.grantFor(model, fn, action);
          if (!g) continue;
          grant ??= g;
          add(
            targets,
            () => ({ kind: 'function', name: fn.config.name, arn: fn.unqualifiedArn }),
            () => gainOf(role),
          );
          break;
        }
      }
      if (grant) emit(id, [asAnswer(grant.decision, grant.statements)], [action], targets, false);
    }

    // --- Lambda: give an existing function a more privileged role.
    if (holds('iam:PassRole') && holds('lambda:UpdateFunctionConfiguration')) {
      const fn = input.functions.find((f) =>
        input.modifiers.grantFor(model, f, 'lambda:UpdateFunctionConfiguration'),
      );
      if (fn) {
        const g = input.modifiers.grantFor(model, fn, 'lambda:UpdateFunctionConfiguration');
        const targets = lambdaRoleTargets();
        const pass = passTo('lambda.amazonaws.com', targets.targets[0]?.arn ?? anyRole);
        emit(
          'lambda-role-swap',
          [pass, g ? asAnswer(g.decision, g.statements) : null],
          ['iam:PassRole', 'lambda:UpdateFunctionConfiguration'],
          targets,
          true,
        );
      }
    }

    // --- Lambda: publish a new version of an own layer that privileged functions use.
    if (holds('lambda:PublishLayerVersion')) {
      const targets = found();
      let answer: PathAnswer | null = null;
      const seen = new Set<string>();
      for (const [role, fns] of richerRoles) {
        if (role === model) continue;
        for (const fn of fns) {
          for (const layer of fn.config.layers) {
            const parts = layer.arn.split(':');
            if (parts[4] !== accountId || parts.length < 8) continue;
            const layerArn = parts.slice(0, 7).join(':');
            if (seen.has(layerArn)) continue;
            seen.add(layerArn);
            const a = can('lambda:PublishLayerVersion', layerArn, parts[3] ?? 'us-east-1');
            if (!a) continue;
            answer ??= a;
            add(
              targets,
              () => ({ kind: 'layer', name: parts[6] ?? layerArn, arn: layerArn }),
              () => gainOf(role),
            );
          }
        }
      }
      if (answer) emit('lambda-layer-publish', [answer], ['lambda:PublishLayerVersion'], targets, false);
    }

    // --- IAM: edit a policy the principal already has.
    if (holds('iam:CreatePolicyVersion') || holds('iam:SetDefaultPolicyVersion')) {
      const attached = input.attachedCustomerPolicies(model);
      const probe = `arn:${partition}:iam::${accountId}:policy/\u0000`;
      const targets = found();
      for (const p of attached) {
        if (can('iam:CreatePolicyVersion', p.arn))
          add(targets, () => ({ kind: 'policy', name: p.name, arn: p.arn }), ADMIN_GAIN);
      }
      const answer = can('iam:CreatePolicyVersion', targets.targets[0]?.arn ?? probe);
      emit('iam-create-policy-version', [answer], ['iam:CreatePolicyVersion'], targets, true);
      // The inventory keeps only default versions: whether an older, broader version exists is unknown.
      const setDefault = can('iam:SetDefaultPolicyVersion', attached[0]?.arn ?? probe);
      emit('iam-set-default-policy-version', [setDefault], ['iam:SetDefaultPolicyVersion'], found(), true);
    }

    // --- IAM: grant itself a policy (attach a managed one, or write an inline one).
    {
      const self = model.principal;
      const selfTarget = found();
      add(selfTarget, () => ({ kind: self.kind, name: self.name, arn: self.arn }), ADMIN_GAIN);
      const attach = self.kind === 'user' ? 'iam:AttachUserPolicy' : 'iam:AttachRolePolicy';
      const put = self.kind === 'user' ? 'iam:PutUserPolicy' : 'iam:PutRolePolicy';
      emit('iam-attach-self-policy', [can(attach, self.arn)], [attach], selfTarget, false);
      emit('iam-put-self-policy', [can(put, self.arn)], [put], selfTarget, false);
      for (const group of model.groups) {
        const arn = `arn:${partition}:iam::${accountId}:group/${group}`;
        const groupTarget = found();
        add(groupTarget, () => ({ kind: 'group', name: group, arn }), ADMIN_GAIN);
        emit(
          'iam-attach-group-policy',
          [can('iam:AttachGroupPolicy', arn)],
          ['iam:AttachGroupPolicy'],
          groupTarget,
          false,
        );
        emit(
          'iam-put-group-policy',
          [can('iam:PutGroupPolicy', arn)],
          ['iam:PutGroupPolicy'],
          groupTarget,
          false,
        );
      }
    }

    // --- IAM: join a group that adds privilege.
    if (model.principal.kind === 'user' && holds('iam:AddUserToGroup')) {
      const targets = found();
      let answer: PathAnswer | null = null;
      for (const group of input.groupNames) {
        if (model.groups.includes(group)) continue;
        const arn = `arn:${partition}:iam::${accountId}:group/${group}`;
        const a = can('iam:AddUserToGroup', arn);
        if (!a) continue;
        const joined = input.withGroup(model, group);
        if (!joined) continue;
        const p = privilegeOf(joined, catalogue, accountId);
        if (!morePrivileged(p, privilege)) continue;
        answer ??= a;
        add(
          targets,
          () => ({ kind: 'group', name: group, arn }),
          () => (p.admin ? ['administrator-equivalent'] : privilegeGap(p, privilege)),
        );
      }
      if (answer) emit('iam-add-user-to-group', [answer], ['iam:AddUserToGroup'], targets, false);
    }

    // --- IAM: take over another user's credentials.
    const userPaths: [PathId, string, (u: PrincipalModel) => boolean][] = [
      ['iam-create-access-key', 'iam:CreateAccessKey', () => true],
      [
        'iam-create-login-profile',
        'iam:CreateLoginProfile',
        (u) => u.credentials !== null && !u.credentials.consolePassword,
      ],
      ['iam-update-login-profile', 'iam:UpdateLoginProfile', (u) => u.credentials?.consolePassword === true],
    ];
    for (const [id, action, applies] of userPaths) {
      if (!holds(action)) continue;
      const targets = collect(
        users,
        (u) => applies(u) && richer(u) && can(action, u.principal.arn) !== null,
        'user',
      );
      const probe = `arn:${partition}:iam::${accountId}:user/\u0000`;
      emit(id, [can(action, targets.targets[0]?.arn ?? probe)], [action], targets, true);
    }

    // --- IAM: rewrite a more privileged role's trust policy, then assume it.
    if (holds('iam:UpdateAssumeRolePolicy')) {
      const targets = collect(
        roles,
        (r) => richer(r) && can('iam:UpdateAssumeRolePolicy', r.principal.arn) !== null,
        'role',
      );
      emit(
        'iam-update-assume-role-policy',
        [can('iam:UpdateAssumeRolePolicy', targets.targets[0]?.arn ?? anyRole)],
        ['iam:UpdateAssumeRolePolicy'],
        targets,
        true,
      );
    }

    // --- PassRole to a compute service that runs the principal's code as the role.
    for (const { service, actions } of holds('iam:PassRole') ? COMPUTE : []) {
      const start = actions.map((a) => can(a, '*'));
      if (start.some((a) => a === null)) continue;
      const targets = collect(
        trusting(service),
        (r) => richer(r) && passTo(service, r.principal.arn) !== null,
        'role',
      );
      const pass = passTo(service, targets.targets[0]?.arn ?? anyRole);
      emit('passrole-compute', [pass, ...start], ['iam:PassRole', ...actions], targets, true);
      if (out.exploitable.some((p) => p.id === 'passrole-compute')) break;
    }

    return out;
  });
}

/** Two principals with the same signature compare the same against any target (see morePrivileged). */
function signature(p: Privilege): string {
  return `${p.admin ?? '-'}${p.unknown ? 'u' : ''}:${p.reachable.map((b) => (b ? 1 : 0)).join('')}`;
}

/** Targets found for a path: all counted, the first MAX_TARGETS kept, the gain of the first. */
interface Found {
  targets: PathTarget[];
  count: number;
  gain: string[];
}

function found(): Found {
  return { targets: [], count: 0, gain: [] };
}

/** Counts a target; builds it (and, for the first, its gain) only while it will be kept. */
function add(f: Found, make: () => PathTarget, gain: () => string[]): void {
  if (f.count === 0) f.gain = gain();
  if (f.count < MAX_TARGETS) f.targets.push(make());
  f.count++;
}

function asAnswer(decision: 'allowed' | 'conditional', statements: StatementRef[]): PathAnswer {
  return { decision, statements, undecidedKeys: [], mfaRequired: false };
}

function dedupe(refs: StatementRef[]): StatementRef[] {
  const seen = new Map<string, StatementRef>();
  for (const r of refs) seen.set(`${r.policy}\u0000${r.group ?? ''}\u0000${r.statement}`, r);
  return [...seen.values()];
}
