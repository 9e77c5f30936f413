/**
 * Who can change each function: for every IAM user and role and every action in
 * MODIFY_CATEGORIES, the functions it may (or may, under a condition we cannot decide) call it on.
 *
 * Answered without a principal × function loop. Per principal and action, only the statements
 * that cover the action count (most principals have none, and cost nothing more). Per region,
 * each such statement matches every function (`all`), none, or `some` (see resource-class.ts):
 * the region's answer is evaluated once, on a probe ARN, from the `all` statements, and holds for
 * every function no `some` statement can reach; those few, found by the pattern's literal prefix
 * in the region's sorted ARNs, and functions whose resource policy speaks about modify actions,
 * are evaluated one by one with every statement. So the cost is principals × actions × regions
 * plus the functions that are really singled out.
 */
import type { IamCatalogue } from '../data/iam-actions.js';
import { roleKey } from '../policy/arn.js';
import type { FunctionView } from '../view/account-view.js';
import { ask, grants, type PathAnswer } from './ask.js';
import { categoryOf, MODIFY_ACTIONS, type ModifyCategory } from './lambda-actions.js';
import { consoleWithoutMfa, hasStaleKey, type PrincipalModel } from './principals.js';
import { functionPrefix, literalPrefix, statementClass } from './resource-class.js';
import { type CompiledStatement, compilePolicy, coversAction, type StatementRef } from './statements.js';

export interface ActionGrant {
  action: string;
  decision: 'allowed' | 'conditional';
  statements: StatementRef[];
  undecidedKeys: string[];
  mfaRequired: boolean;
}

export interface Modifier {
  principal: { kind: 'user' | 'role'; name: string; arn: string };
  categories: ModifyCategory[];
  grants: ActionGrant[];
  consoleWithoutMfa: boolean;
  staleKey: boolean;
  /** `region`: it holds for every function of the region; `function`: for this one only. */
  scope: 'region' | 'function';
}

/** A principal whose answer could not be had (an unreadable policy), per action. */
export interface UnknownModifier {
  principal: { kind: 'user' | 'role'; name: string; arn: string };
  reasons: readonly string[];
}

export interface ModifierAnalysis {
  /**
   * Per region: who can modify *every* function there, with the actions that hold for all of them
   * (an identity or boundary statement that singles some functions out and denies them removes
   * the action; a resource policy's deny on one function does not: the grant is still on "*").
   */
  readonly regionWide: ReadonlyMap<string, readonly Modifier[]>;
  /** Who can modify this function: region-wide principals (unless singled out) and its own. */
  modifiersOf(fn: FunctionView): readonly Modifier[];
  /** Principals whose policies could not all be read: the answer for them is unknown. */
  readonly unknown: readonly UnknownModifier[];
  /** Principal-action-function evaluations made one by one (the index's misses), for the bench. */
  readonly singledOut: number;
  /** The list `modifiersOf` gives every function of the region nobody singled out (one array). */
  sharedModifiers(region: string): readonly Modifier[];
  /** May this principal call `action` on this function (allowed or conditional)? */
  grantFor(model: PrincipalModel, fn: FunctionView, action: string): ActionGrant | undefined;
}

