import type { PolicyStatement } from '../../src/inventory/schema.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import {
  ADMIN_POLICY,
  attach,
  iamInventory,
  inline,
  noPrincipalsCase,
  unreadablePolicyCase,
} from '../../test/helpers/iam-fixtures.js';
import { iamRole, iamUser } from '../../test/helpers/inventory.js';
import check from './privilege-escalation-latent.js';

const PASS_ANY: PolicyStatement = { Effect: 'Allow', Action: ['iam:PassRole'], Resource: ['*'] };
const CREATE_AND_RUN: PolicyStatement = {
  Effect: 'Allow',
  Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'],
  Resource: ['*'],
};
const weakExec = () =>
  iamRole({
    name: 'logs-exec',
    inlinePolicies: [inline('logs', { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: ['*'] })],
  });

testCheck(check, [
  {
    kind: 'fail',
    name: 'iam:PassRole on "*" + CreateFunction + InvokeFunction, with no stronger role trusting Lambda today',
    inventory: iamInventory({
      roles: [
        iamRole({ name: 'builder', inlinePolicies: [inline('build', PASS_ANY, CREATE_AND_RUN)] }),
        weakExec(),
      ],
    }),
    expect: [
      { resource: 'builder', status: 'fail', message: 'lambda-create-with-role' },
      { resource: 'logs-exec', status: 'pass' },
    ],
  },
  {
    kind: 'pass',
    name: 'a deployer limited to updating its own functions',
    inventory: iamInventory({
      users: [
        iamUser({
          name: 'dev',
          inlinePolicies: [
            inline('deploy', {
              Effect: 'Allow',
              Action: ['lambda:UpdateFunctionCode'],
              Resource: ['arn:aws:lambda:*:123456789012:function:dev-*'],
            }),
          ],
        }),
      ],
    }),
    expect: [{ resource: 'dev', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'PassRole on one named, weak role is not a latent path (only PassRole on every role is)',
    inventory: iamInventory({
      roles: [
        iamRole({
          name: 'builder',
          inlinePolicies: [
            inline(
              'build',
              {
                Effect: 'Allow',
                Action: ['iam:PassRole'],
                Resource: ['arn:aws:iam::123456789012:role/logs-exec'],
              },
              CREATE_AND_RUN,
            ),
          ],
        }),
        weakExec(),
      ],
    }),
    expect: [
      { resource: 'builder', status: 'pass' },
      { resource: 'logs-exec', status: 'pass' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'an exploitable path is not also reported as latent',
    inventory: iamInventory({
      roles: [
        iamRole({ name: 'builder', inlinePolicies: [inline('build', PASS_ANY, CREATE_AND_RUN)] }),
        iamRole({ name: 'admin-exec', attachedPolicies: [attach(ADMIN_POLICY)] }),
      ],
      policies: [ADMIN_POLICY],
    }),
    expect: [
      { resource: 'builder', status: 'pass' },
      { resource: 'admin-exec', status: 'not_applicable' },
    ],
  },
  unreadablePolicyCase(),
  noPrincipalsCase(),
]);
