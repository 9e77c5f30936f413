import { parsePolicy } from '../../src/policy/parse.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import { ACCOUNT, iamRole } from '../../test/helpers/inventory.js';
import {
  assume,
  authorizationDenied,
  GITHUB_PROVIDER,
  OTHER,
  roleTrusting,
  unreadableTrusts,
  withRoles,
} from '../../test/helpers/trust.js';
import check from './role-trust-any-principal.js';

const lambdaRole = roleTrusting('worker-role', assume({ Service: ['lambda.amazonaws.com'] }));
const GH_AUD = { 'token.actions.githubusercontent.com:aud': ['sts.amazonaws.com'] };
const github = (name: string, Condition?: Record<string, Record<string, string[]>>) =>
  roleTrusting(name, assume({ Federated: [GITHUB_PROVIDER] }, Condition, 'sts:AssumeRoleWithWebIdentity'));

testCheck(check, [
  {
    kind: 'fail',
    name: 'Principal "*" without a condition, and "*" guarded only by sts:ExternalId (not a secret); a Lambda role beside them passes',
    inventory: withRoles(
      roleTrusting('open-role', {
        Sid: 'Anyone',
        Effect: 'Allow',
        Principal: { AWS: ['*'] },
        Action: ['sts:AssumeRole'],
      }),
      roleTrusting(
        'vendor-any',
        assume({ AWS: ['*'] }, { StringEquals: { 'sts:ExternalId': ['acme-4711'] } }),
      ),
      lambdaRole,
    ),
    expect: [
      {
        resource: 'open-role',
        status: 'fail',
        message: 'can be assumed by any principal of any AWS account: statement "Anyone" trusts AWS:*',
      },
      {
        resource: 'vendor-any',
        status: 'fail',
        message: 'only requires sts:ExternalId, which is not a secret',
      },
      { resource: 'worker-role', status: 'pass', message: 'trusts no wildcard principal' },
    ],
  },
  {
    kind: 'fail',
    name: 'GitHub Actions OIDC without a sub condition (only aud), or with sub "repo:*"; Allow + NotPrincipal; Cognito without aud',
    inventory: withRoles(
      github('gh-aud-only', { StringEquals: GH_AUD }),
      github('gh-any-repo', {
        StringEquals: GH_AUD,
        StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:*'] },
      }),
      roleTrusting('not-principal', {
        Effect: 'Allow',
        NotPrincipal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`] },
        Action: ['sts:AssumeRole'],
      }),
      roleTrusting(
        'cognito-any-pool',
        assume({ Federated: ['cognito-identity.amazonaws.com'] }, undefined, 'sts:AssumeRoleWithWebIdentity'),
      ),
    ),
    expect: [
      { resource: 'gh-aud-only', status: 'fail', message: 'can be assumed from any GitHub repository' },
      {
        resource: 'gh-any-repo',
        status: 'fail',
        message: 'without a token.actions.githubusercontent.com:sub',
      },
      { resource: 'not-principal', status: 'fail', message: 'trusts NotPrincipal' },
      { resource: 'cognito-any-pool', status: 'fail', message: 'from any Cognito identity pool' },
    ],
  },
  {
    kind: 'fail',
    name: 'hostile names stay data: a role called __proto__ with "__proto__" principal and condition keys',
    inventory: withRoles(
      iamRole({
        name: '__proto__',
        // Parsed as collection parses IAM's text, so "__proto__" is an own key, not a prototype.
        trustPolicy: parsePolicy(
          '{"Statement":{"Effect":"Allow","Principal":{"AWS":"*","__proto__":"x"},"Action":"sts:AssumeRole",' +
            '"Condition":{"__proto__":{"constructor":"y"}}}}',
        ),
      }),
    ),
    expect: [{ resource: '__proto__', status: 'fail', message: 'any principal of any AWS account' }],
  },
  {
    kind: 'pass',
    name: 'named principals, a service, and "*" scoped by aws:PrincipalOrgID',
    inventory: withRoles(
      roleTrusting('cross', assume({ AWS: [`arn:aws:iam::${OTHER}:role/deployer`] })),
      lambdaRole,
      roleTrusting(
        'org-wide',
        assume({ AWS: ['*'] }, { StringEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] } }),
      ),
    ),
    expect: [
      { resource: 'cross', status: 'pass', message: 'trusts no wildcard principal' },
      { resource: 'worker-role', status: 'pass' },
      {
        resource: 'org-wide',
        status: 'pass',
        message: 'AWS:* (statement #0) is scoped by aws:PrincipalOrgID',
      },
    ],
  },
  {
    kind: 'near-miss',
    name: 'GitHub OIDC with StringLike sub "repo:org/repo:*" (bridgecrewio/checkov#5423 flagged it: the org is pinned)',
    inventory: withRoles(
      github('ci-deployer', {
        StringEquals: GH_AUD,
        StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:example-org/payments:*'] },
      }),
    ),
    expect: [
      {
        resource: 'ci-deployer',
        status: 'pass',
        message: 'scoped by token.actions.githubusercontent.com:sub',
      },
    ],
  },
  {
    kind: 'near-miss',
    name: 'GitHub OIDC with ForAllValues:StringLike on sub (GitHub’s old example; BishopFox/cloudfox#118 reported it as all repos)',
    inventory: withRoles(
      github('legacy-ci', {
        'ForAllValues:StringLike': {
          'token.actions.githubusercontent.com:sub': ['repo:BishopFox/cloudfox:*'],
        },
      }),
    ),
    expect: [{ resource: 'legacy-ci', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'Principal "*" with a Deny for callers outside the organization (StringNotEquals aws:PrincipalOrgID)',
    inventory: withRoles(
      roleTrusting('org-guarded', assume({ AWS: ['*'] }), {
        Effect: 'Deny',
        Principal: { AWS: ['*'] },
        Action: ['sts:AssumeRole'],
        Condition: { StringNotEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5'] } },
      }),
    ),
    expect: [{ resource: 'org-guarded', status: 'pass', message: 'scoped by aws:PrincipalOrgID' }],
  },
  {
    kind: 'unknown',
    name: 'a trust policy that could not be parsed, and one that was not returned',
    inventory: withRoles(...unreadableTrusts(), lambdaRole),
    expect: [
      {
        resource: 'garbled',
        status: 'unknown',
        message: 'could not be parsed (the policy is not valid JSON)',
      },
      { resource: 'missing', status: 'unknown', message: 'was not returned' },
      { resource: 'worker-role', status: 'pass' },
    ],
  },
  {
    kind: 'unknown',
    name: 'GetAccountAuthorizationDetails denied',
    inventory: authorizationDenied(),
    expect: [
      {
        resource: `account ${ACCOUNT}`,
        status: 'unknown',
        message: 'authorization details could not be read',
      },
    ],
  },
  {
    kind: 'not-applicable',
    name: 'an account without IAM roles',
    inventory: withRoles(),
    expect: [{ resource: `account ${ACCOUNT}`, status: 'not_applicable', message: 'no IAM roles' }],
  },
]);
