import { parse, validate } from '@aws-sdk/util-arn-parser';
import { z } from 'zod';
import publisherData from '../../data/trusted-layer-publishers.json' with { type: 'json' };
import { defineCheck, type Evidence, fail, pass, unknown } from '../../src/engine/check.js';
import { eachFunction } from '../../src/engine/scope.js';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date');
const accountId = z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id');

/** The AWS-owned accounts known to publish public Lambda layers, each with the page that states it. */
export const PublisherTable = z
  .object({
    retrievedAt: isoDay,
    notes: z.string().optional(),
    publishers: z
      .array(
        z.object({
          accountId,
          partition: z.enum(['aws', 'aws-cn', 'aws-us-gov']),
          /** The regions the source lists for this account; null: one account for every region of the partition. */
          regions: z
            .array(z.string().regex(/^[a-z]{2}(?:-[a-z]+)+-\d+$/))
            .min(1)
            .nullable(),
          publisher: z.string().min(1),
          source: z.url().startsWith('https://'),
        }),
      )
      .min(1),
  })
  .refine(
    (t) => new Set(t.publishers.map((p) => `${p.partition}:${p.accountId}`)).size === t.publishers.length,
    'duplicate account: one entry per partition and account',
  );
export type PublisherTable = z.infer<typeof PublisherTable>;
export type PublisherEntry = PublisherTable['publishers'][number];

let table: { data: PublisherTable; byAccount: Map<string, PublisherEntry> } | undefined;

/**
 * The publisher table, validated on first use (not at import, so a broken data file turns this
 * check's results into unknowns instead of stopping the whole registry from loading).
 */
export function publisherTable(): { data: PublisherTable; byAccount: Map<string, PublisherEntry> } {
  if (!table) {
    const data = PublisherTable.parse(publisherData);
    table = { data, byAccount: new Map(data.publishers.map((p) => [`${p.partition}:${p.accountId}`, p])) };
  }
  return table;
}

/** A layer version ARN, split: arn:<partition>:lambda:<region>:<account>:layer:<name>:<version>. */
export interface LayerRef {
  arn: string;
  partition: string;
  region: string;
  accountId: string;
  name: string;
  version: number;
}

const LAYER_RESOURCE = /^layer:([A-Za-z0-9_-]{1,140}):([1-9]\d*)$/;

/** The parts of a layer version ARN, or null when `arn` is not one. */
export function parseLayerArn(arn: string): LayerRef | null {
  if (!validate(arn)) return null;
  let parts: ReturnType<typeof parse>;
  try {
    parts = parse(arn);
  } catch {
    return null;
  }
  const m = LAYER_RESOURCE.exec(parts.resource);
  if (parts.service !== 'lambda' || !parts.region || !/^\d{12}$/.test(parts.accountId) || !m) return null;
  return {
    arn,
    partition: parts.partition,
    region: parts.region,
    accountId: parts.accountId,
    name: m[1] as string,
    version: Number(m[2]),
  };
}

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
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [] },
  evaluate: (inventory, ctx) => {
    const { data, byAccount } = publisherTable();
    return eachFunction(inventory, ctx, (fn, ref) => {
      if (fn.layers.length === 0) {
        return pass(
          ref,
          fn.packageType === 'Image'
            ? 'container image function: it has no layers'
            : 'the function has no layers',
          { packageType: fn.packageType, layers: [] },
        );
      }
      const classified: Classified[] = [];
      const unparsable: string[] = [];
      for (const { arn } of fn.layers) {
        const layer = parseLayerArn(arn);
        if (layer) classified.push(classify(layer, ctx.accountId, byAccount));
        else unparsable.push(arn);
      }
      const evidence: Evidence = {
        layers: classified.map(layerEvidence),
        ...(unparsable.length > 0 ? { unparsableLayerArns: unparsable } : {}),
        dataRetrievedAt: data.retrievedAt,
      };
      const foreign = classified.filter((c) => c.owner === 'foreign');
      if (foreign.length > 0) {
        // A foreign layer is a finding whatever the unparsable ARNs turn out to be.
        const accounts = unique(foreign.map((c) => c.layer.accountId));
        return fail(
          ref,
          `${foreign.length} layer(s) published by another AWS account (${accounts.join(', ')}), neither this ` +
            `account nor a known AWS publisher: ${foreign.map((c) => c.layer.arn).join(', ')}`,
          { ...evidence, foreignAccounts: accounts },
        );
      }
      if (unparsable.length > 0) {
        return unknown(
          ref,
          `${unparsable.length} layer ARN(s) could not be parsed, so their publisher is unknown: ${unparsable.join(', ')}`,
          undefined,
          evidence,
        );
      }
      const publishers = unique(
        classified.flatMap((c) => (c.owner === 'aws' ? [c.publisher.publisher] : [])),
      );
      const own = classified.filter((c) => c.owner === 'own').length;
      const parts = [
        ...(own > 0 ? [`${own} from this account`] : []),
        ...(publishers.length > 0
          ? [`${classified.length - own} from AWS-owned publishers (${publishers.join('; ')})`]
          : []),
      ];
      return pass(ref, `all ${classified.length} layer(s) are trusted: ${parts.join(', ')}`, {
        ...evidence,
        publishers,
      });
    });
  },
});
