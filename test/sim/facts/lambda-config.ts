/**
 * Ground truth for the lambda-config checks (see group.ts): the runtime schedule checks, secrets
 * under the AWS managed key, X-Ray tracing and VPC attachment.
 *
 * The runtime facts are judged from data/lambda-runtimes.json at the account's `now`, the way the
 * scanner judges them at its scan time; so are the plants, which look for a runtime in each
 * window *at that `now`* instead of naming one. When the table holds none (no runtime is
 * deprecated within the next 90 days), nothing is planted and `unplantable` says so, so no test
 * turns red on the day the calendar moves past a runtime. Planted runtimes keep PLANT_MARGIN_DAYS
 * away from every window edge, so a scan a little later than `now` judges them the same.
 */
import { type RuntimeEntry, runtimeTable, utcDay } from '../../../src/data/runtimes.js';
import type { GenContext, SimAccount, SimFunction, SimRole } from '../account.js';
import { DAY_MS } from '../account.js';
import { handlerFor } from '../catalog.js';
import { chars, fork, HEX, pick, type Rng, uuid } from '../prng.js';
import type { FactGroup } from './group.js';

const IDS = [
  'lambda.runtime-deprecating-soon',
  'lambda.runtime-update-blocked',
  'lambda.runtime-al2-end-of-life',
  'lambda.env-secrets-default-key',
  'lambda.tracing-not-active',
  'lambda.not-in-vpc',
] as const;
type Id = (typeof IDS)[number];

/** The checks' window (checks/lambda/_runtime.ts SOON_DAYS). */
const SOON_DAYS = 90;
const PLANT_MARGIN_DAYS = 3;
const AL2 = 'Amazon Linux 2';
/** The variables gen-lambda plants secrets in (plantSecret): where a planted key can protect one. */
const PLANTED_SECRET_NAMES = [
  'UPLOADER_SECRET_ACCESS_KEY',
  'GITHUB_TOKEN',
  'SLACK_BOT_TOKEN',
  'DATABASE_URL',
];

/** Days from `now` until a YYYY-MM-DD day, rounded up as the checks count them. */
const daysUntil = (day: string, now: number) => Math.ceil((utcDay(day) - now) / DAY_MS);

/** The .zip runtimes of the data file (container-only ones are base images, not function runtimes). */
const zipRuntimes = (): RuntimeEntry[] => runtimeTable().data.runtimes.filter((r) => !r.containerOnly);

function soonRuntime(now: number): RuntimeEntry | undefined {
  return zipRuntimes()
    .filter((r) => {
      const d = daysUntil(r.deprecation, now);
      return d >= PLANT_MARGIN_DAYS && d <= SOON_DAYS - PLANT_MARGIN_DAYS;
    })
    .sort((a, b) => utcDay(a.deprecation) - utcDay(b.deprecation))[0];
}

/** The supported runtime deprecated soonest after the window: the look-alike of "soon". */
function laterRuntime(now: number): RuntimeEntry | undefined {
  return zipRuntimes()
    .filter((r) => daysUntil(r.deprecation, now) >= SOON_DAYS + PLANT_MARGIN_DAYS)
    .sort((a, b) => utcDay(a.deprecation) - utcDay(b.deprecation))[0];
}

function blockedRuntime(now: number): RuntimeEntry | undefined {
  return zipRuntimes()
    .filter(
      (r) => r.blockFunctionUpdate !== null && daysUntil(r.blockFunctionUpdate, now) <= -PLANT_MARGIN_DAYS,
    )
    .sort((a, b) => utcDay(b.blockFunctionUpdate ?? '') - utcDay(a.blockFunctionUpdate ?? ''))[0];
}

/** Deprecated and closed to new functions, but still updatable: the look-alike of "blocked". */
function createBlockedOnly(now: number): RuntimeEntry | undefined {
  return zipRuntimes().find(
    (r) =>
      r.blockFunctionCreate !== null &&
      daysUntil(r.blockFunctionCreate, now) <= -PLANT_MARGIN_DAYS &&
      r.blockFunctionUpdate !== null &&
      daysUntil(r.blockFunctionUpdate, now) >= PLANT_MARGIN_DAYS,
  );
}

/** The AL2 runtime supported longest (the one an owner is least likely to think of as old). */
function al2Runtime(): RuntimeEntry | undefined {
  return zipRuntimes()
    .filter((r) => r.os === AL2)
    .sort((a, b) => utcDay(b.deprecation) - utcDay(a.deprecation))[0];
}

function al2Failing(now: number): boolean {
  const end = runtimeTable().os.get(AL2)?.endOfSupport;
  return end !== undefined && daysUntil(end, now) <= SOON_DAYS;
}

const EDGE_REGION = 'us-east-1';
const EDGE_SERVICE = 'edgelambda.amazonaws.com';

