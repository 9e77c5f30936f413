/**
 * Does an identity policy grant administrator-equivalent access? Three statement shapes count,
 * each on every resource (`Resource: "*"` or any `NotResource`):
 *
 * - `full-admin`: an `Action` pattern matching every action (`*`, `*:*`);
 * - `iam-full`: an `Action` pattern matching every IAM action (`iam:*`): whoever holds it can
 *   attach any policy to itself, so it is admin one API call away;
 * - `not-action`: `Allow` with `NotAction`, which grants every action of every service except
 *   the listed ones (e.g. the PowerUserAccess shape), unless `NotAction` itself is `*`.
 *
 * Narrower escalation paths (`iam:PassRole` with `lambda:CreateFunction`, `iam:PutRolePolicy`
 * alone, …) are not admin by this definition and are left to dedicated checks. Conditions are
 * reported but do not clear a statement: a condition such as `aws:RequestedRegion` leaves the
 * grant administrative.
 */
import type { PolicyDocument, PolicyStatement } from '../inventory/schema.js';
import { appliesToAllResources, coversEveryAction, coversService } from './actions.js';

export type AdminKind = 'full-admin' | 'iam-full' | 'not-action';

export interface AdminGrant {
  kind: AdminKind;
  /** Index of the statement in the document. */
  statement: number;
  sid: string | null;
  /** The patterns that made it admin (`Action` patterns, or the `NotAction` exclusions). */
  patterns: string[];
  /** Condition keys on the statement (the grant stands, but a reader should know). */
  conditionKeys: string[];
}

/** Every administrator-equivalent grant in the document, in statement order. */
export function adminGrants(document: PolicyDocument): AdminGrant[] {
  const out: AdminGrant[] = [];
  document.Statement.forEach((statement, index) => {
    const grant = statementAdminGrant(statement, index);
    if (grant) out.push(grant);
  });
  return out;
}

export function statementAdminGrant(statement: PolicyStatement, index = 0): AdminGrant | null {
  if (statement.Effect !== 'Allow' || !appliesToAllResources(statement)) return null;
  const base = {
    statement: index,
    sid: statement.Sid ?? null,
    conditionKeys: Object.values(statement.Condition ?? {}).flatMap((block) => Object.keys(block)),
  };
  if (statement.Action) {
    const all = statement.Action.filter(coversEveryAction);
    if (all.length > 0) return { kind: 'full-admin', patterns: all, ...base };
    const iam = statement.Action.filter((p) => coversService(p, 'iam'));
    if (iam.length > 0) return { kind: 'iam-full', patterns: iam, ...base };
    return null;
  }
  if (statement.NotAction) {
    if (statement.NotAction.some(coversEveryAction)) return null;
    return { kind: 'not-action', patterns: [...statement.NotAction], ...base };
  }
  return null;
}

/** `arn:<partition>:iam::aws:policy/AdministratorAccess`, in any partition. */
export function isAdministratorAccessArn(arn: string): boolean {
  return isAwsManagedPolicyArn(arn, 'AdministratorAccess');
}

/**
 * The AWS-managed policy of this name, in any partition (`arn:<partition>:iam::aws:policy/<Name>`),
 * never a customer policy that copies its name.
 */
export function isAwsManagedPolicyArn(arn: string, name: string): boolean {
  const m = /^arn:[^:]+:iam::aws:policy\/([^/]+)$/.exec(arn);
  return m?.[1] === name;
}

/** A one-line, human description of a grant. */
export function describeAdminGrant(grant: AdminGrant): string {
  const where = grant.sid ? `statement "${grant.sid}"` : `statement ${grant.statement + 1}`;
  switch (grant.kind) {
    case 'full-admin':
      return `${where} allows ${grant.patterns.join(', ')} on all resources`;
    case 'iam-full':
      return `${where} allows ${grant.patterns.join(', ')} on all resources (enough to grant itself anything)`;
    case 'not-action':
      return `${where} allows every action except ${grant.patterns.join(', ')} on all resources`;
  }
}
