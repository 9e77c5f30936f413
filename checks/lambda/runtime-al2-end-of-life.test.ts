import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runtimeTable } from '../../src/data/runtimes.js';
import { evaluateCheck, regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import { failedLambdaRegion, inventory, lambdaFunction } from '../../test/helpers/inventory.js';
import { daysBeforeDay, scannedAt } from '../../test/helpers/runtimes.js';
import check from './runtime-al2-end-of-life.js';

// Scan times relative to Amazon Linux 2's end of support as the data file gives it.
const al2End = runtimeTable().os.get('Amazon Linux 2')?.endOfSupport ?? '';
const at = (days: number, ...fns: [name: string, runtime: string][]) =>
  scannedAt(
    inventory({ functions: fns.map(([name, runtime]) => lambdaFunction({ name, runtime })) }),
    daysBeforeDay(al2End, days),
  );

testCheck(check, [
  {
    kind: 'fail',
    name: 'java17 and provided.al2 after Amazon Linux 2’s end of support (java17 itself still a supported runtime)',
    inventory: at(-30, ['java-api', 'java17'], ['custom', 'provided.al2']),
    expect: [
      { resource: 'java-api', status: 'fail', message: `reached end of support on ${al2End}` },
      { resource: 'custom', status: 'fail', message: 'Amazon Linux 2' },
    ],
  },
  {
    kind: 'fail',
    name: 'python3.11, 60 days before the end of support',
    inventory: at(60, ['etl', 'python3.11']),
    expect: [{ resource: 'etl', status: 'fail', message: 'reaches end of support in 60 day(s)' }],
  },
  {
    kind: 'pass',
    name: 'python3.11 more than 90 days before the end of support, and an AL2023 runtime',
    inventory: at(91, ['etl', 'python3.11'], ['api', 'nodejs24.x']),
    expect: [
      { resource: 'etl', status: 'pass', message: 'more than 90 days' },
      { resource: 'api', status: 'pass', message: 'Amazon Linux 2023' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'provided.al2023 and java8.al2023 contain "al2" (a substring match flags them), nodejs20.x runs on AL2023 although nodejs18.x was AL2',
    inventory: at(
      -30,
      ['custom', 'provided.al2023'],
      ['java-legacy', 'java8.al2023'],
      ['node', 'nodejs20.x'],
    ),
    expect: [
      { resource: 'custom', status: 'pass', message: 'runs on Amazon Linux 2023' },
      { resource: 'java-legacy', status: 'pass', message: 'runs on Amazon Linux 2023' },
      { resource: 'node', status: 'pass', message: 'runs on Amazon Linux 2023' },
    ],
  },
  {
    kind: 'not-applicable',
    name: 'go1.x runs on Amazon Linux (AL1), and a container image brings its own OS',
    inventory: scannedAt(
      inventory({
        functions: [
          lambdaFunction({ name: 'go-legacy', runtime: 'go1.x', handler: 'main' }),
          lambdaFunction({ name: 'image-fn', packageType: 'Image', runtime: null, handler: null }),
        ],
      }),
      daysBeforeDay(al2End, -30),
    ),
    expect: [
      { resource: 'go-legacy', status: 'not_applicable', message: 'not Amazon Linux 2' },
      { resource: 'image-fn', status: 'not_applicable', message: 'runtime is part of the image' },
    ],
  },
  regionWithoutFunctions(),
  {
    kind: 'unknown',
    name: 'a runtime newer than the data file',
    inventory: inventory({ functions: [lambdaFunction({ name: 'bleeding-edge', runtime: 'python3.15' })] }),
    expect: [{ resource: 'bleeding-edge', status: 'unknown', message: 'may be outdated' }],
  },
  {
    kind: 'unknown',
    name: 'the whole Lambda slice of a region failed',
    inventory: inventory({ regions: { 'eu-west-1': failedLambdaRegion('eu-west-1', 'timed-out') } }),
    expect: [{ resource: 'Lambda functions in eu-west-1', status: 'unknown' }],
  },
]);

it('lambda.runtime-al2-end-of-life: the data file gives every runtime an OS, and AL2’s end of support with its source', () => {
  const { data, os } = runtimeTable();
  assert.equal(os.get('Amazon Linux 2')?.source, 'https://aws.amazon.com/amazon-linux-2/faqs/');
  assert.match(al2End, /^\d{4}-\d{2}-\d{2}$/);
  const al2 = data.runtimes.filter((r) => r.os === 'Amazon Linux 2').map((r) => r.identifier);
  for (const id of ['provided.al2', 'java8.al2', 'java11', 'java17', 'python3.11', 'nodejs18.x', 'ruby3.2'])
    assert.ok(al2.includes(id), `${id} is an Amazon Linux 2 runtime`);
  for (const id of ['provided.al2023', 'java21', 'python3.12', 'nodejs20.x', 'ruby3.3', 'dotnet8'])
    assert.equal(runtimeTable().byId.get(id)?.os, 'Amazon Linux 2023', id);
});

it('lambda.runtime-al2-end-of-life evidence names the OS, its end of support and the runtime’s own deprecation', () => {
  const [r] = evaluateCheck(check, at(-30, ['java-api', 'java17']));
  assert.equal(r?.evidence.os, 'Amazon Linux 2');
  assert.equal(r?.evidence.daysSinceOsEndOfSupport, 30);
  assert.equal(typeof r?.evidence.runtimeDeprecation, 'string');
});
