import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  failed,
  failedLambdaRegion,
  inventory,
  lambdaFunction,
  ok,
} from '../../test/helpers/inventory.js';
import { alias, rawPolicy, version } from '../../test/helpers/qualifiers.js';
import check from './qualifier-public-policy.js';

const ACCOUNT = '123456789012';
const ARN = (q: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders:${q}`;

const anyoneInvokes = (q: string) => ({
  Sid: 'public-invoke',
  Effect: 'Allow' as const,
  Principal: '*',
  Action: 'lambda:InvokeFunction',
  Resource: ARN(q),
});

testCheck(check, [
  {
    kind: 'fail',
    name: "the production alias's own policy lets anyone invoke it while the unqualified function has no policy",
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'orders',
          policy: ok(null),
          versions: ok([version('orders', '1', ok(null)), version('orders', '2', ok(null))]),
          aliases: ok([alias('orders', 'live', '2', rawPolicy(anyoneInvokes('live')))]),
        }),
      ],
    }),
    expect: [
      { resource: 'orders', status: 'fail', message: 'alias live: statement "public-invoke" lets anyone' },
    ],
  },
  {
    kind: 'fail',
    name: 'an old published version keeps a public grant after the alias moved on',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'orders',
          versions: ok([
            version('orders', '3', rawPolicy(anyoneInvokes('3'))),
            version('orders', '4', ok(null)),
          ]),
          aliases: ok([alias('orders', 'live', '4', ok(null))]),
        }),
      ],
    }),
    expect: [{ resource: 'orders', status: 'fail', message: 'version 3:' }],
  },
  {
    kind: 'pass',
    name: 'versions and aliases without policies of their own',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'orders',
          versions: ok([version('orders', '1', ok(null))]),
          aliases: ok([alias('orders', 'live', '1', ok(null))]),
        }),
      ],
    }),
    expect: [{ resource: 'orders', status: 'pass', message: '1 published version(s) and 1 alias(es)' }],
  },
  {
    kind: 'near-miss',
    name: 'an API Gateway permission on the alias, scoped by aws:SourceArn and aws:SourceAccount, is not public (prowler#4870 reported such grants as public)',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'orders',
          versions: ok([version('orders', '7', ok(null))]),
          aliases: ok([
            alias(
              'orders',
              'live',
              '7',
              rawPolicy({
                Sid: 'apigw-invoke',
                Effect: 'Allow',
                Principal: { Service: 'apigateway.amazonaws.com' },
                Action: 'lambda:InvokeFunction',
                Resource: ARN('live'),
                Condition: {
                  StringEquals: { 'AWS:SourceAccount': ACCOUNT },
                  ArnLike: {
                    'AWS:SourceArn': `arn:aws:execute-api:us-east-1:${ACCOUNT}:a1b2c3d4e5/*/POST/orders`,
                  },
                },
              }),
            ),
          ]),
        }),
      ],
    }),
    expect: [{ resource: 'orders', status: 'pass', message: '1 with a policy of its own' }],
  },
  {
    kind: 'not-applicable',
    name: 'a function with no alias and no published version',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'orders', versions: ok([]), aliases: ok([]) })],
    }),
    expect: [{ resource: 'orders', status: 'not_applicable', message: 'no alias or published version' }],
  },
  regionWithoutFunctions(),
  {
    kind: 'unknown',
    name: "an alias's GetPolicy was throttled out, and no other qualifier fails",
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'orders',
          versions: ok([version('orders', '1', ok(null))]),
          aliases: ok([alias('orders', 'live', '1', failed(awsError('GetPolicy', 'throttled')))]),
        }),
      ],
    }),
    expect: [
      {
        resource: 'orders',
        status: 'unknown',
        message: 'the resource policy of alias live could not be read',
      },
    ],
  },
  {
    kind: 'fail',
    name: 'one qualifier failing outweighs another that could not be read',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'orders',
          versions: ok([version('orders', '1', failed(awsError('GetPolicy')))]),
          aliases: ok([alias('orders', 'live', '1', rawPolicy(anyoneInvokes('live')))]),
        }),
      ],
    }),
    expect: [{ resource: 'orders', status: 'fail', message: 'alias live' }],
  },
  {
    kind: 'unknown',
    name: 'ListAliases denied',
    inventory: inventory({
      functions: [
        lambdaFunction({ name: 'orders', versions: ok([]), aliases: failed(awsError('ListAliases')) }),
      ],
    }),
    expect: [{ resource: 'orders', status: 'unknown', message: 'the aliases could not be read' }],
  },
  {
    kind: 'unknown',
    name: 'the qualifiers were not collected (a scan without --deep)',
    inventory: inventory({ functions: [lambdaFunction({ name: 'orders' })] }),
    expect: [{ resource: 'orders', status: 'unknown', message: 'the published versions was not collected' }],
  },
  {
    kind: 'unknown',
    name: "an alias's policy could not be parsed",
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'orders',
          versions: ok([]),
          aliases: ok([alias('orders', 'live', '$LATEST', ok({ parsed: false, reason: 'not JSON' }))]),
        }),
      ],
    }),
    expect: [
      {
        resource: 'orders',
        status: 'unknown',
        message: 'alias live: the resource policy could not be parsed',
      },
    ],
  },
  {
    kind: 'unknown',
    name: 'the whole Lambda slice of a region failed',
    inventory: inventory({ regions: { 'eu-west-1': failedLambdaRegion('eu-west-1') } }),
    expect: [{ resource: 'Lambda functions in eu-west-1', status: 'unknown' }],
  },
]);
