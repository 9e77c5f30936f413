import { testCheck } from '../../test/helpers/check-tester.js';
import { ADMIN_POLICY, attach, iamInventory, inline } from '../../test/helpers/iam-fixtures.js';
import {
  awsError,
  doc,
  failed,
  iamGroup,
  iamRole,
  iamUser,
  managedPolicy,
} from '../../test/helpers/inventory.js';
import check from './pass-capacity-provider-any.js';

const PROVIDERS = 'arn:aws:lambda:us-east-1:123456789012:capacity-provider';
const unreadable = managedPolicy({
  arn: 'arn:aws:iam::123456789012:policy/ops',
  document: failed(awsError('GetPolicyVersion', 'access-denied', 'iam', undefined)),
});
const lambdaAll = managedPolicy({
  arn: 'arn:aws:iam::123456789012:policy/lambda-all',
  document: doc({ Sid: 'LambdaAll', Effect: 'Allow', Action: ['lambda:*'], Resource: ['*'] }),
});

testCheck(check, [
  {
    kind: 'fail',
    name: 'lambda:PassCapacityProvider on "*" inline on a role, and lambda:* on "*" reaching a user through a group',
    inventory: iamInventory({
      roles: [
        iamRole({
          name: 'deployer',
          inlinePolicies: [
            inline('pass-any', {
              Sid: 'PassAny',
              Effect: 'Allow',
              Action: ['lambda:PassCapacityProvider', 'lambda:CreateFunction'],
              Resource: ['*'],
            }),
          ],
        }),
      ],
      groups: [iamGroup({ name: 'platform', attachedPolicies: [attach(lambdaAll)] })],
      users: [iamUser({ name: 'carol', groups: ['platform'] })],
      policies: [lambdaAll],
    }),
    expect: [
      { resource: 'carol', status: 'fail', message: 'via group platform' },
      { resource: 'deployer', status: 'fail', message: 'statement "PassAny"' },
    ],
  },
  {
    kind: 'pass',
    name: 'a role with read-only Lambda access',
    inventory: iamInventory({
      roles: [
        iamRole({
          name: 'reader',
          inlinePolicies: [
            inline('read', { Effect: 'Allow', Action: ['lambda:Get*', 'lambda:List*'], Resource: ['*'] }),
          ],
        }),
      ],
    }),
    expect: [{ resource: 'reader', status: 'pass', message: 'may not pass every capacity provider' }],
  },
  {
    kind: 'near-miss',
    name: 'PassCapacityProvider scoped to a team’s providers by name prefix (a string match on the action flags it)',
    inventory: iamInventory({
      roles: [
        iamRole({
          name: 'team-a-deployer',
          inlinePolicies: [
            inline('pass-team-a', {
              Effect: 'Allow',
              Action: ['lambda:PassCapacityProvider'],
              Resource: [`${PROVIDERS}:team-a-*`],
            }),
          ],
        }),
      ],
    }),
    expect: [{ resource: 'team-a-deployer', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'lambda:* on "*" with an explicit Deny of lambda:Pass* in another policy (an Allow-only scan flags it)',
    inventory: iamInventory({
      roles: [
        iamRole({
          name: 'ops',
          attachedPolicies: [attach(lambdaAll)],
          inlinePolicies: [inline('no-pass', { Effect: 'Deny', Action: ['lambda:Pass*'], Resource: ['*'] })],
        }),
      ],
      policies: [lambdaAll],
    }),
    expect: [{ resource: 'ops', status: 'pass' }],
  },
  {
    kind: 'unknown',
    name: 'a role whose attached policy could not be read',
    inventory: iamInventory({
      roles: [iamRole({ name: 'app', attachedPolicies: [attach(unreadable)] })],
      policies: [unreadable],
    }),
    expect: [{ resource: 'app', status: 'unknown', message: 'could not be read' }],
  },
  {
    kind: 'not-applicable',
    name: 'a service-linked role (AWS writes its policy)',
    inventory: iamInventory({
      roles: [
        iamRole({
          name: 'AWSServiceRoleForLambda',
          path: '/aws-service-role/lambda.amazonaws.com/',
          attachedPolicies: [attach(ADMIN_POLICY)],
        }),
      ],
      policies: [ADMIN_POLICY],
    }),
    expect: [{ resource: 'AWSServiceRoleForLambda', status: 'not_applicable', message: 'service-linked' }],
  },
  {
    kind: 'not-applicable',
    name: 'an account with no users or roles',
    inventory: iamInventory({}),
    expect: [
      { resource: 'account 123456789012', status: 'not_applicable', message: 'no IAM users or roles' },
    ],
  },
]);
