import { defineCheck } from '../../src/engine/check.js';
import { judgePublicPolicy } from './_policy-judgements.js';
import { judgeQualifiers } from './_qualifier-policies.js';

/**
 * lambda.public-resource-policy for the policies of a function's aliases and published versions.
 * Lambda keeps a policy per qualifier, and a grant on `function:f:prod` is not in the unqualified
 * function's policy: a scanner that calls GetPolicy only without a Qualifier (as Prowler's Lambda
 * service does for awslambda_function_not_publicly_accessible) passes a function whose production
 * alias anyone can invoke. Opt-in (--deep): finding the qualifiers costs ListAliases
 * per function and a longer listing, and their policies a GetPolicy each.
 */
export default defineCheck({
  id: 'lambda.qualifier-public-policy',
  title: 'Alias or version resource policy grants access to anyone or to an unscoped AWS service',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'high',
  practice: 'BP5',
  threats: ['T3'],
  rationale:
    'Each alias and published version of a function has a resource policy of its own: a permission added with ' +
    '--qualifier applies to that qualifier only, and invoking the alias ARN is authorized by the alias’s policy ' +
    'alone. A public or unscoped statement there exposes the code the alias runs — usually production — while the ' +
    'unqualified function, which is all most scanners read, looks private.',
  remediation: {
    text: 'Remove the statement from the qualifier’s policy, or re-add it scoped (a calling account, aws:SourceArn and aws:SourceAccount for a service, aws:PrincipalOrgID for Principal "*").',
    cli: 'aws lambda remove-permission --function-name <name> --qualifier <alias-or-version> --statement-id <sid>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/using-aliases.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
    'https://docs.aws.amazon.com/lambda/latest/api/API_GetPolicy.html',
  ],
  frameworks: { 'aws-fsbp': ['Lambda.1'], 'cis-aws-3.0': [], 'cis-aws-7.0': ['2.21'] },
  reads: ['lambda.versions', 'lambda.aliases', 'lambda.qualifier-policies'],
  evaluate: (view) => view.eachFunction((fn, v) => judgeQualifiers(fn, v, judgePublicPolicy)),
});
