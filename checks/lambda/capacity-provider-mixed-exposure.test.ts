import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateCheck, regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  doc,
  failed,
  failedLambdaRegion,
  inventory,
  lambdaFunction,
  lambdaRegionInventory,
  ok,
} from '../../test/helpers/inventory.js';
import check from './capacity-provider-mixed-exposure.js';

const FN = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const CP = (name: string) => `arn:aws:lambda:us-east-1:123456789012:capacity-provider:${name}`;
const publicInvoke = (name: string) => ({
  Sid: 'AllowPublicInvoke',
  Effect: 'Allow' as const,
  Principal: { AWS: ['*'] },
  Action: ['lambda:InvokeFunction'],
  Resource: [FN(name)],
});
const pub = (name: string, provider: string | null) =>
  lambdaFunction({ name, capacityProviderArn: provider, policy: doc(publicInvoke(name)) });
const priv = (name: string, provider: string | null) =>
  lambdaFunction({ name, capacityProviderArn: provider });

testCheck(check, [
  {
    kind: 'fail',
    name: 'a public API and an internal ledger function share one capacity provider',
    inventory: inventory({
      functions: [
        pub('public-api', CP('shared-fleet')),
        priv('ledger', CP('shared-fleet')),
        priv('solo', CP('solo')),
      ],
    }),
    expect: [
      { resource: 'shared-fleet', status: 'fail', message: '1 function(s) anyone can invoke (public-api)' },
      { resource: 'solo', status: 'not_applicable', message: 'one function only' },
    ],
  },
  {
    kind: 'pass',
    name: 'internal functions on one provider, public ones on another',
    inventory: inventory({
      functions: [
        priv('a', CP('internal')),
        priv('b', CP('internal')),
        pub('c', CP('edge')),
        pub('d', CP('edge')),
      ],
    }),
    expect: [
      { resource: 'edge', status: 'pass', message: 'all of which anyone can invoke' },
      { resource: 'internal', status: 'pass', message: 'nobody outside can invoke' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'a public function on Lambda’s own fleet beside private ones on a provider: the fleet is not a shared boundary of this account',
    inventory: inventory({
      functions: [pub('public-api', null), priv('a', CP('internal')), priv('b', CP('internal'))],
    }),
    expect: [{ resource: 'internal', status: 'pass' }],
  },
  {
    kind: 'not-applicable',
    name: 'no function runs on a capacity provider (every function on Lambda’s fleet, as before Managed Instances)',
    inventory: inventory({ functions: [pub('public-api', null), priv('worker', null)] }),
    expect: [
      {
        resource: 'Lambda functions in us-east-1',
        status: 'not_applicable',
        message: 'no function in us-east-1 runs on a capacity provider',
      },
    ],
  },
  {
    kind: 'unknown',
    name: 'a sharer whose policy could not be read (no mix proven); an unreadable region is unknown on its own',
    inventory: inventory({
      regions: {
        'us-east-1': lambdaRegionInventory([
          priv('a', CP('internal')),
          lambdaFunction({
            name: 'b',
            capacityProviderArn: CP('internal'),
            policy: failed(awsError('GetPolicy')),
          }),
        ]),
        'eu-west-1': failedLambdaRegion('eu-west-1'),
      },
    }),
    expect: [
      { resource: 'internal', status: 'unknown', message: 'whether b is publicly invokable is unknown' },
      { resource: 'Lambda functions in eu-west-1', status: 'unknown' },
    ],
  },
  {
    kind: 'unknown',
    name: 'an inventory written before the field existed is unknown, not "no capacity provider"',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'x', urlConfigs: ok([]), capacityProviderArn: undefined })],
    }),
    expect: [
      { resource: 'Lambda functions in us-east-1', status: 'unknown', message: 'older lambda-posture' },
    ],
  },
  regionWithoutFunctions(),
]);

describe('lambda.capacity-provider-mixed-exposure evidence', () => {
  it('counts the tenant isolation modes of the provider’s functions (absent in an older inventory: unknown)', () => {
    // The fixture builder leaves tenantIsolationMode out, as an older inventory does.
    const older = priv('legacy', CP('fleet'));
    const [result] = evaluateCheck(
      check,
      inventory({
        functions: [
          { ...pub('public-api', CP('fleet')), tenantIsolationMode: 'PER_TENANT' },
          { ...priv('ledger', CP('fleet')), tenantIsolationMode: null },
          older,
        ],
      }),
    );
    assert.equal(result?.status, 'fail');
    assert.deepEqual(result?.evidence.tenantIsolation, { PER_TENANT: 1, none: 1, unknown: 1 });
  });
});
