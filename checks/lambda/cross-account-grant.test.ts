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
  ok,
} from '../../test/helpers/inventory.js';
import {
  inOrganization,
  MANAGEMENT,
  MEMBER,
  ORG_ID,
  OUTSIDER,
  organization,
} from '../../test/helpers/organization.js';
import check from './cross-account-grant.js';

const FN_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:api';
const PARTNER = '210987654321';
const OTHER = '444455556666';
const invoke = { Effect: 'Allow' as const, Action: ['lambda:InvokeFunction'], Resource: [FN_ARN] };
const FOREIGN_ORG = 'o-z9y8x7w6v5';
const anyoneIf = (Condition: Record<string, Record<string, string[]>>) => ({
  ...invoke,
  Principal: { AWS: ['*'] },
  Condition,
});

testCheck(check, [
  {
    kind: 'fail',
    name: 'another account as principal, in every spelling (id, root ARN, role ARN, assumed-role ARN)',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'partner',
          policy: doc(
            { Sid: 'id', ...invoke, Principal: { AWS: [PARTNER] } },
            { Sid: 'root', ...invoke, Principal: { AWS: [`arn:aws:iam::${OTHER}:root`] } },
          ),
        }),
        lambdaFunction({
          name: 'role',
          policy: doc({ ...invoke, Principal: { AWS: [`arn:aws:iam::${PARTNER}:role/deployer`] } }),
        }),
        lambdaFunction({
          name: 'session',
          policy: doc({ ...invoke, Principal: { AWS: [`arn:aws:sts::${PARTNER}:assumed-role/ci/run-1`] } }),
        }),
      ],
    }),
    expect: [
      { resource: 'partner', status: 'fail', message: `account(s) ${PARTNER}, ${OTHER}` },
      { resource: 'role', status: 'fail', message: PARTNER },
      { resource: 'session', status: 'fail', message: PARTNER },
    ],
  },
  {
    kind: 'fail',
    name: 'a service for another account: aws:SourceAccount, aws:SourceOwner, aws:SourceArn of a foreign rule, S3 for a foreign account (missed by cloud-custodian #7191), aws:PrincipalAccount',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'sns-foreign',
          policy: doc({
            ...invoke,
            Principal: { Service: ['sns.amazonaws.com'] },
            Condition: { StringEquals: { 'aws:SourceAccount': [PARTNER] } },
          }),
        }),
        lambdaFunction({
          name: 'ses-owner',
          policy: doc({
            ...invoke,
            Principal: { Service: ['ses.amazonaws.com'] },
            Condition: { StringEquals: { 'aws:SourceOwner': [PARTNER] } },
          }),
        }),
        lambdaFunction({
          name: 'events-foreign',
          policy: doc({
            ...invoke,
            Principal: { Service: ['events.amazonaws.com'] },
            Condition: { ArnLike: { 'aws:SourceArn': [`arn:aws:events:us-east-1:${PARTNER}:rule/nightly`] } },
          }),
        }),
        lambdaFunction({
          // cloud-custodian #7191: its cross-account filter skipped service principals, missing this.
          name: 's3-foreign-account',
          policy: doc({
            ...invoke,
            Principal: { Service: ['s3.amazonaws.com'] },
            Condition: {
              StringEquals: { 'AWS:SourceAccount': [PARTNER] },
              ArnLike: { 'AWS:SourceArn': ['arn:aws:s3:::*'] },
            },
          }),
        }),
        lambdaFunction({
          name: 'principal-account',
          policy: doc({
            ...invoke,
            Principal: { AWS: ['*'] },
            Condition: { StringEquals: { 'aws:PrincipalAccount': [PARTNER, '123456789012'] } },
          }),
        }),
      ],
    }),
    expect: [
      { resource: 'sns-foreign', status: 'fail', message: PARTNER },
      { resource: 'ses-owner', status: 'fail', message: PARTNER },
      { resource: 'events-foreign', status: 'fail', message: PARTNER },
      { resource: 's3-foreign-account', status: 'fail', message: PARTNER },
      { resource: 'principal-account', status: 'fail', message: `account(s) ${PARTNER} access` },
    ],
  },
  {
    kind: 'fail',
    name: 'an organization-wide grant, and a grant to any account (Principal "*")',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'org',
          policy: doc({
            ...invoke,
            Principal: { AWS: ['*'] },
            Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] } },
          }),
        }),
        lambdaFunction({ name: 'public', policy: doc({ ...invoke, Principal: { AWS: ['*'] } }) }),
      ],
    }),
    expect: [
      { resource: 'org', status: 'fail', message: 'organization(s) o-a1b2c3d4e5' },
      { resource: 'public', status: 'fail', message: 'any account' },
    ],
  },
  {
    kind: 'fail',
    name: 'organization scan: an account the organization does not list, another organization, and aws:ResourceOrgID (the function’s own organization, true of every caller)',
    inventory: inOrganization(
      inventory({
        functions: [
          lambdaFunction({
            name: 'outsider',
            policy: doc(
              { Sid: 'member', ...invoke, Principal: { AWS: [`arn:aws:iam::${MEMBER}:root`] } },
              { Sid: 'outsider', ...invoke, Principal: { AWS: [`arn:aws:iam::${OUTSIDER}:role/ci`] } },
            ),
          }),
          lambdaFunction({
            name: 'two-orgs',
            policy: doc(anyoneIf({ StringEquals: { 'aws:PrincipalOrgID': [ORG_ID, FOREIGN_ORG] } })),
          }),
          lambdaFunction({
            name: 'resource-org',
            policy: doc(anyoneIf({ StringEquals: { 'aws:ResourceOrgID': [ORG_ID] } })),
          }),
        ],
      }),
    ),
    expect: [
      {
        resource: 'outsider',
        status: 'fail',
        message: `account(s) ${OUTSIDER} access to the function (1 statement(s)) (besides 1 grant(s) within organization ${ORG_ID}`,
      },
      {
        resource: 'two-orgs',
        status: 'fail',
        message: `every account of organization(s) ${FOREIGN_ORG} access`,
      },
      { resource: 'resource-org', status: 'fail', message: 'any account' },
    ],
  },
  {
    kind: 'fail',
    name: 'single-account scan: a grant to another account says that membership is unknown',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'peer', policy: doc({ ...invoke, Principal: { AWS: [MEMBER] } }) })],
    }),
    expect: [
      {
        resource: 'peer',
        status: 'fail',
        message: `account(s) ${MEMBER} access to the function (1 statement(s)); organization membership unknown: scanned as a single account`,
      },
    ],
  },
  {
    kind: 'pass',
    name: 'organization scan: the management account, the organization by aws:PrincipalOrgID and by aws:PrincipalOrgPaths, and a service for the organization (aws:SourceOrgID)',
    inventory: inOrganization(
      inventory({
        functions: [
          lambdaFunction({
            name: 'inside',
            policy: doc(
              { Sid: 'management', ...invoke, Principal: { AWS: [MANAGEMENT] } },
              { Sid: 'org', ...anyoneIf({ StringEquals: { 'aws:PrincipalOrgID': [ORG_ID] } }) },
              {
                Sid: 'ou',
                ...anyoneIf({
                  'ForAnyValue:StringLike': {
                    'aws:PrincipalOrgPaths': [`${ORG_ID}/r-ab12/ou-ab12-11111111/*`],
                  },
                }),
              },
              {
                Sid: 'events',
                ...invoke,
                Principal: { Service: ['events.amazonaws.com'] },
                Condition: { StringEquals: { 'aws:SourceOrgID': [ORG_ID] } },
              },
            ),
          }),
        ],
      }),
    ),
    expect: [
      {
        resource: 'inside',
        status: 'pass',
        message: `or within its organization ${ORG_ID} (member account(s) ${MANAGEMENT}; every account of the organization)`,
      },
    ],
  },
  {
    kind: 'pass',
    name: 'own account as principal, and services scoped to the own account',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'own',
          policy: doc(
            { ...invoke, Principal: { AWS: ['arn:aws:iam::123456789012:role/caller'] } },
            {
              ...invoke,
              Principal: { Service: ['s3.amazonaws.com'] },
              Condition: {
                ArnLike: { 'aws:SourceArn': ['arn:aws:s3:::uploads'] },
                StringEquals: { 'aws:SourceAccount': ['123456789012'] },
              },
            },
            {
              ...invoke,
              Principal: { Service: ['apigateway.amazonaws.com'] },
              Condition: {
                ArnLike: { 'AWS:SourceArn': ['arn:aws:execute-api:us-east-1:123456789012:a1b2c3/*'] },
              },
            },
          ),
        }),
      ],
    }),
    expect: [{ resource: 'own', status: 'pass', message: 'account 123456789012' }],
  },
  {
    kind: 'near-miss',
    name: 'a partner grant closed by a Deny outside our account, and a deleted role left as a unique id (IAM rewrites the ARN)',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'denied-partner',
          policy: doc(
            { ...invoke, Principal: { AWS: [PARTNER] } },
            {
              Effect: 'Deny',
              Principal: { AWS: ['*'] },
              Action: ['lambda:*'],
              Resource: [FN_ARN],
              Condition: { StringNotEquals: { 'aws:PrincipalAccount': ['123456789012'] } },
            },
          ),
        }),
        lambdaFunction({
          name: 'deleted-role',
          policy: doc({ ...invoke, Principal: { AWS: ['AROA3XFRBF535PLBIFPI4'] } }),
        }),
      ],
    }),
    expect: [
      { resource: 'denied-partner', status: 'pass' },
      { resource: 'deleted-role', status: 'pass' },
    ],
  },
  {
    kind: 'near-miss',
    name: 'Principal "*" with aws:SourceAccount of our own account (the API Gateway/S3 scoping Security Hub accepts)',
    inventory: inventory({
      functions: [
        lambdaFunction({
          name: 'scoped',
          policy: doc({
            ...invoke,
            Principal: { AWS: ['*'] },
            Condition: { StringEquals: { 'aws:SourceAccount': ['123456789012'] } },
          }),
        }),
      ],
    }),
    expect: [{ resource: 'scoped', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'organization scan: the central deployment account of the same organization may invoke the function (Prowler’s is_policy_cross_account reports every account but the audited one)',
    inventory: inOrganization(
      inventory({
        functions: [
          lambdaFunction({
            name: 'deployed',
            policy: doc({
              Sid: 'central-deployer',
              ...invoke,
              Principal: { AWS: [`arn:aws:iam::${MEMBER}:role/deployment`] },
            }),
          }),
        ],
      }),
    ),
    expect: [{ resource: 'deployed', status: 'pass', message: `member account(s) ${MEMBER}` }],
  },
  {
    kind: 'unknown',
    name: 'organization scan: a policy that could not be read is unknown, not a grant within the organization',
    inventory: inOrganization(
      inventory({ functions: [lambdaFunction({ name: 'denied', policy: failed(awsError('GetPolicy')) })] }),
    ),
    expect: [{ resource: 'denied', status: 'unknown', message: 'access-denied' }],
  },
  {
    kind: 'unknown',
    name: 'GetPolicy denied, and a policy that could not be parsed',
    inventory: inventory({
      functions: [
        lambdaFunction({ name: 'denied', policy: failed(awsError('GetPolicy')) }),
        lambdaFunction({
          name: 'garbled',
          policy: ok({ parsed: false as const, reason: 'the policy is not valid JSON' }),
        }),
      ],
    }),
    expect: [
      { resource: 'denied', status: 'unknown', message: 'access-denied' },
      { resource: 'garbled', status: 'unknown', message: 'could not be parsed' },
    ],
  },
  {
    kind: 'unknown',
    name: 'the whole Lambda slice of a region failed',
    inventory: inventory({ regions: { 'eu-west-1': failedLambdaRegion('eu-west-1') } }),
    expect: [{ resource: 'Lambda functions in eu-west-1', status: 'unknown' }],
  },
  {
    kind: 'not-applicable',
    name: 'a function without a resource policy',
    inventory: inventory({ functions: [lambdaFunction({ name: 'no-policy' })] }),
    expect: [{ resource: 'no-policy', status: 'not_applicable', message: 'no resource-based policy' }],
  },
  regionWithoutFunctions(),
]);

