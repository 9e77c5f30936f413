import type { LambdaLayer, LambdaLayerVersion, PolicyStatement } from '../../src/inventory/schema.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import {
  ACCOUNT,
  awsError,
  daysBefore,
  doc,
  failed,
  failedLambdaRegion,
  inventory,
  lambdaRegionInventory,
  ok,
  REGION,
  SCAN_TIME,
} from '../../test/helpers/inventory.js';
import check from './layer-version-public.js';

const layerArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:layer:${name}`;

function version(name: string, n: number, policy: LambdaLayerVersion['policy']): LambdaLayerVersion {
  const v: LambdaLayerVersion = {
    arn: `${layerArn(name)}:${n}`,
    version: n,
    createdAt: daysBefore(SCAN_TIME, 100 - n),
    compatibleRuntimes: [],
    compatibleArchitectures: [],
  };
  if (policy) v.policy = policy;
  return v;
}

const layer = (name: string, versions: LambdaLayerVersion[]): LambdaLayer => ({
  name,
  arn: layerArn(name),
  versions: ok(versions),
});

/** One region whose own layers are `layers` (and no function). */
const withLayers = (...layers: LambdaLayer[]) =>
  inventory({ regions: { [REGION]: lambdaRegionInventory([], { layers: ok(layers) }) } });

/** What AddLayerVersionPermission writes for --principal "*" (and --organization-id). */
const grant = (name: string, n: number, over: Partial<PolicyStatement> = {}): PolicyStatement => ({
  Sid: 'share',
  Effect: 'Allow',
  Principal: { AWS: ['*'] },
  Action: ['lambda:GetLayerVersion'],
  Resource: [`${layerArn(name)}:${n}`],
  ...over,
});

testCheck(check, [
  {
    kind: 'fail',
    name: 'add-layer-version-permission --principal "*" without an organization',
    inventory: withLayers(layer('shared-utils', [version('shared-utils', 3, doc(grant('shared-utils', 3)))])),
    expect: [
      {
        resource: 'shared-utils:3',
        status: 'fail',
        message: 'statement "share" lets any AWS account download the layer version',
      },
    ],
  },
  {
    kind: 'fail',
    name: 'an old version shared publicly, the newest private (a peer reading only the newest version misses it)',
    inventory: withLayers(
      layer('deps', [
        version('deps', 1, doc(grant('deps', 1))),
        version('deps', 2, ok(null)),
        version('deps', 7, ok(null)),
      ]),
    ),
    expect: [
      { resource: 'deps:1', status: 'fail' },
      { resource: 'deps:2', status: 'pass', message: 'no policy' },
      { resource: 'deps:7', status: 'pass' },
    ],
  },
  {
    kind: 'pass',
    name: 'no policy on any version (GetLayerVersionPolicy: ResourceNotFoundException)',
    inventory: withLayers(layer('private', [version('private', 1, ok(null))])),
    expect: [{ resource: 'private:1', status: 'pass', message: 'only this account can use it' }],
  },
  {
    kind: 'near-miss',
    name: 'shared with the organization only (--organization-id writes aws:PrincipalOrgID; a Principal-"*" matcher flags it)',
    inventory: withLayers(
      layer('org-layer', [
        version(
          'org-layer',
          4,
          doc(
            grant('org-layer', 4, {
              Sid: 'org',
              Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] } },
            }),
          ),
        ),
      ]),
    ),
    expect: [{ resource: 'org-layer:4', status: 'pass', message: 'none of the 1 policy statement(s)' }],
  },
  {
    kind: 'near-miss',
    name: 'shared with one named account',
    inventory: withLayers(
      layer('partner', [
        version(
          'partner',
          2,
          doc(grant('partner', 2, { Principal: { AWS: ['arn:aws:iam::210987654321:root'] } })),
        ),
      ]),
    ),
    expect: [{ resource: 'partner:2', status: 'pass' }],
  },
  {
    kind: 'not-applicable',
    name: 'a readable region where the account publishes no layer',
    inventory: withLayers(),
    expect: [
      { resource: `Lambda layers in ${REGION}`, status: 'not_applicable', message: 'no Lambda layers' },
    ],
  },
  {
    kind: 'unknown',
    name: "one version's policy denied, another readable",
    inventory: withLayers(
      layer('mixed', [
        version('mixed', 1, failed(awsError('GetLayerVersionPolicy'))),
        version('mixed', 2, ok(null)),
      ]),
    ),
    expect: [
      { resource: 'mixed:1', status: 'unknown', message: 'GetLayerVersionPolicy failed' },
      { resource: 'mixed:2', status: 'pass' },
    ],
  },
  {
    kind: 'unknown',
    name: 'ListLayers denied, ListLayerVersions denied for one layer, the Lambda slice failed in another region',
    inventory: inventory({
      regions: {
        [REGION]: lambdaRegionInventory([], {
          layers: ok([
            { name: 'hidden', arn: layerArn('hidden'), versions: failed(awsError('ListLayerVersions')) },
          ]),
        }),
        'eu-west-1': lambdaRegionInventory([], {
          layers: failed(awsError('ListLayers', 'access-denied', 'lambda', 'eu-west-1')),
        }),
        'ap-south-1': failedLambdaRegion('ap-south-1'),
      },
    }),
    expect: [
      { resource: 'hidden', status: 'unknown', message: 'ListLayerVersions failed' },
      { resource: 'Lambda layers in eu-west-1', status: 'unknown', message: 'ListLayers failed' },
      { resource: 'Lambda layers in ap-south-1', status: 'unknown' },
    ],
  },
  {
    kind: 'unknown',
    name: 'the layers were not collected (a scan that did not select the check)',
    inventory: inventory({ regions: { [REGION]: lambdaRegionInventory([]) } }),
    expect: [{ resource: `Lambda layers in ${REGION}`, status: 'unknown', message: 'not collected' }],
  },
]);
