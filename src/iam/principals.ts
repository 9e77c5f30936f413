/**
 * Every IAM user and role of the account as the evaluator sees it: its policies compiled (a
 * user's include its groups'), its boundary, what could not be read, and the facts about its
 * credentials that make a grant worse (a console password without MFA, an access key older than
 * 90 days) and that decide `aws:MultiFactorAuthPresent` on each credential path.
 */
import { ageInDays } from '../engine/dates.js';
import type {
  CredentialReport,
  CredentialReportRow,
  IamRole,
  IamUser,
  ServiceControlPolicies,
} from '../inventory/schema.js';
import type { IamIndex } from '../view/iam-index.js';
import type { MfaState, PrincipalFacts } from './context.js';
import type { PrincipalPolicies } from './evaluate.js';
import { type CompiledStatement, compilePolicy, type PolicySource } from './statements.js';

/** An access key older than this (since its last rotation) is stale (CIS 2.13 / IAM.3). */
export const STALE_KEY_DAYS = 90;

export interface Credentials {
  consolePassword: boolean;
  mfaActive: boolean;
  /** Active access keys and their age in days at scan time (null: undated). */
  activeKeys: { ageDays: number | null }[];
}

export interface PrincipalModel extends PrincipalPolicies {
  readonly groups: readonly string[];
  /** Users: from the credential report; null for roles, or when the report is unavailable. */
  readonly credentials: Credentials | null;
  /** The credential paths to evaluate, each with its MFA state (see credentialPaths). */
  readonly paths: readonly MfaState[];
  /** The inventory entity the model was built from (one of the two is set). */
  readonly role?: IamRole;
  readonly user?: IamUser;
}

/** Builds the model of every user and role in the index. */
export function principalModels(
  iam: IamIndex,
  report: CredentialReport | null,
  accountId: string,
  scanAt: Date,
  scps?: ServiceControlPolicies | null,
): PrincipalModel[] {
  return [...eachPrincipalModel(iam, report, accountId, scanAt, scps)];
}

/**
 * The models of principalModels, one at a time and in its order (users, then roles): the scan's
 * head start (head-start.ts) builds them between network events, a slice at a time.
 */
export function* eachPrincipalModel(
  iam: IamIndex,
  report: CredentialReport | null,
  accountId: string,
  scanAt: Date,
  scps?: ServiceControlPolicies | null,
): Generator<PrincipalModel> {
  const rows = new Map<string, CredentialReportRow>();
  for (const row of report?.rows ?? []) if (!row.isRoot) rows.set(row.user, row);
  const guardrails = guardrailsOf(scps ?? null);
  for (const u of iam.users) {
    yield withGuardrails(
      userModel(iam, u, rows.get(u.name) ?? null, accountId, scanAt, report !== null),
      guardrails,
    );
  }
  for (const r of iam.roles) {
    // SCPs do not restrict service-linked roles (their path is /aws-service-role/).
    yield r.path.startsWith('/aws-service-role/')
      ? roleModel(iam, r, accountId)
      : withGuardrails(roleModel(iam, r, accountId), guardrails);
  }
}

/**
 * The organization's SCPs as the evaluator's guardrails: one statement list per level (root, each
 * OU, the account), every one of which must allow. None where they do not apply (the management
 * account, SCPs not enabled) or were not read — then answers can only over-state access.
 */
export function guardrailsOf(scps: ServiceControlPolicies | null): CompiledStatement[][] | null {
  if (scps === null || !scps.applies) return null;
  return scps.levels.map((level) =>
    level.policies.flatMap((p) =>
      p.policy.parsed
        ? compilePolicy(p.policy.document, {
            kind: 'guardrail',
            name: `SCP ${p.name} (${level.name})`,
            arn: null,
          })
        : [],
    ),
  );
}

function withGuardrails(model: PrincipalModel, guardrails: CompiledStatement[][] | null): PrincipalModel {
  return guardrails === null ? model : { ...model, guardrails };
}

