import { defineCheck, describeError, fail, pass, unknown } from '../../src/engine/check.js';
import { eachFunction } from '../../src/engine/scope.js';
import type {
  AuthorizationDetails,
  AwsErrorInfo,
  IamRole,
  Inventory,
  ManagedPolicy,
  ParsedPolicy,
  PolicyDocument,
} from '../../src/inventory/schema.js';
import {
  type AdminGrant,
  adminGrants,
  describeAdminGrant,
  isAdministratorAccessArn,
} from '../../src/policy/admin.js';
import { parseRoleArn, roleKey, roleName } from '../../src/policy/arn.js';

interface PolicyGrant {
  policy: string;
  /** null for an inline policy. */
  policyArn: string | null;
  grant: AdminGrant | null;
  /** Set when the grant was decided from the policy ARN alone (AdministratorAccess). */
  byArn: boolean;
}

type IamAuth = { ok: true; auth: AuthorizationDetails } | { ok: false; why: string; error?: AwsErrorInfo };

export default defineCheck({
  id: 'lambda.admin-execution-role',
  title: 'Function execution role has administrator access',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'critical',
  practice: 'BP7',
  threats: ['T4'],
  rationale:
    'Whoever exploits a bug in the function, or a dependency it loads, acts with its execution role. A role ' +
    'granting "*" on "*", iam:* on "*" (it can attach any policy to itself), or Allow+NotAction on "*" turns one ' +
    'code flaw into an account takeover. A permissions boundary that does not itself allow admin caps the ' +
    'effective rights, so it clears the finding; narrower escalation paths such as iam:PassRole are left to other checks.',
  remediation: {
    text: 'Give each function a role scoped to the actions and resources it uses (start from IAM Access Analyzer policy generation or the function’s CloudTrail activity), detach AdministratorAccess and wildcard policies, or at least attach a restrictive permissions boundary.',
    cli: 'aws iam detach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/AdministratorAccess',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': ['1.16'] },
  evaluate: (inventory, ctx) => {
    const iam = iamAuthorization(inventory);
    return eachFunction(inventory, ctx, (fn, ref) => {
      const name = roleName(fn.roleArn);
      if (!iam.ok) return unknown(ref, `execution role ${name} could not be analysed: ${iam.why}`, iam.error);
      const auth = iam.auth;
      const parts = parseRoleArn(fn.roleArn);
      if (parts && parts.account !== ctx.accountId) {
        return unknown(
          ref,
          `execution role ${name} belongs to account ${parts.account}, outside this scan`,
          undefined,
          {
            roleArn: fn.roleArn,
          },
        );
      }
      const role = indexOf(auth).roles.get(roleKey(fn.roleArn));
      if (!role) {
        return unknown(
          ref,
          `execution role ${name} was not found in the IAM authorization details`,
          undefined,
          {
            roleArn: fn.roleArn,
          },
        );
      }

      const grants: PolicyGrant[] = [];
      const unreadable: string[] = [];
      for (const attached of role.attachedPolicies) {
        if (isAdministratorAccessArn(attached.arn)) {
          grants.push({ policy: attached.name, policyArn: attached.arn, grant: null, byArn: true });
          continue;
        }
        const read = readManaged(auth, attached.arn);
        if (typeof read === 'string') unreadable.push(`${attached.name} (${read})`);
        else
          for (const g of grantsOf(read))
            grants.push({ policy: attached.name, policyArn: attached.arn, grant: g, byArn: false });
      }
      for (const inline of role.inlinePolicies) {
        const doc = documentOf(inline.policy);
        if (typeof doc === 'string') unreadable.push(`inline ${inline.name} (${doc})`);
        else
          for (const g of grantsOf(doc))
            grants.push({ policy: inline.name, policyArn: null, grant: g, byArn: false });
      }

      const policyCount = role.attachedPolicies.length + role.inlinePolicies.length;
      const first = grants[0];
      if (!first) {
        if (unreadable.length > 0) {
          return unknown(
            ref,
            `execution role ${role.name}: ${unreadable.length} policy document(s) could not be read: ${unreadable.join(', ')}`,
            undefined,
            {
              roleArn: role.arn,
              unreadable,
            },
          );
        }
        return pass(
          ref,
          `execution role ${role.name}: none of its ${policyCount} policy(ies) grants administrator access`,
          {
            roleArn: role.arn,
            policyCount,
          },
        );
      }

      const evidence = {
        roleArn: role.arn,
        grants: grants.map((g) => ({
          policy: g.policy,
          policyArn: g.policyArn,
          inline: g.policyArn === null,
          kind: g.grant?.kind ?? 'full-admin',
          sid: g.grant?.sid ?? null,
          patterns: g.grant?.patterns ?? ['*'],
          conditionKeys: g.grant?.conditionKeys ?? [],
        })),
        permissionsBoundaryArn: role.permissionsBoundaryArn,
        unreadable,
      };
      const summary = `${describeGrant(first)}${grants.length > 1 ? ` (and ${grants.length - 1} more admin grant(s))` : ''}`;

      const boundaryArn = role.permissionsBoundaryArn;
      if (boundaryArn === null)
        return fail(ref, `execution role ${role.name} has administrator access: ${summary}`, evidence);
      if (isAdministratorAccessArn(boundaryArn)) {
        return fail(
          ref,
          `execution role ${role.name} has administrator access: ${summary}; its boundary AdministratorAccess does not limit it`,
          evidence,
        );
      }
      const boundary = readManaged(auth, boundaryArn);
      if (typeof boundary === 'string') {
        return unknown(
          ref,
          `execution role ${role.name} is granted administrator access (${summary}), but its permissions boundary ${boundaryArn} could not be read (${boundary})`,
          undefined,
          evidence,
        );
      }
      const boundaryGrants = grantsOf(boundary);
      if (boundaryGrants.length > 0) {
        return fail(
          ref,
          `execution role ${role.name} has administrator access: ${summary}; its permissions boundary allows it too`,
          {
            ...evidence,
            boundaryGrants,
          },
        );
      }
      return pass(
        ref,
        `execution role ${role.name}: ${summary}, but the permissions boundary ${boundaryArn} grants no administrator access, so the effective permissions are limited`,
        { ...evidence, limitedByBoundary: true },
      );
    });
  },
});

function iamAuthorization(inventory: Inventory): IamAuth {
  const slice = inventory.iam;
  if (slice.status === 'error')
    return { ok: false, why: `IAM could not be read: ${describeError(slice.error)}`, error: slice.error };
  if (slice.status === 'skipped') return { ok: false, why: `IAM was skipped: ${slice.reason}` };
  const read = slice.data.authorization;
  if (!read.ok)
    return {
      ok: false,
      why: `IAM authorization details could not be read: ${describeError(read.error)}`,
      error: read.error,
    };
  return { ok: true, auth: read.value };
}

/*
 * Thousands of functions share a few hundred roles and policies: look them up by key and analyse
 * each policy document once. The caches are keyed by the inventory's own objects, so they hold no
 * state between inventories and cannot change a result.
 */
const indexes = new WeakMap<
  AuthorizationDetails,
  { roles: Map<string, IamRole>; policies: Map<string, ManagedPolicy> }
>();
function indexOf(auth: AuthorizationDetails) {
  let index = indexes.get(auth);
  if (!index) {
    index = {
      roles: new Map(auth.roles.map((r) => [roleKey(r.arn), r])),
      policies: new Map(auth.policies.map((p) => [p.arn, p])),
    };
    indexes.set(auth, index);
  }
  return index;
}

const analysed = new WeakMap<PolicyDocument, AdminGrant[]>();
function grantsOf(doc: PolicyDocument): AdminGrant[] {
  let grants = analysed.get(doc);
  if (!grants) {
    grants = adminGrants(doc);
    analysed.set(doc, grants);
  }
  return grants;
}

/** The managed policy's document, or why it cannot be had. */
function readManaged(auth: AuthorizationDetails, arn: string) {
  const policy = indexOf(auth).policies.get(arn);
  if (!policy) return 'not in the authorization details';
  if (!policy.document.ok) return describeError(policy.document.error);
  return documentOf(policy.document.value);
}

function documentOf(policy: ParsedPolicy) {
  return policy.parsed ? policy.document : `unparsable: ${policy.reason}`;
}

function describeGrant(g: PolicyGrant): string {
  const name = g.policyArn === null ? `inline policy "${g.policy}"` : `policy "${g.policy}"`;
  if (g.byArn || !g.grant) return `${name} (AWS managed AdministratorAccess)`;
  return `${name} ${describeAdminGrant(g.grant)}`;
}
