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
import { globMatch } from '../policy/actions.js';
import { roleKey } from '../policy/arn.js';
import type { FunctionView } from '../view/account-view.js';
import { ask, grants, type PathAnswer } from './ask.js';
import { arnMatches } from './conditions.js';
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
  /**
   * `region`: every grant listed is the one the principal has on the region's functions that
   * nobody singled out; `function`: some grant is this function's own (a grant on its name, a
   * resource-policy grant).
   */
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
  /** Does some function's resource policy grant this principal `action` by name (or to anyone)? */
  namedByResourcePolicy(model: PrincipalModel, action: string): boolean;
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
  /** Each function's position in its region's ARN-sorted list (segments are ranges of it). */
  const position = new Map<FunctionView, number>();
  for (const [region, list] of byRegion) {
    const sorted = [...list].sort((a, b) =>
      a.unqualifiedArn < b.unqualifiedArn ? -1 : a.unqualifiedArn > b.unqualifiedArn ? 1 : 0,
    );
    for (const [i, fn] of sorted.entries()) position.set(fn, i);
    sortedByRegion.set(region, sorted);
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
  /**
   * function → principal → action → grant, or null: evaluated on its own and not granted. Grants
   * are shared by the functions of one group (see below), so equal lists are equal objects.
   */
  const perFunction = new Map<FunctionView, Map<PrincipalModel, Map<string, ActionGrant | null>>>();
  /**
   * region → principal → action → ranges of the region's sorted functions that `some` statements
   * single out (a name prefix: one contiguous range), each with its answer.
   */
  const segments = new Map<string, Map<PrincipalModel, Map<string, Segment[]>>>();
  /** region → principal → actions denied on a function a `some` statement singled out */
  const exceptions = new Map<string, Map<PrincipalModel, Set<string>>>();
  let singledOut = 0;
  const lists = new Map<string, Modifier[]>();
  /** region → its elementary intervals (see buildIntervals), built on first use. */
  const intervals = new Map<string, Interval[]>();
  const modelIds = new Map<PrincipalModel, number>(models.map((m, i) => [m, i]));
  const modelId = (m: PrincipalModel) => modelIds.get(m) ?? -1;
  const grantIds = new WeakMap<ActionGrant, number>();
  let nextGrant = 1;
  const grantId = (g: ActionGrant) => {
    let id = grantIds.get(g);
    if (id === undefined) {
      id = nextGrant++;
      grantIds.set(g, id);
    }
    return id;
  };

  for (const model of models) {
    if (model.unreadable.length > 0) {
      unknown.push({ principal: ref(model), reasons: model.unreadable });
      continue;
    }
    for (const action of MODIFY_ACTIONS) {
      const relevant = [
        ...model.identity,
        ...(model.boundary ?? []),
        ...(model.guardrails ?? []).flat(),
      ].filter((s) => coversAction(s, action));
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
        const some: CompiledStatement[] = [];
        if (hasAllow) {
          const keep = new Set<CompiledStatement>();
          for (const s of relevant) {
            const cls = statementClass(s, prefix);
            if (cls === 'all') keep.add(s);
            else if (cls === 'some') some.push(s);
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
        const regionGrant = regionWide.get(region)?.get(model)?.has(action) ?? false;
        // `some` statements that are name prefixes (or exact names) single out contiguous ranges of
        // the sorted functions; between any two range ends every function matches the same
        // statements, so gets the same answer: one evaluation per such segment, none per function.
        const ranges = some.length > 0 ? prefixRanges(some, list, prefix) : null;
        if (ranges) {
          const cuts = [...new Set(ranges.flat(2))].sort((x, y) => x - y);
          const byKey = new Map<string, PathAnswer>();
          for (let c = 0; c + 1 < cuts.length; c++) {
            const lo = cuts[c] as number;
            const hi = cuts[c + 1] as number;
            const key = ranges.map((rs) => (rs.some(([a, b]) => a <= lo && lo < b) ? '1' : '0')).join('');
            if (!key.includes('1')) continue;
            let answer = byKey.get(key);
            if (!answer) {
              singledOut++;
              const fn = list[lo] as FunctionView;
              answer = ask(
                model,
                { action, resource: fn.unqualifiedArn, region, resourceAccount: fn.accountId },
                catalogue,
              );
              byKey.set(key, answer);
            }
            if (!grants(answer) && !regionGrant) continue;
            const byModel = getOrSet(
              segments,
              region,
              () => new Map<PrincipalModel, Map<string, Segment[]>>(),
            );
            getOrSet(
              getOrSet(byModel, model, () => new Map<string, Segment[]>()),
              action,
              () => [],
            ).push({
              lo,
              hi,
              grant: grants(answer) ? grantOf(action, answer) : null,
            });
            if (!grants(answer)) {
              const perRegion = getOrSet(exceptions, region, () => new Map<PrincipalModel, Set<string>>());
              getOrSet(perRegion, model, () => new Set<string>()).add(action);
            }
          }
        } else {
          for (const st of some) {
            for (const fn of candidates(st, list, prefix)) {
              singled.add(fn);
              byStatement.add(fn);
            }
          }
        }
        // Functions that match the same `some` statements get the same answer (nothing else about
        // them enters it), unless a statement reads the function's ARN in a condition or a
        // variable, or the function has a resource policy: evaluate once per such group.
        const perFunctionOnly = some.some(readsFunction);
        const groups = new Map<string, PathAnswer>();
        for (const fn of singled) {
          const policy = policyOf.get(fn);
          // Without an identity allow, only a resource-policy grant naming the principal can give it.
          if (!hasAllow && !policy) continue;
          const key = policy || perFunctionOnly ? null : matchKey(some, fn.unqualifiedArn);
          let answer = key === null ? undefined : groups.get(key);
          if (!answer) {
            singledOut++;
            answer = ask(
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
            if (key !== null) groups.set(key, answer);
          }
          // "Not granted here, nor where it lies" needs no record: that answer is already given.
          const segmentGrant = segmentOf(model, fn, action);
          const already = segmentGrant !== undefined ? segmentGrant !== null : regionGrant;
          if (!grants(answer) && !already) continue;
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
    namedByResourcePolicy(model: PrincipalModel, action: string): boolean {
      const keys = ['*', model.principal.arn, model.principal.id];
      if (model.principal.kind === 'role') keys.push(roleKey(model.principal.arn));
      for (const region of sortedByRegion.keys()) {
        const named = policyIndex.get(`${action}\u0000${region}`)?.named;
        if (named && keys.some((k) => named.has(k))) return true;
      }
      return false;
    },
    sharedModifiers(region: string): readonly Modifier[] {
      return regionModifiers.get(region) ?? NONE;
    },
    grantFor(model: PrincipalModel, fn: FunctionView, action: string): ActionGrant | undefined {
      const own = perFunction.get(fn)?.get(model);
      if (own?.has(action)) return own.get(action) ?? undefined;
      const seg = segmentOf(model, fn, action);
      if (seg !== undefined) return seg ?? undefined;
      return regionWide.get(fn.region)?.get(model)?.get(action);
    },
    modifiersOf(fn: FunctionView): readonly Modifier[] {
      const interval = intervalOf(fn);
      const single = perFunction.get(fn);
      if (!interval && !single) return regionModifiers.get(fn.region) ?? NONE;
      if (interval && !single) return interval.list;
      // Answers of its own on top of its segment's: merge, then share the list with its equals.
      const own = new Map<PrincipalModel, Map<string, ActionGrant | null>>();
      for (const [model, byAction] of interval?.active ?? []) own.set(model, new Map(byAction));
      for (const [model, byAction] of single ?? []) {
        const into = getOrSet(own, model, () => new Map<string, ActionGrant | null>());
        for (const [a, g] of byAction) into.set(a, g);
      }
      return internList(fn.region, own);
    },
  };

  /** The segment answer for this function and action: a grant, null (denied there), undefined (none). */
  function segmentOf(
    model: PrincipalModel,
    fn: FunctionView,
    action: string,
  ): ActionGrant | null | undefined {
    const list = segments.get(fn.region)?.get(model)?.get(action);
    if (!list) return undefined;
    const at = position.get(fn) ?? -1;
    for (const seg of list) if (seg.lo <= at && at < seg.hi) return seg.grant;
    return undefined;
  }

  /**
   * The elementary intervals of a region: between any two segment ends the set of segment answers
   * is constant, so every function there shares one modifier list. Built on first use.
   */
  function intervalOf(fn: FunctionView): Interval | undefined {
    let list = intervals.get(fn.region);
    if (!list) {
      list = buildIntervals(fn.region);
      intervals.set(fn.region, list);
    }
    const at = position.get(fn) ?? -1;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const iv = list[mid] as Interval;
      if (iv.hi <= at) lo = mid + 1;
      else if (iv.lo > at) hi = mid;
      else return iv;
    }
    return undefined;
  }

  function buildIntervals(region: string): Interval[] {
    const byModel = segments.get(region);
    if (!byModel) return [];
    const all: { model: PrincipalModel; action: string; seg: Segment }[] = [];
    for (const [model, byAction] of byModel) {
      for (const [action, segs] of byAction) for (const seg of segs) all.push({ model, action, seg });
    }
    const cuts = [...new Set(all.flatMap((e) => [e.seg.lo, e.seg.hi]))].sort((x, y) => x - y);
    const out: Interval[] = [];
    for (let c = 0; c + 1 < cuts.length; c++) {
      const lo = cuts[c] as number;
      const hi = cuts[c + 1] as number;
      const active = new Map<PrincipalModel, Map<string, ActionGrant | null>>();
      for (const e of all) {
        if (e.seg.lo <= lo && lo < e.seg.hi)
          getOrSet(active, e.model, () => new Map()).set(e.action, e.seg.grant);
      }
      if (active.size === 0) continue;
      out.push({ lo, hi, active, list: internList(region, active) });
    }
    return out;
  }

  /** One shared list per distinct set of answers (a team's thousand functions, one list). */
  function internList(region: string, own: Map<PrincipalModel, Map<string, ActionGrant | null>>): Modifier[] {
    const key = `${region}\u0000${[...own]
      .map(
        ([model, byAction]) =>
          `${modelId(model)}:${[...byAction].map(([a, g]) => `${a}=${g ? grantId(g) : 0}`).join(',')}`,
      )
      .sort()
      .join(';')}`;
    const interned = lists.get(key);
    if (interned) return interned;
    const built = build(region, own);
    lists.set(key, built);
    return built;
  }

  /** The modifiers of functions with answers of their own: the region's, overridden by them. */
  function build(region: string, own: Map<PrincipalModel, Map<string, ActionGrant | null>>): Modifier[] {
    const wide = regionWide.get(region);
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
  }
}

const NONE: readonly Modifier[] = Object.freeze([]);

/** A range [lo, hi) of a region's sorted functions with one answer for a principal and action. */
interface Segment {
  lo: number;
  hi: number;
  grant: ActionGrant | null;
}

interface Interval {
  lo: number;
  hi: number;
  active: Map<PrincipalModel, Map<string, ActionGrant | null>>;
  list: Modifier[];
}

/**
 * The ranges each statement's Resource covers in the region's sorted functions, when every pattern
 * is an exact function ARN or a literal name prefix followed by one `*` (after the region's own
 * fields) and nothing else about the function enters the statement; null otherwise (then the
 * candidates are evaluated one by one).
 */
function prefixRanges(
  statements: readonly CompiledStatement[],
  sorted: readonly FunctionView[],
  prefix: string,
): [number, number][][] | null {
  const out: [number, number][][] = [];
  for (const st of statements) {
    const patterns = st.statement.Resource;
    if (!patterns || st.statement.Condition || readsFunction(st)) return null;
    const ranges: [number, number][] = [];
    for (const pattern of patterns) {
      const lit = regionalPrefix(pattern, prefix);
      if (lit === null) return null;
      const name = pattern.split(':').slice(6).join(':');
      const wild = name.search(/[*?]/);
      const exact = wild < 0;
      if (!exact && (wild !== name.length - 1 || name[wild] !== '*')) return null;
      const [lo, hi] = exact ? exactRange(sorted, lit) : prefixRange(sorted, lit);
      if (hi > lo) ranges.push([lo, hi]);
    }
    out.push(ranges);
  }
  return out;
}

/** The range of the sorted functions whose ARN starts with `lit`. */
function prefixRange(sorted: readonly FunctionView[], lit: string): [number, number] {
  const lo = lowerBound(sorted, lit);
  let hi = lo;
  while (hi < sorted.length && (sorted[hi] as FunctionView).unqualifiedArn.startsWith(lit)) hi++;
  return [lo, hi];
}

/** The range (empty or one) of the sorted functions whose ARN is `arn`. */
function exactRange(sorted: readonly FunctionView[], arn: string): [number, number] {
  const lo = lowerBound(sorted, arn);
  return [lo, sorted[lo]?.unqualifiedArn === arn ? lo + 1 : lo];
}

function lowerBound(sorted: readonly FunctionView[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as FunctionView).unqualifiedArn < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Does the statement depend on which function it is asked about beyond its Resource match? */
function readsFunction(s: CompiledStatement): boolean {
  const patterns = [...(s.statement.Resource ?? []), ...(s.statement.NotResource ?? [])];
  if (patterns.some((p) => p.includes('${'))) return true;
  return Object.values(s.statement.Condition ?? {}).some((block) =>
    Object.keys(block).some((k) => k.toLowerCase() === 'lambda:functionarn'),
  );
}

/** Which of the statements' Resource/NotResource match the ARN, as a key ("0110"). */
function matchKey(statements: readonly CompiledStatement[], arn: string): string {
  let key = '';
  for (const s of statements) {
    const { Resource, NotResource } = s.statement;
    const hit = Resource
      ? Resource.some((p) => arnMatches(p, arn))
      : !(NotResource ?? []).some((p) => arnMatches(p, arn));
    key += hit ? '1' : '0';
  }
  return key;
}

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
    // A level keeps only its statements that hold for every function: a level whose allow
    // singles some functions out then allows nothing region-wide, and those functions are
    // evaluated one by one with every level whole.
    ...(model.guardrails
      ? { guardrails: model.guardrails.map((level) => level.filter((s) => keep.has(s))) }
      : {}),
  };
}

/** The functions of a region (sorted by ARN) that a `some` statement may reach. */
function candidates(
  s: CompiledStatement,
  sorted: readonly FunctionView[],
  prefix: string,
): readonly FunctionView[] {
  const patterns = s.statement.Resource;
  if (!patterns || s.statement.Condition) return sorted;
  const out: FunctionView[] = [];
  for (const pattern of patterns) {
    const lit = regionalPrefix(pattern, prefix);
    if (lit === null) return sorted;
    const [lo, hi] = prefixRange(sorted, lit);
    for (let i = lo; i < hi; i++) out.push(sorted[i] as FunctionView);
  }
  return out;
}

/**
 * The literal start of the function ARNs of this region a pattern can match: the region's
 * `arn:…:function:` prefix plus the literal start of the pattern's name part, when the pattern's
 * partition, service, region and account fields match the region's (a wildcard region such as
 * `arn:aws:lambda:*:123…:function:team-*` still narrows to `team-`). Null: no narrowing.
 */
function regionalPrefix(pattern: string, prefix: string): string | null {
  const fields = pattern.split(':');
  const own = prefix.split(':');
  if (fields.length < 7 || fields[0] !== 'arn') {
    const lit = literalPrefix(pattern);
    return lit.length > 0 ? lit : null;
  }
  for (let i = 1; i < 5; i++) if (!globMatch(fields[i] as string, own[i] as string)) return null;
  if (fields[5] !== 'function') return null;
  return prefix + literalPrefix(fields.slice(6).join(':'));
}

const grantOfAnswer = new WeakMap<PathAnswer, ActionGrant>();

/** The grant an answer gives (one object per answer, so a group of functions shares it). */
function grantOf(action: string, a: PathAnswer): ActionGrant {
  let g = grantOfAnswer.get(a);
  if (!g) {
    g = makeGrant(action, a);
    grantOfAnswer.set(a, g);
  }
  return g;
}

function makeGrant(action: string, a: PathAnswer): ActionGrant {
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