function userModel(
  iam: IamIndex,
  user: IamUser,
  row: CredentialReportRow | null,
  accountId: string,
  scanAt: Date,
  reportRead: boolean,
): PrincipalModel {
  const identity: CompiledStatement[] = [];
  const unreadable: string[] = [];
  collect(iam, user, {}, identity, unreadable);
  for (const name of user.groups) {
    const group = iam.group(name);
    if (!group) {
      unreadable.push(`group ${name} is not in the authorization details`);
      continue;
    }
    collect(iam, group, { group: name }, identity, unreadable);
  }
  const credentials = row ? credentialsOf(row, scanAt) : null;
  return {
    principal: facts('user', user, accountId),
    identity,
    boundary: boundaryOf(iam, user.permissionsBoundaryArn, unreadable),
    unreadable,
    groups: user.groups,
    credentials,
    paths: credentialPaths(credentials, reportRead),
    user,
  };
}

function roleModel(iam: IamIndex, role: IamRole, accountId: string): PrincipalModel {
  const identity: CompiledStatement[] = [];
  const unreadable: string[] = [];
  collect(iam, role, {}, identity, unreadable);
  return {
    principal: facts('role', role, accountId),
    identity,
    boundary: boundaryOf(iam, role.permissionsBoundaryArn, unreadable),
    unreadable,
    groups: [],
    credentials: null,
    // Whoever assumes the role decides MFA: a clause on it stays undecided.
    paths: ['unknown'],
    role,
  };
}

function facts(kind: 'user' | 'role', e: IamUser | IamRole, accountId: string): PrincipalFacts {
  const account = e.arn.split(':')[4];
  return {
    kind,
    name: e.name,
    arn: e.arn,
    id: e.id,
    accountId: account && /^\d{12}$/.test(account) ? account : accountId,
  };
}

function collect(
  iam: IamIndex,
  entity: Parameters<IamIndex['policiesOf']>[0],
  extra: Partial<PolicySource>,
  into: CompiledStatement[],
  unreadable: string[],
): void {
  for (const p of iam.policiesOf(entity)) {
    if (!p.document.ok) {
      unreadable.push(p.document.reason);
      continue;
    }
    into.push(...compilePolicy(p.document.value, { kind: 'identity', name: p.name, arn: p.arn, ...extra }));
  }
}

function boundaryOf(iam: IamIndex, arn: string | null, unreadable: string[]): CompiledStatement[] | null {
  if (arn === null) return null;
  const doc = iam.document(arn);
  if (!doc.ok) {
    unreadable.push(`the permissions boundary: ${doc.reason}`);
    return [];
  }
  const name = iam.managedPolicy(arn)?.name ?? arn.split('/').pop() ?? arn;
  return compilePolicy(doc.value, { kind: 'boundary', name, arn });
}

function credentialsOf(row: CredentialReportRow, scanAt: Date): Credentials {
  return {
    consolePassword: row.passwordEnabled === true,
    mfaActive: row.mfaActive,
    activeKeys: row.accessKeys
      .filter((k) => k.active)
      .map((k) => ({ ageDays: ageInDays(k.lastRotated, scanAt) })),
  };
}

/**
 * How a user can make requests, as MFA states: a console session (MFA true if the user has a
 * device, false if not), and long-term access keys (the MFA key absent; or true through an
 * MFA-authenticated GetSessionToken when the user has a device). A user with no credentials
 * today, or one the report does not cover, is evaluated on every path: whoever can give it a
 * password or a key (a separate escalation) gets what it is granted.
 */
export function credentialPaths(c: Credentials | null, reportRead: boolean): MfaState[] {
  if (!c || !reportRead) return ['unknown'];
  const paths = new Set<MfaState>();
  if (c.consolePassword) paths.add(c.mfaActive ? 'true' : 'false');
  if (c.activeKeys.length > 0) {
    paths.add('absent');
    if (c.mfaActive) paths.add('true');
  }
  if (paths.size === 0) return ['true', 'absent'];
  return [...paths];
}

/** A console password without MFA. */
export function consoleWithoutMfa(m: PrincipalModel): boolean {
  return m.credentials?.consolePassword === true && !m.credentials.mfaActive;
}

/** An active access key not rotated for more than STALE_KEY_DAYS. */
export function hasStaleKey(m: PrincipalModel): boolean {
  return m.credentials?.activeKeys.some((k) => k.ageDays !== null && k.ageDays > STALE_KEY_DAYS) ?? false;
}
