import { testCheck } from '../../test/helpers/check-tester.js';
import { awsError, detector, failed, inventory, ok, regionInventory } from '../../test/helpers/inventory.js';
import check from './findings-exported.js';

const gd = (...detectors: ReturnType<typeof detector>[]) =>
  regionInventory({ guardduty: { status: 'ok', data: { detectors } } });
const dest = (status: string, id = 'b4c2a1f0') => ({ id, type: 'S3', status });
const standalone = ok(null);
const member = ok({ accountId: '210987654321', relationshipStatus: 'Enabled' });

testCheck(check, [
  {
    kind: 'fail',
    name: 'an enabled detector with no publishing destination',
    inventory: inventory({
      regions: { 'us-east-1': gd(detector({ publishingDestinations: ok([]), administrator: standalone })) },
    }),
    expect: [{ resource: 'GuardDuty in us-east-1', status: 'fail', message: 'no publishing destination' }],
  },
  {
    kind: 'fail',
    name: 'the only destination lost its bucket permission, another was stopped',
    inventory: inventory({
      regions: {
        'eu-west-1': gd(
          detector({
            administrator: standalone,
            publishingDestinations: ok([
              dest('UNABLE_TO_PUBLISH_FIX_DESTINATION_PERMISSION'),
              dest('STOPPED', 'c0ffee00'),
            ]),
          }),
        ),
      },
    }),
    expect: [{ resource: 'GuardDuty in eu-west-1', status: 'fail', message: 'no destination is publishing' }],
  },
  {
    kind: 'pass',
    name: 'an S3 destination that is PUBLISHING',
    inventory: inventory({
      regions: { 'us-east-1': gd(detector({ publishingDestinations: ok([dest('PUBLISHING')]) })) },
    }),
    expect: [{ resource: 'GuardDuty in us-east-1', status: 'pass', message: 'PUBLISHING' }],
  },
  {
    kind: 'near-miss',
    name: 'a destination just created, still PENDING_VERIFICATION: delivering once GuardDuty has checked the bucket',
    inventory: inventory({
      regions: { 'us-east-1': gd(detector({ publishingDestinations: ok([dest('PENDING_VERIFICATION')]) })) },
    }),
    expect: [{ resource: 'GuardDuty in us-east-1', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'a member without its own destination whose administrator receives its findings: judged in the administrator account, not failed here',
    inventory: inventory({
      regions: {
        'us-east-1': gd(detector({ publishingDestinations: ok([]), administrator: member })),
        'eu-west-1': gd(
          detector({ publishingDestinations: ok([dest('PUBLISHING')]), administrator: member }),
        ),
      },
    }),
    expect: [
      {
        resource: 'GuardDuty in us-east-1',
        status: 'not_applicable',
        message: 'administrator account 210987654321',
      },
      { resource: 'GuardDuty in eu-west-1', status: 'pass' },
    ],
  },
  {
    kind: 'unknown',
    name: 'no destination, and whether an administrator receives the findings is unknown (GetAdministratorAccount denied)',
    inventory: inventory({
      regions: {
        'us-east-1': gd(
          detector({
            publishingDestinations: ok([]),
            administrator: failed(awsError('GetAdministratorAccount', 'access-denied', 'guardduty')),
          }),
        ),
      },
    }),
    expect: [{ resource: 'GuardDuty in us-east-1', status: 'unknown', message: 'GetAdministratorAccount' }],
  },
  {
    kind: 'unknown',
    name: 'ListPublishingDestinations denied, and a plan that did not collect it',
    inventory: inventory({
      regions: {
        'us-east-1': gd(
          detector({
            publishingDestinations: failed(
              awsError('ListPublishingDestinations', 'access-denied', 'guardduty'),
            ),
          }),
        ),
        'eu-west-1': gd(detector()),
      },
    }),
    expect: [
      { resource: 'GuardDuty in us-east-1', status: 'unknown', message: 'ListPublishingDestinations' },
      { resource: 'GuardDuty in eu-west-1', status: 'unknown', message: 'not collected' },
    ],
  },
  {
    kind: 'not-applicable',
    name: 'no detector, and a suspended one: guardduty.enabled judges those regions',
    inventory: inventory({
      regions: {
        'sa-east-1': gd(),
        'us-east-2': gd(detector({ status: 'DISABLED', publishingDestinations: ok([]) })),
      },
    }),
    expect: [
      { resource: 'GuardDuty in sa-east-1', status: 'not_applicable', message: 'not enabled' },
      { resource: 'GuardDuty in us-east-2', status: 'not_applicable' },
    ],
  },
]);
