import { testCheck } from '../../test/helpers/check-tester.js';
import {
  iamInventory,
  inline,
  noPrincipalsCase,
  unreadablePolicyCase,
} from '../../test/helpers/iam-fixtures.js';
import { iamRole, iamUser, lambdaFunction } from '../../test/helpers/inventory.js';
import check from './modify-any-function.js';

const fns = [lambdaFunction({ name: 'team-a-api' }), lambdaFunction({ name: 'team-b-api' })];

testCheck(check, [
  {
    kind: 'fail',
    name: 'lambda:UpdateFunctionCode on "*"',
    inventory: iamInventory({
      roles: [
        iamRole({
          name: 'deployer',
          inlinePolicies: [
            inline('deploy', { Effect: 'Allow', Action: ['lambda:UpdateFunctionCode'], Resource: ['*'] }),
          ],
        }),
      ],
      functions: fns,
    }),
    expect: [{ resource: 'deployer', status: 'fail', message: 'on every function in us-east-1' }],
  },
  {
    kind: 'fail',
    name: 'lambda:AddPermission on every function of the account, written as a function ARN wildcard',
    inventory: iamInventory({
      users: [
        iamUser({
          name: 'ops',
          inlinePolicies: [
            inline('perm', {
              Effect: 'Allow',
              Action: ['lambda:AddPermission'],
              Resource: ['arn:aws:lambda:*:123456789012:function:*'],
            }),
          ],
        }),
      ],
      functions: fns,
    }),
    expect: [{ resource: 'ops', status: 'fail', message: 'lambda:AddPermission' }],
  },
  {
    kind: 'pass',
    name: 'a deployer limited to its team’s name prefix',
    inventory: iamInventory({
      roles: [
        iamRole({
          name: 'team-a-deployer',
          inlinePolicies: [
            inline('deploy', {
              Effect: 'Allow',
              Action: ['lambda:UpdateFunctionCode'],
              Resource: ['arn:aws:lambda:us-east-1:123456789012:function:team-a-*'],
            }),
          ],
        }),
      ],
      functions: fns,
    }),
    expect: [{ resource: 'team-a-deployer', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'lambda:* on "*" carved down by a Deny outside a name prefix (cloudsplaining counts the Allow on "*" alone)',
    inventory: iamInventory({
      roles: [
        iamRole({
          name: 'sandbox',
          inlinePolicies: [
            inline(
              'sandbox',
              { Effect: 'Allow', Action: ['lambda:*'], Resource: ['*'] },
              {
                Effect: 'Deny',
                Action: ['lambda:*'],
                NotResource: ['arn:aws:lambda:*:123456789012:function:team-a-*'],
              },
            ),
          ],
        }),
      ],
      functions: fns,
    }),
    expect: [{ resource: 'sandbox', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'read-only Lambda access on "*" (lambda:Get*, lambda:List*) modifies nothing',
    inventory: iamInventory({
      roles: [
        iamRole({
          name: 'auditor',
          inlinePolicies: [
            inline('ro', { Effect: 'Allow', Action: ['lambda:Get*', 'lambda:List*'], Resource: ['*'] }),
          ],
        }),
      ],
      functions: fns,
    }),
    expect: [{ resource: 'auditor', status: 'pass' }],
  },
  unreadablePolicyCase({ functions: fns }),
  noPrincipalsCase({ functions: fns }),
]);
