/**
 * Who may assume a role? Reads a role's trust policy (AssumeRolePolicyDocument, normalized by
 * parse.ts) and lists each principal it trusts as a `TrustEntry`: what kind of principal, which
 * statement, which accounts, and — when the trust is scoped — what scopes it. An entry whose
 * `scopedBy` is null is a finding. The checks in checks/iam/role-trust-*.ts pick entries by kind.
 *
 * Kinds, and what scopes each (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html):
 * - `any-principal`: `Principal: "*"`, `{"AWS": "*"}`, a wildcard AWS principal, or Allow +
 *   NotPrincipal. Scoped by a fixed caller condition: aws:PrincipalAccount, aws:PrincipalOrgID,
 *   aws:PrincipalOrgPaths, aws:PrincipalArn, aws:userid, aws:Source{Account,Arn,OrgID,OrgPaths},
 *   aws:SourceVpc(e), aws:SourceIp (not 0.0.0.0/0). `sts:ExternalId` alone does *not* scope it:
 *   the external id is an identifier shared with a third party to tell its customers apart, not a
 *   credential — it is in the vendor's configuration and in the CloudTrail record of every
 *   AssumeRole call (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html).
 *   With a wildcard principal anyone in any account who learns it assumes the role, so the entry
 *   stays a finding and lists `sts:ExternalId` as a weak control.
 * - `github-actions`: a GitHub OIDC provider (`…:oidc-provider/token.actions.githubusercontent.com`)
 *   without a `token.actions.githubusercontent.com:sub` condition pinning an owner
 *   (`repo:org/…`): every workflow of every repository on GitHub gets a token that matches
 *   (https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services,
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html).
 * - `cognito-identity`: `cognito-identity.amazonaws.com` without a fixed
 *   `cognito-identity.amazonaws.com:aud` (the identity pool id): any identity pool of any account
 *   can exchange its tokens for the role (https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html).
 * - `other-account`: principals of another account (its id, its root, a role or user in it), or a
 *   wildcard scoped to other accounts by aws:PrincipalAccount / aws:PrincipalArn. Scoped by a fixed
 *   `sts:ExternalId` (the confused-deputy control for third parties,
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html), by MFA, or by being
 *   in `trustedAccounts` (the seam for organization members). MFA counts only as
 *   `Bool aws:MultiFactorAuthPresent "true"` (or a `NumericLessThan[Equals] aws:MultiFactorAuthAge`
 *   bound, which needs the key): the key is absent for calls signed with long-term access keys,
 *   so `BoolIfExists … "true"` lets those callers in without MFA
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent).
 * - `own-account-root`: the account's own root or bare id: every principal of the account whose
 *   identity policies allow sts:AssumeRole on the role may assume it. Scoped by a fixed
 *   aws:PrincipalArn or aws:userid, or by MFA.
 * - `service`: an AWS service principal. Scoped by aws:SourceAccount / aws:SourceArn /
 *   aws:SourceOrgID / aws:SourceOrgPaths, or exempt when the service only assumes roles passed to
 *   it with iam:PassRole in the role's own account (see PASSROLE_ONLY_SERVICES).
 *
 * Only Allow statements that allow an assume action trust anyone. A Deny statement with a wildcard
 * principal and a single negated condition (`StringNotEquals aws:PrincipalOrgID …`) scopes every
 * Allow statement as if the positive condition were written in it. Keys and operators are
 * case-insensitive, like IAM's. Nothing here throws on odd input: unrecognised principals are
 * listed in `unrecognized` and judged by nothing.
 */
import type { PolicyDocument, PolicyStatement } from '../inventory/schema.js';
import { isAllWildcard } from './actions.js';
import {
  type ConditionClause,
  conditionClauses,
  operatorKind,
  servicePrincipals,
  wildcardPrincipals,
} from './principals.js';

export type TrustKind =
  | 'any-principal'
  | 'github-actions'
  | 'cognito-identity'
  | 'other-account'
  | 'own-account-root'
  | 'service';

