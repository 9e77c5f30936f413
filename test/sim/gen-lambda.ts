/**
 * Lambda half of the generator: functions per region with their runtimes, environment,
 * resource policies, URLs, reserved concurrency, code signing and layers (gen-layers.ts), plus the execution roles they
 * use (handed to the IAM generator as specs). Planted secrets are assembled from fragments at
 * run time so this file itself never looks like it holds a credential.
 */
import type {
  GenContext,
  GenerateOptions,
  PolicyDoc,
  PolicyStatementJson,
  SimCodeSigningConfig,
  SimEventSourceMapping,
  SimFunction,
  SimFunctionUrl,
  SimLambdaRegion,
} from './account.js';
import { daysAgo } from './account.js';
import { handlerFor, SERVICES, STAGES } from './catalog.js';
import { generateLayers, VENDOR_SIGNING_PROFILE } from './gen-layers.js';
import type { Intent } from './manifest.js';
import {
  ALNUM,
  BASE64,
  chance,
  chars,
  fork,
  HEX,
  int,
  LOWER_ALNUM,
  pick,
  type Rng,
  UPPER_ALNUM,
  uuid,
} from './prng.js';

/** How an execution role is built; the IAM generator turns each into a role with policies. */
export type RoleFlavor = 'scoped' | 'admin-aws' | 'admin-custom' | 'logs-wide' | 'shared';
export interface ExecRoleSpec {
  name: string;
  flavor: RoleFlavor;
  service: string;
  stage: string;
  lastUsedRegion: string;
}

const SHARED_ROLE_NAMES = ['shared-lambda-exec', 'legacy-app-role', 'team-default-lambda'];
const FOREIGN_ACCOUNT = '210987654321';
const MAX_IAM_ROLES = 5000;

interface RegionPlan {
  region: string;
  count: number;
  reservedRate: number;
}

export function generateLambda(
  ctx: GenContext,
  opts: GenerateOptions,
): { lambda: Record<string, SimLambdaRegion>; roles: ExecRoleSpec[]; intents: Intent[] } {
  const plans: RegionPlan[] = opts.regions.map((region) => ({
    region,
    count: perRegion(opts.functionsPerRegion, region, 0),
    reservedRate: perRegion(opts.reservedConcurrencyRate ?? 0.25, region, 0.25),
  }));
  const total = plans.reduce((n, p) => n + p.count, 0);
  const rolePool = new RolePool(
    ctx,
    Math.max(1, Math.min(opts.roles ?? Math.min(total, MAX_IAM_ROLES), MAX_IAM_ROLES)),
  );
  const intents: Intent[] = [];
  const lambda: Record<string, SimLambdaRegion> = {};
  for (const plan of plans) lambda[plan.region] = generateRegion(ctx, plan, rolePool, intents);
  return { lambda, roles: rolePool.specs, intents };
}

function perRegion(v: number | Record<string, number>, region: string, fallback: number): number {
  return typeof v === 'number' ? v : (v[region] ?? fallback);
}

/**
 * Hands out execution roles: a planted share of functions goes to a few shared roles, the rest
 * get a dedicated role while the pool lasts, then reuse pool roles round-robin (which makes those
 * shared too; the manifest counts role use from the final assignment, so either way it is exact).
 */
class RolePool {
  readonly specs: ExecRoleSpec[] = [];
  private readonly byName = new Map<string, ExecRoleSpec>();
  private dedicated: ExecRoleSpec[] = [];
  private next = 0;
  private readonly rng: Rng;
  private readonly ctx: GenContext;
  private readonly capacity: number;
  constructor(ctx: GenContext, capacity: number) {
    this.ctx = ctx;
    this.capacity = capacity;
    this.rng = fork(ctx.seed, 'roles');
  }

