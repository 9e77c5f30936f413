/**
 * The report's "who can change each function" section, from the IAM evaluator. Written compactly
 * so it stays small at 100,000 functions: the principals that can modify every function of a
 * region are listed once per region, and the functions whose list differs (a grant on their name
 * prefix, a resource-policy grant, a deny that singles them out) are listed in groups that share
 * one list — a team's hundred functions, one entry — each giving only the difference: the
 * principals whose grants there differ from the region's (with their grants on these functions)
 * and the region's principals that cannot modify them. Region list + difference = the function's
 * complete list.
 */
import type { Check } from '../engine/check.js';
import { accessAnalysis } from '../iam/analysis.js';
import type { Modifier } from '../iam/modifiers.js';
import { describeRef } from '../iam/statements.js';
import type { AccountView } from '../view/account-view.js';
import type { Report } from './schema.js';

type AccessSection = NonNullable<Report['access']>;
type ModifierJson = AccessSection['regions'][number]['modifiers'][number];

/** Checks whose results stand on the analysis: the section is written when one of them ran. */
export function usesAccessAnalysis(checks: readonly Check[]): boolean {
  return checks.some((c) => c.data?.includes('iam-actions'));
}

export function accessSection(view: AccountView): AccessSection {
  const analysis = accessAnalysis(view);
  if (!analysis.ok) {
    return {
      available: false,
      reason: analysis.reason,
      regions: [],
      functionGroups: [],
      unknownPrincipals: [],
    };
  }
  const { modifiers } = analysis.value;
  const regions = view.lambdaRegions
    .filter((r) => r.data.ok && r.functions.length > 0)
    .map((r) => ({
      region: r.region,
      functionCount: r.functions.length,
      modifiers: (modifiers.regionWide.get(r.region) ?? []).map(toJson),
    }));
  // modifiersOf gives functions with the same answers the same array: group by it.
  const groups = new Map<readonly Modifier[], AccessSection['functionGroups'][number]>();
  for (const fn of view.functions) {
    const own = modifiers.modifiersOf(fn);
    if (own === modifiers.sharedModifiers(fn.region) || !own.some((m) => m.scope === 'function')) continue;
    let g = groups.get(own);
    if (!g) {
      g = { region: fn.region, functions: [], ...difference(own, modifiers.sharedModifiers(fn.region)) };
      groups.set(own, g);
    }
    g.functions.push(fn.config.name);
  }
  return {
    available: true,
    reason: null,
    regions,
    functionGroups: [...groups.values()],
    unknownPrincipals: modifiers.unknown.map((u) => ({ ...u.principal, reasons: [...u.reasons] })),
  };
}

/** What a function's list adds to (or changes in) its region's, and whom it lacks. */
function difference(
  own: readonly Modifier[],
  region: readonly Modifier[],
): { modifiers: ModifierJson[]; withoutRegionModifiers: string[] } {
  const regional = new Map(region.map((m) => [m.principal.arn, m]));
  const actions = (m: Modifier) => m.grants.map((g) => `${g.action}=${g.decision}`).join(',');
  const modifiers: ModifierJson[] = [];
  const present = new Set<string>();
  for (const m of own) {
    present.add(m.principal.arn);
    const r = regional.get(m.principal.arn);
    if (!r || actions(r) !== actions(m)) modifiers.push(toJson(m));
  }
  return {
    modifiers,
    withoutRegionModifiers: region.map((m) => m.principal.arn).filter((a) => !present.has(a)),
  };
}

function toJson(m: Modifier): ModifierJson {
  return {
    kind: m.principal.kind,
    name: m.principal.name,
    arn: m.principal.arn,
    categories: [...m.categories],
    consoleWithoutMfa: m.consoleWithoutMfa,
    staleKey: m.staleKey,
    actions: m.grants.map((g) => ({
      action: g.action,
      decision: g.decision,
      mfaRequired: g.mfaRequired,
      undecidedKeys: [...g.undecidedKeys],
      statements: g.statements.filter((s) => s.effect === 'Allow').map(describeRef),
    })),
  };
}
