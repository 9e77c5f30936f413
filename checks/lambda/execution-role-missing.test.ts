import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import {
  authorization,
  awsError,
  failed,
  iamData,
  iamRole,
  inventory,
  lambdaFunction,
  lambdaRegionInventory,
} from '../../test/helpers/inventory.js';
import check from './execution-role-missing.js';

const ROLE = (rest: string, account = '123456789012') => `arn:aws:iam::${account}:role/${rest}`;
const withRoles = (...roles: ReturnType<typeof iamRole>[]) =>
  ({ status: 'ok', data: iamData({ authorization: authorization({ roles }) }) }) as const;

testCheck(check, [
  {
    kind: 'fail',
    name: 'the function names a role that is not among the account’s roles',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'legacy-cron', roleArn: ROLE('legacy-cron-role') })],
      iam: withRoles(iamRole({ name: 'other-role' })),
    }),
    expect: [
      {
        resource: 'legacy-cron',
        status: 'fail',
        message: 'whoever creates a role named legacy-cron-role decides',
      },
    ],
  },
  {
    kind: 'pass',
    name: 'the role exists',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'api' })],
      iam: withRoles(iamRole({ name: 'api-role' })),
    }),
    expect: [{ resource: 'api', status: 'pass', message: 'exists' }],
  },
  {
    kind: 'near-miss',
    name: 'a console-made role under /service-role/, named by the function with its path and in another case: the same role (IAM role names are unique whatever the path or case)',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'thumb', roleArn: ROLE('service-role/Thumb-Role-ab12') })],
      iam: withRoles(
        iamRole({
          name: 'thumb-role-ab12',
          path: '/service-role/',
          arn: ROLE('service-role/thumb-role-ab12'),
        }),
      ),
    }),
    expect: [{ resource: 'thumb', status: 'pass' }],
  },
  {
    kind: 'unknown',
    name: 'IAM authorization details denied; a role ARN of another account is outside this scan',
    inventory: inventory({
      regions: {
        'us-east-1': lambdaRegionInventory([
          lambdaFunction({ name: 'fn' }),
          lambdaFunction({ name: 'foreign', roleArn: ROLE('x', '210987654321') }),
        ]),
      },
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
      { resource: 'fn', status: 'unknown', message: 'could not be analysed' },
      { resource: 'foreign', status: 'unknown' },
    ],
  },
  {
    kind: 'unknown',
    name: 'an execution role in another account, IAM readable',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'foreign', roleArn: ROLE('x', '210987654321') })],
    }),
    expect: [{ resource: 'foreign', status: 'unknown', message: 'outside this scan' }],
  },
  regionWithoutFunctions(),
]);
