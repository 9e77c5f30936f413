import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  doc,
  failed,
  failedLambdaRegion,
  inventory,
  lambdaFunction,
  ok,
} from '../../test/helpers/inventory.js';
import check from './cross-account-grant.js';

const FN_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:api';
const PARTNER = '210987654321';
const OTHER = '444455556666';
const invoke = { Effect: 'Allow' as const, Action: ['lambda:InvokeFunction'], Resource: [FN_ARN] };

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
