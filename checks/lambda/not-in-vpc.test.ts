import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import { failedLambdaRegion, inventory, lambdaFunction } from '../../test/helpers/inventory.js';
import check from './not-in-vpc.js';

const SUBNETS = ['subnet-0a1b2c3d4e5f60718', 'subnet-0f1e2d3c4b5a69788'];

testCheck(check, [
  {
    kind: 'fail',
    name: 'no VPC configuration',
    inventory: inventory({ functions: [lambdaFunction({ name: 'public-egress', vpc: null })] }),
    expect: [{ resource: 'public-egress', status: 'fail', message: 'no VPC configuration' }],
  },
  {
    kind: 'fail',
    name: 'an empty VpcConfig (what Lambda returns after a detach) is not an attachment (Steampipe issue #609 read it as one)',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'detached', vpc: { subnetIds: [], securityGroupIds: [] } })],
    }),
    expect: [{ resource: 'detached', status: 'fail', message: 'lists no subnet' }],
  },
  {
    kind: 'pass',
    name: 'attached through two subnets',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'private',
          vpc: { subnetIds: SUBNETS, securityGroupIds: ['sg-0123456789abcdef0'] },
        }),
      ],
    }),
    expect: [{ resource: 'private', status: 'pass', message: '2 subnet(s)' }],
  },
  {
    kind: 'near-miss',
    name: 'a container-image function in a VPC passes (cfn_nag #594 failed a function whose VpcConfig was there)',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'image-private',
          packageType: 'Image',
          runtime: null,
          handler: null,
          vpc: { subnetIds: SUBNETS.slice(0, 1), securityGroupIds: ['sg-0123456789abcdef0'] },
        }),
      ],
    }),
    expect: [{ resource: 'image-private', status: 'pass' }],
  },
  regionWithoutFunctions(),
  {
    kind: 'unknown',
    name: 'the whole Lambda slice of a region failed',
    inventory: inventory({ regions: { 'eu-west-1': failedLambdaRegion('eu-west-1', 'throttled') } }),
    expect: [{ resource: 'Lambda functions in eu-west-1', status: 'unknown' }],
  },
]);
