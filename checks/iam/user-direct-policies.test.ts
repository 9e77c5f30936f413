import { testCheck } from '../../test/helpers/check-tester.js';
import {
  ACCOUNT,
  authorization,
  awsError,
  failed,
  iamData,
  iamUser,
  inventory,
  parsedDoc,
} from '../../test/helpers/inventory.js';
import check from './user-direct-policies.js';

const withUsers = (...users: ReturnType<typeof iamUser>[]) =>
  inventory({ iam: { status: 'ok', data: iamData({ authorization: authorization({ users }) }) } });
const READ_ONLY = { name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' };
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/developer-boundary`;

testCheck(check, [
  {
    kind: 'fail',
    name: 'a managed policy attached to the user',
    inventory: withUsers(iamUser({ name: 'alice', attachedPolicies: [READ_ONLY] })),
    expect: [{ resource: 'alice', status: 'fail', message: '1 managed policy (ReadOnlyAccess)' }],
  },
  {
    kind: 'fail',
    name: 'an inline policy only, although the user is also in a group',
    inventory: withUsers(
      iamUser({
        name: 'bob',
        groups: ['developers'],
        inlinePolicies: [
          { name: 'tmp-s3', policy: parsedDoc({ Effect: 'Allow', Action: ['s3:*'], Resource: ['*'] }) },
        ],
      }),
    ),
    expect: [{ resource: 'bob', status: 'fail', message: '1 inline policy (tmp-s3)' }],
  },
  {
    kind: 'pass',
    name: 'permissions only through groups',
    inventory: withUsers(iamUser({ name: 'carol', groups: ['developers', 'readonly'] })),
    expect: [{ resource: 'carol', status: 'pass', message: 'developers, readonly' }],
  },
  {
    kind: 'near-miss',
    name: 'a permissions boundary grants nothing and is no attached policy (ScoutSuite#1666 reads a boundary as a grant)',
    inventory: withUsers(iamUser({ name: 'dave', groups: ['developers'], permissionsBoundaryArn: BOUNDARY })),
    expect: [{ resource: 'dave', status: 'pass' }],
  },
  {
    kind: 'unknown',
    name: 'the authorization details were denied',
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
    expect: [
      { resource: `account ${ACCOUNT}`, status: 'unknown', message: 'GetAccountAuthorizationDetails' },
    ],
  },
  {
    kind: 'not-applicable',
    name: 'an account without IAM users',
    inventory: withUsers(),
    expect: [{ resource: `account ${ACCOUNT}`, status: 'not_applicable', message: 'no IAM users' }],
  },
]);
