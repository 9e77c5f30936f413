import type { PolicyStatement } from '../../src/inventory/schema.js';
import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import { iamInventory, inline, userRow } from '../../test/helpers/iam-fixtures.js';
import {
  awsError,
  failed,
  iamGroup,
  iamUser,
  lambdaFunction,
  managedPolicy,
  reportAt,
} from '../../test/helpers/inventory.js';
import check from './modifiable-by-stale-key.js';

const DEPLOY: PolicyStatement = {
  Effect: 'Allow',
  Action: ['lambda:UpdateFunctionConfiguration'],
  Resource: ['*'],
};
const fns = [lambdaFunction({ name: 'api' }), lambdaFunction({ name: 'billing' })];

testCheck(check, [
  {
    kind: 'fail',
    name: 'a CI user with a 200-day-old key may change every function’s configuration (through its group)',
    inventory: iamInventory({
      users: [iamUser({ name: 'ci', groups: ['deployers'] })],
      groups: [iamGroup({ name: 'deployers', inlinePolicies: [inline('deploy', DEPLOY)] })],
      rows: [userRow('ci', { keyAges: [200] })],
      functions: fns,
    }),
    expect: [
      { resource: 'api', status: 'fail', message: 'user ci (active access key older than 90 days)' },
      { resource: 'billing', status: 'fail' },
    ],
  },
  {
    kind: 'pass',
    name: 'the key was rotated 30 days ago',
    inventory: iamInventory({
      users: [iamUser({ name: 'ci', inlinePolicies: [inline('deploy', DEPLOY)] })],
      rows: [userRow('ci', { keyAges: [30] })],
      functions: fns,
    }),
    expect: [
      { resource: 'api', status: 'pass' },
      { resource: 'billing', status: 'pass' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'the old key is inactive (deactivated keys cannot sign requests; IAM.3 passes them too)',
    inventory: iamInventory({
      users: [iamUser({ name: 'ci', inlinePolicies: [inline('deploy', DEPLOY)] })],
      rows: [userRow('ci', { keyAges: [] })].map((r) => ({
        ...r,
        accessKeys: [
          { ...r.accessKeys[0], active: false, lastRotated: reportAt(400) },
          r.accessKeys[1],
        ] as typeof r.accessKeys,
      })),
      functions: fns,
    }),
    expect: [
      { resource: 'api', status: 'pass' },
      { resource: 'billing', status: 'pass' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'the stale-key user may modify only a function that does not exist here',
    inventory: iamInventory({
      users: [
        iamUser({
          name: 'ci',
          inlinePolicies: [
            inline('deploy', {
              ...DEPLOY,
              Resource: ['arn:aws:lambda:us-east-1:123456789012:function:legacy'],
            }),
          ],
        }),
      ],
      rows: [userRow('ci', { keyAges: [200] })],
      functions: fns,
    }),
    expect: [
      { resource: 'api', status: 'pass' },
      { resource: 'billing', status: 'pass' },
    ],
  },
  {
    kind: 'unknown',
    name: 'a user with a stale key whose policy could not be read',
    inventory: iamInventory({
      users: [
        iamUser({
          name: 'ci',
          attachedPolicies: [{ name: 'ci', arn: 'arn:aws:iam::123456789012:policy/ci' }],
        }),
      ],
      policies: [
        managedPolicy({
          arn: 'arn:aws:iam::123456789012:policy/ci',
          document: failed(awsError('GetPolicyVersion', 'access-denied', 'iam', undefined)),
        }),
      ],
      rows: [userRow('ci', { keyAges: [200] })],
      functions: fns,
    }),
    expect: [
      { resource: 'api', status: 'unknown', message: 'could not be read' },
      { resource: 'billing', status: 'unknown' },
    ],
  },
  regionWithoutFunctions(),
]);
