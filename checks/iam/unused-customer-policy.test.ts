import type { AuthorizationDetails } from '../../src/inventory/schema.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import {
  ACCOUNT,
  authorization,
  awsError,
  doc,
  failed,
  iamData,
  iamRole,
  iamUser,
  inventory,
  managedPolicy,
} from '../../test/helpers/inventory.js';
import check from './unused-customer-policy.js';

const withAuth = (over: Partial<AuthorizationDetails>) =>
  inventory({ iam: { status: 'ok', data: iamData({ authorization: authorization(over) }) } });
const arn = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;
const policy = (name: string, attachmentCount: number) =>
  managedPolicy({
    arn: arn(name),
    attachmentCount,
    document: doc({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }),
  });

testCheck(check, [
  {
    kind: 'fail',
    name: 'a policy attached to nothing',
    inventory: withAuth({ policies: [policy('legacy-export', 0)] }),
    expect: [{ resource: 'legacy-export', status: 'fail', message: 'attached to no user, group or role' }],
  },
  {
    kind: 'pass',
    name: 'a policy attached to a role',
    inventory: withAuth({
      roles: [iamRole({ name: 'app', attachedPolicies: [{ name: 'app-data', arn: arn('app-data') }] })],
      policies: [policy('app-data', 1)],
    }),
    expect: [{ resource: 'app-data', status: 'pass', message: 'attached to 1 entity (role app)' }],
  },
  {
    kind: 'near-miss',
    name: 'used only as a permissions boundary: AttachmentCount 0 yet in use (AirIAM#48 fixed boundaries reported as unattached)',
    inventory: withAuth({
      users: [iamUser({ name: 'delegate', permissionsBoundaryArn: arn('delegate-boundary') })],
      policies: [policy('delegate-boundary', 0)],
    }),
    expect: [{ resource: 'delegate-boundary', status: 'pass', message: 'permissions boundary of delegate' }],
  },
  {
    kind: 'near-miss',
    name: 'AWS-managed policies are not judged, and AWS’s count alone is enough to show use',
    inventory: withAuth({
      policies: [
        managedPolicy({
          arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
          attachmentCount: 0,
          document: doc({ Effect: 'Allow', Action: ['s3:Get*'], Resource: ['*'] }),
        }),
        policy('shared', 2),
      ],
    }),
    expect: [{ resource: 'shared', status: 'pass', message: 'attached to 2 entities' }],
  },
  {
    kind: 'not-applicable',
    name: 'an account without customer-managed policies',
    inventory: withAuth({}),
    expect: [
      { resource: `account ${ACCOUNT}`, status: 'not_applicable', message: 'no customer-managed policies' },
    ],
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
    expect: [{ resource: `account ${ACCOUNT}`, status: 'unknown', message: 'access-denied' }],
  },
]);
