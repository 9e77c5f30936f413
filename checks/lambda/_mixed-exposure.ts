/**
 * Functions that share one isolation boundary (an execution role, a capacity provider) where
 * some are publicly invokable and some are not: the judgement shared by
 * lambda.shared-role-mixed-exposure and lambda.capacity-provider-mixed-exposure. Public means
 * _public-invoke.ts's answer, per function (versions and aliases of one function are one).
 *
 * - fail: some of the group's functions anyone can invoke, and some not;
 * - pass: the group's functions are all public or all not;
 * - not_applicable: one function only (sharing is what these checks are about);
 * - unknown: whether a function is public could not be read and no mix is proven, or a region
 *   could not be read (it may hold a function of the group on the other side).
 */
import type { Draft } from '../../src/engine/check.js';
import type { FunctionView } from '../../src/view/account-view.js';
import type { MissingRead, Verdict } from '../../src/view/verdict.js';
import { isPublic, publicInvoke } from './_public-invoke.js';

/** At most this many functions of each side are listed in evidence; the counts are always given. */
const LIST_CAP = 20;

export interface FunctionExposure {
  arn: string;
  /** true/false once decided; the read that failed otherwise. */
  public: boolean | MissingRead;
}

export interface GroupLabels {
  /** How the group is named in messages: "execution role app-role". */
  what: string;
  /** What the mix lets an attacker do, for the failure message. */
  consequence: string;
}

/** Per function (versions and aliases of one function are one), whether anyone can invoke it. */
export function exposures(fns: readonly FunctionView[], now: Date): FunctionExposure[] {
  const out = new Map<string, FunctionExposure>();
  for (const fn of fns) {
    const read = publicInvoke(fn, now);
    const value: boolean | MissingRead = read.ok ? isPublic(read.value) : read;
    const seen = out.get(fn.unqualifiedArn);
    // Public through any qualifier makes the function public; otherwise an unknown stays unknown.
    if (!seen || value === true || (seen.public === false && value !== false))
      out.set(fn.unqualifiedArn, { arn: fn.unqualifiedArn, public: value });
  }
  return [...out.values()].sort((a, b) => a.arn.localeCompare(b.arn));
}

export function judgeMixedExposure(
  v: Verdict,
  fns: FunctionExposure[],
  unreadable: readonly string[],
  labels: GroupLabels,
  extra: Record<string, unknown> = {},
): Draft {
  const { what } = labels;
  const pub = fns.filter((f) => f.public === true).map((f) => f.arn);
  const priv = fns.filter((f) => f.public === false).map((f) => f.arn);
  const undecided = fns.filter((f) => typeof f.public === 'object');
  const evidence = {
    ...extra,
    functionCount: fns.length,
    publicFunctions: pub.slice(0, LIST_CAP),
    publicCount: pub.length,
    privateFunctions: priv.slice(0, LIST_CAP),
    privateCount: priv.length,
  };
  if (pub.length > 0 && priv.length > 0) {
    return v.fail(
      `${what} is shared by ${pub.length} function(s) anyone can invoke (${short(pub)}) and ${priv.length} that nobody outside can (${short(priv)}): ${labels.consequence}`,
      evidence,
    );
  }
  // Undecided before "one function only": a scan that did not read URLs and policies answers
  // unknown throughout, never a verdict built on reads it lacks.
  const u = undecided[0];
  if (u && typeof u.public === 'object') {
    return v.unknown(
      `${what}: whether ${short([u.arn])} is publicly invokable is unknown: ${u.public.reason}`,
      { ...evidence, undecidedFunctions: undecided.map((f) => f.arn).slice(0, LIST_CAP) },
      u.public.error,
    );
  }
  if (fns.length === 1 && unreadable.length === 0)
    return v.notApplicable(`${what} is used by one function only`, evidence);
  if (unreadable.length > 0) {
    return v.unknown(
      `${what}: region(s) ${unreadable.join(', ')} could not be read and may hold functions of it on the other side of public exposure`,
      { ...evidence, unreadableRegions: unreadable },
    );
  }
  const side = pub.length > 0 ? 'anyone can invoke' : 'nobody outside can invoke';
  return v.pass(`${what} is shared by ${fns.length} functions, all of which ${side}`, evidence);
}

function short(arns: string[]): string {
  const names = arns.slice(0, 3).map((a) => a.slice(a.lastIndexOf(':') + 1));
  return `${names.join(', ')}${arns.length > 3 ? ', …' : ''}`;
}
