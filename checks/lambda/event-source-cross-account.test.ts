import { testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  failed,
  failedLambdaRegion,
  inventory,
  lambdaFunction,
  lambdaRegionInventory,
  ok,
} from '../../test/helpers/inventory.js';
import check from './event-source-cross-account.js';

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:consumer';
const mapping = (uuid: string, eventSourceArn: string | null, state = 'Enabled') => ({
  uuid,
  functionArn: FN,
  eventSourceArn,
  state,
});
const region = (...mappings: ReturnType<typeof mapping>[]) => ({
  'us-east-1': lambdaRegionInventory([lambdaFunction({ name: 'consumer' })], {
    eventSourceMappings: ok(mappings),
  }),
});
const name = (uuid: string) => `event source mapping ${uuid}`;

testCheck(check, [
  {
    kind: 'fail',
    name: 'an SQS queue and a Kinesis stream of another account',
    inventory: inventory({
      regions: region(
        mapping('a1', 'arn:aws:sqs:us-east-1:210987654321:partner-orders'),
        mapping('a2', 'arn:aws:kinesis:us-east-1:210987654321:stream/clicks', 'Disabled'),
      ),
    }),
    expect: [
      { resource: name('a1'), status: 'fail', message: 'consumer consumes sqs' },
      { resource: name('a2'), status: 'fail', message: '(mapping Disabled)' },
    ],
  },
  {
    kind: 'pass',
    name: 'a DynamoDB stream and an MSK cluster of this account',
    inventory: inventory({
      regions: region(
        mapping('b1', 'arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2026-01-01T00:00:00.000'),
        mapping(
          'b2',
          'arn:aws:kafka:us-east-1:123456789012:cluster/events/0b1c2d3e-aaaa-bbbb-cccc-1234567890ab-2',
        ),
      ),
    }),
    expect: [
      { resource: name('b1'), status: 'pass', message: 'from this account' },
      { resource: name('b2'), status: 'pass' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'a queue of this account whose name holds another account’s id (the ARN’s account field decides, not a digit search)',
    inventory: inventory({
      regions: region(mapping('c1', 'arn:aws:sqs:us-east-1:123456789012:replay-from-210987654321')),
    }),
    expect: [{ resource: name('c1'), status: 'pass' }],
  },
  {
    kind: 'unknown',
    name: 'ListEventSourceMappings denied in one region, the whole region unreadable in another, an ARN without an account',
    inventory: inventory({
      regions: {
        'us-east-1': lambdaRegionInventory([lambdaFunction({ name: 'consumer' })], {
          eventSourceMappings: failed(awsError('ListEventSourceMappings')),
        }),
        'eu-west-1': failedLambdaRegion('eu-west-1'),
        'us-west-2': lambdaRegionInventory([], {
          eventSourceMappings: ok([mapping('d1', 'not-an-arn')]),
        }),
      },
    }),
    expect: [
      {
        resource: 'event source mappings in us-east-1',
        status: 'unknown',
        message: 'the event source mappings of us-east-1 could not be read',
      },
      { resource: 'event source mappings in eu-west-1', status: 'unknown' },
      { resource: name('d1'), status: 'unknown', message: 'names no account' },
    ],
  },
  {
    kind: 'not-applicable',
    name: 'a self-managed Kafka mapping (no source ARN), and a region without mappings',
    inventory: inventory({
      regions: {
        ...region(mapping('e1', null)),
        'eu-west-1': lambdaRegionInventory([]),
      },
    }),
    expect: [
      { resource: name('e1'), status: 'not_applicable', message: 'self-managed Apache Kafka' },
      { resource: 'event source mappings in eu-west-1', status: 'not_applicable' },
    ],
  },
]);
