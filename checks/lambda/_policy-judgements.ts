/**
 * The judgements of one resource policy that lambda.public-resource-policy and
 * lambda.cross-account-grant make of the unqualified function, and the qualifier checks make of
 * each alias and version: one rule, so the function and its qualifiers are never judged apart.
 * A policy that is absent (null) is each caller's own case.
 */
import type { ParsedPolicy } from '../../src/inventory/schema.js';
import { type AccountGrant, accountGrants } from '../../src/policy/account-grants.js';
import {
  EXPOSURE_SEVERITY,
  type Exposure,
  INVOKE_ACTIONS,
  policyExposure,
  type StatementExposure,
} from '../../src/policy/resource-policy.js';
import type { Judgement } from '../../src/view/verdict.js';

/** Unknown when the policy cannot be parsed or holds condition values that cannot be interpreted. */
function unreadable(
  policy: ParsedPolicy,
): Judgement | { document: Extract<ParsedPolicy, { parsed: true }>['document'] } {
  if (!policy.parsed) {
    return {
      status: 'unknown',
      message: `the resource policy could not be parsed (${policy.reason})`,
      evidence: { parseError: policy.reason },
    };
  }
  const { uninterpretable } = policyExposure(policy.document);
  if (uninterpretable.length > 0) {
    return {
      status: 'unknown',
      message: `the resource policy holds condition values that cannot be interpreted (${uninterpretable.join('; ')})`,
      evidence: { uninterpretable },
    };
  }
  return { document: policy.document };
}

/** Does the policy let anyone, any account, or an unscoped AWS service in? */
export function judgePublicPolicy(policy: ParsedPolicy): Judgement {
  const read = unreadable(policy);
  if ('status' in read) return read;
  const statements = read.document.Statement;
  const findings = policyExposure(read.document).exposures;
  const first = findings[0];
  if (!first) {
    return {
      status: 'pass',
      message: `none of the ${statements.length} resource-policy statement(s) grants access to anyone or to an unscoped service`,
      evidence: { statementCount: statements.length },
    };
  }
  const more = findings.length > 1 ? ` (and ${findings.length - 1} more statement(s))` : '';
  return {
    status: 'fail',
    message: `${describeExposure(first)}${more}`,
    evidence: {
      statements: findings.map((f) => ({
        sid: f.sid,
        kind: f.exposure.kind,
        severity: EXPOSURE_SEVERITY[f.exposure.kind],
        principals: principalsOf(f.exposure),
        actions: f.actions,
        conditionKeys: f.conditionKeys,
        ...detailOf(f.exposure),
      })),
    },
  };
}

/** Does the policy grant accounts other than `accountId` (src/policy/account-grants.ts)? */
export function judgeAccountGrants(policy: ParsedPolicy, accountId: string): Judgement {
  const read = unreadable(policy);
  if ('status' in read) return read;
  const grants = accountGrants(read.document, { accountId });
  const statementCount = read.document.Statement.length;
  if (grants.length === 0) {
    return {
      status: 'pass',
      message: `every grant of the ${statementCount} resource-policy statement(s) is to account ${accountId} or to AWS services scoped to it`,
      evidence: { statementCount },
    };
  }
  const accounts = [...new Set(grants.flatMap((g) => g.accounts))].sort();
  const organizations = [...new Set(grants.flatMap((g) => g.organizations))].sort();
  return {
    status: 'fail',
    message: describeGrants(grants, accounts, organizations),
    evidence: {
      accounts,
      organizations,
      grants: grants.map((g) => ({
        sid: g.sid,
        kind: g.kind,
        accounts: g.accounts,
        organizations: g.organizations,
        exposure: g.exposure,
        actions: g.actions,
      })),
    },
  };
}

function principalsOf(e: Exposure): string[] {
  return e.kind === 'unscoped-service' || e.kind === 's3-without-source-account' ? e.services : e.principals;
}

function detailOf(e: Exposure): Record<string, unknown> {
  if (e.kind === 's3-without-source-account') return { sourceArns: e.sourceArns };
  if (e.kind === 'ip-restricted') return { sourceIps: e.sourceIps };
  return {};
}

function describeExposure(f: StatementExposure): string {
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

function describeGrants(grants: AccountGrant[], accounts: string[], organizations: string[]): string {
  const parts: string[] = [];
  if (accounts.length > 0) parts.push(`account(s) ${accounts.join(', ')}`);
  if (organizations.length > 0) parts.push(`every account of organization(s) ${organizations.join(', ')}`);
  if (grants.some((g) => g.kind === 'any-account'))
    parts.push('any account (see lambda.public-resource-policy)');
  const n = new Set(grants.map((g) => g.statement)).size;
  return `the resource policy grants ${parts.join(', and ')} access to the function (${n} statement(s))`;
}
