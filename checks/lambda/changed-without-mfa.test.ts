import { changeEvent, changeInventory, userChange } from '../../test/helpers/changes.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import check from './changed-without-mfa.js';

testCheck(check, [
  {
    kind: 'fail',
    name: 'an IAM user changed the configuration with a long-term access key (no sessionContext)',
    inventory: changeInventory({
      events: [userChange('alice', { eventName: 'UpdateFunctionConfiguration20150331v2' })],
    }),
    expect: [{ resource: 'api', status: 'fail', message: '1 with a long-term access key' }],
  },
  {
    kind: 'fail',
    name: 'a console session signed in without MFA (mfaAuthenticated "false")',
    inventory: changeInventory({
      events: [userChange('bob', { mfaAuthenticated: false, userAgent: 'console.amazonaws.com' })],
    }),
    expect: [{ resource: 'api', status: 'fail', message: '0 with a long-term access key' }],
  },
  {
    kind: 'pass',
    name: 'a console session with MFA',
    inventory: changeInventory({ events: [userChange('carol', { mfaAuthenticated: true })] }),
    expect: [{ resource: 'api', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'a CI role session never carries MFA: judged by its issuer, not as a user without MFA',
    inventory: changeInventory({ events: [changeEvent({ mfaAuthenticated: false })] }),
    expect: [{ resource: 'api', status: 'pass' }],
  },
  {
    kind: 'unknown',
    name: 'LookupEvents throttled past every retry: unknown',
    inventory: changeInventory({ functions: ['api'], lookupFailed: 'throttled' }),
    expect: [{ resource: 'Lambda changes in us-east-1', status: 'unknown', message: 'throttled' }],
  },
  {
    kind: 'not-applicable',
    name: 'no changes in the window',
    inventory: changeInventory({ functions: ['api'] }),
    expect: [{ resource: 'api', status: 'not_applicable', message: 'no change' }],
  },
]);
