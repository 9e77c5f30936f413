import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import {
  authorization,
  awsError,
  failed,
  failedLambdaRegion,
  iamData,
  iamRole,
  inventory,
  lambdaFunction,
  lambdaRegionInventory,
} from '../../test/helpers/inventory.js';
import check from './not-in-vpc.js';

const SUBNETS = ['subnet-0a1b2c3d4e5f60718', 'subnet-0f1e2d3c4b5a69788'];

/** A role that Lambda and Lambda@Edge may assume, as CloudFront's Lambda@Edge setup requires. */
const edgeRole = (name: string) =>
  iamRole({
    name,
    trustPolicy: {
      parsed: true,
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: ['lambda.amazonaws.com', 'edgelambda.amazonaws.com'] },
            Action: ['sts:AssumeRole'],
          },
        ],
      },
    },
  });

/** Functions in their regions, with the IAM roles given (the authorization details read). */
const withRoles = (roles: ReturnType<typeof iamRole>[], ...fns: ReturnType<typeof lambdaFunction>[]) =>
  inventory({
    functions: fns,
    iam: { status: 'ok', data: iamData({ authorization: authorization({ roles }) }) },
  });

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
  {
    kind: 'fail',
    name: 'a role that trusts edgelambda.amazonaws.com outside us-east-1 does not make a regional function a Lambda@Edge one',
    inventory: withRoles(
      [edgeRole('regional-role')],
      lambdaFunction({ name: 'regional', region: 'eu-west-1' }),
    ),
    expect: [{ resource: 'regional', status: 'fail' }],
  },
  {
    kind: 'not-applicable',
    name: 'a Lambda@Edge function cannot have a VPC configuration (CloudFront rejects it: serverless-next.js#180), so it is not judged',
    inventory: withRoles([edgeRole('edge-router-role')], lambdaFunction({ name: 'edge-router' })),
    expect: [{ resource: 'edge-router', status: 'not_applicable', message: 'Lambda@Edge' }],
  },
  regionWithoutFunctions(),
  {
    kind: 'unknown',
    name: 'IAM could not be read: whether a function outside a VPC is a Lambda@Edge one is unknown',
    inventory: inventory({
      regions: { 'us-east-1': lambdaRegionInventory([lambdaFunction({ name: 'maybe-edge' })]) },
      iam: {
        status: 'ok',
        data: iamData({
          authorization: failed(awsError('GetAccountAuthorizationDetails', 'access-denied', 'iam')),
        }),
      },
    }),
    expect: [{ resource: 'maybe-edge', status: 'unknown', message: 'execution role' }],
  },
  {
    kind: 'unknown',
    name: 'the whole Lambda slice of a region failed',
    inventory: inventory({ regions: { 'eu-west-1': failedLambdaRegion('eu-west-1', 'throttled') } }),
    expect: [{ resource: 'Lambda functions in eu-west-1', status: 'unknown' }],
  },
]);
