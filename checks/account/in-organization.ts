import { defineCheck } from '../../src/engine/check.js';

export default defineCheck({
  id: 'account.in-organization',
  title: 'The account does not belong to an AWS Organization',
  service: 'account',
  resourceType: 'AWS::::Account',
  severity: 'low',
  practice: 'BP6',
  threats: ['T1', 'T2'],
  rationale:
    'A standalone account has no guardrail above its own administrators: no service control policy can deny ' +
    'disabling GuardDuty or CloudTrail, or cap what a stolen key may do, and no delegated administrator keeps ' +
    'GuardDuty and Lambda Protection on for it. That is a weaker setup, not a flaw, hence low severity: a single ' +
    'account can be run well, but the controls an organization adds cannot then exist.',
  remediation: {
    text: 'Invite the account into your AWS Organization (or create one), then apply SCPs that protect security services and make a security account the delegated administrator for GuardDuty.',
    cli: 'aws organizations invite-account-to-organization --target Id=<account-id>,Type=ACCOUNT   # from the management account',
  },
  references: [
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_introduction.html',
    'https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribeOrganization.html',
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['account.organization'],
  evaluate: (view) =>
    view.forAccount((v) => {
      const org = view.accountInfo.organization;
      if (!org.ok) return v.missing(org);
      if (org.value === null) return v.fail('The account belongs to no AWS Organization');
      const role = org.value.managementAccountId === view.accountId ? 'its management account' : 'a member';
      return v.pass(`The account is ${role} of organization ${org.value.id}`, {
        organizationId: org.value.id,
        managementAccountId: org.value.managementAccountId,
        featureSet: org.value.featureSet,
      });
    }),
});
