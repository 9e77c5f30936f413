/**
 * Typed inventory builders for tests: a valid, minimal inventory with one region, and builders for
 * each domain object with safe defaults. Tests override only what the case is about.
 */

import { READ_IDS } from '../../src/inventory/reads.js';
import type {
  AuthorizationDetails,
  AwsErrorInfo,
  CredentialReportKey,
  CredentialReportRow,
  GuardDutyDetector,
  IamData,
  IamGroup,
  IamRole,
  IamUser,
  Inventory,
  LambdaFunction,
  LambdaRegion,
  ManagedPolicy,
  PasswordPolicy,
  PolicyDocument,
  RegionInventory,
} from '../../src/inventory/schema.js';
import { INVENTORY_SCHEMA_VERSION } from '../../src/inventory/schema.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const SCAN_TIME = '2026-11-01T12:00:00.000Z';

export const ok = <T>(value: T) => ({ ok: true as const, value });
export const failed = (error: AwsErrorInfo) => ({ ok: false as const, error });

export function awsError(
  operation: string,
  cls: AwsErrorInfo['class'] = 'access-denied',
  service = 'lambda',
  region: string | undefined = REGION,
): AwsErrorInfo {
  const code =
    cls === 'access-denied'
      ? 'AccessDeniedException'
      : cls === 'throttled'
        ? 'TooManyRequestsException'
        : 'ServiceException';
  const e: AwsErrorInfo = { class: cls, code, message: `${operation} failed`, service, operation };
  if (region) e.region = region;
  return e;
}

export function daysBefore(iso: string, days: number): string {
  return new Date(Date.parse(iso) - days * 86_400_000).toISOString();
}

export function lambdaFunction(over: Partial<LambdaFunction> & { name: string }): LambdaFunction {
  const region = over.region ?? REGION;
  return {
    arn: `arn:aws:lambda:${region}:${ACCOUNT}:function:${over.name}`,
    region,
    packageType: 'Zip',
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    roleArn: `arn:aws:iam::${ACCOUNT}:role/${over.name}-role`,
    lastModified: daysBefore(SCAN_TIME, 10),
    codeSha256: 'q7Bf2VQv9cO1hY0m3pD0q1nL2rjQ7k3bV2h8aE5Xh0A=',
    version: '$LATEST',
    memorySize: 128,
    timeoutSeconds: 3,
    architectures: ['arm64'],
    layers: [],
    kmsKeyArn: null,
    capacityProviderArn: null,
    tracingMode: 'PassThrough',
    deadLetterTargetArn: null,
    vpc: null,
    environment: ok([]),
    codeSigningConfigArn: ok(null),
    policy: ok(null),
    urlConfigs: ok([]),
    reservedConcurrency: ok({ value: null, source: 'account-settings' as const }),
    ...over,
  };
}

export function lambdaRegion(functions: LambdaFunction[], over: Partial<LambdaRegion> = {}): LambdaRegion {
  return {
    accountSettings: {
      functionCount: functions.length,
      concurrentExecutions: 1000,
      unreservedConcurrentExecutions: 1000,
      codeSizeZipped: null,
      totalCodeSize: null,
    },
    functions,
    eventSourceMappings: ok([]),
    codeSigningConfigs: ok([]),
    ...over,
  };
}

export function detector(over: Partial<GuardDutyDetector> = {}): GuardDutyDetector {
  return {
    id: '12abc34d567e8fa901bc2d34e56789f0',
    status: 'ENABLED',
    features: [
      { name: 'CLOUD_TRAIL', status: 'ENABLED' },
      { name: 'LAMBDA_NETWORK_LOGS', status: 'ENABLED' },
    ],
    readError: null,
    ...over,
  };
}

export function regionInventory(over: Partial<RegionInventory> = {}): RegionInventory {
  return {
    lambda: { status: 'ok', data: lambdaRegion([]) },
    guardduty: { status: 'ok', data: { detectors: [detector()] } },
    ...over,
  };
}

