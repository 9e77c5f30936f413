import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  type FunctionConfiguration,
  GetAccountSettingsCommand,
  GetFunctionCommand,
  GetFunctionRecursionConfigCommand,
  GetLayerVersionPolicyCommand,
  GetPolicyCommand,
  LambdaClient,
  ListAliasesCommand,
  ListCodeSigningConfigsCommand,
  ListEventSourceMappingsCommand,
  ListFunctionEventInvokeConfigsCommand,
  ListFunctionsByCodeSigningConfigCommand,
  ListFunctionsCommand,
  ListFunctionUrlConfigsCommand,
  ListLayersCommand,
  ListLayerVersionsCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsSession } from '../../src/aws/clients.js';
import {
  type ClassifyEnvironment,
  collectLambdaRegion,
  FUNCTION_WINDOW,
  lambdaDateToIso,
} from '../../src/collect/lambda.js';
import { READ_IDS, ReadPlan } from '../../src/inventory/reads.js';
import { LambdaRegion, slice } from '../../src/inventory/schema.js';
import { awsError, testSession } from './helpers.js';

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const arn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const fn = (name: string, over: Partial<FunctionConfiguration> = {}): FunctionConfiguration => ({
  FunctionName: name,
  FunctionArn: arn(name),
  Runtime: 'nodejs20.x',
  Role: `arn:aws:iam::${ACCOUNT}:role/${name}-role`,
  Handler: 'index.handler',
  LastModified: '2024-01-01T00:00:00.000+0000',
  Version: '$LATEST',
  PackageType: 'Zip',
  ...over,
});
const settings = (functionCount: number, total = 1000, unreserved = 1000) => ({
  AccountLimit: {
    ConcurrentExecutions: total,
    UnreservedConcurrentExecutions: unreserved,
    CodeSizeZipped: 52428800,
  },
  AccountUsage: { FunctionCount: functionCount, TotalCodeSize: 12345 },
});

/** A classifier stand-in: flags names containing SECRET, never looks at more than it must. */
const fakeClassify: ClassifyEnvironment = async (vars) =>
  Object.keys(vars)
    .sort()
    .map((name) => ({
      name,
      secret: name.includes('SECRET') ? { detector: 'test', fingerprint: 'abcdefabcdef' } : null,
    }));

const SliceSchema = slice(LambdaRegion);
const lambdaMock = mockClient(LambdaClient);
let session: AwsSession;

function collect(plan = ReadPlan.all()) {
  return collectLambdaRegion(session, REGION, {
    plan,
    salt: Buffer.alloc(32, 7),
    classifyEnvironment: fakeClassify,
  });
}

/** The common happy path; tests override what they are about. */
function happyRegion(functions: FunctionConfiguration[]) {
  lambdaMock.on(GetAccountSettingsCommand).resolves(settings(functions.length));
  lambdaMock.on(ListFunctionsCommand).resolves({ Functions: functions });
  lambdaMock.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [] });
  lambdaMock.on(ListCodeSigningConfigsCommand).resolves({ CodeSigningConfigs: [] });
  lambdaMock.on(GetPolicyCommand).rejects(awsError('ResourceNotFoundException', 404));
  lambdaMock.on(ListFunctionUrlConfigsCommand).resolves({ FunctionUrlConfigs: [] });
  lambdaMock.on(ListLayersCommand).resolves({ Layers: [] });
  // The --deep per-function reads (lambda-function-extras.ts; its own tests cover them).
  lambdaMock.on(ListFunctionEventInvokeConfigsCommand).resolves({ FunctionEventInvokeConfigs: [] });
  lambdaMock.on(GetFunctionRecursionConfigCommand).resolves({ RecursiveLoop: 'Terminate' });
  lambdaMock.on(GetFunctionCommand).resolves({});
  // The --deep qualifier reads (lambda-qualifiers.ts; lambda-qualifiers.test.ts covers them).
  lambdaMock.on(ListAliasesCommand).resolves({ Aliases: [] });
}

function okData(result: Awaited<ReturnType<typeof collect>>) {
  SliceSchema.parse(result); // the collector's output is always a valid inventory slice
  assert.equal(result.status, 'ok');
  if (result.status !== 'ok') throw new Error('unreachable');
  return result.data;
}