export interface TrustEntry {
  kind: TrustKind;
  /** The statement's Sid, or null. */
  sid: string | null;
  /** The statement's position in the document (0-based). */
  statementIndex: number;
  /** As written: `AWS:*`, `arn:aws:iam::111122223333:root`, `lambda.amazonaws.com`, a provider ARN. */
  principals: string[];
  /** Account ids the entry trusts (other-account, own-account-root); empty otherwise. */
  accounts: string[];
  /** Every condition key of the statement (and of scoping Deny statements), as written. */
  conditionKeys: string[];
  /** What scopes the trust (a condition key, `trusted account`, `iam:PassRole`); null: a finding. */
  scopedBy: string | null;
  /** Conditions present that do not scope the trust (sts:ExternalId on a wildcard). */
  weakControls: string[];
}

export interface TrustOptions {
  /** The scanned account: its own root is `own-account-root`, not `other-account`. */
  accountId: string;
  /**
   * Accounts trusted like the account itself (e.g. members of its organization, once the
   * organization is collected): their principals are scoped by `trusted account`.
   */
  trustedAccounts?: ReadonlySet<string>;
}

export interface TrustAnalysis {
  entries: TrustEntry[];
  /** Principals the analysis did not recognise (kept for evidence, never judged). */
  unrecognized: string[];
}

/** The actions that assume a role. sts:TagSession and friends only decorate an assumption. */
const ASSUME_ACTIONS = ['sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity'];

/**
 * Services that assume a role only after someone with iam:PassRole *in the role's account* handed
 * it to them: a Lambda execution role is set by CreateFunction/UpdateFunctionConfiguration, an
 * instance profile by RunInstances/AssociateIamInstanceProfile, a task role by
 * RegisterTaskDefinition, and PassRole cannot be granted on another account's role
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html). Another
 * customer of the service cannot make it assume the role, so there is no cross-service confused
 * deputy to prevent (Prowler flags them anyway: prowler-cloud/prowler#2810, #7021).
 */
export const PASSROLE_ONLY_SERVICES: readonly string[] = [
  'lambda.amazonaws.com',
  'edgelambda.amazonaws.com',
  'ec2.amazonaws.com',
  'ecs-tasks.amazonaws.com',
];

const SERVICE_SCOPE_KEYS = ['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths'];
/** Keys that pin the caller of a wildcard principal (besides the account/ARN keys handled apart). */
const CALLER_SCOPE_KEYS = [
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:userid',
  'aws:sourcevpc',
  'aws:sourcevpce',
  ...SERVICE_SCOPE_KEYS,
];
const PRINCIPAL_ACCOUNT = 'aws:principalaccount';
const PRINCIPAL_ARN = 'aws:principalarn';
const USER_ID = 'aws:userid';
const EXTERNAL_ID = 'sts:externalid';
const MFA_PRESENT = 'aws:multifactorauthpresent';
const MFA_AGE = 'aws:multifactorauthage';
const GITHUB_ISSUER = 'token.actions.githubusercontent.com';
const COGNITO = 'cognito-identity.amazonaws.com';
const NEGATED: Record<string, string> = {
  stringnotequals: 'StringEquals',
  stringnotequalsignorecase: 'StringEqualsIgnoreCase',
  stringnotlike: 'StringLike',
  arnnotequals: 'ArnEquals',
  arnnotlike: 'ArnLike',
  notipaddress: 'IpAddress',
};

/** Every principal the trust policy lets assume the role, each with what scopes it (if anything). */
export function analyzeTrust(document: PolicyDocument, options: TrustOptions): TrustAnalysis {
  const entries: TrustEntry[] = [];
  const unrecognized: string[] = [];
  const denyScopes = denyScopeClauses(document.Statement);
  document.Statement.forEach((statement, index) => {
    if (statement.Effect !== 'Allow' || !allowsAssume(statement)) return;
    const clauses = [...conditionClauses(statement), ...denyScopes];
    const base = {
      sid: statement.Sid ?? null,
      statementIndex: index,
      conditionKeys: [...new Set(clauses.map((c) => c.key))],
    };
    for (const e of statementEntries(statement, clauses, options, unrecognized))
      entries.push({ ...base, ...e });
  });
  return { entries, unrecognized };
}

type EntryBody = Omit<TrustEntry, 'sid' | 'statementIndex' | 'conditionKeys'>;

