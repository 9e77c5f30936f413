/**
 * Every escalation path, each with the smallest account that has it (and its target), so each
 * path id is proven by name; the simulator plants most of them again end to end.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessAnalysis } from '../../src/iam/analysis.js';
import type { PathId } from '../../src/iam/escalation.js';
import type {
  IamGroup,
  IamRole,
  IamUser,
  LambdaFunction,
  ManagedPolicy,
  PolicyStatement,
} from '../../src/inventory/schema.js';
import { buildView } from '../../src/view/account-view.js';
import { ADMIN_POLICY, attach, iamInventory, inline, userRow } from '../helpers/iam-fixtures.js';
import {
  doc,
  iamGroup,
  iamRole,
  iamUser,
  lambdaFunction,
  managedPolicy,
  ok,
  parsedDoc,
} from '../helpers/inventory.js';

const A = '123456789012';
const adminExec = iamRole({ name: 'admin-exec', attachedPolicies: [attach(ADMIN_POLICY)] });
const allow = (Action: string[], Resource: string[] = ['*']): PolicyStatement => ({
  Effect: 'Allow',
  Action,
  Resource,
});

interface Case {
  path: PathId;
  kind: 'exploitable' | 'latent';
  principal: string;
  users?: IamUser[];
  roles?: IamRole[];
  groups?: IamGroup[];
  policies?: ManagedPolicy[];
  functions?: LambdaFunction[];
  rows?: ReturnType<typeof userRow>[];
}

const adminFn = lambdaFunction({
  name: 'billing',
  roleArn: adminExec.arn,
  layers: [{ arn: `arn:aws:lambda:us-east-1:${A}:layer:common:3`, codeSize: 1 }],
});
const ops = (...s: PolicyStatement[]) =>
  iamRole({ name: 'ops', trustPolicy: null, inlinePolicies: [inline('p', ...s)] });
const editable = managedPolicy({
  arn: `arn:aws:iam::${A}:policy/self`,
  document: doc(allow(['iam:CreatePolicyVersion'], [`arn:aws:iam::${A}:policy/self`])),
});
const adminUser = (name: string) => iamUser({ name, attachedPolicies: [attach(ADMIN_POLICY)] });

const CASES: Case[] = [
  {
    path: 'lambda-create-with-role',
    kind: 'exploitable',
    principal: 'ops',
    roles: [ops(allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:AddPermission'])), adminExec],
  },
  {
    path: 'lambda-create-with-role',
    kind: 'latent',
    principal: 'ops',
    roles: [ops(allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping']))],
  },
  {
    path: 'lambda-update-code',
    kind: 'exploitable',
    principal: 'ops',
    roles: [ops(allow(['lambda:UpdateFunctionCode'])), adminExec],
    functions: [adminFn],
  },
  {
    path: 'lambda-update-configuration',
    kind: 'exploitable',
    principal: 'ops',
    roles: [ops(allow(['lambda:UpdateFunctionConfiguration'])), adminExec],
    functions: [adminFn],
  },
  {
    path: 'lambda-alias-redirect',
    kind: 'exploitable',
    principal: 'ops',
    roles: [ops(allow(['lambda:UpdateAlias'])), adminExec],
    functions: [adminFn],
  },
  {
    path: 'lambda-url-redirect',
    kind: 'exploitable',
    principal: 'ops',
    roles: [ops(allow(['lambda:UpdateFunctionUrlConfig'])), adminExec],
    functions: [adminFn],
  },
  {
    path: 'lambda-role-swap',
    kind: 'exploitable',
    principal: 'ops',
    roles: [ops(allow(['iam:PassRole', 'lambda:UpdateFunctionConfiguration'])), adminExec],
    functions: [lambdaFunction({ name: 'plain', roleArn: `arn:aws:iam::${A}:role/none` })],
  },
  {
    path: 'lambda-layer-publish',
    kind: 'exploitable',
    principal: 'ops',
    roles: [
      ops(allow(['lambda:PublishLayerVersion'], [`arn:aws:lambda:us-east-1:${A}:layer:common`])),
      adminExec,
    ],
    functions: [adminFn],
  },
  {
    path: 'iam-create-policy-version',
    kind: 'exploitable',
    principal: 'dev',
    users: [iamUser({ name: 'dev', attachedPolicies: [attach(editable)] })],
    policies: [editable],
  },
  {
    path: 'iam-set-default-policy-version',
    kind: 'latent',
    principal: 'ops',
    roles: [ops(allow(['iam:SetDefaultPolicyVersion']))],
  },
  {
    path: 'iam-attach-self-policy',
    kind: 'exploitable',
    principal: 'ops',
    roles: [ops(allow(['iam:AttachRolePolicy'], [`arn:aws:iam::${A}:role/ops`]))],
  },
  {
    path: 'iam-put-self-policy',
    kind: 'exploitable',
    principal: 'dev',
    users: [
      iamUser({
        name: 'dev',
        inlinePolicies: [inline('p', allow(['iam:PutUserPolicy'], [`arn:aws:iam::${A}:user/dev`]))],
      }),
    ],
  },
  {
    path: 'iam-attach-group-policy',
    kind: 'exploitable',
    principal: 'dev',
    users: [iamUser({ name: 'dev', groups: ['team'] })],
    groups: [
      iamGroup({
        name: 'team',
        inlinePolicies: [inline('p', allow(['iam:AttachGroupPolicy'], [`arn:aws:iam::${A}:group/team`]))],
      }),
    ],
  },
  {
    path: 'iam-put-group-policy',
    kind: 'exploitable',
    principal: 'dev',
    users: [iamUser({ name: 'dev', groups: ['team'] })],
    groups: [
      iamGroup({
        name: 'team',
        inlinePolicies: [inline('p', allow(['iam:PutGroupPolicy'], [`arn:aws:iam::${A}:group/team`]))],
      }),
    ],
  },
  {
    path: 'iam-add-user-to-group',
    kind: 'exploitable',
    principal: 'dev',
    users: [iamUser({ name: 'dev', inlinePolicies: [inline('p', allow(['iam:AddUserToGroup']))] })],
    groups: [iamGroup({ name: 'admins', attachedPolicies: [attach(ADMIN_POLICY)] })],
    policies: [ADMIN_POLICY],
  },
  {
    path: 'iam-create-access-key',
    kind: 'exploitable',
    principal: 'ops',
    roles: [ops(allow(['iam:CreateAccessKey']))],
    users: [adminUser('root-like')],
    rows: [userRow('root-like', { keyAges: [10] })],
  },
  {
    path: 'iam-create-login-profile',
    kind: 'exploitable',
    principal: 'ops',
    roles: [ops(allow(['iam:CreateLoginProfile']))],
    users: [adminUser('api-admin')],
    rows: [userRow('api-admin', { keyAges: [10] })],
  },
  {
    path: 'iam-update-login-profile',
    kind: 'exploitable',
    principal: 'ops',
    roles: [ops(allow(['iam:UpdateLoginProfile']))],
    users: [adminUser('console-admin')],
    rows: [userRow('console-admin', { console: true, mfa: true })],
  },
  {
    path: 'iam-update-assume-role-policy',
    kind: 'exploitable',
    principal: 'ops',
    roles: [ops(allow(['iam:UpdateAssumeRolePolicy'])), adminExec],
  },
  {
    path: 'passrole-compute',
    kind: 'exploitable',
    principal: 'ops',
    roles: [
      ops(allow(['iam:PassRole', 'ec2:RunInstances'])),
      iamRole({
        name: 'admin-instance',
        attachedPolicies: [attach(ADMIN_POLICY)],
        trustPolicy: {
          parsed: true,
          document: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com'] }, Action: ['sts:AssumeRole'] },
            ],
          },
        },
      }),
    ],
  },
];

describe('escalation paths', () => {
  for (const c of CASES) {
    it(`${c.path} (${c.kind})`, () => {
      const needsAdmin = [c.roles, c.users, c.groups]
        .flat()
        .some((e) => e?.attachedPolicies.some((p) => p.arn === ADMIN_POLICY.arn));
      const view = buildView(
        iamInventory({
          users: c.users ?? [],
          roles: c.roles ?? [],
          groups: c.groups ?? [],
          policies: [
            ...(c.policies ?? []),
            ...(needsAdmin && !c.policies?.includes(ADMIN_POLICY) ? [ADMIN_POLICY] : []),
          ],
          functions: c.functions ?? [lambdaFunction({ name: 'unrelated' })],
          rows: c.rows ?? [],
        }),
      );
      const analysis = accessAnalysis(view);
      assert.ok(analysis.ok);
      const model = analysis.value.models.find((m) => m.principal.name === c.principal);
      assert.ok(model, c.principal);
      const result = analysis.value.escalationOf(model);
      const found = (c.kind === 'exploitable' ? result.exploitable : result.latent).map((p) => p.id);
      assert.ok(found.includes(c.path), `${c.path} not among ${c.kind} paths: ${found.join(', ') || 'none'}`);
      if (c.kind === 'exploitable') {
        const path = result.exploitable.find((p) => p.id === c.path);
        assert.ok(path && path.targetCount > 0 && path.statements.length > 0);
      }
    });
  }
});

describe('escalation through a resource policy', () => {
  it('a user granted UpdateFunctionCode only by a privileged function’s resource policy has lambda-update-code', () => {
    const view = buildView(
      iamInventory({
        users: [iamUser({ name: 'contractor' })],
        roles: [adminExec],
        policies: [ADMIN_POLICY],
        functions: [
          lambdaFunction({
            name: 'billing',
            roleArn: adminExec.arn,
            policy: ok(
              parsedDoc({
                Effect: 'Allow',
                Principal: { AWS: [`arn:aws:iam::${A}:user/contractor`] },
                Action: ['lambda:UpdateFunctionCode'],
                Resource: [`arn:aws:lambda:us-east-1:${A}:function:billing`],
              }),
            ),
          }),
        ],
      }),
    );
    const analysis = accessAnalysis(view);
    assert.ok(analysis.ok);
    const contractor = analysis.value.models.find((m) => m.principal.name === 'contractor');
    assert.ok(contractor);
    const paths = analysis.value.escalationOf(contractor).exploitable.map((p) => p.id);
    assert.deepEqual(paths, ['lambda-update-code']);
  });
});
