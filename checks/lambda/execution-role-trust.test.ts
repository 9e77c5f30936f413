import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import {
  authorization,
  awsError,
  failed,
  iamData,
  iamRole,
  inventory,
  lambdaFunction,
  parsedDoc,
} from '../../test/helpers/inventory.js';
import check from './execution-role-trust.js';

type Statement = Parameters<typeof parsedDoc>[0];
const assume = (Principal: Statement['Principal'], extra: Partial<Statement> = {}): Statement => ({
  Effect: 'Allow',
  Principal,
  Action: ['sts:AssumeRole'],
  ...extra,
});
const LAMBDA = assume({ Service: ['lambda.amazonaws.com'] });

/** Functions named after their roles (`<name>-role`), each role with the given trust statements. */
function withRoles(roles: Record<string, Statement[]>) {
  return inventory({
    functions: Object.keys(roles).map((name) => lambdaFunction({ name })),
    iam: {
      status: 'ok',
      data: iamData({
        authorization: authorization({
          roles: Object.entries(roles).map(([name, statements]) =>
            iamRole({ name: `${name}-role`, trustPolicy: parsedDoc(...statements) }),
          ),
        }),
      }),
    },
  });
}

testCheck(check, [
  {
    kind: 'fail',
    name: 'an EC2 instance role reused as execution role, a partner account with an external id, and Principal "*"',
    inventory: withRoles({
      reused: [assume({ Service: ['lambda.amazonaws.com', 'ec2.amazonaws.com'] })],
      partner: [
        LAMBDA,
        assume(
          { AWS: ['arn:aws:iam::210987654321:root'] },
          { Condition: { StringEquals: { 'sts:ExternalId': ['x-81f2'] } } },
        ),
      ],
      anyone: [LAMBDA, assume({ AWS: ['*'] })],
    }),
    expect: [
      { resource: 'reused', status: 'fail', message: 'can also be assumed by Service:ec2.amazonaws.com' },
      { resource: 'partner', status: 'fail', message: 'AWS:arn:aws:iam::210987654321:root' },
      { resource: 'anyone', status: 'fail', message: 'AWS:*' },
    ],
  },
  {
    kind: 'pass',
    name: 'the Lambda service alone, with or without aws:SourceAccount',
    inventory: withRoles({
      plain: [LAMBDA],
      scoped: [
        assume(
          { Service: ['lambda.amazonaws.com'] },
          { Condition: { StringEquals: { 'aws:SourceAccount': ['123456789012'] } } },
        ),
      ],
    }),
    expect: [
      { resource: 'plain', status: 'pass', message: 'only the Lambda service' },
      { resource: 'scoped', status: 'pass' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'Lambda@Edge’s required edgelambda.amazonaws.com, a deleted principal left as its unique id, an sts:TagSession-only grant, and lambda.amazonaws.com without aws:SourceAccount (PassRole-gated: Prowler’s confused-deputy check flags it, prowler-cloud/prowler#2810)',
    inventory: withRoles({
      unpinned: [LAMBDA],
      edge: [assume({ Service: ['lambda.amazonaws.com', 'edgelambda.amazonaws.com'] })],
      orphaned: [LAMBDA, assume({ AWS: ['AROA3XFRBF535PLBIFPI4'] })],
      tagging: [
        LAMBDA,
        {
          Effect: 'Allow',
          Principal: { AWS: ['arn:aws:iam::123456789012:role/deployer'] },
          Action: ['sts:TagSession'],
        },
      ],
    }),
    expect: [
      { resource: 'unpinned', status: 'pass' },
      { resource: 'edge', status: 'pass' },
      { resource: 'orphaned', status: 'pass' },
      { resource: 'tagging', status: 'pass' },
    ],
  },
  {
    kind: 'unknown',
    name: 'GetAccountAuthorizationDetails denied',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'fn' })],
      iam: {
        status: 'ok',
        data: iamData({
          authorization: failed(
            awsError('GetAccountAuthorizationDetails', 'access-denied', 'iam', undefined),
          ),
        }),
      },
    }),
    expect: [{ resource: 'fn', status: 'unknown', message: 'could not be analysed' }],
  },
  {
    kind: 'unknown',
    name: 'a trust policy that could not be parsed',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'odd' })],
      iam: {
        status: 'ok',
        data: iamData({
          authorization: authorization({
            roles: [iamRole({ name: 'odd-role', trustPolicy: { parsed: false, reason: 'not JSON' } })],
          }),
        }),
      },
    }),
    expect: [{ resource: 'odd', status: 'unknown', message: 'could not be parsed (not JSON)' }],
  },
  {
    kind: 'not-applicable',
    name: 'the execution role was deleted',
    inventory: inventory({ functions: [lambdaFunction({ name: 'orphan' })] }),
    expect: [{ resource: 'orphan', status: 'not_applicable', message: 'does not exist' }],
  },
  regionWithoutFunctions(),
]);
