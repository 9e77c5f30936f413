/**
 * The simulator, driven by the real SDK v3 clients over HTTP: if these parse, the scanner's
 * clients parse too (same packages, same versions). Generator and quota tests at the end use no
 * server. No assertion depends on wall-clock time.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DescribeRegionsCommand,
  DescribeSubnetsCommand,
  EC2Client,
  paginateDescribeSubnets,
} from '@aws-sdk/client-ec2';
import { GetDetectorCommand, GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetPolicyVersionCommand,
  IAMClient,
  ListUsersCommand,
  paginateGetAccountAuthorizationDetails,
  paginateListVirtualMFADevices,
} from '@aws-sdk/client-iam';
import {
  type FunctionConfiguration,
  GetAccountSettingsCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetLayerVersionPolicyCommand,
  GetPolicyCommand,
  LambdaClient,
  ListCodeSigningConfigsCommand,
  ListEventSourceMappingsCommand,
  ListFunctionUrlConfigsCommand,
  paginateListFunctions,
  paginateListFunctionsByCodeSigningConfig,
  paginateListLayers,
  paginateListLayerVersions,
} from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import publisherData from '../../data/trusted-layer-publishers.json' with { type: 'json' };
import { runtimeTable } from '../../src/data/runtimes.js';
import { type GenerateOptions, generateAccount, type SimAccount } from './account.js';
import { count, summarize } from './call-log.js';
import { CREDENTIAL_REPORT_COLUMNS } from './credential-report.js';
import { FaultInjector } from './faults.js';
import { CHECK_IDS } from './manifest.js';
import { QuotaModel, quotaClass } from './quota.js';
import { type Simulator, startSimulator } from './server.js';

const credentials = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'sim' };
const cfg = (sim: Simulator, region: string, maxAttempts = 3) => ({
  region,
  endpoint: sim.url,
  credentials,
  maxAttempts,
});
const R1 = 'us-east-1';
const R2 = 'eu-west-1';

/** The rejection of a promise, as an error object (fails the test if it resolved). */
async function rejection(
  p: Promise<unknown>,
): Promise<{ name: string; message: string; code?: string; $metadata: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (e) {
    return e as never;
  }
  assert.fail('expected the call to fail');
}

const SMALL: GenerateOptions = {
  seed: 42,
  regions: [R1, R2],
  functionsPerRegion: { [R1]: 120, [R2]: 30 },
  users: 25,
  misconfigRate: 0.3,
  guardduty: { [R2]: 'no-lambda' },
};