function statementEntries(
  statement: PolicyStatement,
  clauses: ConditionClause[],
  options: TrustOptions,
  unrecognized: string[],
): EntryBody[] {
  const out: EntryBody[] = [];
  const wildcards = wildcardPrincipals(statement);
  if (statement.NotPrincipal) wildcards.push('NotPrincipal');
  if (wildcards.length > 0) out.push(...wildcardEntries(wildcards, clauses, options));

  const own: string[] = [];
  const other: AccountPrincipal[] = [];
  for (const [type, values] of Object.entries(statement.Principal ?? {})) {
    const t = type.toLowerCase();
    for (const value of values) {
      if (isAllWildcard(value) || (t === 'aws' && /[*?]/.test(value))) continue; // a wildcard, above
      if (t === 'aws') {
        const account = accountOfAwsPrincipal(value);
        if (account === null) {
          // A deleted principal shows as its unique id (AROA…, AIDA…): it matches no caller ever.
          if (!/^A[A-Z]{3}[A-Z0-9]{12,}$/.test(value)) unrecognized.push(`AWS:${value}`);
          continue;
        }
        if (account === options.accountId) {
          if (isAccountRoot(value)) own.push(value);
        } else {
          other.push({ principal: value, account });
        }
      } else if (t === 'federated') {
        const e = federatedEntry(value, clauses);
        if (e) out.push(e);
      } else if (t !== 'service' && t !== 'canonicaluser') {
        unrecognized.push(`${type}:${value}`);
      }
    }
  }
  if (own.length > 0) out.push(ownRootEntry(own, [options.accountId], clauses));
  if (other.length > 0) out.push(...otherAccountEntries(other, clauses, options));
  const services = servicePrincipals(statement);
  if (services.length > 0) out.push(...serviceEntries(services, clauses));
  return out;
}

/**
 * A wildcard principal: scoped by a caller condition. Scoped to named accounts (aws:PrincipalAccount,
 * or aws:PrincipalArn with literal accounts), it trusts those accounts, judged as if named.
 */
function wildcardEntries(
  wildcards: string[],
  clauses: ConditionClause[],
  options: TrustOptions,
): EntryBody[] {
  const any = (scopedBy: string | null, weakControls: string[] = []): EntryBody => ({
    kind: 'any-principal',
    principals: wildcards,
    accounts: [],
    scopedBy,
    weakControls,
  });
  const accounts = scopedAccounts(clauses);
  if (accounts) {
    const via = `${wildcards.join(', ')} (${accounts.key})`;
    const out = [any(accounts.key)];
    const own = accounts.ids.filter((a) => a === options.accountId);
    const other = accounts.ids.filter((a) => a !== options.accountId);
    if (own.length > 0 && keyIs(accounts, PRINCIPAL_ACCOUNT)) out.push(ownRootEntry([via], own, clauses));
    if (other.length > 0) {
      out.push(
        ...otherAccountEntries(
          other.map((account) => ({ principal: via, account })),
          clauses,
          options,
        ),
      );
    }
    return out;
  }
  const scoping = clauses.find(callerScopes);
  if (scoping) return [any(scoping.key)];
  return [any(null, clauses.some(fixedExternalId) ? ['sts:ExternalId'] : [])];
}

function ownRootEntry(principals: string[], accounts: string[], clauses: ConditionClause[]): EntryBody {
  const pin = clauses.find(
    (c) => (keyIs(c, PRINCIPAL_ARN) && pinsArn(c)) || (keyIs(c, USER_ID) && pinsUserId(c)) || requiresMfa(c),
  );
  return { kind: 'own-account-root', principals, accounts, scopedBy: pin?.key ?? null, weakControls: [] };
}

/** A principal of another account, as written, with that account. */
interface AccountPrincipal {
  principal: string;
  account: string;
}

