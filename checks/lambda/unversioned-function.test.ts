import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  failed,
  failedLambdaRegion,
  inventory,
  lambdaFunction,
  lambdaRegionInventory,
  ok,
} from '../../test/helpers/inventory.js';
import { alias, rawPolicy, version } from '../../test/helpers/qualifiers.js';
import check from './unversioned-function.js';

const ACCOUNT = '123456789012';
const FN = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
const mapping = (functionArn: string) => ({
  uuid: '6f2a1c8e-0000-4000-8000-000000000001',
  functionArn,
  eventSourceArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`,
  state: 'Enabled',
});
const apiGrant = (name: string) => ({
  Sid: 'apigw',
  Effect: 'Allow' as const,
  Principal: { Service: 'apigateway.amazonaws.com' },
  Action: 'lambda:InvokeFunction',
  Resource: FN(name),
  Condition: { ArnLike: { 'AWS:SourceArn': `arn:aws:execute-api:us-east-1:${ACCOUNT}:abc/*` } },
});

testCheck(check, [
  {
    kind: 'fail',
    name: 'a queue feeds $LATEST of a function that never had a version published',
    inventory: inventory({
      regions: {
        'us-east-1': lambdaRegionInventory([lambdaFunction({ name: 'worker', versions: ok([]) })], {
          eventSourceMappings: ok([mapping(FN('worker'))]),
        }),
      },
    }),
    expect: [
      { resource: 'worker', status: 'fail', message: 'no published version, yet 1 event source mapping(s)' },
    ],
  },
  {
    kind: 'fail',
    name: 'an API Gateway grant and a URL with no version (an alias, which can then only point at $LATEST, changes nothing)',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'api',
          versions: ok([]),
          aliases: ok([alias('api', 'live', '$LATEST')]),
          policy: rawPolicy(apiGrant('api')),
          urlConfigs: ok([
            {
              url: 'https://apiabc.lambda-url.us-east-1.on.aws/',
              functionArn: FN('api'),
              authType: 'AWS_IAM',
              invokeMode: 'BUFFERED',
              cors: null,
            },
          ]),
        }),
      ],
    }),
    expect: [{ resource: 'api', status: 'fail', message: '1 function URL(s), 1 resource-policy grant(s)' }],
  },
  {
    kind: 'pass',
    name: 'published versions exist',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'api',
          versions: ok([version('api', '1'), version('api', '2')]),
          policy: rawPolicy(apiGrant('api')),
        }),
      ],
    }),
    expect: [{ resource: 'api', status: 'pass', message: '2 published version(s), the newest 2' }],
  },
  {
    kind: 'near-miss',
    name: 'a SAM AutoPublishAlias function: versions behind alias live, the queue mapped to the alias',
    inventory: inventory({
      regions: {
        'us-east-1': lambdaRegionInventory(
          [
            lambdaFunction({
              name: 'worker',
              versions: ok([version('worker', '11'), version('worker', '12')]),
              aliases: ok([alias('worker', 'live', '12')]),
            }),
          ],
          { eventSourceMappings: ok([mapping(`${FN('worker')}:live`)]) },
        ),
      },
    }),
    expect: [{ resource: 'worker', status: 'pass', message: 'the newest 12' }],
  },
  {
    kind: 'not-applicable',
    name: 'no version, but the only policy statement is a Deny: nothing is wired (a policy is not a grant)',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'locked',
          versions: ok([]),
          policy: rawPolicy({
            Sid: 'deny-all',
            Effect: 'Deny',
            Principal: '*',
            Action: 'lambda:*',
            Resource: FN('locked'),
          }),
        }),
      ],
    }),
    expect: [
      {
        resource: 'locked',
        status: 'not_applicable',
        message: 'no event source mapping, URL or resource-policy grant',
      },
    ],
  },
  {
    kind: 'not-applicable',
    name: 'no version and nothing visible invokes the function (a Step Functions task calls it with its role)',
    inventory: inventory({ functions: [lambdaFunction({ name: 'step', versions: ok([]) })] }),
    expect: [{ resource: 'step', status: 'not_applicable' }],
  },
  regionWithoutFunctions(),
  {
    kind: 'unknown',
    name: 'no version, nothing else wired, and the event source mappings could not be listed',
    inventory: inventory({
      regions: {
        'us-east-1': lambdaRegionInventory([lambdaFunction({ name: 'worker', versions: ok([]) })], {
          eventSourceMappings: failed(awsError('ListEventSourceMappings')),
        }),
      },
    }),
    expect: [
      {
        resource: 'worker',
        status: 'unknown',
        message: 'the event source mappings of us-east-1 could not be read',
      },
    ],
  },
  {
    kind: 'unknown',
    name: 'the versions were not collected (a scan without --deep)',
    inventory: inventory({ functions: [lambdaFunction({ name: 'worker' })] }),
    expect: [{ resource: 'worker', status: 'unknown', message: 'the published versions was not collected' }],
  },
  {
    kind: 'unknown',
    name: 'the whole Lambda slice of a region failed',
    inventory: inventory({ regions: { 'eu-west-1': failedLambdaRegion('eu-west-1') } }),
    expect: [{ resource: 'Lambda functions in eu-west-1', status: 'unknown' }],
  },
]);
