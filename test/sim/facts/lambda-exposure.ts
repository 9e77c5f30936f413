/**
 * Ground truth for the lambda-exposure checks (see group.ts): every fact is recomputed from the
 * final model, over the shapes the generators write (and this module plants), so the checks are
 * judged on other groups' functions too.
 *
 * "Anyone can invoke" follows checks/lambda/_public-invoke.ts over the generator's shapes: an
 * unconditioned Allow of lambda:InvokeFunction to `"*"` / `{"AWS": "*"}`, or an AuthType NONE URL
 * whose policy also grants both URL permissions to anyone (lambda:InvokeFunctionUrl alone only
 * before the pre-October-2025 exception ended).
 */
import { FUNCTION_URL_GRACE_END } from '../../../src/policy/function-url-access.js';
import type {
  GenContext,
  PolicyDoc,
  PolicyStatementJson,
  SimAccount,
  SimFunction,
  SimRole,
} from '../account.js';
import { chance, fork, pick, uuid } from '../prng.js';
import type { FactGroup } from './group.js';

const IDS = [
  'lambda.denial-of-wallet',
  'lambda.url-cors-any-origin',
  'lambda.shared-role-mixed-exposure',
  'lambda.execution-role-trust',
  'lambda.execution-role-missing',
  'lambda.event-source-cross-account',
  'lambda.capacity-provider-mixed-exposure',
] as const;
type Id = (typeof IDS)[number];

export const lambdaExposureFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: [
    'lambda.denial-of-wallet',
    'lambda.url-cors-any-origin',
    'lambda.shared-role-mixed-exposure',
    'lambda.execution-role-trust',
    'lambda.execution-role-missing',
    'lambda.capacity-provider-mixed-exposure',
  ],
  plant(account, ctx) {
    plantCors(account, ctx);
    plantMixedRole(account);
    plantRoleTrust(account, ctx);
    plantMissingRole(account, ctx);
    plantForeignEventSource(account, ctx);
    plantCapacityProviders(account, ctx);
  },
  facts(account, sink) {
    eventSourceFacts(account, sink);
    sharedRoleFacts(account, sink);
    capacityProviderFacts(account, sink);
    const roles = new Map(account.iam.roles.map((r) => [r.arn, r]));
    for (const { fn, region } of functionsOf(account)) {
      corsFacts(fn, region, sink);
      trustFacts(fn, region, roles.get(fn.roleArn), sink);
      if (!roles.has(fn.roleArn))
        sink.finding('lambda.execution-role-missing', fn.arn, region, `role ${fn.roleArn} does not exist`);
      const open = publicPaths(fn, account.now);
      if (open.length === 0) {
        sink.notApplicable('lambda.denial-of-wallet', fn.arn, 'nobody outside can invoke it');
      } else if (fn.reservedConcurrency === null) {
        sink.finding(
          'lambda.denial-of-wallet',
          fn.arn,
          region,
          `${open.join(', ')}; no reserved concurrency`,
        );
      } else {
        sink.lookAlike(
          'lambda.denial-of-wallet',
          fn.arn,
          `${open.join(', ')}, capped by reserved concurrency ${fn.reservedConcurrency}`,
        );
      }
    }
  },
};

function functionsOf(account: SimAccount): { fn: SimFunction; region: string }[] {
  return account.regions.flatMap((region) =>
    (account.lambda[region]?.functions ?? []).map((fn) => ({ fn, region })),
  );
}

const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

function anyonePrincipal(s: PolicyStatementJson): boolean {
  return s.Principal === '*' || list(s.Principal?.AWS).includes('*');
}

function grants(s: PolicyStatementJson, action: string): boolean {
  return list(s.Action).some(
    (a) => a === '*' || a === 'lambda:*' || a.toLowerCase() === action.toLowerCase(),
  );
}

/** The statement's condition keys, lower-cased. */
function conditionKeys(s: PolicyStatementJson): string[] {
  return Object.values(s.Condition ?? {}).flatMap((block) => Object.keys(block).map((k) => k.toLowerCase()));
}

/** An Allow to anyone for `action` whose conditions are only among `allowedKeys`. */
function anyoneMay(fn: SimFunction, action: string, allowedKeys: string[]): boolean {
  return (fn.policy?.Statement ?? []).some(
    (s) =>
      s.Effect === 'Allow' &&
      anyonePrincipal(s) &&
      grants(s, action) &&
      conditionKeys(s).every((k) => allowedKeys.includes(k)),
  );
}