/** The role's trust lets Lambda@Edge assume it (the shapes the simulator writes: no wildcard). */
function trustsEdge(role: SimRole): boolean {
  return role.trust.Statement.some((s) => {
    if (s.Effect !== 'Allow' || !s.Principal || s.Principal === '*') return false;
    const service = s.Principal.Service;
    return (Array.isArray(service) ? service : [service]).includes(EDGE_SERVICE);
  });
}

const familyOf = (runtime: string) => /^[a-z]+/.exec(runtime)?.[0] ?? '';

function zipFunctions(account: SimAccount): SimFunction[] {
  return account.regions.flatMap((r) =>
    (account.lambda[r]?.functions ?? []).filter((f) => f.packageType === 'Zip'),
  );
}

/** A function not yet planted on, of the runtime's language where one exists (its layers stay plausible). */
function take(rng: Rng, pool: SimFunction[], used: Set<string>, runtime?: string): SimFunction | undefined {
  const free = pool.filter((f) => !used.has(f.arn));
  const family = runtime ? familyOf(runtime) : '';
  const same = free.filter((f) => f.runtime !== null && familyOf(f.runtime) === family);
  const list = same.length > 0 ? same : free;
  if (list.length === 0) return undefined;
  const fn = pick(rng, list);
  used.add(fn.arn);
  return fn;
}

function setRuntime(fn: SimFunction, runtime: string): void {
  fn.runtime = runtime;
  fn.handler = handlerFor(runtime);
}

export const lambdaConfigFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: IDS,

  plant(account: SimAccount, ctx: GenContext) {
    if (ctx.m === 0) return;
    const rng = fork(ctx.seed, 'lambda-config');
    const now = ctx.nowMs;
    const pool = zipFunctions(account);
    const used = new Set<string>();
    const plantRuntime = (entry: RuntimeEntry | undefined) => {
      if (!entry) return;
      const fn = take(rng, pool, used, entry.identifier);
      if (fn) setRuntime(fn, entry.identifier);
    };
    plantRuntime(soonRuntime(now));
    plantRuntime(laterRuntime(now));
    plantRuntime(blockedRuntime(now));
    plantRuntime(createBlockedOnly(now));
    plantRuntime(al2Runtime());
    // "al2" is a prefix of "al2023": a substring match would flag it.
    plantRuntime(runtimeTable().byId.get('provided.al2023'));

    // Secrets under a customer managed key: only where two functions hold one without a key, so
    // the account keeps a finding too.
    const exposed = pool.filter(
      (f) =>
        !used.has(f.arn) &&
        f.kmsKeyArn === null &&
        PLANTED_SECRET_NAMES.some((n) => f.env?.[n] !== undefined),
    );
    if (exposed.length >= 2) {
      const fn = pick(rng, exposed);
      used.add(fn.arn);
      const region = fn.arn.split(':')[3] ?? '';
      fn.kmsKeyArn = `arn:aws:kms:${region}:${account.accountId}:key/${uuid(rng)}`;
    }

    // A Lambda@Edge function (its own role trusts edgelambda.amazonaws.com too, in us-east-1):
    // it cannot be attached to a VPC, so not-in-vpc does not concern it. A new trust document:
    // the generator's roles share one.
    const roles = new Map(account.iam.roles.map((r) => [r.arn, r]));
    const roleUse = new Map<string, number>();
    for (const f of pool) roleUse.set(f.roleArn, (roleUse.get(f.roleArn) ?? 0) + 1);
    const edgeCandidates = pool.filter(
      (f) =>
        !used.has(f.arn) &&
        f.arn.split(':')[3] === EDGE_REGION &&
        f.vpc === null &&
        roleUse.get(f.roleArn) === 1 &&
        roles.get(f.roleArn)?.trust.Statement.length === 1,
    );
    if (edgeCandidates.length > 0) {
      const fn = pick(rng, edgeCandidates);
      used.add(fn.arn);
      const role = roles.get(fn.roleArn);
      if (role) {
        role.trust = {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: ['lambda.amazonaws.com', EDGE_SERVICE] },
              Action: 'sts:AssumeRole',
            },
          ],
        };
      }
    }

    // What Lambda returns after a function is detached from its VPC: a VpcConfig with empty lists.
    const detached = take(rng, pool, used);
    if (detached) detached.vpc = { subnetIds: [], securityGroupIds: [], vpcId: '' };
    // And one attached for certain, whatever the draws gave.
    const attached = take(rng, pool, used);
    if (attached && !attached.vpc) {
      attached.vpc = {
        subnetIds: [`subnet-${chars(rng, HEX, 17)}`, `subnet-${chars(rng, HEX, 17)}`],
        securityGroupIds: [`sg-${chars(rng, HEX, 17)}`],
        vpcId: `vpc-${chars(rng, HEX, 17)}`,
      };
    }
  },

  facts(account, sink, core) {
    const now = Date.parse(account.now);
    const { byId } = runtimeTable();
    const al2 = al2Failing(now);
    const al2End = runtimeTable().os.get(AL2)?.endOfSupport;
    const edgeRoles = new Set(account.iam.roles.filter(trustsEdge).map((r) => r.arn));
    for (const region of account.regions) {
      for (const fn of account.lambda[region]?.functions ?? []) {
        const arn = fn.arn;
        runtimeFacts(fn, region, now, al2, al2End, byId, sink);

        if (!fn.env || Object.keys(fn.env).length === 0) {
          sink.notApplicable('lambda.env-secrets-default-key', arn, 'no environment variables');
        } else if (!core.fails('lambda.env-secrets', arn)) {
          sink.notApplicable('lambda.env-secrets-default-key', arn, 'no secret in the environment');
        } else if (fn.kmsKeyArn === null) {
          sink.finding('lambda.env-secrets-default-key', arn, region, 'secret under the AWS managed key');
        } else {
          sink.lookAlike('lambda.env-secrets-default-key', arn, 'secret under a customer managed key');
        }

        if (fn.tracing === 'Active') sink.lookAlike('lambda.tracing-not-active', arn, 'tracing mode Active');
        else sink.finding('lambda.tracing-not-active', arn, region, `tracing mode ${fn.tracing}`);

        if ((!fn.vpc || fn.vpc.subnetIds.length === 0) && region === EDGE_REGION && edgeRoles.has(fn.roleArn))
          sink.notApplicable('lambda.not-in-vpc', arn, 'Lambda@Edge: cannot be attached to a VPC');
        else if (!fn.vpc) sink.finding('lambda.not-in-vpc', arn, region, 'no VPC configuration');
        else if (fn.vpc.subnetIds.length === 0)
          sink.finding('lambda.not-in-vpc', arn, region, 'VpcConfig with no subnets (detached)');
        else sink.lookAlike('lambda.not-in-vpc', arn, `attached through ${fn.vpc.subnetIds.length} subnets`);
      }
    }
  },

  unplantable(account) {
    const now = Date.parse(account.now);
    const out: { checkId: Id; reason: string }[] = [];
    if (!soonRuntime(now)) {
      out.push({
        checkId: 'lambda.runtime-deprecating-soon',
        reason: `no runtime in data/lambda-runtimes.json is deprecated within ${SOON_DAYS} days of ${account.now}`,
      });
    }
    if (!blockedRuntime(now)) {
      out.push({
        checkId: 'lambda.runtime-update-blocked',
        reason: `no runtime in data/lambda-runtimes.json has its updates blocked at ${account.now}`,
      });
    }
    if (!al2Failing(now)) {
      out.push({
        checkId: 'lambda.runtime-al2-end-of-life',
        reason: `Amazon Linux 2 is more than ${SOON_DAYS} days from its end of support at ${account.now}`,
      });
    }
    return out;
  },
};

