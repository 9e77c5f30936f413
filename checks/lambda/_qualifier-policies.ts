/**
 * One result per function from the policies of its aliases and published versions (--deep), each
 * judged by the same rule as the unqualified function's policy (_policy-judgements.ts):
 *
 * - fail: some qualifier's policy fails; the evidence lists every failing qualifier with the
 *   judgement's own evidence (statements, accounts), so each can be fixed with --qualifier;
 * - unknown: none fails, but a qualifier's policy could not be read, parsed or interpreted (or
 *   the versions or aliases could not be listed);
 * - not_applicable: the function has no alias and no published version;
 * - pass: every qualifier has no policy or a policy that passes.
 */
import type { ParsedPolicy } from '../../src/inventory/schema.js';
import type { FunctionView } from '../../src/view/account-view.js';
import { qualifierLabel, qualifiersOf } from '../../src/view/qualifiers.js';
import type { Draft, Judgement, Verdict } from '../../src/view/verdict.js';

export function judgeQualifiers(
  fn: FunctionView,
  v: Verdict,
  judge: (policy: ParsedPolicy) => Judgement,
): Draft {
  const qualifiers = qualifiersOf(fn);
  if (!qualifiers.ok) return v.missing(qualifiers);
  const all = qualifiers.value;
  if (all.length === 0) return v.notApplicable('the function has no alias or published version');
  const failing: { label: string; arn: string; judgement: Judgement }[] = [];
  // Grants a passing judgement let through as inside the organization (lambda.cross-account-grant's
  // rule): kept, so a pass still shows them per qualifier.
  const within: { qualifier: string; arn: string; withinOrganization: unknown[] }[] = [];
  let unknown: Draft | null = null;
  let withPolicy = 0;
  for (const q of all) {
    const label = qualifierLabel(q);
    if (!q.policy.ok) {
      unknown ??= v.missing(q.policy, { qualifier: q.name, qualifierArn: q.arn });
      continue;
    }
    if (q.policy.value === null) continue;
    withPolicy += 1;
    const j = judge(q.policy.value);
    if (j.status === 'fail') failing.push({ label, arn: q.arn, judgement: j });
    else if (j.status === 'pass' && Array.isArray(j.evidence.withinOrganization)) {
      if (j.evidence.withinOrganization.length > 0)
        within.push({ qualifier: label, arn: q.arn, withinOrganization: j.evidence.withinOrganization });
    } else if (j.status === 'unknown') {
      unknown ??= v.unknown(`${label}: ${j.message}`, {
        qualifier: q.name,
        qualifierArn: q.arn,
        ...j.evidence,
      });
    }
  }
  const first = failing[0];
  if (first) {
    const more = failing.length > 1 ? ` (and ${failing.length - 1} more qualifier(s))` : '';
    return v.fail(`${first.label}: ${first.judgement.message}${more}`, {
      qualifiers: failing.map((f) => ({ qualifier: f.label, arn: f.arn, ...f.judgement.evidence })),
    });
  }
  if (unknown) return unknown;
  const versions = all.filter((q) => q.kind === 'version').length;
  return v.pass(
    `none of the function's ${versions} published version(s) and ${all.length - versions} alias(es) has a policy that fails (${withPolicy} with a policy of its own)`,
    {
      versions,
      aliases: all.length - versions,
      withPolicy,
      ...(within.length > 0 ? { withinOrganization: within } : {}),
    },
  );
}
