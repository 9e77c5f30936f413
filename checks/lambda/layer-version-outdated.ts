import { defineCheck, type Evidence } from '../../src/engine/check.js';
import type { LambdaLayerVersion } from '../../src/inventory/schema.js';
import { type LayerRef, parseLayerArn } from '../../src/policy/arn.js';
import type { FunctionView } from '../../src/view/account-view.js';

/**
 * Only the account's own layers are judged: their versions are listed by ListLayerVersions in the
 * scan. Another account's layer (AWS's Powertools, a vendor's extension) can be listed only if
 * its publisher allows it, which most do not; a function with no own layer is not applicable
 * rather than unknown, since no read this scan could make would answer it. A newer version
 * counts only when it could replace the one in use: one whose CompatibleRuntimes or
 * CompatibleArchitectures exclude the function's is built for other functions, not an upgrade.
 */
function upgradeFor(fn: FunctionView, v: LambdaLayerVersion): boolean {
  const runtime = fn.config.runtime;
  const runtimes = v.compatibleRuntimes;
  if (runtimes.length > 0 && runtime !== null && !runtimes.includes(runtime)) return false;
  // Lambda's default architecture when none is reported.
  const archs = fn.config.architectures.length > 0 ? fn.config.architectures : ['x86_64'];
  const compatible = v.compatibleArchitectures;
  return compatible.length === 0 || archs.some((a) => compatible.includes(a));
}

type Judged =
  | { kind: 'outdated'; layer: LayerRef; newest: number }
  | { kind: 'current'; layer: LayerRef; note?: string }
  | { kind: 'unreadable'; layer: LayerRef; reason: string };

export default defineCheck({
  id: 'lambda.layer-version-outdated',
  title: 'Function uses an older version of one of this account’s layers',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'low',
  practice: 'BP7',
  threats: ['T4'],
  rationale:
    'A function keeps the exact layer version it was configured with: publishing a fixed version of a shared ' +
    'layer (a patched dependency, a rotated CA bundle) changes nothing until each function is updated to it. A ' +
    'function still on an older version of one of this account’s layers, while a newer version compatible with ' +
    'its runtime and architecture is published, runs code the owners have already replaced. Layers of other ' +
    'accounts are not judged (their versions cannot be listed from here).',
  remediation: {
    text:
      'Review what changed in the newer layer version, test the function with it and update its layer list; pin ' +
      'layer versions in your infrastructure code so the upgrade is deliberate and reviewed.',
    cli: 'aws lambda list-layer-versions --layer-name <name> && aws lambda update-function-configuration --function-name <name> --layers <newest layer version ARN> <other layer ARNs>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/adding-layers.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/creating-deleting-layers.html',
    'https://docs.aws.amazon.com/lambda/latest/api/API_ListLayerVersions.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.layers'],
  evaluate: (view) =>
    view.eachFunction((fn, v) => {
      const { layers: used, packageType } = fn.config;
      if (used.length === 0) {
        return v.notApplicable(
          packageType === 'Image'
            ? 'container image function: it has no layers'
            : 'the function has no layers',
        );
      }
      const refs = used.map((l) => ({ arn: l.arn, ref: parseLayerArn(l.arn) }));
      const unparsable = refs.filter((r) => r.ref === null).map((r) => r.arn);
      const own = refs.flatMap((r) =>
        r.ref && r.ref.accountId === view.accountId && r.ref.region === fn.region ? [r.ref] : [],
      );
      const foreign = refs.flatMap((r) => (r.ref && !own.includes(r.ref) ? [r.ref.arn] : []));
      if (own.length === 0 && unparsable.length === 0) {
        return v.notApplicable(
          `none of its ${used.length} layer(s) is published by this account (another account’s versions cannot be listed)`,
          { foreignLayers: foreign },
        );
      }
      const listed = fn.lambdaRegion.layers;
      if (own.length > 0 && !listed.ok) return v.missing(listed);
      const byName = new Map((listed.ok ? listed.value : []).map((l) => [l.name, l]));
      const judged: Judged[] = own.map((layer): Judged => {
        const entry = byName.get(layer.name);
        // Every version deleted: the layer is listed nowhere, and nothing newer exists to move to.
        if (!entry) return { kind: 'current', layer, note: 'no version of the layer exists any more' };
        if (!entry.versions.ok) {
          return {
            kind: 'unreadable',
            layer,
            reason: `${entry.versions.error.operation} failed (${entry.versions.error.code})`,
          };
        }
        const newer = entry.versions.value.filter((x) => x.version > layer.version && upgradeFor(fn, x));
        const newest = Math.max(0, ...newer.map((x) => x.version));
        return newest > 0 ? { kind: 'outdated', layer, newest } : { kind: 'current', layer };
      });
      const evidence: Evidence = {
        ownLayers: judged.map((j) => ({
          arn: j.layer.arn,
          name: j.layer.name,
          version: j.layer.version,
          ...(j.kind === 'outdated' ? { newestCompatibleVersion: j.newest } : {}),
          ...(j.kind === 'current' && j.note ? { note: j.note } : {}),
          ...(j.kind === 'unreadable' ? { unreadable: j.reason } : {}),
        })),
        ...(foreign.length > 0 ? { notJudged: foreign } : {}),
        ...(unparsable.length > 0 ? { unparsableLayerArns: unparsable } : {}),
      };
      const outdated = judged.flatMap((j) => (j.kind === 'outdated' ? [j] : []));
      if (outdated.length > 0) {
        return v.fail(
          outdated
            .map((o) => `uses ${o.layer.name}:${o.layer.version} while version ${o.newest} is published`)
            .join('; '),
          evidence,
        );
      }
      const unreadable = judged.flatMap((j) => (j.kind === 'unreadable' ? [j] : []));
      if (unreadable.length > 0) {
        return v.unknown(
          `the versions of ${unreadable.map((u) => `${u.layer.name} (${u.reason})`).join(', ')} could not be listed`,
          evidence,
        );
      }
      if (unparsable.length > 0) {
        return v.unknown(
          `layer ARN(s) ${unparsable.join(', ')} could not be parsed, so their owner is unknown`,
          evidence,
        );
      }
      return v.pass(
        `all ${own.length} layer(s) from this account are at their newest compatible version`,
        evidence,
      );
    }),
});
