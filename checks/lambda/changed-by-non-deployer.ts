import { actingPrincipal, isDeployer } from '../../src/engine/change-review.js';
import { defineCheck } from '../../src/engine/check.js';
import { changeFacts, eachChangedFunction, failOnEvents } from './_changes.js';

/**
 * A function changed by a principal outside the configured deployers (--deployers, or
 * `deployers:` in the config file: ARN globs of CI/CD roles and users), in the --changes-since
 * window. An assumed-role session is judged by the role that issued it, so a CI role's sessions
 * match the role's ARN whatever their session name. AWS services acting for themselves
 * (userIdentity.type AWSService) are not principals that deploy. Not applicable when no
 * deployers are configured (the scan recorded an empty list).
 */
export default defineCheck({
  id: 'lambda.changed-by-non-deployer',
  title: 'Function changed by a principal outside the configured deployers',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'medium',
  practice: 'BP4',
  threats: ['T2'],
  rationale:
    'When a pipeline role normally deploys functions, a change by anyone else is a change outside the review and ' +
    'testing the pipeline enforces: a hotfix made by hand, or an attacker with someone’s credentials injecting code. ' +
    'CloudTrail names the principal; this check compares it with the deployers configured for the account.',
  remediation: {
    text: 'Review the change; if the principal is a legitimate deployer, add its ARN glob to deployers:, otherwise revert the function and restrict lambda:Update* to the pipeline role.',
    cli: 'aws lambda get-function --function-name <name> --query Configuration.[CodeSha256,LastModified]',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/logging-using-cloudtrail.html',
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['cloudtrail.lambda-changes', 'lambda.functions'],
  evaluate: (view) =>
    eachChangedFunction(
      view,
      (fn, v, review) => {
        const outside = fn.changes.filter(
          (e) => e.identityType !== 'AWSService' && !isDeployer(e, review.deployers),
        );
        if (outside.length === 0)
          return v.pass(`${fn.changes.length} change(s) in the window, all by configured deployers`, {
            changes: fn.changes.length,
          });
        const who = [...new Set(outside.map((e) => actingPrincipal(e) ?? 'an unnamed principal'))];
        return failOnEvents(
          v,
          outside,
          `changed ${outside.length} time(s) by a principal outside the deployers: ${who.join(', ')}`,
          {
            changesByOthers: outside.map(changeFacts),
            deployers: review.deployers,
          },
        );
      },
      (review) =>
        review.deployers.length === 0
          ? 'no deployers are configured (--deployers, or deployers: in the config file)'
          : null,
    ),
});
