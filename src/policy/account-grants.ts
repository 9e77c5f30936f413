/**
 * Which AWS accounts does a function's resource policy grant access to? Every Allow statement is
 * read for the accounts it names: in `Principal` (a 12-digit id, `arn:aws:iam::ACCT:root`, a
 * role, user or assumed-role ARN) and in the conditions that pin the caller's account
 * (`aws:SourceAccount`, `aws:SourceOwner`, `aws:PrincipalAccount`, and the account field of
 * `aws:SourceArn` / `aws:PrincipalArn`). Conditions are ANDed, so the accounts a statement admits
 * are the principal's accounts intersected with each condition's (and with each Deny that allows
 * only some accounts, e.g. `StringNotEquals aws:PrincipalAccount`).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 *
 * The seam for organizations: `trustedAccounts` and `trustedOrganizations` are treated as our own.
 * Today the scanner passes none (it does not read AWS Organizations yet), so every other account
 * and every organization-wide grant is reported; when the organization work lands, accounts
 * inside the organization can be passed here and told apart from those outside.
 */
import type { PolicyDocument, PolicyStatement } from '../inventory/schema.js';
import { allowedActions, appliesToNoResource, statementCoversAction } from './actions.js';
import { conditionClauses, likeValueRestricts } from './principals.js';
import { parseOperator } from './reach.js';
import { FUNCTION_ACTIONS, statementExposure, wildcardGrantees } from './resource-policy.js';

export interface AccountContext {
  /** The scanned account. */
  accountId: string;
  /** Accounts to treat as our own (e.g. those of our organization). */
  trustedAccounts?: ReadonlySet<string>;
  /** Organization ids to treat as our own. */
  trustedOrganizations?: ReadonlySet<string>;
}

/**
 * - `other-account`: named accounts that are not ours;
 * - `organization`: every account of an organization (`aws:PrincipalOrgID`, `aws:SourceOrgID`,
 *   org paths) that is not trusted;
 * - `any-account`: no account is pinned at all (a public or unscoped grant; see resource-policy.ts,
 *   whose exposure kind is given).
 */
export type AccountGrantKind = 'other-account' | 'organization' | 'any-account';

export interface AccountGrant {
  statement: number;
  sid: string | null;
  kind: AccountGrantKind;
  /** The other accounts admitted (other-account), sorted. */
  accounts: string[];
  /** The organizations admitted (organization), sorted. */
  organizations: string[];
  /** For any-account: the exposure kind of resource-policy.ts. */
  exposure: string | null;
  actions: string[];
}

const ACCOUNT = /^\d{12}$/;
const ACCOUNT_KEYS = new Set(['aws:sourceaccount', 'aws:sourceowner', 'aws:principalaccount']);
const ARN_ACCOUNT_KEYS = new Set(['aws:sourcearn', 'aws:principalarn']);
const ORG_ID_KEYS = new Set(['aws:principalorgid', 'aws:sourceorgid']);
const ORG_PATH_KEYS = new Set(['aws:principalorgpaths', 'aws:sourceorgpaths']);

type Accounts = Set<string> | 'all';

/** Every grant of the document to an account or organization that is not ours, in statement order. */
export function accountGrants(document: PolicyDocument, context: AccountContext): AccountGrant[] {
  const statements = Array.isArray(document?.Statement) ? document.Statement : [];
  const denies = statements.filter((s) => s?.Effect === 'Deny');
  const own = (account: string) =>
    account === context.accountId || (context.trustedAccounts?.has(account) ?? false);
  const ownOrg = (org: string) => context.trustedOrganizations?.has(org) ?? false;
  const out: AccountGrant[] = [];
  statements.forEach((statement, index) => {
    if (statement?.Effect !== 'Allow' || appliesToNoResource(statement)) return;
    const byKey = new Map<string, AccountGrant>();
    for (const action of allowedActions(statement, FUNCTION_ACTIONS)) {
      const grant = grantFor(statement, denies, action, own, ownOrg);
      if (!grant) continue;
      const key = JSON.stringify([grant.kind, grant.accounts, grant.organizations, grant.exposure]);
      const seen = byKey.get(key);
      if (seen) seen.actions.push(action);
      else byKey.set(key, { statement: index, sid: statement.Sid ?? null, ...grant, actions: [action] });
    }
    out.push(...byKey.values());
  });
  return out;
}

function grantFor(
  statement: PolicyStatement,
  denies: readonly PolicyStatement[],
  action: string,
  own: (a: string) => boolean,
  ownOrg: (o: string) => boolean,
): Omit<AccountGrant, 'statement' | 'sid' | 'actions'> | null {
  let accounts = principalAccounts(statement);
  for (const set of conditionAccountSets(statement)) accounts = intersect(accounts, set);
  for (const deny of denies) {
    if (!statementCoversAction(deny, action) || appliesToNoResource(deny)) continue;
    const allowed = accountsEscapingDeny(deny);
    if (allowed) accounts = intersect(accounts, allowed);
  }
  const none = { accounts: [], organizations: [], exposure: null };
  if (accounts !== 'all') {
    const foreign = [...accounts].filter((a) => !own(a)).sort();
    return foreign.length > 0 ? { ...none, kind: 'other-account', accounts: foreign } : null;
  }
  const orgs = organizations(statement);
  if (orgs.length > 0) {
    const foreign = orgs.filter((o) => !ownOrg(o)).sort();
    return foreign.length > 0 ? { ...none, kind: 'organization', organizations: foreign } : null;
  }
  const exposure = statementExposure(statement, { denies, action });
  return exposure ? { ...none, kind: 'any-account', exposure: exposure.kind } : null;
}

