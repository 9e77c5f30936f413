import { changeEvent, changeInventory } from '../../test/helpers/changes.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import check from './changed-from-untrusted-ip.js';

const trustedIpRanges = ['203.0.113.0/24', '2001:db8::/32'];

testCheck(check, [
  {
    kind: 'fail',
    name: 'a change from an address outside the ranges',
    inventory: changeInventory({
      trustedIpRanges,
      events: [changeEvent({ sourceIpAddress: '198.51.100.7' })],
    }),
    expect: [{ resource: 'api', status: 'fail', message: '198.51.100.7' }],
  },
  {
    kind: 'pass',
    name: 'IPv4 and IPv6 changes inside the ranges',
    inventory: changeInventory({
      trustedIpRanges,
      events: [changeEvent(), changeEvent({ sourceIpAddress: '2001:db8:1::42' })],
    }),
    expect: [{ resource: 'api', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'CloudFormation deploying for the principal writes its service name, not an address',
    inventory: changeInventory({
      trustedIpRanges,
      events: [changeEvent({ sourceIpAddress: 'cloudformation.amazonaws.com' })],
    }),
    expect: [{ resource: 'api', status: 'pass' }],
  },
  {
    kind: 'unknown',
    name: 'a change with no source address recorded',
    inventory: changeInventory({ trustedIpRanges, events: [changeEvent({ sourceIpAddress: null })] }),
    expect: [{ resource: 'api', status: 'unknown', message: 'without a source address' }],
  },
  {
    kind: 'unknown',
    name: 'LookupEvents denied: unknown',
    inventory: changeInventory({ trustedIpRanges, functions: ['api'], lookupFailed: 'access-denied' }),
    expect: [{ resource: 'Lambda changes in us-east-1', status: 'unknown' }],
  },
  {
    kind: 'not-applicable',
    name: 'no trusted ranges configured',
    inventory: changeInventory({ events: [changeEvent({ sourceIpAddress: '198.51.100.7' })] }),
    expect: [
      { resource: 'Lambda changes in us-east-1', status: 'not_applicable', message: 'no trusted IP ranges' },
    ],
  },
]);
