import { changeEvent, changeInventory } from '../../test/helpers/changes.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import check from './public-permission-added.js';

const add = (principal: string | null) =>
  changeEvent({ eventName: 'AddPermission20150331v2', permissionPrincipal: principal });

testCheck(check, [
  {
    kind: 'fail',
    name: 'AddPermission to the principal "*"',
    inventory: changeInventory({ events: [add('*')] }),
    expect: [{ resource: 'api', status: 'fail', message: 'principal "*"' }],
  },
  {
    kind: 'pass',
    name: 'a code update only',
    inventory: changeInventory({ events: [changeEvent()] }),
    expect: [{ resource: 'api', status: 'pass', message: 'no permission added' }],
  },
  {
    kind: 'near-miss',
    name: 'AddPermission to s3.amazonaws.com (a service principal) is not public',
    inventory: changeInventory({ events: [add('s3.amazonaws.com')] }),
    expect: [{ resource: 'api', status: 'pass', message: 'none to the principal "*"' }],
  },
  {
    kind: 'unknown',
    name: 'an AddPermission event without a principal in its record',
    inventory: changeInventory({ events: [add(null)] }),
    expect: [{ resource: 'api', status: 'unknown', message: 'without a principal' }],
  },
  {
    kind: 'unknown',
    name: 'LookupEvents denied: unknown, never "no changes"',
    inventory: changeInventory({ functions: ['api'], lookupFailed: 'access-denied' }),
    expect: [{ resource: 'Lambda changes in us-east-1', status: 'unknown' }],
  },
  {
    kind: 'not-applicable',
    name: 'no function and no change in the region',
    inventory: changeInventory({ functions: [] }),
    expect: [{ resource: 'Lambda changes in us-east-1', status: 'not_applicable' }],
  },
]);
