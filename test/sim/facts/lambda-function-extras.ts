/**
 * Ground truth for the --deep per-function configuration checks (see group.ts): failure handling
 * of asynchronous invocation (ListFunctionEventInvokeConfigs + the resource policy + the
 * listing's DeadLetterConfig), recursive loop detection (GetFunctionRecursionConfig) and tags
 * (GetFunction).
 *
 * `plant` draws, per function, from its own stream:
 * - an asynchronous trigger (SNS, EventBridge or CloudWatch Logs, scoped to this account, as
 *   add-permission writes it) on some functions beside the generator's S3 grants; each function
 *   some AWS service invokes asynchronously and with no dead-letter queue then gets, at the
 *   misconfiguration rate, no invoke config or one with only an on-success destination (the
 *   finding), else an on-failure destination (the look-alike a DLQ-only scanner fails). The
 *   generator's API Gateway grants (Principal "*" scoped by SourceArn) are synchronous: those
 *   functions are not applicable, like functions with no policy.
 * - RecursiveLoop Allow (the finding) or an explicit Terminate (a look-alike); absent: Terminate.
 * - no tags, or only CloudFormation's aws:cloudformation:* system tags (findings); system tags
 *   beside the generator's own tags, or SAM's lambda:createdBy alone (look-alikes).
 * A misconfigured account holds at least one finding of each. `facts` reads only the final model.
 */
import type { GenContext, PolicyStatementJson, SimAccount, SimFunction } from '../account.js';
import { daysAgo } from '../account.js';
import { chance, chars, fork, HEX, int, pick, type Rng } from '../prng.js';
import type { FactGroup, FactSink } from './group.js';

const IDS = ['lambda.async-no-failure-destination', 'lambda.recursion-allowed', 'lambda.no-tags'] as const;
type Id = (typeof IDS)[number];

/** The async-invoking service principals (checks/lambda/async-no-failure-destination.ts). */
const ASYNC_INVOKERS = new Set([
  's3.amazonaws.com',
  'sns.amazonaws.com',
  'events.amazonaws.com',
  'logs.amazonaws.com',
  'ses.amazonaws.com',
  'iot.amazonaws.com',
  'iotevents.amazonaws.com',
  'config.amazonaws.com',
  'codecommit.amazonaws.com',
  'codepipeline.amazonaws.com',
  'cloudformation.amazonaws.com',
  'lambda.alarms.cloudwatch.amazonaws.com',
]);

const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

const regionOf = (fn: SimFunction) => fn.arn.split(':')[3] ?? '';

export const lambdaFunctionExtrasFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: [...IDS],
  plant(account, ctx) {
    const rng = fork(ctx.seed, 'lambda-function-extras');
    const fns = account.regions.flatMap((r) => account.lambda[r]?.functions ?? []);
    for (const fn of fns) {
      plantAsync(fn, account, ctx, rng);
      plantRecursion(fn, ctx, rng);
      plantTags(fn, ctx, rng);
    }
    if (ctx.m > 0) ensureFindings(fns, account, ctx);
  },
  facts(account, sink) {
    for (const region of account.regions) {
      for (const fn of account.lambda[region]?.functions ?? []) {
        asyncFacts(fn, region, sink);
        recursionFacts(fn, region, sink);
        tagFacts(fn, region, sink);
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------
// planting
// ---------------------------------------------------------------------------------------------

/** What add-permission writes for an async trigger of this account. */
function asyncGrant(fn: SimFunction, account: SimAccount, rng: Rng): PolicyStatementJson {
  const region = regionOf(fn);
  const name = fn.arn.split(':')[6] ?? 'fn';
  const [service, sourceArn] = pick(rng, [
    ['sns.amazonaws.com', `arn:aws:sns:${region}:${account.accountId}:${name}-events`],
    ['events.amazonaws.com', `arn:aws:events:${region}:${account.accountId}:rule/${name}-schedule`],
    ['logs.amazonaws.com', `arn:aws:logs:${region}:${account.accountId}:log-group:/app/${name}:*`],
  ] as const);
  return {
    Sid: `${service.split('.')[0]}-invoke-${chars(rng, HEX, 8)}`,
    Effect: 'Allow',
    Principal: { Service: service },
    Action: 'lambda:InvokeFunction',
    Resource: fn.arn,
    Condition: {
      StringEquals: { 'AWS:SourceAccount': account.accountId },
      ArnLike: { 'AWS:SourceArn': sourceArn },
    },
  };
}

function addStatement(fn: SimFunction, statement: PolicyStatementJson): void {
  if (fn.policy) fn.policy.Statement.push(statement);
  else fn.policy = { Version: '2012-10-17', Id: 'default', Statement: [statement] };
}

function plantAsync(fn: SimFunction, account: SimAccount, ctx: GenContext, rng: Rng): void {
  if (asyncInvokers(fn).length === 0 && chance(rng, 0.3)) addStatement(fn, asyncGrant(fn, account, rng));
  const drop = chance(rng, ctx.m);
  const onSuccessOnly = chance(rng, 0.5);
  const base = {
    maximumRetryAttempts: int(rng, 0, 2),
    maximumEventAgeInSeconds: pick(rng, [3600, 21600]),
    lastModified: daysAgo(ctx, int(rng, 1, 300)),
  };
  const queue = `arn:aws:sqs:${regionOf(fn)}:${account.accountId}:${fn.arn.split(':')[6] ?? 'fn'}-failed`;
  if (asyncInvokers(fn).length === 0 || fn.deadLetterArn) return;
  if (!drop) fn.eventInvokeConfigs = [{ ...base, onFailure: queue, onSuccess: null }];
  else if (onSuccessOnly) {
    fn.eventInvokeConfigs = [{ ...base, onFailure: null, onSuccess: queue.replace(/-failed$/, '-done') }];
  }
}

function plantRecursion(fn: SimFunction, ctx: GenContext, rng: Rng): void {
  if (chance(rng, ctx.m * 0.3)) fn.recursiveLoop = 'Allow';
  else if (chance(rng, 0.3)) fn.recursiveLoop = 'Terminate';
}

const CFN_TAGS = (fn: SimFunction): Record<string, string> => ({
  'aws:cloudformation:stack-name': `${fn.tags.service ?? 'app'}-${fn.tags.stage ?? 'prod'}`,
  'aws:cloudformation:logical-id': 'Function',
  'aws:cloudformation:stack-id': `arn:aws:cloudformation:${regionOf(fn)}:${fn.arn.split(':')[4]}:stack/${fn.tags.service ?? 'app'}/00000000-0000-4000-8000-000000000000`,
});

function plantTags(fn: SimFunction, ctx: GenContext, rng: Rng): void {
  const r = rng();
  if (r < ctx.m * 0.2) fn.tags = {};
  else if (r < ctx.m * 0.4) fn.tags = CFN_TAGS(fn);
  else if (r < ctx.m * 0.4 + 0.15) fn.tags = { ...CFN_TAGS(fn), ...fn.tags };
  else if (r < ctx.m * 0.4 + 0.2) fn.tags = { 'lambda:createdBy': 'SAM' };
}

/** Every misconfigured account fails each check at least once, so the e2e test exercises it. */
function ensureFindings(fns: SimFunction[], account: SimAccount, ctx: GenContext): void {
  const first = fns.find((f) => !f.deadLetterArn);
  if (first && !fns.some(failsAsync)) {
    if (asyncInvokers(first).length === 0)
      addStatement(first, asyncGrant(first, account, fork(ctx.seed, 'lambda-function-extras:ensure')));
    delete first.eventInvokeConfigs;
  }
  const last = fns[fns.length - 1];
  if (last && !fns.some((f) => f.recursiveLoop === 'Allow')) last.recursiveLoop = 'Allow';
  const middle = fns[Math.floor(fns.length / 2)];
  if (middle && !fns.some((f) => ownTags(f).length === 0)) middle.tags = {};
}

// ---------------------------------------------------------------------------------------------
// facts
// ---------------------------------------------------------------------------------------------

const invokes = (action: string) => {
  const a = action.toLowerCase();
  return a === '*' || a === 'lambda:*' || a === 'lambda:invoke*' || a === 'lambda:invokefunction';
};

/** The async-invoking services the function's policy grants lambda:InvokeFunction (the generator's shapes). */
function asyncInvokers(fn: SimFunction): string[] {
  const out = new Set<string>();
  for (const s of fn.policy?.Statement ?? []) {
    if (s.Effect !== 'Allow' || !list(s.Action).some(invokes) || !s.Principal || s.Principal === '*')
      continue;
    for (const p of list(s.Principal.Service)) if (ASYNC_INVOKERS.has(p.toLowerCase())) out.add(p);
  }
  return [...out].sort();
}

function failsAsync(fn: SimFunction): boolean {
  return (
    asyncInvokers(fn).length > 0 &&
    !fn.deadLetterArn &&
    !(fn.eventInvokeConfigs ?? []).some((c) => c.onFailure !== null)
  );
}

function asyncFacts(fn: SimFunction, region: string, sink: FactSink<Id>): void {
  const id = 'lambda.async-no-failure-destination';
  const invokers = asyncInvokers(fn);
  if (invokers.length === 0) {
    sink.notApplicable(id, fn.arn, 'no asynchronous invoker in the resource policy');
    return;
  }
  if (fn.deadLetterArn) sink.lookAlike(id, fn.arn, `${invokers.join(', ')}: dead-letter queue`);
  else if (!failsAsync(fn))
    sink.lookAlike(id, fn.arn, `${invokers.join(', ')}: on-failure destination, no DLQ`);
  else {
    const config =
      (fn.eventInvokeConfigs ?? []).length > 0 ? 'only an on-success destination' : 'no invoke config';
    sink.finding(id, fn.arn, region, `${invokers.join(', ')}: no DLQ, ${config}`);
  }
}

function recursionFacts(fn: SimFunction, region: string, sink: FactSink<Id>): void {
  if (fn.recursiveLoop === 'Allow')
    sink.finding('lambda.recursion-allowed', fn.arn, region, 'RecursiveLoop Allow');
  else if (fn.recursiveLoop === 'Terminate')
    sink.lookAlike('lambda.recursion-allowed', fn.arn, 'RecursiveLoop set explicitly to Terminate');
}

const ownTags = (fn: SimFunction) => Object.keys(fn.tags).filter((k) => !k.toLowerCase().startsWith('aws:'));

function tagFacts(fn: SimFunction, region: string, sink: FactSink<Id>): void {
  const keys = Object.keys(fn.tags);
  const own = ownTags(fn);
  if (own.length > 0) {
    if (own.length < keys.length)
      sink.lookAlike('lambda.no-tags', fn.arn, 'own tags beside CloudFormation’s');
    else if (own.includes('lambda:createdBy'))
      sink.lookAlike('lambda.no-tags', fn.arn, 'only SAM’s lambda:createdBy');
    return;
  }
  sink.finding(
    'lambda.no-tags',
    fn.arn,
    region,
    keys.length > 0 ? 'only aws:cloudformation:* system tags' : 'no tags',
  );
}
