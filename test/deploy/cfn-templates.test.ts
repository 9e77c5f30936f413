/**
 * Structural checks of every CloudFormation template in deploy/aws (no CloudFormation runs here):
 * only resource types this project knows how to configure, with the properties CloudFormation
 * requires; every Ref, GetAtt, Sub and condition pointing at something declared; every parameter
 * used and its default valid; and the same reading under YAML 1.1 (which CloudFormation-adjacent
 * tools still use) as under 1.2, so no `OFF` or `yes` turns into a boolean somewhere.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findIntrinsics, type Json, parseCfnYaml, subReferences, type Template } from './cfn-yaml.js';
import { readRepoFile, root } from './sources.js';

/**
 * The resource types the examples use, each with the properties CloudFormation's resource
 * reference marks required and the attributes GetAtt may read. A new type has to be added here
 * deliberately, with its required properties looked up, rather than slipping in untested.
 */
const KNOWN_TYPES: Record<string, { required: string[]; attributes: string[] }> = {
  'AWS::IAM::Role': { required: ['AssumeRolePolicyDocument'], attributes: ['Arn', 'RoleId'] },
  'AWS::ECS::Cluster': { required: [], attributes: ['Arn'] },
  'AWS::ECS::TaskDefinition': { required: [], attributes: ['TaskDefinitionArn'] },
  'AWS::Logs::LogGroup': { required: [], attributes: ['Arn'] },
  'AWS::Scheduler::Schedule': {
    required: ['FlexibleTimeWindow', 'ScheduleExpression', 'Target'],
    attributes: ['Arn'],
  },
  'AWS::Events::Rule': { required: [], attributes: ['Arn'] },
  'AWS::EC2::SecurityGroup': { required: ['GroupDescription'], attributes: ['GroupId', 'VpcId'] },
  'AWS::EFS::FileSystem': { required: [], attributes: ['Arn', 'FileSystemId'] },
  'AWS::EFS::MountTarget': {
    required: ['FileSystemId', 'SecurityGroups', 'SubnetId'],
    attributes: ['Id', 'IpAddress'],
  },
  'AWS::EFS::AccessPoint': { required: ['FileSystemId'], attributes: ['AccessPointId', 'Arn'] },
  'AWS::Batch::ComputeEnvironment': { required: ['Type'], attributes: ['ComputeEnvironmentArn'] },
  'AWS::Batch::JobQueue': { required: ['Priority'], attributes: ['JobQueueArn'] },
  'AWS::Batch::JobDefinition': { required: ['Type'], attributes: [] },
  'AWS::StepFunctions::StateMachine': { required: ['RoleArn'], attributes: ['Arn', 'Name'] },
};

const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

const templates = readdirSync(join(root, 'deploy/aws'))
  .filter((f) => f.endsWith('.cfn.yaml'))
  .sort()
  .map((f) => `deploy/aws/${f}`);