describe('simulated AWS over the wire', () => {
  let sim: Simulator;
  let account: SimAccount;
  before(async () => {
    // Quotas off: protocol tests must not depend on retry timing; quotas have their own tests below.
    sim = await startSimulator({ generate: SMALL, credentialReportDelayMs: 50, quotas: false });
    account = sim.account;
  });
  after(() => sim.stop());

  it('answers STS GetCallerIdentity and EC2 DescribeRegions', async () => {
    const id = await new STSClient(cfg(sim, R2)).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Account, '123456789012');
    assert.equal(id.Arn, account.caller.arn);
    const regions = await new EC2Client(cfg(sim, R1)).send(new DescribeRegionsCommand({}));
    assert.deepEqual(
      regions.Regions?.map((r) => [r.RegionName, r.OptInStatus]),
      [
        [R1, 'opt-in-not-required'],
        [R2, 'opt-in-not-required'],
      ],
    );
  });

  it('is reachable through AWS_ENDPOINT_URL, as the unmodified scanner reaches it', async () => {
    const saved = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = sim.url;
    try {
      const id = await new STSClient({ region: R1, credentials }).send(new GetCallerIdentityCommand({}));
      assert.equal(id.Account, account.accountId);
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = saved;
    }
  });

  it('pages ListFunctions 50 at a time and returns every function', async () => {
    sim.resetLog();
    const client = new LambdaClient(cfg(sim, R1));
    const names: string[] = [];
    for await (const page of paginateListFunctions({ client, pageSize: 1000 }, {})) {
      assert.ok((page.Functions?.length ?? 0) <= 50);
      for (const f of page.Functions ?? []) names.push(f.FunctionName ?? '');
    }
    assert.deepEqual(
      names,
      account.lambda[R1]?.functions.map((f) => f.name),
    );
    assert.equal(count(sim.callLog, 'lambda:ListFunctions'), 3);
  });

  it('lists layers in the Lambda shape: Arn and CodeSize, signing members only for a signed layer', async () => {
    const client = new LambdaClient(cfg(sim, R1));
    const listed = new Map<string, FunctionConfiguration>();
    for await (const page of paginateListFunctions({ client }, {}))
      for (const f of page.Functions ?? []) listed.set(f.FunctionName ?? '', f);
    const fns = account.lambda[R1]?.functions ?? [];
    assert.ok(fns.some((f) => f.layers.some((l) => l.signing)));
    assert.ok(fns.some((f) => f.layers.some((l) => !l.signing)));
    for (const fn of fns) {
      const expected = fn.layers.map((l) => ({
        Arn: l.arn,
        CodeSize: l.codeSize,
        ...(l.signing
          ? { SigningProfileVersionArn: l.signing.profileVersionArn, SigningJobArn: l.signing.jobArn }
          : {}),
      }));
      assert.deepEqual(listed.get(fn.name)?.Layers, expected.length > 0 ? expected : undefined, fn.name);
    }
    const withLayers = fns.find((f) => f.layers.length > 0);
    assert.ok(withLayers);
    const got = await client.send(new GetFunctionCommand({ FunctionName: withLayers.name }));
    assert.deepEqual(got.Configuration?.Layers, listed.get(withLayers.name)?.Layers);
  });

  it('answers GetPolicy with the policy, or ResourceNotFoundException (404) when there is none', async () => {
    const client = new LambdaClient(cfg(sim, R1));
    const fns = account.lambda[R1]?.functions ?? [];
    const withPolicy = fns.find((f) => f.policy);
    const without = fns.find((f) => !f.policy);
    assert.ok(withPolicy && without);
    const got = await client.send(new GetPolicyCommand({ FunctionName: withPolicy.arn }));
    assert.deepEqual(JSON.parse(got.Policy ?? ''), withPolicy.policy);
    const none = await rejection(client.send(new GetPolicyCommand({ FunctionName: without.name })));
    assert.equal(none.name, 'ResourceNotFoundException');
    assert.equal(none.$metadata.httpStatusCode, 404);
    const missing = await rejection(client.send(new GetPolicyCommand({ FunctionName: 'no-such-function' })));
    assert.equal(missing.name, 'ResourceNotFoundException');
    assert.match(
      missing.message,
      /Function not found: arn:aws:lambda:us-east-1:123456789012:function:no-such-function/,
    );
  });

  it('reports reserved concurrency consistently in GetAccountSettings, GetFunction and GetFunctionConcurrency', async () => {
    const client = new LambdaClient(cfg(sim, R1));
    const region = account.lambda[R1];
    assert.ok(region);
    const settings = await client.send(new GetAccountSettingsCommand({}));
    const reserved = region.functions.reduce((n, f) => n + (f.reservedConcurrency ?? 0), 0);
    assert.equal(settings.AccountLimit?.ConcurrentExecutions, region.concurrentExecutions);
    assert.equal(
      settings.AccountLimit?.UnreservedConcurrentExecutions,
      region.concurrentExecutions - reserved,
    );
    assert.equal(settings.AccountUsage?.FunctionCount, region.functions.length);
    const reservedFn = region.functions.find((f) => f.reservedConcurrency !== null);
    const unreservedFn = region.functions.find((f) => f.reservedConcurrency === null);
    assert.ok(reservedFn && unreservedFn);
    const got = await client.send(new GetFunctionCommand({ FunctionName: reservedFn.name }));
    assert.equal(got.Concurrency?.ReservedConcurrentExecutions, reservedFn.reservedConcurrency);
    assert.equal(got.Configuration?.FunctionArn, reservedFn.arn);
    assert.equal(
      (await client.send(new GetFunctionCommand({ FunctionName: unreservedFn.name }))).Concurrency,
      undefined,
    );
    const conc = await client.send(new GetFunctionConcurrencyCommand({ FunctionName: reservedFn.name }));
    assert.equal(conc.ReservedConcurrentExecutions, reservedFn.reservedConcurrency);
    const none = await client.send(new GetFunctionConcurrencyCommand({ FunctionName: unreservedFn.name }));
    assert.equal(none.ReservedConcurrentExecutions, undefined);
  });

  it('lists function URLs, code signing configs with their functions, and event source mappings', async () => {
    const client = new LambdaClient(cfg(sim, R1));
    const region = account.lambda[R1];
    assert.ok(region);
    const withUrl = region.functions.find((f) => f.url);
    const withoutUrl = region.functions.find((f) => !f.url);
    assert.ok(withUrl?.url && withoutUrl);
    const urls = await client.send(new ListFunctionUrlConfigsCommand({ FunctionName: withUrl.name }));
    assert.equal(urls.FunctionUrlConfigs?.length, 1);
    assert.equal(urls.FunctionUrlConfigs?.[0]?.AuthType, withUrl.url.authType);
    const empty = await client.send(new ListFunctionUrlConfigsCommand({ FunctionName: withoutUrl.name }));
    assert.deepEqual(empty.FunctionUrlConfigs, []);

    const cscs = await client.send(new ListCodeSigningConfigsCommand({}));
    assert.deepEqual(
      cscs.CodeSigningConfigs?.map((c) => c.CodeSigningPolicies?.UntrustedArtifactOnDeployment),
      ['Enforce', 'Warn'],
    );
    for (const csc of cscs.CodeSigningConfigs ?? []) {
      const arns: string[] = [];
      const pages = paginateListFunctionsByCodeSigningConfig(
        { client, pageSize: 10 },
        { CodeSigningConfigArn: csc.CodeSigningConfigArn },
      );
      for await (const page of pages) arns.push(...(page.FunctionArns ?? []));
      const expected: string[] = region.functions
        .filter((f) => f.codeSigningConfigArn === csc.CodeSigningConfigArn)
        .map((f) => f.arn);
      assert.deepEqual(arns, expected);
    }
    const esm = await client.send(new ListEventSourceMappingsCommand({}));
    assert.equal(esm.EventSourceMappings?.length, region.eventSourceMappings.length);
    assert.ok(esm.EventSourceMappings?.every((m) => m.LastModified instanceof Date));
  });

  it('pages GetAccountAuthorizationDetails with Marker/IsTruncated and URL-encodes documents', async () => {
    sim.resetLog();
    const client = new IAMClient(cfg(sim, R1));
    const users: string[] = [];
    const roles: { name: string; trust: string; lastUsed?: Date }[] = [];
    const policies: { arn: string; docs: string[] }[] = [];
    let groups = 0;
    for await (const page of paginateGetAccountAuthorizationDetails({ client, pageSize: 7 }, {})) {
      for (const u of page.UserDetailList ?? []) users.push(u.UserName ?? '');
      for (const r of page.RoleDetailList ?? []) {
        roles.push({
          name: r.RoleName ?? '',
          trust: r.AssumeRolePolicyDocument ?? '',
          lastUsed: r.RoleLastUsed?.LastUsedDate,
        });
      }
      for (const p of page.Policies ?? []) {
        policies.push({ arn: p.Arn ?? '', docs: (p.PolicyVersionList ?? []).map((v) => v.Document ?? '') });
      }
      groups += page.GroupDetailList?.length ?? 0;
    }
    const iam = account.iam;
    assert.deepEqual(
      users,
      iam.users.map((u) => u.name),
    );
    assert.deepEqual(
      roles.map((r) => r.name),
      iam.roles.map((r) => r.name),
    );
    assert.equal(groups, iam.groups.length);
    assert.deepEqual(
      policies.map((p) => p.arn),
      iam.policies.map((p) => p.arn),
    );
    const total = users.length + groups + roles.length + policies.length;
    const pages = count(sim.callLog, 'iam:GetAccountAuthorizationDetails', (c) => !c.throttled);
    assert.equal(pages, Math.ceil(total / 7));

    const exec = roles.find((r) => r.name.includes('-role-'));
    assert.ok(exec);
    assert.match(exec.trust, /^%7B/); // URL-encoded, as IAM returns it
    const trust = JSON.parse(decodeURIComponent(exec.trust));
    assert.deepEqual(trust.Statement[0].Principal, { Service: 'lambda.amazonaws.com' });
    assert.ok(roles.some((r) => r.lastUsed instanceof Date));
    const admin = policies.find((p) => p.arn === 'arn:aws:iam::aws:policy/AdministratorAccess');
    assert.ok(admin, 'attached AWS-managed policies are listed');
    assert.deepEqual(JSON.parse(decodeURIComponent(admin.docs[0] ?? '')).Statement[0], {
      Effect: 'Allow',
      Action: '*',
      Resource: '*',
    });
  });

  it('filters GetAccountAuthorizationDetails and serves GetPolicyVersion', async () => {
    const client = new IAMClient(cfg(sim, R1));
    const arns: string[] = [];
    for await (const page of paginateGetAccountAuthorizationDetails(
      { client },
      { Filter: ['AWSManagedPolicy'] },
    )) {
      assert.deepEqual(page.UserDetailList, []);
      assert.deepEqual(page.RoleDetailList, []);
      for (const p of page.Policies ?? []) arns.push(p.Arn ?? '');
    }
    assert.ok(arns.length > 0 && arns.every((a) => a.startsWith('arn:aws:iam::aws:policy/')));
    const attached = new Set(
      [...account.iam.users, ...account.iam.groups, ...account.iam.roles].flatMap(
        (e) => e.attachedPolicyArns,
      ),
    );
    assert.ok(
      arns.every((a) => attached.has(a)),
      'only attached AWS-managed policies',
    );
    const custom = account.iam.policies.find((p) => !p.awsManaged && p.versions.length > 1);
    assert.ok(custom);
    const v = await client.send(
      new GetPolicyVersionCommand({ PolicyArn: custom.arn, VersionId: custom.defaultVersionId }),
    );
    assert.equal(v.PolicyVersion?.IsDefaultVersion, true);
    assert.deepEqual(
      JSON.parse(decodeURIComponent(v.PolicyVersion?.Document ?? '')),
      custom.versions[0]?.document,
    );
  });

  it('generates the credential report asynchronously and serves it as base64 CSV', async () => {
    const client = new IAMClient(cfg(sim, R1, 5));
    const absent = await rejection(client.send(new GetCredentialReportCommand({})));
    assert.equal(absent.name, 'CredentialReportNotPresentException');
    assert.equal(absent.$metadata.httpStatusCode, 410);
    const first = await client.send(new GenerateCredentialReportCommand({}));
    assert.equal(first.State, 'STARTED');
    let state: string | undefined = first.State;
    while (state !== 'COMPLETE') {
      await new Promise((r) => setTimeout(r, 10));
      state = (await client.send(new GenerateCredentialReportCommand({}))).State;
      assert.ok(state === 'INPROGRESS' || state === 'COMPLETE');
    }
    const report = await client.send(new GetCredentialReportCommand({}));
    assert.equal(report.ReportFormat, 'text/csv');
    assert.equal(report.GeneratedTime?.toISOString(), account.now);
    const lines = Buffer.from(report.Content ?? new Uint8Array())
      .toString('utf8')
      .split('\n');
    assert.deepEqual(lines[0]?.split(','), [...CREDENTIAL_REPORT_COLUMNS]);
    assert.equal(lines.length, account.iam.users.length + 2);
    const root = lines[1]?.split(',') ?? [];
    assert.equal(root[0], '<root_account>');
    assert.equal(root[3], 'not_supported');
    assert.equal(root[7], 'true');
    const named = new Set(lines.slice(2).map((l) => l.split(',')[0]));
    assert.deepEqual(named, new Set(account.iam.users.map((u) => u.name)));
  });

  it('answers GetAccountSummary, GetAccountPasswordPolicy and pages ListVirtualMFADevices', async () => {
    const client = new IAMClient(cfg(sim, R1));
    const summary = await client.send(new GetAccountSummaryCommand({}));
    assert.equal(summary.SummaryMap?.AccountMFAEnabled, 1);
    assert.equal(summary.SummaryMap?.AccountAccessKeysPresent, 0);
    assert.equal(summary.SummaryMap?.Users, account.iam.users.length);
    const policy = await client.send(new GetAccountPasswordPolicyCommand({}));
    assert.equal(policy.PasswordPolicy?.MinimumPasswordLength, 8);
    const serials: string[] = [];
    for await (const page of paginateListVirtualMFADevices({ client, pageSize: 2 }, {})) {
      for (const d of page.VirtualMFADevices ?? []) serials.push(d.SerialNumber ?? '');
    }
    assert.deepEqual(
      serials,
      account.iam.virtualMfaDevices.map((d) => d.serialNumber),
    );
  });

  it('answers GuardDuty ListDetectors and GetDetector with features', async () => {
    const gd1 = new GuardDutyClient(cfg(sim, R1));
    const ids = await gd1.send(new ListDetectorsCommand({}));
    assert.equal(ids.DetectorIds?.length, 1);
    const d = await gd1.send(new GetDetectorCommand({ DetectorId: ids.DetectorIds?.[0] }));
    assert.equal(d.Status, 'ENABLED');
    const lambda = d.Features?.find((f) => f.Name === 'LAMBDA_NETWORK_LOGS');
    assert.equal(lambda?.Status, 'ENABLED');
    assert.ok(lambda?.UpdatedAt instanceof Date);
    assert.ok(d.Features?.find((f) => f.Name === 'RUNTIME_MONITORING')?.AdditionalConfiguration?.length);
    const gd2 = new GuardDutyClient(cfg(sim, R2));
    const id2 = (await gd2.send(new ListDetectorsCommand({}))).DetectorIds?.[0];
    const d2 = await gd2.send(new GetDetectorCommand({ DetectorId: id2 }));
    assert.equal(d2.Features?.find((f) => f.Name === 'LAMBDA_NETWORK_LOGS')?.Status, 'DISABLED');
    const bad = await rejection(gd2.send(new GetDetectorCommand({ DetectorId: 'f'.repeat(32) })));
    assert.equal(bad.name, 'BadRequestException');
  });

  it('lists the account’s own layers and their versions (newest first), and serves or 404s each version’s policy', async () => {
    const client = new LambdaClient(cfg(sim, R1));
    const own = (account.lambda[R1]?.layers ?? []).filter((l) => l.versions.length > 0);
    assert.ok(own.length > 0, 'the generator publishes own layers');
    const listed = [];
    for await (const page of paginateListLayers({ client, pageSize: 2 }, {}))
      listed.push(...(page.Layers ?? []));
    assert.deepEqual(
      listed.map((l) => [l.LayerName, l.LatestMatchingVersion?.Version]),
      own.map((l) => [l.name, l.versions.at(-1)?.version]),
    );
    for (const layer of own) {
      const versions = [];
      for await (const page of paginateListLayerVersions({ client }, { LayerName: layer.name }))
        versions.push(...(page.LayerVersions ?? []));
      assert.deepEqual(
        versions.map((v) => v.Version),
        layer.versions.map((v) => v.version).reverse(),
      );
      for (const v of layer.versions) {
        const ask = client.send(
          new GetLayerVersionPolicyCommand({ LayerName: layer.name, VersionNumber: v.version }),
        );
        if (v.policy) assert.deepEqual(JSON.parse((await ask).Policy ?? ''), v.policy);
        else assert.equal((await rejection(ask)).name, 'ResourceNotFoundException');
      }
    }
  });

  it('answers DescribeSubnets by filter (unknown ids left out) and by SubnetIds (an unknown id fails the call)', async () => {
    const client = new EC2Client(cfg(sim, R1));
    const subnets = account.subnets?.[R1] ?? [];
    const [a, b] = subnets;
    assert.ok(a && b, 'VPC functions have subnets');
    const out = await client.send(
      new DescribeSubnetsCommand({
        Filters: [{ Name: 'subnet-id', Values: [a.id, b.id, 'subnet-0000000000000dead'] }],
      }),
    );
    assert.deepEqual(
      out.Subnets?.map((s) => [s.SubnetId, s.AvailabilityZone, s.AvailabilityZoneId, s.VpcId]),
      [a, b].map((s) => [s.id, s.availabilityZone, s.availabilityZoneId, s.vpcId]),
    );
    const missing = await rejection(
      client.send(new DescribeSubnetsCommand({ SubnetIds: [a.id, 'subnet-0000000000000dead'] })),
    );
    assert.equal(missing.name, 'InvalidSubnetID.NotFound');
    const paged = [];
    for await (const page of paginateDescribeSubnets({ client, pageSize: 5 }, {}))
      paged.push(...(page.Subnets ?? []));
    assert.deepEqual(
      paged.map((s) => s.SubnetId),
      subnets.map((s) => s.id),
    );
  });

  it('answers an operation it does not simulate with InvalidAction, and logs it', async () => {
    sim.resetLog();
    const e = await rejection(new IAMClient(cfg(sim, R1, 1)).send(new ListUsersCommand({})));
    assert.equal(e.name, 'InvalidAction');
    assert.deepEqual(
      sim.callLog.map((c) => [c.action, c.fault]),
      [['ListUsers', 'unknown-operation']],
    );
  });
});

