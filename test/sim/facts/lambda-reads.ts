/**
 * Ground truth for the checks that need reads beyond the function listing (see group.ts): the
 * account's own layer versions (ListLayers, ListLayerVersions, GetLayerVersionPolicy) and the
 * subnets of VPC functions (ec2:DescribeSubnets).
 *
 * `plant` publishes, per region, the own layers the generated functions already reference (they
 * name versions 1–30 of `shared-utils`, `<service>-deps`, …), as a release pipeline leaves them:
 * the newest version sometimes ahead of every function, each reference moved to the newest except
 * those left behind at the misconfiguration rate (the outdated finding), and only the newest three
 * versions kept (older ones deleted; functions that use them keep working, as on AWS), plus a
 * layer no function uses. Version policies are
 * drawn: public (the finding), organization-only or one named account (look-alikes), or none.
 * It also gives every subnet a VPC function uses an Availability Zone: all in one zone (the
 * finding) or spread over two or three (look-alikes). `facts` then reads only the final model.
 */
import type {
  GenContext,
  PolicyDoc,
  SimAccount,
  SimFunction,
  SimLayerVersion,
  SimOwnLayer,
  SimSubnet,
} from '../account.js';
import { daysAgo } from '../account.js';
import { chance, fork, int, type Rng } from '../prng.js';
import type { FactGroup, FactSink } from './group.js';

const IDS = ['lambda.layer-version-outdated', 'lambda.layer-version-public', 'lambda.vpc-single-az'] as const;
type Id = (typeof IDS)[number];

const LAYER_ARN = /^arn:aws:lambda:([a-z0-9-]+):(\d{12}):layer:([A-Za-z0-9_-]+):([1-9]\d*)$/;
const ORG_ID = 'o-a1b2c3d4e5';
const PARTNER = '210987654321';
/** How many of a layer's newest versions the pipeline keeps. */
const KEEP_VERSIONS = 3;

export const lambdaReadsFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: ['lambda.layer-version-outdated', 'lambda.vpc-single-az'],
  plant(account, ctx) {
    plantLayers(account, ctx, fork(ctx.seed, 'lambda-reads:layers'));
    plantSubnets(account, fork(ctx.seed, 'lambda-reads:subnets'), ctx);
  },
  facts(account, sink) {
    layerPolicyFacts(account, sink);
    zoneFacts(account, sink);
    outdatedFacts(account, sink);
  },
};

// ---------------------------------------------------------------------------------------------
// planting
// ---------------------------------------------------------------------------------------------

function plantLayers(account: SimAccount, ctx: GenContext, rng: Rng): void {
  let planted = false;
  const all: SimLayerVersion[] = [];
  for (const region of account.regions) {
    const lambda = account.lambda[region];
    if (!lambda) continue;
    // The own layer references of the region's functions, by layer name.
    const refs = new Map<string, { layers: SimFunction['layers']; index: number; version: number }[]>();
    for (const fn of lambda.functions) {
      fn.layers.forEach(({ arn }, index) => {
        const m = LAYER_ARN.exec(arn);
        if (!m || m[1] !== region || m[2] !== account.accountId) return;
        const name = m[3] as string;
        const list = refs.get(name) ?? [];
        list.push({ layers: fn.layers, index, version: Number(m[4]) });
        refs.set(name, list);
      });
    }
    const used = new Map<string, Set<number>>();
    for (const [name, list] of refs) {
      // The newest version: the highest in use, or a release no function has picked up yet.
      const newest = Math.max(...list.map((r) => r.version)) + (chance(rng, 0.5) ? int(rng, 1, 3) : 0);
      const set = new Set<number>([newest]);
      for (const r of list) {
        // The planted misconfiguration: a function left on an older version; the rest are current.
        const version = chance(rng, ctx.m * 0.5) && r.version < newest ? r.version : newest;
        const layer = r.layers[r.index];
        if (layer) layer.arn = `arn:aws:lambda:${region}:${account.accountId}:layer:${name}:${version}`;
        set.add(version);
      }
      used.set(name, set);
    }
    // A layer published for other teams and used by no function here.
    if (chance(rng, 0.5)) used.set('platform-sdk', new Set([int(rng, 1, 6)]));
    const layers: SimOwnLayer[] = [];
    for (const name of [...used.keys()].sort()) {
      const inUse = [...(used.get(name) ?? [])];
      const newest = Math.max(...inUse);
      const kept = [...new Set([...inUse, newest])].sort((a, b) => a - b).slice(-KEEP_VERSIONS);
      const arn = `arn:aws:lambda:${region}:${account.accountId}:layer:${name}`;
      const versions = kept.map((version): SimLayerVersion => {
        const policy = drawPolicy(rng, ctx, `${arn}:${version}`);
        if (policy && isPublic(policy)) planted = true;
        return {
          version,
          createdAt: daysAgo(ctx, (newest - version) * 7 + int(rng, 1, 6)),
          description: `${name} release ${version}`,
          compatibleRuntimes: [],
          compatibleArchitectures: [],
          codeSize: int(rng, 10_000, 5_000_000),
          policy,
        };
      });
      all.push(...versions);
      layers.push({ name, arn, versions });
    }
    lambda.layers = layers;
  }
  // Every misconfigured account shares at least one version publicly, so the check is exercised.
  const first = all[0];
  if (!planted && ctx.m > 0 && first) {
    const arn = layerVersionArnOf(account, first);
    if (arn) first.policy = grantDoc(arn, { AWS: '*' }, undefined);
  }
}

