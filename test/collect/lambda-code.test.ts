/**
 * The collector's --scan-code wiring (lambda.ts + lambda-function-extras.ts): GetFunction's one
 * answer serves tags, reserved concurrency and the package location; container images are not
 * downloaded; a denied GetFunction or GetLayerVersion is a failed read; each layer version in use
 * is fetched and downloaded once however many functions use it.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import {
  type FunctionConfiguration,
  GetAccountSettingsCommand,
  GetFunctionCommand,
  GetLayerVersionCommand,
  GetPolicyCommand,
  LambdaClient,
  ListFunctionsCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsSession } from '../../src/aws/clients.js';
import { collectLambdaRegion } from '../../src/collect/lambda.js';
import { type ReadId, ReadPlan } from '../../src/inventory/reads.js';
import { LambdaRegion, slice } from '../../src/inventory/schema.js';
import { buildZip } from '../sim/zip.js';
import { awsError, testSession } from './helpers.js';

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const LAYER = `arn:aws:lambda:${REGION}:210987654321:layer:vendor:4`;
const fn = (name: string, over: Partial<FunctionConfiguration> = {}): FunctionConfiguration => ({
  FunctionName: name,
  FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
  Runtime: 'nodejs22.x',
  Role: `arn:aws:iam::${ACCOUNT}:role/${name}`,
  Version: '$LATEST',
  PackageType: 'Zip',
  ...over,
});
const cat = (...parts: string[]) => parts.join('');
const STRIPE = cat('sk_live_', '4eC39HqLyjWDarjtT1zdp7dc', 'Zx9Q');

const lambdaMock = mockClient(LambdaClient);
let session: AwsSession;
let server: Server;
let base = '';
let gets: string[] = [];

const plan = (...reads: ReadId[]) => new ReadPlan(['lambda.functions', ...reads]);

async function collect(p: ReadPlan) {
  const result = await collectLambdaRegion(session, REGION, {
    plan: p,
    salt: Buffer.alloc(32, 1),
    classifyEnvironment: () => [],
  });
  slice(LambdaRegion).parse(result);
  assert.ok(result.status === 'ok');
  return result.data;
}

describe('--scan-code collection', () => {
  before(async () => {
    server = createServer((req, res) => {
      gets.push(req.url ?? '');
      if (req.url?.startsWith('/secret'))
        res.end(buildZip([{ name: 'src/config.js', content: `const key = "${STRIPE}";\n` }]));
      else res.end(buildZip([{ name: 'index.js', content: 'exports.handler = async () => 1;\n' }]));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((ok) => server.close(() => ok())));
  beforeEach(() => {
    lambdaMock.reset();
    session = testSession();
    gets = [];
    lambdaMock.on(GetPolicyCommand).rejects(awsError('ResourceNotFoundException', 404));
  });
  afterEach(() => session.destroy());

  it('one GetFunction per function serves tags, reserved concurrency and the package; images are not downloaded', async () => {
    lambdaMock.on(GetAccountSettingsCommand).resolves({
      AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 900 },
      AccountUsage: { FunctionCount: 3 },
    });
    lambdaMock.on(ListFunctionsCommand).resolves({
      Functions: [
        fn('a', { Layers: [{ Arn: LAYER, CodeSize: 10 }] }),
        fn('b', { Layers: [{ Arn: LAYER, CodeSize: 10 }] }),
        fn('img', { PackageType: 'Image', Runtime: undefined }),
      ],
    });
    lambdaMock
      .on(GetFunctionCommand, { FunctionName: fn('a').FunctionArn })
      .resolves({ Code: { Location: `${base}/secret?X-Amz-Signature=1` }, Tags: { team: 'x' } });
    lambdaMock.on(GetFunctionCommand, { FunctionName: fn('b').FunctionArn }).resolves({
      Code: { Location: `${base}/clean?X-Amz-Signature=2` },
      Concurrency: { ReservedConcurrentExecutions: 5 },
    });
    lambdaMock
      .on(GetFunctionCommand, { FunctionName: fn('img').FunctionArn })
      .resolves({ Code: { ImageUri: 'x.dkr.ecr/x:1' } });
    lambdaMock
      .on(GetLayerVersionCommand)
      .resolves({ Content: { Location: `${base}/layer?X-Amz-Signature=3` } });

    const data = await collect(
      plan('lambda.tags', 'lambda.reserved-concurrency', 'lambda.code', 'lambda.layer-code'),
    );
    const byName = Object.fromEntries(data.functions.map((f) => [f.name, f]));
    assert.equal(lambdaMock.commandCalls(GetFunctionCommand).length, 3, 'one GetFunction each, never two');
    assert.deepEqual(byName.a?.tags, { ok: true, value: { team: 'x' } });
    assert.deepEqual(byName.b?.reservedConcurrency, { ok: true, value: { value: 5, source: 'GetFunction' } });
    const a = byName.a?.code;
    assert.ok(a?.ok && a.value);
    assert.deepEqual(
      a.value.secrets.map((s) => `${s.path}:${s.line}:${s.detector}`),
      ['src/config.js:1:pattern:stripe-secret-key'],
    );
    assert.ok(byName.b?.code?.ok && byName.b.code.value?.secrets.length === 0);
    assert.deepEqual(byName.img?.code, { ok: true, value: null });
    // The layer both functions use: one GetLayerVersion (by layer ARN and version), one download.
    const layerCalls = lambdaMock.commandCalls(GetLayerVersionCommand);
    assert.equal(layerCalls.length, 1);
    assert.deepEqual(layerCalls[0]?.args[0].input, {
      LayerName: `arn:aws:lambda:${REGION}:210987654321:layer:vendor`,
      VersionNumber: 4,
    });
    assert.equal(data.layerCode?.length, 1);
    assert.ok(data.layerCode?.[0]?.scan.ok);
    assert.equal(gets.length, 3, 'two function packages and one layer version');
    assert.ok(!JSON.stringify(data).includes('X-Amz-Signature'), 'the presigned URL is not kept');
    assert.ok(!JSON.stringify(data).includes(STRIPE));
  });

  it('GetFunction or GetLayerVersion denied: failed reads, nothing downloaded', async () => {
    lambdaMock.on(GetAccountSettingsCommand).resolves({
      AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 1000 },
      AccountUsage: { FunctionCount: 1 },
    });
    lambdaMock
      .on(ListFunctionsCommand)
      .resolves({ Functions: [fn('a', { Layers: [{ Arn: LAYER, CodeSize: 1 }] })] });
    lambdaMock.on(GetFunctionCommand).rejects(awsError('AccessDeniedException', 403));
    lambdaMock.on(GetLayerVersionCommand).rejects(awsError('AccessDeniedException', 403));
    const data = await collect(plan('lambda.code', 'lambda.layer-code'));
    const code = data.functions[0]?.code;
    assert.ok(code && !code.ok);
    assert.equal(code.error.operation, 'GetFunction');
    assert.equal(code.error.class, 'access-denied');
    const layer = data.layerCode?.[0];
    assert.ok(layer && !layer.scan.ok);
    assert.equal(layer.scan.error.operation, 'GetLayerVersion');
    assert.equal(gets.length, 0);
  });

  it('without the code reads no GetFunction is made for them and nothing is downloaded', async () => {
    lambdaMock.on(GetAccountSettingsCommand).resolves({
      AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 1000 },
      AccountUsage: { FunctionCount: 1 },
    });
    lambdaMock.on(ListFunctionsCommand).resolves({ Functions: [fn('a')] });
    const data = await collect(ReadPlan.all());
    assert.equal(lambdaMock.commandCalls(GetLayerVersionCommand).length, 0);
    assert.equal(data.functions[0]?.code, undefined);
    assert.equal(data.layerCode, undefined);
    assert.equal(gets.length, 0);
  });

  it('a region without functions: no layer in use, confirmed', async () => {
    lambdaMock.on(GetAccountSettingsCommand).resolves({
      AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 1000 },
      AccountUsage: { FunctionCount: 0 },
    });
    const data = await collect(plan('lambda.code', 'lambda.layer-code'));
    assert.deepEqual(data.layerCode, []);
  });
});
