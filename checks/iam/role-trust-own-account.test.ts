import { testCheck } from '../../test/helpers/check-tester.js';
import { ACCOUNT } from '../../test/helpers/inventory.js';
import {
  assume,
  authorizationDenied,
  OTHER,
  roleTrusting,
  unreadableTrusts,
  withRoles,
} from '../../test/helpers/trust.js';
import check from './role-trust-own-account.js';

testCheck(check, [
  {
    kind: 'fail',
    name: 'the own root as ARN, and the bare own account id',
    inventory: withRoles(
      roleTrusting('ops-admin', assume({ AWS: [`arn:aws:iam::${ACCOUNT}:root`] })),
      roleTrusting('reader', assume({ AWS: [ACCOUNT] })),
    ),
    expect: [
      {
        resource: 'ops-admin',
        status: 'fail',
        message: `trusts its own account ${ACCOUNT}: every principal in the account whose identity policies allow sts:AssumeRole`,
      },
      { resource: 'reader', status: 'fail' },
    ],
  },
  {
    kind: 'fail',
    name: 'ArnLike aws:PrincipalArn "…:role/*" pins nothing',
    inventory: withRoles(
      roleTrusting(
        'any-role',
        assume(
          { AWS: [`arn:aws:iam::${ACCOUNT}:root`] },
          { ArnLike: { 'aws:PrincipalArn': [`arn:aws:iam::${ACCOUNT}:role/*`] } },
        ),
      ),
    ),
    expect: [{ resource: 'any-role', status: 'fail' }],
  },
  {
    kind: 'pass',
    name: 'the own root pinned by aws:PrincipalArn to the deploy roles',
    inventory: withRoles(
      roleTrusting(
        'deploy-target',
        assume(
          { AWS: [`arn:aws:iam::${ACCOUNT}:root`] },
          { ArnLike: { 'aws:PrincipalArn': [`arn:aws:iam::${ACCOUNT}:role/deploy-*`] } },
        ),
      ),
    ),
    expect: [{ resource: 'deploy-target', status: 'pass', message: 'scoped by aws:PrincipalArn' }],
  },
  {
    kind: 'near-miss',
    name: 'the own root with Bool aws:MultiFactorAuthPresent "true" (AWS’s “require MFA to assume a role” tutorial): only people with MFA',
    inventory: withRoles(
      roleTrusting(
        'admin-with-mfa',
        assume(
          { AWS: [`arn:aws:iam::${ACCOUNT}:root`] },
          { Bool: { 'aws:MultiFactorAuthPresent': ['true'] } },
        ),
      ),
    ),
    expect: [{ resource: 'admin-with-mfa', status: 'pass', message: 'scoped by aws:MultiFactorAuthPresent' }],
  },
  {
    kind: 'unknown',
    name: 'unparsable and missing trust policies',
    inventory: withRoles(...unreadableTrusts()),
    expect: [
      { resource: 'garbled', status: 'unknown' },
      { resource: 'missing', status: 'unknown' },
    ],
  },
  {
    kind: 'unknown',
    name: 'GetAccountAuthorizationDetails denied',
    inventory: authorizationDenied(),
    expect: [{ resource: `account ${ACCOUNT}`, status: 'unknown' }],
  },
  {
    kind: 'not-applicable',
    name: 'a named role of the own account, another account’s root, a service',
    inventory: withRoles(
      roleTrusting('named', assume({ AWS: [`arn:aws:iam::${ACCOUNT}:role/deployer`] })),
      roleTrusting('cross', assume({ AWS: [`arn:aws:iam::${OTHER}:root`] })),
      roleTrusting('worker-role', assume({ Service: ['lambda.amazonaws.com'] })),
    ),
    expect: [
      { resource: 'named', status: 'not_applicable', message: 'does not trust its whole account' },
      { resource: 'cross', status: 'not_applicable' },
      { resource: 'worker-role', status: 'not_applicable' },
    ],
  },
]);
