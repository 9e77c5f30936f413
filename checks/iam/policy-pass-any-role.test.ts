import { testCheck } from '../../test/helpers/check-tester.js';
import { ADMIN_POLICY, attach, iamInventory, inline } from '../../test/helpers/iam-fixtures.js';
import { awsError, doc, failed, iamRole, managedPolicy } from '../../test/helpers/inventory.js';
import check from './policy-pass-any-role.js';

const customer = (name: string, ...statements: Parameters<typeof doc>) =>
  managedPolicy({ arn: `arn:aws:iam::123456789012:policy/${name}`, document: doc(...statements) });

const deployer = customer('deployer', {
  Sid: 'Deploy',
  Effect: 'Allow',
  Action: ['iam:PassRole', 'lambda:CreateFunction'],
  Resource: ['*'],
});
const reader = customer('reader', { Effect: 'Allow', Action: ['lambda:Get*'], Resource: ['*'] });
const scoped = customer('pass-exec-roles', {
  Effect: 'Allow',
  Action: ['iam:PassRole'],
  Resource: ['arn:aws:iam::123456789012:role/lambda-exec/*'],
});
const iamButPass = customer(
  'iam-but-pass',
  { Effect: 'Allow', Action: ['iam:*'], Resource: ['*'] },
  { Effect: 'Deny', Action: ['iam:PassRole'], Resource: ['*'] },
);
const unreadable = managedPolicy({
  arn: 'arn:aws:iam::123456789012:policy/ops',
  document: failed(awsError('GetPolicyVersion', 'access-denied', 'iam', undefined)),
});

testCheck(check, [
  {
    kind: 'fail',
    name: 'iam:PassRole on "*" with lambda:CreateFunction, and an inline PassRole on role/* limited to Lambda',
    inventory: iamInventory({
      roles: [
        iamRole({
          name: 'ci',
          attachedPolicies: [attach(deployer)],
          inlinePolicies: [
            inline('pass-to-lambda', {
              Effect: 'Allow',
              Action: ['iam:PassRole'],
              Resource: ['arn:aws:iam::123456789012:role/*'],
              Condition: { StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com'] } },
            }),
          ],
        }),
      ],
      policies: [deployer],
    }),
    expect: [
      { resource: 'deployer', status: 'fail', message: 'statement "Deploy"' },
      { resource: 'pass-to-lambda (inline, role ci)', status: 'fail', message: 'iam:PassedToService' },
    ],
  },
  {
    kind: 'pass',
    name: 'a policy that grants no PassRole',
    inventory: iamInventory({ policies: [reader] }),
    expect: [{ resource: 'reader', status: 'pass', message: 'does not grant' }],
  },
  {
    kind: 'near-miss',
    name: 'iam:PassRole on a dedicated path of execution roles',
    inventory: iamInventory({ policies: [scoped] }),
    expect: [{ resource: 'pass-exec-roles', status: 'pass', message: 'named roles' }],
  },
  {
    kind: 'near-miss',
    name: 'iam:* with an explicit Deny of iam:PassRole in the same policy (a scan of Allow statements alone flags it)',
    inventory: iamInventory({ policies: [iamButPass] }),
    expect: [{ resource: 'iam-but-pass', status: 'pass', message: 'Deny' }],
  },
  {
    kind: 'near-miss',
    name: 'iam:PassRole on role/${aws:username}: one role per holder, though the unresolved variable reads as "*"',
    inventory: iamInventory({
      policies: [
        customer('pass-own-role', {
          Effect: 'Allow',
          Action: ['iam:PassRole'],
          Resource: ['arn:aws:iam::123456789012:role/${aws:username}'],
        }),
      ],
    }),
    expect: [{ resource: 'pass-own-role', status: 'pass', message: 'policy variable' }],
  },
  {
    kind: 'unknown',
    name: 'an attached policy whose document could not be read',
    inventory: iamInventory({
      roles: [iamRole({ name: 'app', attachedPolicies: [attach(unreadable)] })],
      policies: [unreadable],
    }),
    expect: [{ resource: 'ops', status: 'unknown', message: 'could not be read' }],
  },
  {
    kind: 'not-applicable',
    name: 'AdministratorAccess ("*" on "*" is iam.policy-full-admin’s)',
    inventory: iamInventory({
      roles: [iamRole({ name: 'admin', attachedPolicies: [attach(ADMIN_POLICY)] })],
      policies: [ADMIN_POLICY],
    }),
    expect: [{ resource: 'AdministratorAccess', status: 'not_applicable' }],
  },
]);
