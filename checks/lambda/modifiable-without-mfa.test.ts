import type { PolicyStatement } from '../../src/inventory/schema.js';
import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import { iamInventory, inline, userRow } from '../../test/helpers/iam-fixtures.js';
import { awsError, failed, iamUser, lambdaFunction } from '../../test/helpers/inventory.js';
import check from './modifiable-without-mfa.js';

const DEPLOY: PolicyStatement = { Effect: 'Allow', Action: ['lambda:UpdateFunctionCode'], Resource: ['*'] };
const fns = [lambdaFunction({ name: 'api' })];
const dev = (...s: PolicyStatement[]) => iamUser({ name: 'dev', inlinePolicies: [inline('deploy', ...s)] });

testCheck(check, [
  {
    kind: 'fail',
    name: 'a console user without MFA may update the function’s code',
    inventory: iamInventory({
      users: [dev(DEPLOY)],
      rows: [userRow('dev', { console: true, mfa: false })],
      functions: fns,
    }),
    expect: [
      {
        resource: 'api',
        status: 'fail',
        message: 'user dev (console password, no MFA) may lambda:UpdateFunctionCode',
      },
    ],
  },
  {
    kind: 'pass',
    name: 'the console user who may deploy has MFA',
    inventory: iamInventory({
      users: [dev(DEPLOY)],
      rows: [userRow('dev', { console: true, mfa: true })],
      functions: fns,
    }),
    expect: [{ resource: 'api', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'the grant requires aws:MultiFactorAuthPresent, so a session without MFA cannot use it (a statement-level scan misses the condition)',
    inventory: iamInventory({
      users: [dev({ ...DEPLOY, Condition: { Bool: { 'aws:MultiFactorAuthPresent': ['true'] } } })],
      rows: [userRow('dev', { console: true, mfa: false })],
      functions: fns,
    }),
    expect: [{ resource: 'api', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'an API-only user without MFA (no console password) is not a console user',
    inventory: iamInventory({
      users: [dev(DEPLOY)],
      rows: [userRow('dev', { console: false, keyAges: [10] })],
      functions: fns,
    }),
    expect: [{ resource: 'api', status: 'pass' }],
  },
  {
    kind: 'unknown',
    name: 'the credential report could not be read',
    inventory: (() => {
      const inv = iamInventory({ users: [dev(DEPLOY)], functions: fns });
      if (inv.iam.status === 'ok')
        inv.iam.data.credentialReport = failed(
          awsError('GetCredentialReport', 'access-denied', 'iam', undefined),
        );
      return inv;
    })(),
    expect: [{ resource: 'api', status: 'unknown', message: 'credential report' }],
  },
  regionWithoutFunctions(),
]);
