import { testCheck } from '../../test/helpers/check-tester.js';
import { ADMIN_ARN, ADMIN_POLICY, attach, iamInventory } from '../../test/helpers/iam-fixtures.js';
import {
  awsError,
  doc,
  failed,
  iamData,
  iamGroup,
  iamRole,
  iamUser,
  inventory,
  managedPolicy,
} from '../../test/helpers/inventory.js';
import check from './administrator-access-attached.js';

const lookalike = managedPolicy({
  arn: 'arn:aws:iam::123456789012:policy/AdministratorAccess',
  document: doc({ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: ['*'] }),
});

testCheck(check, [
  {
    kind: 'fail',
    name: 'AdministratorAccess attached to a role, a group and a user; a member of the group is not reported again',
    inventory: iamInventory({
      roles: [iamRole({ name: 'OrganizationAccountAccessRole', attachedPolicies: [attach(ADMIN_POLICY)] })],
      groups: [iamGroup({ name: 'admins', attachedPolicies: [attach(ADMIN_POLICY)] })],
      users: [
        iamUser({ name: 'alice', attachedPolicies: [attach(ADMIN_POLICY)] }),
        iamUser({ name: 'bob', groups: ['admins'] }),
      ],
      policies: [ADMIN_POLICY],
    }),
    expect: [
      { resource: 'OrganizationAccountAccessRole', status: 'fail', message: 'AdministratorAccess attached' },
      { resource: 'admins', status: 'fail' },
      { resource: 'alice', status: 'fail' },
      { resource: 'bob', status: 'pass', message: 'through group admins' },
    ],
  },
  {
    kind: 'pass',
    name: 'a role, a group and a user without it',
    inventory: iamInventory({
      roles: [iamRole({ name: 'app' })],
      groups: [iamGroup({ name: 'developers' })],
      users: [iamUser({ name: 'bob', groups: ['developers'] })],
    }),
    expect: [
      { resource: 'app', status: 'pass' },
      { resource: 'developers', status: 'pass' },
      { resource: 'bob', status: 'pass' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'a customer policy named AdministratorAccess that only reads IAM (a match on the policy name flags it; its ARN is the account’s, not AWS’s)',
    inventory: iamInventory({
      roles: [iamRole({ name: 'auditor', attachedPolicies: [attach(lookalike)] })],
      policies: [lookalike],
    }),
    expect: [{ resource: 'auditor', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'AdministratorAccess as a permissions boundary grants nothing',
    inventory: iamInventory({
      roles: [iamRole({ name: 'capped', permissionsBoundaryArn: ADMIN_ARN })],
      policies: [ADMIN_POLICY],
    }),
    expect: [{ resource: 'capped', status: 'pass', message: 'permissions boundary' }],
  },
  {
    kind: 'unknown',
    name: 'the authorization details could not be read',
    inventory: inventory({
      iam: {
        status: 'ok',
        data: iamData({
          authorization: failed(
            awsError('GetAccountAuthorizationDetails', 'access-denied', 'iam', undefined),
          ),
        }),
      },
    }),
    expect: [{ resource: 'account 123456789012', status: 'unknown', message: 'could not be read' }],
  },
  {
    kind: 'not-applicable',
    name: 'a service-linked role',
    inventory: iamInventory({
      roles: [
        iamRole({
          name: 'AWSServiceRoleForSupport',
          path: '/aws-service-role/support.amazonaws.com/',
          attachedPolicies: [attach(ADMIN_POLICY)],
        }),
      ],
      policies: [ADMIN_POLICY],
    }),
    expect: [{ resource: 'AWSServiceRoleForSupport', status: 'not_applicable' }],
  },
  {
    kind: 'not-applicable',
    name: 'an account without users, groups or roles',
    inventory: iamInventory({}),
    expect: [{ resource: 'account 123456789012', status: 'not_applicable' }],
  },
]);
