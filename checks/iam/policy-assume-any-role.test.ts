import { testCheck } from '../../test/helpers/check-tester.js';
import { ADMIN_POLICY, attach, iamInventory, inline } from '../../test/helpers/iam-fixtures.js';
import { awsError, doc, failed, iamRole, iamUser, managedPolicy } from '../../test/helpers/inventory.js';
import check from './policy-assume-any-role.js';

const customer = (name: string, ...statements: Parameters<typeof doc>) =>
  managedPolicy({ arn: `arn:aws:iam::123456789012:policy/${name}`, document: doc(...statements) });

const anything = customer('ci-assume-anything', {
  Effect: 'Allow',
  Action: ['sts:AssumeRole'],
  Resource: ['*'],
});
const powerUser = managedPolicy({
  arn: 'arn:aws:iam::aws:policy/PowerUserAccess',
  document: doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: ['*'] }),
});
const reader = customer('reader', {
  Effect: 'Allow',
  Action: ['s3:GetObject'],
  Resource: ['arn:aws:s3:::data/*'],
});
const cdk = customer('assume-cdk-roles', {
  Effect: 'Allow',
  Action: ['sts:AssumeRole'],
  Resource: ['arn:aws:iam::*:role/cdk-*'],
});
const noAssume = customer(
  'admin-but-assume',
  { Effect: 'Allow', Action: ['sts:*'], Resource: ['*'] },
  { Effect: 'Deny', Action: ['sts:AssumeRole'], Resource: ['*'] },
);
const unreadable = managedPolicy({
  arn: 'arn:aws:iam::123456789012:policy/ops',
  document: failed(awsError('GetPolicyVersion', 'access-denied', 'iam', undefined)),
});

testCheck(check, [
  {
    kind: 'fail',
    name: 'sts:AssumeRole on "*", PowerUserAccess (its NotAction grants STS), and an inline on role/* of this account',
    inventory: iamInventory({
      users: [
        iamUser({
          name: 'ci',
          attachedPolicies: [attach(anything), attach(powerUser)],
          inlinePolicies: [
            inline('assume-own', {
              Effect: 'Allow',
              Action: ['sts:AssumeRole'],
              Resource: ['arn:aws:iam::123456789012:role/*'],
            }),
          ],
        }),
      ],
      policies: [anything, powerUser],
    }),
    expect: [
      { resource: 'ci-assume-anything', status: 'fail', message: 'and of any other account' },
      { resource: 'PowerUserAccess', status: 'fail' },
      { resource: 'assume-own (inline, user ci)', status: 'fail', message: 'every role of the account,' },
    ],
  },
  {
    kind: 'pass',
    name: 'a policy that grants no sts:AssumeRole',
    inventory: iamInventory({ policies: [reader] }),
    expect: [{ resource: 'reader', status: 'pass', message: 'does not grant' }],
  },
  {
    kind: 'near-miss',
    name: 'sts:AssumeRole on the CDK bootstrap roles of any account (role/cdk-*) names a prefix, not every role',
    inventory: iamInventory({ policies: [cdk] }),
    expect: [{ resource: 'assume-cdk-roles', status: 'pass', message: 'name prefixes' }],
  },
  {
    kind: 'near-miss',
    name: 'sts:* with an explicit Deny of sts:AssumeRole in the same policy',
    inventory: iamInventory({ policies: [noAssume] }),
    expect: [{ resource: 'admin-but-assume', status: 'pass', message: 'Deny' }],
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
