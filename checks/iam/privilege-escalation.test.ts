import type { PolicyStatement } from '../../src/inventory/schema.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import {
  ADMIN_POLICY,
  attach,
  iamInventory,
  inline,
  noPrincipalsCase,
  S3_ONLY_ARN,
  S3_ONLY_BOUNDARY,
  unreadablePolicyCase,
} from '../../test/helpers/iam-fixtures.js';
import { iamGroup, iamRole, iamUser, lambdaFunction } from '../../test/helpers/inventory.js';
import check from './privilege-escalation.js';

const PASS_ANY: PolicyStatement = { Effect: 'Allow', Action: ['iam:PassRole'], Resource: ['*'] };
const CREATE_AND_RUN: PolicyStatement = {
  Effect: 'Allow',
  Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'],
  Resource: ['*'],
};
/** A role Lambda can assume that is administrator-equivalent: the target of PassRole paths. */
const adminExec = () => iamRole({ name: 'admin-exec', attachedPolicies: [attach(ADMIN_POLICY)] });
const builder = (...extra: PolicyStatement[]) =>
  iamRole({ name: 'builder', inlinePolicies: [inline('build', PASS_ANY, CREATE_AND_RUN, ...extra)] });

testCheck(check, [
  {
    kind: 'fail',
    name: 'iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction with an administrator role trusting Lambda',
    inventory: iamInventory({ roles: [builder(), adminExec()], policies: [ADMIN_POLICY] }),
    expect: [
      { resource: 'builder', status: 'fail', message: 'lambda-create-with-role' },
      { resource: 'admin-exec', status: 'not_applicable' },
    ],
  },
  {
    kind: 'fail',
    name: 'lambda:UpdateFunctionCode on a function whose execution role is administrator',
    inventory: iamInventory({
      users: [
        iamUser({
          name: 'dev',
          inlinePolicies: [
            inline('deploy', {
              Effect: 'Allow',
              Action: ['lambda:UpdateFunctionCode'],
              Resource: ['arn:aws:lambda:*:123456789012:function:billing'],
            }),
          ],
        }),
      ],
      roles: [adminExec()],
      policies: [ADMIN_POLICY],
      functions: [lambdaFunction({ name: 'billing', roleArn: 'arn:aws:iam::123456789012:role/admin-exec' })],
    }),
    expect: [
      { resource: 'dev', status: 'fail', message: 'lambda-update-code' },
      { resource: 'admin-exec', status: 'not_applicable' },
    ],
  },
  {
    kind: 'fail',
    name: 'iam:AttachUserPolicy on itself, through a group',
    inventory: iamInventory({
      users: [iamUser({ name: 'ops', groups: ['self-service'] })],
      groups: [
        iamGroup({
          name: 'self-service',
          inlinePolicies: [
            inline('self', {
              Effect: 'Allow',
              Action: ['iam:AttachUserPolicy'],
              Resource: ['arn:aws:iam::123456789012:user/${aws:username}'],
            }),
          ],
        }),
      ],
    }),
    expect: [{ resource: 'ops', status: 'fail', message: 'iam-attach-self-policy' }],
  },
  {
    kind: 'pass',
    name: 'a user who reads one bucket',
    inventory: iamInventory({
      users: [
        iamUser({
          name: 'analyst',
          inlinePolicies: [
            inline('s3', { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::reports/*'] }),
          ],
        }),
      ],
    }),
    expect: [{ resource: 'analyst', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'the PassRole path blocked by a Deny in another policy (Prowler’s privilege-escalation check reads one policy at a time, prowler#2636)',
    inventory: iamInventory({
      roles: [
        iamRole({
          name: 'builder',
          inlinePolicies: [
            inline('build', PASS_ANY, CREATE_AND_RUN),
            inline('guardrail', {
              Effect: 'Deny',
              Action: ['iam:PassRole'],
              Resource: ['arn:aws:iam::123456789012:role/admin-*'],
            }),
          ],
        }),
        adminExec(),
      ],
      policies: [ADMIN_POLICY],
    }),
    expect: [
      { resource: 'builder', status: 'pass' },
      { resource: 'admin-exec', status: 'not_applicable' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'the PassRole path removed by a permissions boundary that allows only S3',
    inventory: iamInventory({
      roles: [
        iamRole({
          name: 'builder',
          inlinePolicies: [inline('build', PASS_ANY, CREATE_AND_RUN)],
          permissionsBoundaryArn: S3_ONLY_ARN,
        }),
        adminExec(),
      ],
      policies: [ADMIN_POLICY, S3_ONLY_BOUNDARY],
    }),
    expect: [
      { resource: 'builder', status: 'pass' },
      { resource: 'admin-exec', status: 'not_applicable' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'lambda:UpdateFunctionCode on a name prefix that matches no privileged function (Prowler flags UpdateFunctionCode without a target, prowler#3807)',
    inventory: iamInventory({
      users: [
        iamUser({
          name: 'dev',
          inlinePolicies: [
            inline('deploy', {
              Effect: 'Allow',
              Action: ['lambda:UpdateFunctionCode'],
              Resource: ['arn:aws:lambda:*:123456789012:function:sandbox-*'],
            }),
          ],
        }),
      ],
      roles: [adminExec()],
      policies: [ADMIN_POLICY],
      functions: [lambdaFunction({ name: 'billing', roleArn: 'arn:aws:iam::123456789012:role/admin-exec' })],
    }),
    expect: [
      { resource: 'dev', status: 'pass' },
      { resource: 'admin-exec', status: 'not_applicable' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'PassRole limited by iam:PassedToService to EC2 cannot hand a role to Lambda (a condition that is never true here)',
    inventory: iamInventory({
      roles: [
        builder({
          Effect: 'Deny',
          Action: ['iam:PassRole'],
          Resource: ['*'],
          Condition: { StringNotEquals: { 'iam:PassedToService': ['ec2.amazonaws.com'] } },
        }),
        adminExec(),
      ],
      policies: [ADMIN_POLICY],
    }),
    expect: [
      { resource: 'builder', status: 'pass' },
      { resource: 'admin-exec', status: 'not_applicable' },
    ],
  },
  unreadablePolicyCase(),
  noPrincipalsCase(),
]);
