/**
 * The region's own Lambda layers: ListLayers, then ListLayerVersions per layer and, when the plan
 * has it, GetLayerVersionPolicy per version. All three are control-plane calls (Lambda's shared
 * 15 req/s per region), but their number follows the layers and versions the account publishes,
 * not its functions. ListLayers lists only the calling account's layers, and ListLayerVersions
 * only the versions that still exist (a deleted version stays usable by the functions that
 * already have it, but is listed nowhere). A layer whose latest version is 1 needs no
 * ListLayerVersions.
 */
import {
  GetLayerVersionPolicyCommand,
  type LambdaClient,
  type LayerVersionsListItem,
  paginateListLayers,
  paginateListLayerVersions,
} from '@aws-sdk/client-lambda';
import { compareText } from '../inventory/order.js';
import type { ReadPlan } from '../inventory/reads.js';
import type { Fetched, LambdaLayer, LambdaLayerVersion, ParsedPolicy } from '../inventory/schema.js';
import { parsePolicy } from '../policy/parse.js';
import { awsDateToIso } from './dates.js';
import { read } from './read.js';

const SERVICE = 'lambda';

export async function readLayers(
  client: LambdaClient,
  region: string,
  plan: ReadPlan,
): Promise<Fetched<LambdaLayer[]>> {
  const listed = await read(SERVICE, 'ListLayers', region, () =>
    collectPages(paginateListLayers({ client }, {}), (page) => page.Layers),
  );
  if (!listed.ok) return listed;
  const layers = await Promise.all(
    listed.value.flatMap((l) => {
      const { LayerName: name, LayerArn: arn } = l;
      return name && arn ? [readLayer(client, region, plan, name, arn, l.LatestMatchingVersion)] : [];
    }),
  );
  return { ok: true, value: layers.sort((a, b) => compareText(a.name, b.name)) };
}

async function readLayer(
  client: LambdaClient,
  region: string,
  plan: ReadPlan,
  name: string,
  arn: string,
  latest: LayerVersionsListItem | undefined,
): Promise<LambdaLayer> {
  // Version numbers start at 1 and are never reused: a layer whose latest version is 1 has only
  // that one, and ListLayers already described it.
  if (latest?.Version === 1 && latest.LayerVersionArn) {
    return {
      name,
      arn,
      versions: { ok: true, value: [await readVersion(client, region, plan, name, latest)] },
    };
  }
  const listed = await read(SERVICE, 'ListLayerVersions', region, () =>
    collectPages(paginateListLayerVersions({ client }, { LayerName: name }), (page) => page.LayerVersions),
  );
  if (!listed.ok) return { name, arn, versions: listed };
  const versions = await Promise.all(
    listed.value.flatMap((v) =>
      v.LayerVersionArn && v.Version ? [readVersion(client, region, plan, name, v)] : [],
    ),
  );
  return { name, arn, versions: { ok: true, value: versions.sort((a, b) => a.version - b.version) } };
}

async function readVersion(
  client: LambdaClient,
  region: string,
  plan: ReadPlan,
  name: string,
  v: LayerVersionsListItem,
): Promise<LambdaLayerVersion> {
  const version = v.Version ?? 0;
  const out: LambdaLayerVersion = {
    arn: v.LayerVersionArn ?? '',
    version,
    // CreatedDate has LastModified's form (ISO 8601 with a +0000 offset).
    createdAt: awsDateToIso(v.CreatedDate),
    compatibleRuntimes: [...(v.CompatibleRuntimes ?? [])],
    compatibleArchitectures: [...(v.CompatibleArchitectures ?? [])],
  };
  if (plan.has('lambda.layer-policies')) out.policy = await readVersionPolicy(client, region, name, version);
  return out;
}

function readVersionPolicy(
  client: LambdaClient,
  region: string,
  name: string,
  version: number,
): Promise<Fetched<ParsedPolicy | null>> {
  return read(
    SERVICE,
    'GetLayerVersionPolicy',
    region,
    async () => {
      const out = await client.send(
        new GetLayerVersionPolicyCommand({ LayerName: name, VersionNumber: version }),
      );
      return out.Policy ? parsePolicy(out.Policy) : null;
    },
    // A version nobody was granted access to has no policy: Lambda answers ResourceNotFoundException.
    (error) => (error.code === 'ResourceNotFoundException' ? { value: null } : undefined),
  );
}

async function collectPages<P, T>(pages: AsyncIterable<P>, pick: (page: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(pick(page) ?? []));
  return out;
}
