import assert from 'node:assert/strict';
import { it } from 'node:test';
import { evaluateCheck, testCheck } from '../../test/helpers/check-tester.js';
import { ACCOUNT } from '../../test/helpers/inventory.js';
import { inOrganization, MANAGEMENT, MEMBER, ORG_ID, OUTSIDER } from '../../test/helpers/organization.js';
import {
  assume,
  authorizationDenied,
  OTHER,
  roleTrusting,
  unreadableTrusts,
  withRoles,
} from '../../test/helpers/trust.js';
import check from './role-trust-cross-account.js';

testCheck(check, [
  {
    kind: 'fail',
    name: 'OrganizationAccountAccessRole trusting the management account root, and a role trusting a vendor role without an external id',
    inventory: withRoles(
      roleTrusting('OrganizationAccountAccessRole', assume({ AWS: [`arn:aws:iam::${MANAGEMENT}:root`] })),
      roleTrusting('vendor-read', assume({ AWS: [`arn:aws:iam::${OTHER}:role/collector`, OTHER] })),
    ),
    expect: [
      {
        resource: 'OrganizationAccountAccessRole',
        status: 'fail',
        message: `can be assumed from account(s) ${MANAGEMENT} without sts:ExternalId or MFA`,
      },
      { resource: 'vendor-read', status: 'fail', message: `account(s) ${OTHER} without` },
    ],
  },
  {
    kind: 'fail',
    name: 'single-account scan: the message says organization membership is unknown',
    inventory: withRoles(roleTrusting('peer-read', assume({ AWS: [`arn:aws:iam::${MEMBER}:root`] }))),
    expect: [
      {
        resource: 'peer-read',
        status: 'fail',
        message: `without sts:ExternalId or MFA (organization membership unknown: scanned as a single account)`,
      },
    ],
  },
  {
    kind: 'fail',
    name: 'organization scan: an account outside the organization still fails, beside a member account in the same statement',
    inventory: inOrganization(
      withRoles(
        roleTrusting(
          'mixed-read',
          assume({ AWS: [`arn:aws:iam::${MEMBER}:role/ci`, `arn:aws:iam::${OUTSIDER}:role/collector`] }),
        ),
        roleTrusting(
          'wildcard-outsider',
          assume({ AWS: ['*'] }, { StringEquals: { 'aws:PrincipalAccount': [OUTSIDER] } }),
        ),
      ),
    ),
    expect: [
      {
        resource: 'mixed-read',
        status: 'fail',
        message: `account(s) ${OUTSIDER} without sts:ExternalId or MFA, outside organization ${ORG_ID}`,
      },
      { resource: 'wildcard-outsider', status: 'fail', message: `account(s) ${OUTSIDER} without` },
    ],
  },
  {
    kind: 'pass',
    name: 'organization scan: a member account, named or through aws:PrincipalAccount on "*"',
    inventory: inOrganization(
      withRoles(
        roleTrusting('member-read', assume({ AWS: [`arn:aws:iam::${MEMBER}:role/ci`] })),
        roleTrusting(
          'member-wildcard',
          assume({ AWS: ['*'] }, { StringEquals: { 'aws:PrincipalAccount': [MEMBER] } }),
        ),
      ),
    ),
    expect: [
      {
        resource: 'member-read',
        status: 'pass',
        message: `is in an account of organization ${ORG_ID} (${MEMBER})`,
      },
      { resource: 'member-wildcard', status: 'pass', message: `organization ${ORG_ID}` },
    ],
  },
  {
    kind: 'near-miss',
    name: 'organization scan: OrganizationAccountAccessRole, which Organizations creates in a member trusting the management account root (failed above without the organization)',
    inventory: inOrganization(
      withRoles(
        roleTrusting('OrganizationAccountAccessRole', assume({ AWS: [`arn:aws:iam::${MANAGEMENT}:root`] })),
      ),
    ),
    expect: [
      {
        resource: 'OrganizationAccountAccessRole',
        status: 'pass',
        message: `arn:aws:iam::${MANAGEMENT}:root is in an account of organization ${ORG_ID}`,
      },
    ],
  },
  {
    kind: 'unknown',
    name: 'organization scan: a trust policy that could not be parsed stays unknown',
    inventory: inOrganization(withRoles(...unreadableTrusts())),
    expect: [
      { resource: 'garbled', status: 'unknown', message: 'could not be parsed' },
      { resource: 'missing', status: 'unknown', message: 'not returned' },
    ],
  },
  {
    kind: 'fail',
    name: 'BoolIfExists aws:MultiFactorAuthPresent "true" does not require MFA: long-term access keys carry no such key',
    inventory: withRoles(
      roleTrusting(
        'people-admin',
        assume(
          { AWS: [`arn:aws:iam::${OTHER}:root`] },
          { BoolIfExists: { 'aws:MultiFactorAuthPresent': ['true'] } },
        ),
      ),
    ),
    expect: [{ resource: 'people-admin', status: 'fail', message: OTHER }],
  },
  {
    kind: 'pass',
    name: 'a vendor account trusted with a fixed sts:ExternalId',
    inventory: withRoles(
      roleTrusting(
        'vendor-audit',
        assume(
          { AWS: [`arn:aws:iam::${OTHER}:root`] },
          { StringEquals: { 'sts:ExternalId': ['acme-4711'] } },
        ),
      ),
    ),
    expect: [{ resource: 'vendor-audit', status: 'pass', message: 'scoped by sts:ExternalId' }],
  },
  {
    kind: 'near-miss',
    name: 'people from a security account with Bool aws:MultiFactorAuthPresent "true" (AWS’s require-MFA pattern; an external id is for third parties)',
    inventory: withRoles(
      roleTrusting(
        'breakglass-admin',
        assume({ AWS: [`arn:aws:iam::${OTHER}:root`] }, { Bool: { 'aws:MultiFactorAuthPresent': ['true'] } }),
      ),
    ),
    expect: [
      { resource: 'breakglass-admin', status: 'pass', message: 'scoped by aws:MultiFactorAuthPresent' },
    ],
  },
  {
    kind: 'unknown',
    name: 'unparsable and missing trust policies',
    inventory: withRoles(...unreadableTrusts()),
    expect: [
      { resource: 'garbled', status: 'unknown', message: 'could not be parsed' },
      { resource: 'missing', status: 'unknown', message: 'not returned' },
    ],
  },
  {
    kind: 'unknown',
    name: 'GetAccountAuthorizationDetails denied',
    inventory: authorizationDenied(),
    expect: [{ resource: `account ${ACCOUNT}`, status: 'unknown', message: 'could not be read' }],
  },
  {
    kind: 'not-applicable',
    name: 'roles trusting a service, a role of the own account, or a deleted principal (IAM shows its unique id)',
    inventory: withRoles(
      roleTrusting('worker-role', assume({ Service: ['lambda.amazonaws.com'] })),
      roleTrusting('deploy-target', assume({ AWS: [`arn:aws:iam::${ACCOUNT}:role/deployer`] })),
      roleTrusting('orphaned-trust', assume({ AWS: ['AROAJQABLZS4A7QSKGF2S'] })),
    ),
    expect: [
      { resource: 'worker-role', status: 'not_applicable', message: 'trusts no other AWS account' },
      { resource: 'deploy-target', status: 'not_applicable' },
      { resource: 'orphaned-trust', status: 'not_applicable' },
    ],
  },
]);

it('iam.role-trust-cross-account: a member account’s trust is listed as scoped, with the organization, in the evidence', () => {
  const [result] = evaluateCheck(
    check,
    inOrganization(withRoles(roleTrusting('member-read', assume({ AWS: [MEMBER] })))),
  );
  if (!result) assert.fail('no result');
  assert.equal(result.evidence.organization, ORG_ID);
  assert.deepEqual(result.evidence.findings, []);
  assert.deepEqual(
    (result.evidence.scoped as { accounts: string[]; scopedBy: string }[]).map((e) => [
      e.accounts,
      e.scopedBy,
    ]),
    [[[MEMBER], 'trusted account']],
  );
});
