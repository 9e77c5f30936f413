import { testCheck } from '../../test/helpers/check-tester.js';
import { attach, iamInventory } from '../../test/helpers/iam-fixtures.js';
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
import check from './cloudshell-full-access.js';

const CLOUDSHELL = managedPolicy({
  arn: 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess',
  document: doc({ Effect: 'Allow', Action: ['cloudshell:*'], Resource: ['*'] }),
});
/** A customer policy of that name, as teams write to allow CloudShell without file transfer. */
const restricted = managedPolicy({
  arn: 'arn:aws:iam::123456789012:policy/AWSCloudShellFullAccess',
  document: doc(
    {
      Effect: 'Allow',
      Action: ['cloudshell:CreateSession', 'cloudshell:CreateEnvironment'],
      Resource: ['*'],
    },
    {
      Effect: 'Deny',
      Action: ['cloudshell:GetFileDownloadUrls', 'cloudshell:GetFileUploadUrls'],
      Resource: ['*'],
    },
  ),
});

testCheck(check, [
  {
    kind: 'fail',
    name: 'AWSCloudShellFullAccess attached to a group and a user; the group’s member is not reported again',
    inventory: iamInventory({
      groups: [iamGroup({ name: 'developers', attachedPolicies: [attach(CLOUDSHELL)] })],
      users: [
        iamUser({ name: 'alice', attachedPolicies: [attach(CLOUDSHELL)] }),
        iamUser({ name: 'bob', groups: ['developers'] }),
      ],
      policies: [CLOUDSHELL],
    }),
    expect: [
      { resource: 'developers', status: 'fail', message: 'file upload and download' },
      { resource: 'alice', status: 'fail', message: 'AWSCloudShellFullAccess attached' },
      { resource: 'bob', status: 'pass', message: 'through group developers' },
    ],
  },
  {
    kind: 'pass',
    name: 'no principal has it',
    inventory: iamInventory({
      roles: [iamRole({ name: 'app' })],
      users: [iamUser({ name: 'carol' })],
    }),
    expect: [
      { resource: 'app', status: 'pass' },
      { resource: 'carol', status: 'pass' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'a customer policy named AWSCloudShellFullAccess that denies file transfer (a match on the policy name, as the CIS audit text reads, flags it; its ARN is the account’s)',
    inventory: iamInventory({
      users: [iamUser({ name: 'operator', attachedPolicies: [attach(restricted)] })],
      policies: [restricted],
    }),
    expect: [{ resource: 'operator', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'AWSCloudShellFullAccess as a permissions boundary grants nothing',
    inventory: iamInventory({
      roles: [iamRole({ name: 'capped', permissionsBoundaryArn: CLOUDSHELL.arn })],
      policies: [CLOUDSHELL],
    }),
    expect: [{ resource: 'capped', status: 'pass', message: 'permissions boundary' }],
  },
  {
    kind: 'not-applicable',
    name: 'a service-linked role: AWS sets its policies',
    inventory: iamInventory({
      roles: [
        iamRole({ name: 'AWSServiceRoleForSupport', path: '/aws-service-role/support.amazonaws.com/' }),
      ],
    }),
    expect: [{ resource: 'AWSServiceRoleForSupport', status: 'not_applicable' }],
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
]);
