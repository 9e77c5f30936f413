/**
 * The report's "who can change each function" section, from the IAM evaluator. Written compactly
 * so it stays small at 100,000 functions: the principals that can modify every function of a
 * region are listed once per region, and a function is listed on its own only when its set
 * differs (a grant on its name, a resource-policy grant, a deny that singles it out).
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
    return { available: false, reason: analysis.reason, regions: [], functions: [], unknownPrincipals: [] };
  }
  const { modifiers } = analysis.value;
  const regions = view.lambdaRegions
    .filter((r) => r.data.ok && r.functions.length > 0)
    .map((r) => ({
      region: r.region,
      functionCount: r.functions.length,
      modifiers: (modifiers.regionWide.get(r.region) ?? []).map(toJson),
    }));
  const functions: AccessSection['functions'] = [];
  for (const fn of view.functions) {
    const own = modifiers.modifiersOf(fn);
    if (own === modifiers.sharedModifiers(fn.region) || !own.some((m) => m.scope === 'function')) continue;
    functions.push({
      arn: fn.unqualifiedArn,
      name: fn.config.name,
      region: fn.region,
      modifiers: own.map(toJson),
    });
  }
  return {
    available: true,
    reason: null,
    regions,
    functions,
    unknownPrincipals: modifiers.unknown.map((u) => ({ ...u.principal, reasons: [...u.reasons] })),
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
