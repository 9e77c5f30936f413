/**
 * The function checks "modifiable by a weak principal" share one rule: find the function's
 * modifiers with a weakness (a console password without MFA; an access key older than 90 days),
 * keep only the grants that hold without MFA where MFA is the weakness, and say unknown when the
 * credential report, or the policies of a principal with that weakness, could not be read.
 */
import type { AccountView, FunctionView } from '../view/account-view.js';
import { type Draft, type Judgement, NO_EVIDENCE, type Verdict } from '../view/verdict.js';
import { accessAnalysis } from './analysis.js';
import { briefModifier } from './describe.js';
import type { Modifier, UnknownModifier } from './modifiers.js';
import { consoleWithoutMfa, hasStaleKey, type PrincipalModel } from './principals.js';

export interface Weakness {
  /** Does the principal have the weakness? */
  has: (model: PrincipalModel) => boolean;
  /** The modifier, restricted to the grants the weakness exposes; null if none. */
  exposed: (m: Modifier) => Modifier | null;
  /** "a console user without MFA" */
  phrase: string;
  /** "(console password, no MFA)" */
  detail: string;
}

/**
 * The modifier with only the grants that hold without MFA, if it has the weakness: neither a
 * console session without MFA nor an access key carries MFA, so a grant that needs it is out of
 * reach either way.
 */
function withoutMfa(m: Modifier, weak: boolean): Modifier | null {
  if (!weak) return null;
  const grants = m.grants.filter((g) => !g.mfaRequired);
  return grants.length > 0 ? { ...m, grants } : null;
}

export const NO_MFA: Weakness = {
  has: consoleWithoutMfa,
  exposed: (m) => withoutMfa(m, m.consoleWithoutMfa),
  phrase: 'an IAM user who signs in to the console without MFA',
  detail: 'console password, no MFA',
};

export const STALE_KEY: Weakness = {
  has: hasStaleKey,
  exposed: (m) => withoutMfa(m, m.staleKey),
  phrase: 'a principal holding an access key older than 90 days',
  detail: 'active access key older than 90 days',
};

/**
 * At most this many modifiers are named in a result's evidence, with their actions only: the
 * report's access section has every modifier with its grants and statements. (A region's
 * functions share their list, and per-function evidence would repeat it 100,000 times.)
 */
export const EVIDENCE_MODIFIERS = 3;

/**
 * The judgement for one modifier list, made once: every function of a region nobody singled out
 * shares the same list, so 100,000 functions share a handful of judgements (and one evidence
 * object each).
 */
// Keyed by the analysis's list of unknown weak principals (one array per analysis and weakness),
// then by the modifier list: a list shared across analyses (the frozen empty one) cannot carry one
// analysis's answer into another.
const judgements = new WeakMap<readonly UnknownModifier[], WeakMap<readonly Modifier[], Judgement | null>>();

function judgementOf(
  w: Weakness,
  list: readonly Modifier[],
  unknownWeak: readonly UnknownModifier[],
): Judgement | null {
  let byList = judgements.get(unknownWeak);
  if (!byList) {
    byList = new WeakMap();
    judgements.set(unknownWeak, byList);
  }
  let j = byList.get(list);
  if (j !== undefined) return j;
  const weak = list.flatMap((m) => w.exposed(m) ?? []);
  const first = weak[0];
  if (first) {
    const actions = [...new Set(first.grants.map((g) => g.action))];
    const more = weak.length > 1 ? ` (and ${weak.length - 1} more principal(s))` : '';
    j = {
      status: 'fail',
      message: `${first.principal.kind} ${first.principal.name} (${w.detail}) may ${actions.slice(0, 3).join(', ')}${actions.length > 3 ? ` and ${actions.length - 3} more` : ''} on this function${more}`,
      evidence: {
        modifiers: weak.slice(0, EVIDENCE_MODIFIERS).map(briefModifier),
        modifierCount: weak.length,
      },
    };
  } else if (unknownWeak.length > 0) {
    j = {
      status: 'unknown',
      message: `${unknownWeak.map((u) => `${u.principal.kind} ${u.principal.name}`).join(', ')} (${w.detail}) has policies that could not be read: ${unknownWeak[0]?.reasons[0]}`,
      evidence: NO_EVIDENCE,
    };
  } else {
    j = null;
  }
  byList.set(list, j);
  return j;
}

const unknownWeakCache = new WeakMap<Weakness, WeakMap<object, UnknownModifier[]>>();

export function judgeWeakModifiers(fn: FunctionView, v: Verdict, w: Weakness, view: AccountView): Draft {
  const analysis = accessAnalysis(view);
  if (!analysis.ok) return v.missing(analysis);
  const a = analysis.value;
  if (!a.credentialsKnown) {
    const report = view.iam.credentialReport;
    return report.ok
      ? v.unknown('the credential report is needed to judge the modifiers')
      : v.missing(report);
  }
  let byAnalysis = unknownWeakCache.get(w);
  if (!byAnalysis) {
    byAnalysis = new WeakMap();
    unknownWeakCache.set(w, byAnalysis);
  }
  let unknownWeak = byAnalysis.get(a);
  if (!unknownWeak) {
    unknownWeak = a.modifiers.unknown.filter((u) => {
      const model = a.modelByArn.get(u.principal.arn);
      return model !== undefined && w.has(model);
    });
    byAnalysis.set(a, unknownWeak);
  }
  const j = judgementOf(w, a.modifiers.modifiersOf(fn), unknownWeak);
  if (j?.status === 'fail') {
    // An unreadable resource policy could grant more (or, rarely, deny): a grant found stands, a
    // clean answer cannot be given.
    if (fn.policy.ok) return v.judged(j);
    return v.fail(`${j.message} (${fn.policy.reason}: it could grant others too)`, j.evidence);
  }
  if (j) return v.judged(j);
  if (!fn.policy.ok) return v.missing(fn.policy);
  return v.pass(`no ${w.phrase.replace(/^an? /, '')} may modify the function`);
}
