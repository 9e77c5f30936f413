/** Builders for the role-trust check tests (checks/iam/role-trust-*.test.ts). */
import type { IamRole, Inventory } from '../../src/inventory/schema.js';
import {
  ACCOUNT,
  authorization,
  awsError,
  failed,
  iamData,
  iamRole,
  inventory,
  parsedDoc,
} from './inventory.js';

export const OTHER = '210987654321';
export const GITHUB_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;

type Statement = Parameters<typeof parsedDoc>[number];

/** A role whose trust policy holds `statements`. */
export const roleTrusting = (name: string, ...statements: Statement[]): IamRole =>
  iamRole({ name, trustPolicy: parsedDoc(...statements) });

export const assume = (
  Principal: Record<string, string[]>,
  Condition?: Record<string, Record<string, string[]>>,
  action = 'sts:AssumeRole',
): Statement => ({ Effect: 'Allow', Principal, Action: [action], ...(Condition ? { Condition } : {}) });

export const withRoles = (...roles: IamRole[]): Inventory =>
  inventory({ iam: { status: 'ok', data: iamData({ authorization: authorization({ roles }) }) } });

export const authorizationDenied = (): Inventory =>
  inventory({
    iam: {
      status: 'ok',
      data: iamData({
        authorization: failed(awsError('GetAccountAuthorizationDetails', 'access-denied', 'iam', undefined)),
      }),
    },
  });

/** A role whose trust policy IAM returned but could not be parsed, and one without any. */
export const unreadableTrusts = (): IamRole[] => [
  iamRole({ name: 'garbled', trustPolicy: { parsed: false, reason: 'the policy is not valid JSON' } }),
  iamRole({ name: 'missing', trustPolicy: null }),
];
