import { defineCheck } from '../../src/engine/check.js';
import { changeFacts, eachChangedFunction, failOnEvents } from './_changes.js';

/**
 * A function changed by the root user in the --changes-since window (CloudTrail userIdentity.type
 * Root). Root is for the few tasks only it can do; changing a function is not one of them, so a
 * root change is either an unplanned change or a root credential in use. Judged per function
 * with changes; failed root attempts (an errorCode) are not changes.
 */
export default defineCheck({
  id: 'lambda.changed-by-root',
  title: 'Function changed by the root user',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'critical',
  practice: 'BP4',
  threats: ['T1', 'T2'],
  rationale:
    'CloudTrail recorded the root user changing this function. Root has unrestricted access that no policy can limit, ' +
    'and AWS advises using it only for the tasks that require it; a function change by root is either an unplanned ' +
    'change outside the deployment process or a stolen root credential in use. Review the change and the root sign-in.',
  remediation: {
    text: 'Confirm who used the root user and why; rotate or remove root access keys, enable MFA on root, and make function changes through a deployment role.',
    cli: 'aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=root --max-results 50',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html',
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['cloudtrail.lambda-changes', 'lambda.functions'],
  evaluate: (view) =>
    eachChangedFunction(view, (fn, v) => {
      const byRoot = fn.changes.filter((e) => e.identityType === 'Root');
      if (byRoot.length === 0)
        return v.pass(`${fn.changes.length} change(s) in the window, none by the root user`, {
          changes: fn.changes.length,
        });
      return failOnEvents(
        v,
        byRoot,
        `changed by the root user ${byRoot.length} time(s), last ${byRoot[0]?.eventName} at ${byRoot[0]?.eventTime}`,
        { rootChanges: byRoot.map(changeFacts) },
      );
    }),
});