/** How anyone can invoke the function in the model; empty when nobody outside can. */
export function publicPaths(fn: SimFunction, now: string): string[] {
  const out: string[] = [];
  if (anyoneMay(fn, 'lambda:InvokeFunction', [])) out.push('public lambda:InvokeFunction grant');
  if (fn.url?.authType === 'NONE') {
    const url = anyoneMay(fn, 'lambda:InvokeFunctionUrl', ['lambda:functionurlauthtype']);
    const invoke = anyoneMay(fn, 'lambda:InvokeFunction', ['lambda:invokedviafunctionurl']);
    const grace = Date.parse(now) < Date.parse(FUNCTION_URL_GRACE_END);
    if (url && (invoke || grace)) out.push('open AuthType NONE URL');
  }
  return out;
}

/**
 * CORS on existing URLs (no other check reads it, so nothing else's truth moves): the account's
 * first AuthType NONE URL allows "*" with credentials, its first AWS_IAM URL allows "*" (clean:
 * browsers never sign with SigV4), and a few others allow "*" or the opaque origin "null".
 */
function plantCors(account: SimAccount, ctx: GenContext): void {
  const rng = fork(ctx.seed, 'lambda-exposure:cors');
  const firsts = new Set<string>();
  for (const { fn } of functionsOf(account)) {
    const url = fn.url;
    if (!url) continue;
    if (!firsts.has(url.authType)) {
      firsts.add(url.authType);
      url.cors = { AllowOrigins: ['*'], AllowCredentials: url.authType === 'NONE' };
    } else if (chance(rng, 0.2)) {
      url.cors = {
        AllowOrigins: chance(rng, 0.5) ? ['*'] : ['https://app.example.com', 'null'],
        AllowCredentials: false,
      };
    }
  }
}

type Sink = Parameters<FactGroup<Id>['facts']>[1];

function corsFacts(fn: SimFunction, region: string, sink: Sink): void {
  if (!fn.url) {
    sink.notApplicable('lambda.url-cors-any-origin', fn.arn, 'no function URL');
    return;
  }
  const origins = fn.url.cors?.AllowOrigins ?? [];
  const any = origins.filter((o) => o === '*' || o === 'null');
  if (any.length > 0 && fn.url.authType === 'NONE')
    sink.finding(
      'lambda.url-cors-any-origin',
      fn.arn,
      region,
      `AuthType NONE URL allows origin ${any.join(', ')}`,
    );
  else if (any.length > 0)
    sink.lookAlike('lambda.url-cors-any-origin', fn.arn, `AWS_IAM URL allows origin ${any.join(', ')}`);
  else
    sink.lookAlike('lambda.url-cors-any-origin', fn.arn, `URL CORS origins: ${origins.join(', ') || 'none'}`);
}

/**
 * The account's first public function takes over the execution role of the first non-public
 * function that has a role to itself, so that role is shared across the exposure boundary. Its
 * own role is left unused. Core facts (shared-execution-role, admin-execution-role) are computed
 * from the final assignment, so they follow.
 */
function plantMixedRole(account: SimAccount): void {
  const all = functionsOf(account).map(({ fn }) => fn);
  const uses = new Map<string, number>();
  for (const fn of all) uses.set(fn.roleArn, (uses.get(fn.roleArn) ?? 0) + 1);
  const pub = all.find((fn) => publicPaths(fn, account.now).length > 0);
  const priv = all.find(
    (fn) => fn !== pub && uses.get(fn.roleArn) === 1 && publicPaths(fn, account.now).length === 0,
  );
  if (pub && priv) pub.roleArn = priv.roleArn;
}

/** Per execution role (by name, as IAM compares them): mixed exposure fails; one user is n/a. */
function sharedRoleFacts(account: SimAccount, sink: Sink): void {
  const byRole = new Map<string, SimFunction[]>();
  for (const { fn } of functionsOf(account)) {
    const key = fn.roleArn.slice(fn.roleArn.lastIndexOf('/') + 1).toLowerCase();
    byRole.set(key, [...(byRole.get(key) ?? []), fn]);
  }
  for (const fns of byRole.values()) {
    const arn = fns.map((f) => f.roleArn).sort()[0];
    if (!arn) continue;
    const pub = fns.filter((f) => publicPaths(f, account.now).length > 0);
    const id = 'lambda.shared-role-mixed-exposure';
    if (fns.length === 1) sink.notApplicable(id, arn, 'used by one function');
    else if (pub.length > 0 && pub.length < fns.length)
      sink.finding(id, arn, null, `${pub.length} public and ${fns.length - pub.length} non-public functions`);
    else
      sink.lookAlike(
        id,
        arn,
        `shared by ${fns.length} functions, ${pub.length > 0 ? 'all public' : 'none public'}`,
      );
  }
}

