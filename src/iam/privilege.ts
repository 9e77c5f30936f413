/**
 * How much a principal can do, summarised so two principals can be compared cheaply: whether it
 * is administrator-equivalent, and which of a fixed set of high-value actions it may perform on
 * every resource. "Target T is more privileged than P" (what makes an escalation path worth
 * taking) means: T is administrator-equivalent and P is not, or T is allowed a high-value action
 * that P is denied. Comparing on every resource keeps it exact for what it says, and cheap:
 * grants limited to named resources do not make a role "more privileged" here (documented limit).
 *
 * Administrator-equivalent, by effective permission (after denies and the boundary), not by the
 * name AdministratorAccess:
 * - `full`: every probe action of every kind, and every IAM action in the catalogue, allowed on
 *   every resource;
 * - `iam-full`: every IAM action in the catalogue allowed on every resource: whoever holds it can
 *   attach any policy to itself.
 * Conditional grants do not make a principal administrator-equivalent; they are reported as
 * `conditional` beside the result.
 */
import type { IamCatalogue } from '../data/iam-actions.js';
import { coversService } from '../policy/actions.js';
import { ask } from './ask.js';
import type { Decision } from './evaluate.js';
import type { PrincipalModel } from './principals.js';
import type { StatementRef } from './statements.js';

/** High-value actions across services; the set a target's privilege is compared on. */
export const HIGH_VALUE_ACTIONS: readonly string[] = [
  'iam:AttachRolePolicy',
  'iam:PutRolePolicy',
  'iam:AttachUserPolicy',
  'iam:PutUserPolicy',
  'iam:CreatePolicyVersion',
  'iam:CreateAccessKey',
  'iam:PassRole',
  'iam:UpdateAssumeRolePolicy',
  'sts:AssumeRole',
  'lambda:UpdateFunctionCode',
  'lambda:CreateFunction',
  'ec2:RunInstances',
  's3:GetObject',
  's3:PutObject',
  's3:PutBucketPolicy',
  'dynamodb:Scan',
  'secretsmanager:GetSecretValue',
  'ssm:GetParameter',
  'kms:Decrypt',
  'rds:ModifyDBInstance',
  'cloudtrail:StopLogging',
  'guardduty:DeleteDetector',
  'organizations:LeaveOrganization',
];

export type AdminKind = 'full' | 'iam-full';

export interface Privilege {
  /** Bit i set: HIGH_VALUE_ACTIONS[i] allowed on every resource. */
  readonly allowed: readonly boolean[];
  /** Bit i set: allowed or conditional (not denied). */
  readonly reachable: readonly boolean[];
  readonly admin: AdminKind | null;
  /** Administrator-equivalent if undecided conditions hold. */
  readonly conditionalAdmin: boolean;
  /** The statements granting the IAM actions, for the evidence of an administrator finding. */
  readonly adminStatements: readonly StatementRef[];
  readonly unknown: boolean;
}

export function privilegeOf(model: PrincipalModel, catalogue: IamCatalogue, accountId: string): Privilege {
  if (model.unreadable.length > 0) {
    const none = HIGH_VALUE_ACTIONS.map(() => false);
    return {
      allowed: none,
      reachable: none,
      admin: null,
      conditionalAdmin: false,
      adminStatements: [],
      unknown: true,
    };
  }
  // Asked in us-east-1: where IAM, STS and Organizations requests are made; a region condition
  // on a regional service's grant is judged as if the request went there (documented limit).
  const decide = (action: string): Decision =>
    ask(model, { action, resource: '*', region: 'us-east-1', resourceAccount: accountId }, catalogue)
      .decision;
  const decisions = HIGH_VALUE_ACTIONS.map(decide);
  const allowed = decisions.map((d) => d === 'allowed');
  const reachable = decisions.map((d) => d === 'allowed' || d === 'conditional');

  let admin: AdminKind | null = null;
  let conditionalAdmin = false;
  let adminStatements: StatementRef[] = [];
  // Only a statement covering every IAM action (iam:*, *, NotAction without iam) can make it admin.
  if (mayCoverIam(model)) {
    let all = true;
    let maybe = true;
    const refs = new Map<string, StatementRef>();
    for (const a of catalogue.actionsOf('iam')) {
      const answer = ask(
        model,
        { action: a.id, resource: '*', region: 'us-east-1', resourceAccount: accountId },
        catalogue,
      );
      if (answer.decision !== 'allowed') all = false;
      if (answer.decision === 'denied' || answer.decision === 'unknown') {
        maybe = false;
        break;
      }
      for (const r of answer.statements)
        if (r.effect === 'Allow') refs.set(`${r.policy}\u0000${r.statement}`, r);
    }
    if (all) admin = allowed.every(Boolean) ? 'full' : 'iam-full';
    else conditionalAdmin = maybe;
    if (all || maybe) adminStatements = [...refs.values()];
  }
  return { allowed, reachable, admin, conditionalAdmin, adminStatements, unknown: false };
}

/** Is target allowed something `than` is not, or administrator-equivalent where `than` is not? */
export function morePrivileged(target: Privilege, than: Privilege): boolean {
  if (target.unknown || than.unknown) return false;
  if (than.admin !== null) return false;
  if (target.admin !== null) return true;
  return target.allowed.some((has, i) => has && !than.reachable[i]);
}

/** The high-value actions target is allowed and `than` is not. */
export function privilegeGap(target: Privilege, than: Privilege): string[] {
  return HIGH_VALUE_ACTIONS.filter((_, i) => target.allowed[i] && !than.reachable[i]);
}

function mayCoverIam(model: PrincipalModel): boolean {
  return model.identity.some(
    (s) =>
      s.effect === 'Allow' &&
      ((s.statement.Action?.some((p) => coversService(p, 'iam')) ?? false) ||
        (s.statement.NotAction !== undefined && !s.statement.NotAction.some((p) => coversService(p, 'iam')))),
  );
}
