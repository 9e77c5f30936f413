import { testCheck } from '../../test/helpers/check-tester.js';
import { awsError, detector, inventory, regionInventory } from '../../test/helpers/inventory.js';
import check from './runtime-monitoring.js';

const gd = (...detectors: ReturnType<typeof detector>[]) =>
  regionInventory({ guardduty: { status: 'ok', data: { detectors } } });
const withFeatures = (...features: ReturnType<typeof detector>['features']) =>
  detector({ features: [{ name: 'CLOUD_TRAIL', status: 'ENABLED' }, ...features] });

testCheck(
  check,
  [
    {
      kind: 'fail',
      name: 'GuardDuty on, RUNTIME_MONITORING DISABLED',
      inventory: inventory({
        regions: { 'us-east-1': gd(withFeatures({ name: 'RUNTIME_MONITORING', status: 'DISABLED' })) },
      }),
      expect: [
        { resource: 'GuardDuty in us-east-1', status: 'fail', message: 'Runtime Monitoring is DISABLED' },
      ],
    },
    {
      kind: 'fail',
      name: 'the detector reports no Runtime Monitoring feature at all',
      inventory: inventory({ regions: { 'eu-west-1': gd(withFeatures()) } }),
      expect: [
        { resource: 'GuardDuty in eu-west-1', status: 'fail', message: 'reports no RUNTIME_MONITORING' },
      ],
    },
    {
      kind: 'fail',
      name: 'no detector, and a suspended one that keeps RUNTIME_MONITORING ENABLED',
      inventory: inventory({
        regions: {
          'sa-east-1': gd(),
          'us-east-2': gd(
            detector({ status: 'DISABLED', features: [{ name: 'RUNTIME_MONITORING', status: 'ENABLED' }] }),
          ),
        },
      }),
      expect: [
        { resource: 'GuardDuty in sa-east-1', status: 'fail', message: 'GuardDuty itself is not enabled' },
        { resource: 'GuardDuty in us-east-2', status: 'fail', message: 'DISABLED (suspended)' },
      ],
    },
    {
      kind: 'pass',
      name: 'RUNTIME_MONITORING ENABLED with automated agents',
      inventory: inventory({
        regions: {
          'us-east-1': gd(
            withFeatures({
              name: 'RUNTIME_MONITORING',
              status: 'ENABLED',
              additionalConfiguration: [{ name: 'EKS_ADDON_MANAGEMENT', status: 'ENABLED' }],
            }),
          ),
        },
      }),
      expect: [{ resource: 'GuardDuty in us-east-1', status: 'pass', message: 'RUNTIME_MONITORING' }],
    },
    {
      kind: 'near-miss',
      name: 'Runtime Monitoring on with every agent-management option off (agents deployed by hand): the feature is what GuardDuty.11 judges',
      inventory: inventory({
        regions: {
          'us-east-1': gd(
            withFeatures({
              name: 'RUNTIME_MONITORING',
              status: 'ENABLED',
              additionalConfiguration: [
                { name: 'EKS_ADDON_MANAGEMENT', status: 'DISABLED' },
                { name: 'ECS_FARGATE_AGENT_MANAGEMENT', status: 'DISABLED' },
                { name: 'EC2_AGENT_MANAGEMENT', status: 'DISABLED' },
              ],
            }),
          ),
        },
      }),
      expect: [{ resource: 'GuardDuty in us-east-1', status: 'pass' }],
    },
    {
      kind: 'near-miss',
      name: 'RUNTIME_MONITORING ENABLED while the legacy EKS_RUNTIME_MONITORING reads DISABLED: a check of the legacy feature alone fails it falsely',
      inventory: inventory({
        regions: {
          'us-east-1': gd(
            withFeatures(
              { name: 'EKS_RUNTIME_MONITORING', status: 'DISABLED' },
              { name: 'RUNTIME_MONITORING', status: 'ENABLED' },
            ),
          ),
        },
      }),
      expect: [{ resource: 'GuardDuty in us-east-1', status: 'pass', message: 'RUNTIME_MONITORING' }],
    },
    {
      kind: 'near-miss',
      name: 'a detector enabled before the 2024 consolidation reports only EKS_RUNTIME_MONITORING ENABLED',
      inventory: inventory({
        regions: { 'us-east-1': gd(withFeatures({ name: 'EKS_RUNTIME_MONITORING', status: 'ENABLED' })) },
      }),
      expect: [{ resource: 'GuardDuty in us-east-1', status: 'pass', message: 'EKS_RUNTIME_MONITORING' }],
    },
    {
      kind: 'unknown',
      name: 'ListDetectors denied, and a listed detector whose GetDetector was denied',
      inventory: inventory({
        regions: {
          'eu-central-1': regionInventory({
            guardduty: {
              status: 'error',
              error: awsError('ListDetectors', 'access-denied', 'guardduty', 'eu-central-1'),
            },
          }),
          'us-east-1': gd(
            detector({
              status: 'UNKNOWN',
              features: [],
              readError: awsError('GetDetector', 'access-denied', 'guardduty'),
            }),
          ),
        },
      }),
      expect: [
        { resource: 'GuardDuty in eu-central-1', status: 'unknown', message: 'access-denied' },
        { resource: 'GuardDuty in us-east-1', status: 'unknown', message: 'GetDetector' },
      ],
    },
  ],
  {
    neverNotApplicable: 'GuardDuty belongs in every region, used or not: attackers favour the unwatched ones',
  },
);
