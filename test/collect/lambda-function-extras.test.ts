import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  type FunctionConfiguration,
  GetAccountSettingsCommand,
  GetFunctionCommand,
  GetFunctionRecursionConfigCommand,
  GetPolicyCommand,
  LambdaClient,
  ListFunctionEventInvokeConfigsCommand,
  ListFunctionsCommand,
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
const fn = (name: string): FunctionConfiguration => ({
  FunctionName: name,
  FunctionArn: arn(name),
  Runtime: 'nodejs22.x',
  Role: `arn:aws:iam::${ACCOUNT}:role/${name}`,
  Version: '$LATEST',
  PackageType: 'Zip',
});
/** Account settings: `unreserved` below 1000 means some function reserves concurrency. */
const settings = (count: number, unreserved = 1000) => ({
  AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: unreserved },
  AccountUsage: { FunctionCount: count },
});

const lambdaMock = mockClient(LambdaClient);
let session: AwsSession;

const plan = (...reads: ReadId[]) => new ReadPlan(['lambda.functions', ...reads]);

async function collect(p: ReadPlan) {
  const result = await collectLambdaRegion(session, REGION, {
    plan: p,
    salt: Buffer.alloc(32, 1),
    classifyEnvironment: () => [],
  });
  slice(LambdaRegion).parse(result);
  assert.ok(result.status === 'ok');
  return Object.fromEntries(result.data.functions.map((f) => [f.name, f]));
}

function region(functions: FunctionConfiguration[], unreserved = 1000) {
  lambdaMock.on(GetAccountSettingsCommand).resolves(settings(functions.length, unreserved));
  lambdaMock.on(ListFunctionsCommand).resolves({ Functions: functions });
}