describe('lambda.cross-account-grant evidence', () => {
  const deployed = (policy: ReturnType<typeof doc>) =>
    inventory({ functions: [lambdaFunction({ name: 'f', policy })] });

  it('lists the grants within the organization, so a pass still shows them', () => {
    const policy = doc(
      { Sid: 'deployer', ...invoke, Principal: { AWS: [MEMBER] } },
      { Sid: 'org', ...anyoneIf({ StringEquals: { 'aws:PrincipalOrgID': [ORG_ID] } }) },
    );
    const [result] = evaluateCheck(check, inOrganization(deployed(policy)));
    assert.equal(result?.status, 'pass');
    assert.equal(result?.evidence.organization, ORG_ID);
    assert.deepEqual(result?.evidence.withinOrganization, [
      { sid: 'deployer', accounts: [MEMBER], organizations: [], actions: ['lambda:InvokeFunction'] },
      { sid: 'org', accounts: [], organizations: [ORG_ID], actions: ['lambda:InvokeFunction'] },
    ]);
  });

  it('lists them beside the outside grants of a failing policy', () => {
    const policy = doc({ ...invoke, Principal: { AWS: [MEMBER, OUTSIDER] } });
    const [result] = evaluateCheck(check, inOrganization(deployed(policy)));
    assert.equal(result?.status, 'fail');
    assert.deepEqual(result?.evidence.accounts, [OUTSIDER]);
    assert.deepEqual(result?.evidence.withinOrganization, [
      { sid: null, accounts: [MEMBER], organizations: [], actions: ['lambda:InvokeFunction'] },
    ]);
  });

  it('says the organization is unknown in a single-account scan', () => {
    const [result] = evaluateCheck(check, deployed(doc({ ...invoke, Principal: { AWS: [MEMBER] } })));
    assert.equal(result?.status, 'fail');
    assert.equal(result?.evidence.organization, null);
    assert.equal('withinOrganization' in (result?.evidence ?? {}), false);
  });

  it('an organization context that bypassed validation (no accounts, a malformed id) trusts nobody and does not throw', () => {
    const broken = inOrganization(
      deployed(doc({ ...invoke, Principal: { AWS: [MEMBER] } })),
      organization({ id: 'not-an-org', accountIds: [] }),
    );
    const [result] = evaluateCheck(check, broken);
    assert.equal(result?.status, 'fail');
    assert.deepEqual(result?.evidence.withinOrganization, []);
  });
});