describe('quotas, denials and faults over the wire', () => {
  it('throttles a GetPolicy burst beyond 15/s with TooManyRequestsException, which the SDK retries', async () => {
    const sim = await startSimulator({
      generate: { seed: 5, regions: [R1], functionsPerRegion: 30, users: 1 },
    });
    try {
      const client = new LambdaClient(cfg(sim, R1, 10));
      const names = sim.account.lambda[R1]?.functions.map((f) => f.name) ?? [];
      const outcomes = await Promise.all(
        names.map((n) =>
          client.send(new GetPolicyCommand({ FunctionName: n })).then(
            () => 'policy',
            (e: { name: string }) => e.name,
          ),
        ),
      );
      assert.ok(
        outcomes.every((o) => o === 'policy' || o === 'ResourceNotFoundException'),
        outcomes.join(),
      );
      const throttled = sim.callLog.filter((c) => c.throttled);
      assert.ok(throttled.length > 0, 'a burst of 30 exceeds the 15-token bucket');
      assert.ok(throttled.every((c) => c.status === 429 && c.action === 'GetPolicy'));
      assert.equal(count(sim.callLog, 'lambda:GetPolicy'), names.length + throttled.length);

      // GetFunction has its own 100/s bucket: the same burst is not throttled.
      sim.resetLog();
      await Promise.all(names.map((n) => client.send(new GetFunctionCommand({ FunctionName: n }))));
      assert.equal(sim.summary().throttled, 0);
    } finally {
      await sim.stop();
    }
  });

  it('throttles IAM with Throttling (400)', async () => {
    const sim = await startSimulator({
      generate: { seed: 5, regions: [R1], functionsPerRegion: 1, users: 1 },
      quotas: { iam: 1 },
    });
    try {
      const client = new IAMClient(cfg(sim, R1, 1));
      const results = await Promise.allSettled(
        [1, 2, 3].map(() => client.send(new GetAccountSummaryCommand({}))),
      );
      const errors = results.flatMap((r) =>
        r.status === 'rejected' ? [r.reason as { name: string; $metadata: { httpStatusCode: number } }] : [],
      );
      assert.equal(errors.length, 2);
      assert.ok(errors.every((e) => e.name === 'Throttling' && e.$metadata.httpStatusCode === 400));
    } finally {
      await sim.stop();
    }
  });

  it('denies chosen actions as an SCP would, and fails disabled regions as AWS does', async () => {
    const sim = await startSimulator({
      generate: { seed: 9, regions: [R1, R2], functionsPerRegion: 3, users: 1 },
      faults: {
        denied: [
          { service: 'lambda', action: 'GetPolicy' },
          { service: 'iam', action: 'GetAccountSummary' },
        ],
      },
    });
    try {
      const fn = sim.account.lambda[R1]?.functions[0];
      assert.ok(fn);
      const lambda = new LambdaClient(cfg(sim, R1, 1));
      const e = await rejection(lambda.send(new GetPolicyCommand({ FunctionName: fn.name })));
      assert.equal(e.name, 'AccessDeniedException');
      assert.equal(e.$metadata.httpStatusCode, 403);
      assert.match(
        e.message,
        /lambda:GetPolicy on resource: .*function:.* with an explicit deny in a service control policy/,
      );
      await lambda.send(new GetFunctionCommand({ FunctionName: fn.name })); // other actions still work
      const iamDenied = await rejection(
        new IAMClient(cfg(sim, R1, 1)).send(new GetAccountSummaryCommand({})),
      );
      assert.equal(iamDenied.name, 'AccessDenied');

      sim.setFaults({ denied: [], disabledRegions: [R2] });
      const off = await rejection(new LambdaClient(cfg(sim, R2, 1)).send(new GetAccountSettingsCommand({})));
      assert.equal(off.name, 'UnrecognizedClientException');
      assert.equal(off.$metadata.httpStatusCode, 403);
      const gd = await rejection(new GuardDutyClient(cfg(sim, R2, 1)).send(new ListDetectorsCommand({})));
      assert.equal(gd.name, 'UnrecognizedClientException');
      const sts = await rejection(new STSClient(cfg(sim, R2, 1)).send(new GetCallerIdentityCommand({})));
      assert.equal(sts.name, 'InvalidClientTokenId');
      const ec2 = await rejection(new EC2Client(cfg(sim, R2, 1)).send(new DescribeRegionsCommand({})));
      assert.equal(ec2.name, 'AuthFailure');
      const visible = await new EC2Client(cfg(sim, R1)).send(new DescribeRegionsCommand({}));
      assert.deepEqual(
        visible.Regions?.map((r) => r.RegionName),
        [R1],
      );
      const all = await new EC2Client(cfg(sim, R1)).send(new DescribeRegionsCommand({ AllRegions: true }));
      assert.equal(all.Regions?.find((r) => r.RegionName === R2)?.OptInStatus, 'not-opted-in');
      assert.equal(
        (await new IAMClient(cfg(sim, R1)).send(new GetAccountSummaryCommand({}))).SummaryMap?.Users,
        sim.account.iam.users.length,
      );
    } finally {
      await sim.stop();
    }
  });

  it('injects 5xx and connection resets that the SDK sees as retryable failures', async () => {
    const sim = await startSimulator({
      generate: { seed: 11, regions: [R1], functionsPerRegion: 2, users: 1 },
      faults: { serverErrorRate: 1 },
    });
    try {
      const e = await rejection(new LambdaClient(cfg(sim, R1, 2)).send(new GetAccountSettingsCommand({})));
      assert.equal(e.name, 'ServiceException');
      assert.equal(e.$metadata.httpStatusCode, 500);
      const iam = await rejection(new IAMClient(cfg(sim, R1, 1)).send(new GetAccountSummaryCommand({})));
      assert.equal(iam.name, 'ServiceFailureException'); // the SDK's name for the ServiceFailure code
      assert.equal(iam.$metadata.httpStatusCode, 500);
      assert.equal(
        count(sim.callLog, 'lambda:GetAccountSettings', (c) => c.fault === 'server-error'),
        2,
        'retried once',
      );

      sim.setFaults({ serverErrorRate: 0, resetRate: 1 });
      sim.resetLog();
      const reset = await rejection(
        new LambdaClient(cfg(sim, R1, 2)).send(new GetAccountSettingsCommand({})),
      );
      assert.equal(reset.code, 'ECONNRESET');
      assert.deepEqual(
        sim.callLog.map((c) => c.fault),
        ['reset', 'reset'],
      );
    } finally {
      await sim.stop();
    }
  });

  it('draws the same faults for the same seed and request order', async () => {
    const run = async () => {
      const sim = await startSimulator({
        generate: { seed: 13, regions: [R1], functionsPerRegion: 1, users: 1 },
        faults: { serverErrorRate: 0.4 },
        faultSeed: 99,
      });
      try {
        const client = new LambdaClient(cfg(sim, R1, 1));
        for (let i = 0; i < 12; i++)
          await client.send(new GetAccountSettingsCommand({})).catch(() => undefined);
        return sim.callLog.map((c) => c.fault ?? '-').join(' ');
      } finally {
        await sim.stop();
      }
    };
    const first = await run();
    assert.match(first, /server-error/);
    assert.equal(await run(), first);
  });
});

