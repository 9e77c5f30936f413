import { defineCheck } from '../../src/engine/check.js';
import type { PolicyStatement } from '../../src/inventory/schema.js';
import { allowedActions } from '../../src/policy/actions.js';
import { conditionClauses, type Exposure, statementExposure } from '../../src/policy/principals.js';

/**
 * Function-level actions a resource policy can grant. A statement matters if it allows any of
 * them: invoking is the usual exposure, but a public `lambda:GetFunction` hands out the code and
 * the environment, and a public `Update*` hands out the function itself.
 */
const INVOKE_ACTIONS = ['lambda:InvokeFunction', 'lambda:InvokeFunctionUrl', 'lambda:InvokeAsync'];
const OTHER_ACTIONS = [
  'lambda:GetFunction',
  'lambda:GetFunctionConfiguration',
  'lambda:UpdateFunctionCode',
  'lambda:UpdateFunctionConfiguration',
  'lambda:DeleteFunction',
  'lambda:AddPermission',
  'lambda:PublishVersion',
  'lambda:UpdateAlias',
];
const FUNCTION_ACTIONS = [...INVOKE_ACTIONS, ...OTHER_ACTIONS];

interface Finding {
  sid: string | null;
  exposure: Exposure;
  actions: string[];
  conditionKeys: string[];
}

const RANK: Record<Exposure['kind'], number> = { public: 0, 'any-aws-account': 1, 'unscoped-service': 2 };

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
    'Security Hub Lambda.1 fails both.',
  remediation: {
    text: 'Remove the statement, or re-add it scoped: name the calling account, or keep the service principal and add --source-arn (and --source-account for S3); for Principal "*", add aws:PrincipalOrgID or aws:SourceAccount.',
    cli: 'aws lambda remove-permission --function-name <name> --statement-id <sid>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
  ],
  // CIS 7.0 2.21: resource policies must not allow unrestricted access with Principal "*".
  frameworks: { 'aws-fsbp': ['Lambda.1'], 'cis-aws-3.0': [], 'cis-aws-7.0': ['2.21'] },
  reads: ['lambda.policies'],
  evaluate: (view) =>
    view.eachFunction((fn, v) => {
      if (!fn.policy.ok) return v.missing(fn.policy);
      const policy = fn.policy.value;
      if (policy === null) return v.pass('the function has no resource-based policy');
      if (!policy.parsed) {
        return v.unknown(`the resource policy could not be parsed (${policy.reason})`, {
          parseError: policy.reason,
        });
      }
      const statements = policy.document.Statement;
      const findings = statements
        .flatMap((s) => finding(s) ?? [])
        .sort((a, b) => RANK[a.exposure.kind] - RANK[b.exposure.kind]);
      const first = findings[0];
      if (!first) {
        return v.pass(
          `none of the ${statements.length} resource-policy statement(s) grants access to anyone or to an unscoped service`,
          { statementCount: statements.length },
        );
      }
      const more = findings.length > 1 ? ` (and ${findings.length - 1} more statement(s))` : '';
      return v.fail(`${describe(first)}${more}`, {
        statements: findings.map((f) => ({
          sid: f.sid,
          kind: f.exposure.kind,
          principals: f.exposure.kind === 'unscoped-service' ? f.exposure.services : f.exposure.principals,
          actions: f.actions,
          conditionKeys: f.conditionKeys,
        })),
      });
    }),
});

function finding(statement: PolicyStatement): Finding | null {
  const exposure = statementExposure(statement);
  if (!exposure) return null;
  const actions = allowedActions(statement, FUNCTION_ACTIONS);
  if (actions.length === 0) return null;
  return {
    sid: statement.Sid ?? null,
    exposure,
    actions,
    conditionKeys: conditionClauses(statement).map((c) => c.key),
  };
}

function describe(f: Finding): string {
  const where = f.sid ? `statement "${f.sid}"` : 'a statement';
  const invoke = f.actions.some((a) => INVOKE_ACTIONS.includes(a));
  const what = invoke ? 'invoke the function' : `call ${f.actions.join(', ')} on the function`;
  switch (f.exposure.kind) {
    case 'public':
      return f.exposure.functionUrlAuthType === 'NONE'
        ? `${where} lets anyone on the internet ${what} through its function URL (Principal "*", FunctionUrlAuthType NONE)`
        : `${where} lets anyone ${what} (Principal ${f.exposure.principals.join(', ')} with no condition restricting the caller)`;
    case 'any-aws-account':
      return `${where} lets any IAM-authenticated principal of any AWS account ${what} (FunctionUrlAuthType AWS_IAM does not restrict the account)`;
    case 'unscoped-service':
      return `${where} lets ${f.exposure.services.join(', ')} ${what} on behalf of any account’s resources (no aws:SourceArn or aws:SourceAccount condition: confused deputy)`;
  }
}
