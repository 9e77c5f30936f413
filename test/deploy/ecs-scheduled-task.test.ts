/**
 * deploy/aws/ecs-scheduled-task.cfn.yaml, as it would deploy with and without a KMS key: the
 * container runs the image's own default command plus the upload, as a non-root user on a
 * read-only root file system; the task role holds the shipped read-only policy plus PutObject
 * under the report prefix and nothing more; the scheduler may start only this task; and the alarm
 * fires on exactly the exit codes that are failures (from src/cli/failures.ts, not re-typed).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { duration } from '../../src/cli/args.js';
import { EXIT } from '../../src/cli/failures.js';
import { type Json, parseCfnYaml, type Resolved, resolveTemplate, type Template } from './cfn-yaml.js';
import {
  accessLevel,
  allowedActions,
  assertKnownScanFlags,
  dockerfileCmd,
  flagValue,
  readRepoFile,
  shippedPolicy,
} from './sources.js';

const template = parseCfnYaml(readRepoFile('deploy/aws/ecs-scheduled-task.cfn.yaml')) as unknown as Template;
const REQUIRED = {
  Image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/lambda-posture:0.1.0',
  ReportBucket: 'my-security-reports',
  Subnets: ['subnet-0123'],
  SecurityGroups: ['sg-0123'],
};
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const deploy = (params: Record<string, Json> = {}): Resolved =>
  resolveTemplate(template, { ...REQUIRED, ...params });

type Props = Record<string, Json>;
const props = (r: Resolved, name: string): Props => {
  const res = r.resources[name];
  assert.ok(res, `no resource ${name}`);
  return (res.Properties ?? {}) as Props;
};
const containers = (r: Resolved): Props[] => props(r, 'TaskDefinition').ContainerDefinitions as Props[];
const container = (r: Resolved, name: string): Props => {
  const c = containers(r).find((x) => x.Name === name);
  assert.ok(c, `no container ${name}`);
  return c;
};
const policies = (r: Resolved, role: string) =>
  props(r, role).Policies as { PolicyName: string; PolicyDocument: { Statement: Props[] } }[];

describe('ECS scheduled task', () => {
  it("runs the Dockerfile's CMD, then --upload s3://bucket/prefix, with the KMS key only when given", () => {
    const cmd = dockerfileCmd();
    for (const [params, kms] of [
      [{}, undefined],
      [{ ReportKmsKeyArn: KEY }, KEY],
    ] as const) {
      const command = container(deploy(params), 'lambda-posture').Command as string[];
      assert.deepEqual(command.slice(0, cmd.length), cmd, 'starts with the image default command');
      assert.equal(flagValue(command, 'upload'), 's3://my-security-reports/lambda-posture');
      if (kms) assert.equal(flagValue(command, 'upload-kms-key'), kms);
      else assert.ok(!command.includes('--upload-kms-key'), 'no KMS flag without a key');
      assert.ok(
        command.every((a) => typeof a === 'string'),
        `every argument resolves to a string: ${JSON.stringify(command)}`,
      );
      assertKnownScanFlags(command, 'ECS command');
    }
    const custom = container(deploy({ ReportPrefix: 'sec/scans' }), 'lambda-posture').Command as string[];
    assert.equal(flagValue(custom, 'upload'), 's3://my-security-reports/sec/scans');
  });

  it('bounds the scan with --timeout and logs JSON lines for CloudWatch', () => {
    const command = container(deploy(), 'lambda-posture').Command as string[];
    assert.equal(duration('timeout', String(flagValue(command, 'timeout'))), 50 * 60_000);
    assert.equal(flagValue(command, 'log-format'), 'json');
  });

  it('runs as uid 1000 on a read-only root file system, /reports and /tmp on task volumes', () => {
    const r = deploy();
    const main = container(r, 'lambda-posture');
    assert.equal(main.User, '1000:1000');
    assert.equal(main.ReadonlyRootFilesystem, true);
    assert.equal(main.Essential, true);
    assert.deepEqual((main.LinuxParameters as Props).Capabilities, { Drop: ['ALL'] });
    const volumes = (props(r, 'TaskDefinition').Volumes as Props[]).map((v) => v.Name);
    const mounts = main.MountPoints as Props[];
    assert.deepEqual(mounts.map((m) => m.ContainerPath).sort(), ['/reports', '/tmp']);
    for (const m of mounts)
      assert.ok(volumes.includes(m.SourceVolume as string), `${m.SourceVolume} is a volume`);
    // Task-scoped bind mounts: no host path, no EFS; gone with the task (the reports are in S3).
    for (const v of props(r, 'TaskDefinition').Volumes as Props[]) assert.deepEqual(Object.keys(v), ['Name']);
    assert.equal(flagValue(main.Command as string[], 'out'), '/reports', 'writes to the mounted folder');
  });

  it('the only root container just opens /tmp for uid 1000, with no capabilities, before the scan', () => {
    const r = deploy();
    const rooted = containers(r).filter((c) => !/^[1-9]\d*(:\d+)?$/.test(String(c.User)));
    assert.deepEqual(
      rooted.map((c) => c.Name),
      ['prepare-tmp'],
    );
    const prep = container(r, 'prepare-tmp');
    assert.equal(prep.Essential, false);
    assert.equal(prep.ReadonlyRootFilesystem, true);
    assert.deepEqual(prep.EntryPoint, ['/bin/sh', '-c', 'chmod 1777 /tmp']);
    assert.deepEqual((prep.LinuxParameters as Props).Capabilities, { Drop: ['ALL'] });
    assert.deepEqual(
      (prep.MountPoints as Props[]).map((m) => m.ContainerPath),
      ['/tmp'],
    );
    assert.deepEqual(container(r, 'lambda-posture').DependsOn, [
      { ContainerName: 'prepare-tmp', Condition: 'SUCCESS' },
    ]);
  });

  it('stops cleanly on SIGTERM within Fargate limits, and its heap fits the task memory', () => {
    const r = deploy();
    const main = container(r, 'lambda-posture');
    const stop = main.StopTimeout as number;
    assert.ok(stop > 0 && stop <= 120, `StopTimeout ${stop} (Fargate allows at most 120 s)`);
    const env = Object.fromEntries((main.Environment as Props[]).map((e) => [e.Name, e.Value]));
    const heap = Number(/--max-old-space-size=(\d+)/.exec(String(env.NODE_OPTIONS))?.[1]);
    const memory = Number(props(r, 'TaskDefinition').Memory);
    assert.ok(heap > 0 && heap <= memory * 0.8, `heap ${heap} MiB in a ${memory} MiB task`);
    // The benchmark's 10,000-function scan peaked at 773 MiB RSS (design notes 6): at least 2x that.
    assert.ok(memory >= 2 * 773, `${memory} MiB`);
  });

  it('the task role: the shipped read-only policy, and PutObject under the prefix (+ the KMS key) only', () => {
    for (const kms of [undefined, KEY]) {
      const r = deploy(kms ? { ReportKmsKeyArn: kms } : {});
      const [readonly, upload, ...more] = policies(r, 'TaskRole');
      assert.deepEqual(more, []);
      assert.deepEqual(readonly?.PolicyDocument, shippedPolicy());
      const statements = upload?.PolicyDocument.Statement ?? [];
      assert.deepEqual(
        statements.map((s) => [s.Effect, s.Action, s.Resource]),
        [
          ['Allow', 's3:PutObject', 'arn:aws:s3:::my-security-reports/lambda-posture/*'],
          ...(kms ? [['Allow', 'kms:GenerateDataKey', kms]] : []),
        ],
      );
      // Nothing beside them (a NotResource or a condition would change what they grant).
      for (const s of statements)
        assert.deepEqual(Object.keys(s).sort(), ['Action', 'Effect', 'Resource', 'Sid']);
      const trust = (props(r, 'TaskRole').AssumeRolePolicyDocument as { Statement: Props[] }).Statement;
      assert.deepEqual(trust, [
        {
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
        },
      ]);
    }
  });

  it('the execution role only pulls the image and writes the log; the scheduler role only starts this task', () => {
    const r = deploy();
    const exec = policies(r, 'ExecutionRole').flatMap((p) => allowedActions(p.PolicyDocument));
    assert.ok(exec.length > 0);
    for (const a of exec) assert.match(a, /^(ecr|logs):/, `execution role: ${a}`);
    const logs = policies(r, 'ExecutionRole')
      .flatMap((p) => p.PolicyDocument.Statement)
      .find((s) => s.Sid === 'WriteTheLog');
    assert.deepEqual(logs?.Resource, { 'Fn::GetAtt': ['LogGroup', 'Arn'] });

    const statements = policies(r, 'SchedulerRole').flatMap((p) => p.PolicyDocument.Statement);
    assert.deepEqual(
      statements.map((s) => s.Action),
      ['ecs:RunTask', 'iam:PassRole'],
    );
    const [run, pass] = statements;
    assert.deepEqual(run?.Resource, { Ref: 'TaskDefinition' });
    assert.deepEqual(run?.Condition, { ArnEquals: { 'ecs:cluster': { 'Fn::GetAtt': ['Cluster', 'Arn'] } } });
    assert.deepEqual(pass?.Resource, [
      { 'Fn::GetAtt': ['TaskRole', 'Arn'] },
      { 'Fn::GetAtt': ['ExecutionRole', 'Arn'] },
    ]);
    assert.deepEqual(pass?.Condition, { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } });
    // Writes are expected here (starting a task is one): the point is that they are these two.
    assert.equal(accessLevel('ecs:RunTask'), 'Write');
  });

  it('a nightly EventBridge Scheduler schedule starts one Fargate task of this definition', () => {
    const schedule = props(deploy(), 'NightlyScan');
    const expr = String(schedule.ScheduleExpression);
    // cron(minutes hours day-of-month month day-of-week year): once a day, every day.
    const fields = /^cron\((.*)\)$/.exec(expr)?.[1]?.split(' ') ?? [];
    assert.equal(fields.length, 6, expr);
    assert.match(`${fields[0]} ${fields[1]}`, /^\d+ \d+$/, `one fixed time of day: ${expr}`);
    assert.deepEqual(fields.slice(2), ['*', '*', '?', '*'], `every day: ${expr}`);
    assert.deepEqual(schedule.FlexibleTimeWindow, { Mode: 'OFF' });
    const target = schedule.Target as Props;
    assert.deepEqual(target.Arn, { 'Fn::GetAtt': ['Cluster', 'Arn'] });
    assert.deepEqual(target.RoleArn, { 'Fn::GetAtt': ['SchedulerRole', 'Arn'] });
    const ecs = target.EcsParameters as Props;
    assert.deepEqual(ecs.TaskDefinitionArn, { Ref: 'TaskDefinition' });
    assert.equal(ecs.LaunchType, 'FARGATE');
    assert.equal(ecs.TaskCount, 1);
    assert.deepEqual(props(deploy(), 'TaskDefinition').RequiresCompatibilities, ['FARGATE']);
  });

  it('alarms on every exit code but clean (0) and incomplete (3), only when a topic is given', () => {
    assert.equal(deploy().resources.FailedScanRule, undefined);
    const rule = props(
      deploy({ AlarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:security' }),
      'FailedScanRule',
    );
    const detail = (rule.EventPattern as Props).detail as Props;
    const exit = (detail.containers as Props).exitCode as Props[];
    assert.deepEqual(exit, [{ 'anything-but': [EXIT.ok, EXIT.incomplete] }]);
    assert.deepEqual((detail.containers as Props).name, ['lambda-posture']);
    assert.deepEqual(detail.lastStatus, ['STOPPED']);
    assert.deepEqual(rule.Targets, [
      { Id: 'alarm-topic', Arn: 'arn:aws:sns:eu-west-1:123456789012:security' },
    ]);
  });
});
