import { testCheck } from '../../test/helpers/check-tester.js';
import {
  ADMIN_POLICY,
  attach,
  iamInventory,
  inline,
  S3_ONLY_ARN,
  S3_ONLY_BOUNDARY,
} from '../../test/helpers/iam-fixtures.js';
import { awsError, failed, iamRole, managedPolicy } from '../../test/helpers/inventory.js';
import check from './role-admin-equivalent.js';

const unreadable = managedPolicy({
  arn: 'arn:aws:iam::123456789012:policy/ops',
  document: failed(awsError('GetPolicyVersion', 'access-denied', 'iam', undefined)),
});

testCheck(check, [
  {
    kind: 'fail',
    name: 'a role with AdministratorAccess attached (not an execution role: assumed by another account)',
    inventory: iamInventory({
      roles: [iamRole({ name: 'OrganizationAccountAccessRole', attachedPolicies: [attach(ADMIN_POLICY)] })],
      policies: [ADMIN_POLICY],
    }),
    expect: [
      {
        resource: 'OrganizationAccountAccessRole',
        status: 'fail',
        message: 'every action on every resource',
      },
    ],
  },
  {
    kind: 'fail',
    name: 'an inline iam:* on "*" is administrator-equivalent whatever the policy is called',
    inventory: iamInventory({
      roles: [
        iamRole({
          name: 'ops',
          inlinePolicies: [inline('readonly-ish', { Effect: 'Allow', Action: ['iam:*'], Resource: ['*'] })],
        }),
      ],
    }),
    expect: [{ resource: 'ops', status: 'fail', message: 'every IAM action' }],
  },
  {
    kind: 'pass',
    name: 'a role that reads one bucket',
    inventory: iamInventory({
      roles: [
        iamRole({
          name: 'reader',
          inlinePolicies: [
            inline('s3', { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::data/*'] }),
          ],
        }),
      ],
    }),
    expect: [{ resource: 'reader', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'AdministratorAccess under a permissions boundary that allows only S3 (Prowler’s iam_role_administratoraccess_policy judges the policy name and ignores the boundary)',
    inventory: iamInventory({
      roles: [
        iamRole({
          name: 'capped',
          attachedPolicies: [attach(ADMIN_POLICY)],
          permissionsBoundaryArn: S3_ONLY_ARN,
        }),
      ],
      policies: [ADMIN_POLICY, S3_ONLY_BOUNDARY],
    }),
    expect: [{ resource: 'capped', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'Allow "*" with an explicit Deny on iam:* and organizations:* is not administrator-equivalent',
    inventory: iamInventory({
      roles: [
        iamRole({
          name: 'power',
          inlinePolicies: [
            inline(
              'power-user',
              { Effect: 'Allow', Action: ['*'], Resource: ['*'] },
              { Effect: 'Deny', Action: ['iam:*', 'organizations:*'], Resource: ['*'] },
            ),
          ],
        }),
      ],
    }),
    expect: [{ resource: 'power', status: 'pass' }],
  },
  {
    kind: 'unknown',
    name: 'a role whose attached policy could not be read',
    inventory: iamInventory({
      roles: [iamRole({ name: 'ops', attachedPolicies: [attach(unreadable)] })],
      policies: [unreadable],
    }),
    expect: [{ resource: 'ops', status: 'unknown', message: 'could not be read' }],
  },
  {
    kind: 'not-applicable',
    name: 'an account without roles',
    inventory: iamInventory({}),
    expect: [{ resource: 'account 123456789012', status: 'not_applicable', message: 'no IAM roles' }],
  },
  {
    kind: 'not-applicable',
    name: 'a service-linked role, whose permissions AWS sets',
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
    expect: [{ resource: 'AWSServiceRoleForSupport', status: 'not_applicable', message: 'service-linked' }],
  },
]);
