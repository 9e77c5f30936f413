/**
 * Where a function's resource policy came from, for the evidence of the checks that judge it.
 * With --policy-source config a policy may be AWS Config's copy, captured at some time before the
 * scan: the evidence then says so, with its capture time and its age at the scan (`ctx.now`), so
 * a report never presents a day-old policy as live. A policy Config could not vouch for was read
 * live from Lambda, and the evidence says why. A default scan (every policy from GetPolicy) adds
 * nothing.
 */

import type { FunctionView } from '../../src/view/account-view.js';
import type { Draft, Evidence } from '../../src/view/verdict.js';

export function policySourceEvidence(fn: FunctionView, now: Date): Evidence | null {
  const source = fn.config.policySource;
  if (!source) return null;
  if (source.from === 'lambda')
    return { policySource: { from: 'lambda', readLive: true, reason: source.reason } };
  return {
    policySource: {
      from: 'aws-config',
      capturedAt: source.capturedAt,
      ageSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(source.capturedAt)) / 1000)),
      recordingFrequency: source.recordingFrequency,
    },
  };
}

/** The draft with the policy's source beside its evidence (a new object: evidence may be shared). */
export function withPolicySource(draft: Draft, fn: FunctionView, now: Date): Draft {
  const extra = policySourceEvidence(fn, now);
  return extra ? { ...draft, evidence: { ...draft.evidence, ...extra } } : draft;
}