describe('CloudFormation templates', () => {
  it('finds every template', () => {
    assert.deepEqual(templates, [
      'deploy/aws/audit-role.cfn.yaml',
      'deploy/aws/batch-org-scan.cfn.yaml',
      'deploy/aws/ecs-scheduled-task.cfn.yaml',
    ]);
  });

  for (const path of templates) {
    const text = readRepoFile(path);
    const t = parseCfnYaml(text) as unknown as Template;
    const whole = t as unknown as Json;
    const resources = t.Resources;
    const params = t.Parameters ?? {};
    const conditions = t.Conditions ?? {};

    describe(path, () => {
      it('uses only known resource types, each with its required properties', () => {
        assert.ok(Object.keys(resources).length > 0);
        for (const [name, r] of Object.entries(resources)) {
          const known = KNOWN_TYPES[r.Type];
          assert.ok(known, `${name}: ${r.Type} is not in KNOWN_TYPES`);
          for (const p of known.required) assert.ok(r.Properties && p in r.Properties, `${name} lacks ${p}`);
        }
      });

      it('every Ref, GetAtt and Sub names a parameter, a resource or a pseudo parameter', () => {
        const names = new Set([...Object.keys(params), ...Object.keys(resources), ...PSEUDO_PARAMETERS]);
        const refs = findIntrinsics(whole, 'Ref');
        assert.ok(refs.length > 0);
        for (const ref of refs)
          assert.ok(typeof ref === 'string' && names.has(ref), `Ref ${JSON.stringify(ref)}`);
        for (const att of findIntrinsics(whole, 'Fn::GetAtt')) {
          assert.ok(Array.isArray(att) && att.length === 2, `GetAtt ${JSON.stringify(att)}`);
          const [res, attribute] = att as [string, string];
          const type = resources[res]?.Type ?? '';
          assert.ok(
            KNOWN_TYPES[type]?.attributes.includes(attribute),
            `GetAtt ${res}.${attribute} (${type})`,
          );
        }
        for (const sub of findIntrinsics(whole, 'Fn::Sub'))
          for (const name of subReferences(sub))
            assert.ok(names.has(name), `Sub \${${name}} in ${JSON.stringify(sub)}`);
      });

      it('every condition used is declared, and every declared one used', () => {
        const used = new Set<string>();
        for (const r of Object.values(resources)) if (r.Condition) used.add(r.Condition);
        for (const i of findIntrinsics(whole, 'Fn::If')) used.add((i as Json[])[0] as string);
        for (const c of findIntrinsics(whole, 'Condition')) if (typeof c === 'string') used.add(c);
        assert.deepEqual([...used].sort(), Object.keys(conditions).sort());
      });

      it('every parameter is used, and its default satisfies its own constraints', () => {
        const refs = new Set(findIntrinsics(whole, 'Ref'));
        const subs = new Set(findIntrinsics(whole, 'Fn::Sub').flatMap(subReferences));
        for (const [name, p] of Object.entries(params)) {
          assert.ok(refs.has(name) || subs.has(name), `parameter ${name} is never used`);
          if (p.Default === undefined) continue;
          if (p.AllowedPattern !== undefined)
            assert.match(String(p.Default), new RegExp(p.AllowedPattern), `${name}'s default`);
          if (p.AllowedValues !== undefined)
            assert.ok(p.AllowedValues.includes(p.Default), `${name}'s default`);
          if (p.MinValue !== undefined) assert.ok(Number(p.Default) >= p.MinValue, `${name}'s default`);
          if (p.MaxValue !== undefined) assert.ok(Number(p.Default) <= p.MaxValue, `${name}'s default`);
        }
      });

      it('reads the same as YAML 1.1 and 1.2 (no "OFF" or "yes" that a 1.1 parser makes a boolean)', () => {
        assert.deepEqual(parseCfnYaml(text, '1.1'), parseCfnYaml(text, '1.2'));
      });
    });
  }

  it('the YAML 1.1 comparison would catch an unquoted OFF', () => {
    const text = 'Resources:\n  S:\n    Type: AWS::Scheduler::Schedule\n    Properties:\n      Mode: OFF\n';
    assert.notDeepEqual(parseCfnYaml(text, '1.1'), parseCfnYaml(text, '1.2'));
  });

  it('short-form tags read as their long forms, and an unknown tag is an error', () => {
    assert.deepEqual(
      parseCfnYaml('a: !GetAtt R.Arn\nb: !Ref X\nc: !If [C, !Sub "${X}", !Ref AWS::NoValue]\n'),
      {
        a: { 'Fn::GetAtt': ['R', 'Arn'] },
        b: { Ref: 'X' },
        c: { 'Fn::If': ['C', { 'Fn::Sub': '${X}' }, { Ref: 'AWS::NoValue' }] },
      },
    );
    assert.throws(() => parseCfnYaml('a: !Reff X\n'), /!Reff/);
  });
});
