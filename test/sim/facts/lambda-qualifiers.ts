/**
 * Ground truth for the checks that read a function's qualifiers (--deep; see group.ts): the
 * policies of aliases and published versions, and whether a wired function has any version.
 *
 * `plant` draws, per function, from its own stream:
 * - published versions (1–3) on some functions, and on most of those an alias `live` on the
 *   newest version (sometimes with weighted routing to the one before); a queue mapping of such a
 *   function is pointed at the alias (SAM's AutoPublishAlias: the look-alike of an unversioned
 *   function);
 * - on some aliases an API Gateway grant scoped by aws:SourceArn and aws:SourceAccount (the
 *   look-alike a Principal-only scanner calls public, prowler#4870); at the misconfiguration
 *   rate, a grant to anyone (public, and cross-account too) or to a partner account, on the alias
 *   or, where there is none, on the oldest version;
 * - on some aliases of functions that already have a URL, a URL of the alias's own (served by
 *   ListFunctionUrlConfigs): mostly AWS_IAM, NONE at the misconfiguration rate, whose alias policy the default plan reads
 *   and which is latent (the alias's policy never holds the URL grants), so only
 *   lambda.function-url-auth-none's truth changes (manifest.ts), and no exposure check's.
 * A misconfigured account holds at least one finding of each check. `facts` reads the final model.
 */
import type { GenContext, PolicyStatementJson, SimAccount, SimAlias, SimFunction } from '../account.js';
import { daysAgo } from '../account.js';
import { BASE64, chance, chars, fork, int, LOWER_ALNUM, type Rng } from '../prng.js';
import type { FactGroup, FactSink } from './group.js';

const IDS = [
  'lambda.qualifier-public-policy',
  'lambda.qualifier-cross-account-grant',
  'lambda.unversioned-function',
] as const;
type Id = (typeof IDS)[number];

const PARTNER_ACCOUNT = '210987654321';

