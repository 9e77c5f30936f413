import assert from 'node:assert/strict';
import { it } from 'node:test';
import { evaluateCheck, regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  failed,
  failedLambdaRegion,
  inventory,
  lambdaFunction,
  ok,
} from '../../test/helpers/inventory.js';
import { inOrganization, MEMBER, ORG_ID, OUTSIDER } from '../../test/helpers/organization.js';
import { alias, rawPolicy, version } from '../../test/helpers/qualifiers.js';
import check from './qualifier-cross-account-grant.js';

const ACCOUNT = '123456789012';
const PARTNER = '210987654321';
const ARN = (q: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:quotes:${q}`;

/** quotes with a live alias whose policy lets `account` (or, with a condition, anyone it admits) invoke it. */
const liveAliasFor = (account: string, Condition?: Record<string, Record<string, string>>) =>
  inventory({
    functions: [
      lambdaFunction({
        name: 'quotes',
        policy: ok(null),
        versions: ok([]),
        aliases: ok([
          alias(
            'quotes',
            'live',
            '$LATEST',
            rawPolicy({
              Sid: 'consumer',
              Effect: 'Allow',
              Principal: { AWS: Condition ? '*' : `arn:aws:iam::${account}:root` },
              Action: 'lambda:InvokeFunction',
              Resource: ARN('live'),
              ...(Condition ? { Condition } : {}),
            }),
          ),
        ]),
      }),
    ],
  });

testCheck(check, [
  {
    kind: 'fail',
    name: 'organization scan: an alias granted to an account the organization does not list',
    inventory: inOrganization(liveAliasFor(OUTSIDER)),
    expect: [
      {
        resource: 'quotes',
        status: 'fail',
        message: `alias live: the resource policy grants account(s) ${OUTSIDER}`,
      },
    ],
  },
  {
    kind: 'pass',
    name: 'organization scan: an alias granted to a member account',
    inventory: inOrganization(liveAliasFor(MEMBER)),
    expect: [{ resource: 'quotes', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'organization scan: the production alias granted to the whole organization, as CDK’s grantInvoke(new OrganizationPrincipal(id)) writes it (Principal "*" + aws:PrincipalOrgID; failed here before organization context)',
    inventory: inOrganization(liveAliasFor('*', { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } })),
    expect: [{ resource: 'quotes', status: 'pass' }],
  },
  {
    kind: 'fail',
    name: 'single-account scan: the same member grant fails, membership unknown',
    inventory: liveAliasFor(MEMBER),
    expect: [
      {
        resource: 'quotes',
        status: 'fail',
        message: 'organization membership unknown: scanned as a single account',
      },
    ],
  },
  {
    kind: 'fail',
    name: "a partner account may invoke the live alias (the grant is only in the alias's policy)",
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'quotes',
          policy: ok(null),
          versions: ok([version('quotes', '5', ok(null))]),
          aliases: ok([
            alias(
              'quotes',
              'live',
              '5',
              rawPolicy({
                Sid: 'partner',
                Effect: 'Allow',
                Principal: { AWS: `arn:aws:iam::${PARTNER}:root` },
                Action: 'lambda:InvokeFunction',
                Resource: ARN('live'),
              }),
            ),
          ]),
        }),
      ],
    }),
    expect: [
      {
        resource: 'quotes',
        status: 'fail',
        message: `alias live: the resource policy grants account(s) ${PARTNER}`,
      },
    ],
  },
  {
    kind: 'pass',
    name: 'an alias granted only to this account',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'quotes',
          versions: ok([]),
          aliases: ok([
            alias(
              'quotes',
              'live',
              '$LATEST',
              rawPolicy({
                Sid: 'own',
                Effect: 'Allow',
                Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/caller` },
                Action: 'lambda:InvokeFunction',
                Resource: ARN('live'),
              }),
            ),
          ]),
        }),
      ],
    }),
    expect: [{ resource: 'quotes', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: "an S3 trigger on a version, pinned to this account's bucket by aws:SourceAccount, is not a cross-account grant (checkov#7298: conditions that scope a service principal were ignored)",
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'quotes',
          versions: ok([
            version(
              'quotes',
              '2',
              rawPolicy({
                Sid: 's3-invoke',
                Effect: 'Allow',
                Principal: { Service: 's3.amazonaws.com' },
                Action: 'lambda:InvokeFunction',
                Resource: ARN('2'),
                Condition: {
                  StringEquals: { 'AWS:SourceAccount': ACCOUNT },
                  ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::quotes-inbox' },
                },
              }),
            ),
          ]),
          aliases: ok([]),
        }),
      ],
    }),
    expect: [{ resource: 'quotes', status: 'pass' }],
  },
  {
    kind: 'not-applicable',
    name: 'no alias and no published version',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'quotes', versions: ok([]), aliases: ok([]) })],
    }),
    expect: [{ resource: 'quotes', status: 'not_applicable' }],
  },
  regionWithoutFunctions(),
  {
    kind: 'unknown',
    name: "a version's GetPolicy was denied",
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'quotes',
          versions: ok([version('quotes', '1', failed(awsError('GetPolicy')))]),
          aliases: ok([]),
        }),
      ],
    }),
    expect: [
      {
        resource: 'quotes',
        status: 'unknown',
        message: 'the resource policy of version 1 could not be read',
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

it('lambda.qualifier-cross-account-grant: a pass lists each qualifier’s grants within the organization', () => {
  const [result] = evaluateCheck(check, inOrganization(liveAliasFor(MEMBER)));
  assert.equal(result?.status, 'pass');
  assert.deepEqual(result?.evidence.withinOrganization, [
    {
      qualifier: 'alias live',
      arn: ARN('live'),
      withinOrganization: [
        { sid: 'consumer', accounts: [MEMBER], organizations: [], actions: ['lambda:InvokeFunction'] },
      ],
    },
  ]);
});
