import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { AccessAnalyzerClient, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetDetectorCommand, GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { GetAccountPasswordPolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  GetAccountSettingsCommand,
  GetPolicyCommand,
  LambdaClient,
  ListCodeSigningConfigsCommand,
  ListEventSourceMappingsCommand,
  ListFunctionsCommand,
  ListFunctionUrlConfigsCommand,
} from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { collect, type ProgressEvent } from '../../src/collect/index.js';
import { ReadPlan } from '../../src/inventory/reads.js';
import { Inventory } from '../../src/inventory/schema.js';
import { awsError } from './helpers.js';

const sts = mockClient(STSClient);
const ec2 = mockClient(EC2Client);
const iam = mockClient(IAMClient);
const lambda = mockClient(LambdaClient);
const gd = mockClient(GuardDutyClient);
const aa = mockClient(AccessAnalyzerClient);

const SCAN_AT = new Date('2026-11-01T12:00:00.000Z');
const options = {
  concurrency: 8,
  maxAttempts: 1,
  rateScale: 1,
  toolVersion: '0.1.0-test',
  plan: ReadPlan.all(),
  clock: () => SCAN_AT,
};

describe('collect', () => {
  beforeEach(() => {
    for (const m of [sts, ec2, iam, lambda, gd, aa]) m.reset();
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/auditor' });
    ec2
      .on(DescribeRegionsCommand)
      .resolves({ Regions: [{ RegionName: 'eu-west-1' }, { RegionName: 'us-east-1' }] });
    // IAM is another collector's business; denied here, it must still yield a valid inventory.
    iam.onAnyCommand().rejects(awsError('AccessDenied', 403));
    lambda.on(GetAccountSettingsCommand).resolves({
      AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 1000 },
      AccountUsage: { FunctionCount: 1, TotalCodeSize: 1 },
    });
    lambda.on(ListFunctionsCommand).resolves({
      Functions: [
        {
          FunctionName: 'f',
          FunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:f',
          Role: 'arn:aws:iam::123456789012:role/r',
          LastModified: '2024-01-01T00:00:00.000+0000',
          Environment: {
            Variables: { AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', STAGE: 'prod' },
          },
        },
      ],
    });
    lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [] });
    lambda.on(ListCodeSigningConfigsCommand).resolves({ CodeSigningConfigs: [] });
    lambda.on(GetPolicyCommand).rejects(awsError('ResourceNotFoundException', 404));
    lambda.on(ListFunctionUrlConfigsCommand).resolves({ FunctionUrlConfigs: [] });
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: ['d'] });
    gd.on(GetDetectorCommand).resolves({ ServiceRole: 'r', Status: 'ENABLED', Features: [] });
    aa.on(ListAnalyzersCommand).resolves({ analyzers: [] });
  });

  it('assembles a valid inventory from every collector', async () => {
    const events: ProgressEvent[] = [];
    const inventory = await collect({ ...options, onProgress: (e) => events.push(e) });
    Inventory.parse(inventory);
    assert.equal(inventory.scan.accountId, '123456789012');
    assert.equal(inventory.scan.partition, 'aws');
    assert.deepEqual(inventory.scan.regions, ['eu-west-1', 'us-east-1']);
    assert.equal(inventory.scan.regionsSource, 'describe-regions');
    assert.deepEqual(Object.keys(inventory.regions), ['eu-west-1', 'us-east-1']);
    assert.deepEqual(inventory.coverage, []);
    // The scan clock is a parameter: both times come from it.
    assert.equal(inventory.scan.startedAt, SCAN_AT.toISOString());
    assert.equal(inventory.scan.finishedAt, SCAN_AT.toISOString());
    assert.deepEqual(inventory.scan.plan, ReadPlan.all().list());
    assert.ok(events.some((e) => e.phase === 'identity'));
    // The secret value went to the classifier only.
    const text = JSON.stringify(inventory);
    assert.ok(!text.includes('wJalrXUtnFEMI'));
    const lambdaSlice = inventory.regions['eu-west-1']?.lambda;
    assert.ok(lambdaSlice?.status === 'ok');
    const env = lambdaSlice.data.functions[0]?.environment;
    const names = env?.ok ? env.value.map((v) => v.name) : env;
    assert.deepEqual(names, ['AWS_SECRET_ACCESS_KEY', 'STAGE']);
  });

  it('records a region whose every call is denied as error slices', async () => {
    lambda.onAnyCommand().rejects(awsError('UnrecognizedClientException', 403));
    gd.on(ListDetectorsCommand).rejects(awsError('UnrecognizedClientException', 403));
    const inventory = await collect({ ...options, regions: ['eu-west-1'] });
    Inventory.parse(inventory);
    assert.equal(inventory.scan.regionsSource, 'flag');
    assert.equal(inventory.regions['eu-west-1']?.lambda.status, 'error');
    assert.equal(inventory.regions['eu-west-1']?.guardduty.status, 'error');
  });

  it('fails the scan with a CollectError naming the rejected credentials', async () => {
    sts.on(GetCallerIdentityCommand).rejects(awsError('InvalidClientTokenId', 403));
    await assert.rejects(collect(options), (err: Error & { kind?: string }) => {
      assert.equal(err.name, 'CollectError');
      assert.equal(err.kind, 'credentials');
      assert.match(err.message, /were rejected \(InvalidClientTokenId\): the access key id does not exist/);
      return true;
    });
  });

  it('reads only IAM, and resolves no region, when only IAM checks are selected', async () => {
    iam.on(GetAccountPasswordPolicyCommand).resolves({ PasswordPolicy: { MinimumPasswordLength: 14 } });
    const inventory = await collect({ ...options, plan: new ReadPlan(['iam.password-policy']) });
    Inventory.parse(inventory);
    assert.deepEqual(inventory.scan.regions, []);
    assert.equal(inventory.scan.regionsSource, 'not-needed');
    assert.equal(ec2.commandCalls(DescribeRegionsCommand).length, 0);
    assert.equal(lambda.calls().length, 0);
    assert.equal(gd.calls().length, 0);
    assert.equal(inventory.iam.status, 'ok');
    if (inventory.iam.status === 'ok') {
      assert.deepEqual(Object.keys(inventory.iam.data), ['passwordPolicy']);
      assert.equal(inventory.iam.data.passwordPolicy?.ok, true);
    }
    assert.deepEqual(
      iam.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name),
      ['GetAccountPasswordPolicyCommand'],
    );
  });

  it('skips a service no selected check reads, with the reason', async () => {
    const inventory = await collect({ ...options, plan: new ReadPlan(['guardduty.detectors']) });
    assert.deepEqual(inventory.iam, { status: 'skipped', reason: 'not needed by the selected checks' });
    assert.equal(inventory.regions['us-east-1']?.lambda.status, 'skipped');
    assert.equal(inventory.regions['us-east-1']?.guardduty.status, 'ok');
    assert.equal(lambda.calls().length, 0);
    assert.equal(iam.calls().length, 0);
  });

  it('records the organization of an organization scan (account ids sorted, each once), and none for a single account', async () => {
    const organization = {
      id: 'o-a1b2c3d4e5',
      managementAccountId: '999988887777',
      accountIds: ['999988887777', '123456789012', '111122223333', '123456789012'],
    };
    const inventory = await collect({ ...options, organization });
    Inventory.parse(inventory);
    assert.deepEqual(inventory.scan.organization, {
      ...organization,
      accountIds: ['111122223333', '123456789012', '999988887777'],
    });
    assert.equal('organization' in (await collect(options)).scan, false);
  });
});
