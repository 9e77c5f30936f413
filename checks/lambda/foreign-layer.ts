import { type PublisherEntry, publisherTable } from '../../src/data/layer-publishers.js';
import { defineCheck, type Evidence } from '../../src/engine/check.js';
import { type LayerRef, parseLayerArn } from '../../src/policy/arn.js';
import { memoize } from '../../src/view/memo.js';

type Classified =
  | { owner: 'own'; layer: LayerRef }
  | { owner: 'aws'; layer: LayerRef; publisher: PublisherEntry }
  | { owner: 'foreign'; layer: LayerRef };

function classify(layer: LayerRef, ownAccount: string, byAccount: Map<string, PublisherEntry>): Classified {
  if (layer.accountId === ownAccount) return { owner: 'own', layer };
  // An account id names one account within its partition; AWS never hands an account it publishes
  // from to a customer, so the account (not the region) decides trust. The regions recorded are
  // where the documentation lists it, kept as evidence.
  const publisher = byAccount.get(`${layer.partition}:${layer.accountId}`);
  if (publisher) return { owner: 'aws', layer, publisher };
  return { owner: 'foreign', layer };
}

function layerEvidence(c: Classified): Evidence {
  const base = {
    arn: c.layer.arn,
    accountId: c.layer.accountId,
    name: c.layer.name,
    version: c.layer.version,
    owner: c.owner,
  };
  if (c.owner !== 'aws') return base;
  return {
    ...base,
    publisher: c.publisher.publisher,
    publisherSource: c.publisher.source,
    documentedForRegion: c.publisher.regions === null || c.publisher.regions.includes(c.layer.region),
  };
}

const unique = <T>(xs: T[]): T[] => [...new Set(xs)];

export default defineCheck({
  id: 'lambda.foreign-layer',
  title: 'Function loads a Lambda layer published by another AWS account',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'medium',
  practice: 'BP4',
  threats: ['T2'],
  rationale:
    'A layer is extracted into /opt and runs inside the function with its execution role and environment, so its ' +
    'code is as privileged as the function’s own. A layer published by another account was built through that ' +
    'party’s supply chain and cannot be reviewed from this account; every version switch brings in code nobody here ' +
    'approved. Layers from this account and from the AWS-owned publisher accounts in ' +
    'data/trusted-layer-publishers.json (Powertools, Parameters and Secrets, Lambda Insights, AppConfig, ADOT) pass.',
  remediation: {
    text:
      'For each foreign layer, decide whether the publishing account is trusted. If it is one of your own accounts ' +
      '(for example another account of your AWS Organization), this single-account scan cannot know that: record it ' +
      'as an accepted exception. Otherwise review the layer content (get-layer-version-by-arn returns a download ' +
      'link), then republish it from your own account or bundle the dependency into the deployment package, pin ' +
      'the version, and enforce code signing so unapproved code cannot be deployed.',
    cli: 'aws lambda get-layer-version-by-arn --arn <layer version ARN> && aws lambda update-function-configuration --function-name <name> --layers <layer ARNs from your own account>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/permissions-layer-cross-account.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.functions'],
  data: ['trusted-layer-publishers'],
  evaluate: (view) => {
    const { data, byAccount } = publisherTable();
    // Functions share a few layer versions: parse and classify each ARN once per evaluation.
    const classified = memoize((arn: string) => {
      const layer = parseLayerArn(arn);
      const c = layer ? classify(layer, view.accountId, byAccount) : null;
      return c ? { c, evidence: layerEvidence(c) } : null;
    });
    return view.eachFunction((fn, v) => {
      const { layers, packageType } = fn.config;
      if (layers.length === 0) {
        return v.notApplicable(
          packageType === 'Image'
            ? 'container image function: it has no layers'
            : 'the function has no layers',
          { packageType },
        );
      }
      const known: Classified[] = [];
      const layerEvidences: Evidence[] = [];
      const unparsable: string[] = [];
      for (const { arn } of layers) {
        const entry = classified(arn);
        if (entry) {
          known.push(entry.c);
          layerEvidences.push(entry.evidence);
        } else unparsable.push(arn);
      }
      const evidence: Evidence = {
        layers: layerEvidences,
        ...(unparsable.length > 0 ? { unparsableLayerArns: unparsable } : {}),
        dataRetrievedAt: data.retrievedAt,
      };
      const foreign = known.filter((c) => c.owner === 'foreign');
      if (foreign.length > 0) {
        // A foreign layer is a finding whatever the unparsable ARNs turn out to be.
        const accounts = unique(foreign.map((c) => c.layer.accountId));
        return v.fail(
          `${foreign.length} layer(s) published by another AWS account (${accounts.join(', ')}), neither this ` +
            `account nor a known AWS publisher: ${foreign.map((c) => c.layer.arn).join(', ')}`,
          { ...evidence, foreignAccounts: accounts },
        );
      }
      if (unparsable.length > 0) {
        return v.unknown(
          `${unparsable.length} layer ARN(s) could not be parsed, so their publisher is unknown: ${unparsable.join(', ')}`,
          evidence,
        );
      }
      const publishers = unique(known.flatMap((c) => (c.owner === 'aws' ? [c.publisher.publisher] : [])));
      const own = known.filter((c) => c.owner === 'own').length;
      const parts = [
        ...(own > 0 ? [`${own} from this account`] : []),
        ...(publishers.length > 0
          ? [`${known.length - own} from AWS-owned publishers (${publishers.join('; ')})`]
          : []),
      ];
      return v.pass(`all ${known.length} layer(s) are trusted: ${parts.join(', ')}`, {
        ...evidence,
        publishers,
      });
    });
  },
});
