/**
 * What the HTML page's per-function panel needs beyond the results table, kept small at 100,000
 * functions: which checks say a function is reachable (the report's one notion of public
 * exposure, shared with "Fix these first"), and who can modify it, embedded as the report
 * carries it — per region, plus the groups of functions whose list differs — so its size grows
 * with principals and groups, not with functions. The page script resolves a function's list
 * the way `functionModifiers` does here.
 */
import { MODIFY_ACTIONS } from '../../iam/lambda-actions.js';
import { priorityReason } from '../priority.js';
import type { Report } from '../schema.js';

type AccessReport = NonNullable<Report['access']>;
export type AccessModifier = AccessReport['regions'][number]['modifiers'][number];

/** The modify actions a principal holds, as one line (shared by the page and its panel). */
export function actionsLine(m: AccessModifier): string {
  const plain = m.actions.every((x) => x.decision === 'allowed' && !x.mfaRequired);
  // Every modify action: say so instead of listing fifteen.
  if (plain && m.actions.length >= MODIFY_ACTIONS.length) return 'every modify action';
  return m.actions
    .map(
      (x) =>
        `${x.action.replace(/^lambda:/, '')}${x.decision === 'conditional' ? ' (conditional)' : ''}${x.mfaRequired ? ' (MFA)' : ''}`,
    )
    .join(', ');
}

/** A check whose failure means anyone (or any account) can reach or invoke the function. */
export function isExposureCheck(checkId: string): boolean {
  return priorityReason(checkId) === 'public exposure';
}

/**
 * A function's complete list of modifiers: its region's, less those its group says cannot modify
 * it and those whose grants on it differ, plus its group's (with their grants on it). Empty when
 * the region was not analysed.
 */
export function functionModifiers(access: AccessReport, region: string, name: string): AccessModifier[] {
  const regional = access.regions.find((r) => r.region === region)?.modifiers ?? [];
  const group = access.functionGroups.find((g) => g.region === region && g.functions.includes(name));
  if (!group) return [...regional];
  const replaced = new Set([...group.withoutRegionModifiers, ...group.modifiers.map((m) => m.arn)]);
  return [...regional.filter((m) => !replaced.has(m.arn)), ...group.modifiers];
}

/**
 * [kind, name, arn, categories, flags (1: console without MFA, 2: key older than 90 days),
 *  actions, granting statements (the first three)].
 */
export type EmbeddedPrincipal = [string, string, string, string, number, string, string];

export interface EmbeddedAccess {
  /** Why there is no analysis (unreadable IAM); null when there is one. */
  reason: string | null;
  /** Each distinct modifier (a principal with one set of grants), referred to by index. */
  principals: EmbeddedPrincipal[];
  /** [region, principal indexes]: who can modify every function of the region. */
  regions: [string, number[]][];
  /**
   * [region, its functions (a name, or in the page the index of the function's resource),
   *  the group's principal indexes, indexes of the region's it lacks].
   */
  groups: [string, (string | number)[], number[], number[]][];
  /** Principals whose policies could not all be read. */
  unknown: number;
}

export function embeddedAccess(access: AccessReport): EmbeddedAccess {
  if (!access.available) {
    return {
      reason: access.reason ?? 'the IAM authorization details could not be read',
      principals: [],
      regions: [],
      groups: [],
      unknown: access.unknownPrincipals.length,
    };
  }
  const principals: EmbeddedPrincipal[] = [];
  const index = new Map<string, number>();
  // The same principal with the same grants (every region's admin) is embedded once.
  const ref = (m: AccessModifier): number => {
    const row: EmbeddedPrincipal = [
      m.kind,
      m.name,
      m.arn,
      m.categories.join(', '),
      (m.consoleWithoutMfa ? 1 : 0) | (m.staleKey ? 2 : 0),
      actionsLine(m),
      [...new Set(m.actions.flatMap((x) => x.statements))].slice(0, 3).join('; '),
    ];
    const key = JSON.stringify(row);
    let i = index.get(key);
    if (i === undefined) {
      i = principals.length;
      principals.push(row);
      index.set(key, i);
    }
    return i;
  };
  const regionRefs = new Map<string, Map<string, number>>();
  const regions = access.regions.map((r): [string, number[]] => {
    const refs = r.modifiers.map(ref);
    regionRefs.set(r.region, new Map(r.modifiers.map((m, k) => [m.arn, refs[k] as number])));
    return [r.region, refs];
  });
  const groups = access.functionGroups.map((g): [string, string[], number[], number[]] => {
    const byArn = regionRefs.get(g.region);
    const lacks = g.withoutRegionModifiers
      .map((arn) => byArn?.get(arn))
      .filter((i): i is number => i !== undefined);
    return [g.region, g.functions, g.modifiers.map(ref), lacks];
  });
  return { reason: null, principals, regions, groups, unknown: access.unknownPrincipals.length };
}