function runtimeFacts(
  fn: SimFunction,
  region: string,
  now: number,
  al2: boolean,
  al2End: string | undefined,
  byId: Map<string, RuntimeEntry>,
  sink: Parameters<FactGroup<Id>['facts']>[1],
): void {
  const arn = fn.arn;
  if (fn.runtime === null) {
    for (const id of [
      'lambda.runtime-deprecating-soon',
      'lambda.runtime-update-blocked',
      'lambda.runtime-al2-end-of-life',
    ] as const)
      sink.notApplicable(id, arn, 'container image: no managed runtime');
    return;
  }
  const entry = byId.get(fn.runtime);
  if (!entry) throw new Error(`generator bug: ${arn} has runtime ${fn.runtime}, which the data file lacks`);
  const days = daysUntil(entry.deprecation, now);
  if (days <= 0)
    sink.notApplicable('lambda.runtime-deprecating-soon', arn, `${entry.identifier} already deprecated`);
  else if (days <= SOON_DAYS)
    sink.finding(
      'lambda.runtime-deprecating-soon',
      arn,
      region,
      `${entry.identifier} deprecated in ${days} days`,
    );
  else if (days <= 2 * SOON_DAYS)
    sink.lookAlike('lambda.runtime-deprecating-soon', arn, `${entry.identifier} deprecated in ${days} days`);

  const update = entry.blockFunctionUpdate;
  if (update !== null && daysUntil(update, now) <= 0)
    sink.finding(
      'lambda.runtime-update-blocked',
      arn,
      region,
      `${entry.identifier} updates blocked since ${update}`,
    );
  else if (days <= 0)
    sink.lookAlike(
      'lambda.runtime-update-blocked',
      arn,
      `${entry.identifier} deprecated, updates not yet blocked`,
    );

  if (entry.os === 'Amazon Linux') {
    sink.notApplicable(
      'lambda.runtime-al2-end-of-life',
      arn,
      `${entry.identifier} runs on Amazon Linux (AL1)`,
    );
  } else if (entry.os === AL2) {
    if (al2)
      sink.finding(
        'lambda.runtime-al2-end-of-life',
        arn,
        region,
        `${entry.identifier} on AL2 (end ${al2End})`,
      );
  } else if (entry.identifier.includes('al2')) {
    sink.lookAlike('lambda.runtime-al2-end-of-life', arn, `${entry.identifier} runs on ${entry.os}`);
  }
}
