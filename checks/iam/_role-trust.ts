/**
 * What the four role-trust checks share: walk every role, read its trust policy, analyse it
 * (src/policy/trust.ts) and judge the entries of the check's kinds.
 *
 * Why four checks and not one: a check has one severity, and the score and `--fail-on` weigh a
 * failure by it. A trust policy open to anyone (critical) and a Step Functions role without
 * aws:SourceAccount (low, defence in depth) are different emergencies; one check at "critical"
 * would page someone for the second, one at "low" would bury the first. So each risk is its own
 * check with its own severity, and a role gets one result from each:
 * iam.role-trust-any-principal (critical), iam.role-trust-cross-account (high),
 * iam.role-trust-own-account (medium) and iam.role-trust-confused-deputy (low).
 */
import type { Draft, Evidence } from '../../src/engine/check.js';
import type { IamRole, OrganizationContext } from '../../src/inventory/schema.js';
import { analyzeTrust, type TrustEntry, type TrustKind, type TrustOptions } from '../../src/policy/trust.js';
import type { AccountView } from '../../src/view/account-view.js';
import type { Verdict } from '../../src/view/verdict.js';

export interface RoleTrustSpec {
  kinds: readonly TrustKind[];
  /**
   * What a role with no entry of these kinds gets: `pass` when the check concerns every trust
   * policy (anyone-may-assume), `not_applicable` when it concerns only roles that trust such a
   * principal (another account, the own root, a service), so clean roles do not dilute the score.
   */
  absent: { status: 'pass' | 'not_applicable'; message: string };
  /**
   * The failure message for the role, given its unscoped entries (never empty) and the
   * organization the account was scanned in (null: a single-account scan).
   */
  fail(role: IamRole, findings: TrustEntry[], organization: OrganizationContext | null): string;
  /** Service-linked roles: AWS owns their trust policy (the confused-deputy check skips them). */
  serviceLinked?: string;
}

/** AWS creates service-linked roles under this path, and nobody can edit their trust policy. */
export const SERVICE_LINKED_PATH = '/aws-service-role/';

/**
 * In an organization scan the organization's accounts are trusted like the account itself (the
 * organization is the zone of trust, as IAM Access Analyzer has it with the organization as its
 * zone): their principals are `other-account` entries scoped by `trusted account`, not findings.
 */
export function judgeRoleTrusts(view: AccountView, spec: RoleTrustSpec): Iterable<Draft> {
  const scope: TrustScope = {
    accountId: view.accountId,
    organization: view.organizationContext,
    options: {
      accountId: view.accountId,
      ...(view.organizationContext ? { trustedAccounts: view.organizationAccounts } : {}),
    },
  };
  return view.eachRole((role, v) => judgeRoleTrust(role, v, scope, spec));
}

interface TrustScope {
  accountId: string;
  organization: OrganizationContext | null;
  options: TrustOptions;
}

function judgeRoleTrust(role: IamRole, v: Verdict, scope: TrustScope, spec: RoleTrustSpec): Draft {
  const base = { roleArn: role.arn, path: role.path };
  if (spec.serviceLinked && role.path.startsWith(SERVICE_LINKED_PATH)) {
    return v.notApplicable(`${role.name} is a service-linked role: ${spec.serviceLinked}`, base);
  }
  const trust = role.trustPolicy;
  if (trust === null) {
    return v.unknown(
      `the trust policy of ${role.name} was not returned by GetAccountAuthorizationDetails`,
      base,
    );
  }
  if (!trust.parsed) {
    return v.unknown(`the trust policy of ${role.name} could not be parsed (${trust.reason})`, base);
  }
  const analysis = analyzeTrust(trust.document, scope.options);
  const entries = analysis.entries.filter((e) => spec.kinds.includes(e.kind));
  const evidence: Evidence = {
    ...base,
    findings: entries.filter((e) => e.scopedBy === null).map(entryEvidence),
    scoped: entries.filter((e) => e.scopedBy !== null).map(entryEvidence),
    unrecognizedPrincipals: analysis.unrecognized,
    organization: scope.organization?.id ?? null,
  };
  if (entries.length === 0)
    return v.judged({ ...spec.absent, message: `${role.name} ${spec.absent.message}`, evidence });
  const findings = entries.filter((e) => e.scopedBy === null);
  if (findings.length > 0) return v.fail(spec.fail(role, findings, scope.organization), evidence);
  return v.pass(
    `${role.name}: ${entries.map((e) => describeScoped(e, scope.organization)).join('; ')}`,
    evidence,
  );
}

function entryEvidence(e: TrustEntry): Evidence {
  return {
    statement: statementName(e),
    sid: e.sid,
    statementIndex: e.statementIndex,
    kind: e.kind,
    principals: e.principals,
    accounts: e.accounts,
    conditionKeys: e.conditionKeys,
    scopedBy: e.scopedBy,
    weakControls: e.weakControls,
  };
}

/** `statement "AllowVendor"`, or `statement #2` when it has no Sid. */
export function statementName(e: TrustEntry): string {
  return e.sid ? `statement "${e.sid}"` : `statement #${e.statementIndex}`;
}

function describeScoped(e: TrustEntry, organization: OrganizationContext | null): string {
  const who = e.principals.join(', ');
  if (e.scopedBy === 'iam:PassRole') {
    return `${who} assumes the role only when someone in this account passes it (iam:PassRole), so no other account can make the service use it`;
  }
  if (e.scopedBy === 'trusted account') {
    const where = organization ? `an account of organization ${organization.id}` : 'a trusted account';
    return `${who} is in ${where} (${e.accounts.join(', ')})`;
  }
  return `${who} (${statementName(e)}) is scoped by ${e.scopedBy}`;
}

/** `a, b and 2 more` */
export function listText(items: readonly string[], max = 3): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
