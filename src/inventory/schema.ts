/**
 * The inventory: one typed, serializable, versioned document holding everything a scan read.
 * Checks read only this, so a saved inventory can be re-evaluated offline (ScoutSuite's idea,
 * with types). Every read that can fail is a `Fetched` or a `Slice`: "could not fetch" is never
 * written as "empty", and "confirmed none" is `ok(null)` or an empty list.
 */
import { z } from 'zod';
import { ReadIdSchema } from './reads.js';

/**
 * 2: reads are planned from the selected checks, so a read the plan left out is absent (per
 * function, per region, per IAM read) and `scan.plan` lists what was collected. A version-1 file
 * (everything collected) is upgraded on load; see store.ts.
 */
export const INVENTORY_SCHEMA_VERSION = 2;

const isoDate = z.iso.datetime({ offset: true });

/**
 * timed-out: the endpoint did not answer within --request-timeout (every attempt), or the whole
 * scan reached its --timeout before the read was made or finished.
 */
export const ErrorClass = z.enum([
  'access-denied',
  'throttled',
  'timed-out',
  'region-disabled',
  'not-found',
  'other',
]);
export type ErrorClass = z.infer<typeof ErrorClass>;

/** A failed AWS read, classified. `message` is sanitized at classification time (no secret values). */
export const AwsErrorInfo = z.object({
  class: ErrorClass,
  code: z.string(),
  message: z.string(),
  service: z.string(),
  operation: z.string(),
  region: z.string().optional(),
});
export type AwsErrorInfo = z.infer<typeof AwsErrorInfo>;

/** One sub-read, e.g. GetPolicy of one function. */
export type Fetched<T> = { ok: true; value: T } | { ok: false; error: AwsErrorInfo };
export const fetched = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: AwsErrorInfo }),
  ]);

/** One service × region (or the account-wide IAM read). */
export type Slice<T> =
  | { status: 'ok'; data: T }
  | { status: 'error'; error: AwsErrorInfo }
  | { status: 'skipped'; reason: string };
export const slice = <T extends z.ZodType>(data: T) =>
  z.discriminatedUnion('status', [
    z.object({ status: z.literal('ok'), data }),
    z.object({ status: z.literal('error'), error: AwsErrorInfo }),
    z.object({ status: z.literal('skipped'), reason: z.string() }),
  ]);

// ---------------------------------------------------------------------------------------------
// Policy documents, normalized: Statement, Action, NotAction, Resource, NotResource and every
// Principal value are arrays; the string principal "*" becomes { AWS: ["*"] } (IAM treats them
// alike). Conditions keep their operator → key → values[] shape, values as strings.
// ---------------------------------------------------------------------------------------------
export const PolicyStatement = z.object({
  Sid: z.string().optional(),
  Effect: z.enum(['Allow', 'Deny']),
  Principal: z.record(z.string(), z.array(z.string())).optional(),
  NotPrincipal: z.record(z.string(), z.array(z.string())).optional(),
  Action: z.array(z.string()).optional(),
  NotAction: z.array(z.string()).optional(),
  Resource: z.array(z.string()).optional(),
  NotResource: z.array(z.string()).optional(),
  Condition: z.record(z.string(), z.record(z.string(), z.array(z.string()))).optional(),
});
export type PolicyStatement = z.infer<typeof PolicyStatement>;
export const PolicyDocument = z.object({
  Version: z.string().optional(),
  Id: z.string().optional(),
  Statement: z.array(PolicyStatement),
});
export type PolicyDocument = z.infer<typeof PolicyDocument>;

/** A policy document as read: parsed and normalized, or the reason it could not be parsed. */
export const ParsedPolicy = z.discriminatedUnion('parsed', [
  z.object({ parsed: z.literal(true), document: PolicyDocument }),
  z.object({ parsed: z.literal(false), reason: z.string() }),
]);
export type ParsedPolicy = z.infer<typeof ParsedPolicy>;

// ---------------------------------------------------------------------------------------------
// IAM (account-wide, read once)
// ---------------------------------------------------------------------------------------------
export const AttachedPolicyRef = z.object({ name: z.string(), arn: z.string() });
export const InlinePolicy = z.object({ name: z.string(), policy: ParsedPolicy });

export const IamUser = z.object({
  name: z.string(),
  arn: z.string(),
  id: z.string(),
  path: z.string(),
  createdAt: isoDate,
  groups: z.array(z.string()),
  attachedPolicies: z.array(AttachedPolicyRef),
  inlinePolicies: z.array(InlinePolicy),
  permissionsBoundaryArn: z.string().nullable(),
});
export type IamUser = z.infer<typeof IamUser>;

export const IamGroup = z.object({
  name: z.string(),
  arn: z.string(),
  attachedPolicies: z.array(AttachedPolicyRef),
  inlinePolicies: z.array(InlinePolicy),
});
export type IamGroup = z.infer<typeof IamGroup>;

export const IamRole = z.object({
  name: z.string(),
  arn: z.string(),
  id: z.string(),
  path: z.string(),
  createdAt: isoDate,
  trustPolicy: ParsedPolicy.nullable(),
  attachedPolicies: z.array(AttachedPolicyRef),
  inlinePolicies: z.array(InlinePolicy),
  permissionsBoundaryArn: z.string().nullable(),
  lastUsed: z.object({ at: isoDate.nullable(), region: z.string().nullable() }),
});
export type IamRole = z.infer<typeof IamRole>;

