/**
 * deploy/aws/batch-org-scan.cfn.yaml, as it would deploy with and without an ExternalId: the scan
 * is an array job of ShardCount children running `scan --org --shard auto/N`, the merge runs after
 * it (whatever its outcome) with `--expect-shards N`, both as command lines the built CLI accepts;
 * the state machine is valid JSON with the two .sync tasks in that order; the schedule may only
 * start it; and the job roles hold exactly the listed actions, scoped to the audit role and the
 * report prefix.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { duration } from '../../src/cli/args.js';
import { EXIT } from '../../src/cli/failures.js';
import { type Json, parseCfnYaml, type Resolved, resolveTemplate, type Template } from './cfn-yaml.js';
import { assertCommandLine } from './cli-flags.js';
import { accessLevel, allowedActions, flagValue, readRepoFile } from './sources.js';

const template = parseCfnYaml(readRepoFile('deploy/aws/batch-org-scan.cfn.yaml')) as unknown as Template;
const REQUIRED = {
  Image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/lambda-posture:0.1.0',
  ReportBucket: 'my-security-reports',
  VpcId: 'vpc-0123',
  Subnets: ['subnet-0123', 'subnet-4567'],
  SecurityGroup: 'sg-0123',
};
const deploy = (params: Record<string, Json> = {}): Resolved =>
  resolveTemplate(template, { ...REQUIRED, ...params });

type Props = Record<string, Json>;
const props = (r: Resolved, name: string): Props => {
  const res = r.resources[name];
  assert.ok(res, `no resource ${name}`);
  return (res.Properties ?? {}) as Props;
};
const container = (r: Resolved, jobDefinition: string): Props =>
  props(r, jobDefinition).ContainerProperties as Props;
const command = (r: Resolved, jobDefinition: string): string[] => {
  const c = container(r, jobDefinition).Command as Json[];
  assert.ok(
    c.every((a) => typeof a === 'string'),
    `every argument resolves to a string: ${JSON.stringify(c)}`,
  );
  return c as string[];
};
const statements = (r: Resolved, role: string) =>
  (props(r, role).Policies as { PolicyDocument: { Statement: Props[] } }[]).flatMap(
    (p) => p.PolicyDocument.Statement,
  );

/** The state machine definition, its ${…} substitutions filled with stand-ins, parsed as JSON. */
function definition(
  r: Resolved,
  shardCount: number = Number(template.Parameters?.ShardCount?.Default),
): {
  StartAt: string;
  States: Record<string, Props & { Type: string; Next?: string; Default?: string }>;
} {
  const sub = props(r, 'StateMachine').DefinitionString as { 'Fn::Sub': string };
  assert.equal(typeof sub['Fn::Sub'], 'string', 'one Fn::Sub string');
  const values: Record<string, string> = {
    'AWS::Partition': 'aws',
    JobQueue: 'arn:aws:batch:eu-west-1:123456789012:job-queue/q',
    ScanJobDefinition: 'arn:aws:batch:eu-west-1:123456789012:job-definition/scan:1',
    MergeJobDefinition: 'arn:aws:batch:eu-west-1:123456789012:job-definition/merge:1',
    ShardCount: String(shardCount),
  };
  const filled = sub['Fn::Sub'].replace(/\$\{([^!}][^}]*)\}/g, (_, name: string) => {
    assert.ok(name in values, `\${${name}} in the definition`);
    return values[name] as string;
  });
  return JSON.parse(filled);
}