export const lambdaQualifiersFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: [...IDS],
  plant(account, ctx) {
    const rng = fork(ctx.seed, 'lambda-qualifiers');
    for (const region of account.regions) {
      const data = account.lambda[region];
      for (const fn of data?.functions ?? []) {
        plantQualifiers(fn, account, ctx, rng);
        if (fn.aliases?.some((a) => a.name === 'live')) {
          for (const m of data?.eventSourceMappings ?? []) {
            if (m.functionArn === fn.arn && chance(rng, 0.5)) m.functionArn = `${fn.arn}:live`;
          }
        }
      }
    }
    if (ctx.m > 0) ensureFindings(account, ctx);
  },
  facts(account, sink) {
    for (const region of account.regions) {
      const data = account.lambda[region];
      for (const fn of data?.functions ?? []) {
        qualifierFacts(fn, account, region, sink);
        const mapped = (data?.eventSourceMappings ?? []).some(
          (m) => m.functionArn === fn.arn || m.functionArn.startsWith(`${fn.arn}:`),
        );
        versionFacts(fn, region, mapped, sink);
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------
// planting
// ---------------------------------------------------------------------------------------------

const qualifiedArn = (fn: SimFunction, q: string) => `${fn.arn}:${q}`;
const regionOf = (fn: SimFunction) => fn.arn.split(':')[3] ?? '';

function apiGatewayGrant(fn: SimFunction, q: string, account: SimAccount, rng: Rng): PolicyStatementJson {
  return {
    Sid: `apigw-invoke-${chars(rng, LOWER_ALNUM, 6)}`,
    Effect: 'Allow',
    Principal: { Service: 'apigateway.amazonaws.com' },
    Action: 'lambda:InvokeFunction',
    Resource: qualifiedArn(fn, q),
    Condition: {
      StringEquals: { 'AWS:SourceAccount': account.accountId },
      ArnLike: {
        'AWS:SourceArn': `arn:aws:execute-api:${regionOf(fn)}:${account.accountId}:${chars(rng, LOWER_ALNUM, 10)}/*/POST/*`,
      },
    },
  };
}

const publicGrant = (fn: SimFunction, q: string): PolicyStatementJson => ({
  Sid: 'public-invoke',
  Effect: 'Allow',
  Principal: '*',
  Action: 'lambda:InvokeFunction',
  Resource: qualifiedArn(fn, q),
});

const partnerGrant = (fn: SimFunction, q: string): PolicyStatementJson => ({
  Sid: 'partner-invoke',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${PARTNER_ACCOUNT}:root` },
  Action: 'lambda:InvokeFunction',
  Resource: qualifiedArn(fn, q),
});

function addStatement(target: { policy: SimAlias['policy'] }, statement: PolicyStatementJson): void {
  if (target.policy) target.policy.Statement.push(statement);
  else target.policy = { Version: '2012-10-17', Id: 'default', Statement: [statement] };
}

function plantQualifiers(fn: SimFunction, account: SimAccount, ctx: GenContext, rng: Rng): void {
  if (!chance(rng, 0.4)) return;
  const count = int(rng, 1, 3);
  fn.versions = Array.from({ length: count }, (_, i) => ({
    version: String(i + 1),
    codeSha256: `${chars(rng, BASE64, 43)}=`,
    lastModified: daysAgo(ctx, int(rng, 30 * (count - i), 30 * (count - i) + 29)),
    policy: null,
  }));
  if (chance(rng, 0.75)) {
    const live: SimAlias = { name: 'live', functionVersion: String(count), policy: null, url: null };
    if (count >= 2 && chance(rng, 0.2)) live.additionalVersionWeights = { [String(count - 1)]: 0.1 };
    if (chance(rng, 0.4)) addStatement(live, apiGatewayGrant(fn, 'live', account, rng));
    if (fn.url && chance(rng, 0.3)) {
      live.url = {
        id: chars(rng, LOWER_ALNUM, 32),
        // A NONE URL on the alias is latent: the alias's policy never holds the URL grants.
        authType: chance(rng, ctx.m * 0.4) ? 'NONE' : 'AWS_IAM',
        createdAt: daysAgo(ctx, int(rng, 1, 200)),
        invokeMode: 'BUFFERED',
        cors: null,
      };
    }
    fn.aliases = [live];
  }
  const target = fn.aliases?.[0] ?? fn.versions[0];
  const q = fn.aliases?.[0]?.name ?? fn.versions[0]?.version ?? '1';
  if (!target) return;
  const draw = rng();
  if (draw < ctx.m * 0.15) addStatement(target, publicGrant(fn, q));
  else if (draw < ctx.m * 0.3) addStatement(target, partnerGrant(fn, q));
}

/** Every misconfigured account fails each check at least once, so the e2e test exercises it. */
function ensureFindings(account: SimAccount, ctx: GenContext): void {
  const fns = account.regions.flatMap((r) => account.lambda[r]?.functions ?? []);
  const versioned = fns.filter((f) => (f.versions ?? []).length > 0);
  const withVersion = (f: SimFunction) => f.versions?.[0];
  if (!fns.some((f) => qualifierStatements(f).some(isPublic))) {
    const f = versioned[0];
    const v = f ? withVersion(f) : undefined;
    if (f && v) addStatement(v, publicGrant(f, v.version));
  }
  if (!fns.some((f) => qualifierStatements(f).some((s) => isPartner(s)))) {
    const f = versioned[versioned.length - 1];
    const v = f ? withVersion(f) : undefined;
    if (f && v) addStatement(v, partnerGrant(f, v.version));
  }
  // An unversioned function some AWS service may invoke: one with a policy statement, else the first.
  if (!fns.some((f) => (f.versions ?? []).length === 0 && allows(f))) {
    const f = fns.find((x) => (x.versions ?? []).length === 0) ?? fns[0];
    if (f) {
      delete f.versions;
      delete f.aliases;
      const grant = apiGatewayGrant(f, '', account, fork(ctx.seed, 'lambda-qualifiers:ensure'));
      grant.Resource = f.arn;
      addStatement(f, grant);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// facts
// ---------------------------------------------------------------------------------------------

const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

/** Principal "*" (or AWS "*") with no condition: anyone (the planted public grant's shape). */
function isPublic(s: PolicyStatementJson): boolean {
  if (s.Effect !== 'Allow' || s.Condition) return false;
  return s.Principal === '*' || list(s.Principal?.AWS).includes('*');
}

function isPartner(s: PolicyStatementJson): boolean {
  return (
    s.Effect === 'Allow' &&
    s.Principal !== '*' &&
    list(s.Principal?.AWS).some((p) => p.includes(`::${PARTNER_ACCOUNT}:`) || p === PARTNER_ACCOUNT)
  );
}

function qualifierStatements(fn: SimFunction): PolicyStatementJson[] {
  return [...(fn.versions ?? []), ...(fn.aliases ?? [])].flatMap((q) => q.policy?.Statement ?? []);
}

/** Does the unqualified function's policy hold an Allow statement? */
const allows = (fn: SimFunction): boolean => (fn.policy?.Statement ?? []).some((s) => s.Effect === 'Allow');

function qualifierFacts(fn: SimFunction, account: SimAccount, region: string, sink: FactSink<Id>): void {
  const count = (fn.versions ?? []).length + (fn.aliases ?? []).length;
  if (count === 0) {
    sink.notApplicable('lambda.qualifier-public-policy', fn.arn, 'no alias or published version');
    sink.notApplicable('lambda.qualifier-cross-account-grant', fn.arn, 'no alias or published version');
    return;
  }
  const statements = qualifierStatements(fn);
  const scoped = statements.some((s) => (s.Sid ?? '').startsWith('apigw-invoke'));
  if (statements.some(isPublic)) {
    sink.finding('lambda.qualifier-public-policy', fn.arn, region, 'a qualifier grants Principal "*"');
    sink.finding('lambda.qualifier-cross-account-grant', fn.arn, region, 'a qualifier grants any account');
    return;
  }
  if (scoped)
    sink.lookAlike('lambda.qualifier-public-policy', fn.arn, 'API Gateway grant scoped to this account');
  if (statements.some(isPartner)) {
    sink.finding(
      'lambda.qualifier-cross-account-grant',
      fn.arn,
      region,
      `a qualifier grants account ${PARTNER_ACCOUNT}`,
    );
  } else if (scoped) {
    sink.lookAlike(
      'lambda.qualifier-cross-account-grant',
      fn.arn,
      `API Gateway grant scoped to account ${account.accountId}`,
    );
  }
}

function versionFacts(fn: SimFunction, region: string, mapped: boolean, sink: FactSink<Id>): void {
  const id = 'lambda.unversioned-function';
  if ((fn.versions ?? []).length > 0) {
    if (fn.aliases?.some((a) => a.name === 'live')) sink.lookAlike(id, fn.arn, 'versions behind alias live');
    return;
  }
  const urls = fn.url !== null || (fn.aliases ?? []).some((a) => a.url !== null);
  if (mapped || urls || allows(fn))
    sink.finding(id, fn.arn, region, 'no published version, wired to $LATEST');
  else sink.notApplicable(id, fn.arn, 'no published version and nothing wired');
}
