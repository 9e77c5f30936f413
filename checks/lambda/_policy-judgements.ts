/**
 * The judgements of one resource policy that lambda.public-resource-policy and
 * lambda.cross-account-grant make of the unqualified function, and the qualifier checks make of
 * each alias and version: one rule, so the function and its qualifiers are never judged apart.
 * A policy that is absent (null) is each caller's own case.
 */
import type { OrganizationContext, ParsedPolicy, PolicyDocument } from '../../src/inventory/schema.js';
import { type AccountGrant, accountGrants } from '../../src/policy/account-grants.js';
import {
  EXPOSURE_SEVERITY,
  type Exposure,
  INVOKE_ACTIONS,
  policyExposure,
  type StatementExposure,
} from '../../src/policy/resource-policy.js';
import type { Evidence, Judgement } from '../../src/view/verdict.js';

/** Why a read policy cannot be judged: `problem` completes "…, and <problem>". */
export interface PolicyProblem {
  problem: string;
  evidence: Evidence;
}

const POLICY = 'the resource policy';

export const parseProblem = (reason: string, name = POLICY): PolicyProblem => ({
  problem: `${name} could not be parsed (${reason})`,
  evidence: { parseError: reason },
});

export const interpretProblem = (uninterpretable: readonly string[], name = POLICY): PolicyProblem => ({
  problem: `${name} holds condition values that cannot be interpreted (${uninterpretable.join('; ')})`,
  evidence: { uninterpretable },
});

/**
 * The document of a policy that can be judged, or why it cannot: it could not be parsed, or it
 * holds condition values that cannot be interpreted (tested alone: no exposure is computed).
 */
export function judgeable(policy: ParsedPolicy, name = POLICY): { document: PolicyDocument } | PolicyProblem {
  if (!policy.parsed) return parseProblem(policy.reason, name);
  const { uninterpretable } = policyExposure(policy.document, { actions: [] });
  return uninterpretable.length > 0 ? interpretProblem(uninterpretable, name) : { document: policy.document };
}

const unknown = (p: PolicyProblem): Judgement => ({
  status: 'unknown',
  message: p.problem,
  evidence: p.evidence,
});

/** Does the policy let anyone, any account, or an unscoped AWS service in? */
export function judgePublicPolicy(policy: ParsedPolicy): Judgement {
  if (!policy.parsed) return unknown(parseProblem(policy.reason));
  // One analysis serves both the interpretability test and the exposures.
  const analysis = policyExposure(policy.document);
  if (analysis.uninterpretable.length > 0) return unknown(interpretProblem(analysis.uninterpretable));
  const statements = policy.document.Statement;
  const findings = analysis.exposures;
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

/** Whose grants are our own: the scanned account and, in an organization scan, its organization. */
export interface GrantScope {
  accountId: string;
  /** The organization the account was scanned in; null: a single-account scan (membership unknown). */
  organization: OrganizationContext | null;
}

/** A grant inside the organization: not a finding, but listed so a reader still sees it. */
export interface GrantWithinOrganization {
  sid: string | null;
  /** Member accounts named. */
  accounts: string[];
  /** The organization itself, when the grant is organization-wide (aws:PrincipalOrgID, …). */
  organizations: string[];
  actions: string[];
}

const SINGLE_ACCOUNT = 'organization membership unknown: scanned as a single account';

/**
 * Does the policy grant accounts other than `accountId` (src/policy/account-grants.ts)? In an
 * organization scan the organization is the zone of trust, as IAM Access Analyzer has it with the
 * organization as its zone: a grant to a member account, or to the whole organization by
 * aws:PrincipalOrgID / aws:PrincipalOrgPaths / aws:SourceOrgID / aws:SourceOrgPaths, is not a
 * finding, and the evidence lists it under `withinOrganization`. Without the organization every
 * other account is foreign, as before.
 */
export function judgeAccountGrants(policy: ParsedPolicy, scope: GrantScope): Judgement {
  const read = judgeable(policy);
  if ('problem' in read) return unknown(read);
  const { accountId, organization: org } = scope;
  const grants = accountGrants(
    read.document,
    org
      ? { accountId, trustedAccounts: new Set(org.accountIds), trustedOrganizations: new Set([org.id]) }
      : { accountId },
  );
  // The same analysis without the organization's trust, for what the trust let through.
  const within = org ? grantsWithin(accountGrants(read.document, { accountId }), org) : [];
  const statementCount = read.document.Statement.length;
  const context = org ? { organization: org.id, withinOrganization: within } : { organization: null };
  if (grants.length === 0) {
    const inside =
      within.length > 0 ? `, or within its organization ${org?.id} (${describeWithin(within)})` : '';
    return {
      status: 'pass',
      message: `every grant of the ${statementCount} resource-policy statement(s) is to account ${accountId} or to AWS services scoped to it${inside}`,
      evidence: { statementCount, ...context },
    };
  }
  const accounts = [...new Set(grants.flatMap((g) => g.accounts))].sort();
  const organizations = [...new Set(grants.flatMap((g) => g.organizations))].sort();
  const note = org
    ? within.length > 0
      ? ` (besides ${within.length} grant(s) within organization ${org.id}, which are not findings)`
      : ''
    : grants.some((g) => g.kind !== 'any-account')
      ? `; ${SINGLE_ACCOUNT}`
      : '';
  return {
    status: 'fail',
    message: `${describeGrants(grants, accounts, organizations)}${note}`,
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
      ...context,
    },
  };
}

/** The parts of each grant that fall inside the organization: its member accounts, or the organization itself. */
function grantsWithin(grants: readonly AccountGrant[], org: OrganizationContext): GrantWithinOrganization[] {
  const members = new Set(org.accountIds);
  const out: GrantWithinOrganization[] = [];
  for (const g of grants) {
    const accounts = g.accounts.filter((a) => members.has(a));
    const organizations = g.organizations.filter((o) => o === org.id);
    if (accounts.length > 0 || organizations.length > 0)
      out.push({ sid: g.sid, accounts, organizations, actions: g.actions });
  }
  return out;
}

function describeWithin(within: readonly GrantWithinOrganization[]): string {
  const accounts = [...new Set(within.flatMap((w) => w.accounts))].sort();
  const parts: string[] = [];
  if (accounts.length > 0) parts.push(`member account(s) ${accounts.join(', ')}`);
  if (within.some((w) => w.organizations.length > 0)) parts.push('every account of the organization');
  return parts.join('; ');
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