describe('collectLambdaRegion', () => {
  beforeEach(() => {
    lambdaMock.reset();
    session = testSession();
  });
  afterEach(() => session.destroy());

  it('reads every page of ListFunctions', async () => {
    happyRegion([]);
    lambdaMock.on(GetAccountSettingsCommand).resolves(settings(3));
    const pages = [
      { Functions: [fn('a')], NextMarker: 'm1' },
      { Functions: [fn('b')], NextMarker: 'm2' },
      { Functions: [fn('c')] },
    ];
    // The paginator reuses one input object, so record the marker at call time.
    const markers: (string | undefined)[] = [];
    lambdaMock.on(ListFunctionsCommand).callsFake((input: { Marker?: string }) => {
      markers.push(input.Marker);
      return pages[markers.length - 1];
    });
    const data = okData(await collect());
    assert.deepEqual(
      data.functions.map((f) => f.name),
      ['a', 'b', 'c'],
    );
    assert.deepEqual(markers, [undefined, 'm1', 'm2']);
  });

  it("starts a page's per-function reads before the next page is listed (pipelined)", async () => {
    happyRegion([]);
    lambdaMock.on(GetAccountSettingsCommand).resolves(settings(2));
    const policyReadsWhenListed: number[] = [];
    const pages = [{ Functions: [fn('first')], NextMarker: 'm1' }, { Functions: [fn('second')] }];
    lambdaMock.on(ListFunctionsCommand).callsFake(async () => {
      // Let whatever the previous page started reach the client before answering.
      await new Promise((resolve) => setTimeout(resolve, 20));
      policyReadsWhenListed.push(lambdaMock.commandCalls(GetPolicyCommand).length);
      return pages[policyReadsWhenListed.length - 1];
    });
    const data = okData(await collect());
    assert.deepEqual(
      data.functions.map((f) => f.name),
      ['first', 'second'],
    );
    assert.deepEqual(policyReadsWhenListed, [0, 1], "the first page's GetPolicy ran while page 2 was listed");
  });

  it('a listing that fails on a later page is a region error, though earlier pages started their reads', async () => {
    happyRegion([]);
    lambdaMock.on(GetAccountSettingsCommand).resolves(settings(2));
    lambdaMock
      .on(ListFunctionsCommand)
      .resolvesOnce({ Functions: [fn('first')], NextMarker: 'm1' })
      .rejects(awsError('ServiceException', 500));
    const result = await collect();
    assert.ok(result.status === 'error');
    assert.equal(result.error.operation, 'ListFunctions');
  });

  it('reads every function, at most FUNCTION_WINDOW at a time', async () => {
    const names = Array.from({ length: FUNCTION_WINDOW * 3 + 5 }, (_, i) => `f${String(i).padStart(3, '0')}`);
    happyRegion(names.map((name) => fn(name)));
    let inFlight = 0;
    let peak = 0;
    lambdaMock.on(GetPolicyCommand).callsFake(async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight -= 1;
      throw awsError('ResourceNotFoundException', 404);
    });
    const data = okData(await collect());
    assert.deepEqual(
      data.functions.map((f) => f.name),
      names,
    );
    assert.ok(data.functions.every((f) => f.policy?.ok && f.policy.value === null));
    assert.ok(peak > 1 && peak <= FUNCTION_WINDOW, `peak of ${peak} GetPolicy calls in flight`);
  });

  it('records a missing resource policy as ok(null) and parses a present one', async () => {
    happyRegion([fn('none'), fn('public')]);
    lambdaMock.on(GetPolicyCommand, { FunctionName: arn('public') }).resolves({
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Principal: '*',
          Action: 'lambda:InvokeFunction',
          Resource: arn('public'),
        },
      }),
    });
    const data = okData(await collect());
    const byName = Object.fromEntries(data.functions.map((f) => [f.name, f]));
    assert.deepEqual(byName.none?.policy, { ok: true, value: null });
    const policy = byName.public?.policy;
    assert.ok(policy?.ok && policy.value?.parsed);
    assert.deepEqual(policy.value.document.Statement[0]?.Principal, { AWS: ['*'] });
  });

  it('records a denied GetPolicy as an access-denied read, not as "no policy"', async () => {
    happyRegion([fn('f')]);
    lambdaMock.on(GetPolicyCommand).rejects(awsError('AccessDeniedException', 403));
    const [f] = okData(await collect()).functions;
    assert.equal(f?.policy?.ok, false);
    assert.ok(f?.policy && !f.policy.ok);
    assert.equal(f.policy.error.class, 'access-denied');
    assert.equal(f.policy.error.operation, 'GetPolicy');
    assert.equal(f.policy.error.region, REGION);
  });

  it('a denied GetAccountSettings costs only the settings: every function is still listed and read', async () => {
    happyRegion([fn('a'), fn('b')]);
    lambdaMock.on(GetAccountSettingsCommand).rejects(awsError('AccessDeniedException', 403));
    lambdaMock.on(GetFunctionCommand).resolves({ Concurrency: { ReservedConcurrentExecutions: 5 } });
    const result = await collect();
    SliceSchema.parse(result);
    const data = okData(result);
    assert.equal(data.accountSettings, null);
    assert.equal(data.accountSettingsError?.class, 'access-denied');
    assert.equal(data.accountSettingsError?.operation, 'GetAccountSettings');
    assert.deepEqual(
      data.functions.map((f) => f.name),
      ['a', 'b'],
    );
    // Without the settings nothing says "no function reserves concurrency": each is asked.
    for (const f of data.functions) {
      assert.deepEqual(f.reservedConcurrency, { ok: true, value: { value: 5, source: 'GetFunction' } });
      assert.deepEqual(f.policy, { ok: true, value: null });
    }
    assert.equal(lambdaMock.commandCalls(GetFunctionCommand).length, 2);
  });

  it('a throttled-out GetAccountSettings in a region with no function lists it and finds none', async () => {
    happyRegion([]);
    lambdaMock.on(GetAccountSettingsCommand).rejects(awsError('TooManyRequestsException', 429));
    const data = okData(await collect());
    assert.deepEqual(data.functions, []);
    assert.equal(data.accountSettingsError?.class, 'throttled');
    assert.equal(lambdaMock.commandCalls(ListFunctionsCommand).length, 1);
  });

  it('a disabled region stays a region error at GetAccountSettings (every other read would fail too)', async () => {
    happyRegion([fn('f')]);
    lambdaMock.on(GetAccountSettingsCommand).rejects(awsError('OptInRequired', 403));
    const result = await collect();
    SliceSchema.parse(result);
    assert.ok(result.status === 'error');
    assert.equal(result.error.operation, 'GetAccountSettings');
    assert.equal(lambdaMock.calls().length, 1);
  });

  it('turns a failed ListFunctions into a region error', async () => {
    happyRegion([]);
    lambdaMock.on(GetAccountSettingsCommand).resolves(settings(2));
    lambdaMock.on(ListFunctionsCommand).rejects(awsError('UnrecognizedClientException', 403));
    const result = await collect();
    assert.ok(result.status === 'error');
    assert.equal(result.error.operation, 'ListFunctions');
  });

  it('makes no other call when the region has no function, except for its layers (a layer needs no function)', async () => {
    happyRegion([]);
    const data = okData(await collect());
    assert.deepEqual(data.functions, []);
    assert.deepEqual(data.eventSourceMappings, { ok: true, value: [] });
    assert.deepEqual(data.codeSigningConfigs, { ok: true, value: [] });
    assert.equal(data.accountSettings?.functionCount, 0);
    assert.deepEqual(
      lambdaMock.calls().map((c) => c.args[0].constructor.name),
      ['GetAccountSettingsCommand', 'ListLayersCommand'],
    );
  });

  it('skips GetFunction when no function in the region reserves concurrency', async () => {
    happyRegion([fn('a'), fn('b')]);
    // Without --deep's tags, which GetFunction would read.
    const data = okData(
      await collect(new ReadPlan(READ_IDS.filter((r) => r !== 'lambda.tags' && r !== 'lambda.code'))),
    );
    for (const f of data.functions) {
      assert.deepEqual(f.reservedConcurrency, {
        ok: true,
        value: { value: null, source: 'account-settings' },
      });
    }
    assert.equal(lambdaMock.commandCalls(GetFunctionCommand).length, 0);
  });

  it('reads reserved concurrency with GetFunction when some function reserves it', async () => {
    happyRegion([fn('reserved'), fn('unreserved')]);
    lambdaMock.on(GetAccountSettingsCommand).resolves(settings(2, 1000, 950));
    lambdaMock.on(GetFunctionCommand).resolves({});
    lambdaMock
      .on(GetFunctionCommand, { FunctionName: arn('reserved') })
      .resolves({ Concurrency: { ReservedConcurrentExecutions: 50 } });
    const data = okData(await collect());
    const byName = Object.fromEntries(data.functions.map((f) => [f.name, f.reservedConcurrency]));
    assert.deepEqual(byName.reserved, { ok: true, value: { value: 50, source: 'GetFunction' } });
    assert.deepEqual(byName.unreserved, { ok: true, value: { value: null, source: 'GetFunction' } });
    assert.equal(lambdaMock.commandCalls(GetFunctionCommand).length, 2);
  });

  it('maps the function configuration', async () => {
    happyRegion([
      fn('full', {
        LastModified: '2024-03-05T10:20:30.123+0100',
        Layers: [{ Arn: 'arn:aws:lambda:eu-west-1:999999999999:layer:x:3', CodeSize: 100 }],
        KMSKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k',
        TracingConfig: { Mode: 'Active' },
        DeadLetterConfig: { TargetArn: 'arn:aws:sqs:eu-west-1:123456789012:dlq' },
        CapacityProviderConfig: {
          LambdaManagedInstancesCapacityProviderConfig: {
            CapacityProviderArn: 'arn:aws:lambda:eu-west-1:123456789012:capacity-provider:fleet',
          },
        },
        TenancyConfig: { TenantIsolationMode: 'PER_TENANT' },
        VpcConfig: { SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1'], VpcId: 'vpc-1' },
        Architectures: ['arm64'],
        MemorySize: 256,
        Timeout: 30,
        CodeSha256: 'sha',
      }),
      fn('novpc', {
        VpcConfig: { SubnetIds: [], SecurityGroupIds: [] },
        Runtime: undefined,
        PackageType: 'Image',
      }),
    ]);
    const data = okData(await collect());
    const [full, novpc] = data.functions;
    assert.deepEqual(full, {
      name: 'full',
      arn: arn('full'),
      region: REGION,
      packageType: 'Zip',
      runtime: 'nodejs20.x',
      handler: 'index.handler',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/full-role`,
      lastModified: '2024-03-05T09:20:30.123Z',
      codeSha256: 'sha',
      version: '$LATEST',
      memorySize: 256,
      timeoutSeconds: 30,
      architectures: ['arm64'],
      layers: [{ arn: 'arn:aws:lambda:eu-west-1:999999999999:layer:x:3', codeSize: 100 }],
      kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k',
      tracingMode: 'Active',
      deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:123456789012:dlq',
      capacityProviderArn: 'arn:aws:lambda:eu-west-1:123456789012:capacity-provider:fleet',
      tenantIsolationMode: 'PER_TENANT',
      vpc: { subnetIds: ['subnet-1'], securityGroupIds: ['sg-1'] },
      environment: { ok: true, value: [] },
      codeSigningConfigArn: { ok: true, value: null },
      policy: { ok: true, value: null },
      urlConfigs: { ok: true, value: [] },
      reservedConcurrency: { ok: true, value: { value: null, source: 'account-settings' } },
      tags: { ok: true, value: {} },
      eventInvokeConfigs: { ok: true, value: [] },
      recursiveLoop: { ok: true, value: 'Terminate' },
      versions: { ok: true, value: [] },
      aliases: { ok: true, value: [] },
    });
    assert.equal(novpc?.vpc, null);
    assert.equal(novpc?.runtime, null);
    assert.equal(novpc?.packageType, 'Image');
    assert.deepEqual(data.accountSettings, {
      functionCount: 2,
      concurrentExecutions: 1000,
      unreservedConcurrentExecutions: 1000,
      codeSizeZipped: 52428800,
      totalCodeSize: 12345,
    });
  });

  it('classifies environment variables and keeps no value', async () => {
    happyRegion([
      fn('env', {
        Environment: { Variables: { DB_SECRET: 'hunter2-very-secret', STAGE: 'prod-stage-value' } },
      }),
    ]);
    const seen: Buffer[] = [];
    const result = await collectLambdaRegion(session, REGION, {
      plan: ReadPlan.all(),
      salt: Buffer.alloc(32, 9),
      classifyEnvironment: (vars, salt) => {
        seen.push(salt);
        return fakeClassify(vars, salt);
      },
    });
    const [f] = okData(result).functions;
    assert.deepEqual(f?.environment, {
      ok: true,
      value: [
        { name: 'DB_SECRET', secret: { detector: 'test', fingerprint: 'abcdefabcdef' } },
        { name: 'STAGE', secret: null },
      ],
    });
    assert.deepEqual(seen, [Buffer.alloc(32, 9)]);
    const text = JSON.stringify(result);
    assert.ok(!text.includes('hunter2') && !text.includes('prod-stage-value'));
  });

  it('maps function URL configs, all pages', async () => {
    happyRegion([fn('web')]);
    lambdaMock
      .on(ListFunctionUrlConfigsCommand)
      .resolvesOnce({
        FunctionUrlConfigs: [
          {
            FunctionUrl: 'https://abc.lambda-url.eu-west-1.on.aws/',
            FunctionArn: arn('web'),
            AuthType: 'NONE',
            CreationTime: 'x',
            LastModifiedTime: 'x',
            Cors: { AllowOrigins: ['*'], AllowCredentials: true },
          },
        ],
        NextMarker: 'n',
      })
      .resolvesOnce({
        FunctionUrlConfigs: [
          {
            FunctionUrl: 'https://def.lambda-url.eu-west-1.on.aws/',
            FunctionArn: `${arn('web')}:live`,
            AuthType: 'AWS_IAM',
            InvokeMode: 'RESPONSE_STREAM',
            CreationTime: 'x',
            LastModifiedTime: 'x',
          },
        ],
      });
    const [f] = okData(await collect()).functions;
    assert.deepEqual(f?.urlConfigs, {
      ok: true,
      value: [
        {
          url: 'https://abc.lambda-url.eu-west-1.on.aws/',
          functionArn: arn('web'),
          authType: 'NONE',
          invokeMode: null,
          cors: { allowOrigins: ['*'], allowCredentials: true },
        },
        {
          url: 'https://def.lambda-url.eu-west-1.on.aws/',
          functionArn: `${arn('web')}:live`,
          authType: 'AWS_IAM',
          invokeMode: 'RESPONSE_STREAM',
          cors: null,
        },
      ],
    });
    // An AWS_IAM alias URL needs no policy to be judged: its alias's GetPolicy is not made.
    const qualified = lambdaMock.commandCalls(GetPolicyCommand).map((c) => c.args[0].input.Qualifier);
    assert.deepEqual(
      qualified.filter((q) => q !== undefined),
      [],
    );
  });

  it('maps code signing configs to functions from the region-wide lists', async () => {
    happyRegion([fn('signed'), fn('unsigned')]);
    const csc = `arn:aws:lambda:${REGION}:${ACCOUNT}:code-signing-config:csc-1`;
    lambdaMock.on(ListCodeSigningConfigsCommand).resolves({
      CodeSigningConfigs: [
        {
          CodeSigningConfigId: 'csc-1',
          CodeSigningConfigArn: csc,
          AllowedPublishers: {
            SigningProfileVersionArns: ['arn:aws:signer:eu-west-1:123456789012:/signing-profiles/p/v'],
          },
          CodeSigningPolicies: { UntrustedArtifactOnDeployment: 'Enforce' },
          LastModified: 'x',
        },
      ],
    });
    lambdaMock.on(ListFunctionsByCodeSigningConfigCommand).resolves({ FunctionArns: [arn('signed')] });
    lambdaMock.on(ListEventSourceMappingsCommand).resolves({
      EventSourceMappings: [
        {
          UUID: 'u1',
          FunctionArn: arn('signed'),
          EventSourceArn: 'arn:aws:sqs:eu-west-1:1:q',
          State: 'Enabled',
        },
      ],
    });
    const data = okData(await collect());
    const byName = Object.fromEntries(data.functions.map((f) => [f.name, f.codeSigningConfigArn]));
    assert.deepEqual(byName, { signed: { ok: true, value: csc }, unsigned: { ok: true, value: null } });
    assert.deepEqual(data.codeSigningConfigs, {
      ok: true,
      value: [
        {
          arn: csc,
          allowedPublisherProfiles: ['arn:aws:signer:eu-west-1:123456789012:/signing-profiles/p/v'],
          untrustedArtifactOnDeployment: 'Enforce',
        },
      ],
    });
    assert.deepEqual(data.eventSourceMappings, {
      ok: true,
      value: [
        {
          uuid: 'u1',
          functionArn: arn('signed'),
          eventSourceArn: 'arn:aws:sqs:eu-west-1:1:q',
          state: 'Enabled',
        },
      ],
    });
    assert.equal(lambdaMock.commandCalls(ListEventSourceMappingsCommand).length, 1);
  });

  it('leaves every function code signing unknown when a config cannot be listed', async () => {
    happyRegion([fn('a'), fn('b')]);
    lambdaMock.on(ListCodeSigningConfigsCommand).resolves({
      CodeSigningConfigs: [
        { CodeSigningConfigId: 'c', CodeSigningConfigArn: 'arn:csc', LastModified: 'x' } as never,
      ],
    });
    lambdaMock.on(ListFunctionsByCodeSigningConfigCommand).rejects(awsError('AccessDeniedException', 403));
    lambdaMock.on(ListEventSourceMappingsCommand).rejects(awsError('ThrottlingException', 429));
    const data = okData(await collect());
    for (const f of data.functions) {
      assert.ok(f.codeSigningConfigArn && !f.codeSigningConfigArn.ok);
      assert.equal(f.codeSigningConfigArn.error.operation, 'ListFunctionsByCodeSigningConfig');
    }
    assert.equal(data.codeSigningConfigs?.ok, true);
    assert.ok(data.eventSourceMappings && !data.eventSourceMappings.ok);
    assert.equal(data.eventSourceMappings.error.class, 'throttled');
  });

  it('records a denied ListCodeSigningConfigs on the list and on every function', async () => {
    happyRegion([fn('a')]);
    lambdaMock.on(ListCodeSigningConfigsCommand).rejects(awsError('AccessDeniedException', 403));
    const data = okData(await collect());
    assert.equal(data.codeSigningConfigs?.ok, false);
    assert.equal(data.functions[0]?.codeSigningConfigArn?.ok, false);
  });

  it('makes only the reads the plan has: environment only costs the listing', async () => {
    happyRegion([fn('a', { Environment: { Variables: { DB_SECRET: 'hunter2-very-secret' } } }), fn('b')]);
    const data = okData(await collect(new ReadPlan(['lambda.environment'])));
    const sent = lambdaMock
      .calls()
      .map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name);
    assert.deepEqual([...new Set(sent)].sort(), ['GetAccountSettingsCommand', 'ListFunctionsCommand']);
    for (const f of data.functions) {
      assert.equal(f.environment?.ok, true);
      assert.equal(f.policy, undefined);
      assert.equal(f.urlConfigs, undefined);
      assert.equal(f.reservedConcurrency, undefined);
      assert.equal(f.codeSigningConfigArn, undefined);
    }
    assert.equal(data.codeSigningConfigs, undefined);
    assert.equal(data.eventSourceMappings, undefined);
    SliceSchema.parse({ status: 'ok', data });
  });

  it('classifies nothing when the plan does not read the environment', async () => {
    happyRegion([fn('a', { Environment: { Variables: { DB_SECRET: 'hunter2-very-secret' } } })]);
    let classified = 0;
    const result = await collectLambdaRegion(session, REGION, {
      plan: new ReadPlan(['lambda.policies']),
      salt: Buffer.alloc(32, 9),
      classifyEnvironment: (vars, salt) => {
        classified += 1;
        return fakeClassify(vars, salt);
      },
    });
    assert.equal(classified, 0);
    assert.equal(okData(result).functions[0]?.environment, undefined);
  });
});

describe('lambdaDateToIso', () => {
  it('converts Lambda offsets without a colon to UTC ISO', () => {
    assert.equal(lambdaDateToIso('2024-01-01T00:00:00.000+0000'), '2024-01-01T00:00:00.000Z');
    assert.equal(lambdaDateToIso('2024-01-01T00:30:00.000-0130'), '2024-01-01T02:00:00.000Z');
    assert.equal(lambdaDateToIso('2024-01-01T00:00:00Z'), '2024-01-01T00:00:00.000Z');
  });
  it('returns null for missing or unparsable values', () => {
    assert.equal(lambdaDateToIso(undefined), null);
    assert.equal(lambdaDateToIso(''), null);
    assert.equal(lambdaDateToIso('yesterday'), null);
  });
});

describe('collectLambdaRegion: own layers', () => {
  beforeEach(() => {
    lambdaMock.reset();
    session = testSession();
  });
  afterEach(() => session.destroy());

  const layerArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:layer:${name}`;
  const item = (name: string, version: number) => ({
    LayerVersionArn: `${layerArn(name)}:${version}`,
    Version: version,
    CreatedDate: '2026-10-01T08:00:00.000+0000',
    CompatibleRuntimes: ['nodejs22.x' as const],
  });

  function layersRegion() {
    happyRegion([]);
    lambdaMock.on(ListLayersCommand).resolves({
      Layers: [
        { LayerName: 'utils', LayerArn: layerArn('utils'), LatestMatchingVersion: item('utils', 4) },
        { LayerName: 'denied', LayerArn: layerArn('denied'), LatestMatchingVersion: item('denied', 3) },
      ],
    });
    lambdaMock
      .on(ListLayerVersionsCommand, { LayerName: 'utils' })
      .resolves({ LayerVersions: [item('utils', 4), item('utils', 2)] });
    lambdaMock
      .on(ListLayerVersionsCommand, { LayerName: 'denied' })
      .rejects(awsError('AccessDeniedException', 403));
    lambdaMock.on(GetLayerVersionPolicyCommand, { LayerName: 'utils', VersionNumber: 4 }).resolves({
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'p',
            Effect: 'Allow',
            Principal: '*',
            Action: 'lambda:GetLayerVersion',
            Resource: `${layerArn('utils')}:4`,
          },
        ],
      }),
    });
    lambdaMock
      .on(GetLayerVersionPolicyCommand, { LayerName: 'utils', VersionNumber: 2 })
      .rejects(awsError('ResourceNotFoundException', 404));
  }

  it('lists every version of each own layer, reads each version’s policy (ResourceNotFound = none), records a denied listing', async () => {
    layersRegion();
    const data = okData(await collect());
    const layers = data.layers;
    assert.ok(layers?.ok);
    assert.deepEqual(
      layers.value.map((l) => l.name),
      ['denied', 'utils'],
    );
    const [denied, utils] = layers.value;
    assert.equal(denied?.versions.ok, false);
    assert.ok(utils?.versions.ok);
    assert.deepEqual(
      utils.versions.value.map((v) => [v.version, v.createdAt, v.compatibleRuntimes]),
      [
        [2, '2026-10-01T08:00:00.000Z', ['nodejs22.x']],
        [4, '2026-10-01T08:00:00.000Z', ['nodejs22.x']],
      ],
    );
    assert.deepEqual(utils.versions.value[0]?.policy, { ok: true, value: null });
    const p4 = utils.versions.value[1]?.policy;
    assert.ok(p4?.ok && p4.value?.parsed);
    assert.deepEqual(p4.value.document.Statement[0]?.Principal, { AWS: ['*'] });
  });

  it('without lambda.layer-policies, makes no GetLayerVersionPolicy call and leaves policies absent', async () => {
    layersRegion();
    const data = okData(await collect(new ReadPlan(['lambda.layers'])));
    assert.ok(data.layers?.ok);
    for (const l of data.layers.value)
      if (l.versions.ok) for (const v of l.versions.value) assert.equal(v.policy, undefined);
    assert.equal(lambdaMock.commandCalls(GetLayerVersionPolicyCommand).length, 0);
  });

  it('a layer whose latest version is 1 needs no ListLayerVersions', async () => {
    happyRegion([]);
    lambdaMock.on(ListLayersCommand).resolves({
      Layers: [{ LayerName: 'fresh', LayerArn: layerArn('fresh'), LatestMatchingVersion: item('fresh', 1) }],
    });
    lambdaMock.on(GetLayerVersionPolicyCommand).rejects(awsError('ResourceNotFoundException', 404));
    const data = okData(await collect());
    assert.ok(data.layers?.ok);
    const versions = data.layers.value[0]?.versions;
    assert.ok(versions?.ok);
    assert.deepEqual(
      versions.value.map((v) => [v.version, v.policy]),
      [[1, { ok: true, value: null }]],
    );
    assert.equal(lambdaMock.commandCalls(ListLayerVersionsCommand).length, 0);
  });

  it('a denied ListLayers is recorded, not read as "no layers"', async () => {
    happyRegion([]);
    lambdaMock.on(ListLayersCommand).rejects(awsError('AccessDeniedException', 403));
    const data = okData(await collect());
    assert.equal(data.layers?.ok, false);
    assert.ok(data.layers && !data.layers.ok);
    assert.equal(data.layers.error.operation, 'ListLayers');
  });

  it('makes no layer call when the plan has no layer read', async () => {
    happyRegion([]);
    await collect(new ReadPlan(['lambda.policies']));
    assert.equal(lambdaMock.commandCalls(ListLayersCommand).length, 0);
  });
});
