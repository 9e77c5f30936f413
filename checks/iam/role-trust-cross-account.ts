import { defineCheck } from '../../src/engine/check.js';
import { judgeRoleTrusts, listText } from './_role-trust.js';

export default defineCheck({
  id: 'iam.role-trust-cross-account',
  title: 'IAM role trusts another AWS account without an external id or MFA',
  service: 'iam',
  resourceType: 'AWS::IAM::Role',
  severity: 'high',
  practice: 'BP3',
  threats: ['T2'],
  rationale:
    'A trust policy naming another account (its id, its root, or a role or user in it) lets that account decide ' +
    'who assumes the role. For a vendor serving many customers, a fixed sts:ExternalId is what stops another ' +
    'customer from pointing the vendor at your role (the cross-account confused deputy); for people, ' +
    'Bool aws:MultiFactorAuthPresent "true" requires MFA (BoolIfExists does not: the key is absent for ' +
    'long-term access keys). Roles that trust no other account are not applicable. In an organization scan, ' +
    'accounts of the organization are inside the zone of trust (as IAM Access Analyzer treats them with the ' +
    'organization as its zone) and pass; in a single-account scan every other account is judged as outside.',
  remediation: {
    text: 'Add a condition to each cross-account statement: StringEquals sts:ExternalId = <the id the vendor gave you> for a third party, or Bool aws:MultiFactorAuthPresent = true for people; remove trusts of accounts you no longer work with.',
    cli: 'aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['iam.authorization'],
  evaluate: (view) =>
    judgeRoleTrusts(view, {
      kinds: ['other-account'],
      absent: { status: 'not_applicable', message: 'trusts no other AWS account' },
      fail: (role, findings, organization) => {
        const accounts = [...new Set(findings.flatMap((e) => e.accounts))];
        const where = organization
          ? `, outside organization ${organization.id}`
          : ' (organization membership unknown: scanned as a single account)';
        return `${role.name} can be assumed from account(s) ${listText(accounts)} without sts:ExternalId or MFA${where}`;
      },
    }),
});