/** Trusted (organization) accounts and the others become separate entries, each listing its accounts. */
function otherAccountEntries(
  named: AccountPrincipal[],
  clauses: ConditionClause[],
  options: TrustOptions,
): EntryBody[] {
  const control = clauses.find((c) => fixedExternalId(c) || requiresMfa(c));
  const isTrusted = (p: AccountPrincipal) => options.trustedAccounts?.has(p.account) === true;
  const out: EntryBody[] = [];
  for (const [group, scopedBy] of [
    [named.filter((p) => !isTrusted(p)), control?.key ?? null],
    [named.filter(isTrusted), 'trusted account'],
  ] as const) {
    if (group.length === 0) continue;
    out.push({
      kind: 'other-account',
      principals: unique(group.map((p) => p.principal)),
      accounts: unique(group.map((p) => p.account)),
      scopedBy,
      weakControls: [],
    });
  }
  return out;
}

/** Services that need iam:PassRole are exempt, the others need a source condition. */
function serviceEntries(services: string[], clauses: ConditionClause[]): EntryBody[] {
  const scope = clauses.find((c) => SERVICE_SCOPE_KEYS.includes(c.key.toLowerCase()) && fixedOrPinned(c));
  const gated = services.filter((s) => PASSROLE_ONLY_SERVICES.includes(s.toLowerCase()));
  const others = services.filter((s) => !PASSROLE_ONLY_SERVICES.includes(s.toLowerCase()));
  const out: EntryBody[] = [];
  if (others.length > 0)
    out.push({
      kind: 'service',
      principals: others,
      accounts: [],
      scopedBy: scope?.key ?? null,
      weakControls: [],
    });
  if (gated.length > 0) {
    out.push({
      kind: 'service',
      principals: gated,
      accounts: [],
      scopedBy: scope?.key ?? 'iam:PassRole',
      weakControls: [],
    });
  }
  return out;
}

/** GitHub Actions and Cognito identity pools; other providers (SAML, named OIDC) trust only their IdP. */
function federatedEntry(value: string, clauses: ConditionClause[]): EntryBody | null {
  const v = value.toLowerCase();
  if (v === COGNITO) {
    const aud = clauses.find((c) => keyIs(c, `${COGNITO}:aud`) && operatorKind(c.operator) === 'equals');
    const pinned = aud !== undefined && aud.values.length > 0 && !aud.values.some((x) => /[*?]/.test(x));
    return entry('cognito-identity', value, pinned ? aud.key : null);
  }
  const marker = ':oidc-provider/';
  const at = v.indexOf(marker);
  if (at < 0) return null;
  const issuer = v.slice(at + marker.length);
  // GitHub Enterprise Cloud's per-enterprise issuer (…githubusercontent.com/<enterprise>) already
  // admits only that enterprise's workflows.
  if (issuer !== GITHUB_ISSUER) return null;
  const sub = clauses.find((c) => keyIs(c, `${issuer}:sub`) && pinsGitHubSubject(c));
  return entry('github-actions', value, sub?.key ?? null);
}

const entry = (kind: TrustKind, principal: string, scopedBy: string | null): EntryBody => ({
  kind,
  principals: [principal],
  accounts: [],
  scopedBy,
  weakControls: [],
});

/**
 * Does a `…:sub` clause pin an owner? StringEquals with concrete values does; StringLike does when
 * each value names an owner before its first wildcard: `repo:org/…` (the default subject) or
 * `claim:value:…` (a customised subject such as `repository_owner_id:123:…`). `*`, `repo:*` and
 * `repo:org*` (which also matches `org-evil`) do not.
 */
function pinsGitHubSubject(c: ConditionClause): boolean {
  // Every GitHub token has exactly one `sub` (OIDC Core 1.0 §2 makes it REQUIRED), so the
  // set-operator prefixes and IfExists, which differ only for absent or multi-valued keys, compare
  // it like the plain operator. GitHub's own example once used ForAllValues:StringLike (github/docs#12137),
  // and CloudFox reported it as "ALL REPOS" until BishopFox/cloudfox#118.
  const plain = c.operator.replace(/^for(all|any)values:/i, '').replace(/ifexists$/i, '');
  const kind = operatorKind(plain);
  if (kind === 'none' || c.values.length === 0) return false;
  return c.values.every((value) => {
    const wildcard = value.search(/[*?]/);
    if (wildcard < 0) return value.length > 0;
    if (kind === 'equals') return !isAllWildcard(value); // StringEquals compares "*" literally
    const prefix = value.slice(0, wildcard);
    return /^repo:[^/:]+\//i.test(prefix) || /^[^:]+:[^:]+:/.test(prefix);
  });
}

