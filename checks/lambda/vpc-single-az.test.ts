import type { LambdaFunction, Subnet } from '../../src/inventory/schema.js';
import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  failed,
  failedLambdaRegion,
  inventory,
  lambdaFunction,
  lambdaRegionInventory,
  ok,
  REGION,
} from '../../test/helpers/inventory.js';
import check from './vpc-single-az.js';

const subnet = (
  id: string,
  zone: string,
  zoneId: string | null = `use1-az${'abcdef'.indexOf(zone) + 1}`,
): Subnet => ({
  id,
  vpcId: 'vpc-0a1b2c3d4e5f60718',
  availabilityZone: `${REGION}${zone}`,
  availabilityZoneId: zoneId,
});

const inVpc = (name: string, ...subnetIds: string[]): LambdaFunction =>
  lambdaFunction({ name, vpc: { subnetIds, securityGroupIds: ['sg-0123456789abcdef0'] } });

/** One region with `functions`, whose DescribeSubnets answer is `subnets`. */
const region = (functions: LambdaFunction[], subnets: Subnet[]) =>
  inventory({ regions: { [REGION]: lambdaRegionInventory(functions, { subnets: ok(subnets) }) } });

testCheck(check, [
  {
    kind: 'fail',
    name: 'one subnet',
    inventory: region([inVpc('single', 'subnet-a1')], [subnet('subnet-a1', 'a')]),
    expect: [
      {
        resource: 'single',
        status: 'fail',
        message: 'all 1 subnet(s) are in one Availability Zone (use1-az1)',
      },
    ],
  },
  {
    kind: 'fail',
    name: 'two subnets in the same zone (a subnet count passes it: turbot/steampipe-mod-aws-compliance#393)',
    inventory: region(
      [inVpc('two-in-one', 'subnet-a1', 'subnet-a2')],
      [subnet('subnet-a1', 'a'), subnet('subnet-a2', 'a')],
    ),
    expect: [
      { resource: 'two-in-one', status: 'fail', message: 'all 2 subnet(s) are in one Availability Zone' },
    ],
  },
  {
    kind: 'pass',
    name: 'subnets in two zones',
    inventory: region(
      [inVpc('spread', 'subnet-a1', 'subnet-b1')],
      [subnet('subnet-a1', 'a'), subnet('subnet-b1', 'b')],
    ),
    expect: [
      { resource: 'spread', status: 'pass', message: 'span 2 Availability Zones (use1-az1, use1-az2)' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'three subnets, two sharing a zone, still two zones; and a deleted subnet beside two zones',
    inventory: region(
      [
        inVpc('three', 'subnet-a1', 'subnet-a2', 'subnet-c1'),
        inVpc('one-gone', 'subnet-a1', 'subnet-c1', 'subnet-gone'),
      ],
      [subnet('subnet-a1', 'a'), subnet('subnet-a2', 'a'), subnet('subnet-c1', 'c')],
    ),
    expect: [
      { resource: 'three', status: 'pass', message: 'span 2 Availability Zones' },
      { resource: 'one-gone', status: 'pass' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'no zone ids in the answer: zone names are counted instead',
    inventory: region(
      [inVpc('names', 'subnet-a1', 'subnet-b1')],
      [subnet('subnet-a1', 'a', null), subnet('subnet-b1', 'b', null)],
    ),
    expect: [{ resource: 'names', status: 'pass', message: `${REGION}a, ${REGION}b` }],
  },
  {
    kind: 'not-applicable',
    name: 'not in a VPC (Lambda reports an empty VpcConfig; Steampipe flagged it: turbot/steampipe-mod-aws-well-architected#6)',
    inventory: region([lambdaFunction({ name: 'no-vpc' })], []),
    expect: [{ resource: 'no-vpc', status: 'not_applicable', message: 'not attached to a VPC' }],
  },
  regionWithoutFunctions(),
  {
    kind: 'unknown',
    name: 'DescribeSubnets denied; another region’s Lambda slice failed',
    inventory: inventory({
      regions: {
        [REGION]: lambdaRegionInventory([inVpc('denied', 'subnet-a1'), lambdaFunction({ name: 'plain' })], {
          subnets: failed(awsError('DescribeSubnets', 'access-denied', 'ec2')),
        }),
        'eu-west-1': failedLambdaRegion('eu-west-1'),
      },
    }),
    expect: [
      { resource: 'denied', status: 'unknown', message: 'ec2:DescribeSubnets failed' },
      { resource: 'plain', status: 'not_applicable' },
      { resource: 'Lambda functions in eu-west-1', status: 'unknown' },
    ],
  },
  {
    kind: 'unknown',
    name: 'the only other subnet was not returned, the one found is in one zone',
    inventory: region([inVpc('partly', 'subnet-a1', 'subnet-gone')], [subnet('subnet-a1', 'a')]),
    expect: [{ resource: 'partly', status: 'unknown', message: 'subnet-gone were not returned' }],
  },
  {
    kind: 'unknown',
    name: 'the subnets were not collected',
    inventory: inventory({ functions: [inVpc('uncollected', 'subnet-a1')] }),
    expect: [{ resource: 'uncollected', status: 'unknown', message: 'not collected' }],
  },
]);
