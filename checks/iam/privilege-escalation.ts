import { defineCheck } from '../../src/engine/check.js';
import { judgeEscalation } from './_escalation.js';

/**
 * A path counts only when the principal holds every permission on it, after denies, boundaries
 * and conditions, and a target exists in the account that gives it more than it has: a function
 * running as a more privileged role, a more privileged role trusting Lambda, a policy attached to
 * itself. Paths with no target today are `iam.privilege-escalation-latent`'s.
 */
export default defineCheck({
  id: 'iam.privilege-escalation',
  title: 'IAM principal can escalate its own privileges',
  service: 'iam',
  resourceType: 'AWS::IAM::Role',
  severity: 'high',
  practice: 'BP3',
  threats: ['T1', 'T2'],
  rationale:
    'A user or role that can pass a stronger role to a new function, rewrite the code of a function running as one, ' +
    'attach a policy to itself or take over a stronger user holds that stronger access already: whoever steals its ' +
    'credentials does too. Each path is checked against the account as it is — the permissions after every deny, ' +
    'boundary and condition, and a target that really exists — so a grant blocked elsewhere or aimed at nothing is ' +
    'not reported here.',
  remediation: {
    text: 'Remove the permission the path needs (often iam:PassRole on "*", or lambda:UpdateFunctionCode on "*"), scope it to the roles and functions the principal owns, or add a permissions boundary that denies it; a condition such as iam:PassedToService alone does not close a path to the same service.',
    cli: 'aws iam put-role-permissions-boundary --role-name <role> --permissions-boundary <policy-arn>   # or edit the granting policy',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
    'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['iam.authorization', 'iam.credential-report', 'lambda.functions'],
  data: ['iam-actions'],
  evaluate: (view) =>
    judgeEscalation(view, {
      pick: 'exploitable',
      none: 'no escalation path with a target in the account',
      describe: (first, more) => `can ${first}${more > 0 ? ` (and ${more} more path(s))` : ''}`,
    }),
});
