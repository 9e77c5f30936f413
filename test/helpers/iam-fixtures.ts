/**
 * IAM fixtures for the checks that stand on the evaluator: an inventory from users, groups,
 * roles, managed policies, credential-report rows and functions, plus the AWS-managed policies
 * the cases keep reaching for.
 */
import type {
  CredentialReportRow,
  IamGroup,
  IamRole,
  IamUser,
  Inventory,
  LambdaFunction,
  ManagedPolicy,
  PolicyStatement,
} from '../../src/inventory/schema.js';
import type { CheckCase } from './check-tester.js';
import {
  awsError,
  credRow,
  doc,
  failed,
  iamData,
  iamUser,
  inventory,
  key,
  managedPolicy,
  ok,
  parsedDoc,
  reportAt,
  SCAN_TIME,
} from './inventory.js';

export const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
export const ADMIN_POLICY: ManagedPolicy = managedPolicy({
  arn: ADMIN_ARN,
  document: doc({ Effect: 'Allow', Action: ['*'], Resource: ['*'] }),
});

export const S3_ONLY_ARN = 'arn:aws:iam::123456789012:policy/s3-only-boundary';
export const S3_ONLY_BOUNDARY: ManagedPolicy = managedPolicy({
  arn: S3_ONLY_ARN,
  document: doc({ Effect: 'Allow', Action: ['s3:*'], Resource: ['*'] }),
});

export const inline = (name: string, ...statements: PolicyStatement[]) => ({
  name,
  policy: parsedDoc(...statements),
});
export const attach = (p: ManagedPolicy) => ({ name: p.name, arn: p.arn });

export interface IamFixture {
  users?: IamUser[];
  groups?: IamGroup[];
  roles?: IamRole[];
  policies?: ManagedPolicy[];
  /** Credential-report rows (the root row is added). */
  rows?: CredentialReportRow[];
  functions?: LambdaFunction[];
}

export function iamInventory(f: IamFixture): Inventory {
  const rows = [credRow({ user: '<root_account>', mfaActive: true }), ...(f.rows ?? [])];
  return inventory({
    ...(f.functions ? { functions: f.functions } : {}),
    iam: {
      status: 'ok',
      data: iamData({
        authorization: ok({
          users: f.users ?? [],
          groups: f.groups ?? [],
          roles: f.roles ?? [],
          policies: f.policies ?? [],
        }),
        credentialReport: ok({ generatedAt: SCAN_TIME, rows }),
      }),
    },
  });
}

/** A credential-report row: a console user with or without MFA, with keys of the given ages. */
export function userRow(
  user: string,
  o: { console?: boolean; mfa?: boolean; keyAges?: number[] } = {},
): CredentialReportRow {
  const ages = o.keyAges ?? [];
  const k = (i: number) =>
    ages[i] === undefined
      ? key()
      : key({ active: true, lastRotated: reportAt(ages[i] as number), lastUsed: reportAt(1) });
  return credRow({
    user,
    passwordEnabled: o.console ?? false,
    mfaActive: o.mfa ?? false,
    ...(o.console ? { passwordLastUsed: reportAt(2), passwordLastChanged: reportAt(30) } : {}),
    accessKeys: [k(0), k(1)],
  });
}

/** The unknown case of the principal checks: a user whose attached policy could not be read. */
export function unreadablePolicyCase(extra: Partial<IamFixture> = {}): CheckCase {
  const arn = 'arn:aws:iam::123456789012:policy/ops';
  return {
    kind: 'unknown',
    name: 'a principal whose attached policy could not be read',
    inventory: iamInventory({
      ...extra,
      users: [iamUser({ name: 'ops', attachedPolicies: [{ name: 'ops', arn }] })],
      policies: [
        managedPolicy({
          arn,
          document: failed(awsError('GetPolicyVersion', 'access-denied', 'iam', undefined)),
        }),
      ],
    }),
    expect: [{ resource: 'ops', status: 'unknown', message: 'could not be read' }],
  };
}

/** The not-applicable case of the principal checks: an account without users or roles. */
export function noPrincipalsCase(extra: Partial<IamFixture> = {}): CheckCase {
  return {
    kind: 'not-applicable',
    name: 'an account without users or roles',
    inventory: iamInventory(extra),
    expect: [{ resource: 'account 123456789012', status: 'not_applicable' }],
  };
}
