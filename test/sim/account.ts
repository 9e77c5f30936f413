/**
 * The simulated account: plain, JSON-shaped data that the server answers from, and the seeded
 * generator that builds it together with the ground-truth manifest of what it planted.
 *
 * The model holds facts (a key's creation date, a function's reserved concurrency), not API
 * responses; the service modules render the wire shapes. The manifest is computed from these
 * facts after generation (see manifest.ts), so it cannot drift from what the server returns.
 */

import {
  type AwsConfigOptions,
  generateAwsConfig,
  type SimConfigRegion,
  type SimConfigTruth,
} from './aws-config.js';
import { type RuntimeCatalog, runtimeCatalog } from './catalog.js';
import { FACT_GROUPS } from './facts/index.js';
import { type CrossAccountGrantSpec, type PlantedGrant, plantCrossAccountGrants } from './gen-grants.js';
import { type GuardDutyState, generateGuardDuty } from './gen-guardduty.js';
import { generateIam } from './gen-iam.js';
import { generateLambda } from './gen-lambda.js';
import { buildManifest, type Manifest } from './manifest.js';

export type { CrossAccountGrantSpec, PlantedGrant } from './gen-grants.js';
export type { GuardDutyState } from './gen-guardduty.js';
export type { CheckId, Manifest, ManifestFinding, ManifestLookAlike } from './manifest.js';

export const DEFAULT_NOW = '2026-11-25T00:00:00Z';
export const ACCOUNT_ID = '123456789012';

export interface PolicyStatementJson {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}
export interface PolicyDoc {
  Version: string;
  Id?: string;
  Statement: PolicyStatementJson[];
}

export interface SimInlinePolicy {
  name: string;
  document: PolicyDoc;
}

export interface SimAccessKey {
  id: string;
  active: boolean;
  createdAt: string;
  lastUsed: { at: string; region: string; service: string } | null;
}

export interface SimUser {
  name: string;
  id: string;
  arn: string;
  path: string;
  createdAt: string;
  /** null: no console password (an API-only user). */
  password: { lastChanged: string; lastUsed: string | null } | null;
  mfa: boolean;
  accessKeys: SimAccessKey[];
  groups: string[];
  attachedPolicyArns: string[];
  inlinePolicies: SimInlinePolicy[];
  permissionsBoundaryArn?: string;
}

export interface SimGroup {
  name: string;
  id: string;
  arn: string;
  path: string;
  createdAt: string;
  attachedPolicyArns: string[];
  inlinePolicies: SimInlinePolicy[];
}

export interface SimRole {
  name: string;
  id: string;
  arn: string;
  path: string;
  createdAt: string;
  description: string;
  trust: PolicyDoc;
  attachedPolicyArns: string[];
  inlinePolicies: SimInlinePolicy[];
  lastUsed: { at: string; region: string } | null;
  permissionsBoundaryArn?: string;
}

export interface SimPolicyVersion {
  id: string;
  document: PolicyDoc;
  createdAt: string;
}

export interface SimManagedPolicy {
  name: string;
  id: string;
  arn: string;
  path: string;
  awsManaged: boolean;
  description: string;
  createdAt: string;
  updatedAt: string;
  defaultVersionId: string;
  versions: SimPolicyVersion[];
}