describe('account generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateAccount(SMALL);
    const b = generateAccount(SMALL);
    assert.deepEqual(a.account, b.account);
    assert.deepEqual(a.manifest, b.manifest);
    const c = generateAccount({ ...SMALL, seed: 43 });
    assert.notDeepEqual(c.account.lambda[R1]?.functions, a.account.lambda[R1]?.functions);
  });

  it('keeps reserved concurrency consistent and lists every function without it', () => {
    const { account, manifest } = generateAccount({ ...SMALL, functionsPerRegion: 400 });
    const unset = new Set(
      manifest.findings
        .filter((f) => f.checkId === 'lambda.reserved-concurrency-unset')
        .map((f) => f.resourceArn),
    );
    let expected = 0;
    for (const region of account.regions) {
      const data = account.lambda[region];
      assert.ok(data);
      const reserved = data.functions.reduce((n, f) => n + (f.reservedConcurrency ?? 0), 0);
      assert.ok(data.concurrentExecutions - reserved >= 100, 'AWS keeps at least 100 unreserved');
      for (const f of data.functions) {
        assert.equal(unset.has(f.arn), f.reservedConcurrency === null, f.name);
        if (f.reservedConcurrency === null) expected++;
      }
    }
    assert.equal(unset.size, expected);
    const zeroRate = generateAccount({ ...SMALL, reservedConcurrencyRate: { [R1]: 0, [R2]: 0.5 } }).account;
    assert.ok(zeroRate.lambda[R1]?.functions.every((f) => f.reservedConcurrency === null));
  });

  it('plants what the manifest says and never lists a clean look-alike as a finding', () => {
    const { account, manifest } = generateAccount({
      ...SMALL,
      rootMfa: false,
      rootAccessKey: true,
      passwordPolicy: 'missing',
    });
    const ids = new Set<string>(CHECK_IDS);
    const fns = new Map(
      account.regions.flatMap((r) => account.lambda[r]?.functions ?? []).map((f) => [f.arn, f]),
    );
    for (const f of manifest.findings) {
      assert.ok(ids.has(f.checkId), f.checkId);
      // lambda.modify-any-function judges principals, lambda.shared-role-mixed-exposure execution
      // roles, lambda.event-source-cross-account mappings, lambda.capacity-provider-mixed-exposure
      // capacity providers, lambda.layer-version-public layer versions,
      // lambda.pass-capacity-provider-any principals; every other lambda.* check judges functions.
      const notFunction = [
        'lambda.modify-any-function',
        'lambda.pass-capacity-provider-any',
        'lambda.shared-role-mixed-exposure',
        'lambda.event-source-cross-account',
        'lambda.capacity-provider-mixed-exposure',
      ];
      if (f.checkId === 'lambda.layer-version-public' || f.checkId === 'lambda.layer-code-secrets')
        assert.match(f.resourceArn, /:layer:[^:]+:\d+$/);
      else if (f.checkId.startsWith('lambda.') && !notFunction.includes(f.checkId))
        assert.ok(fns.has(f.resourceArn), f.resourceArn);
    }
    const failing = new Set(manifest.findings.map((f) => `${f.checkId} ${f.resourceArn}`));
    assert.ok(manifest.lookAlikes.every((l) => !failing.has(`${l.checkId} ${l.resourceArn}`)));
    for (const id of ['iam.root-mfa', 'iam.root-access-key', 'iam.password-policy'] as const) {
      assert.equal(manifest.counts[id], 1, id);
    }
    // Every planted env secret is really in the function's environment, in a recognisable form.
    const secretShapes = [
      /^AKIA[A-Z2-7]{16}$/,
      /^ghp_[A-Za-z0-9]{36}$/,
      /^xoxb-\d+-\d+-[A-Za-z0-9]+$/,
      /^postgres:\/\/app:[^@]+@db:5432\/app$/,
    ];
    const secrets = manifest.findings.filter((f) => f.checkId === 'lambda.env-secrets');
    assert.ok(secrets.length > 0);
    for (const s of secrets) {
      const env = Object.values(fns.get(s.resourceArn)?.env ?? {});
      assert.ok(
        env.some((v) => secretShapes.some((re) => re.test(v))),
        s.resourceArn,
      );
    }
    // Shared roles: exactly the functions whose role has more than one function.
    const use = new Map<string, number>();
    for (const f of fns.values()) use.set(f.roleArn, (use.get(f.roleArn) ?? 0) + 1);
    const shared = manifest.findings
      .filter((f) => f.checkId === 'lambda.shared-execution-role')
      .map((f) => f.resourceArn);
    assert.deepEqual(
      new Set(shared),
      new Set([...fns.values()].filter((f) => (use.get(f.roleArn) ?? 0) > 1).map((f) => f.arn)),
    );
    assert.ok(manifest.lookAlikes.some((l) => l.checkId === 'lambda.public-resource-policy'));
    assert.ok(manifest.counts['lambda.function-url-auth-none'] > 0);
    assert.ok(manifest.counts['lambda.runtime-deprecated'] > 0);
  });

  it('gives .zip functions own, AWS-publisher and (planted) third-party layers, as code signing allows', () => {
    const { account, manifest } = generateAccount({ ...SMALL, misconfigRate: 0.45 });
    const trusted = new Set(publisherData.publishers.map((p) => `${p.partition}:${p.accountId}`));
    const foreign = new Set(
      manifest.findings.filter((f) => f.checkId === 'lambda.foreign-layer').map((f) => f.resourceArn),
    );
    const looks = manifest.lookAlikes.filter((l) => l.checkId === 'lambda.foreign-layer');
    assert.ok(foreign.size > 0, 'third-party layers planted');
    assert.ok(
      looks.some((l) => l.note.includes('AWS Parameters and Secrets')),
      'a Parameters and Secrets layer',
    );
    assert.ok(
      looks.some((l) => l.note.startsWith("this account's layer")),
      'a function with only its own layers',
    );
    for (const region of account.regions) {
      const cscs = new Map((account.lambda[region]?.codeSigningConfigs ?? []).map((c) => [c.arn, c]));
      for (const fn of account.lambda[region]?.functions ?? []) {
        if (fn.packageType === 'Image') assert.deepEqual(fn.layers, [], fn.name);
        const owners = fn.layers.map((l) => {
          const [, partition, service, layerRegion, owner, type] = l.arn.split(':');
          assert.deepEqual([service, layerRegion, type], ['lambda', region, 'layer'], l.arn);
          return { partition, owner };
        });
        const isForeign = owners.some(
          (o) => o.owner !== account.accountId && !trusted.has(`${o.partition}:${o.owner}`),
        );
        assert.equal(foreign.has(fn.arn), isForeign, fn.name);
        const planted = manifest.findings.find(
          (f) => f.checkId === 'lambda.foreign-layer' && f.resourceArn === fn.arn,
        );
        if (planted) assert.equal(planted.region, region);
        // An enforcing config rejects a layer not signed by one of its allowed publishers.
        const csc = fn.codeSigningConfigArn ? cscs.get(fn.codeSigningConfigArn) : undefined;
        if (csc?.untrustedArtifactOnDeployment === 'Enforce') {
          for (const l of fn.layers)
            assert.ok(
              l.signing && csc.signingProfileVersionArns.includes(l.signing.profileVersionArn),
              `${fn.name}: ${l.arn}`,
            );
        }
      }
    }
    // Deterministic per seed, also for layers.
    assert.deepEqual(generateAccount({ ...SMALL, misconfigRate: 0.45 }).manifest, manifest);
  });

  it('plants no misconfigurable facet at rate 0, except what is a rate of its own', () => {
    const { manifest } = generateAccount({
      ...SMALL,
      misconfigRate: 0,
      passwordPolicy: 'strong',
      guardduty: {},
    });
    const planted = Object.entries(manifest.counts)
      .filter(([, n]) => n > 0)
      .map(([id]) => id);
    // OrganizationAccountAccessRole trusts the management account without an external id: a
    // finding of iam.role-trust-cross-account at any rate, until the organization is collected.
    // It is also administrator-equivalent (AdministratorAccess is what Organizations attaches),
    // so it fails iam.role-admin-equivalent and lambda.modify-any-function at any rate too. The
    // partner-account statement (a look-alike for public-resource-policy) is drawn whatever the
    // rate, and it is a true cross-account grant. A share of execution roles has never been used
    // (a draw of its own in gen-iam.ts, whatever the rate), which iam.role-unused reports; the
    // service users are in no group at any rate, which iam.user-no-group reports.
    // AdministratorAccess itself, attached to that role and to the admins group, fails
    // iam.policy-full-admin, and both principals fail iam.administrator-access-attached. The escalation traps (gen-escalation.ts), planted at any
    // rate, hold inline policies granting iam:PassRole on "*" (denied or capped elsewhere, which a
    // judgement of the document alone does not see): iam.policy-pass-any-role fails them.
    assert.deepEqual(planted, [
      'lambda.cross-account-grant',
      'lambda.reserved-concurrency-unset',
      'iam.role-trust-cross-account',
      'iam.role-admin-equivalent',
      'lambda.modify-any-function',
      // Tracing and VPC attachment are drawn at rates of their own (40% Active, 20% in a VPC).
      'lambda.tracing-not-active',
      'lambda.not-in-vpc',
      // The credential-report checks judge facets drawn at every rate: a service user's second
      // key, a console password last used up to 60 days ago, a console user with a key.
      'iam.user-multiple-active-keys',
      'iam.password-unused',
      'iam.user-console-and-keys',
      'iam.policy-full-admin',
      'iam.administrator-access-attached',
      'iam.policy-pass-any-role',
      'iam.role-unused',
      // The policy checks' clean look-alikes include customer policies attached to nothing
      // (planted at every rate, so an unattached policy is judged on its document alone): idle
      // policies, which iam.unused-customer-policy reports.
      'iam.unused-customer-policy',
      'iam.user-no-group',
      // The administrator roles above may pass every Lambda capacity provider too.
      'lambda.pass-capacity-provider-any',
      // Versions are published on a share of functions at any rate (facts/lambda-qualifiers.ts),
      // and most of the rest are wired to $LATEST by the generator's own grants.
      'lambda.unversioned-function',
    ]);
    assert.ok(manifest.lookAlikes.some((l) => l.checkId === 'iam.password-policy'));
  });
});