const LAMBDA_SERVICES = ['lambda.amazonaws.com', 'edgelambda.amazonaws.com'];
const trustOf = (...services: string[]): PolicyDoc => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: services }, Action: 'sts:AssumeRole' }],
});

/**
 * Two functions with a role to themselves get a new trust policy (a new object: the generator
 * shares one LAMBDA_TRUST document between roles): one also trusts ec2.amazonaws.com (an instance
 * role reused; PassRole-gated, so no iam.role-trust-* finding moves), one is Lambda@Edge's
 * lambda + edgelambda (clean). At misconfiguration rate 0 only the clean one is planted.
 */
function plantRoleTrust(account: SimAccount, ctx: GenContext): void {
  const rng = fork(ctx.seed, 'lambda-exposure:trust');
  const uses = new Map<string, number>();
  const all = functionsOf(account).map(({ fn }) => fn);
  for (const fn of all) uses.set(fn.roleArn, (uses.get(fn.roleArn) ?? 0) + 1);
  const roles = new Map(account.iam.roles.map((r) => [r.arn, r]));
  const dedicated = [...new Set(all.filter((fn) => uses.get(fn.roleArn) === 1).map((fn) => fn.roleArn))]
    .map((arn) => roles.get(arn))
    .filter((r): r is SimRole => r !== undefined);
  if (dedicated.length < 2) return;
  const reused = pick(rng, dedicated);
  // A misconfiguration only at a positive rate (rate 0 plants none); the draw happens either way.
  if (ctx.m > 0) reused.trust = trustOf('lambda.amazonaws.com', 'ec2.amazonaws.com');
  const edge = pick(
    rng,
    dedicated.filter((r) => r !== reused),
  );
  edge.trust = trustOf('lambda.amazonaws.com', 'edgelambda.amazonaws.com');
}

function assumes(s: PolicyStatementJson): boolean {
  return list(s.Action).some((a) => a === '*' || a === 'sts:*' || /^sts:AssumeRole/i.test(a));
}

function trustFacts(fn: SimFunction, region: string, role: SimRole | undefined, sink: Sink): void {
  const id = 'lambda.execution-role-trust';
  if (!role) {
    sink.notApplicable(id, fn.arn, 'execution role does not exist');
    return;
  }
  const others: string[] = [];
  for (const s of role.trust.Statement) {
    if (s.Effect !== 'Allow' || !assumes(s) || !s.Principal) continue;
    if (s.Principal === '*') {
      others.push('*');
      continue;
    }
    for (const [type, raw] of Object.entries(s.Principal)) {
      for (const v of list(raw)) {
        if (type === 'Service' && LAMBDA_SERVICES.includes(v)) continue;
        others.push(`${type}:${v}`);
      }
    }
  }
  if (others.length > 0)
    sink.finding(id, fn.arn, region, `role ${role.name} also trusts ${others.join(', ')}`);
  else if (
    role.trust.Statement.some(
      (s) => s.Principal !== '*' && list(s.Principal?.Service).includes('edgelambda.amazonaws.com'),
    )
  )
    sink.lookAlike(id, fn.arn, `role ${role.name} trusts lambda and edgelambda (Lambda@Edge)`);
}

/**
 * At a positive rate, one function with a role to itself is pointed at a role that does not exist
 * (as after its role was deleted). Core truth follows in manifest.ts: lambda.admin-execution-role
 * answers not_applicable for it.
 */
function plantMissingRole(account: SimAccount, ctx: GenContext): void {
  const rng = fork(ctx.seed, 'lambda-exposure:missing-role');
  const all = functionsOf(account).map(({ fn }) => fn);
  const uses = new Map<string, number>();
  for (const fn of all) uses.set(fn.roleArn, (uses.get(fn.roleArn) ?? 0) + 1);
  const candidates = all.filter((fn) => uses.get(fn.roleArn) === 1);
  if (candidates.length === 0) return;
  const fn = pick(rng, candidates);
  const arn = `arn:aws:iam::${account.accountId}:role/${fn.name}-role-deleted`;
  if (ctx.m > 0 && !account.iam.roles.some((r) => r.arn === arn)) fn.roleArn = arn;
}

