import { testCheck } from '../../test/helpers/check-tester.js';
import { awsError, detector, inventory, regionInventory } from '../../test/helpers/inventory.js';
import check from './lambda-protection.js';

const gd = (...detectors: ReturnType<typeof detector>[]) =>
  regionInventory({ guardduty: { status: 'ok', data: { detectors } } });

testCheck(
  check,
  [
    {
      kind: 'fail',
      name: 'GuardDuty on, Lambda Protection DISABLED',
      inventory: inventory({
        regions: {
          'us-east-1': gd(
            detector({
              features: [
                { name: 'CLOUD_TRAIL', status: 'ENABLED' },
                { name: 'LAMBDA_NETWORK_LOGS', status: 'DISABLED' },
              ],
            }),
          ),
        },
      }),
      expect: [
        {
          resource: 'GuardDuty in us-east-1',
          status: 'fail',
          message: 'Lambda Protection is DISABLED on detector',
        },
      ],
    },
    {
      kind: 'fail',
      name: 'the detector reports no Lambda feature at all',
      inventory: inventory({
        regions: { 'eu-west-1': gd(detector({ features: [{ name: 'CLOUD_TRAIL', status: 'ENABLED' }] })) },
      }),
      expect: [
        {
          resource: 'GuardDuty in eu-west-1',
          status: 'fail',
          message: 'reports no LAMBDA_NETWORK_LOGS feature',
        },
      ],
    },
    {
      kind: 'fail',
      name: 'GuardDuty off entirely: Lambda Protection is off too, and the message says why',
      inventory: inventory({ regions: { 'sa-east-1': gd() } }),
      expect: [
        { resource: 'GuardDuty in sa-east-1', status: 'fail', message: 'GuardDuty itself is not enabled' },
      ],
    },
    {
      kind: 'fail',
      name: 'a suspended detector keeps its feature settings but monitors nothing',
      inventory: inventory({ regions: { 'us-east-2': gd(detector({ status: 'DISABLED' })) } }),
      expect: [{ resource: 'GuardDuty in us-east-2', status: 'fail', message: 'DISABLED (suspended)' }],
    },
    {
      kind: 'pass',
      name: 'Lambda Protection ENABLED',
      inventory: inventory(),
      expect: [
        {
          resource: 'GuardDuty in us-east-1',
          status: 'pass',
          message: 'Lambda Protection is enabled in us-east-1',
        },
      ],
    },
    {
      kind: 'near-miss',
      name: 'Lambda on while every other plan is off: only LAMBDA_NETWORK_LOGS counts (the feature-loop mix-up of prowler#12564)',
      inventory: inventory({
        regions: {
          'us-east-1': gd(
            detector({
              features: [
                { name: 'CLOUD_TRAIL', status: 'ENABLED' },
                { name: 'S3_DATA_EVENTS', status: 'DISABLED' },
                { name: 'EKS_AUDIT_LOGS', status: 'DISABLED' },
                { name: 'EBS_MALWARE_PROTECTION', status: 'DISABLED' },
                { name: 'RDS_LOGIN_EVENTS', status: 'DISABLED' },
                { name: 'RUNTIME_MONITORING', status: 'DISABLED' },
                { name: 'LAMBDA_NETWORK_LOGS', status: 'ENABLED' },
              ],
            }),
          ),
        },
      }),
      expect: [{ resource: 'GuardDuty in us-east-1', status: 'pass' }],
    },
    {
      kind: 'unknown',
      name: 'GetDetector denied: the feature list is unknowable',
      inventory: inventory({
        regions: {
          'us-east-1': gd(
            detector({
              status: '',
              features: [],
              readError: awsError('GetDetector', 'access-denied', 'guardduty'),
            }),
          ),
        },
      }),
      expect: [{ resource: 'GuardDuty in us-east-1', status: 'unknown', message: 'GetDetector' }],
    },
    {
      kind: 'unknown',
      name: 'the GuardDuty slice of a region failed',
      inventory: inventory({
        regions: {
          'ap-northeast-1': regionInventory({
            guardduty: {
              status: 'error',
              error: awsError('ListDetectors', 'throttled', 'guardduty', 'ap-northeast-1'),
            },
          }),
        },
      }),
      expect: [{ resource: 'GuardDuty in ap-northeast-1', status: 'unknown', message: 'throttled' }],
    },
  ],
  { neverNotApplicable: 'every scanned region should watch its functions, whether it has any or not' },
);
