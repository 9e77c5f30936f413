import { defineCheck } from '../../src/engine/check.js';
import { judgeAccountGrants } from './_policy-judgements.js';
import { withPolicySource } from './_policy-source.js';

/**
 * Grants of a function's resource policy to accounts other than the scanned one
 * (src/policy/account-grants.ts). One result per function:
 *
 * - fail: a statement admits a named account outside the organization, every account of another
 *   organization, or any account at all (a public or unscoped grant, which
 *   lambda.public-resource-policy reports too, in more detail); the evidence lists the accounts
 *   and organizations;
 * - pass: every grant is to this account, to AWS services scoped to it or, in an organization
 *   scan, within the organization;
 * - not_applicable: the function has no resource policy;
 * - unknown: the policy could not be read or parsed.
 *
 * In an organization scan (`scan.organization`) the organization is the zone of trust, as IAM
 * Access Analyzer has it with the organization as its zone: a grant to a member account (a central
 * deployment or monitoring account) or to the organization itself (aws:PrincipalOrgID,
 * aws:PrincipalOrgPaths, aws:SourceOrgID naming it) is not a finding; the evidence lists such
 * grants under `withinOrganization`. In a single-account scan membership is unknown, so every
 * other account is foreign and the message says so.
 */
export default defineCheck({
  id: 'lambda.cross-account-grant',
  title: 'Function resource policy grants access to other AWS accounts',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'medium',
  practice: 'BP5',
  threats: ['T3', 'T2'],
  rationale:
    'A resource-policy statement naming another account (as principal, or through aws:SourceAccount, ' +
    'aws:SourceArn or aws:PrincipalAccount) lets principals of that account invoke, read or change the function: ' +
    'its cost, concurrency and, for Update* grants, its code are in the hands of an account this scan does not ' +
    'cover. Cross-account grants are sometimes intended (a partner, a central account), so each should be known ' +
    'and reviewed; a grant to a former partner or to a mistyped account id is an open door. In an organization ' +
    'scan, grants to accounts of the organization (or to the organization itself by aws:PrincipalOrgID) are ' +
    'inside the zone of trust, as IAM Access Analyzer treats them, and are listed in the evidence, not failed.',
  remediation: {
    text: 'Remove statements for accounts that no longer need access; otherwise narrow them to the actions needed and add aws:SourceArn for service principals.',
    cli: 'aws lambda remove-permission --function-name <name> --statement-id <sid>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-cross-account.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.policies'],
  evaluate: (view, ctx) =>
    view.eachFunction((fn, v) => {
      if (!fn.policy.ok) return v.missing(fn.policy);
      const policy = fn.policy.value;
      if (policy === null)
        return withPolicySource(v.notApplicable('the function has no resource-based policy'), fn, ctx.now);
      return withPolicySource(
        v.judged(
          judgeAccountGrants(policy, { accountId: fn.accountId, organization: view.organizationContext }),
        ),
        fn,
        ctx.now,
      );
    }),
});