const PARTNER_ACCOUNT = '210987654321';

/**
 * At a positive rate, the first function of the first region with functions also consumes a
 * queue of another account, and one of this account whose name holds that account's id (clean:
 * the ARN's account field decides). Nothing else reads event source mappings.
 */
function plantForeignEventSource(account: SimAccount, ctx: GenContext): void {
  if (ctx.m === 0) return;
  const rng = fork(ctx.seed, 'lambda-exposure:event-sources');
  const region = account.regions.find((r) => (account.lambda[r]?.functions.length ?? 0) > 0);
  const data = region ? account.lambda[region] : undefined;
  const fn = data?.functions[0];
  if (!region || !data || !fn) return;
  for (const queue of [
    `${PARTNER_ACCOUNT}:partner-orders`,
    `${account.accountId}:replay-from-${PARTNER_ACCOUNT}`,
  ]) {
    data.eventSourceMappings.push({
      uuid: uuid(rng),
      functionArn: fn.arn,
      eventSourceArn: `arn:aws:sqs:${region}:${queue}`,
      state: 'Enabled',
      batchSize: 10,
      lastModified: account.now,
    });
  }
}

function eventSourceFacts(account: SimAccount, sink: Sink): void {
  const id = 'lambda.event-source-cross-account';
  for (const region of account.regions) {
    const mappings = account.lambda[region]?.eventSourceMappings ?? [];
    const base = `arn:aws:lambda:${region}:${account.accountId}:event-source-mapping:`;
    if (mappings.length === 0) sink.notApplicable(id, `${base}*`, `no event source mappings in ${region}`);
    for (const m of mappings) {
      const owner = m.eventSourceArn.split(':')[4];
      if (owner !== account.accountId)
        sink.finding(id, `${base}${m.uuid}`, region, `source ${m.eventSourceArn} of account ${owner}`);
      else if (m.eventSourceArn.includes(PARTNER_ACCOUNT))
        sink.lookAlike(id, `${base}${m.uuid}`, 'own queue whose name holds another account id');
    }
  }
}

/**
 * Lambda Managed Instances: in the first region with enough functions, two non-public functions
 * share a capacity provider (clean), and at a positive rate a public function and a non-public
 * one share another (the finding). Nothing else reads the capacity provider.
 */
function plantCapacityProviders(account: SimAccount, ctx: GenContext): void {
  for (const region of account.regions) {
    const fns = account.lambda[region]?.functions ?? [];
    const pub = fns.filter((f) => publicPaths(f, account.now).length > 0);
    const priv = fns.filter((f) => publicPaths(f, account.now).length === 0);
    if (pub.length === 0 || priv.length < 3) continue;
    const provider = (name: string) =>
      `arn:aws:lambda:${region}:${account.accountId}:capacity-provider:${name}`;
    const [a, b, c] = priv;
    if (a && b) a.capacityProviderArn = b.capacityProviderArn = provider('internal-batch');
    if (ctx.m > 0 && c && pub[0])
      c.capacityProviderArn = pub[0].capacityProviderArn = provider('shared-fleet');
    return;
  }
}

/** Per capacity provider: public and non-public functions together fail; one function is n/a. */
function capacityProviderFacts(account: SimAccount, sink: Sink): void {
  const id = 'lambda.capacity-provider-mixed-exposure';
  for (const region of account.regions) {
    const fns = account.lambda[region]?.functions ?? [];
    if (fns.length === 0) continue; // functionChecks: a region without functions is n/a already
    const byProvider = new Map<string, SimFunction[]>();
    for (const fn of fns) {
      if (fn.capacityProviderArn)
        byProvider.set(fn.capacityProviderArn, [...(byProvider.get(fn.capacityProviderArn) ?? []), fn]);
    }
    if (byProvider.size === 0) {
      sink.notApplicable(
        id,
        `arn:aws:lambda:${region}:${account.accountId}:function:*`,
        'no function on a capacity provider',
      );
    }
    for (const [arn, group] of byProvider) {
      const pub = group.filter((f) => publicPaths(f, account.now).length > 0);
      if (group.length === 1) sink.notApplicable(id, arn, 'one function only');
      else if (pub.length > 0 && pub.length < group.length)
        sink.finding(
          id,
          arn,
          region,
          `${pub.length} public and ${group.length - pub.length} non-public functions`,
        );
      else sink.lookAlike(id, arn, `${group.length} functions, ${pub.length > 0 ? 'all' : 'none'} public`);
    }
  }
}
