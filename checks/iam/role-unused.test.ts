import { testCheck } from '../../test/helpers/check-tester.js';
import {
  ACCOUNT,
  authorization,
  awsError,
  daysBefore,
  failed,
  iamData,
  iamRole,
  inventory,
  SCAN_TIME,
} from '../../test/helpers/inventory.js';
import check from './role-unused.js';

const withRoles = (...roles: ReturnType<typeof iamRole>[]) =>
  inventory({ iam: { status: 'ok', data: iamData({ authorization: authorization({ roles }) }) } });
const ago = (days: number) => daysBefore(SCAN_TIME, days);
const used = (days: number) => ({ at: ago(days), region: 'eu-west-1' });
const never = { at: null, region: null };

testCheck(check, [
  {
    kind: 'fail',
    name: 'last used 120 days ago',
    inventory: withRoles(iamRole({ name: 'batch', createdAt: ago(500), lastUsed: used(120) })),
    expect: [{ resource: 'batch', status: 'fail', message: 'last used 120 days ago in eu-west-1' }],
  },
  {
    kind: 'fail',
    name: 'never used in the 900 days since it was created (beyond IAM’s 400-day window)',
    inventory: withRoles(iamRole({ name: 'migration-2024', createdAt: ago(900), lastUsed: never })),
    expect: [{ resource: 'migration-2024', status: 'fail', message: 'IAM tracks the last 400 days' }],
  },
  {
    kind: 'fail',
    name: 'exactly 90 days is "90 days or more"',
    inventory: withRoles(iamRole({ name: 'quarterly', createdAt: ago(365), lastUsed: used(90) })),
    expect: [{ resource: 'quarterly', status: 'fail' }],
  },
  {
    kind: 'fail',
    name: 'an unused IAM Identity Center role: the fix is the assignment, since IAM refuses to delete it',
    inventory: withRoles(
      iamRole({
        name: 'AWSReservedSSO_Billing_0123456789abcdef',
        path: '/aws-reserved/sso.amazonaws.com/',
        arn: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Billing_0123456789abcdef`,
        createdAt: ago(300),
        lastUsed: never,
      }),
    ),
    expect: [
      {
        resource: 'AWSReservedSSO_Billing_0123456789abcdef',
        status: 'fail',
        message: 'remove the unused assignment in Identity Center',
      },
    ],
  },
  {
    kind: 'pass',
    name: 'used yesterday',
    inventory: withRoles(iamRole({ name: 'api', lastUsed: used(1) })),
    expect: [{ resource: 'api', status: 'pass', message: 'last used 1 day ago' }],
  },
  {
    kind: 'near-miss',
    name: 'created 20 days ago and not used yet: it cannot have been idle 90 days',
    inventory: withRoles(iamRole({ name: 'new-pipeline', createdAt: ago(20), lastUsed: never })),
    expect: [{ resource: 'new-pipeline', status: 'pass', message: 'created 20 days ago' }],
  },
  {
    kind: 'near-miss',
    name: 'last used 89 days ago, measured from the scan time and not from today',
    inventory: withRoles(iamRole({ name: 'monthly-close', createdAt: ago(700), lastUsed: used(89) })),
    expect: [{ resource: 'monthly-close', status: 'pass' }],
  },
  {
    kind: 'not-applicable',
    name: 'a service-linked role is the service’s to remove (steampipe-mod-aws-compliance#672 lists AWSServiceRoleForKafka as unused)',
    inventory: withRoles(
      iamRole({
        name: 'AWSServiceRoleForKafka',
        path: '/aws-service-role/kafka.amazonaws.com/',
        arn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/kafka.amazonaws.com/AWSServiceRoleForKafka`,
        createdAt: ago(600),
        lastUsed: used(275),
      }),
    ),
    expect: [{ resource: 'AWSServiceRoleForKafka', status: 'not_applicable', message: 'service-linked' }],
  },
  {
    kind: 'unknown',
    name: 'the authorization details could not be read',
    inventory: inventory({
      iam: {
        status: 'ok',
        data: iamData({
          authorization: failed(awsError('GetAccountAuthorizationDetails', 'timed-out', 'iam', undefined)),
        }),
      },
    }),
    expect: [{ resource: `account ${ACCOUNT}`, status: 'unknown', message: 'timed-out' }],
  },
]);
