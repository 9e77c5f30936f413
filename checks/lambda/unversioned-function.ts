import { defineCheck } from '../../src/engine/check.js';
import type { EventSourceMapping } from '../../src/inventory/schema.js';
import { unqualifiedFunctionArn } from '../../src/policy/arn.js';
import type { FunctionView, LambdaRegionView } from '../../src/view/account-view.js';
import { versionsOf } from '../../src/view/qualifiers.js';
import type { MissingRead, Read } from '../../src/view/verdict.js';

/**
 * Seed practice BP3, version control: a function that something invokes (an event source mapping,
 * a function URL, a resource-policy grant) but that has never had a version published runs
 * whatever was deployed last. Every UpdateFunctionCode reaches production at once, and there is no
 * immutable version to roll back to or to compare with. With no published version, every alias
 * can only point at $LATEST, so every trigger, URL and grant ends at $LATEST however it is
 * qualified.
 *
 * - fail: no published version, and at least one trigger, URL or Allow statement;
 * - pass: the function has published versions (what invokes which qualifier is in the evidence of
 *   lambda.qualifier-* and the drift checks; this check asks only whether versions exist);
 * - not_applicable: no published version and nothing visible invokes it (a function called only
 *   by an IAM principal's Invoke, such as a Step Functions task, has no trigger to see);
 * - unknown: the versions could not be listed, or they are none and a read that could show a
 *   trigger failed.
 *
 * --deep: the versions come from the FunctionVersion=ALL listing.
 */
export default defineCheck({
  id: 'lambda.unversioned-function',
  title: 'Triggers, URLs or permissions invoke $LATEST of a function with no published version',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'low',
  practice: 'BP3',
  threats: ['T2', 'T4'],
  rationale:
    'Publishing a version freezes a function’s code and configuration under an immutable ARN; an alias that ' +
    'triggers and grants point at then moves only when a release moves it. A function wired to $LATEST with no ' +
    'version at all gives a modified package no review step: the change is live on the next invocation, there ' +
    'is nothing to roll back to, and nothing to compare the running code with after an incident.',
  remediation: {
    text: 'Publish a version, create an alias pointing at it (SAM: AutoPublishAlias), and point event source mappings, URLs and permissions at the alias; release by moving the alias.',
    cli: 'aws lambda publish-version --function-name <name> && aws lambda create-alias --function-name <name> --name live --function-version <version>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/using-aliases.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.versions', 'lambda.event-source-mappings', 'lambda.urls', 'lambda.policies'],
  evaluate: (view) =>
    view.eachFunction((fn, v) => {
      const versions = versionsOf(fn);
      if (!versions.ok) return v.missing(versions);
      if (versions.value.length > 0) {
        const latest = versions.value[versions.value.length - 1];
        return v.pass(`${versions.value.length} published version(s), the newest ${latest?.version}`, {
          versions: versions.value.length,
          newestVersion: latest?.version ?? null,
        });
      }
      const wiring = wiringOf(fn);
      const evidence = {
        eventSourceMappings: wiring.mappings,
        urls: wiring.urls,
        grants: wiring.grants,
      };
      const parts: string[] = [];
      if (wiring.mappings.length > 0) parts.push(`${wiring.mappings.length} event source mapping(s)`);
      if (wiring.urls.length > 0) parts.push(`${wiring.urls.length} function URL(s)`);
      if (wiring.grants.length > 0) parts.push(`${wiring.grants.length} resource-policy grant(s)`);
      if (parts.length > 0) {
        return v.fail(
          `no published version, yet ${parts.join(', ')} invoke $LATEST: a code change is live at once, with no version to roll back to`,
          evidence,
        );
      }
      if (wiring.unread) return v.missing(wiring.unread);
      return v.notApplicable(
        'no published version, and no event source mapping, URL or resource-policy grant invokes the function',
      );
    }),
});

interface Wiring {
  mappings: { uuid: string; functionArn: string; eventSourceArn: string | null }[];
  urls: string[];
  /** Sid (or "statement N") of each Allow statement of the function's policy. */
  grants: string[];
  /** The first read that could have shown more wiring and failed. */
  unread: MissingRead | null;
}

function wiringOf(fn: FunctionView): Wiring {
  const out: Wiring = { mappings: [], urls: [], grants: [], unread: null };
  const mappings = mappingsByFunction(fn.lambdaRegion);
  if (mappings.ok) {
    out.mappings = (mappings.value.get(fn.unqualifiedArn) ?? []).map((m) => ({
      uuid: m.uuid,
      functionArn: m.functionArn,
      eventSourceArn: m.eventSourceArn,
    }));
  } else out.unread ??= mappings;
  if (fn.urls.ok) out.urls = fn.urls.value.map((u) => u.url);
  else out.unread ??= fn.urls;
  if (!fn.policy.ok) out.unread ??= fn.policy;
  else if (fn.policy.value?.parsed) {
    out.grants = fn.policy.value.document.Statement.flatMap((s, i) =>
      s.Effect === 'Allow' ? [s.Sid ? `"${s.Sid}"` : `statement ${i + 1}`] : [],
    );
  }
  return out;
}

type MappingIndex = Read<ReadonlyMap<string, EventSourceMapping[]>>;
const INDEXES = new WeakMap<LambdaRegionView, MappingIndex>();

/** The region's mappings by unqualified function ARN, built once per region view. */
function mappingsByFunction(region: LambdaRegionView): MappingIndex {
  const cached = INDEXES.get(region);
  if (cached) return cached;
  const read = region.eventSourceMappings;
  let index: MappingIndex;
  if (!read.ok) index = read;
  else {
    const map = new Map<string, EventSourceMapping[]>();
    for (const m of read.value) {
      const arn = unqualifiedFunctionArn(m.functionArn);
      const list = map.get(arn) ?? [];
      list.push(m);
      map.set(arn, list);
    }
    index = { ok: true, value: map };
  }
  INDEXES.set(region, index);
  return index;
}
