import { defineCheck, type Evidence } from '../../src/engine/check.js';
import type { IamRole, PolicyStatement } from '../../src/inventory/schema.js';
import { actionMatches, isAllWildcard } from '../../src/policy/actions.js';
import { roleName } from '../../src/policy/arn.js';
import type { Judgement } from '../../src/view/verdict.js';

/**
 * Who besides Lambda may assume a function's execution role? Every principal an Allow statement
 * of the trust policy lets call sts:AssumeRole (or the SAML / web-identity variants) is listed,
 * whatever its conditions: a condition narrows *which* EC2 instance or which account's principal,
 * but any of them then acts with the function's permissions, and the function's CloudTrail
 * identity no longer tells who did what. How dangerous each principal is in itself (a wildcard, an
 * unpinned account) is graded by the iam.role-trust-* checks; this check says that an execution
 * role is not the function's alone.
 *
 * Accepted: `lambda.amazonaws.com`, and `edgelambda.amazonaws.com`, which Lambda@Edge requires
 * beside it (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-edge-permissions.html).
 * Ignored: an AWS principal written as a unique id (AROA…, AIDA…), which is how IAM shows a
 * principal that was deleted: it matches no caller. Statements that allow only sts:TagSession or
 * sts:SetSourceIdentity assume nothing. Deny statements are not credited: Lambda's guide never
 * writes them into a trust policy, and crediting one would need the caller's request context.
 *
 * - not_applicable: the role no longer exists (lambda.execution-role-missing reports it);
 * - unknown: IAM could not be read, the role is outside the account, or its trust policy is
 *   missing or unparsable.
 */

const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'];
const LAMBDA_SERVICES = ['lambda.amazonaws.com', 'edgelambda.amazonaws.com'];
/** How IAM shows a deleted principal in a policy: its unique id, which no caller matches. */
const UNIQUE_ID = /^A[A-Z]{3}[A-Z0-9]{12,}$/;

export default defineCheck({
  id: 'lambda.execution-role-trust',
  title: 'Function execution role can be assumed by something other than Lambda',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'medium',
  practice: 'BP7',
  threats: ['T4'],
  rationale:
    'A function’s execution role should trust only lambda.amazonaws.com. When its trust policy also lets an EC2 ' +
    'instance, another service, an IAM principal, another account or a federated identity assume it, each of ' +
    'those gets the function’s permissions without going through the function, the role is sized for two uses, ' +
    'and CloudTrail can no longer tell the function’s actions from theirs. Roles reused as execution roles are ' +
    'a common way this happens.',
  remediation: {
    text: 'Create a separate role for the other principal, then remove it from the execution role’s trust policy so that only lambda.amazonaws.com (and edgelambda.amazonaws.com for Lambda@Edge) may assume it.',
    cli: 'aws iam update-assume-role-policy --role-name <role> --policy-document \'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}\'',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-edge-permissions.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.functions', 'iam.authorization'],
  evaluate: (view) => {
    // Functions share roles: judge each role once per evaluation.
    const judged = new Map<IamRole, Judgement>();
    return view.eachFunction((fn, v) => {
      if (!fn.role.ok) return v.missing(fn.role);
      const role = fn.role.value;
      if (role === null) {
        return v.notApplicable(
          `execution role ${roleName(fn.config.roleArn)} does not exist in the account (see lambda.execution-role-missing)`,
          { roleArn: fn.config.roleArn },
        );
      }
      let j = judged.get(role);
      if (!j) {
        j = judgeTrust(role);
        judged.set(role, j);
      }
      return v.judged(j);
    });
  },
});

interface Trustee {
  principal: string;
  statement: string;
  conditionKeys: string[];
}

function judgeTrust(role: IamRole): Judgement {
  const base: Evidence = { roleArn: role.arn };
  const trust = role.trustPolicy;
  if (trust === null) {
    return {
      status: 'unknown',
      message: `the trust policy of execution role ${role.name} was not returned by GetAccountAuthorizationDetails`,
      evidence: base,
    };
  }
  if (!trust.parsed) {
    return {
      status: 'unknown',
      message: `the trust policy of execution role ${role.name} could not be parsed (${trust.reason})`,
      evidence: base,
    };
  }
  const trustees: Trustee[] = [];
  const deleted: string[] = [];
  trust.document.Statement.forEach((s, i) => {
    if (s.Effect !== 'Allow' || !allowsAssume(s)) return;
    const statement = s.Sid ? `"${s.Sid}"` : `statement ${i + 1}`;
    const conditionKeys = Object.values(s.Condition ?? {}).flatMap((block) => Object.keys(block));
    for (const principal of others(s, deleted)) trustees.push({ principal, statement, conditionKeys });
  });
  const evidence = { ...base, trustees, deletedPrincipals: deleted };
  if (trustees.length === 0) {
    return {
      status: 'pass',
      message: `only the Lambda service may assume execution role ${role.name}`,
      evidence,
    };
  }
  const names = [...new Set(trustees.map((t) => t.principal))];
  return {
    status: 'fail',
    message: `execution role ${role.name} can also be assumed by ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}: they act with the function’s permissions`,
    evidence,
  };
}

function allowsAssume(s: PolicyStatement): boolean {
  return ASSUME_ACTIONS.some((a) =>
    s.Action
      ? s.Action.some((p) => actionMatches(p, a))
      : s.NotAction
        ? !s.NotAction.some((p) => actionMatches(p, a))
        : false,
  );
}

/** The principals of an Allow statement other than the Lambda service (as `Type:value`). */
function others(s: PolicyStatement, deleted: string[]): string[] {
  // Allow + NotPrincipal trusts everyone not listed.
  if (s.NotPrincipal) return ['NotPrincipal (everyone not listed)'];
  const out: string[] = [];
  for (const [type, values] of Object.entries(s.Principal ?? {})) {
    const t = type.toLowerCase();
    for (const value of values) {
      if (t === 'service' && !isAllWildcard(value) && LAMBDA_SERVICES.includes(value.toLowerCase())) continue;
      if (t === 'aws' && UNIQUE_ID.test(value)) {
        deleted.push(value);
        continue;
      }
      out.push(`${type}:${value}`);
    }
  }
  return out;
}
