import { defineCheck } from '../../src/engine/check.js';
import type { Modifier } from '../../src/iam/modifiers.js';
import { describeRef } from '../../src/iam/statements.js';
import { eachPrincipal, principalPreamble } from '../../src/iam/walk.js';

/** The region-wide modifiers keyed by principal ARN, made once per analysis. */
const byArnCache = new WeakMap<object, Map<string, Map<string, Modifier>>>();
function regionWideByArn(
  regionWide: ReadonlyMap<string, readonly Modifier[]>,
): Map<string, Map<string, Modifier>> {
  let out = byArnCache.get(regionWide);
  if (!out) {
    out = new Map(
      [...regionWide].map(([region, list]) => [region, new Map(list.map((m) => [m.principal.arn, m]))]),
    );
    byArnCache.set(regionWide, out);
  }
  return out;
}

/**
 * Region-wide modify grants: the principal may change *every* function of a region (code,
 * configuration, permissions or entry points), which is what `Resource: "*"` on
 * lambda:UpdateFunctionCode means. Judged by the evaluator after denies and boundaries, so a
 * grant on `arn:…:function:team-a-*` passes and `*` carved down by a Deny passes where it is.
 */
export default defineCheck({
  id: 'lambda.modify-any-function',
  title: 'IAM principal may modify every Lambda function in a region',
  service: 'lambda',
  resourceType: 'AWS::IAM::Role',
  severity: 'medium',
  practice: 'BP3',
  threats: ['T2'],
  rationale:
    'A principal allowed lambda:UpdateFunctionCode, UpdateFunctionConfiguration, AddPermission or the URL and alias ' +
    'actions on every function can plant code in any of them, including those whose roles are far stronger than its ' +
    'own. Deployment roles should be limited to the functions they deploy (a name prefix, a path or a tag condition).',
  remediation: {
    text: 'Limit the Resource of the lambda:Update*/AddPermission/…Url*/…Alias statements to the functions the principal owns (e.g. arn:aws:lambda:<region>:<account>:function:<team>-*), or add a tag condition (aws:ResourceTag).',
    cli: 'aws iam put-role-policy --role-name <role> --policy-name deploy-scope --policy-document file://scoped.json',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-api-permissions-ref.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/permissions-user-function.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['iam.authorization', 'lambda.functions'],
  data: ['iam-actions'],
  evaluate: (view) =>
    eachPrincipal(view, ['user', 'role'], (model, analysis, v) => {
      const early = principalPreamble(model, v);
      if (early) return early;
      const regions: { region: string; actions: string[]; statements: string[]; conditional: boolean }[] = [];
      for (const [region, byArn] of regionWideByArn(analysis.modifiers.regionWide)) {
        const m = byArn.get(model.principal.arn);
        if (!m) continue;
        regions.push({
          region,
          actions: m.grants.map((g) => g.action),
          statements: [
            ...new Set(
              m.grants.flatMap((g) => g.statements.filter((s) => s.effect === 'Allow').map(describeRef)),
            ),
          ],
          conditional: m.grants.every((g) => g.decision === 'conditional'),
        });
      }
      const first = regions[0];
      if (!first) return v.pass('the principal may not modify every function of any scanned region');
      const cond = regions.every((r) => r.conditional) ? ' if undecided conditions hold' : '';
      return v.fail(
        `may ${first.actions.slice(0, 3).join(', ')}${first.actions.length > 3 ? ` and ${first.actions.length - 3} more` : ''} on every function in ${regions.map((r) => r.region).join(', ')}${cond}, through ${first.statements.slice(0, 2).join(', ')}`,
        { regions },
      );
    }),
});
