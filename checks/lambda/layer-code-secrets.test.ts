import type { CodeScan, CodeSecret, LayerCodeScan } from '../../src/inventory/schema.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import {
  ACCOUNT,
  failed,
  failedLambdaRegion,
  inventory,
  lambdaFunction,
  lambdaRegionInventory,
  ok,
} from '../../test/helpers/inventory.js';
import check from './layer-code-secrets.js';

const secret = (path: string, line: number, detector: string): CodeSecret => ({
  path,
  line,
  detector,
  confidence: 'value-match',
  fingerprint: '0123456789ab',
});
const scanned = (over: Partial<CodeScan> = {}): CodeScan => ({
  packageBytes: 20_480,
  entries: 12,
  filesScanned: 10,
  skippedBinary: 1,
  skippedLarge: 0,
  unsafePaths: 0,
  placeholders: 0,
  secrets: [],
  ...over,
});

const OWN = `arn:aws:lambda:us-east-1:${ACCOUNT}:layer:shared-config:3`;
const FOREIGN = 'arn:aws:lambda:us-east-1:210987654321:layer:vendor-sdk:12';

const withLayers = (layerCode: LayerCodeScan[] | undefined) => {
  const fn = lambdaFunction({
    name: 'api',
    layers: layerCode?.map((l) => ({ arn: l.arn, codeSize: 1000 })) ?? [],
  });
  return inventory({
    regions: { 'us-east-1': lambdaRegionInventory([fn], layerCode ? { layerCode } : {}) },
  });
};

testCheck(check, [
  {
    kind: 'fail',
    name: 'a private key bundled in an own layer version',
    inventory: withLayers([
      {
        arn: OWN,
        scan: ok(
          scanned({
            secrets: [secret('nodejs/certs/client.key', 1, '@secretlint/secretlint-rule-privatekey')],
          }),
        ),
      },
    ]),
    expect: [{ resource: 'shared-config:3', status: 'fail', message: 'nodejs/certs/client.key:1' }],
  },
  {
    kind: 'pass',
    name: "another account's layer version without secrets",
    inventory: withLayers([{ arn: FOREIGN, scan: ok(scanned()) }]),
    expect: [{ resource: 'vendor-sdk:12', status: 'pass', message: 'layer version' }],
  },
  {
    kind: 'near-miss',
    name: 'a layer of SDK docs full of AKIAIOSFODNN7EXAMPLE samples passes',
    inventory: withLayers([{ arn: OWN, scan: ok(scanned({ placeholders: 30 })) }]),
    expect: [{ resource: 'shared-config:3', status: 'pass', message: '30 placeholder' }],
  },
  {
    kind: 'not-applicable',
    name: 'no function in the region uses a layer',
    inventory: withLayers([]),
    expect: [{ resource: 'Lambda layers in us-east-1', status: 'not_applicable', message: 'uses a layer' }],
  },
  {
    kind: 'unknown',
    name: "GetLayerVersion denied on another account's layer (not shared with this account)",
    inventory: withLayers([
      {
        arn: FOREIGN,
        scan: failed({
          class: 'access-denied',
          code: 'AccessDeniedException',
          message: 'not authorized to perform: lambda:GetLayerVersion',
          service: 'lambda',
          operation: 'GetLayerVersion',
          region: 'us-east-1',
        }),
      },
    ]),
    expect: [{ resource: 'vendor-sdk:12', status: 'unknown', message: 'could not be scanned' }],
  },
  {
    kind: 'unknown',
    name: 'too many entries: the cap is the reason, never a pass',
    inventory: withLayers([
      {
        arn: OWN,
        scan: failed({
          class: 'other',
          code: 'TooManyEntries',
          message: 'the package has 25000 entries, over the cap of 20000',
          service: 'lambda',
          operation: 'GetLayerVersion code download',
          region: 'us-east-1',
        }),
      },
    ]),
    expect: [{ resource: 'shared-config:3', status: 'unknown', message: 'TooManyEntries' }],
  },
  {
    kind: 'unknown',
    name: 'not collected (a scan without --scan-code)',
    inventory: withLayers(undefined),
    expect: [{ resource: 'Lambda layers in us-east-1', status: 'unknown', message: 'not collected' }],
  },
  {
    kind: 'unknown',
    name: 'the region could not be listed',
    inventory: inventory({ regions: { 'us-east-1': failedLambdaRegion('us-east-1') } }),
    expect: [{ resource: 'Lambda layers in us-east-1', status: 'unknown' }],
  },
]);
