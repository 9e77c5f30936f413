import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import {
  ACCOUNT,
  authorization,
  awsError,
  doc,
  failed,
  iamData,
  iamRole,
  inventory,
  lambdaFunction,
  managedPolicy,
  parsedDoc,
} from '../../test/helpers/inventory.js';
import check from './admin-execution-role.js';

const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const BASIC_ARN = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
const BOUNDARY_ARN = `arn:aws:iam::${ACCOUNT}:policy/workload-boundary`;

const basicExecution = managedPolicy({
  arn: BASIC_ARN,
  document: doc({
    Effect: 'Allow',
    Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: ['*'],
  }),
});
const administrator = managedPolicy({
  arn: ADMIN_ARN,
  document: doc({ Effect: 'Allow', Action: ['*'], Resource: ['*'] }),
});
const boundary = managedPolicy({
  arn: BOUNDARY_ARN,
  document: doc(
    { Effect: 'Allow', Action: ['logs:*', 'dynamodb:*', 's3:GetObject'], Resource: ['*'] },
    { Effect: 'Deny', Action: ['iam:*'], Resource: ['*'] },
  ),
});

const fnWithRole = (name: string, role: string) =>
  lambdaFunction({ name, roleArn: `arn:aws:iam::${ACCOUNT}:role/${role}` });

const iamWith = (auth: Parameters<typeof authorization>[0]) =>
  ({ status: 'ok', data: iamData({ authorization: authorization(auth) }) }) as const;