export function analyseModifiers(
  models: readonly PrincipalModel[],
  functions: readonly FunctionView[],
  partition: string,
  catalogue: IamCatalogue,
): ModifierAnalysis {
  const byRegion = new Map<string, FunctionView[]>();
  for (const fn of functions) {
    const list = byRegion.get(fn.region);
    if (list) list.push(fn);
    else byRegion.set(fn.region, [fn]);
  }
  const sortedByRegion = new Map<string, FunctionView[]>();
  for (const [region, list] of byRegion) {
    sortedByRegion.set(
      region,
      [...list].sort((a, b) =>
        a.unqualifiedArn < b.unqualifiedArn ? -1 : a.unqualifiedArn > b.unqualifiedArn ? 1 : 0,
      ),
    );
  }

  // Resource policies that speak about a modify action send their function to one-by-one
  // evaluation, indexed per action so a principal meets only the functions that concern it: a
  // Deny there binds every principal that could otherwise act; an Allow matters only to the
  // principals it names directly (an account-wide grant only delegates to IAM).
  const policyOf = new Map<FunctionView, CompiledStatement[]>();
  const policyIndex = new Map<string, PolicyIndex>();
  for (const fn of functions) {
    if (!fn.policy.ok || fn.policy.value === null || !fn.policy.value.parsed) continue;
    const compiled = compilePolicy(fn.policy.value.document, {
      kind: 'resource',
      name: 'resource policy',
      arn: null,
    });
    let relevant = false;
    for (const action of MODIFY_ACTIONS) {
      for (const st of compiled) {
        if (!coversAction(st, action)) continue;
        relevant = true;
        const index = getOrSet(policyIndex, `${action}\u0000${fn.region}`, newPolicyIndex);
        if (st.effect === 'Deny') index.deny.add(fn);
        else for (const key of namedPrincipals(st)) getOrSet(index.named, key, () => new Set()).add(fn);
      }
    }
    if (relevant) policyOf.set(fn, compiled);
  }

  const unknown: UnknownModifier[] = [];
  /** region → principal → action → grant */
  const regionWide = new Map<string, Map<PrincipalModel, Map<string, ActionGrant>>>();
  /** function → principal → action → grant, or null: evaluated on its own and not granted */
  const perFunction = new Map<FunctionView, Map<PrincipalModel, Map<string, ActionGrant | null>>>();
  /** region → principal → actions denied on a function a `some` statement singled out */
  const exceptions = new Map<string, Map<PrincipalModel, Set<string>>>();
  let singledOut = 0;

  for (const model of models) {
    if (model.unreadable.length > 0) {
      unknown.push({ principal: ref(model), reasons: model.unreadable });
      continue;
    }
    for (const action of MODIFY_ACTIONS) {
      const relevant = [...model.identity, ...(model.boundary ?? [])].filter((s) => coversAction(s, action));
      const hasAllow = relevant.some((s) => s.effect === 'Allow' && s.source.kind === 'identity');
      for (const [region, list] of sortedByRegion) {
        const first = list[0];
        if (!first) continue;
        const prefix = functionPrefix(partition, region, first.accountId);
        const singled = new Set<FunctionView>();
        const byStatement = new Set<FunctionView>();
        const index = policyIndex.get(`${action}\u0000${region}`);
        if (index) {
          if (hasAllow) for (const fn of index.deny) singled.add(fn);
          for (const key of ['*', model.principal.arn, model.principal.id]) {
            for (const fn of index.named.get(key) ?? []) singled.add(fn);
          }
          if (model.principal.kind === 'role') {
            for (const fn of index.named.get(roleKey(model.principal.arn)) ?? []) singled.add(fn);
          }
        }
        if (hasAllow) {
          const keep = new Set<CompiledStatement>();
          for (const s of relevant) {
            const cls = statementClass(s, prefix);
            if (cls === 'all') keep.add(s);
            else if (cls === 'some') {
              for (const fn of candidates(s, list)) {
                singled.add(fn);
                byStatement.add(fn);
              }
            }
          }
          const regional = ask(
            narrowed(model, keep),
            { action, resource: `${prefix}\u0000`, region, resourceAccount: first.accountId },
            catalogue,
          );
          if (grants(regional)) {
            const byModel = getOrSet(
              regionWide,
              region,
              () => new Map<PrincipalModel, Map<string, ActionGrant>>(),
            );
            getOrSet(byModel, model, () => new Map<string, ActionGrant>()).set(
              action,
              grantOf(action, regional),
            );
          }
        }
        for (const fn of singled) {
          const policy = policyOf.get(fn);
          // Without an identity allow, only a resource-policy grant naming the principal can give it.
          if (!hasAllow && !policy) continue;
          singledOut++;
          const answer = ask(
            model,
            {
              action,
              resource: fn.unqualifiedArn,
              region,
              resourceAccount: fn.accountId,
              ...(policy ? { resourcePolicy: policy } : {}),
              extra: { 'lambda:functionarn': [fn.unqualifiedArn] },
            },
            catalogue,
          );
          const byModel = getOrSet(
            perFunction,
            fn,
            () => new Map<PrincipalModel, Map<string, ActionGrant | null>>(),
          );
          getOrSet(byModel, model, () => new Map<string, ActionGrant | null>()).set(
            action,
            grants(answer) ? grantOf(action, answer) : null,
          );
          if (!grants(answer) && byStatement.has(fn)) {
            const perRegion = getOrSet(exceptions, region, () => new Map<PrincipalModel, Set<string>>());
            getOrSet(perRegion, model, () => new Set<string>()).add(action);
          }
        }
      }
    }
  }

  // What holds for the functions nobody singled out (shared by all of them), and what holds for
  // every function of the region (the same, less the actions some function was denied).
  const regionModifiers = new Map<string, Modifier[]>();
  const universal = new Map<string, Modifier[]>();
  for (const [region, byModel] of regionWide) {
    regionModifiers.set(
      region,
      [...byModel].map(([model, g]) => modifier(model, [...g.values()], 'region')),
    );
    const denied = exceptions.get(region);
    universal.set(
      region,
      [...byModel].flatMap(([model, g]) => {
        const held = [...g.values()].filter((x) => !denied?.get(model)?.has(x.action));
        return held.length > 0 ? [modifier(model, held, 'region')] : [];
      }),
    );
  }

  return {
    regionWide: universal,
    unknown,
    singledOut,
    sharedModifiers(region: string): readonly Modifier[] {
      return regionModifiers.get(region) ?? NONE;
    },
    grantFor(model: PrincipalModel, fn: FunctionView, action: string): ActionGrant | undefined {
      const own = perFunction.get(fn)?.get(model);
      if (own?.has(action)) return own.get(action) ?? undefined;
      return regionWide.get(fn.region)?.get(model)?.get(action);
    },
    modifiersOf(fn: FunctionView): readonly Modifier[] {
      const own = perFunction.get(fn);
      if (!own) return regionModifiers.get(fn.region) ?? NONE;
      const wide = regionWide.get(fn.region);
      const out: Modifier[] = [];
      for (const model of new Set([...(wide?.keys() ?? []), ...own.keys()])) {
        const fromRegion = wide?.get(model);
        const fromFunction = own.get(model);
        const final: ActionGrant[] = [];
        for (const action of MODIFY_ACTIONS) {
          // A function evaluated on its own has its own answer, even when that is "no".
          const g = fromFunction?.has(action) ? fromFunction.get(action) : fromRegion?.get(action);
          if (g) final.push(g);
        }
        if (final.length === 0) continue;
        const onlyHere = final.some((g) => !fromRegion?.has(g.action));
        out.push(modifier(model, final, onlyHere ? 'function' : 'region'));
      }
      return out;
    },
  };
}

