import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  type FunctionConfiguration,
  GetAccountSettingsCommand,
  GetPolicyCommand,
  LambdaClient,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListFunctionUrlConfigsCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsSession } from '../../src/aws/clients.js';
import { collectLambdaRegion } from '../../src/collect/lambda.js';
import { CODE_READS, DEEP_READS, READ_IDS, type ReadId, ReadPlan } from '../../src/inventory/reads.js';
import { LambdaRegion, slice } from '../../src/inventory/schema.js';
import { awsError, testSession } from './helpers.js';

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const arn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
/** A listing entry: $LATEST, or a published version (FunctionVersion=ALL names both by qualified ARN). */
const entry = (
  name: string,
  version = '$LATEST',
  over: Partial<FunctionConfiguration> = {},
): FunctionConfiguration => ({
  FunctionName: name,
  FunctionArn: `${arn(name)}:${version}`,
  Runtime: 'nodejs22.x',
  Role: `arn:aws:iam::${ACCOUNT}:role/${name}`,
  Version: version,
  CodeSha256: `sha-${version}`,
  LastModified: '2026-10-01T00:00:00.000+0000',
  PackageType: 'Zip',
  ...over,
});
const policyJson = (resource: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'anyone', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: resource },
    ],
  });

const lambdaMock = mockClient(LambdaClient);
let session: AwsSession;

const plan = (...reads: ReadId[]) => new ReadPlan(['lambda.functions', ...reads]);
const DEFAULT_PLAN = new ReadPlan(READ_IDS.filter((r) => !DEEP_READS.has(r) && !CODE_READS.has(r)));

async function collect(p: ReadPlan) {
  const result = await collectLambdaRegion(session, REGION, {
    plan: p,
    salt: Buffer.alloc(32, 1),
    classifyEnvironment: (vars) => Object.keys(vars).map((name) => ({ name, secret: null })),
  });
  slice(LambdaRegion).parse(result);
  assert.ok(result.status === 'ok');
  return Object.fromEntries(result.data.functions.map((f) => [f.name, f]));
}

const calls = (command: string) =>
  lambdaMock
    .calls()
    .filter((c) => c.args[0].constructor.name === command)
    .map((c) => c.args[0].input as { FunctionVersion?: string; Qualifier?: string });