/** A condition that ties the caller of a wildcard principal to an org, network, source or identity. */
function callerScopes(c: ConditionClause): boolean {
  const key = c.key.toLowerCase();
  if (key === 'aws:sourceip') return ipScopes(c);
  if (!CALLER_SCOPE_KEYS.includes(key)) return false;
  if (key === USER_ID) return pinsUserId(c);
  return fixedOrPinned(c);
}

/** The accounts an aws:PrincipalAccount or aws:PrincipalArn clause limits a wildcard to, if any. */
function scopedAccounts(clauses: ConditionClause[]): { key: string; ids: string[] } | null {
  for (const c of clauses) {
    if (keyIs(c, PRINCIPAL_ACCOUNT) && fixedOrPinned(c)) return { key: c.key, ids: unique(c.values) };
    if (keyIs(c, PRINCIPAL_ARN) && operatorKind(c.operator) !== 'none' && c.values.length > 0) {
      const ids = c.values.map(literalArnAccount);
      if (ids.every((a): a is string => a !== null)) return { key: c.key, ids: unique(ids) };
    }
  }
  return null;
}

function ipScopes(c: ConditionClause): boolean {
  const op = c.operator.toLowerCase();
  if (op !== 'ipaddress' || c.values.length === 0) return false;
  return c.values.every((v) => !/\/0$/.test(v.trim()));
}

/**
 * A fixed value; or under a Like/Arn operator, a value without wildcards, an ARN pattern with a
 * literal account and name prefix, or an organization path under a literal org id (`o-abc/…/*`).
 */
function fixedOrPinned(c: ConditionClause): boolean {
  const kind = operatorKind(c.operator);
  if (kind === 'none' || c.values.length === 0) return false;
  if (kind === 'equals') return c.values.every((v) => v.length > 0);
  const orgPaths = /orgpaths$/i.test(c.key);
  return c.values.every(
    (v) =>
      v.length > 0 && (!/[*?]/.test(v) || arnPinsOwner(v) || (orgPaths && /^o-[a-z0-9]+\/[^*?]/i.test(v))),
  );
}

/**
 * An ARN pattern that still names its owner: a literal account (`arn:aws:states:*:111122223333:*`),
 * or for account-less ARNs a whole name before the wildcard (`arn:aws:s3:::my-bucket/*`).
 */
function arnPinsOwner(value: string): boolean {
  if (literalArnAccount(value) !== null) return true;
  const parts = value.split(':');
  if (parts.length < 6 || parts[0]?.toLowerCase() !== 'arn' || parts[4] !== '') return false;
  return /^[^/:*?]+[/:]/.test(parts.slice(5).join(':'));
}