const NONE: readonly Modifier[] = Object.freeze([]);

interface PolicyIndex {
  /** Functions whose policy has a Deny covering the action. */
  deny: Set<FunctionView>;
  /** Principal keys named by an Allow covering the action ('*': anyone) → functions. */
  named: Map<string, Set<FunctionView>>;
}

function newPolicyIndex(): PolicyIndex {
  return { deny: new Set(), named: new Map() };
}

/**
 * The keys under which an Allow names IAM principals directly: `*` for a wildcard or NotPrincipal
 * (which admits all but a few), else each AWS principal value, and each role's roleKey (a policy
 * may spell a role with another path or case).
 */
function namedPrincipals(st: CompiledStatement): string[] {
  if (st.statement.NotPrincipal) return ['*'];
  const out: string[] = [];
  for (const [type, values] of Object.entries(st.statement.Principal ?? {})) {
    if (type.toUpperCase() !== 'AWS') continue;
    for (const v of values) {
      if (v === '*') out.push('*');
      else {
        out.push(v);
        if (v.includes(':role/')) out.push(roleKey(v));
      }
    }
  }
  return out;
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

/** The model with only the given statements (those matching every function of the region). */
function narrowed(model: PrincipalModel, keep: ReadonlySet<CompiledStatement>): PrincipalModel {
  return {
    ...model,
    identity: model.identity.filter((s) => keep.has(s)),
    boundary: model.boundary === null ? null : model.boundary.filter((s) => keep.has(s)),
  };
}

/** The functions of a region (sorted by ARN) that a `some` statement may reach. */
function candidates(s: CompiledStatement, sorted: readonly FunctionView[]): readonly FunctionView[] {
  const patterns = s.statement.Resource;
  if (!patterns || s.statement.Condition) return sorted;
  const out: FunctionView[] = [];
  for (const pattern of patterns) {
    const lit = literalPrefix(pattern);
    if (lit.length === 0) return sorted;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as FunctionView).unqualifiedArn < lit) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sorted.length; i++) {
      const fn = sorted[i] as FunctionView;
      if (!fn.unqualifiedArn.startsWith(lit)) break;
      out.push(fn);
    }
  }
  return out;
}

function grantOf(action: string, a: PathAnswer): ActionGrant {
  return {
    action,
    decision: a.decision === 'allowed' ? 'allowed' : 'conditional',
    statements: a.statements,
    undecidedKeys: a.undecidedKeys,
    mfaRequired: a.mfaRequired,
  };
}

function ref(model: PrincipalModel): Modifier['principal'] {
  return { kind: model.principal.kind, name: model.principal.name, arn: model.principal.arn };
}

function modifier(model: PrincipalModel, grants_: ActionGrant[], scope: Modifier['scope']): Modifier {
  const categories = [...new Set(grants_.flatMap((g) => categoryOf(g.action) ?? []))];
  return {
    principal: ref(model),
    categories,
    grants: grants_,
    consoleWithoutMfa: consoleWithoutMfa(model),
    staleKey: hasStaleKey(model),
    scope,
  };
}
