import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateCheck, regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import {
  ACCOUNT,
  failedLambdaRegion,
  inventory,
  lambdaFunction,
  regionInventory,
} from '../../test/helpers/inventory.js';
import check from './shared-execution-role.js';

const role = (name: string, path = '/') => `arn:aws:iam::${ACCOUNT}:role${path}${name}`;

testCheck(check, [
  {
    kind: 'fail',
    name: 'two functions in different regions run as the same role',
    inventory: inventory({
      functions: [
        lambdaFunction({ name: 'orders-api', roleArn: role('app-role') }),
        lambdaFunction({ name: 'orders-worker', region: 'eu-west-1', roleArn: role('app-role') }),
        lambdaFunction({ name: 'billing', roleArn: role('billing-role') }),
      ],
    }),
    expect: [
      {
        resource: 'orders-api',
        status: 'fail',
        message: 'also used by 1 other function(s): arn:aws:lambda:eu-west-1',
      },
      { resource: 'orders-worker', status: 'fail', message: 'function:orders-api' },
      { resource: 'billing', status: 'pass' },
    ],
  },
  {
    kind: 'fail',
    name: 'the same role written with another path and case is still the same role',
    inventory: inventory({
      functions: [
        lambdaFunction({ name: 'a', roleArn: role('Shared-Exec', '/service-role/') }),
        lambdaFunction({ name: 'b', roleArn: role('shared-exec') }),
      ],
    }),
    expect: [
      { resource: 'a', status: 'fail' },
      { resource: 'b', status: 'fail' },
    ],
  },
  {
    kind: 'pass',
    name: 'one role per function',
    inventory: inventory({
      functions: [
        lambdaFunction({ name: 'ingest', roleArn: role('ingest-role') }),
        lambdaFunction({ name: 'ingest-v2', roleArn: role('ingest-role-v2') }),
      ],
    }),
    expect: [
      { resource: 'ingest', status: 'pass', message: 'used by this function only' },
      { resource: 'ingest-v2', status: 'pass' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'published versions of one function share its role (listing with FunctionVersion=ALL)',
    inventory: inventory({
      functions: [
        lambdaFunction({ name: 'checkout', roleArn: role('checkout-role') }),
        lambdaFunction({
          name: 'checkout',
          version: '7',
          arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:checkout:7`,
          roleArn: role('checkout-role'),
        }),
      ],
    }),
    expect: [
      { resource: 'checkout', status: 'pass' },
      { resource: 'checkout', status: 'pass' },
    ],
  },
  {
    kind: 'unknown',
    name: 'a region could not be read: a unique role cannot be confirmed, a shared one is still shared',
    inventory: inventory({
      regions: {
        'eu-west-1': failedLambdaRegion('eu-west-1'),
        'us-east-1': regionInventory(),
      },
      functions: [
        lambdaFunction({ name: 'lonely', roleArn: role('lonely-role') }),
        lambdaFunction({ name: 'pair-1', roleArn: role('pair-role') }),
        lambdaFunction({ name: 'pair-2', roleArn: role('pair-role') }),
      ],
    }),
    expect: [
      { resource: 'Lambda functions in eu-west-1', status: 'unknown' },
      { resource: 'lonely', status: 'unknown', message: 'another region could not be read (eu-west-1)' },
      { resource: 'pair-1', status: 'fail' },
      { resource: 'pair-2', status: 'fail' },
    ],
  },
  regionWithoutFunctions(),
]);

describe('lambda.shared-execution-role evidence', () => {
  it('lists at most 20 other functions and gives the full count', () => {
    const fns = Array.from({ length: 25 }, (_, i) =>
      lambdaFunction({ name: `fn-${String(i).padStart(2, '0')}`, roleArn: role('everyone') }),
    );
    const inv = inventory({ functions: fns });
    const results = evaluateCheck(check, inv);
    assert.equal(results.length, 25);
    const first = results.find((r) => r.resource.name === 'fn-00');
    if (!first) assert.fail('no result for fn-00');
    assert.equal(first.status, 'fail');
    assert.equal((first.evidence.otherFunctions as string[]).length, 20);
    assert.equal(first.evidence.otherCount, 24);
    assert.equal(first.evidence.truncated, true);
  });
});