/** A managed policy's default version. AWS-managed documents are read only when attached. */
export const ManagedPolicy = z.object({
  arn: z.string(),
  name: z.string(),
  awsManaged: z.boolean(),
  attachmentCount: z.number().int().nonnegative(),
  defaultVersionId: z.string().nullable(),
  document: fetched(ParsedPolicy),
});
export type ManagedPolicy = z.infer<typeof ManagedPolicy>;

export const AuthorizationDetails = z.object({
  users: z.array(IamUser),
  groups: z.array(IamGroup),
  roles: z.array(IamRole),
  policies: z.array(ManagedPolicy),
});
export type AuthorizationDetails = z.infer<typeof AuthorizationDetails>;

/** A credential-report date column: ISO date, or the token AWS wrote instead of one. */
export const ReportDate = z.union([
  z.object({ at: isoDate }),
  z.object({ none: z.enum(['N/A', 'no_information', 'not_supported']) }),
]);
export type ReportDate = z.infer<typeof ReportDate>;

export const CredentialReportKey = z.object({
  active: z.boolean(),
  lastRotated: ReportDate,
  lastUsed: ReportDate,
  lastUsedRegion: z.string().nullable(),
  lastUsedService: z.string().nullable(),
});
export type CredentialReportKey = z.infer<typeof CredentialReportKey>;

export const CredentialReportRow = z.object({
  user: z.string(),
  arn: z.string(),
  isRoot: z.boolean(),
  userCreatedAt: ReportDate,
  /** null for the root row, where AWS writes not_supported. */
  passwordEnabled: z.boolean().nullable(),
  passwordLastUsed: ReportDate,
  passwordLastChanged: ReportDate,
  passwordNextRotation: ReportDate,
  mfaActive: z.boolean(),
  accessKeys: z.tuple([CredentialReportKey, CredentialReportKey]),
  certificates: z.tuple([
    z.object({ active: z.boolean(), lastRotated: ReportDate }),
    z.object({ active: z.boolean(), lastRotated: ReportDate }),
  ]),
});
export type CredentialReportRow = z.infer<typeof CredentialReportRow>;

export const CredentialReport = z.object({ generatedAt: isoDate, rows: z.array(CredentialReportRow) });
export type CredentialReport = z.infer<typeof CredentialReport>;

