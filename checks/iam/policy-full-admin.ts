import { defineCheck } from '../../src/engine/check.js';
import { describeAttachment, eachPolicy, MANAGED_POLICY_TYPE, subjectEvidence } from './_policy-grants.js';

/**
 * "Grants * on *" by AWS's evaluation of the document, not by spotting a statement (see
 * PolicyJudge.fullAdmin). A Deny that takes some action away on every resource makes the document
 * something less than `*:*`, so it passes here; what its holders may still do is
 * iam.role-admin-equivalent's question.
 */
export default defineCheck({
  id: 'iam.policy-full-admin',
  title: 'IAM policy allows every action on every resource ("*:*")',
  service: 'iam',
  resourceType: MANAGED_POLICY_TYPE,
  severity: 'high',
  practice: 'BP3',
  threats: ['T1', 'T2', 'T4'],
  rationale:
    'A policy granting "*" on "*" makes every principal it is attached to an administrator: able to change any ' +
    'function’s code, role and resource policy, and to grant itself or anyone else anything. Judged per document ' +
    '(customer-managed, attached AWS-managed, and inline), by AWS’s evaluation of its own Allow and Deny statements, ' +
    'so an Allow "*" cut down by an explicit Deny on every resource is not reported, and an unattached customer ' +
    'policy is (it is one attach away).',
  remediation: {
    text: 'Replace the policy with one that grants the actions and resources its holders use (IAM Access Analyzer can generate one from CloudTrail activity); keep administrator access in few roles that people assume with MFA.',
    cli: 'aws iam create-policy-version --policy-arn <policy-arn> --policy-document file://least-privilege.json --set-as-default',
  },
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  ],
  frameworks: { 'aws-fsbp': ['IAM.1'], 'cis-aws-3.0': ['1.16'], 'cis-aws-7.0': ['2.14'] },
  reads: ['iam.authorization'],
  data: ['iam-actions'],
  evaluate: (view) =>
    eachPolicy(view, (judge, v) => {
      const evidence = subjectEvidence(judge.subject);
      const admin = judge.fullAdmin();
      if (!admin.full) {
        const some = `${admin.actions.slice(0, 3).join(', ')}${admin.actions.length > 3 ? ', …' : ''}`;
        switch (admin.why) {
          case 'no-star':
            return v.pass('no statement allows every action ("*")', evidence);
          case 'denied':
            return v.pass(
              `allows "*" but explicitly denies ${admin.actions.length} action(s) on every resource (${some}): not "*:*" by AWS’s evaluation`,
              { ...evidence, deniedActions: admin.actions },
            );
          case 'not-applicable':
            return v.pass(
              `its "*" statements do not apply to every resource and request (${some} not granted on "*")`,
              { ...evidence, notGranted: admin.actions },
            );
        }
      }
      const keys = admin.undecidedKeys;
      const when = keys.length > 0 ? ` when conditions the scan cannot decide hold (${keys.join(', ')})` : '';
      return v.fail(
        `allows every action on every resource${when}, through ${admin.statements.slice(0, 2).join(', ')}; ${describeAttachment(judge.subject)}`,
        { ...evidence, statements: admin.statements, conditional: keys.length > 0, undecidedKeys: keys },
      );
    }),
});