function layerVersionArnOf(account: SimAccount, v: SimLayerVersion): string | null {
  for (const region of account.regions) {
    for (const l of account.lambda[region]?.layers ?? [])
      if (l.versions.includes(v)) return `${l.arn}:${v.version}`;
  }
  return null;
}

/** What AddLayerVersionPermission writes: lambda:GetLayerVersion to one principal, maybe an organization. */
function grantDoc(resource: string, principal: { AWS: string }, orgId: string | undefined): PolicyDoc {
  return {
    Version: '2012-10-17',
    Id: 'default',
    Statement: [
      {
        Sid: orgId ? 'share-with-org' : principal.AWS === '*' ? 'public' : 'share-with-partner',
        Effect: 'Allow',
        Principal: principal,
        Action: 'lambda:GetLayerVersion',
        Resource: resource,
        ...(orgId ? { Condition: { StringEquals: { 'aws:PrincipalOrgID': orgId } } } : {}),
      },
    ],
  };
}

function drawPolicy(rng: Rng, ctx: GenContext, versionArn: string): PolicyDoc | null {
  if (chance(rng, ctx.m * 0.3)) return grantDoc(versionArn, { AWS: '*' }, undefined);
  if (chance(rng, 0.2)) return grantDoc(versionArn, { AWS: '*' }, ORG_ID);
  if (chance(rng, 0.1)) return grantDoc(versionArn, { AWS: `arn:aws:iam::${PARTNER}:root` }, undefined);
  return null;
}

/** The zone-id prefix AWS uses for a region: us-east-1 → use1, ap-southeast-2 → apse2. */
function zonePrefix(region: string): string {
  const [geo = '', direction = '', n = ''] = region.split('-');
  return `${geo}${direction.replace(/north|south|east|west|central/g, (w) => w[0] ?? '')}${n}`;
}

function plantSubnets(account: SimAccount, rng: Rng, ctx: GenContext): void {
  const subnets: Record<string, SimSubnet[]> = {};
  for (const region of account.regions) {
    const list: SimSubnet[] = [];
    // Zone names map to zone ids differently in every account: a fixed shift per region.
    const shift = int(rng, 0, 3);
    const zone = (i: number) => ({
      availabilityZone: `${region}${'abcd'[i] ?? 'a'}`,
      availabilityZoneId: `${zonePrefix(region)}-az${((i + shift) % 4) + 1}`,
    });
    for (const fn of account.lambda[region]?.functions ?? []) {
      if (!fn.vpc) continue;
      const single = chance(rng, ctx.m * 0.4);
      const offset = int(rng, 0, 2);
      fn.vpc.subnetIds.forEach((id, i) => {
        list.push({
          id,
          vpcId: fn.vpc?.vpcId ?? '',
          ...zone(single ? offset : (offset + i) % 3),
          cidrBlock: `10.${int(rng, 0, 255)}.${int(rng, 0, 255)}.0/24`,
        });
      });
    }
    if (list.length > 0) subnets[region] = list;
  }
  account.subnets = subnets;
}

// ---------------------------------------------------------------------------------------------
// facts
// ---------------------------------------------------------------------------------------------

const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