/** The account of an AWS principal: a 12-digit id, or an IAM/STS ARN with a literal account field. */
export function principalAccount(value: string): string | null {
  if (ACCOUNT.test(value)) return value;
  const m = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(value);
  return m ? (m[1] as string) : null;
}

/**
 * The accounts the principals name, or 'all' when a principal admits callers of any account (a
 * wildcard, NotPrincipal, a service principal). Unique ids (`AROA…`, left by IAM when a named
 * role is deleted) name nobody who can still call, and federated or canonical-user principals
 * name no account.
 */
function principalAccounts(statement: PolicyStatement): Accounts {
  if (wildcardGrantees(statement).some((w) => !isAccountPinnedWildcard(w))) return 'all';
  const out = new Set<string>();
  for (const [type, values] of Object.entries(statement.Principal ?? {})) {
    const t = type.toLowerCase();
    if (t === 'service') return 'all';
    if (t !== 'aws' || !Array.isArray(values)) continue;
    for (const v of values) {
      const account = principalAccount(v);
      if (account) out.add(account);
    }
  }
  return out;
}

/** `AWS:arn:aws:iam::210987654321:role/team-*`: a wildcard, but within one account. */
function isAccountPinnedWildcard(grantee: string): boolean {
  if (!grantee.toUpperCase().startsWith('AWS:')) return false;
  return principalAccount(grantee.slice(4)) !== null;
}

/** One set per condition clause that pins the account (positive, not IfExists, not ForAllValues). */
function conditionAccountSets(statement: PolicyStatement): Set<string>[] {
  const out: Set<string>[] = [];
  for (const clause of conditionClauses(statement)) {
    const key = clause.key.toLowerCase();
    const op = parseOperator(clause.operator);
    if (op.ifExists || op.set === 'all') continue;
    const positive = [
      'stringequals',
      'stringequalsignorecase',
      'stringlike',
      'arnlike',
      'arnequals',
    ].includes(op.base);
    if (!positive || clause.values.length === 0) continue;
    const set = accountsOfValues(
      key,
      clause.values,
      op.base === 'stringequals' || op.base === 'stringequalsignorecase',
    );
    if (set) out.push(set);
  }
  return out;
}

/**
 * The accounts a clause's values admit, or null when they do not pin one (a wildcard account,
 * an account-less S3 ARN). Under StringEquals a value is literal, so `"*"` admits no account.
 */
function accountsOfValues(key: string, values: readonly string[], exact: boolean): Set<string> | null {
  const out = new Set<string>();
  for (const v of values) {
    if (ACCOUNT_KEYS.has(key)) {
      if (exact || !/[*?]/.test(v)) {
        if (ACCOUNT.test(v)) out.add(v);
        continue; // a literal that is no account id matches no caller
      }
      return null;
    }
    if (ARN_ACCOUNT_KEYS.has(key)) {
      const account = v.split(':')[4] ?? '';
      if (ACCOUNT.test(account) && (exact || likeValueRestricts(key, v))) out.add(account);
      else return null;
      continue;
    }
    return null;
  }
  return out;
}

/**
 * The accounts a Deny leaves alone, when it is a Deny on everyone (Principal "*") whose only
 * clause is a negated account test (`StringNotEquals aws:PrincipalAccount [...]`), or a Deny with
 * NotPrincipal naming accounts and no condition; null when the Deny does not bound accounts.
 */
function accountsEscapingDeny(deny: PolicyStatement): Set<string> | null {
  const clauses = conditionClauses(deny);
  if (deny.NotPrincipal) {
    if (clauses.length > 0) return null;
    const listed = principalAccounts({ Effect: 'Allow', Principal: deny.NotPrincipal });
    return listed === 'all' ? null : listed;
  }
  const everyone = Object.values(deny.Principal ?? {}).some((v) => Array.isArray(v) && v.includes('*'));
  if (!everyone) return null;
  if (clauses.length === 0) return new Set();
  if (clauses.length !== 1) return null;
  const [clause] = clauses;
  if (!clause) return null;
  const key = clause.key.toLowerCase();
  const op = parseOperator(clause.operator);
  if (op.set !== null) return null;
  const negatedExact = op.base === 'stringnotequals' || op.base === 'stringnotequalsignorecase';
  const negatedLike = op.base === 'stringnotlike' || op.base === 'arnnotlike' || op.base === 'arnnotequals';
  if (!negatedExact && !negatedLike) return null;
  if (!ACCOUNT_KEYS.has(key) && !ARN_ACCOUNT_KEYS.has(key)) return null;
  return accountsOfValues(key, clause.values, negatedExact);
}

/** Organization ids pinned by a positive org condition (a literal id, or a path under one). */
function organizations(statement: PolicyStatement): string[] {
  const out = new Set<string>();
  for (const clause of conditionClauses(statement)) {
    const key = clause.key.toLowerCase();
    const op = parseOperator(clause.operator);
    if (op.ifExists || op.set === 'all') continue;
    if (!['stringequals', 'stringequalsignorecase', 'stringlike'].includes(op.base)) continue;
    for (const v of clause.values) {
      if (ORG_ID_KEYS.has(key) && /^o-[a-z0-9]+$/i.test(v)) out.add(v);
      if (ORG_PATH_KEYS.has(key) && likeValueRestricts(key, v)) out.add(v.split('/')[0] as string);
    }
  }
  return [...out];
}

function intersect(a: Accounts, b: Set<string>): Accounts {
  if (a === 'all') return new Set(b);
  return new Set([...a].filter((x) => b.has(x)));
}
