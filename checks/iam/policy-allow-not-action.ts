import { defineCheck } from '../../src/engine/check.js';
import { HIGH_VALUE_ACTIONS } from '../../src/iam/privilege.js';
import {
  describeAttachment,
  eachPolicy,
  grantingStatements,
  MANAGED_POLICY_TYPE,
  subjectEvidence,
  undecided,
} from './_policy-grants.js';

/**
 * Allow + NotAction grants every action of every service except the listed ones, including every
 * action AWS adds later: the PowerUserAccess shape. Judged by the evaluator: the finding is a
 * high-value action (see src/iam/privilege.ts) granted on every resource *through* an Allow
 * statement with NotAction, so a NotAction scoped to named resources, or one whose grants the
 * document's own Deny statements take back, passes; NotAction in a Deny (the documented "deny
 * everything but MFA set-up" idiom) is a restriction, not a grant. A "*:*" policy is
 * iam.policy-full-admin's.
 */
export default defineCheck({
  id: 'iam.policy-allow-not-action',
  title: 'IAM policy allows every action except a list (Allow with NotAction) on every resource',
  service: 'iam',
  resourceType: MANAGED_POLICY_TYPE,
  severity: 'high',
  practice: 'BP3',
  threats: ['T1', 'T2', 'T4'],
  rationale:
    'An Allow statement with NotAction grants everything outside its list, in every service, present and future: ' +
    'excluding "iam:*" still grants Lambda, KMS, Secrets Manager, STS and the rest, and a service AWS launches ' +
    'tomorrow is granted on the day it launches. Whoever holds such a policy can rewrite any function and read any ' +
    'secret. Judged by AWS’s evaluation of the document, so NotAction in a Deny statement is not reported.',
  remediation: {
    text: 'Replace the NotAction grant with an Action list of what the holders use (IAM Access Analyzer can generate one); if the intent is "everything but X", grant the services needed and keep a Deny for X.',
    cli: 'aws iam create-policy-version --policy-arn <policy-arn> --policy-document file://scoped.json --set-as-default',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['iam.authorization'],
  data: ['iam-actions'],
  evaluate: (view) =>
    eachPolicy(view, (judge, v) => {
      if (judge.fullAdmin().full) {
        return v.notApplicable(
          'the policy allows every action on every resource (see iam.policy-full-admin)',
        );
      }
      const evidence = subjectEvidence(judge.subject);
      const notAction = new Set(
        judge.statements.filter((s) => s.effect === 'Allow' && s.statement.NotAction).map((s) => s.index),
      );
      if (notAction.size === 0) return v.pass('no Allow statement uses NotAction', evidence);
      const granted = HIGH_VALUE_ACTIONS.map((action) => ({ action, answer: judge.ask(action) })).filter(
        ({ answer }) =>
          (answer.decision === 'allowed' || answer.decision === 'conditional') &&
          answer.statements.some((r) => r.effect === 'Allow' && notAction.has(r.statement)),
      );
      if (granted.length === 0) {
        return v.pass(
          'its Allow+NotAction statements grant no high-value action on every resource (they name resources, or the document denies what they grant)',
          evidence,
        );
      }
      const answers = granted.map((g) => g.answer);
      const keys = undecided(answers);
      const excluded = [
        ...new Set(
          judge.statements.filter((s) => notAction.has(s.index)).flatMap((s) => s.statement.NotAction ?? []),
        ),
      ];
      const when = keys.length > 0 ? ` when conditions the scan cannot decide hold (${keys.join(', ')})` : '';
      return v.fail(
        `allows every action except ${excluded.join(', ')} on every resource${when} — e.g. ${granted
          .slice(0, 3)
          .map((g) => g.action)
          .join(
            ', ',
          )} — through ${grantingStatements(answers).slice(0, 2).join(', ')}; ${describeAttachment(judge.subject)}`,
        {
          ...evidence,
          excluded,
          grantedHighValue: granted.map((g) => g.action),
          conditional: keys.length > 0,
          undecidedKeys: keys,
        },
      );
    }),
});