testCheck(check, [
  {
    kind: 'fail',
    name: 'AdministratorAccess attached (decided from the ARN even though its document was not read)',
    inventory: inventory({
      functions: [fnWithRole('deployer', 'deployer-role')],
      iam: iamWith({
        roles: [
          iamRole({
            name: 'deployer-role',
            attachedPolicies: [{ name: 'AdministratorAccess', arn: ADMIN_ARN }],
          }),
        ],
        policies: [
          managedPolicy({
            arn: ADMIN_ARN,
            document: failed(awsError('GetPolicyVersion', 'access-denied', 'iam', undefined)),
          }),
        ],
      }),
    }),
    expect: [{ resource: 'deployer', status: 'fail', message: 'AWS managed AdministratorAccess' }],
  },
  {
    kind: 'fail',
    name: 'inline "*:*", iam:* on *, and Allow+NotAction (PowerUserAccess shape)',
    inventory: inventory({
      functions: [
        fnWithRole('star', 'star-role'),
        fnWithRole('iam-all', 'iam-role'),
        fnWithRole('power', 'power-role'),
      ],
      iam: iamWith({
        roles: [
          iamRole({
            name: 'star-role',
            inlinePolicies: [
              {
                name: 'everything',
                policy: parsedDoc({ Sid: 'All', Effect: 'Allow', Action: ['*:*'], Resource: ['*'] }),
              },
            ],
          }),
          iamRole({
            name: 'iam-role',
            inlinePolicies: [
              {
                name: 'manage-iam',
                policy: parsedDoc({ Effect: 'Allow', Action: ['IAM:*'], Resource: ['*'] }),
              },
            ],
          }),
          iamRole({
            name: 'power-role',
            inlinePolicies: [
              {
                name: 'power',
                policy: parsedDoc({
                  Effect: 'Allow',
                  NotAction: ['iam:*', 'organizations:*', 'account:*'],
                  Resource: ['*'],
                }),
              },
            ],
          }),
        ],
      }),
    }),
    expect: [
      { resource: 'star', status: 'fail', message: 'statement "All" allows *:* on all resources' },
      { resource: 'iam-all', status: 'fail', message: 'enough to grant itself anything' },
      { resource: 'power', status: 'fail', message: 'every action except iam:*, organizations:*, account:*' },
    ],
  },
  {
    kind: 'pass',
    name: 'only AWSLambdaBasicExecutionRole and a scoped inline policy',
    inventory: inventory({
      functions: [fnWithRole('worker', 'worker-role')],
      iam: iamWith({
        roles: [
          iamRole({
            name: 'worker-role',
            attachedPolicies: [{ name: 'AWSLambdaBasicExecutionRole', arn: BASIC_ARN }],
            inlinePolicies: [
              {
                name: 'table',
                policy: parsedDoc({
                  Effect: 'Allow',
                  Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
                  Resource: [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`],
                }),
              },
            ],
          }),
        ],
        policies: [basicExecution],
      }),
    }),
    expect: [{ resource: 'worker', status: 'pass', message: 'none of its 2 policy(ies)' }],
  },
  {
    kind: 'near-miss',
    name: 'AdministratorAccess under a restrictive permissions boundary (delegated role creation pattern)',
    inventory: inventory({
      functions: [fnWithRole('sandboxed', 'sandboxed-role')],
      iam: iamWith({
        roles: [
          iamRole({
            name: 'sandboxed-role',
            attachedPolicies: [{ name: 'AdministratorAccess', arn: ADMIN_ARN }],
            permissionsBoundaryArn: BOUNDARY_ARN,
          }),
        ],
        policies: [administrator, boundary],
      }),
    }),
    expect: [{ resource: 'sandboxed', status: 'pass', message: 'effective permissions are limited' }],
  },
  {
    kind: 'near-miss',
    name: 'broad but not admin: ReadOnlyAccess-style iam:Get*/List* and s3:* on * (name-matching scanners flag "*")',
    inventory: inventory({
      functions: [fnWithRole('reporter', 'reporter-role')],
      iam: iamWith({
        roles: [
          iamRole({
            name: 'reporter-role',
            inlinePolicies: [
              {
                name: 'read',
                policy: parsedDoc(
                  { Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 's3:*'], Resource: ['*'] },
                  { Effect: 'Allow', Action: ['*'], Resource: [`arn:aws:s3:::reports-${ACCOUNT}/*`] },
                  {
                    Effect: 'Deny',
                    Action: ['*'],
                    Resource: ['*'],
                    Condition: { Bool: { 'aws:SecureTransport': ['false'] } },
                  },
                ),
              },
            ],
          }),
        ],
      }),
    }),
    expect: [{ resource: 'reporter', status: 'pass' }],
  },
  {
    kind: 'fail',
    name: 'a permissions boundary that itself allows * does not limit anything',
    inventory: inventory({
      functions: [fnWithRole('loose', 'loose-role')],
      iam: iamWith({
        roles: [
          iamRole({
            name: 'loose-role',
            attachedPolicies: [{ name: 'AdministratorAccess', arn: ADMIN_ARN }],
            permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/allow-all`,
          }),
        ],
        policies: [
          administrator,
          managedPolicy({
            arn: `arn:aws:iam::${ACCOUNT}:policy/allow-all`,
            document: doc({ Effect: 'Allow', Action: ['*'], Resource: ['*'] }),
          }),
        ],
      }),
    }),
    expect: [{ resource: 'loose', status: 'fail', message: 'boundary allows it too' }],
  },
  {
    kind: 'unknown',
    name: 'GetAccountAuthorizationDetails denied',
    inventory: inventory({
      functions: [fnWithRole('any', 'any-role')],
      iam: {
        status: 'ok',
        data: iamData({
          authorization: failed(
            awsError('GetAccountAuthorizationDetails', 'access-denied', 'iam', undefined),
          ),
        }),
      },
    }),
    expect: [{ resource: 'any', status: 'unknown', message: 'authorization details could not be read' }],
  },
  {
    kind: 'unknown',
    name: 'role from another account, and an unreadable customer policy',
    inventory: inventory({
      functions: [
        lambdaFunction({ name: 'foreign', roleArn: 'arn:aws:iam::210987654321:role/shared-exec' }),
        fnWithRole('opaque', 'opaque-role'),
      ],
      iam: iamWith({
        roles: [
          iamRole({
            name: 'opaque-role',
            attachedPolicies: [{ name: 'custom', arn: `arn:aws:iam::${ACCOUNT}:policy/custom` }],
            inlinePolicies: [
              { name: 'garbled', policy: { parsed: false, reason: 'the policy is not valid JSON' } },
            ],
          }),
        ],
        policies: [
          managedPolicy({
            arn: `arn:aws:iam::${ACCOUNT}:policy/custom`,
            document: failed(awsError('GetPolicyVersion', 'throttled', 'iam', undefined)),
          }),
        ],
      }),
    }),
    expect: [
      { resource: 'foreign', status: 'unknown', message: 'belongs to account 210987654321' },
      { resource: 'opaque', status: 'unknown', message: '2 policy document(s) could not be read' },
    ],
  },
  {
    kind: 'not-applicable',
    name: 'the execution role was deleted: GetAccountAuthorizationDetails lists every role, so it is confirmed gone',
    inventory: inventory({
      functions: [fnWithRole('orphan', 'deleted-role')],
      iam: iamWith({ roles: [] }),
    }),
    expect: [{ resource: 'orphan', status: 'not_applicable', message: 'does not exist in the account' }],
  },
  regionWithoutFunctions(),
  {
    kind: 'unknown',
    name: 'admin policy attached but the permissions boundary is not readable',
    inventory: inventory({
      functions: [fnWithRole('bounded', 'bounded-role')],
      iam: iamWith({
        roles: [
          iamRole({
            name: 'bounded-role',
            attachedPolicies: [{ name: 'AdministratorAccess', arn: ADMIN_ARN }],
            permissionsBoundaryArn: BOUNDARY_ARN,
          }),
        ],
        policies: [administrator],
      }),
    }),
    expect: [{ resource: 'bounded', status: 'unknown', message: 'permissions boundary' }],
  },
]);