  assign(fnName: string, service: string, stage: string, region: string): string {
    const rng = this.rng;
    if (chance(rng, this.ctx.m * 0.3)) {
      const name = pick(rng, SHARED_ROLE_NAMES);
      return this.add({ name, flavor: 'shared', service, stage, lastUsedRegion: region });
    }
    if (this.specs.length < this.capacity) {
      const r = rng();
      const m = this.ctx.m;
      const flavor: RoleFlavor =
        r < m * 0.15
          ? 'admin-aws'
          : r < m * 0.25
            ? 'admin-custom'
            : r < m * 0.25 + 0.08
              ? 'logs-wide'
              : 'scoped';
      // The console's naming: the same function name in two regions still gets two roles.
      const name = `${fnName}-role-${chars(rng, LOWER_ALNUM, 8)}`;
      const spec: ExecRoleSpec = { name, flavor, service, stage, lastUsedRegion: region };
      this.dedicated.push(spec);
      return this.add(spec);
    }
    const reuse = this.dedicated[this.next++ % Math.max(1, this.dedicated.length)] ?? this.specs[0];
    if (!reuse) throw new Error('role pool is empty');
    return reuse.name;
  }

  private add(spec: ExecRoleSpec): string {
    const existing = this.byName.get(spec.name);
    if (existing) return existing.name;
    this.byName.set(spec.name, spec);
    this.specs.push(spec);
    return spec.name;
  }
}

function generateRegion(
  ctx: GenContext,
  plan: RegionPlan,
  roles: RolePool,
  intents: Intent[],
): SimLambdaRegion {
  const { region } = plan;
  const rng = fork(ctx.seed, `lambda:${region}`);
  const enforce = codeSigningConfig(
    ctx,
    rng,
    region,
    'Enforce',
    "Production releases signed by the release pipeline, and the monitoring vendor's signed layers",
    [VENDOR_SIGNING_PROFILE],
  );
  const warn = codeSigningConfig(ctx, rng, region, 'Warn', 'Legacy pipeline (warn only)');
  const functions: SimFunction[] = [];
  const mappings: SimEventSourceMapping[] = [];
  let reserved = 0;
  const width = Math.max(4, String(plan.count).length);
  for (let i = 0; i < plan.count; i++) {
    const service = pick(rng, SERVICES);
    const stage = pick(rng, STAGES);
    const name = `${service}-${stage}-${String(i).padStart(width, '0')}`;
    const fn = generateFunction(ctx, rng, { region, name, service, stage, enforce, warn, intents });
    fn.roleArn = `arn:aws:iam::${ctx.accountId}:role/${roles.assign(name, service, stage, region)}`;
    if (chance(rng, plan.reservedRate)) {
      fn.reservedConcurrency = pick(rng, [1, 2, 2, 5, 5, 10, 10, 20, 50]);
      reserved += fn.reservedConcurrency;
    }
    if (chance(rng, 0.1)) mappings.push(eventSourceMapping(ctx, rng, region, fn, service, stage));
    functions.push(fn);
  }
  // AWS keeps at least 100 unreserved; accounts with many reservations have a raised quota.
  const concurrentExecutions = reserved + 100 <= 1000 ? 1000 : Math.ceil((reserved + 100) / 1000) * 1000;
  return {
    concurrentExecutions,
    functions,
    codeSigningConfigs: [enforce, warn],
    eventSourceMappings: mappings,
  };
}

interface FnContext {
  region: string;
  name: string;
  service: string;
  stage: string;
  enforce: SimCodeSigningConfig;
  warn: SimCodeSigningConfig;
  intents: Intent[];
}