export function iamUser(over: Partial<IamUser> & { name: string }): IamUser {
  return {
    arn: `arn:aws:iam::${ACCOUNT}:user/${over.name}`,
    id: `AIDA${over.name
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .padEnd(17, 'X')
      .slice(0, 17)}`,
    path: '/',
    createdAt: daysBefore(SCAN_TIME, 400),
    groups: [],
    attachedPolicies: [],
    inlinePolicies: [],
    permissionsBoundaryArn: null,
    ...over,
  };
}

export function iamRole(over: Partial<IamRole> & { name: string }): IamRole {
  return {
    arn: `arn:aws:iam::${ACCOUNT}:role/${over.name}`,
    id: `AROA${over.name
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .padEnd(17, 'X')
      .slice(0, 17)}`,
    path: '/',
    createdAt: daysBefore(SCAN_TIME, 400),
    trustPolicy: {
      parsed: true,
      document: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] },
        ],
      },
    },
    attachedPolicies: [],
    inlinePolicies: [],
    permissionsBoundaryArn: null,
    lastUsed: { at: daysBefore(SCAN_TIME, 1), region: REGION },
    ...over,
  };
}

export function managedPolicy(
  over: Partial<ManagedPolicy> & { arn: string; document: ManagedPolicy['document'] },
): ManagedPolicy {
  return {
    name: over.arn.split('/').pop() ?? over.arn,
    awsManaged: over.arn.includes(':aws:policy/'),
    attachmentCount: 1,
    defaultVersionId: 'v1',
    ...over,
  };
}

export const doc = (...Statement: PolicyDocument['Statement']): ManagedPolicy['document'] =>
  ok({ parsed: true as const, document: { Version: '2012-10-17', Statement } });

export function key(over: Partial<CredentialReportKey> = {}): CredentialReportKey {
  return {
    active: false,
    lastRotated: { none: 'N/A' },
    lastUsed: { none: 'N/A' },
    lastUsedRegion: null,
    lastUsedService: null,
    ...over,
  };
}

/** A credential-report date `days` before the scan. */
export const reportAt = (days: number) => ({ at: daysBefore(SCAN_TIME, days) });

export function credRow(over: Partial<CredentialReportRow> & { user: string }): CredentialReportRow {
  const isRoot = over.user === '<root_account>';
  return {
    arn: isRoot ? `arn:aws:iam::${ACCOUNT}:root` : `arn:aws:iam::${ACCOUNT}:user/${over.user}`,
    isRoot,
    userCreatedAt: { at: daysBefore(SCAN_TIME, 400) },
    passwordEnabled: isRoot ? null : false,
    passwordLastUsed: { none: 'N/A' },
    passwordLastChanged: { none: 'N/A' },
    passwordNextRotation: { none: 'N/A' },
    mfaActive: false,
    accessKeys: [key(), key()],
    certificates: [
      { active: false, lastRotated: { none: 'N/A' } },
      { active: false, lastRotated: { none: 'N/A' } },
    ],
    ...over,
  };
}

export const STRONG_PASSWORD_POLICY: PasswordPolicy = {
  minimumPasswordLength: 14,
  requireSymbols: true,
  requireNumbers: true,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: true,
  allowUsersToChangePassword: true,
  expirePasswords: false,
  maxPasswordAge: null,
  passwordReusePrevention: 24,
  hardExpiry: false,
};

export function iamData(over: Partial<IamData> & { authorization?: IamData['authorization'] } = {}): IamData {
  const emptyAuth: AuthorizationDetails = { users: [], groups: [], roles: [], policies: [] };
  return {
    authorization: ok(emptyAuth),
    credentialReport: ok({
      generatedAt: SCAN_TIME,
      rows: [credRow({ user: '<root_account>', mfaActive: true })],
    }),
    accountSummary: ok({
      accountMfaEnabled: true,
      accountAccessKeysPresent: false,
      raw: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 },
    }),
    passwordPolicy: ok(STRONG_PASSWORD_POLICY),
    virtualMfaDevices: ok([]),
    ...over,
  };
}

