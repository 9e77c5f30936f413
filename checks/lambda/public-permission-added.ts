import { defineCheck } from '../../src/engine/check.js';
import { changeFacts, eachChangedFunction, failOnEvents } from './_changes.js';

/**
 * An AddPermission in the --changes-since window whose principal is "*": a statement that lets
 * anyone (any account, or anyone on the internet with a function URL) invoke or manage the
 * function. The one request parameter beyond the function name the scan keeps is AddPermission's
 * `principal`, which names who was granted and is not secret. Whether the grant is still in the
 * policy, and whether a condition narrows it, is lambda.public-resource-policy's question; this
 * one is about the change and who made it.
 */
export default defineCheck({
  id: 'lambda.public-permission-added',
  title: 'Public permission added to a function',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'high',
  practice: 'BP4',
  threats: ['T3'],
  rationale:
    'CloudTrail recorded an AddPermission granting the principal "*" on this function: whoever made it opened the ' +
    'function to every AWS account (and, with a URL, to the internet). Attackers who gain lambda:AddPermission use ' +
    'exactly this to keep access. Even if the statement has a condition, the change itself deserves review.',
  remediation: {
    text: 'Review the statement; remove it unless the function is meant to be public, and grant specific accounts or services with a source condition instead.',
    cli: 'aws lambda remove-permission --function-name <name> --statement-id <sid>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['cloudtrail.lambda-changes', 'lambda.functions'],
  evaluate: (view) =>
    eachChangedFunction(view, (fn, v) => {
      const adds = fn.changes.filter((e) => e.eventName.startsWith('AddPermission'));
      const publicAdds = adds.filter((e) => e.permissionPrincipal === '*');
      if (publicAdds.length > 0)
        return failOnEvents(
          v,
          publicAdds,
          `a public permission (principal "*") was added ${publicAdds.length} time(s), last by ${publicAdds[0]?.principalArn}`,
          { publicPermissions: publicAdds.map(changeFacts) },
        );
      const unnamed = adds.filter((e) => e.permissionPrincipal == null);
      if (unnamed.length > 0)
        return v.unknown(
          `${unnamed.length} AddPermission event(s) without a principal in CloudTrail: whether they were public is not known`,
          { permissions: unnamed.map(changeFacts) },
        );
      return v.pass(
        adds.length === 0
          ? `${fn.changes.length} change(s) in the window, no permission added`
          : `${adds.length} permission(s) added, none to the principal "*"`,
        { principals: [...new Set(adds.map((e) => e.permissionPrincipal))] },
      );
    }),
});
