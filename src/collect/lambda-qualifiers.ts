/**
 * A function's qualifiers: its published versions and aliases, and the resource policy of each.
 * Lambda keeps one resource policy per qualifier: a permission added with `--qualifier prod`
 * lets its principal invoke `function:f:prod` and nothing else, and the unqualified function's
 * policy does not cover the alias or the versions (Lambda developer guide, "Using aliases in
 * event sources and permissions policies"). A scanner that reads only the unqualified policy
 * misses a public alias, and judges an alias's function URL by a policy that does not apply to it.
 *
 *   lambda.versions            ListFunctions with FunctionVersion=ALL instead of the plain listing
 *                              (lambda.ts): the region's versions at 50 per page, no call per function
 *   lambda.aliases             ListAliases per function (control bucket, shared 15/s)
 *   lambda.qualifier-policies  GetPolicy with Qualifier per alias and per version (GetPolicy bucket)
 *   alias URLs                 GetPolicy with the URL's alias whenever the plan reads policies and
 *                              the URL is not AWS_IAM: it cannot be judged without it, and such
 *                              URLs are few
 *
 * The three lambda.* reads are --deep (DEEP_READS in reads.ts). One GetPolicy per qualifier is
 * made however many reads need it (`QualifierPolicies`).
 */
import {
  type FunctionConfiguration,
  GetPolicyCommand,
  type LambdaClient,
  paginateListAliases,
} from '@aws-sdk/client-lambda';
import { compareText } from '../inventory/order.js';
import type {
  Fetched,
  FunctionAlias,
  FunctionUrlConfig,
  ParsedPolicy,
  PublishedVersion,
} from '../inventory/schema.js';
import { urlAliasOf } from '../policy/arn.js';
import { parsePolicy } from '../policy/parse.js';
import { awsDateToIso } from './dates.js';
import { read } from './read.js';

const SERVICE = 'lambda';

export type PolicyRead = Fetched<ParsedPolicy | null>;

/**
 * GetPolicy of the unqualified function, or of one version or alias. Lambda answers
 * ResourceNotFoundException when there is no policy: that is "none", not an error.
 */
export function readPolicy(
  client: LambdaClient,
  region: string,
  arn: string,
  qualifier?: string,
): Promise<PolicyRead> {
  return read(
    SERVICE,
    'GetPolicy',
    region,
    async () => {
      const out = await client.send(
        new GetPolicyCommand(
          qualifier === undefined ? { FunctionName: arn } : { FunctionName: arn, Qualifier: qualifier },
        ),
      );
      return out.Policy ? parsePolicy(out.Policy) : null;
    },
    (error) => (error.code === 'ResourceNotFoundException' ? { value: null } : undefined),
  );
}

/** One GetPolicy per qualifier of one function, whichever reads ask for it. */
export class QualifierPolicies {
  private readonly reads = new Map<string, Promise<PolicyRead>>();
  private readonly client: LambdaClient;
  private readonly region: string;
  private readonly arn: string;

  constructor(client: LambdaClient, region: string, arn: string) {
    this.client = client;
    this.region = region;
    this.arn = arn;
  }

  of(qualifier: string): Promise<PolicyRead> {
    let p = this.reads.get(qualifier);
    if (!p) {
      p = readPolicy(this.client, this.region, this.arn, qualifier);
      this.reads.set(qualifier, p);
    }
    return p;
  }
}

/**
 * Each alias URL that does not require IAM authentication gets its alias's policy (the
 * unqualified URL keeps the function's). An AWS_IAM URL is judged without a policy: every check
 * passes or skips it on its auth type alone, so its alias's GetPolicy would be a call for nothing.
 */
export async function withAliasPolicies(
  urls: Fetched<FunctionUrlConfig[]>,
  policies: QualifierPolicies,
): Promise<Fetched<FunctionUrlConfig[]>> {
  if (!urls.ok) return urls;
  const value = await Promise.all(
    urls.value.map(async (u) => {
      const q = urlAliasOf(u.functionArn);
      return q === null || u.authType === 'AWS_IAM' ? u : { ...u, policy: await policies.of(q) };
    }),
  );
  return { ok: true, value };
}

/** ListAliases, every page; with `policies`, each alias's own resource policy too. */
export async function readAliases(
  client: LambdaClient,
  region: string,
  arn: string,
  policies: QualifierPolicies | null,
): Promise<Fetched<FunctionAlias[]>> {
  const listed = await read(SERVICE, 'ListAliases', region, async () => {
    const out: FunctionAlias[] = [];
    for await (const page of paginateListAliases({ client, pageSize: 50 }, { FunctionName: arn })) {
      for (const a of page.Aliases ?? []) {
        if (!a.Name) continue;
        const weights = a.RoutingConfig?.AdditionalVersionWeights ?? {};
        out.push({
          name: a.Name,
          arn: a.AliasArn ?? `${arn}:${a.Name}`,
          functionVersion: a.FunctionVersion ?? '',
          additionalVersions: Object.entries(weights)
            .map(([version, weight]) => ({ version, weight }))
            .sort((x, y) => compareText(x.version, y.version)),
        });
      }
    }
    return out.sort((x, y) => compareText(x.name, y.name));
  });
  if (!listed.ok || policies === null) return listed;
  const value = await Promise.all(
    listed.value.map(async (a) => ({ ...a, policy: await policies.of(a.name) })),
  );
  return { ok: true, value };
}

/** Is this listing entry the function itself (`$LATEST`) rather than a published version? */
export const isLatest = (c: FunctionConfiguration): boolean => (c.Version ?? '$LATEST') === '$LATEST';

/** A published version from a FunctionVersion=ALL listing entry; its variables are never read. */
export function publishedVersion(c: FunctionConfiguration): PublishedVersion {
  return {
    version: c.Version ?? '',
    arn: c.FunctionArn ?? '',
    codeSha256: c.CodeSha256 ?? null,
    lastModified: awsDateToIso(c.LastModified),
    runtime: c.Runtime ?? null,
    roleArn: c.Role ?? '',
  };
}

/** Oldest first: version numbers compare as numbers ("10" after "9"). */
export function byVersionNumber(a: PublishedVersion, b: PublishedVersion): number {
  const d = Number(a.version) - Number(b.version);
  return Number.isFinite(d) && d !== 0 ? d : compareText(a.version, b.version);
}
