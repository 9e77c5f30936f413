import { defineCheck } from '../../src/engine/check.js';
import { roleName } from '../../src/policy/arn.js';

/**
 * The function names an execution role that is not among the account's roles
 * (GetAccountAuthorizationDetails lists every role, so absence there is deletion, not a read
 * gap). Lambda keeps the ARN, not the role: it assumes the role by ARN when it needs credentials,
 * so every invocation fails until a role of that name exists again, and the next role created
 * under that name, with whatever trust and permissions its creator writes, becomes the function's
 * identity without anyone touching the function (iam:PassRole is checked only when a role is set
 * on a function, not when Lambda later assumes it).
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html
 *
 * Checks that judge the role's contents (lambda.admin-execution-role, lambda.execution-role-trust)
 * answer not_applicable for such a function: there is nothing to judge until the role returns.
 * - unknown: IAM could not be read, or the role is in another account (outside this scan).
 */
export default defineCheck({
  id: 'lambda.execution-role-missing',
  title: 'Function execution role no longer exists',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'medium',
  practice: 'BP7',
  threats: ['T4'],
  rationale:
    'A function whose execution role was deleted cannot run: Lambda fails every invocation when it cannot ' +
    'assume the role. It also keeps pointing at the role’s ARN, so whoever next creates a role of that name ' +
    '(anyone with iam:CreateRole, no iam:PassRole or Lambda permission needed) decides what the function may ' +
    'do, and a forgotten function quietly comes back with new rights.',
  remediation: {
    text: 'Delete the function if it is no longer used; otherwise create a dedicated, least-privilege execution role and point the function at it explicitly.',
    cli: 'aws lambda update-function-configuration --function-name <name> --role arn:aws:iam::<account>:role/<new-role>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.functions', 'iam.authorization'],
  evaluate: (view) =>
    view.eachFunction((fn, v) => {
      if (!fn.role.ok) return v.missing(fn.role);
      const name = roleName(fn.config.roleArn);
      const role = fn.role.value;
      if (role === null) {
        return v.fail(
          `execution role ${name} does not exist: every invocation fails, and whoever creates a role named ${name} decides what the function may do`,
          { roleArn: fn.config.roleArn },
        );
      }
      return v.pass(`execution role ${name} exists`, { roleArn: role.arn });
    }),
});
