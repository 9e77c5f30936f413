import type { GuardDutyFinding } from '../../src/inventory/schema.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import {
  ACCOUNT,
  awsError,
  daysBefore,
  detector,
  failed,
  inventory,
  ok,
  regionInventory,
  SCAN_TIME,
} from '../../test/helpers/inventory.js';
import check from './high-severity-findings.js';

const gd = (...detectors: ReturnType<typeof detector>[]) =>
  regionInventory({ guardduty: { status: 'ok', data: { detectors } } });
const finding = (over: Partial<GuardDutyFinding> & { id: string }): GuardDutyFinding => ({
  type: 'Backdoor:Lambda/C&CActivity.B',
  severity: 8,
  title: 'Lambda function is querying a command-and-control server',
  resourceType: 'Lambda',
  lambdaFunction: {
    name: 'orders-api',
    arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders-api`,
  },
  sample: false,
  updatedAt: daysBefore(SCAN_TIME, 2),
  ...over,
});
const findings = (list: GuardDutyFinding[], truncated = false) => ok({ findings: list, truncated });

testCheck(check, [
  {
    kind: 'fail',
    name: 'a High finding on a Lambda function and a Critical one on an access key',
    inventory: inventory({
      regions: {
        'us-east-1': gd(
          detector({
            highSeverityFindings: findings([
              finding({ id: 'f1' }),
              finding({
                id: 'f2',
                type: 'CredentialAccess:IAMUser/AnomalousBehavior',
                severity: 9.2,
                resourceType: 'AccessKey',
                lambdaFunction: null,
              }),
            ]),
          }),
        ),
      },
    }),
    expect: [
      {
        resource: 'GuardDuty in us-east-1',
        status: 'fail',
        message: /2 active finding\(s\).*highest 9\.2.*on Lambda functions: orders-api/,
      },
    ],
  },
  {
    kind: 'fail',
    name: 'more than one page of findings: the count says so',
    inventory: inventory({
      regions: {
        'eu-west-1': gd(detector({ highSeverityFindings: findings([finding({ id: 'f1' })], true) })),
      },
    }),
    expect: [{ resource: 'GuardDuty in eu-west-1', status: 'fail', message: '1+ active finding' }],
  },
  {
    kind: 'pass',
    name: 'no active finding of severity 7 or more',
    inventory: inventory({ regions: { 'us-east-1': gd(detector({ highSeverityFindings: findings([]) })) } }),
    expect: [{ resource: 'GuardDuty in us-east-1', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'only sample findings from CreateSampleFindings: not detections (a check that counts the ListFindings ids alone fails the region)',
    inventory: inventory({
      regions: {
        'us-east-1': gd(
          detector({
            highSeverityFindings: findings([
              finding({ id: 's1', sample: true }),
              finding({ id: 's2', sample: true }),
            ]),
          }),
        ),
      },
    }),
    expect: [{ resource: 'GuardDuty in us-east-1', status: 'pass', message: '2 sample finding(s) ignored' }],
  },
  {
    kind: 'unknown',
    name: 'ListFindings denied; a page of samples only with more behind it',
    inventory: inventory({
      regions: {
        'us-east-1': gd(
          detector({ highSeverityFindings: failed(awsError('ListFindings', 'access-denied', 'guardduty')) }),
        ),
        'eu-west-1': gd(
          detector({ highSeverityFindings: findings([finding({ id: 's1', sample: true })], true) }),
        ),
      },
    }),
    expect: [
      { resource: 'GuardDuty in us-east-1', status: 'unknown', message: 'ListFindings' },
      { resource: 'GuardDuty in eu-west-1', status: 'unknown', message: 'only sample findings' },
    ],
  },
  {
    kind: 'not-applicable',
    name: 'GuardDuty not enabled in the region',
    inventory: inventory({ regions: { 'sa-east-1': gd() } }),
    expect: [{ resource: 'GuardDuty in sa-east-1', status: 'not_applicable' }],
  },
]);
