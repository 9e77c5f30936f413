import { testCheck } from '../../test/helpers/check-tester.js';
import { ACCOUNT, iamRole, parsedDoc } from '../../test/helpers/inventory.js';
import {
  assume,
  authorizationDenied,
  OTHER,
  roleTrusting,
  unreadableTrusts,
  withRoles,
} from '../../test/helpers/trust.js';
import check from './role-trust-confused-deputy.js';

testCheck(check, [
  {
    kind: 'fail',
    name: 'a Step Functions role and a role for Lambda and EventBridge Scheduler, without a source condition',
    inventory: withRoles(
      roleTrusting('workflow-role', assume({ Service: ['states.amazonaws.com'] })),
      roleTrusting('mixed', assume({ Service: ['lambda.amazonaws.com', 'scheduler.amazonaws.com'] })),
    ),
    expect: [
      {
        resource: 'workflow-role',
        status: 'fail',
        message: 'trusts states.amazonaws.com without aws:SourceAccount or aws:SourceArn',
      },
      { resource: 'mixed', status: 'fail', message: 'trusts scheduler.amazonaws.com without' },
    ],
  },
  {
    kind: 'pass',
    name: 'a Scheduler role with aws:SourceAccount, and one with aws:SourceArn naming the schedule group',
    inventory: withRoles(
      roleTrusting(
        'scheduler-role',
        assume(
          { Service: ['scheduler.amazonaws.com'] },
          { StringEquals: { 'aws:SourceAccount': [ACCOUNT] } },
        ),
      ),
      roleTrusting(
        'scheduler-group-role',
        assume(
          { Service: ['scheduler.amazonaws.com'] },
          {
            ArnEquals: { 'aws:SourceArn': [`arn:aws:scheduler:us-east-1:${ACCOUNT}:schedule-group/default`] },
          },
        ),
      ),
    ),
    expect: [
      { resource: 'scheduler-role', status: 'pass', message: 'scoped by aws:SourceAccount' },
      { resource: 'scheduler-group-role', status: 'pass', message: 'scoped by aws:SourceArn' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'Lambda execution and EC2 instance roles without aws:SourceAccount: only iam:PassRole in this account hands them over (prowler#2810 and #7021 report these; Prowler is wrong here)',
    inventory: withRoles(
      roleTrusting('worker-role', assume({ Service: ['lambda.amazonaws.com'] })),
      roleTrusting('web-instance', assume({ Service: ['ec2.amazonaws.com'] })),
    ),
    expect: [
      {
        resource: 'worker-role',
        status: 'pass',
        message: 'only when someone in this account passes it (iam:PassRole)',
      },
      { resource: 'web-instance', status: 'pass', message: 'iam:PassRole' },
    ],
  },
  {
    kind: 'unknown',
    name: 'unparsable and missing trust policies',
    inventory: withRoles(...unreadableTrusts()),
    expect: [
      { resource: 'garbled', status: 'unknown' },
      { resource: 'missing', status: 'unknown' },
    ],
  },
  {
    kind: 'unknown',
    name: 'GetAccountAuthorizationDetails denied',
    inventory: authorizationDenied(),
    expect: [{ resource: `account ${ACCOUNT}`, status: 'unknown' }],
  },
  {
    kind: 'not-applicable',
    name: 'a service-linked role (trust not editable, prowler#2248), and a role trusting only an account',
    inventory: withRoles(
      iamRole({
        name: 'AWSServiceRoleForECS',
        path: '/aws-service-role/ecs.amazonaws.com/',
        arn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
        trustPolicy: parsedDoc(assume({ Service: ['ecs.amazonaws.com'] })),
      }),
      roleTrusting('cross', assume({ AWS: [`arn:aws:iam::${OTHER}:root`] })),
    ),
    expect: [
      { resource: 'AWSServiceRoleForECS', status: 'not_applicable', message: 'AWS owns its trust policy' },
      { resource: 'cross', status: 'not_applicable', message: 'trusts no AWS service' },
    ],
  },
]);