describe('quota model and fault draws', () => {
  it('maps Lambda calls to the GetFunction, GetPolicy and shared control-plane buckets; IAM to one account bucket', () => {
    const key = (service: string, region: string, action: string) =>
      quotaClass(service, region, action, new QuotaModel().rates);
    assert.deepEqual(key('lambda', R1, 'GetFunction'), { key: 'lambda:us-east-1:GetFunction', rate: 100 });
    assert.deepEqual(key('lambda', R1, 'GetPolicy'), { key: 'lambda:us-east-1:GetPolicy', rate: 15 });
    assert.equal(
      key('lambda', R1, 'ListFunctionUrlConfigs').key,
      key('lambda', R1, 'GetFunctionConcurrency').key,
    );
    assert.notEqual(key('lambda', R1, 'ListFunctions').key, key('lambda', R2, 'ListFunctions').key);
    assert.equal(
      key('iam', R1, 'GetAccountAuthorizationDetails').key,
      key('iam', R2, 'GetCredentialReport').key,
    );
  });

  it('holds one second of rate as burst and refills at rate × k', () => {
    let now = 0;
    const q = new QuotaModel({}, 1, () => now);
    for (let i = 0; i < 15; i++) assert.equal(q.take('lambda', R1, 'GetPolicy').ok, true);
    const refused = q.take('lambda', R1, 'GetPolicy');
    assert.equal(refused.ok, false);
    if (!refused.ok) assert.ok(Math.abs(refused.retryAfterMs - 1000 / 15) < 1e-6);
    now += 1000 / 15;
    assert.equal(q.take('lambda', R1, 'GetPolicy').ok, true);

    const fast = new QuotaModel({}, 10, () => 0);
    let granted = 0;
    while (fast.take('lambda', R1, 'GetPolicy').ok) granted++;
    assert.equal(granted, 150);
  });

  it('draws reproducible faults and divides latency by the time scale', () => {
    const opts = {
      serverErrorRate: 0.3,
      resetRate: 0.2,
      slowRate: 0.1,
      latency: { meanMs: 100, jitterMs: 50 },
    };
    const a = new FaultInjector(opts, 7, 4);
    const b = new FaultInjector(opts, 7, 4);
    const da = Array.from({ length: 50 }, () => a.draw(R1));
    assert.deepEqual(
      da,
      Array.from({ length: 50 }, () => b.draw(R1)),
    );
    for (const d of da.filter((x) => !x.slow)) assert.ok(d.delayMs >= 50 / 4 && d.delayMs <= 150 / 4);
    assert.ok(da.some((d) => d.outcome === 'server-error') && da.some((d) => d.outcome === 'reset'));
    assert.equal(a.regionDisabled('iam', R2), false);
  });

  it('summarizes the call log by service:action', () => {
    const base = { accountId: '123456789012', region: R1, startedMs: 0, durationMs: 1 };
    const s = summarize([
      { ...base, service: 'lambda', action: 'GetPolicy', status: 429, throttled: true },
      { ...base, service: 'lambda', action: 'GetPolicy', status: 200, throttled: false },
      {
        ...base,
        service: 'iam',
        action: 'GetAccountSummary',
        status: 500,
        throttled: false,
        fault: 'server-error',
      },
    ]);
    assert.deepEqual(s, {
      total: 3,
      byAction: { 'iam:GetAccountSummary': 1, 'lambda:GetPolicy': 2 },
      throttled: 1,
      faults: { 'server-error': 1 },
      succeeded: 1,
    });
  });
});