function generateFunction(ctx: GenContext, rng: Rng, f: FnContext): SimFunction {
  const m = ctx.m;
  const arn = `arn:aws:lambda:${f.region}:${ctx.accountId}:function:${f.name}`;
  const image = chance(rng, 0.05);
  const runtimes = ctx.runtimes;
  const runtime = image
    ? null
    : chance(rng, m * 0.5)
      ? pick(rng, runtimes.deprecated)
      : pick(rng, runtimes.current);
  const fn: SimFunction = {
    name: f.name,
    arn,
    packageType: image ? 'Image' : 'Zip',
    runtime,
    handler: runtime ? handlerFor(runtime) : null,
    roleArn: '',
    description: `${f.service} (${f.stage})`,
    memorySize: pick(rng, [128, 256, 512, 1024, 2048]),
    timeout: pick(rng, [3, 10, 30, 60, 300, 900]),
    codeSize: int(rng, 2_000, 40_000_000),
    codeSha256: `${chars(rng, BASE64, 43)}=`,
    lastModified: daysAgo(ctx, int(rng, 1, 700) + rng()),
    revisionId: uuid(rng),
    env: null,
    tracing: chance(rng, 0.4) ? 'Active' : 'PassThrough',
    architectures: [chance(rng, 0.3) ? 'arm64' : 'x86_64'],
    layers: [],
    vpc: null,
    deadLetterArn: null,
    kmsKeyArn: null,
    tags: { service: f.service, stage: f.stage, team: pick(rng, ['platform', 'growth', 'payments', 'data']) },
    reservedConcurrency: null,
    policy: null,
    url: null,
    codeSigningConfigArn: null,
    imageUri: image
      ? `${ctx.accountId}.dkr.ecr.${f.region}.amazonaws.com/${f.service}:${f.stage}-${chars(rng, HEX, 7)}`
      : null,
  };
  if (chance(rng, 0.2)) {
    fn.vpc = {
      subnetIds: [`subnet-${chars(rng, HEX, 17)}`, `subnet-${chars(rng, HEX, 17)}`],
      securityGroupIds: [`sg-${chars(rng, HEX, 17)}`],
      vpcId: `vpc-${chars(rng, HEX, 17)}`,
    };
  }
  if (chance(rng, 0.1))
    fn.deadLetterArn = `arn:aws:sqs:${f.region}:${ctx.accountId}:${f.service}-${f.stage}-dlq`;
  if (chance(rng, 0.1)) fn.kmsKeyArn = `arn:aws:kms:${f.region}:${ctx.accountId}:key/${uuid(rng)}`;
  fn.env = environment(ctx, rng, f, arn);
  fn.policy = resourcePolicy(ctx, rng, f, arn);
  fn.url = functionUrl(ctx, rng);
  if (fn.url?.authType === 'NONE') {
    // Lambda adds this statement when a URL is created with AuthType NONE: the URL is public.
    fn.policy = fn.policy ?? { Version: '2012-10-17', Id: 'default', Statement: [] };
    fn.policy.Statement.push({
      Sid: 'FunctionURLAllowPublicAccess',
      Effect: 'Allow',
      Principal: '*',
      Action: 'lambda:InvokeFunctionUrl',
      Resource: arn,
      Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
    });
    f.intents.push(
      finding(
        'lambda.public-resource-policy',
        arn,
        f.region,
        'public function URL permission (Principal "*", lambda:InvokeFunctionUrl, AuthType NONE)',
      ),
    );
  }
  if (!image) {
    const r = rng();
    if (r < m * 0.5) fn.codeSigningConfigArn = f.warn.arn;
    else if (r >= m * 1.5) fn.codeSigningConfigArn = f.enforce.arn;
  }
  const csc = [f.enforce, f.warn].find((c) => c.arn === fn.codeSigningConfigArn) ?? null;
  fn.layers = generateLayers(ctx, rng, 'aws', f.region, fn, csc);
  return fn;
}