export const AccountSummary = z.object({
  accountMfaEnabled: z.boolean(),
  accountAccessKeysPresent: z.boolean(),
  /** Every SummaryMap entry as AWS returned it, for evidence and future checks. */
  raw: z.record(z.string(), z.number()),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

export const PasswordPolicy = z.object({
  minimumPasswordLength: z.number().int().nullable(),
  requireSymbols: z.boolean(),
  requireNumbers: z.boolean(),
  requireUppercaseCharacters: z.boolean(),
  requireLowercaseCharacters: z.boolean(),
  allowUsersToChangePassword: z.boolean(),
  expirePasswords: z.boolean(),
  maxPasswordAge: z.number().int().nullable(),
  passwordReusePrevention: z.number().int().nullable(),
  hardExpiry: z.boolean(),
});
export type PasswordPolicy = z.infer<typeof PasswordPolicy>;

export const VirtualMfaDevice = z.object({ serialNumber: z.string(), userArn: z.string().nullable() });

/** An IAM server certificate's metadata (ListServerCertificates); the certificate body is never read. */
export const ServerCertificate = z.object({
  name: z.string(),
  arn: z.string(),
  id: z.string(),
  path: z.string(),
  uploadedAt: isoDate.nullable(),
  expiresAt: isoDate.nullable(),
});
export type ServerCertificate = z.infer<typeof ServerCertificate>;

/**
 * The organization's centralized root access features (iam:ListOrganizationsFeatures). Only the
 * management account or the IAM delegated administrator may ask; elsewhere AWS answers with a
 * documented error that is an answer, not a failed read: `notAnswerable` keeps its code
 * (AccountNotManagementOrDelegatedAdministrator in a member account, OrganizationNotFound,
 * OrganizationNotInAllFeaturesMode, ServiceAccessNotEnabled) and the other fields are empty.
 */
export const OrganizationsFeatures = z.object({
  organizationId: z.string().nullable(),
  /** RootCredentialsManagement, RootSessions. */
  enabledFeatures: z.array(z.string()),
  notAnswerable: z.string().nullable(),
});
export type OrganizationsFeatures = z.infer<typeof OrganizationsFeatures>;

/** Each read is absent when the scan's plan did not include it (see reads.ts). */
export const IamData = z.object({
  authorization: fetched(AuthorizationDetails).optional(),
  credentialReport: fetched(CredentialReport).optional(),
  accountSummary: fetched(AccountSummary).optional(),
  /** ok(null): the account has no password policy (NoSuchEntity), which is a finding, not an error. */
  passwordPolicy: fetched(PasswordPolicy.nullable()).optional(),
  virtualMfaDevices: fetched(z.array(VirtualMfaDevice)).optional(),
  /** Added after schema version 2 shipped; absent in older inventories (read as "not collected"). */
  serverCertificates: fetched(z.array(ServerCertificate)).optional(),
  /** Added after schema version 2 shipped, like serverCertificates. */
  organizationsFeatures: fetched(OrganizationsFeatures).optional(),
});
export type IamData = z.infer<typeof IamData>;

// ---------------------------------------------------------------------------------------------
// Lambda (per region)
// ---------------------------------------------------------------------------------------------

/**
 * An environment variable as kept: never its value. The optional fields were added after schema
 * version 2 shipped; older inventories simply lack them (read as "value-match unknown, nothing
 * recognised as clean, no default credential"), so no version bump.
 */
export const EnvVar = z.object({
  name: z.string(),
  /** null: nothing secret-looking was detected. */
  secret: z
    .object({
      detector: z.string(),
      /** First 12 hex chars of HMAC-SHA256(scan salt, value): lets a reader tell two values apart, not recover them. */
      fingerprint: z.string(),
      /**
       * value-match: the value has a provider's documented format (checksum verified where it has one);
       * shape-match: the format's shape, but its checksum does not verify; name-only: only the name says secret.
       */
      confidence: z.enum(['value-match', 'shape-match', 'name-only']).optional(),
      /** Who issued the credential (Stripe, GitHub, AWS, …), when the value says so. */
      provider: z.string().optional(),
      /** What it is, as a fixed label: "Stripe live secret key". */
      kind: z.string().optional(),
    })
    .nullable(),
  /** The name sounds secret, but the value is recognised as not a credential; a fixed label says which kind. */
  clean: z
    .object({ reason: z.enum(['placeholder', 'reference', 'public-value']), detail: z.string() })
    .optional(),
  /** A well-known default password (changeme, admin, 123456, …) under a password-like name. */
  defaultCredential: z.object({ fingerprint: z.string() }).optional(),
  /**
   * Every non-empty value's fingerprint under the fingerprint key (scan.fingerprintKeyId): equal
   * across scans with that key while the value is unchanged. Absent when the scan had no key.
   */
  valueFingerprint: z.string().optional(),
});
export type EnvVar = z.infer<typeof EnvVar>;

export const FunctionUrlConfig = z.object({
  url: z.string(),
  functionArn: z.string(),
  authType: z.string(),
  invokeMode: z.string().nullable(),
  cors: z.object({ allowOrigins: z.array(z.string()), allowCredentials: z.boolean().nullable() }).nullable(),
  /**
   * A URL on an alias (`functionArn` ends in `:<alias>`) is authorized by that alias's own
   * resource policy, not the function's: GetPolicy with the alias as Qualifier, read with the URL
   * whenever the plan reads policies. Absent on the unqualified function's URL (its policy is the
   * function's `policy`), and in inventories written before 0.1 (judged unknown).
   */
  policy: fetched(ParsedPolicy.nullable()).optional(),
});
export type FunctionUrlConfig = z.infer<typeof FunctionUrlConfig>;

/**
 * A published version of a function (ListFunctions with FunctionVersion=ALL, --deep). Versions are
 * immutable snapshots: only what a check compares is kept, never the version's variables.
 * `policy` (GetPolicy with the version as Qualifier) is the version's own resource policy,
 * absent when the plan left it out; ok(null): none.
 */
export const PublishedVersion = z.object({
  version: z.string(),
  arn: z.string(),
  codeSha256: z.string().nullable(),
  lastModified: isoDate.nullable(),
  runtime: z.string().nullable(),
  roleArn: z.string(),
  policy: fetched(ParsedPolicy.nullable()).optional(),
});
export type PublishedVersion = z.infer<typeof PublishedVersion>;

/**
 * An alias of a function (ListAliases, --deep): the version it points at and, for weighted
 * routing, the other version and its share. `policy` as for a version.
 */
export const FunctionAlias = z.object({
  name: z.string(),
  arn: z.string(),
  functionVersion: z.string(),
  additionalVersions: z.array(z.object({ version: z.string(), weight: z.number() })),
  policy: fetched(ParsedPolicy.nullable()).optional(),
});
export type FunctionAlias = z.infer<typeof FunctionAlias>;

export const ReservedConcurrency = z.object({
  value: z.number().int().nullable(),
  source: z.enum(['GetFunction', 'account-settings']),
});
export type ReservedConcurrency = z.infer<typeof ReservedConcurrency>;

/**
 * One asynchronous invocation config (ListFunctionEventInvokeConfigs), of the unqualified function
 * (`functionArn` ends in `:$LATEST`), a version or an alias. Destinations are ARNs; null: none.
 */
export const EventInvokeConfig = z.object({
  functionArn: z.string(),
  onFailure: z.string().nullable(),
  onSuccess: z.string().nullable(),
  maximumRetryAttempts: z.number().int().nullable(),
  maximumEventAgeInSeconds: z.number().int().nullable(),
});
export type EventInvokeConfig = z.infer<typeof EventInvokeConfig>;

/**
 * One secret-shaped string in a deployment package's file (--scan-code, code-scan.ts): where,
 * which detector, and a salted fingerprint of the matched text; never the text, never the file.
 */
export const CodeSecret = z.object({
  /** The entry's name inside the package, sanitised (no `..`, no leading `/`, no control characters). */
  path: z.string(),
  line: z.number().int().positive(),
  detector: z.string(),
  confidence: z.enum(['value-match', 'shape-match', 'name-only']),
  kind: z.string().optional(),
  /** First 12 hex chars of HMAC-SHA256(scan salt, matched text). */
  fingerprint: z.string(),
});
export type CodeSecret = z.infer<typeof CodeSecret>;

/** What scanning one downloaded package (a function's code or a layer version) found. */
export const CodeScan = z.object({
  /** Bytes downloaded: the zipped package. */
  packageBytes: z.number().int().nonnegative(),
  entries: z.number().int().nonnegative(),
  filesScanned: z.number().int().nonnegative(),
  /** Files not scanned: binaries (by extension or a NUL byte) and files over the per-file cap. */
  skippedBinary: z.number().int().nonnegative(),
  skippedLarge: z.number().int().nonnegative(),
  /** Entries whose name is absolute or climbs out (`../`): never written anywhere, scanned under a sanitised name. */
  unsafePaths: z.number().int().nonnegative(),
  /** Detector hits the classifier recognised as placeholders or documented examples (AKIAIOSFODNN7EXAMPLE). */
  placeholders: z.number().int().nonnegative(),
  secrets: z.array(CodeSecret),
});
export type CodeScan = z.infer<typeof CodeScan>;

/** One layer version the region's functions use, scanned once (GetLayerVersion + download). */
export const LayerCodeScan = z.object({
  /** The layer version ARN, own or another account's. */
  arn: z.string(),
  scan: fetched(CodeScan),
});
export type LayerCodeScan = z.infer<typeof LayerCodeScan>;

/**
 * --policy-source config: where this function's `policy` came from. `config`: AWS Config's
 * configuration item, captured at `capturedAt` (so the policy is as old as that, not live), with
 * the recorder's frequency for Lambda; `lambda`: read live with GetPolicy, because of `reason`
 * (no item, a stale or unprocessed one, or the region's recorder refused). Absent in a scan that
 * read every policy from Lambda (the default), and in older inventories.
 */
export const PolicySource = z.discriminatedUnion('from', [
  z.object({
    from: z.literal('config'),
    capturedAt: isoDate,
    recordingFrequency: z.enum(['CONTINUOUS', 'DAILY']),
  }),
  z.object({ from: z.literal('lambda'), reason: z.string() }),
]);
export type PolicySource = z.infer<typeof PolicySource>;

export const LambdaFunction = z.object({
  name: z.string(),
  arn: z.string(),
  region: z.string(),
  packageType: z.string(),
  /** null for container-image functions, which have no managed runtime. */
  runtime: z.string().nullable(),
  handler: z.string().nullable(),
  roleArn: z.string(),
  lastModified: isoDate.nullable(),
  codeSha256: z.string().nullable(),
  version: z.string(),
  memorySize: z.number().nullable(),
  timeoutSeconds: z.number().nullable(),
  architectures: z.array(z.string()),
  layers: z.array(z.object({ arn: z.string(), codeSize: z.number().nullable() })),
  kmsKeyArn: z.string().nullable(),
  tracingMode: z.string().nullable(),
  deadLetterTargetArn: z.string().nullable(),
  vpc: z.object({ subnetIds: z.array(z.string()), securityGroupIds: z.array(z.string()) }).nullable(),
  /**
   * Lambda Managed Instances: the capacity provider the function runs on; null: Lambda's own
   * fleet. From the listing (no call); optional, as inventories written before lack it.
   */
  capacityProviderArn: z.string().nullable().optional(),
  /**
   * TenancyConfig.TenantIsolationMode (PER_TENANT: each tenant's invocations get execution
   * environments of their own); null: not set. From the listing (no call); optional, as
   * inventories written before lack it (read as unknown).
   */
  tenantIsolationMode: z.string().nullable().optional(),
  // The reads below are absent when the scan's plan did not include them (see reads.ts).
  /**
   * Classified variables; ok:false when Lambda could not decrypt them (it then returns
   * Environment.Error instead of the variables), which must not read as "no secrets".
   */
  environment: fetched(z.array(EnvVar)).optional(),
  /** Code signing config ARN (null: none), from the region's code signing configs. */
  codeSigningConfigArn: fetched(z.string().nullable()).optional(),
  /** The resource-based policy; ok(null): the function has none (ResourceNotFoundException). */
  policy: fetched(ParsedPolicy.nullable()).optional(),
  /** --policy-source config: where `policy` came from, and how old it is. */
  policySource: PolicySource.optional(),
  urlConfigs: fetched(z.array(FunctionUrlConfig)).optional(),
  /** Reserved concurrency; ok(null): none reserved. `source` says how it was learned. */
  reservedConcurrency: fetched(ReservedConcurrency).optional(),
  // --deep reads (lambda-function-extras.ts); added after schema version 2 shipped, optional like
  // every planned read, so no version bump.
  /** The asynchronous invocation configs of every qualifier; ok([]): none configured. */
  eventInvokeConfigs: fetched(z.array(EventInvokeConfig)).optional(),
  /** GetFunctionRecursionConfig's RecursiveLoop (Allow or Terminate); null: Lambda returned none. */
  recursiveLoop: fetched(z.string().nullable()).optional(),
  /**
   * The function's tags (GetFunction), by key. Values are kept since 0.1 for suppression rules by
   * tag; AWS documents tags as not for sensitive data, and reports still show only the keys.
   */
  tags: fetched(z.record(z.string(), z.string())).optional(),
  /** The keys only, as inventories written before tag values were kept hold them. */
  tagKeys: fetched(z.array(z.string())).optional(),
  /** --deep: the published versions, oldest first (from the region's listing); ok([]): none. */
  versions: fetched(z.array(PublishedVersion)).optional(),
  /** --deep: the aliases (ListAliases), by name; ok([]): none. */
  aliases: fetched(z.array(FunctionAlias)).optional(),
  /**
   * --scan-code: the deployment package scanned for secrets; ok(null): a container image (no
   * package to download); ok:false: GetFunction, the download or a hostile-archive cap stopped it.
   */
  code: fetched(CodeScan.nullable()).optional(),
});
export type LambdaFunction = z.infer<typeof LambdaFunction>;

export const LambdaAccountSettings = z.object({
  functionCount: z.number().int().nonnegative(),
  concurrentExecutions: z.number().int().nonnegative(),
  unreservedConcurrentExecutions: z.number().int().nonnegative(),
  codeSizeZipped: z.number().nullable(),
  totalCodeSize: z.number().nullable(),
});
export type LambdaAccountSettings = z.infer<typeof LambdaAccountSettings>;

export const CodeSigningConfig = z.object({
  arn: z.string(),
  allowedPublisherProfiles: z.array(z.string()),
  untrustedArtifactOnDeployment: z.string(),
});
export type CodeSigningConfig = z.infer<typeof CodeSigningConfig>;

export const EventSourceMapping = z.object({
  uuid: z.string(),
  functionArn: z.string(),
  eventSourceArn: z.string().nullable(),
  state: z.string().nullable(),
});
export type EventSourceMapping = z.infer<typeof EventSourceMapping>;

/**
 * A version of a layer this account owns (ListLayerVersions). `policy` is absent when the plan
 * left GetLayerVersionPolicy out; ok(null): the version has no policy (ResourceNotFoundException).
 */
export const LambdaLayerVersion = z.object({
  arn: z.string(),
  version: z.number().int().positive(),
  createdAt: isoDate.nullable(),
  /** Empty: the publisher named none (the version is not restricted to runtimes or architectures). */
  compatibleRuntimes: z.array(z.string()),
  compatibleArchitectures: z.array(z.string()),
  policy: fetched(ParsedPolicy.nullable()).optional(),
});
export type LambdaLayerVersion = z.infer<typeof LambdaLayerVersion>;

/** A layer this account owns, with every version that still exists (deleted ones are gone). */
export const LambdaLayer = z.object({
  name: z.string(),
  /** The layer ARN, without a version. */
  arn: z.string(),
  versions: fetched(z.array(LambdaLayerVersion)),
});
export type LambdaLayer = z.infer<typeof LambdaLayer>;

/** A VPC subnet a function is attached to (ec2:DescribeSubnets). */
export const Subnet = z.object({
  id: z.string(),
  vpcId: z.string().nullable(),
  availabilityZone: z.string().nullable(),
  /** The physical zone (use1-az1): names map to zones differently per account. */
  availabilityZoneId: z.string().nullable(),
});
export type Subnet = z.infer<typeof Subnet>;

/**
 * --policy-source config, per region: the recorder the scan judged, whether it used AWS Config
 * (`refusal` says why not: every policy was then read from Lambda), and how many policies came
 * from each source.
 */
export const RegionPolicySource = z.object({
  recorder: z
    .object({
      name: z.string(),
      recording: z.boolean(),
      lastStatus: z.string().nullable(),
      /** The frequency that applies to AWS::Lambda::Function (an override, else the recorder's). */
      lambdaFrequency: z.enum(['CONTINUOUS', 'DAILY']).nullable(),
      recordsLambda: z.boolean(),
    })
    .nullable(),
  refusal: z.string().nullable(),
  fromConfig: z.number().int().nonnegative(),
  fromLambda: z.number().int().nonnegative(),
});
export type RegionPolicySource = z.infer<typeof RegionPolicySource>;

export const LambdaRegion = z.object({
  /**
   * null: GetAccountSettings failed (`accountSettingsError` says how). The settings only save
   * calls, so the region was still listed and read in full; added after schema version 2 shipped
   * (an older inventory always has settings), so no version bump.
   */
  accountSettings: LambdaAccountSettings.nullable(),
  accountSettingsError: AwsErrorInfo.optional(),
  functions: z.array(LambdaFunction),
  /** Absent when the scan's plan did not include them. */
  eventSourceMappings: fetched(z.array(EventSourceMapping)).optional(),
  codeSigningConfigs: fetched(z.array(CodeSigningConfig)).optional(),
  /** The region's own layers (ListLayers); absent when the plan did not include them. */
  layers: fetched(z.array(LambdaLayer)).optional(),
  /**
   * The subnets the region's functions use; a subnet DescribeSubnets did not return (deleted) is
   * missing from the list. Absent when the plan did not include them.
   */
  subnets: fetched(z.array(Subnet)).optional(),
  /** --scan-code: each layer version the region's functions use, scanned once, sorted by ARN. */
  layerCode: z.array(LayerCodeScan).optional(),
  /** --policy-source config: what AWS Config gave this region's policies. */
  policySource: RegionPolicySource.optional(),
});
export type LambdaRegion = z.infer<typeof LambdaRegion>;

// ---------------------------------------------------------------------------------------------
// GuardDuty (per region)
// ---------------------------------------------------------------------------------------------
export const PublishingDestination = z.object({
  id: z.string(),
  type: z.string(),
  /** PENDING_VERIFICATION, PUBLISHING, UNABLE_TO_PUBLISH_FIX_DESTINATION_PERMISSION, STOPPED. */
  status: z.string(),
});
export type PublishingDestination = z.infer<typeof PublishingDestination>;

/** One finding as kept: what it is and where, never its raw service details. */
export const GuardDutyFinding = z.object({
  id: z.string(),
  type: z.string(),
  severity: z.number(),
  title: z.string(),
  resourceType: z.string(),
  /** The function a Lambda finding is about (Resource.LambdaDetails). */
  lambdaFunction: z.object({ name: z.string(), arn: z.string().nullable() }).nullable(),
  /** A sample finding (CreateSampleFindings: Service.AdditionalInfo.Sample), not a detection. */
  sample: z.boolean(),
  updatedAt: isoDate.nullable(),
});
export type GuardDutyFinding = z.infer<typeof GuardDutyFinding>;

export const HighSeverityFindings = z.object({
  /** The first page of matching ids, sorted by severity (highest first), and their details. */
  findings: z.array(GuardDutyFinding),
  /** More matched than the scan reads (ListFindings returned a next page). */
  truncated: z.boolean(),
});
export type HighSeverityFindings = z.infer<typeof HighSeverityFindings>;

export const GuardDutyAdministrator = z.object({
  accountId: z.string(),
  /** Enabled once the membership is in force; Invited, Removed, Resigned, … otherwise. */
  relationshipStatus: z.string(),
});
export type GuardDutyAdministrator = z.infer<typeof GuardDutyAdministrator>;

/** A protection plan of a detector; `additionalConfiguration` (agent management) was added later, so optional. */
export const GuardDutyFeature = z.object({
  name: z.string(),
  status: z.string(),
  additionalConfiguration: z.array(z.object({ name: z.string(), status: z.string() })).optional(),
});
export type GuardDutyFeature = z.infer<typeof GuardDutyFeature>;

export const GuardDutyDetector = z.object({
  id: z.string(),
  status: z.string(),
  features: z.array(GuardDutyFeature),
  /** ok:false when GetDetector failed for this detector (ListDetectors succeeded). */
  readError: AwsErrorInfo.nullable(),
  // The reads below were added after schema version 2 shipped, and are absent when the plan left
  // them out (or in an older inventory): either way a check reads them as "not collected".
  /** Where the detector exports its findings (ListPublishingDestinations); ok([]): nowhere. */
  publishingDestinations: fetched(z.array(PublishingDestination)).optional(),
  /** The GuardDuty administrator managing this member detector; ok(null): none (standalone or the administrator). */
  administrator: fetched(GuardDutyAdministrator.nullable()).optional(),
  /** Active (unarchived) findings of severity ≥ 7 (ListFindings + GetFindings, capped). */
  highSeverityFindings: fetched(HighSeverityFindings).optional(),
});
export type GuardDutyDetector = z.infer<typeof GuardDutyDetector>;
export const GuardDutyRegion = z.object({ detectors: z.array(GuardDutyDetector) });
export type GuardDutyRegion = z.infer<typeof GuardDutyRegion>;

// ---------------------------------------------------------------------------------------------
// IAM Access Analyzer (per region)
// ---------------------------------------------------------------------------------------------
/** One analyzer as ListAnalyzers returns it; its tags and unused-access configuration are left out. */
export const AccessAnalyzer = z.object({
  arn: z.string(),
  name: z.string(),
  /** ACCOUNT, ORGANIZATION (external access), *_UNUSED_ACCESS, *_INTERNAL_ACCESS. */
  type: z.string(),
  /** ACTIVE, CREATING, DISABLED, FAILED. */
  status: z.string(),
  /** Why an analyzer is DISABLED or FAILED (e.g. DELEGATED_ADMINISTRATOR_DEREGISTERED). */
  statusReason: z.string().nullable(),
  createdAt: isoDate.nullable(),
});
export type AccessAnalyzer = z.infer<typeof AccessAnalyzer>;
export const AccessAnalyzerRegion = z.object({ analyzers: z.array(AccessAnalyzer) });
export type AccessAnalyzerRegion = z.infer<typeof AccessAnalyzerRegion>;

// ---------------------------------------------------------------------------------------------
// The account itself (AWS Account Management and Organizations; global, read once)
// ---------------------------------------------------------------------------------------------
/** The SECURITY alternate contact; the phone number is not kept (the name and address identify it). */
export const AlternateContact = z.object({
  name: z.string().nullable(),
  title: z.string().nullable(),
  emailAddress: z.string().nullable(),
});
export type AlternateContact = z.infer<typeof AlternateContact>;

export const Organization = z.object({
  id: z.string(),
  arn: z.string().nullable(),
  managementAccountId: z.string().nullable(),
  featureSet: z.string().nullable(),
});
export type Organization = z.infer<typeof Organization>;

/** Each read is absent when the plan left it out. */
export const AccountData = z.object({
  /** ok(null): no SECURITY contact is registered (ResourceNotFoundException). */
  securityContact: fetched(AlternateContact.nullable()).optional(),
  /** ok(null): the account is in no organization (AWSOrganizationsNotInUseException). */
  organization: fetched(Organization.nullable()).optional(),
});
export type AccountData = z.infer<typeof AccountData>;

// ---------------------------------------------------------------------------------------------
// CloudTrail (per region, --changes-since): Lambda management events that change functions
// ---------------------------------------------------------------------------------------------
/**
 * One change, as CloudTrail recorded it, reduced to who, when, from where and to what function.
 * Never the request parameters (UpdateFunctionConfiguration carries environment values) nor the
 * response, with one exception: AddPermission's `principal`, which names who was granted and is
 * not secret (`permissionPrincipal`).
 */
export const FunctionChangeEvent = z.object({
  /**
   * CloudTrail's eventID: what tells this change from another at the same second by the same
   * principal, so a diff can say which changes are new. Absent in inventories before it was kept.
   */
  eventId: z.string().optional(),
  eventTime: isoDate,
  eventName: z.string(),
  /** The function's name (never its ARN's qualifier or a request parameter beyond it); null: none named. */
  functionName: z.string().nullable(),
  principalArn: z.string().nullable(),
  /** userIdentity.type: Root, IAMUser, AssumedRole, FederatedUser, AWSService, … */
  identityType: z.string().nullable(),
  /** The role behind an AssumedRole session (userIdentity.sessionContext.sessionIssuer.arn). */
  sessionIssuerArn: z.string().nullable(),
  /** sessionContext.attributes.mfaAuthenticated; null: CloudTrail did not say. */
  mfaAuthenticated: z.boolean().nullable(),
  sourceIpAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** The call failed (AccessDenied, …): nothing changed, but someone tried. */
  errorCode: z.string().nullable(),
  /** AddPermission only: requestParameters.principal ("*", an account, a service). */
  permissionPrincipal: z.string().nullable().optional(),
});
export type FunctionChangeEvent = z.infer<typeof FunctionChangeEvent>;

export const CloudTrailRegion = z.object({
  /** Newest first, as LookupEvents returns them. */
  lambdaChanges: z.array(FunctionChangeEvent),
  /** Events CloudTrail returned whose CloudTrailEvent JSON could not be parsed (counted, not kept). */
  unparsedEvents: z.number().int().nonnegative(),
});
export type CloudTrailRegion = z.infer<typeof CloudTrailRegion>;

/**
 * --changes-since and the change-review settings the scan judged by, kept in the inventory so an
 * evaluate of the saved file judges the same way.
 */
export const ChangeReview = z.object({
  startTime: isoDate,
  endTime: isoDate,
  /** ARN globs (`*` any run of characters) of the principals that deploy functions; empty: none configured. */
  deployers: z.array(z.string()),
  /** CIDRs changes are expected from; empty: none configured. */
  trustedIpRanges: z.array(z.string()),
});
export type ChangeReview = z.infer<typeof ChangeReview>;

// ---------------------------------------------------------------------------------------------
// Organization scans
// ---------------------------------------------------------------------------------------------
/** The identifier format AWS Organizations gives (API_Organization.html: `^o-[a-z0-9]{10,32}$`). */
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
const ACCOUNT_ID = /^\d{12}$/;

/**
 * The organization's service control policies as they bound one member account: one level per
 * node from the root down to the account (root, each OU, the account itself), each with the SCPs
 * attached there. AWS applies them as guardrails: a request of a principal of the account is
 * allowed only if every level has an SCP that allows it and no SCP at any level denies it. They
 * do not apply to the management account, nor to service-linked roles.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
 */
export const GuardrailPolicy = z.object({
  id: z.string(),
  name: z.string(),
  /** AWS-managed (FullAWSAccess) or the organization's own. */
  awsManaged: z.boolean(),
  policy: ParsedPolicy,
});
export type GuardrailPolicy = z.infer<typeof GuardrailPolicy>;

export const GuardrailLevel = z.object({
  /** r-…, ou-…, or the account id. */
  targetId: z.string(),
  /** The root's or OU's name, or the account's. */
  name: z.string(),
  policies: z.array(GuardrailPolicy),
});
export type GuardrailLevel = z.infer<typeof GuardrailLevel>;

export const ServiceControlPolicies = z.discriminatedUnion('applies', [
  z.object({
    applies: z.literal(true),
    /** Root first, then each OU down to the account's own level. */
    levels: z.array(GuardrailLevel).min(1),
  }),
  z.object({
    applies: z.literal(false),
    /** Why no SCP bounds the account: the management account, or SCPs not enabled on the root. */
    reason: z.enum(['management-account', 'not-enabled']),
  }),
]);
export type ServiceControlPolicies = z.infer<typeof ServiceControlPolicies>;

/**
 * The organization's GuardDuty delegated administrator in one region, as the management account's
 * guardduty:ListOrganizationAdminAccounts lists it. GuardDuty is regional: the management account
 * designates the delegated administrator per Region, an organization has at most one per Region,
 * and it manages the members "within that Region" only
 * (https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html,
 * https://docs.aws.amazon.com/guardduty/latest/ug/consolidate-orgs.html), so this is read, and
 * kept, per region.
 *
 * "Only the organization's management account can run this API operation"
 * (https://docs.aws.amazon.com/guardduty/latest/APIReference/API_ListOrganizationAdminAccounts.html):
 * when the scan's caller is not the management account (a delegated administrator of
 * Organizations), the call is not made and `notAnswerable` says why — a documented fact about the
 * caller, a value and not a failed read, as for ListOrganizationsFeatures (design note 32).
 */
export const GuardDutyOrganizationAdmins = z.object({
  adminAccounts: z.array(
    z.object({
      accountId: z.string(),
      /** ENABLED, or DISABLE_IN_PROGRESS while the management account removes it. */
      status: z.string(),
    }),
  ),
  /** caller-not-management-account: the call was not made (see above); null: it was answered. */
  notAnswerable: z.enum(['caller-not-management-account']).nullable(),
});
export type GuardDutyOrganizationAdmins = z.infer<typeof GuardDutyOrganizationAdmins>;

/**
 * The organization an account was scanned as part of (an organization scan), as the scan listed
 * it: what lets the checks tell a grant to another account *inside* the organization (inside the
 * zone of trust, as IAM Access Analyzer has it with the organization as its zone) from one to an
 * account outside. Absent: a single-account scan (or an older file), where membership is unknown.
 * Validated strictly, because a check trusts every account listed here: an empty list or an id
 * that is no organization id is a broken file, rejected at load with its path, never read as
 * "no organization".
 */
export const OrganizationContext = z
  .object({
    /** `o-…` */
    id: z
      .string()
      .regex(ORGANIZATION_ID, 'an AWS Organizations id (o- and 10 to 32 lowercase letters or digits)'),
    managementAccountId: z.string().regex(ACCOUNT_ID, 'a 12-digit account id'),
    /** Every account the organization listed (suspended ones too: still members), sorted. */
    accountIds: z.array(z.string().regex(ACCOUNT_ID, 'a 12-digit account id')).min(1),
    /**
     * The SCPs that bound this account, read with the caller's credentials; absent when they were
     * not read (an older file). A failed read is a coverage gap, and the IAM evaluator then
     * ignores SCPs (it can only over-state who may act, never hide anyone).
     */
    serviceControlPolicies: fetched(ServiceControlPolicies).optional(),
    /**
     * By region: the organization's GuardDuty delegated administrators, read once per organization
     * scan with the caller's credentials in each region the scan names (or the caller's enabled
     * regions). Absent: not read (no selected check needed it, or an older file); a region
     * missing from the record was not read there.
     */
    guardDutyAdministrators: z.record(z.string(), fetched(GuardDutyOrganizationAdmins)).optional(),
    /**
     * The organization's centralized root access features (iam:ListOrganizationsFeatures), read
     * once with the caller's credentials: the management account or the IAM delegated
     * administrator answers, where a member account may not ask. `notAnswerable` when the caller
     * may not either (design note 32's documented refusals). Absent: not read.
     */
    rootAccess: fetched(OrganizationsFeatures).optional(),
  })
  .refine((o) => o.accountIds.includes(o.managementAccountId), {
    message: 'the management account is a member of its organization: it must be in accountIds',
    path: ['accountIds'],
  });
export type OrganizationContext = z.infer<typeof OrganizationContext>;

// ---------------------------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------------------------
export const RegionInventory = z.object({
  lambda: slice(LambdaRegion),
  guardduty: slice(GuardDutyRegion),
  /** Absent unless the scan ran with --changes-since (or in an older file). */
  cloudtrail: slice(CloudTrailRegion).optional(),
  /** Added after schema version 2 shipped: absent in an older file (then "not collected"). */
  accessAnalyzer: slice(AccessAnalyzerRegion).optional(),
});
export type RegionInventory = z.infer<typeof RegionInventory>;

/** One failed read, as shown in every report's coverage section. */
export const CoverageGap = z.object({
  service: z.string(),
  operation: z.string(),
  region: z.string().nullable(),
  resource: z.string().nullable(),
  error: AwsErrorInfo,
});
export type CoverageGap = z.infer<typeof CoverageGap>;

export const Inventory = z.object({
  schemaVersion: z.literal(INVENTORY_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('lambda-posture'), version: z.string() }),
  scan: z.object({
    startedAt: isoDate,
    finishedAt: isoDate,
    accountId: z.string(),
    partition: z.string(),
    callerArn: z.string(),
    regions: z.array(z.string()),
    /** not-needed: the selected checks read no regional service, so no region was resolved. */
    regionsSource: z.enum(['flag', 'describe-regions', 'fixture', 'not-needed']),
    /** The reads this scan collected, planned from its checks (see reads.ts). */
    plan: z.array(ReadIdSchema),
    endpoint: z.string().nullable(),
    /** API calls made, by `service:Operation` (each HTTP attempt counted once, retries included). */
    apiCalls: z.record(z.string(), z.number().int().nonnegative()),
    /** Throttling responses received (then retried by the SDK). */
    throttledResponses: z.number().int().nonnegative(),
    /** --timeout, and whether the scan reached it (what it had not read then is recorded as timed out). */
    timeout: z.object({ limitMs: z.number().int().positive(), reached: z.boolean() }).nullable(),
    /** Names the fingerprint key the values were fingerprinted with (see io/fingerprint-key.ts). */
    fingerprintKeyId: z.string().optional(),
    /** --changes-since: the window and the settings the change checks judge by. */
    changeReview: ChangeReview.optional(),
    /** --policy-source: where function policies were read; absent: lambda (GetPolicy each). */
    policySource: z.enum(['lambda', 'config']).optional(),
    /**
     * Added after schema version 2 shipped: the organization of an organization scan; absent in a
     * single-account scan or an older file (membership unknown, as before).
     */
    organization: OrganizationContext.optional(),
  }),
  iam: slice(IamData),
  /** Added after schema version 2 shipped: absent when no selected check reads it, or in an older file. */
  account: AccountData.optional(),
  regions: z.record(z.string(), RegionInventory),
  coverage: z.array(CoverageGap),
});
export type Inventory = z.infer<typeof Inventory>;