/** `arn:aws:iam::111122223333:role/deploy-*`: a literal account and a named resource prefix. */
function pinnedArnPattern(value: string): boolean {
  const account = literalArnAccount(value);
  if (account === null) return false;
  const resource = value.split(':').slice(5).join(':');
  const prefix = resource.slice(0, Math.max(0, resource.search(/[*?]/)));
  return /^[^/]+\/[^/*?]+/.test(prefix);
}

function pinsArn(c: ConditionClause): boolean {
  const kind = operatorKind(c.operator);
  if (kind === 'none' || c.values.length === 0) return false;
  return c.values.every((v) => (!/[*?]/.test(v) ? v.length > 0 : kind === 'like' && pinnedArnPattern(v)));
}

/** aws:userid is `AROA…:session` for a role session: a 21-character unique id prefix pins one principal. */
function pinsUserId(c: ConditionClause): boolean {
  const kind = operatorKind(c.operator);
  if (kind === 'none' || c.values.length === 0) return false;
  return c.values.every((v) => {
    const w = v.search(/[*?]/);
    return w < 0 ? v.length > 0 : kind === 'like' && w >= 21;
  });
}

function fixedExternalId(c: ConditionClause): boolean {
  return keyIs(c, EXTERNAL_ID) && fixedOrPinned(c) && c.values.every((v) => !/[*?]/.test(v));
}

/**
 * `Bool aws:MultiFactorAuthPresent "true"`, not BoolIfExists (absent for long-term keys), or an
 * upper bound on aws:MultiFactorAuthAge (present only when MFA was used).
 */
export function requiresMfa(c: ConditionClause): boolean {
  const op = c.operator.toLowerCase();
  if (keyIs(c, MFA_PRESENT)) {
    return op === 'bool' && c.values.length > 0 && c.values.every((v) => v.toLowerCase() === 'true');
  }
  if (keyIs(c, MFA_AGE)) {
    return (op === 'numericlessthan' || op === 'numericlessthanequals') && c.values.length > 0;
  }
  return false;
}

/**
 * Deny statements that scope every Allow: a wildcard principal, an assume action, and exactly one
 * negated clause on a scoping key. Returned as the positive clause the Deny enforces. A Deny with
 * more clauses denies only when all hold, so it scopes nothing on its own.
 */
function denyScopeClauses(statements: readonly PolicyStatement[]): ConditionClause[] {
  const out: ConditionClause[] = [];
  for (const s of statements) {
    if (s.Effect !== 'Deny' || !allowsAssumeActions(s) || wildcardPrincipals(s).length === 0) continue;
    const clauses = conditionClauses(s);
    const only = clauses[0];
    if (clauses.length !== 1 || !only) continue;
    const op = only.operator.toLowerCase().replace(/ifexists$/, '');
    const positive = NEGATED[op];
    if (positive) out.push({ operator: positive, key: only.key, values: only.values });
  }
  return out;
}

function allowsAssume(s: PolicyStatement): boolean {
  return s.Effect === 'Allow' && allowsAssumeActions(s);
}

function allowsAssumeActions(s: PolicyStatement): boolean {
  return ASSUME_ACTIONS.some((a) =>
    s.Action
      ? s.Action.some((p) => actionMatches(p, a))
      : s.NotAction
        ? !s.NotAction.some((p) => actionMatches(p, a))
        : false,
  );
}

/**
 * IAM wildcard match (`*` any run, `?` one character), case-insensitive, as a set of reachable
 * text positions per pattern character: O(pattern × text), whatever the pattern (no regex, so no
 * catastrophic backtracking on `*?*?*?…`).
 */
function actionMatches(pattern: string, action: string): boolean {
  const text = action.toLowerCase();
  let reachable: boolean[] = [true, ...new Array<boolean>(text.length).fill(false)];
  for (const ch of pattern.toLowerCase()) {
    const next = new Array<boolean>(text.length + 1).fill(false);
    if (ch === '*') {
      let seen = false;
      for (let i = 0; i <= text.length; i++) {
        seen ||= reachable[i] === true;
        next[i] = seen;
      }
    } else {
      for (let i = 0; i < text.length; i++) {
        if (reachable[i] && (ch === '?' || ch === text[i])) next[i + 1] = true;
      }
    }
    reachable = next;
  }
  return reachable[text.length] === true;
}

/**
 * The account of an AWS principal: a bare 12-digit id, or the account field of an IAM/STS ARN
 * (`arn:aws:iam::111122223333:root`, `…:role/x`, `arn:aws:sts::111122223333:assumed-role/x/y`).
 */
export function accountOfAwsPrincipal(value: string): string | null {
  if (/^\d{12}$/.test(value)) return value;
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return null;
  const service = parts[2];
  if (service !== 'iam' && service !== 'sts') return null;
  const account = parts[4] ?? '';
  return /^\d{12}$/.test(account) ? account : null;
}

function isAccountRoot(value: string): boolean {
  return /^\d{12}$/.test(value) || /^arn:[^:]+:iam::\d{12}:root$/.test(value);
}

function literalArnAccount(value: string): string | null {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0]?.toLowerCase() !== 'arn') return null;
  const account = parts[4] ?? '';
  return /^\d{12}$/.test(account) ? account : null;
}

const keyIs = (c: { key: string }, key: string) => c.key.toLowerCase() === key;
const unique = (xs: string[]) => [...new Set(xs)];