/** An Allow of lambda:GetLayerVersion to every account with no condition (the generator's shapes). */
function isPublic(doc: PolicyDoc): boolean {
  return doc.Statement.some((s) => {
    if (s.Effect !== 'Allow' || s.Condition) return false;
    const everyone =
      s.Principal === '*' || (typeof s.Principal === 'object' && list(s.Principal.AWS).includes('*'));
    return (
      everyone && list(s.Action).some((a) => a === 'lambda:GetLayerVersion' || a === 'lambda:*' || a === '*')
    );
  });
}

/** lambda.layer-version-public: one result per existing own layer version; a region without any is not applicable. */
function layerPolicyFacts(account: SimAccount, sink: FactSink<Id>): void {
  for (const region of account.regions) {
    const layers = (account.lambda[region]?.layers ?? []).filter((l) => l.versions.length > 0);
    if (layers.length === 0) {
      sink.notApplicable(
        'lambda.layer-version-public',
        `arn:aws:lambda:${region}:${account.accountId}:layer:*`,
        `no layers published in ${region}`,
      );
      continue;
    }
    for (const layer of layers) {
      for (const v of layer.versions) {
        const arn = `${layer.arn}:${v.version}`;
        if (!v.policy) continue;
        if (isPublic(v.policy))
          sink.finding('lambda.layer-version-public', arn, region, 'shared with Principal "*"');
        else
          sink.lookAlike(
            'lambda.layer-version-public',
            arn,
            'shared with the organization or one account only',
          );
      }
    }
  }
}

/** lambda.vpc-single-az: a VPC function fails when its subnets are all in one zone (by zone id). */
function zoneFacts(account: SimAccount, sink: FactSink<Id>): void {
  for (const region of account.regions) {
    const subnets = new Map((account.subnets?.[region] ?? []).map((s) => [s.id, s]));
    for (const fn of account.lambda[region]?.functions ?? []) {
      // A VpcConfig with no subnets is a detached one (lambda-config plants it): Lambda then runs
      // the function outside any VPC, and the collector records no VPC.
      if (!fn.vpc || fn.vpc.subnetIds.length === 0) {
        sink.notApplicable('lambda.vpc-single-az', fn.arn, 'not attached to a VPC');
        continue;
      }
      const zones = new Set(
        fn.vpc.subnetIds.map((id) => {
          const s = subnets.get(id);
          if (!s) throw new Error(`generator bug: ${fn.arn} uses subnet ${id}, which has no zone`);
          return s.availabilityZoneId;
        }),
      );
      if (zones.size < 2)
        sink.finding('lambda.vpc-single-az', fn.arn, region, `subnets all in ${[...zones].join(', ')}`);
      else sink.lookAlike('lambda.vpc-single-az', fn.arn, `subnets in ${zones.size} Availability Zones`);
    }
  }
}

/**
 * lambda.layer-version-outdated: a function fails when one of this account's layers it uses has a
 * newer version listed (the generator names no compatible runtimes, so every newer one counts);
 * without layers, or with only other accounts' layers, it is not applicable.
 */
function outdatedFacts(account: SimAccount, sink: FactSink<Id>): void {
  for (const region of account.regions) {
    const layers = new Map((account.lambda[region]?.layers ?? []).map((l) => [l.name, l]));
    for (const fn of account.lambda[region]?.functions ?? []) {
      if (fn.layers.length === 0) {
        sink.notApplicable('lambda.layer-version-outdated', fn.arn, 'no layers');
        continue;
      }
      const own = fn.layers.flatMap(({ arn }) => {
        const m = LAYER_ARN.exec(arn);
        return m && m[1] === region && m[2] === account.accountId
          ? [{ name: m[3] as string, version: Number(m[4]) }]
          : [];
      });
      if (own.length === 0) {
        sink.notApplicable('lambda.layer-version-outdated', fn.arn, 'only layers of other accounts');
        continue;
      }
      const behind = own.flatMap((l) => {
        const newest = Math.max(0, ...(layers.get(l.name)?.versions ?? []).map((v) => v.version));
        return newest > l.version ? [`${l.name}:${l.version} (newest ${newest})`] : [];
      });
      if (behind.length > 0) sink.finding('lambda.layer-version-outdated', fn.arn, region, behind.join(', '));
      else sink.lookAlike('lambda.layer-version-outdated', fn.arn, 'own layers at their newest version');
    }
  }
}