describe('lambda-config plants (test/sim/facts/lambda-config.ts)', () => {
  // `now` placed relative to the data file's own dates, never to today's.
  const day = (id: string, key: 'deprecation' | 'blockFunctionUpdate') =>
    runtimeTable().byId.get(id)?.[key] ?? assert.fail(`${id} not in the data file`);
  const at = (iso: string) => generateAccount({ ...SMALL, now: iso });
  const noonBefore = (d: string, days: number) =>
    new Date(Date.parse(`${d}T12:00:00Z`) - days * 86_400_000).toISOString();

  it('plants a runtime deprecated within 90 days when the data file has one, and a later one as its look-alike', () => {
    const { account, manifest } = at(noonBefore(day('nodejs22.x', 'deprecation'), 30));
    const soon = manifest.findings.filter((f) => f.checkId === 'lambda.runtime-deprecating-soon');
    assert.ok(soon.length > 0);
    const fns = new Map(
      account.regions.flatMap((r) => account.lambda[r]?.functions ?? []).map((f) => [f.arn, f]),
    );
    for (const f of soon) assert.ok(f.note.includes(fns.get(f.resourceArn)?.runtime ?? '?'));
    assert.ok(manifest.lookAlikes.some((l) => l.checkId === 'lambda.runtime-deprecating-soon'));
    assert.ok(!manifest.unplantable.some((u) => u.checkId === 'lambda.runtime-deprecating-soon'));
  });

  it('says so, instead of planting, when no runtime is deprecated within 90 days', () => {
    // Five days after a deprecation that the next one follows by more than 100 days: none falls due within 90.
    const quiet = runtimeTable()
      .data.runtimes.map((r) => Date.parse(`${r.deprecation}T00:00:00Z`))
      .sort((a, b) => a - b);
    const gapStart = quiet.find(
      (t, i) => (quiet[i + 1] ?? t) - t > 100 * 86_400_000 && t > Date.parse('2026-01-01'),
    );
    assert.ok(gapStart, 'the data file has a gap of more than 100 days between two deprecations');
    const { manifest } = at(new Date(gapStart + 5 * 86_400_000).toISOString());
    assert.equal(manifest.counts['lambda.runtime-deprecating-soon'], 0);
    assert.ok(manifest.unplantable.some((u) => u.checkId === 'lambda.runtime-deprecating-soon'));
  });

  it('plants an update-blocked runtime, a detached VPC config and a secret under a customer managed key', () => {
    const { account, manifest } = generateAccount({ ...SMALL, misconfigRate: 0.45 });
    const count = (id: string) => manifest.findings.filter((f) => f.checkId === id).length;
    assert.ok(count('lambda.runtime-update-blocked') > 0);
    assert.ok(count('lambda.runtime-al2-end-of-life') > 0);
    assert.ok(count('lambda.env-secrets-default-key') > 0);
    assert.ok(manifest.lookAlikes.some((l) => l.checkId === 'lambda.env-secrets-default-key'));
    assert.ok(
      manifest.lookAlikes.some(
        (l) => l.checkId === 'lambda.runtime-al2-end-of-life' && l.note.includes('provided.al2023'),
      ),
    );
    assert.ok(
      manifest.findings.some((f) => f.checkId === 'lambda.not-in-vpc' && f.note.includes('detached')),
    );
    const fns = account.regions.flatMap((r) => account.lambda[r]?.functions ?? []);
    assert.ok(fns.some((f) => f.vpc !== null && f.vpc.subnetIds.length === 0));
    assert.ok(
      manifest.notApplicable.some(
        (n) => n.checkId === 'lambda.not-in-vpc' && n.note.startsWith('Lambda@Edge'),
      ),
    );
    // Every secret-holding function is judged by the default-key check, and nothing else is.
    const secrets = new Set(
      manifest.findings.filter((f) => f.checkId === 'lambda.env-secrets').map((f) => f.resourceArn),
    );
    const judged = [
      ...manifest.findings.filter((f) => f.checkId === 'lambda.env-secrets-default-key'),
      ...manifest.lookAlikes.filter((l) => l.checkId === 'lambda.env-secrets-default-key'),
    ].map((x) => x.resourceArn);
    assert.deepEqual(new Set(judged), secrets);
  });
});