describe('AWS Batch organization scan', () => {
  it('the scan is scan --org --shard auto/N for the array job’s size N; the merge expects N', () => {
    for (const n of [4, 7]) {
      const r = deploy({ ShardCount: n });
      const scan = command(r, 'ScanJobDefinition');
      assert.deepEqual(scan.slice(0, 2), ['scan', '--org']);
      assert.equal(flagValue(scan, 'shard'), `auto/${n}`);
      const merge = command(r, 'MergeJobDefinition');
      assert.equal(merge[0], 'merge');
      assert.equal(flagValue(merge, 'expect-shards'), String(n));
      assert.ok(!merge.includes('--wait'), 'it starts after every shard has ended: nothing to wait for');
      const scanTask = definition(r, n).States.Scan?.Parameters as Props;
      assert.deepEqual(scanTask.ArrayProperties, { Size: n }, 'the array job has N children');
    }
    assert.ok((template.Parameters?.ShardCount?.MinValue ?? 0) >= 2, 'an array job has at least 2 children');
  });

  it('both are command lines the built CLI accepts (scan --help, merge --help)', () => {
    for (const params of [{}, { ExternalId: 'tenant-7f3a' }] as Record<string, Json>[]) {
      const r = deploy(params);
      assertCommandLine(command(r, 'ScanJobDefinition'), 'Batch scan command');
      assertCommandLine(command(r, 'MergeJobDefinition'), 'Batch merge command');
    }
  });

  it('the audit role name flows into --role-name and the AssumeRole resource; the ExternalId only when given', () => {
    const r = deploy({ AuditRoleName: 'OrgAudit', ExternalId: 'tenant-7f3a' });
    const scan = command(r, 'ScanJobDefinition');
    assert.equal(flagValue(scan, 'role-name'), 'OrgAudit');
    assert.equal(flagValue(scan, 'external-id'), 'tenant-7f3a');
    const assume = statements(r, 'ScanJobRole').find((s) => s.Action === 'sts:AssumeRole');
    assert.equal(assume?.Resource, 'arn:aws:iam::*:role/OrgAudit');
    assert.ok(!command(deploy(), 'ScanJobDefinition').includes('--external-id'), 'no flag without an id');
    assert.equal(flagValue(command(deploy(), 'ScanJobDefinition'), 'role-name'), 'lambda-posture-audit');
  });

  it('the job roles: exactly the listed actions, none a wildcard; the merge only uploads', () => {
    const r = deploy({ ReportPrefix: 'sec/org' });
    const scanActions = statements(r, 'ScanJobRole').flatMap((s) => allowedActions({ Statement: [s] }));
    const mergeActions = statements(r, 'MergeJobRole').flatMap((s) => allowedActions({ Statement: [s] }));
    // The shipped policy for the organization's lister, action for action.
    const shipped = JSON.parse(readRepoFile('policy/lambda-posture-organization.json')) as {
      Statement: { Action: string[] }[];
    };
    assert.deepEqual(scanActions.sort(), shipped.Statement.flatMap((s) => s.Action).sort());
    assert.deepEqual(mergeActions, ['s3:PutObject']);
    for (const a of [...scanActions, ...mergeActions]) assert.ok(!a.includes('*'), `wildcard action ${a}`);
    // The only writes: assuming the audit role, and putting objects under the prefix.
    assert.deepEqual(
      scanActions.filter((a) => !['Read', 'List'].includes(accessLevel(a))),
      ['sts:AssumeRole'],
    );
    const put = statements(r, 'MergeJobRole')[0];
    assert.equal(put?.Resource, 'arn:aws:s3:::my-security-reports/sec/org/*');
    assert.equal(flagValue(command(r, 'MergeJobDefinition'), 'upload'), 's3://my-security-reports/sec/org');
    for (const role of ['ScanJobRole', 'MergeJobRole']) {
      for (const s of statements(r, role)) {
        assert.equal(s.Effect, 'Allow');
        assert.ok(!('NotResource' in s) && !('NotAction' in s), `${role}: ${JSON.stringify(s)}`);
      }
      for (const key of ['ManagedPolicyArns', 'PermissionsBoundary'])
        assert.ok(!(key in props(r, role)), key);
    }
  });

  it('the state machine: valid JSON, scan then merge as .sync tasks, the merge reached whatever the scan did', () => {
    const sm = definition(deploy());
    const sync = Object.entries(sm.States).filter(([, s]) => s.Type === 'Task');
    assert.deepEqual(
      sync.map(([name, s]) => [name, s.Resource]),
      [
        ['Scan', 'arn:aws:states:::batch:submitJob.sync'],
        ['Merge', 'arn:aws:states:::batch:submitJob.sync'],
      ],
    );
    // Walk the path a scheduled night takes: the scan comes before the merge, and leads to it.
    const order: string[] = [];
    for (let at: string | undefined = sm.StartAt; at && !order.includes(at); ) {
      order.push(at);
      const s: (Props & { Type: string; Next?: string }) | undefined = sm.States[at];
      at = s?.Type === 'Choice' ? ((s.Choices as Props[])[0]?.Next as string) : s?.Next;
    }
    assert.ok(
      order.indexOf('Scan') >= 0 && order.indexOf('Scan') < order.indexOf('Merge'),
      order.join(' → '),
    );
    const scan = sm.States.Scan as Props;
    assert.equal(scan.Next, 'Merge');
    assert.deepEqual(
      (scan.Catch as Props[]).map((c) => [c.ErrorEquals, c.Next]),
      [[['States.TaskFailed'], 'Merge']],
    );
    const params = (name: string) => sm.States[name]?.Parameters as Props;
    assert.equal(params('Scan').JobDefinition, 'arn:aws:batch:eu-west-1:123456789012:job-definition/scan:1');
    assert.equal(
      params('Merge').JobDefinition,
      'arn:aws:batch:eu-west-1:123456789012:job-definition/merge:1',
    );
    // Both jobs get the same run folder: the shards write into it, the merge reads it.
    assert.deepEqual(params('Scan').Parameters, { 'out.$': '$.run.shards' });
    assert.deepEqual(params('Merge').Parameters, { 'shards.$': '$.run.shards', 'out.$': '$.run.merged' });
    const r = deploy();
    assert.equal(flagValue(command(r, 'ScanJobDefinition'), 'out'), 'Ref::out');
    assert.deepEqual(command(r, 'MergeJobDefinition').slice(0, 4), [
      'merge',
      'Ref::shards',
      '--out',
      'Ref::out',
    ]);
    // A failed shard still ends the execution as failed, after the merge.
    assert.equal(sm.States.DidEveryShardSucceed?.Type, 'Choice');
    assert.equal(sm.States.ShardsFailed?.Type, 'Fail');
  });

  it('the state machine role may run these two job definitions on this queue and follow them; nothing else', () => {
    const s = statements(deploy(), 'StateMachineRole');
    assert.deepEqual(
      s.map((x) => [x.Action, x.Resource]),
      [
        [
          'batch:SubmitJob',
          [{ Ref: 'JobQueue' }, { Ref: 'ScanJobDefinition' }, { Ref: 'MergeJobDefinition' }],
        ],
        ['batch:DescribeJobs', '*'],
        ['batch:TerminateJob', 'arn:aws:batch:eu-west-1:123456789012:job/*'],
        [
          ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
          'arn:aws:events:eu-west-1:123456789012:rule/StepFunctionsGetEventsForBatchJobsRule',
        ],
      ],
    );
    // "*" only where the action has no resource type to name.
    assert.equal(accessLevel('batch:DescribeJobs'), 'Read');
  });

  it('the schedule starts the state machine with a role allowed only states:StartExecution on it', () => {
    const r = deploy();
    const schedule = props(r, 'NightlySchedule');
    const target = schedule.Target as Props;
    assert.deepEqual(target.Arn, { Ref: 'StateMachine' });
    assert.deepEqual(target.RoleArn, { 'Fn::GetAtt': ['SchedulerRole', 'Arn'] });
    assert.deepEqual(JSON.parse(String(target.Input)), { scheduledTime: '<aws.scheduler.scheduled-time>' });
    assert.deepEqual(schedule.FlexibleTimeWindow, { Mode: 'OFF' });
    assert.deepEqual(
      statements(r, 'SchedulerRole').map((s) => [s.Effect, s.Action, s.Resource]),
      [['Allow', 'states:StartExecution', { Ref: 'StateMachine' }]],
    );
    const trust = (props(r, 'SchedulerRole').AssumeRolePolicyDocument as { Statement: Props[] }).Statement;
    assert.deepEqual(
      trust.map((t) => t.Principal),
      [{ Service: 'scheduler.amazonaws.com' }],
    );
  });

  it('Fargate jobs as uid 1000 on a read-only root; /reports and /tmp on EFS access points of uid 1000', () => {
    const r = deploy();
    for (const jd of ['ScanJobDefinition', 'MergeJobDefinition']) {
      assert.deepEqual(props(r, jd).PlatformCapabilities, ['FARGATE']);
      const c = container(r, jd);
      assert.equal(c.User, '1000:1000');
      assert.equal(c.ReadonlyRootFilesystem, true);
      assert.ok(!('LinuxParameters' in c), 'tmpfs and the rest of LinuxParameters are EC2-only');
      const mounts = Object.fromEntries(
        (c.MountPoints as Props[]).map((m) => [m.ContainerPath, m.SourceVolume]),
      );
      assert.deepEqual(Object.keys(mounts).sort(), ['/reports', '/tmp']);
      const volumes: Record<string, Props> = Object.fromEntries(
        (c.Volumes as Props[]).map((v) => [String(v.Name), v]),
      );
      const accessPoint = (path: string) =>
        (
          ((volumes[mounts[path] as string] as Props).EfsVolumeConfiguration as Props)
            .AuthorizationConfig as Props
        ).AccessPointId;
      assert.deepEqual(accessPoint('/reports'), { Ref: 'ReportsAccessPoint' });
      assert.deepEqual(accessPoint('/tmp'), { Ref: 'ScratchAccessPoint' });
      for (const v of Object.values(volumes)) {
        const efs = v.EfsVolumeConfiguration as Props;
        assert.equal(efs.TransitEncryption, 'ENABLED');
        assert.equal((efs.AuthorizationConfig as Props).Iam, 'ENABLED');
      }
      const memory = Number((c.ResourceRequirements as Props[]).find((x) => x.Type === 'MEMORY')?.Value);
      const heap = Number(
        /--max-old-space-size=(\d+)/.exec(
          String((c.Environment as Props[]).find((e) => e.Name === 'NODE_OPTIONS')?.Value),
        )?.[1],
      );
      assert.ok(heap > 0 && heap <= memory * 0.8, `${jd}: heap ${heap} MiB in ${memory} MiB`);
    }
    for (const ap of ['ReportsAccessPoint', 'ScratchAccessPoint'])
      assert.deepEqual(props(r, ap).PosixUser, { Uid: '1000', Gid: '1000' });
    const scan = command(r, 'ScanJobDefinition');
    const concurrency = Number(flagValue(scan, 'account-concurrency'));
    const memory = Number(
      (container(r, 'ScanJobDefinition').ResourceRequirements as Props[]).find((x) => x.Type === 'MEMORY')
        ?.Value,
    );
    assert.ok(memory >= concurrency * 773 * 1.5, `${memory} MiB for ${concurrency} accounts at once`);
  });

  it('retries a job only for a network failure or a container that never ran; the deadline outlasts --timeout', () => {
    const r = deploy();
    for (const jd of ['ScanJobDefinition', 'MergeJobDefinition'])
      assert.deepEqual(props(r, jd).RetryStrategy, {
        Attempts: 2,
        EvaluateOnExit: [
          { OnExitCode: String(EXIT.network), Action: 'RETRY' },
          { OnExitCode: '*', Action: 'EXIT' },
        ],
      });
    const attempt =
      ((props(r, 'ScanJobDefinition').Timeout as Props).AttemptDurationSeconds as number) * 1000;
    const timeout = duration('timeout', String(flagValue(command(r, 'ScanJobDefinition'), 'timeout')));
    assert.ok(
      timeout < attempt && attempt - timeout <= 15 * 60_000,
      `--timeout ${timeout} ms in ${attempt} ms`,
    );
  });

  it('the file system admits only the two job roles, over TLS, through an access point, from the jobs’ group', () => {
    const r = deploy();
    const policy = props(r, 'FileSystem').FileSystemPolicy as { Statement: Props[] };
    assert.equal(policy.Statement.length, 1);
    const s = policy.Statement[0] as Props;
    assert.deepEqual((s.Principal as Props).AWS, [
      { 'Fn::GetAtt': ['ScanJobRole', 'Arn'] },
      { 'Fn::GetAtt': ['MergeJobRole', 'Arn'] },
    ]);
    assert.deepEqual(s.Action, ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite']);
    assert.deepEqual((s.Condition as Props).Bool, {
      'aws:SecureTransport': 'true',
      'elasticfilesystem:AccessedViaMountTarget': 'true',
    });
    assert.equal(props(r, 'FileSystem').Encrypted, true);
    const ingress = props(r, 'FileSystemSecurityGroup').SecurityGroupIngress as Props[];
    assert.deepEqual(
      ingress.map((i) => [i.IpProtocol, i.FromPort, i.ToPort, i.SourceSecurityGroupId]),
      [['tcp', 2049, 2049, 'sg-0123']],
    );
    const subnets = ['MountTargetA', 'MountTargetB'].map((m) => props(r, m).SubnetId);
    assert.deepEqual(
      (props(r, 'ComputeEnvironment').ComputeResources as Props).Subnets,
      subnets,
      'the jobs run only where a mount target is',
    );
  });
});