describe('the --deep per-function reads (lambda-function-extras.ts)', () => {
  beforeEach(() => {
    lambdaMock.reset();
    session = testSession();
  });
  afterEach(() => session.destroy());

  it('are all deep reads, and a plan without them makes none of their calls', async () => {
    for (const r of ['lambda.event-invoke-configs', 'lambda.recursion-config', 'lambda.tags'] as const) {
      assert.ok(DEEP_READS.has(r), r);
    }
    region([fn('a')]);
    lambdaMock.on(GetPolicyCommand).rejects(awsError('ResourceNotFoundException', 404));
    const fns = await collect(new ReadPlan(READ_IDS.filter((r) => !DEEP_READS.has(r) && !CODE_READS.has(r))));
    assert.equal(fns.a?.eventInvokeConfigs, undefined);
    assert.equal(fns.a?.recursiveLoop, undefined);
    assert.equal(fns.a?.tags, undefined);
    const made = lambdaMock.calls().map((c) => c.args[0].constructor.name);
    for (const c of [
      'ListFunctionEventInvokeConfigsCommand',
      'GetFunctionRecursionConfigCommand',
      'GetFunctionCommand',
    ])
      assert.ok(!made.includes(c), c);
  });

  it('maps every page of the invoke configs, destinations as ARNs and an empty one as null', async () => {
    region([fn('a'), fn('none')]);
    const markers: (string | undefined)[] = [];
    lambdaMock
      .on(ListFunctionEventInvokeConfigsCommand, { FunctionName: arn('a') })
      .callsFake((input: { Marker?: string }) => {
        markers.push(input.Marker);
        return markers.length === 1
          ? {
              FunctionEventInvokeConfigs: [
                {
                  FunctionArn: `${arn('a')}:live`,
                  MaximumRetryAttempts: 0,
                  DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:eu-west-1:123456789012:q' } },
                },
              ],
              NextMarker: 'm1',
            }
          : {
              FunctionEventInvokeConfigs: [
                {
                  FunctionArn: `${arn('a')}:$LATEST`,
                  MaximumEventAgeInSeconds: 3600,
                  DestinationConfig: {
                    OnSuccess: { Destination: 'arn:aws:sns:eu-west-1:123456789012:t' },
                    OnFailure: {},
                  },
                },
              ],
            };
      });
    lambdaMock
      .on(ListFunctionEventInvokeConfigsCommand, { FunctionName: arn('none') })
      .resolves({ FunctionEventInvokeConfigs: [] });
    const fns = await collect(plan('lambda.event-invoke-configs'));
    assert.deepEqual(markers, [undefined, 'm1']);
    assert.deepEqual(fns.a?.eventInvokeConfigs, {
      ok: true,
      value: [
        {
          functionArn: `${arn('a')}:$LATEST`,
          onFailure: null,
          onSuccess: 'arn:aws:sns:eu-west-1:123456789012:t',
          maximumRetryAttempts: null,
          maximumEventAgeInSeconds: 3600,
        },
        {
          functionArn: `${arn('a')}:live`,
          onFailure: 'arn:aws:sqs:eu-west-1:123456789012:q',
          onSuccess: null,
          maximumRetryAttempts: 0,
          maximumEventAgeInSeconds: null,
        },
      ],
    });
    assert.deepEqual(fns.none?.eventInvokeConfigs, { ok: true, value: [] });
  });

  it('records a denied invoke-config list and recursion config as failed reads, never as "none"', async () => {
    region([fn('a')]);
    lambdaMock.on(ListFunctionEventInvokeConfigsCommand).rejects(awsError('AccessDeniedException', 403));
    lambdaMock.on(GetFunctionRecursionConfigCommand).rejects(awsError('UnknownOperationException', 404));
    const fns = await collect(plan('lambda.event-invoke-configs', 'lambda.recursion-config'));
    const a = fns.a;
    assert.ok(a?.eventInvokeConfigs && !a.eventInvokeConfigs.ok);
    assert.equal(a.eventInvokeConfigs.error.class, 'access-denied');
    assert.equal(a.eventInvokeConfigs.error.operation, 'ListFunctionEventInvokeConfigs');
    assert.ok(a.recursiveLoop && !a.recursiveLoop.ok);
    assert.equal(a.recursiveLoop.error.code, 'UnknownOperationException');
    assert.equal(a.recursiveLoop.error.operation, 'GetFunctionRecursionConfig');
  });

  it('reads RecursiveLoop as Lambda answers it; an answer without one is null, not Terminate', async () => {
    region([fn('loops'), fn('odd')]);
    lambdaMock
      .on(GetFunctionRecursionConfigCommand, { FunctionName: arn('loops') })
      .resolves({ RecursiveLoop: 'Allow' });
    lambdaMock.on(GetFunctionRecursionConfigCommand, { FunctionName: arn('odd') }).resolves({});
    const fns = await collect(plan('lambda.recursion-config'));
    assert.deepEqual(fns.loops?.recursiveLoop, { ok: true, value: 'Allow' });
    assert.deepEqual(fns.odd?.recursiveLoop, { ok: true, value: null });
  });

  it('one GetFunction per function serves reserved concurrency and tags; only tag keys are kept', async () => {
    region([fn('a'), fn('b')], 900);
    lambdaMock.on(GetFunctionCommand, { FunctionName: arn('a') }).resolves({
      Concurrency: { ReservedConcurrentExecutions: 100 },
      Tags: {
        team: 'payments',
        'aws:cloudformation:stack-name': 'orders-prod',
        Owner: 'kept-for-suppression-rules',
      },
    });
    lambdaMock.on(GetFunctionCommand, { FunctionName: arn('b') }).resolves({});
    const fns = await collect(plan('lambda.reserved-concurrency', 'lambda.tags'));
    assert.equal(lambdaMock.commandCalls(GetFunctionCommand).length, 2);
    assert.deepEqual(fns.a?.reservedConcurrency, { ok: true, value: { value: 100, source: 'GetFunction' } });
    // Values are kept (suppression rules match them), sorted by key so the file is stable.
    const a = fns.a?.tags;
    assert.ok(a?.ok);
    assert.deepEqual(Object.entries(a.value), [
      ['Owner', 'kept-for-suppression-rules'],
      ['aws:cloudformation:stack-name', 'orders-prod'],
      ['team', 'payments'],
    ]);
    assert.deepEqual(fns.b?.tags, { ok: true, value: {} });
  });

  it('reads tags with GetFunction where no function reserves concurrency, which still comes from the settings', async () => {
    region([fn('a')]);
    lambdaMock.on(GetFunctionCommand).resolves({ Tags: { team: 'data' } });
    const fns = await collect(plan('lambda.reserved-concurrency', 'lambda.tags'));
    assert.equal(lambdaMock.commandCalls(GetFunctionCommand).length, 1);
    assert.deepEqual(fns.a?.reservedConcurrency, {
      ok: true,
      value: { value: null, source: 'account-settings' },
    });
    assert.deepEqual(fns.a?.tags, { ok: true, value: { team: 'data' } });
  });

  it('a TagsError (no lambda:ListTags permission) makes the tags unknown, not empty; concurrency is kept', async () => {
    region([fn('a')], 900);
    lambdaMock.on(GetFunctionCommand).resolves({
      Concurrency: { ReservedConcurrentExecutions: 3 },
      TagsError: {
        ErrorCode: 'AccessDeniedException',
        Message: 'User is not authorized to perform: lambda:ListTags',
      },
    });
    const fns = await collect(plan('lambda.reserved-concurrency', 'lambda.tags'));
    assert.deepEqual(fns.a?.reservedConcurrency, { ok: true, value: { value: 3, source: 'GetFunction' } });
    const tags = fns.a?.tags;
    assert.ok(tags && !tags.ok);
    assert.equal(tags.error.class, 'access-denied');
    assert.equal(tags.error.operation, 'GetFunction');
  });

  it('a failed GetFunction fails both reads it serves', async () => {
    region([fn('a')], 900);
    lambdaMock.on(GetFunctionCommand).rejects(awsError('TooManyRequestsException', 429));
    const fns = await collect(plan('lambda.reserved-concurrency', 'lambda.tags'));
    assert.ok(fns.a?.reservedConcurrency && !fns.a.reservedConcurrency.ok);
    assert.ok(fns.a?.tags && !fns.a.tags.ok);
    assert.equal(fns.a.tags.error.class, 'throttled');
  });
});
