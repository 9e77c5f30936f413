import { testCheck } from '../../test/helpers/check-tester.js';
import { awsError, detector, inventory, regionInventory } from '../../test/helpers/inventory.js';
import check from './enabled.js';

testCheck(
  check,
  [
    {
      kind: 'fail',
      name: 'no detector in eu-west-1, enabled in us-east-1',
      inventory: inventory({
        regions: {
          'us-east-1': regionInventory(),
          'eu-west-1': regionInventory({ guardduty: { status: 'ok', data: { detectors: [] } } }),
        },
      }),
      expect: [
        { resource: 'GuardDuty in eu-west-1', status: 'fail', message: 'no detector' },
        { resource: 'GuardDuty in us-east-1', status: 'pass' },
      ],
    },
    {
      kind: 'fail',
      name: 'a suspended detector',
      inventory: inventory({
        regions: {
          'ap-south-1': regionInventory({
            guardduty: { status: 'ok', data: { detectors: [detector({ status: 'DISABLED' })] } },
          }),
        },
      }),
      expect: [{ resource: 'GuardDuty in ap-south-1', status: 'fail', message: 'DISABLED (suspended)' }],
    },
    {
      kind: 'fail',
      name: 'a suspended member detector: still off, and the message names the administrator that can resume it',
      inventory: inventory({
        regions: {
          'eu-north-1': regionInventory({
            guardduty: {
              status: 'ok',
              data: {
                detectors: [
                  detector({
                    status: 'DISABLED',
                    administrator: {
                      ok: true,
                      value: { accountId: '210987654321', relationshipStatus: 'Enabled' },
                    },
                  }),
                ],
              },
            },
          }),
        },
      }),
      expect: [
        {
          resource: 'GuardDuty in eu-north-1',
          status: 'fail',
          message: 'administrator account 210987654321',
        },
      ],
    },
    {
      kind: 'pass',
      name: 'an enabled detector',
      inventory: inventory(),
      expect: [
        {
          resource: 'GuardDuty in us-east-1',
          status: 'pass',
          message: 'detector 12abc34d567e8fa901bc2d34e56789f0',
        },
      ],
    },
    {
      kind: 'near-miss',
      name: 'member detector managed by a delegated administrator, no features read (steampipe-mod-aws-compliance#537)',
      inventory: inventory({
        regions: {
          'us-east-1': regionInventory({
            guardduty: { status: 'ok', data: { detectors: [detector({ features: [] })] } },
          }),
        },
      }),
      expect: [{ resource: 'GuardDuty in us-east-1', status: 'pass' }],
    },
    {
      kind: 'unknown',
      name: 'ListDetectors denied in one region',
      inventory: inventory({
        regions: {
          'us-east-1': regionInventory(),
          'eu-central-1': regionInventory({
            guardduty: {
              status: 'error',
              error: awsError('ListDetectors', 'access-denied', 'guardduty', 'eu-central-1'),
            },
          }),
        },
      }),
      expect: [
        { resource: 'GuardDuty in eu-central-1', status: 'unknown', message: 'access-denied' },
        { resource: 'GuardDuty in us-east-1', status: 'pass' },
      ],
    },
    {
      kind: 'unknown',
      name: 'ListDetectors found a detector but GetDetector was denied',
      inventory: inventory({
        regions: {
          'us-east-1': regionInventory({
            guardduty: {
              status: 'ok',
              data: {
                detectors: [
                  detector({
                    status: '',
                    features: [],
                    readError: awsError('GetDetector', 'access-denied', 'guardduty'),
                  }),
                ],
              },
            },
          }),
        },
      }),
      expect: [{ resource: 'GuardDuty in us-east-1', status: 'unknown', message: 'GetDetector' }],
    },
    {
      kind: 'unknown',
      name: 'a region skipped because it is not enabled for the account',
      inventory: inventory({
        regions: {
          'me-south-1': regionInventory({ guardduty: { status: 'skipped', reason: 'region not enabled' } }),
        },
      }),
      expect: [{ resource: 'GuardDuty in me-south-1', status: 'unknown', message: 'skipped' }],
    },
  ],
  {
    neverNotApplicable: 'GuardDuty belongs in every region, used or not: attackers favour the unwatched ones',
  },
);