function environment(ctx: GenContext, rng: Rng, f: FnContext, arn: string): Record<string, string> | null {
  if (chance(rng, 0.08)) return null;
  const env: Record<string, string> = {
    LOG_LEVEL: pick(rng, ['INFO', 'DEBUG', 'WARN']),
    STAGE: f.stage,
    POWERTOOLS_SERVICE_NAME: f.service,
    TABLE_NAME: `${f.service}-${f.stage}`,
  };
  if (chance(rng, ctx.m * 0.4)) {
    const kind = pick(rng, ['aws-key-pair', 'github-token', 'slack-token', 'postgres-url'] as const);
    const names = plantSecret(rng, kind, env);
    f.intents.push(finding('lambda.env-secrets', arn, f.region, `${kind} in ${names.join(', ')}`));
  } else if (chance(rng, 0.3)) {
    env.SECRET_ARN = `arn:aws:secretsmanager:${f.region}:${ctx.accountId}:secret:${f.service}/${f.stage}/db-${chars(rng, ALNUM, 6)}`;
    env.TOKEN_TTL_SECONDS = '3600';
    env.API_KEY_PARAMETER = `/${f.service}/${f.stage}/api-key`;
    f.intents.push(
      lookAlike(
        'lambda.env-secrets',
        arn,
        'SECRET_ARN (an ARN), TOKEN_TTL_SECONDS=3600, API_KEY_PARAMETER (a parameter name)',
      ),
    );
    // A default admin password left in a dev function: its own finding, not a leaked secret.
    // Decided from the stage and the rate, not the generator, so the random stream (and every other plant) is unchanged.
    if (ctx.m > 0 && f.stage === 'dev') {
      env.ADMIN_PASSWORD = ['change', 'me'].join('');
      f.intents.push(
        finding('lambda.env-default-credential', arn, f.region, 'ADMIN_PASSWORD is a default password'),
      );
    }
  }
  return env;
}

/** Writes a planted secret into env; returns the variable names. Fragments keep scanners off this file. */
function plantSecret(
  rng: Rng,
  kind: 'aws-key-pair' | 'github-token' | 'slack-token' | 'postgres-url',
  env: Record<string, string>,
): string[] {
  switch (kind) {
    case 'aws-key-pair':
      // AWS_ACCESS_KEY_ID itself is reserved by Lambda, so real leaks use a prefixed name.
      env.UPLOADER_ACCESS_KEY_ID = ['AK', 'IA'].join('') + chars(rng, UPPER_ALNUM, 16);
      env.UPLOADER_SECRET_ACCESS_KEY = chars(rng, `${ALNUM}/+`, 40);
      return ['UPLOADER_ACCESS_KEY_ID', 'UPLOADER_SECRET_ACCESS_KEY'];
    case 'github-token':
      env.GITHUB_TOKEN = ['gh', 'p_'].join('') + chars(rng, ALNUM, 36);
      return ['GITHUB_TOKEN'];
    case 'slack-token':
      env.SLACK_BOT_TOKEN = [
        ['xo', 'xb'].join(''),
        chars(rng, '0123456789', 11),
        chars(rng, '0123456789', 13),
        chars(rng, ALNUM, 24),
      ].join('-');
      return ['SLACK_BOT_TOKEN'];
    case 'postgres-url':
      env.DATABASE_URL = `${['postgres', '://app:'].join('')}${chars(rng, ALNUM, 20)}@db:5432/app`;
      return ['DATABASE_URL'];
  }
}

