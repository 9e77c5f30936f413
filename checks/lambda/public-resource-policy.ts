import { defineCheck } from '../../src/engine/check.js';
import { judgePublicPolicy } from './_policy-judgements.js';
import { withPolicySource } from './_policy-source.js';

/**
 * The whole policy is judged, not each statement alone: an Allow for Principal "*" that a Deny
 * statement limits to our organization (`StringNotEquals aws:PrincipalOrgID`) is not public, and
 * an Allow whose only condition is `aws:SourceIp` in a private range admits no internet caller.
 * The semantics are in src/policy/resource-policy.ts and reach.ts, the judgement in
 * _policy-judgements.ts (shared with lambda.qualifier-public-policy). One fail per function, with
 * every exposing statement in the evidence; each carries its kind and that kind's severity
 * (`s3-without-source-account` and `ip-restricted` are medium, the rest high). The unqualified
 * function's policy only: an alias or version has a policy of its own (--deep).
 */
export default defineCheck({
  id: 'lambda.public-resource-policy',
  title: 'Function resource policy grants access to anyone or to an unscoped AWS service',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'high',
  practice: 'BP5',
  threats: ['T3'],
  rationale:
    'A resource-policy statement with Principal "*" and no condition that pins the caller to an account, ' +
    'organization or source resource lets anyone invoke the function (denial of wallet, concurrency ' +
    'exhaustion, probing). A service principal such as s3.amazonaws.com without aws:SourceArn or ' +
    'aws:SourceAccount lets that service invoke it on behalf of any customer’s resource (confused deputy); ' +
    'Security Hub Lambda.1 fails both. Deny statements in the same policy are taken into account.',
  remediation: {
    text: 'Remove the statement, or re-add it scoped: name the calling account, or keep the service principal and add --source-arn (and --source-account for S3); for Principal "*", add aws:PrincipalOrgID or aws:SourceAccount.',
    cli: 'aws lambda remove-permission --function-name <name> --statement-id <sid>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
  ],
  // CIS 7.0 2.21: resource policies must not allow unrestricted access with Principal "*".
  frameworks: { 'aws-fsbp': ['Lambda.1'], 'cis-aws-3.0': [], 'cis-aws-7.0': ['2.21'] },
  reads: ['lambda.policies'],
  evaluate: (view, ctx) =>
    view.eachFunction((fn, v) => {
      if (!fn.policy.ok) return v.missing(fn.policy);
      const policy = fn.policy.value;
      if (policy === null)
        return withPolicySource(v.pass('the function has no resource-based policy'), fn, ctx.now);
      return withPolicySource(v.judged(judgePublicPolicy(policy)), fn, ctx.now);
    }),
});
