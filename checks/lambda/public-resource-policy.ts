import { defineCheck } from '../../src/engine/check.js';
import {
  EXPOSURE_SEVERITY,
  type Exposure,
  INVOKE_ACTIONS,
  policyExposure,
  type StatementExposure,
} from '../../src/policy/resource-policy.js';

/**
 * The whole policy is judged, not each statement alone: an Allow for Principal "*" that a Deny
 * statement limits to our organization (`StringNotEquals aws:PrincipalOrgID`) is not public, and
 * an Allow whose only condition is `aws:SourceIp` in a private range admits no internet caller.
 * The semantics are in src/policy/resource-policy.ts and reach.ts. One fail per function, with
 * every exposing statement in the evidence; each carries its kind and that kind's severity
 * (`s3-without-source-account` and `ip-restricted` are medium, the rest high).
 */
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
    'Security Hub Lambda.1 fails both. Deny statements in the same policy are taken into account.',
  remediation: {
    text: 'Remove the statement, or re-add it scoped: name the calling account, or keep the service principal and add --source-arn (and --source-account for S3); for Principal "*", add aws:PrincipalOrgID or aws:SourceAccount.',
    cli: 'aws lambda remove-permission --function-name <name> --statement-id <sid>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
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
      const analysis = policyExposure(policy.document);
      if (analysis.uninterpretable.length > 0) {
        return v.unknown(
          `the resource policy holds condition values that cannot be interpreted (${analysis.uninterpretable.join('; ')})`,
          { uninterpretable: analysis.uninterpretable },
        );
      }
      const findings = analysis.exposures;
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
          severity: EXPOSURE_SEVERITY[f.exposure.kind],
          principals: principalsOf(f.exposure),
          actions: f.actions,
          conditionKeys: f.conditionKeys,
          ...detailOf(f.exposure),
        })),
      });
    }),
});

function principalsOf(e: Exposure): string[] {
  return e.kind === 'unscoped-service' || e.kind === 's3-without-source-account' ? e.services : e.principals;
}

function detailOf(e: Exposure): Record<string, unknown> {
  if (e.kind === 's3-without-source-account') return { sourceArns: e.sourceArns };
  if (e.kind === 'ip-restricted') return { sourceIps: e.sourceIps };
  return {};
}

function describe(f: StatementExposure): string {
  const where = f.sid ? `statement "${f.sid}"` : 'a statement';
  const invoke = f.actions.some((a) => INVOKE_ACTIONS.includes(a));
  const what = invoke ? 'invoke the function' : `call ${f.actions.join(', ')} on the function`;
  const e = f.exposure;
  switch (e.kind) {
    case 'public':
      return e.functionUrlAuthType === 'NONE' || e.viaFunctionUrl
        ? `${where} lets anyone on the internet ${what} through its function URL (Principal "*", ${e.viaFunctionUrl ? 'lambda:InvokedViaFunctionUrl' : 'FunctionUrlAuthType NONE'})`
        : `${where} lets anyone ${what} (Principal ${e.principals.join(', ')} with no condition or Deny restricting the caller)`;
    case 'any-aws-account':
      return `${where} lets any IAM-authenticated principal of any AWS account ${what} (nothing restricts the account)`;
    case 'unscoped-service':
      return `${where} lets ${e.services.join(', ')} ${what} on behalf of any account’s resources (no aws:SourceArn or aws:SourceAccount condition pins the source: confused deputy)`;
    case 's3-without-source-account':
      return `${where} lets ${e.services.join(', ')} ${what} for bucket ${e.sourceArns.join(', ')} without aws:SourceAccount (medium: a deleted bucket’s name can be taken by another account)`;
    case 'ip-restricted':
      return `${where} lets anyone from the public address range(s) ${e.sourceIps.join(', ')} ${what} (medium: restricted to a network, not to an account)`;
  }
}
