import { defineCheck } from '../../src/engine/check.js';
import type { FunctionChangeEvent } from '../../src/inventory/schema.js';
import { changeFacts, eachChangedFunction, failOnEvents } from './_changes.js';

/**
 * A function changed by an IAM user without MFA in the --changes-since window: a console session
 * whose sessionContext says mfaAuthenticated "false", or a long-term access key (CloudTrail then
 * writes no sessionContext at all: such a call can never carry MFA). AssumedRole sessions are
 * judged by their issuer, not here: whether a role needs MFA is its trust policy's business, and
 * CI roles (web identity, EC2, CodeBuild) never carry MFA. Root is lambda.changed-by-root's.
 */
export function withoutMfa(e: FunctionChangeEvent): boolean {
  return e.identityType === 'IAMUser' && e.mfaAuthenticated !== true;
}

export default defineCheck({
  id: 'lambda.changed-without-mfa',
  title: 'Function changed by an IAM user without MFA',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'high',
  practice: 'BP2',
  threats: ['T1', 'T2'],
  rationale:
    'CloudTrail recorded an IAM user changing this function without multi-factor authentication: with a long-term ' +
    'access key, or in a console session signed in without MFA. A leaked key or password is then enough to change ' +
    'the code the function runs. Changes should come from a deployment role or from users whose sessions require MFA.',
  remediation: {
    text: 'Require MFA for the user (an aws:MultiFactorAuthPresent condition on lambda:Update*), replace long-term keys with role sessions, and deploy through a pipeline role.',
    cli: 'aws iam list-mfa-devices --user-name <user>',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html',
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['cloudtrail.lambda-changes', 'lambda.functions'],
  evaluate: (view) =>
    eachChangedFunction(view, (fn, v) => {
      const bad = fn.changes.filter(withoutMfa);
      if (bad.length === 0)
        return v.pass(`${fn.changes.length} change(s) in the window, none by an IAM user without MFA`, {
          changes: fn.changes.length,
        });
      const keys = bad.filter((e) => e.mfaAuthenticated === null).length;
      return failOnEvents(
        v,
        bad,
        `changed ${bad.length} time(s) by an IAM user without MFA (${keys} with a long-term access key), last by ${bad[0]?.principalArn}`,
        { changesWithoutMfa: bad.map(changeFacts) },
      );
    }),
});
