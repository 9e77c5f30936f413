import { defineCheck } from '../../src/engine/check.js';
import { judgeAccountGrants } from './_policy-judgements.js';
import { judgeQualifiers } from './_qualifier-policies.js';

/**
 * lambda.cross-account-grant for the policies of a function's aliases and published versions
 * (see lambda.qualifier-public-policy for why they are read apart; --deep), with the same
 * organization context: in an organization scan a grant within the organization is not a finding.
 */
export default defineCheck({
  id: 'lambda.qualifier-cross-account-grant',
  title: 'Alias or version resource policy grants access to other AWS accounts',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'medium',
  practice: 'BP5',
  threats: ['T3', 'T2'],
  rationale:
    'A cross-account grant is often made on an alias (a partner invokes `function:f:live`, a central account ' +
    'consumes a stream through the production alias) and then lives only in that alias’s policy. Such grants ' +
    'should be known and reviewed like the function’s own; a grant left to a former partner on an old alias ' +
    'or version still runs that version’s code for them.',
  remediation: {
    text: 'Remove statements for accounts that no longer need access, or narrow them to the actions needed; delete aliases and versions nobody invokes.',
    cli: 'aws lambda remove-permission --function-name <name> --qualifier <alias-or-version> --statement-id <sid>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-cross-account.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/using-aliases.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.versions', 'lambda.aliases', 'lambda.qualifier-policies'],
  evaluate: (view) =>
    view.eachFunction((fn, v) =>
      judgeQualifiers(fn, v, (policy) =>
        judgeAccountGrants(policy, { accountId: fn.accountId, organization: view.organizationContext }),
      ),
    ),
});
