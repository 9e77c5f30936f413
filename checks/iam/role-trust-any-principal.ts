import { defineCheck } from '../../src/engine/check.js';
import type { TrustEntry } from '../../src/policy/trust.js';
import { judgeRoleTrusts, listText, statementName } from './_role-trust.js';

export default defineCheck({
  id: 'iam.role-trust-any-principal',
  title: 'IAM role can be assumed by any principal, any GitHub repository or any identity pool',
  service: 'iam',
  resourceType: 'AWS::IAM::Role',
  severity: 'critical',
  practice: 'BP3',
  threats: ['T2', 'T4'],
  rationale:
    'Whoever can assume a role acts with its permissions: with a wildcard principal or NotPrincipal and no ' +
    'condition pinning the caller (aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, a source ' +
    'network), anyone with an AWS account can, and sts:ExternalId alone does not stop them (it is an identifier ' +
    'shared with a vendor and logged by CloudTrail, not a secret). A GitHub Actions OIDC trust without a ' +
    'token.actions.githubusercontent.com:sub naming an owner admits every repository on GitHub; a Cognito ' +
    'identity trust without cognito-identity.amazonaws.com:aud admits every identity pool.',
  remediation: {
    text: 'Name the principals that may assume the role (account roots or role ARNs), or add a condition pinning the caller: aws:PrincipalOrgID for an organization, token.actions.githubusercontent.com:sub = repo:<org>/<repo>:<ref or environment> for GitHub Actions, cognito-identity.amazonaws.com:aud = <identity pool id> for Cognito.',
    cli: 'aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html',
    'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services',
    'https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html',
  ],
  // No FSBP or CIS control judges trust policies (CIS's IAM Access Analyzer recommendation is
  // about enabling the analyzer, not about any role).
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['iam.authorization'],
  evaluate: (view) =>
    judgeRoleTrusts(view, {
      kinds: ['any-principal', 'github-actions', 'cognito-identity'],
      absent: { status: 'pass', message: 'trusts no wildcard principal, GitHub Actions or Cognito identity' },
      fail: (role, findings) => `${role.name} ${listText(findings.map(describe), 2)}`,
    }),
});

function describe(e: TrustEntry): string {
  const where = statementName(e);
  if (e.kind === 'github-actions') {
    return `can be assumed from any GitHub repository: ${where} trusts the GitHub Actions OIDC provider without a token.actions.githubusercontent.com:sub condition naming an owner`;
  }
  if (e.kind === 'cognito-identity') {
    return `can be assumed from any Cognito identity pool: ${where} trusts cognito-identity.amazonaws.com without a fixed cognito-identity.amazonaws.com:aud`;
  }
  const who = e.principals.join(', ');
  if (e.weakControls.length > 0) {
    return `can be assumed by anyone who knows its external id: ${where} trusts ${who} and only requires ${e.weakControls.join(', ')}, which is not a secret`;
  }
  return `can be assumed by any principal of any AWS account: ${where} trusts ${who} with no condition restricting the caller`;
}
