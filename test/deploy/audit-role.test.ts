/**
 * The audit role templates (deploy/aws/audit-role.cfn.yaml and audit-role.tf) grant exactly the
 * shipped read-only policy, nothing else, and demand the ExternalId whenever one is given. No
 * CloudFormation or Terraform runs here, so the CloudFormation template is read with its short-form
 * tags and its conditions evaluated for both cases, and the Terraform files are read as HCL blocks.
 */
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { type Json, parseCfnYaml, resolveTemplate, type Template } from './cfn-yaml.js';
import { attributes, block, blocks, stringLiteral } from './hcl.js';
import {
  accessLevel,
  allowedActions,
  readRepoFile,
  root,
  SHIPPED_POLICY_PATH,
  shippedPolicy,
} from './sources.js';

const cfn = parseCfnYaml(readRepoFile('deploy/aws/audit-role.cfn.yaml')) as unknown as Template;
const tfFiles = ['deploy/aws/audit-role.tf', 'deploy/aws/variables.tf'];
const tf = tfFiles.map(readRepoFile).join('\n');

/** The trust statement(s) and inline policies of the deployed role for these parameters. */
function cfnRole(params: Record<string, Json>) {
  const { resources } = resolveTemplate(cfn, {
    TrustedPrincipalArn: 'arn:aws:iam::111122223333:root',
    ...params,
  });
  const roles = Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Role');
  assert.equal(roles.length, 1, 'one role');
  return (roles[0] as { Properties: Record<string, Json> }).Properties;
}

describe('audit role: CloudFormation', () => {
  it('creates only the role, whose one inline policy is the shipped policy, verbatim', () => {
    assert.deepEqual(
      Object.values(cfn.Resources).map((r) => r.Type),
      ['AWS::IAM::Role'],
    );
    const props = cfnRole({});
    const policies = props.Policies as { PolicyName: string; PolicyDocument: Json }[];
    assert.equal(policies.length, 1);
    assert.deepEqual(policies[0]?.PolicyDocument, shippedPolicy());
    // No other source of permissions: no managed policies, no boundary that would widen nothing
    // but would hide a second document from this test.
    for (const key of ['ManagedPolicyArns', 'PermissionsBoundary'])
      assert.ok(!(key in props), `${key} adds permissions beside the shipped policy`);
  });

  it('the shipped policy grants only Read and List actions (IAM access levels)', () => {
    const actions = allowedActions(shippedPolicy());
    assert.ok(actions.length > 30, `only ${actions.length} actions read`);
    const writes = actions.filter((a) => !['Read', 'List'].includes(accessLevel(a)));
    assert.deepEqual(writes, []);
    // The catalogue does tell writes apart (else the assertion above could never fail).
    assert.equal(accessLevel('lambda:UpdateFunctionCode'), 'Write');
  });

  it('with an ExternalId, the trust policy requires it; without one, it has no condition', () => {
    const trust = (params: Record<string, Json>) =>
      (cfnRole(params).AssumeRolePolicyDocument as { Statement: Record<string, Json>[] }).Statement;
    const withId = trust({ ExternalId: 'tenant-7f3a' });
    assert.equal(withId.length, 1);
    assert.deepEqual(withId[0], {
      Sid: 'TrustTheScanner',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'tenant-7f3a' } },
    });
    const without = trust({});
    assert.equal(without.length, 1);
    assert.ok(!('Condition' in (without[0] ?? {})), JSON.stringify(without[0]));
    assert.deepEqual(without[0]?.Principal, { AWS: 'arn:aws:iam::111122223333:root' });
  });

  it('takes the scanner principal, an optional ExternalId, the role name and session length', () => {
    const p = cfn.Parameters ?? {};
    assert.deepEqual(Object.keys(p).sort(), [
      'ExternalId',
      'MaxSessionDuration',
      'RoleName',
      'TrustedPrincipalArn',
    ]);
    assert.equal(p.RoleName?.Default, 'lambda-posture-audit');
    assert.equal(p.ExternalId?.Default, '');
    assert.equal(
      p.TrustedPrincipalArn?.Default,
      undefined,
      'the principal has no default: it must be chosen',
    );
    const props = cfnRole({ RoleName: 'audit-x', MaxSessionDuration: 7200 });
    assert.equal(props.RoleName, 'audit-x');
    assert.equal(props.MaxSessionDuration, 7200);
    assert.deepEqual(
      [p.MaxSessionDuration?.MinValue, p.MaxSessionDuration?.MaxValue],
      [3600, 43200],
      "IAM's limits",
    );
  });

  it('the principal pattern accepts role, user and root ARNs of any partition, and nothing broader', () => {
    const pattern = new RegExp(cfn.Parameters?.TrustedPrincipalArn?.AllowedPattern ?? '(?!)');
    for (const ok of [
      'arn:aws:iam::111122223333:root',
      'arn:aws:iam::111122223333:role/lambda-posture-scanner',
      'arn:aws:iam::111122223333:role/path/to/scanner',
      'arn:aws-us-gov:iam::111122223333:role/scanner',
      'arn:aws-cn:iam::111122223333:user/ci',
    ])
      assert.match(ok, pattern);
    for (const bad of [
      '*',
      'arn:aws:iam::*:root',
      '111122223333',
      'arn:aws:iam::11112222333:root',
      'arn:aws:sts::111122223333:assumed-role/x/y',
    ])
      assert.doesNotMatch(bad, pattern);
  });
});