function resourcePolicy(ctx: GenContext, rng: Rng, f: FnContext, arn: string): PolicyDoc | null {
  const statements: PolicyStatementJson[] = [];
  const base = { Effect: 'Allow' as const, Action: 'lambda:InvokeFunction', Resource: arn };
  if (chance(rng, ctx.m * 0.3)) {
    if (chance(rng, 0.5)) {
      statements.push({ Sid: 'AllowPublicInvoke', Principal: '*', ...base });
      f.intents.push(
        finding('lambda.public-resource-policy', arn, f.region, 'Principal "*" with no condition'),
      );
    } else {
      statements.push({ Sid: 'legacy-any-principal', Principal: { AWS: '*' }, ...base });
      f.intents.push(
        finding('lambda.public-resource-policy', arn, f.region, 'Principal {"AWS":"*"} with no condition'),
      );
    }
    return { Version: '2012-10-17', Id: 'default', Statement: statements };
  }
  const r = rng();
  if (r < 0.12) {
    const api = chars(rng, LOWER_ALNUM, 10);
    statements.push({
      Sid: `apigateway-${chars(rng, HEX, 8)}`,
      Principal: '*',
      ...base,
      Condition: {
        ArnLike: {
          'AWS:SourceArn': `arn:aws:execute-api:${f.region}:${ctx.accountId}:${api}/*/POST/${f.service}`,
        },
      },
    });
    f.intents.push(
      lookAlike(
        'lambda.public-resource-policy',
        arn,
        'Principal "*" restricted by ArnLike AWS:SourceArn (an API Gateway API)',
      ),
    );
  } else if (r < 0.24) {
    statements.push({
      Sid: `s3-invoke-${chars(rng, HEX, 8)}`,
      Principal: { Service: 's3.amazonaws.com' },
      ...base,
      Condition: {
        StringEquals: { 'AWS:SourceAccount': ctx.accountId },
        ArnLike: { 'AWS:SourceArn': `arn:aws:s3:::${f.service}-${f.stage}-uploads` },
      },
    });
    f.intents.push(
      lookAlike(
        'lambda.public-resource-policy',
        arn,
        'service principal s3.amazonaws.com with AWS:SourceAccount',
      ),
    );
  } else if (r < 0.32) {
    statements.push({
      Sid: 'partner-account',
      Principal: { AWS: `arn:aws:iam::${FOREIGN_ACCOUNT}:root` },
      ...base,
    });
    f.intents.push(
      lookAlike(
        'lambda.public-resource-policy',
        arn,
        "another account's root principal (cross-account, not public)",
      ),
    );
  } else {
    return null;
  }
  return { Version: '2012-10-17', Id: 'default', Statement: statements };
}

function functionUrl(ctx: GenContext, rng: Rng): SimFunctionUrl | null {
  if (!chance(rng, 0.15)) return null;
  return {
    id: chars(rng, LOWER_ALNUM, 32),
    authType: chance(rng, Math.min(1, ctx.m * 2)) ? 'NONE' : 'AWS_IAM',
    createdAt: daysAgo(ctx, int(rng, 1, 400) + rng()),
    invokeMode: chance(rng, 0.1) ? 'RESPONSE_STREAM' : 'BUFFERED',
    cors: chance(rng, 0.3) ? { AllowOrigins: ['https://app.example.com'], AllowCredentials: false } : null,
  };
}

function codeSigningConfig(
  ctx: GenContext,
  rng: Rng,
  region: string,
  policy: 'Enforce' | 'Warn',
  description: string,
  alsoAllowed: string[] = [],
): SimCodeSigningConfig {
  const id = `csc-${chars(rng, HEX, 17)}`;
  return {
    id,
    arn: `arn:aws:lambda:${region}:${ctx.accountId}:code-signing-config:${id}`,
    description,
    untrustedArtifactOnDeployment: policy,
    signingProfileVersionArns: [
      `arn:aws:signer:${region}:${ctx.accountId}:/signing-profiles/LambdaRelease/${chars(rng, ALNUM, 10)}`,
      ...alsoAllowed,
    ],
    lastModified: daysAgo(ctx, int(rng, 30, 600)),
  };
}

function eventSourceMapping(
  ctx: GenContext,
  rng: Rng,
  region: string,
  fn: SimFunction,
  service: string,
  stage: string,
): SimEventSourceMapping {
  return {
    uuid: uuid(rng),
    functionArn: fn.arn,
    eventSourceArn: `arn:aws:sqs:${region}:${ctx.accountId}:${service}-${stage}-queue`,
    state: chance(rng, 0.9) ? 'Enabled' : 'Disabled',
    batchSize: pick(rng, [1, 10, 100]),
    lastModified: daysAgo(ctx, int(rng, 1, 300)),
  };
}

export function finding(
  checkId: Intent['checkId'],
  resourceArn: string,
  region: string | null,
  note: string,
): Intent {
  return { kind: 'finding', checkId, resourceArn, region, note };
}

export function lookAlike(checkId: Intent['checkId'], resourceArn: string, note: string): Intent {
  return { kind: 'lookAlike', checkId, resourceArn, region: null, note };
}