export interface SimPasswordPolicy {
  MinimumPasswordLength: number;
  RequireSymbols: boolean;
  RequireNumbers: boolean;
  RequireUppercaseCharacters: boolean;
  RequireLowercaseCharacters: boolean;
  AllowUsersToChangePassword: boolean;
  ExpirePasswords: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

export interface SimVirtualMfa {
  serialNumber: string;
  /** null: unassigned; '<root_account>': the root user. */
  userName: string | null;
  enabledAt: string | null;
}

export interface SimRoot {
  arn: string;
  createdAt: string;
  mfa: boolean;
  /** Has a console password (GetAccountSummary's AccountPasswordPresent); absent: true. */
  password?: boolean;
  passwordLastUsed: string | null;
  accessKeys: SimAccessKey[];
  /** X.509 signing certificates (at most 2); absent: none. */
  signingCertificates?: { active: boolean; uploadedAt: string }[];
}

/** An IAM server certificate (metadata only: the simulator never holds a body or a key). */
export interface SimServerCertificate {
  name: string;
  id: string;
  arn: string;
  path: string;
  uploadedAt: string;
  expiresAt: string;
}

export interface SimIam {
  root: SimRoot;
  /** Planted by the account-services facts; absent: none. */
  serverCertificates?: SimServerCertificate[];
  passwordPolicy: SimPasswordPolicy | null;
  users: SimUser[];
  groups: SimGroup[];
  roles: SimRole[];
  /** Customer-managed policies, then the AWS-managed ones this account attaches. */
  policies: SimManagedPolicy[];
  virtualMfaDevices: SimVirtualMfa[];
}

export interface SimFunctionUrl {
  id: string;
  authType: 'NONE' | 'AWS_IAM';
  createdAt: string;
  invokeMode: 'BUFFERED' | 'RESPONSE_STREAM';
  cors: { AllowOrigins: string[]; AllowCredentials: boolean } | null;
}

export interface SimFunction {
  name: string;
  arn: string;
  packageType: 'Zip' | 'Image';
  /** null for container images. */
  runtime: string | null;
  handler: string | null;
  roleArn: string;
  description: string;
  memorySize: number;
  timeout: number;
  codeSize: number;
  codeSha256: string;
  lastModified: string;
  revisionId: string;
  env: Record<string, string> | null;
  tracing: 'Active' | 'PassThrough';
  architectures: string[];
  /** Layer versions in the function's order; image functions have none. */
  layers: SimLayer[];
  vpc: { subnetIds: string[]; securityGroupIds: string[]; vpcId: string } | null;
  deadLetterArn: string | null;
  kmsKeyArn: string | null;
  tags: Record<string, string>;
  reservedConcurrency: number | null;
  /** The resource-based policy; null: none (GetPolicy answers ResourceNotFoundException). */
  policy: PolicyDoc | null;
  url: SimFunctionUrl | null;
  codeSigningConfigArn: string | null;
  imageUri: string | null;
  /** Lambda Managed Instances: the capacity provider the function runs on (absent: Lambda's own fleet). */
  capacityProviderArn?: string;
  /** Asynchronous invocation configs (planted by facts/lambda-function-extras.ts); absent: none. */
  eventInvokeConfigs?: SimEventInvokeConfig[];
  /** Recursive loop detection; absent: Terminate, AWS's default. */
  recursiveLoop?: 'Allow' | 'Terminate';
  /** The .zip deployment package (planted by facts/lambda-code.ts); absent: a default handler. */
  codePackage?: SimPackage;
  /** Published versions, oldest first (planted by facts/lambda-qualifiers.ts); absent: none. */
  versions?: SimVersion[];
  /** Aliases (planted by facts/lambda-qualifiers.ts); absent: none. */
  aliases?: SimAlias[];
}

/** A published version: an immutable snapshot with a resource policy of its own. */
export interface SimVersion {
  version: string;
  codeSha256: string;
  lastModified: string;
  /** null: none (GetPolicy with this Qualifier answers ResourceNotFoundException). */
  policy: PolicyDoc | null;
}

/** An alias: a name for a version (or $LATEST), with its own resource policy and maybe a URL. */
export interface SimAlias {
  name: string;
  functionVersion: string;
  /** Weighted routing: the other version and its share. */
  additionalVersionWeights?: Record<string, number>;
  policy: PolicyDoc | null;
  url: SimFunctionUrl | null;
}

/** PutFunctionEventInvokeConfig's settings for the unqualified function ($LATEST). */
export interface SimEventInvokeConfig {
  onFailure: string | null;
  onSuccess: string | null;
  maximumRetryAttempts: number;
  maximumEventAgeInSeconds: number;
  lastModified: string;
}

/** A layer version a function uses (always in the function's region, as Lambda requires). */
export interface SimLayer {
  arn: string;
  codeSize: number;
  /** Present when the layer version was signed with AWS Signer (Layer.SigningProfileVersionArn/SigningJobArn). */
  signing?: { profileVersionArn: string; jobArn: string };
}

/** A version of a layer the account publishes (see facts/lambda-reads.ts, which plants them). */
export interface SimLayerVersion {
  version: number;
  createdAt: string;
  description: string;
  /** Empty: the publisher named none. */
  compatibleRuntimes: string[];
  compatibleArchitectures: string[];
  codeSize: number;
  /** null: no policy (GetLayerVersionPolicy answers ResourceNotFoundException). */
  policy: PolicyDoc | null;
}

/** A layer the account publishes, with the versions that still exist, oldest first. */
export interface SimOwnLayer {
  name: string;
  arn: string;
  versions: SimLayerVersion[];
}

/** A VPC subnet (ec2:DescribeSubnets). */
export interface SimSubnet {
  id: string;
  vpcId: string;
  availabilityZone: string;
  availabilityZoneId: string;
  cidrBlock: string;
}

export interface SimCodeSigningConfig {
  id: string;
  arn: string;
  description: string;
  untrustedArtifactOnDeployment: 'Enforce' | 'Warn';
  signingProfileVersionArns: string[];
  lastModified: string;
}

export interface SimEventSourceMapping {
  uuid: string;
  functionArn: string;
  eventSourceArn: string;
  state: string;
  batchSize: number;
  lastModified: string;
}

export interface SimLambdaRegion {
  /** The regional concurrency quota; unreserved = this minus the sum of reservations. */
  concurrentExecutions: number;
  functions: SimFunction[];
  codeSigningConfigs: SimCodeSigningConfig[];
  eventSourceMappings: SimEventSourceMapping[];
  /** The account's own layers; absent: none published. */
  layers?: SimOwnLayer[];
}

export interface SimDetectorFeature {
  name: string;
  status: 'ENABLED' | 'DISABLED';
  additionalConfiguration?: { name: string; status: 'ENABLED' | 'DISABLED' }[];
}

export interface SimPublishingDestination {
  id: string;
  type: 'S3';
  status: 'PENDING_VERIFICATION' | 'PUBLISHING' | 'UNABLE_TO_PUBLISH_FIX_DESTINATION_PERMISSION' | 'STOPPED';
  destinationArn: string;
}

export interface SimGuardDutyFinding {
  id: string;
  type: string;
  severity: number;
  title: string;
  archived: boolean;
  /** Generated by CreateSampleFindings: not a detection. */
  sample: boolean;
  resourceType: 'Lambda' | 'Instance' | 'AccessKey' | 'S3Bucket';
  /** For resourceType Lambda: the function it is about. */
  lambda?: { name: string; arn: string };
  createdAt: string;
  updatedAt: string;
}

export interface SimDetector {
  id: string;
  /** Planted by the guardduty-features facts; absent: none. */
  publishingDestinations?: SimPublishingDestination[];
  /** The GuardDuty administrator account managing this member detector; absent: none. */
  administrator?: { accountId: string; relationshipStatus: 'Enabled' | 'Invited' | 'Resigned' };
  findings?: SimGuardDutyFinding[];
  status: 'ENABLED' | 'DISABLED';
  createdAt: string;
  updatedAt: string;
  serviceRole: string;
  findingPublishingFrequency: string;
  features: SimDetectorFeature[];
}

export interface SimGuardDutyRegion {
  detector: SimDetector | null;
}

export interface SimAccount {
  accountId: string;
  partition: 'aws';
  /** The account's clock: every age in the model is relative to it. */
  now: string;
  /** Enabled regions holding resources, in order. */
  regions: string[];
  /** The identity GetCallerIdentity reports. */
  caller: { arn: string; userId: string };
  iam: SimIam;
  lambda: Record<string, SimLambdaRegion>;
  guardduty: Record<string, SimGuardDutyRegion>;
  /** Per region, the VPC subnets functions are attached to; absent: none. */
  subnets?: Record<string, SimSubnet[]>;
  /** Alternate contacts by type (planted by the account-services facts); absent or null: none registered. */
  alternateContacts?: Partial<Record<'SECURITY' | 'BILLING' | 'OPERATIONS', SimAlternateContact | null>>;
  /** The organization the account belongs to; absent or null: none. */
  organization?: SimOrganization | null;
  /**
   * The organization's GuardDuty delegated administrator, set only on the accounts of a generated
   * organization (organization.ts), whose scan can read it: the ground truth of
   * guardduty.delegated-administrator. Absent: scanned as a single account, not judged.
   */
  guardDutyDelegatedAdministrator?: string;
  /**
   * Deployment packages of the layer versions functions use, by layer version ARN (planted by
   * facts/lambda-code.ts); absent: the default package of facts/lambda-code.ts.
   */
  layerPackages?: Record<string, SimPackage>;
  /** Per region, CloudTrail event history (planted by the cloudtrail facts), any order; absent: none. */
  cloudtrail?: Record<string, SimCloudTrailEvent[]>;
  /** Per region, the IAM Access Analyzer analyzers listed there (planted by the access-analyzer facts); absent: none. */
  accessAnalyzers?: Record<string, SimAnalyzer[]>;
  /** Per region, AWS Config's recorder and configuration items (aws-config.ts); absent: no recorder anywhere. */
  awsConfig?: Record<string, SimConfigRegion>;
}

export interface SimAnalyzer {
  /** In another account's ARN when the delegated administrator created it (type ORGANIZATION). */
  arn: string;
  name: string;
  type:
    | 'ACCOUNT'
    | 'ORGANIZATION'
    | 'ACCOUNT_UNUSED_ACCESS'
    | 'ORGANIZATION_UNUSED_ACCESS'
    | 'ACCOUNT_INTERNAL_ACCESS'
    | 'ORGANIZATION_INTERNAL_ACCESS';
  status: 'ACTIVE' | 'CREATING' | 'DISABLED' | 'FAILED';
  statusReason?: string;
  createdAt: string;
}

/** One CloudTrail management event as LookupEvents returns it; `record` is the CloudTrailEvent JSON. */
export interface SimCloudTrailEvent {
  eventId: string;
  eventName: string;
  eventTime: string;
  eventSource: string;
  username: string | null;
  /** The function the event names (LookupEvents' Resources). */
  functionName: string | null;
  record: Record<string, unknown>;
}

/** A deployment package the simulator serves as a zip: files, or a compression bomb. */
export type SimPackage = { kind: 'files'; files: { name: string; content: string }[] } | { kind: 'bomb' };

export interface SimAlternateContact {
  name: string;
  title: string;
  emailAddress: string;
  phoneNumber: string;
}

export interface SimOrganization {
  id: string;
  managementAccountId: string;
  managementAccountEmail: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  /** Centralized root access features (iam:ListOrganizationsFeatures); absent: none enabled. */
  rootFeatures?: ('RootCredentialsManagement' | 'RootSessions')[];
}

/** Centralized root access deleted every root credential: no password, no key, no certificate. */
export function rootCredentialsRemoved(root: SimRoot): boolean {
  return (
    root.password === false &&
    !root.accessKeys.some((k) => k.active) &&
    !(root.signingCertificates ?? []).some((c) => c.active)
  );
}

export interface GenerateOptions {
  seed: number;
  regions: string[];
  functionsPerRegion: number | Record<string, number>;
  users: number;
  /** Size of the execution-role pool (default: one per function, at most 5,000, IAM's raised quota). */
  roles?: number;
  /** 0..1: how often each misconfigurable facet is planted (default 0.2). */
  misconfigRate?: number;
  now?: string;
  rootMfa?: boolean;
  rootAccessKey?: boolean;
  passwordPolicy?: 'strong' | 'weak' | 'missing';
  /** Per-region GuardDuty state; regions not listed are drawn from the seed. */
  guardduty?: Record<string, GuardDutyState>;
  /** Share of functions with reserved concurrency (default 0.25); 0 in a region makes it reservation-free. */
  reservedConcurrencyRate?: number | Record<string, number>;
  /** AWS Config recorders and items (aws-config.ts); absent: the account records nothing. */
  awsConfig?: AwsConfigOptions;
  /** The account's id: every ARN, owner id and the caller use it (default ACCOUNT_ID). */
  accountId?: string;
  /**
   * The organization the account belongs to (organization.ts sets it for each account of a
   * generated organization). It replaces the one the account-services facts draw, after every
   * fact group planted and before the manifest is built, so no seeded draw moves.
   */
  organization?: SimOrganization;
  /** Resource-policy grants to other accounts to plant after the fact groups (gen-grants.ts). */
  crossAccountGrants?: CrossAccountGrantSpec[];
  /**
   * The organization's GuardDuty delegated administrator (organization.ts) and whether this
   * account's detectors are associated with it. Applied, like `organization`, after every fact
   * group planted and before the manifest is built: every detector's administrator becomes the
   * delegated administrator (Enabled), or none for the administrator itself and an account left
   * unassociated. No seeded draw moves.
   */
  guardDutyOrganization?: { delegatedAdministrator: string; associated: boolean };
}

export function generateAccount(opts: GenerateOptions): {
  account: SimAccount;
  manifest: Manifest;
  /** What was planted in AWS Config; present when `opts.awsConfig` is. */
  awsConfigTruth?: SimConfigTruth;
  /** The grants `opts.crossAccountGrants` planted; present when it is. */
  crossAccountGrants?: PlantedGrant[];
} {
  const now = new Date(opts.now ?? DEFAULT_NOW).toISOString();
  const m = Math.min(1, Math.max(0, opts.misconfigRate ?? 0.2));
  const accountId = opts.accountId ?? ACCOUNT_ID;
  if (!/^\d{12}$/.test(accountId)) throw new Error(`accountId must be 12 digits, got ${accountId}`);
  const ctx = {
    seed: opts.seed,
    accountId,
    now,
    nowMs: Date.parse(now),
    m,
    runtimes: runtimeCatalog(now),
  };

  const lambdaOut = generateLambda(ctx, opts);
  const iamOut = generateIam(ctx, opts, lambdaOut.roles);
  const guardduty = generateGuardDuty(ctx, opts);

  const account: SimAccount = {
    accountId,
    partition: 'aws',
    now,
    regions: [...opts.regions],
    caller: { arn: `arn:aws:iam::${accountId}:user/security-auditor`, userId: 'AIDASIMAUDITOR000001' },
    iam: iamOut.iam,
    lambda: lambdaOut.lambda,
    guardduty,
  };
  // Each fact group plants what its checks look for after the core generators, from its own stream.
  for (const group of FACT_GROUPS) group.plant?.(account, ctx);
  // Organization members only, after every seeded draw above: the single-account path is unchanged.
  if (opts.organization) account.organization = structuredClone(opts.organization);
  if (opts.guardDutyOrganization) associateGuardDuty(account, opts.guardDutyOrganization);
  const grants = opts.crossAccountGrants
    ? plantCrossAccountGrants(account, opts.seed, opts.crossAccountGrants)
    : undefined;
  const manifest = buildManifest(account, opts.seed, [...lambdaOut.intents, ...iamOut.intents]);
  const extra = grants ? { crossAccountGrants: grants } : {};
  if (!opts.awsConfig) return { account, manifest, ...extra };
  // After every fact group, so the items capture the final functions and policies.
  const awsConfig = generateAwsConfig(account, opts.seed, opts.awsConfig);
  account.awsConfig = awsConfig.regions;
  return { account, manifest, awsConfigTruth: awsConfig.truth, ...extra };
}

/** Every detector of the account under the organization's delegated administrator, or under none. */
function associateGuardDuty(
  account: SimAccount,
  org: NonNullable<GenerateOptions['guardDutyOrganization']>,
): void {
  account.guardDutyDelegatedAdministrator = org.delegatedAdministrator;
  const isAdmin = account.accountId === org.delegatedAdministrator;
  for (const region of account.regions) {
    const d = account.guardduty[region]?.detector;
    if (!d) continue;
    if (isAdmin || !org.associated) delete d.administrator;
    else d.administrator = { accountId: org.delegatedAdministrator, relationshipStatus: 'Enabled' };
  }
}

/** Shared context of the generator modules. */
export interface GenContext {
  seed: number;
  accountId: string;
  now: string;
  nowMs: number;
  /** misconfiguration rate, 0..1 */
  m: number;
  /** The runtimes that are current and deprecated at `now` (from data/lambda-runtimes.json). */
  runtimes: RuntimeCatalog;
}

export const DAY_MS = 86_400_000;

/** ISO time `days` (fractional allowed) before the account's now, to the second. */
export function daysAgo(ctx: GenContext, days: number): string {
  const ms = ctx.nowMs - Math.round((days * DAY_MS) / 1000) * 1000;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