export function authorization(over: Partial<AuthorizationDetails>): IamData['authorization'] {
  return ok({ users: [], groups: [], roles: [], policies: [], ...over });
}

export interface InventoryOptions {
  regions?: Record<string, RegionInventory>;
  iam?: Inventory['iam'];
  functions?: LambdaFunction[];
}

/**
 * A valid inventory. `functions` are placed in their own regions (default us-east-1), which are
 * then the only scanned regions besides `regions`; without either, one empty us-east-1.
 */
export function inventory(opts: InventoryOptions = {}): Inventory {
  const regions: Record<string, RegionInventory> = {
    ...(opts.regions ?? (opts.functions?.length ? {} : { [REGION]: regionInventory() })),
  };
  if (opts.functions) {
    const byRegion = new Map<string, LambdaFunction[]>();
    for (const fn of opts.functions) {
      const list = byRegion.get(fn.region);
      if (list) list.push(fn);
      else byRegion.set(fn.region, [fn]);
    }
    for (const [region, fns] of byRegion) {
      regions[region] = {
        ...(regions[region] ?? regionInventory()),
        lambda: { status: 'ok', data: lambdaRegion(fns) },
      };
    }
  }
  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    tool: { name: 'lambda-posture', version: '0.0.0-test' },
    scan: {
      startedAt: SCAN_TIME,
      finishedAt: SCAN_TIME,
      accountId: ACCOUNT,
      partition: 'aws',
      callerArn: `arn:aws:iam::${ACCOUNT}:user/auditor`,
      regions: Object.keys(regions).sort(),
      regionsSource: 'fixture',
      plan: [...READ_IDS],
      endpoint: null,
      apiCalls: {},
      throttledResponses: 0,
      timeout: null,
    },
    iam: opts.iam ?? { status: 'ok', data: iamData() },
    regions,
    coverage: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Added for the lambda checks (public-resource-policy, admin-execution-role, code-signing-disabled, …)
// ---------------------------------------------------------------------------------------------

/** A parsed policy document (not wrapped in a fetch result), e.g. for an inline policy. */
export const parsedDoc = (
  ...Statement: PolicyDocument['Statement']
): import('../../src/inventory/schema.js').ParsedPolicy => ({
  parsed: true as const,
  document: { Version: '2012-10-17', Statement },
});

/** A region whose Lambda slice holds `functions`, with region-level overrides (code signing configs, …). */
export function lambdaRegionInventory(
  functions: LambdaFunction[],
  over: Partial<LambdaRegion> = {},
): RegionInventory {
  return regionInventory({ lambda: { status: 'ok', data: lambdaRegion(functions, over) } });
}

/** An inventory whose credential report holds exactly `rows`. */
export function withCredentialRows(...rows: CredentialReportRow[]): Inventory {
  return inventory({
    iam: { status: 'ok', data: iamData({ credentialReport: ok({ generatedAt: SCAN_TIME, rows }) }) },
  });
}

/** A region whose whole Lambda slice failed (ListFunctions), GuardDuty readable with no detector. */
export function failedLambdaRegion(
  region: string,
  cls: AwsErrorInfo['class'] = 'access-denied',
): RegionInventory {
  return {
    lambda: { status: 'error', error: awsError('ListFunctions', cls, 'lambda', region) },
    guardduty: { status: 'ok', data: { detectors: [] } },
  };
}

export function iamGroup(over: Partial<IamGroup> & { name: string }): IamGroup {
  return {
    arn: `arn:aws:iam::${ACCOUNT}:group/${over.name}`,
    attachedPolicies: [],
    inlinePolicies: [],
    ...over,
  };
}
