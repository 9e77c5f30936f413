import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import runtimeData from '../../data/lambda-runtimes.json' with { type: 'json' };
import { RuntimeTable, runtimeTable } from '../../src/data/runtimes.js';
import { evaluateCheck, regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import { failedLambdaRegion, inventory, lambdaFunction } from '../../test/helpers/inventory.js';
import check from './runtime-deprecated.js';

// The fixtures' scan time is 2026-11-01 (test/helpers/inventory.ts SCAN_TIME).
testCheck(check, [
  {
    kind: 'fail',
    name: 'python3.9, deprecated 2025-12-15, and nodejs12.x, whose updates are already blocked',
    inventory: inventory({
      functions: [
        lambdaFunction({ name: 'legacy-etl', runtime: 'python3.9' }),
        lambdaFunction({ name: 'ancient', runtime: 'nodejs12.x' }),
      ],
    }),
    expect: [
      {
        resource: 'legacy-etl',
        status: 'fail',
        message: 'deprecated on 2025-12-15; updates will be blocked from 2027-03-03',
      },
      { resource: 'ancient', status: 'fail', message: 'updates to the function are blocked' },
    ],
  },
  {
    kind: 'fail',
    name: 'deprecation day itself counts (python3.10 on 2026-10-31, scan on 2026-11-01)',
    inventory: inventory({ functions: [lambdaFunction({ name: 'edge-of-support', runtime: 'python3.10' })] }),
    expect: [{ resource: 'edge-of-support', status: 'fail', message: '2026-10-31' }],
  },
  {
    kind: 'pass',
    name: 'nodejs24.x, supported until 2028',
    inventory: inventory({ functions: [lambdaFunction({ name: 'current', runtime: 'nodejs24.x' })] }),
    expect: [{ resource: 'current', status: 'pass', message: 'supported until 2028-04-30' }],
  },
  {
    kind: 'pass',
    name: 'dotnet8, deprecated in 9 days: still a pass, with a warning',
    inventory: inventory({ functions: [lambdaFunction({ name: 'soon', runtime: 'dotnet8' })] }),
    expect: [{ resource: 'soon', status: 'pass', message: 'deprecated in 9 day(s)' }],
  },
  {
    kind: 'near-miss',
    name: 'java17 after its first announced deprecation date (2026-06-30), which AWS moved to 2027-06-30 in 2026: a schedule not refreshed since flags it',
    inventory: inventory({ functions: [lambdaFunction({ name: 'moved-date', runtime: 'java17' })] }),
    expect: [{ resource: 'moved-date', status: 'pass', message: 'supported until 2027-06-30' }],
  },
  {
    kind: 'not-applicable',
    name: 'a container-image function has no managed runtime (flagged as "unknown runtime" by naive checks)',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'image-fn', packageType: 'Image', runtime: null, handler: null })],
    }),
    expect: [{ resource: 'image-fn', status: 'not_applicable', message: 'runtime is part of the image' }],
  },
  regionWithoutFunctions(),
  {
    kind: 'unknown',
    name: 'a runtime identifier newer than the data file',
    inventory: inventory({ functions: [lambdaFunction({ name: 'bleeding-edge', runtime: 'nodejs26.x' })] }),
    expect: [{ resource: 'bleeding-edge', status: 'unknown', message: 'may be outdated' }],
  },
  {
    kind: 'unknown',
    name: 'the whole Lambda slice of a region failed',
    inventory: inventory({
      regions: {
        'eu-west-1': failedLambdaRegion('eu-west-1', 'throttled'),
      },
    }),
    expect: [{ resource: 'Lambda functions in eu-west-1', status: 'unknown' }],
  },
]);

describe('lambda.runtime-deprecated data', () => {
  it('the data file validates and names its source and retrieval date', () => {
    const { data } = runtimeTable();
    assert.equal(data.source, 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html');
    assert.match(data.retrievedAt, /^\d{4}-\d{2}-\d{2}$/);
  });

  it('lists the runtimes a real account is likely to hold', () => {
    const { byId } = runtimeTable();
    for (const id of [
      'nodejs24.x',
      'nodejs22.x',
      'nodejs20.x',
      'python3.14',
      'python3.12',
      'java21',
      'dotnet8',
      'ruby3.4',
      'provided.al2023',
      'provided.al2',
      'go1.x',
    ]) {
      assert.ok(byId.has(id), `${id} is missing`);
    }
  });

  it('rejects duplicate identifiers and malformed dates', () => {
    const entry = {
      identifier: 'x1',
      name: 'X',
      deprecation: '2027-01-01',
      blockFunctionCreate: null,
      blockFunctionUpdate: null,
    };
    const base = { source: runtimeData.source, retrievedAt: '2026-11-25' };
    assert.equal(RuntimeTable.safeParse({ ...base, runtimes: [entry, entry] }).success, false);
    assert.equal(
      RuntimeTable.safeParse({ ...base, runtimes: [{ ...entry, deprecation: 'Jan 1, 2027' }] }).success,
      false,
    );
  });

  it('evidence carries daysUntilDeprecation and the warning inside the window', () => {
    const inv = inventory({ functions: [lambdaFunction({ name: 'soon', runtime: 'dotnet8' })] });
    const [r] = evaluateCheck(check, inv);
    assert.equal(r?.evidence.daysUntilDeprecation, 9);
    assert.equal(r?.evidence.warning, 'deprecation within 90 days');
  });
});
