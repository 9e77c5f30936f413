import type { LambdaFunction, LambdaLayer, LambdaLayerVersion } from '../../src/inventory/schema.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import {
  ACCOUNT,
  awsError,
  daysBefore,
  failed,
  failedLambdaRegion,
  inventory,
  lambdaFunction,
  lambdaRegionInventory,
  ok,
  REGION,
  SCAN_TIME,
} from '../../test/helpers/inventory.js';
import check from './layer-version-outdated.js';

const layerArn = (name: string, account = ACCOUNT) => `arn:aws:lambda:${REGION}:${account}:layer:${name}`;
const POWERTOOLS = 'arn:aws:lambda:us-east-1:094274105915:layer:AWSLambdaPowertoolsTypeScriptV2:20';

function version(name: string, n: number, over: Partial<LambdaLayerVersion> = {}): LambdaLayerVersion {
  return {
    arn: `${layerArn(name)}:${n}`,
    version: n,
    createdAt: daysBefore(SCAN_TIME, 100 - n),
    compatibleRuntimes: [],
    compatibleArchitectures: [],
    ...over,
  };
}

const layer = (name: string, versions: LambdaLayerVersion[]): LambdaLayer => ({
  name,
  arn: layerArn(name),
  versions: ok(versions),
});

const using = (name: string, arns: string[], over: Partial<LambdaFunction> = {}): LambdaFunction =>
  lambdaFunction({ name, layers: arns.map((arn) => ({ arn, codeSize: 2048 })), ...over });

const region = (functions: LambdaFunction[], layers: LambdaLayer[]) =>
  inventory({ regions: { [REGION]: lambdaRegionInventory(functions, { layers: ok(layers) }) } });

const UTILS = layer('shared-utils', [
  version('shared-utils', 3),
  version('shared-utils', 4),
  version('shared-utils', 7),
]);

testCheck(check, [
  {
    kind: 'fail',
    name: 'an own layer two releases behind',
    inventory: region([using('behind', [`${layerArn('shared-utils')}:4`])], [UTILS]),
    expect: [
      { resource: 'behind', status: 'fail', message: 'uses shared-utils:4 while version 7 is published' },
    ],
  },
  {
    kind: 'fail',
    name: 'a version deleted since (still usable by the function), a newer one listed',
    inventory: region([using('deleted', [`${layerArn('shared-utils')}:1`, POWERTOOLS])], [UTILS]),
    expect: [{ resource: 'deleted', status: 'fail', message: 'uses shared-utils:1 while version 7' }],
  },
  {
    kind: 'pass',
    name: 'the newest version',
    inventory: region([using('current', [`${layerArn('shared-utils')}:7`])], [UTILS]),
    expect: [
      {
        resource: 'current',
        status: 'pass',
        message: 'all 1 layer(s) from this account are at their newest',
      },
    ],
  },
  {
    kind: 'near-miss',
    name: 'the newer versions are built for another runtime or architecture only (a version-number compare flags it)',
    inventory: region(
      [using('py-arm', [`${layerArn('deps')}:2`], { runtime: 'python3.12', architectures: ['arm64'] })],
      [
        layer('deps', [
          version('deps', 2, { compatibleRuntimes: ['python3.12'] }),
          version('deps', 3, { compatibleRuntimes: ['nodejs22.x'] }),
          version('deps', 4, { compatibleRuntimes: ['python3.12'], compatibleArchitectures: ['x86_64'] }),
        ]),
      ],
    ),
    expect: [{ resource: 'py-arm', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'every version of the layer deleted: nothing newer to move to; an older AWS layer beside it is not judged',
    inventory: region([using('orphan', [`${layerArn('retired')}:5`, POWERTOOLS])], [UTILS]),
    expect: [{ resource: 'orphan', status: 'pass' }],
  },
  {
    kind: 'not-applicable',
    name: 'no layers, an image function, and only layers of other accounts',
    inventory: region(
      [
        using('plain', []),
        using('image', [], { packageType: 'Image', runtime: null, handler: null }),
        using('aws-only', [POWERTOOLS, `${layerArn('vendor-ext', '464622532012')}:40`]),
      ],
      [UTILS],
    ),
    expect: [
      { resource: 'plain', status: 'not_applicable', message: 'the function has no layers' },
      { resource: 'image', status: 'not_applicable', message: 'container image' },
      {
        resource: 'aws-only',
        status: 'not_applicable',
        message: 'none of its 2 layer(s) is published by this account',
      },
    ],
  },
  {
    kind: 'unknown',
    name: 'ListLayers denied; the Lambda slice of another region failed',
    inventory: inventory({
      regions: {
        [REGION]: lambdaRegionInventory(
          [using('blind', [`${layerArn('shared-utils')}:4`]), using('none', [])],
          {
            layers: failed(awsError('ListLayers')),
          },
        ),
        'eu-west-1': failedLambdaRegion('eu-west-1'),
      },
    }),
    expect: [
      { resource: 'blind', status: 'unknown', message: 'ListLayers failed' },
      { resource: 'none', status: 'not_applicable' },
      { resource: 'Lambda functions in eu-west-1', status: 'unknown' },
    ],
  },
  {
    kind: 'unknown',
    name: 'ListLayerVersions denied for the layer in use, while another own layer is current',
    inventory: region(
      [using('half', [`${layerArn('shared-utils')}:7`, `${layerArn('hidden')}:2`])],
      [UTILS, { name: 'hidden', arn: layerArn('hidden'), versions: failed(awsError('ListLayerVersions')) }],
    ),
    expect: [{ resource: 'half', status: 'unknown', message: 'hidden (ListLayerVersions failed' }],
  },
  {
    kind: 'unknown',
    name: 'the layer list was not collected (a scan that did not select the check); a function without layers stays not applicable',
    inventory: inventory({
      functions: [using('uncollected', [`${layerArn('shared-utils')}:4`]), using('bare', [])],
    }),
    expect: [
      {
        resource: 'uncollected',
        status: 'unknown',
        message: 'the layer list of us-east-1 was not collected',
      },
      { resource: 'bare', status: 'not_applicable' },
    ],
  },
  {
    kind: 'fail',
    name: 'an outdated layer is a finding even beside an unreadable one',
    inventory: region(
      [using('both', [`${layerArn('shared-utils')}:3`, `${layerArn('hidden')}:2`])],
      [UTILS, { name: 'hidden', arn: layerArn('hidden'), versions: failed(awsError('ListLayerVersions')) }],
    ),
    expect: [{ resource: 'both', status: 'fail', message: 'uses shared-utils:3 while version 7' }],
  },
]);
