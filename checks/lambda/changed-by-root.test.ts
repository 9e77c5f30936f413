import { changeEvent, changeInventory, rootChange } from '../../test/helpers/changes.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import check from './changed-by-root.js';

testCheck(check, [
  {
    kind: 'fail',
    name: 'the root user updated the function code',
    inventory: changeInventory({ events: [rootChange(), changeEvent()] }),
    expect: [{ resource: 'api', status: 'fail', message: 'changed by the root user 1 time(s)' }],
  },
  {
    kind: 'pass',
    name: 'only the CI role changed it',
    inventory: changeInventory({ events: [changeEvent()] }),
    expect: [{ resource: 'api', status: 'pass', message: 'none by the root user' }],
  },
  {
    kind: 'near-miss',
    name: 'an assumed-role session named "root" (OrganizationAccountAccessRole/root) is not the root user',
    inventory: changeInventory({
      events: [
        changeEvent({
          principalArn: 'arn:aws:sts::123456789012:assumed-role/OrganizationAccountAccessRole/root',
          sessionIssuerArn: 'arn:aws:iam::123456789012:role/OrganizationAccountAccessRole',
        }),
      ],
    }),
    expect: [{ resource: 'api', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'a root attempt that CloudTrail records as AccessDenied changed nothing (the CI change beside it did)',
    inventory: changeInventory({ events: [rootChange({ errorCode: 'AccessDenied' }), changeEvent()] }),
    expect: [{ resource: 'api', status: 'pass' }],
  },
  {
    kind: 'unknown',
    name: 'LookupEvents denied in the region: unknown, never "no changes"',
    inventory: changeInventory({ functions: ['api'], lookupFailed: 'access-denied' }),
    expect: [
      {
        resource: 'Lambda changes in us-east-1',
        status: 'unknown',
        message: 'cloudtrail:LookupEvents failed',
      },
    ],
  },
  {
    kind: 'unknown',
    name: 'an event whose record could not be parsed makes the region unknown beside the parsed ones',
    inventory: changeInventory({ events: [changeEvent()], unparsedEvents: 1 }),
    expect: [
      { resource: 'Lambda changes in us-east-1', status: 'unknown', message: 'could not be parsed' },
      { resource: 'api', status: 'pass' },
    ],
  },
  {
    kind: 'not-applicable',
    name: 'a listed function without changes, and one with only a failed attempt',
    inventory: changeInventory({
      functions: ['api', 'quiet'],
      events: [rootChange({ errorCode: 'AccessDenied' })],
    }),
    expect: [
      { resource: 'api', status: 'not_applicable', message: 'only failed change attempts' },
      { resource: 'quiet', status: 'not_applicable', message: 'no change to the function' },
    ],
  },
]);
