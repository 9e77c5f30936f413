import type { EventInvokeConfig, PolicyStatement } from '../../src/inventory/schema.js';
import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import {
  ACCOUNT,
  awsError,
  failed,
  failedLambdaRegion,
  inventory,
  lambdaFunction,
  ok,
  parsedDoc,
  REGION,
} from '../../test/helpers/inventory.js';
import check from './async-no-failure-destination.js';

const fnArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const QUEUE = `arn:aws:sqs:${REGION}:${ACCOUNT}:failed-events`;

/** What add-permission writes for a service trigger, scoped to this account. */
const grant = (name: string, service: string, over: Partial<PolicyStatement> = {}): PolicyStatement => ({
  Sid: `${service.split('.')[0]}-invoke`,
  Effect: 'Allow',
  Principal: { Service: [service] },
  Action: ['lambda:InvokeFunction'],
  Resource: [fnArn(name)],
  Condition: { StringEquals: { 'AWS:SourceAccount': [ACCOUNT] } },
  ...over,
});

const invokeConfig = (name: string, over: Partial<EventInvokeConfig> = {}): EventInvokeConfig => ({
  functionArn: `${fnArn(name)}:$LATEST`,
  onFailure: null,
  onSuccess: null,
  maximumRetryAttempts: 2,
  maximumEventAgeInSeconds: 21600,
  ...over,
});

const fn = (
  name: string,
  statements: PolicyStatement[] | null,
  configs: EventInvokeConfig[] = [],
  deadLetterTargetArn: string | null = null,
) =>
  lambdaFunction({
    name,
    policy: ok(statements ? parsedDoc(...statements) : null),
    eventInvokeConfigs: ok(configs),
    deadLetterTargetArn,
  });

testCheck(check, [
  {
    kind: 'fail',
    name: 'an S3-triggered function with neither a dead-letter queue nor an invoke config',
    inventory: inventory({ functions: [fn('thumbnails', [grant('thumbnails', 's3.amazonaws.com')])] }),
    expect: [{ resource: 'thumbnails', status: 'fail', message: 's3.amazonaws.com may invoke' }],
  },
  {
    kind: 'fail',
    name: 'an SNS subscriber whose only destination is on success (configured, but failures still dropped)',
    inventory: inventory({
      functions: [
        fn(
          'notify',
          [grant('notify', 'sns.amazonaws.com')],
          [invokeConfig('notify', { onSuccess: `arn:aws:sqs:${REGION}:${ACCOUNT}:done` })],
        ),
      ],
    }),
    expect: [{ resource: 'notify', status: 'fail', message: 'only an on-success destination' }],
  },
  {
    kind: 'fail',
    name: 'an on-failure destination on an alias does not cover the unqualified function the trigger invokes',
    inventory: inventory({
      functions: [
        fn(
          'rules',
          [grant('rules', 'events.amazonaws.com')],
          [invokeConfig('rules', { functionArn: `${fnArn('rules')}:live`, onFailure: QUEUE })],
        ),
      ],
    }),
    expect: [{ resource: 'rules', status: 'fail' }],
  },
  {
    kind: 'fail',
    name: 'a CloudWatch Logs subscription under the old regional principal logs.<region>.amazonaws.com',
    inventory: inventory({ functions: [fn('shipper', [grant('shipper', `logs.${REGION}.amazonaws.com`)])] }),
    expect: [{ resource: 'shipper', status: 'fail' }],
  },
  {
    kind: 'pass',
    name: 'an S3-triggered function with a dead-letter queue',
    inventory: inventory({
      functions: [fn('ingest', [grant('ingest', 's3.amazonaws.com')], [], QUEUE)],
    }),
    expect: [{ resource: 'ingest', status: 'pass', message: 'dead-letter queue' }],
  },
  {
    kind: 'near-miss',
    name: 'no DeadLetterConfig but an on-failure destination passes (AWS Config lambda-dlq-check and cdk-nag LambdaDLQ look only at DeadLetterConfig and fail it)',
    inventory: inventory({
      functions: [
        fn(
          'orders',
          [grant('orders', 'events.amazonaws.com')],
          [invokeConfig('orders', { onFailure: QUEUE })],
        ),
      ],
    }),
    expect: [{ resource: 'orders', status: 'pass', message: 'on-failure destination' }],
  },
  {
    kind: 'near-miss',
    name: 'an invoke config written for the unqualified function (FunctionArn without :$LATEST) counts',
    inventory: inventory({
      functions: [
        fn(
          'audit',
          [grant('audit', 'config.amazonaws.com')],
          [invokeConfig('audit', { functionArn: fnArn('audit'), onFailure: QUEUE })],
        ),
      ],
    }),
    expect: [{ resource: 'audit', status: 'pass' }],
  },
  {
    kind: 'not-applicable',
    name: 'only synchronous invokers (API Gateway, an ALB) and no policy at all: nothing is queued',
    inventory: inventory({
      functions: [
        fn('api', [
          grant('api', 'apigateway.amazonaws.com'),
          grant('api', 'elasticloadbalancing.amazonaws.com'),
        ]),
        fn('worker', null),
      ],
    }),
    expect: [
      { resource: 'api', status: 'not_applicable', message: 'no AWS service that invokes asynchronously' },
      { resource: 'worker', status: 'not_applicable' },
    ],
  },
  {
    kind: 'not-applicable',
    name: 'a Deny statement for S3 grants nothing',
    inventory: inventory({
      functions: [fn('guarded', [grant('guarded', 's3.amazonaws.com', { Effect: 'Deny' })])],
    }),
    expect: [{ resource: 'guarded', status: 'not_applicable' }],
  },
  regionWithoutFunctions(),
  {
    kind: 'unknown',
    name: 'the invoke configs could not be read for an SNS subscriber without a DLQ',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'notify',
          policy: ok(parsedDoc(grant('notify', 'sns.amazonaws.com'))),
          eventInvokeConfigs: failed(awsError('ListFunctionEventInvokeConfigs')),
        }),
      ],
    }),
    expect: [{ resource: 'notify', status: 'unknown', message: 'asynchronous invocation configs' }],
  },
  {
    kind: 'unknown',
    name: 'the invoke configs were not collected (a scan without --deep)',
    inventory: inventory({
      functions: [
        lambdaFunction({ name: 'notify', policy: ok(parsedDoc(grant('notify', 'sns.amazonaws.com'))) }),
      ],
    }),
    expect: [{ resource: 'notify', status: 'unknown', message: 'not collected' }],
  },
  {
    kind: 'unknown',
    name: 'the resource policy could not be read',
    inventory: inventory({
      functions: [
        lambdaFunction({ name: 'x', policy: failed(awsError('GetPolicy')), eventInvokeConfigs: ok([]) }),
      ],
    }),
    expect: [{ resource: 'x', status: 'unknown', message: 'resource policy' }],
  },
  {
    kind: 'unknown',
    name: 'the whole Lambda slice of a region failed',
    inventory: inventory({ regions: { 'eu-west-1': failedLambdaRegion('eu-west-1') } }),
    expect: [{ resource: 'Lambda functions in eu-west-1', status: 'unknown' }],
  },
]);