describe('qualifiers: versions, aliases and their policies (lambda-qualifiers.ts)', () => {
  beforeEach(() => {
    lambdaMock.reset();
    session = testSession();
    lambdaMock.on(GetAccountSettingsCommand).resolves({
      AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 1000 },
      AccountUsage: { FunctionCount: 2 },
    });
    lambdaMock.on(GetPolicyCommand).rejects(awsError('ResourceNotFoundException', 404));
    lambdaMock.on(ListFunctionUrlConfigsCommand).resolves({ FunctionUrlConfigs: [] });
    lambdaMock.on(ListAliasesCommand).resolves({ Aliases: [] });
  });
  afterEach(() => session.destroy());

  it('lists the versions with the functions (FunctionVersion=ALL, no call per function), and keeps no variable of a version', async () => {
    // Pages interleave functions and versions; a version may arrive before its $LATEST.
    lambdaMock
      .on(ListFunctionsCommand)
      .resolvesOnce({
        Functions: [entry('orders', '2'), entry('orders', '$LATEST'), entry('orders', '10')],
        NextMarker: 'm',
      })
      .resolvesOnce({
        Functions: [
          entry('orders', '1', { Environment: { Variables: { DB_PASSWORD: 'old-value-never-kept' } } }),
          entry('plain'),
        ],
      });
    const fns = await collect(plan('lambda.versions'));
    assert.deepEqual(Object.keys(fns).sort(), ['orders', 'plain']);
    assert.equal(fns.orders?.arn, arn('orders'), 'the function is named by its unqualified ARN');
    assert.ok(fns.orders?.versions?.ok);
    assert.deepEqual(
      fns.orders.versions.value.map((v) => v.version),
      ['1', '2', '10'],
      'oldest first, compared as numbers',
    );
    assert.deepEqual(fns.orders.versions.value[0], {
      version: '1',
      arn: `${arn('orders')}:1`,
      codeSha256: 'sha-1',
      lastModified: '2026-10-01T00:00:00.000Z',
      runtime: 'nodejs22.x',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/orders`,
    });
    assert.deepEqual(fns.plain?.versions, { ok: true, value: [] });
    assert.deepEqual(
      calls('ListFunctionsCommand').map((i) => i.FunctionVersion),
      ['ALL', 'ALL'],
    );
    assert.ok(!JSON.stringify(fns).includes('old-value-never-kept'));
    assert.equal(calls('GetPolicyCommand').length, 0, 'no policy read without lambda.qualifier-policies');
  });

  it('reads each alias and version policy once, with its Qualifier', async () => {
    lambdaMock.on(ListFunctionsCommand).resolves({ Functions: [entry('orders'), entry('orders', '3')] });
    lambdaMock.on(ListAliasesCommand).resolves({
      Aliases: [
        {
          Name: 'live',
          AliasArn: `${arn('orders')}:live`,
          FunctionVersion: '3',
          RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } },
        },
      ],
    });
    lambdaMock.on(ListFunctionUrlConfigsCommand).resolves({
      FunctionUrlConfigs: [
        {
          FunctionUrl: 'https://live.lambda-url.eu-west-1.on.aws/',
          FunctionArn: `${arn('orders')}:live`,
          AuthType: 'NONE',
          CreationTime: 'x',
          LastModifiedTime: 'x',
        },
      ],
    });
    lambdaMock
      .on(GetPolicyCommand, { FunctionName: arn('orders'), Qualifier: 'live' })
      .resolves({ Policy: policyJson(`${arn('orders')}:live`) });
    const fns = await collect(
      plan('lambda.policies', 'lambda.urls', 'lambda.aliases', 'lambda.qualifier-policies'),
    );
    const orders = fns.orders;
    assert.ok(orders?.aliases?.ok && orders.versions?.ok && orders.urlConfigs?.ok);
    const live = orders.aliases.value[0];
    assert.equal(live?.functionVersion, '3');
    assert.deepEqual(live?.additionalVersions, [{ version: '2', weight: 0.1 }]);
    assert.ok(live?.policy?.ok && live.policy.value?.parsed);
    assert.deepEqual(orders.versions.value[0]?.policy, { ok: true, value: null });
    // The alias URL and the alias share one GetPolicy.
    assert.deepEqual(orders.urlConfigs.value[0]?.policy, live.policy);
    assert.deepEqual(
      calls('GetPolicyCommand')
        .map((i) => i.Qualifier ?? '(unqualified)')
        .sort(),
      ['(unqualified)', '3', 'live'],
    );
  });

  it('the default plan reads the policy of an alias that has a URL, and nothing else of the qualifiers', async () => {
    lambdaMock
      .on(ListFunctionsCommand)
      .resolves({ Functions: [{ ...entry('web'), FunctionArn: arn('web') }] });
    lambdaMock.on(ListFunctionUrlConfigsCommand).resolves({
      FunctionUrlConfigs: [
        {
          FunctionUrl: 'https://a/',
          FunctionArn: arn('web'),
          AuthType: 'NONE',
          CreationTime: 'x',
          LastModifiedTime: 'x',
        },
        {
          FunctionUrl: 'https://b/',
          FunctionArn: `${arn('web')}:beta`,
          AuthType: 'NONE',
          CreationTime: 'x',
          LastModifiedTime: 'x',
        },
      ],
    });
    lambdaMock
      .on(GetPolicyCommand, { FunctionName: arn('web'), Qualifier: 'beta' })
      .rejects(awsError('AccessDeniedException', 403));
    const fns = await collect(DEFAULT_PLAN);
    const web = fns.web;
    assert.ok(web?.urlConfigs?.ok);
    assert.equal(
      web.urlConfigs.value[0]?.policy,
      undefined,
      "the function's own URL is judged by its own policy",
    );
    const beta = web.urlConfigs.value[1]?.policy;
    assert.ok(beta && !beta.ok, 'a denied alias policy is a failed read, never "none"');
    assert.equal(beta.error.class, 'access-denied');
    assert.equal(web.aliases, undefined);
    assert.equal(web.versions, undefined);
    assert.equal(calls('ListAliasesCommand').length, 0);
    assert.deepEqual(
      calls('ListFunctionsCommand').map((i) => i.FunctionVersion),
      [undefined],
    );
  });

  it('a failed ListAliases is recorded for that function; the region and the other reads stand', async () => {
    lambdaMock.on(ListFunctionsCommand).resolves({ Functions: [entry('a'), entry('b')] });
    lambdaMock
      .on(ListAliasesCommand, { FunctionName: arn('a') })
      .rejects(awsError('ThrottlingException', 429));
    const fns = await collect(plan('lambda.policies', 'lambda.aliases', 'lambda.qualifier-policies'));
    assert.ok(fns.a?.aliases && !fns.a.aliases.ok);
    assert.deepEqual(fns.b?.aliases, { ok: true, value: [] });
    assert.deepEqual(fns.a?.policy, { ok: true, value: null });
  });

  it('are deep reads, and lambda.qualifier-policies implies listing the versions and aliases', () => {
    for (const r of ['lambda.versions', 'lambda.aliases', 'lambda.qualifier-policies'] as const) {
      assert.ok(DEEP_READS.has(r), r);
    }
    const p = plan('lambda.qualifier-policies');
    assert.ok(p.has('lambda.versions') && p.has('lambda.aliases'));
  });
});