describe('audit role: Terraform', () => {
  it('reads the role policy from the shipped file itself, and attaches nothing else', () => {
    const locals = attributes(block(tf, 'locals').body);
    const policyFile = stringLiteral(locals.policy_file?.replace('${path.module}', ''));
    // path.module is the folder of the .tf file: deploy/aws.
    assert.equal(resolve(join(root, 'deploy/aws'), `.${policyFile}`), resolve(root, SHIPPED_POLICY_PATH));
    const policy = attributes(block(tf, 'resource', 'aws_iam_role_policy', 'readonly').body);
    assert.equal(policy.policy, 'file(local.policy_file)');
    assert.equal(policy.role, 'aws_iam_role.audit.id');
    const permissionSources = blocks(tf).filter(
      (b) =>
        b.type === 'resource' &&
        /^aws_iam_(role_policy|role_policy_attachment|policy|policy_attachment|role_policies_exclusive)$/.test(
          b.labels[0] ?? '',
        ),
    );
    assert.deepEqual(
      permissionSources.map((b) => b.labels.join('.')),
      ['aws_iam_role_policy.readonly'],
    );
    const role = attributes(block(tf, 'resource', 'aws_iam_role', 'audit').body);
    for (const key of ['managed_policy_arns', 'inline_policy', 'permissions_boundary'])
      assert.ok(!(key in role), `aws_iam_role.audit sets ${key}`);
    assert.ok(
      blocks(block(tf, 'resource', 'aws_iam_role', 'audit').body).every((b) => b.type !== 'inline_policy'),
    );
  });

  it('trusts the given principal, requiring sts:ExternalId only when one is given', () => {
    const role = attributes(block(tf, 'resource', 'aws_iam_role', 'audit').body);
    assert.equal(role.assume_role_policy, 'data.aws_iam_policy_document.trust.json');
    const trust = block(tf, 'data', 'aws_iam_policy_document', 'trust');
    const statements = blocks(trust.body).filter((b) => b.type === 'statement');
    assert.equal(statements.length, 1);
    const statement = statements[0]?.body ?? '';
    assert.deepEqual(attributes(statement), {
      sid: '"TrustTheScanner"',
      effect: '"Allow"',
      actions: '["sts:AssumeRole"]',
    });
    assert.deepEqual(attributes(block(statement, 'principals').body), {
      type: '"AWS"',
      identifiers: '[var.trusted_principal_arn]',
    });
    const dynamic = block(statement, 'dynamic', 'condition');
    // for_each is empty exactly when no external id is given.
    assert.equal(attributes(dynamic.body).for_each, 'var.external_id == "" ? [] : [var.external_id]');
    assert.deepEqual(attributes(block(dynamic.body, 'content').body), {
      test: '"StringEquals"',
      variable: '"sts:ExternalId"',
      values: '[condition.value]',
    });
    // No other condition block that could stand in for (or loosen) it.
    assert.equal(blocks(statement).filter((b) => b.type === 'condition').length, 0);
  });

  it('declares the same inputs as the CloudFormation template, with the same defaults', () => {
    const vars = Object.fromEntries(
      blocks(tf)
        .filter((b) => b.type === 'variable')
        .map((b) => [b.labels[0], attributes(b.body)]),
    );
    assert.deepEqual(Object.keys(vars).sort(), [
      'external_id',
      'max_session_duration',
      'role_name',
      'trusted_principal_arn',
    ]);
    assert.equal(vars.role_name?.default, '"lambda-posture-audit"');
    assert.equal(vars.external_id?.default, '""');
    assert.equal(vars.max_session_duration?.default, '3600');
    assert.equal(vars.trusted_principal_arn?.default, undefined);
    // Every declared variable is used, and every used one declared.
    const used = new Set([...tf.matchAll(/\bvar\.([a-z_]+)/g)].map((m) => m[1]));
    assert.deepEqual([...used].sort(), Object.keys(vars).sort());
    const role = attributes(block(tf, 'resource', 'aws_iam_role', 'audit').body);
    assert.equal(role.name, 'var.role_name');
    assert.equal(role.max_session_duration, 'var.max_session_duration');
  });
});

describe('the HCL reader these tests rely on', () => {
  it('does not end a block at a brace inside a string or a comment, and reads nested blocks', () => {
    const text = [
      'locals {',
      '  a = "${path.module}/x" # a } here',
      '  b = "{ not a block }"',
      '  /* } */ c = [1, 2]',
      '}',
      'resource "t" "n" {',
      '  inner { d = 1 }',
      '  e = 2',
      '}',
    ].join('\n');
    const all = blocks(text);
    assert.deepEqual(
      all.map((b) => [b.type, b.labels]),
      [
        ['locals', []],
        ['resource', ['t', 'n']],
      ],
    );
    assert.deepEqual(attributes(all[0]?.body ?? ''), {
      a: '"${path.module}/x"',
      b: '"{ not a block }"',
      c: '[1, 2]',
    });
    assert.deepEqual(attributes(all[1]?.body ?? ''), { e: '2' });
    assert.deepEqual(attributes(block(all[1]?.body ?? '', 'inner').body), { d: '1' });
    assert.throws(() => blocks('x = <<EOT\nhi\nEOT\n'), /heredocs/);
  });
});
