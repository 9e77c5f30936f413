/**
 * The reads a scan can make, as checks declare them and collection plans them. A check names the
 * reads it needs (`reads` in its metadata); a scan collects the union for the selected checks and
 * nothing else, so `scan --checks lambda.env-secrets` makes none of the per-function GetPolicy,
 * URL or GetFunction calls of a full scan. What a scan did not collect is absent from its
 * inventory, and a check that needs it later (evaluate with more checks) reports unknown
 * "not collected", never pass.
 */
import { z } from 'zod';

export const READS = {
  'iam.authorization':
    'GetAccountAuthorizationDetails, and GetPolicy + GetPolicyVersion per attached AWS-managed policy (once per account)',
  'iam.credential-report': 'GenerateCredentialReport (polled) + GetCredentialReport (once per account)',
  'iam.account-summary': 'GetAccountSummary (once per account)',
  'iam.password-policy': 'GetAccountPasswordPolicy (once per account)',
  'iam.virtual-mfa-devices': 'ListVirtualMFADevices (once per account)',
  'iam.server-certificates': 'ListServerCertificates (once per account, one page per 1,000 certificates)',
  'iam.organizations-features':
    'ListOrganizationsFeatures (once per account; answers only in the management or IAM delegated administrator account)',
  'lambda.functions': 'GetAccountSettings + ListFunctions (per region)',
  'lambda.environment':
    'environment variables classified as they arrive with ListFunctions (no extra call; values never kept)',
  'lambda.policies':
    'GetPolicy (per function, 15/s per region; and, with lambda.urls, per alias whose function URL is not AWS_IAM, since the alias’s own policy authorizes that URL)',
  'lambda.urls':
    'ListFunctionUrlConfigs (per function, shared 15/s per region): the URLs of the function and of its aliases',
  'lambda.reserved-concurrency':
    'GetFunction (per function, 100/s per region), only in regions where some function reserves concurrency',
  'lambda.code-signing': 'ListCodeSigningConfigs + ListFunctionsByCodeSigningConfig (per region)',
  'lambda.event-source-mappings': 'ListEventSourceMappings (per region)',
  'lambda.layers': 'ListLayers + ListLayerVersions per own layer (per region)',
  'lambda.layer-policies': 'GetLayerVersionPolicy per own layer version (shared 15/s per region)',
  'lambda.event-invoke-configs':
    'ListFunctionEventInvokeConfigs (per function, shared 15/s per region): asynchronous invocation configs of every qualifier',
  'lambda.recursion-config': 'GetFunctionRecursionConfig (per function, shared 15/s per region)',
  'lambda.tags':
    'GetFunction (per function, 100/s per region): the same call as lambda.reserved-concurrency where that makes it, so no extra call there',
  'lambda.versions':
    'ListFunctions with FunctionVersion=ALL in place of the plain listing (per region: one call per 50 functions and published versions)',
  'lambda.aliases': 'ListAliases (per function, shared 15/s per region; one call per 50 aliases)',
  'lambda.qualifier-policies':
    'GetPolicy with Qualifier (per alias and per published version, 15/s per region)',
  'lambda.code':
    'GetFunction (per Zip function, 100/s per region; the same call as lambda.reserved-concurrency and lambda.tags where those make it) + one download of the package from its presigned S3 URL (S3 traffic, up to 250 MiB each, 4 at a time per region)',
  'lambda.layer-code':
    'GetLayerVersion (per distinct layer version the functions use, shared 15/s per region) + one download of each from its presigned S3 URL (S3 traffic)',
  'lambda.vpc-subnets':
    "ec2:DescribeSubnets for the subnets functions use (per region: one call up to 200 subnets in use, else the region's subnets 1,000 per call)",
  'guardduty.detectors': 'ListDetectors + GetDetector (per region)',
  'guardduty.publishing-destinations': 'ListPublishingDestinations (per detector: one per region)',
  'guardduty.administrator': 'GetAdministratorAccount (per detector: one per region)',
  'guardduty.findings':
    'ListFindings, severity ≥ 7 and not archived, one page of 50 (per detector) + GetFindings for those ids (one call)',
  'cloudtrail.lambda-changes':
    'cloudtrail:LookupEvents EventSource=lambda.amazonaws.com over the --changes-since window (per region: one call per 50 events, 2/s per region); only with --changes-since',
  'accessanalyzer.analyzers': 'access-analyzer:ListAnalyzers (per region, one call per 100 analyzers)',
  'account.security-contact': 'account:GetAlternateContact SECURITY (once per account)',
  'account.organization': 'organizations:DescribeOrganization (once per account)',
  'organization.guardduty-administrators':
    'guardduty:ListOrganizationAdminAccounts (organization scans only: once per region for the whole organization, with the caller’s credentials; only the management account may ask)',
  'organization.root-access':
    'iam:ListOrganizationsFeatures (organization scans only: once for the whole organization, with the caller’s credentials)',
} as const;

export type ReadId = keyof typeof READS;

/**
 * Reads that can push a scan past its budget of about three calls per function: the layer reads
 * grow with every layer version the account ever published and kept; the per-function
 * configuration reads (asynchronous invocation configs, recursive loop detection, tags, aliases)
 * each add a call per function, most of them in the shared 15/s bucket that already sets the
 * scan's floor; the published versions lengthen the listing by a page per 50 versions; and the
 * qualifiers' policies cost a GetPolicy per alias and per version. The checks that need them run
 * only with --deep (or when named by id in --checks): see select.ts.
 */
export const DEEP_READS: ReadonlySet<ReadId> = new Set<ReadId>([
  'lambda.layers',
  'lambda.layer-policies',
  'lambda.event-invoke-configs',
  'lambda.recursion-config',
  'lambda.tags',
  'lambda.versions',
  'lambda.aliases',
  'lambda.qualifier-policies',
]);
/** Reads made only with --changes-since: their checks are not selected without it. */
export const CHANGE_READS: ReadonlySet<ReadId> = new Set<ReadId>(['cloudtrail.lambda-changes']);

/**
 * Reads that download code (--scan-code): every function's deployment package and every layer
 * version the functions use, megabytes each, so neither the default plan nor --deep makes them.
 * Their checks run only with --scan-code (or when named by id in --checks): see select.ts.
 */
export const CODE_READS: ReadonlySet<ReadId> = new Set<ReadId>(['lambda.code', 'lambda.layer-code']);
export const READ_IDS = Object.keys(READS) as ReadId[];
export const ReadIdSchema = z.enum(READ_IDS as [ReadId, ...ReadId[]]);

/** Why a service slice a scan did not read is `skipped`: no selected check reads it. */
export const NOT_NEEDED_REASON = 'not needed by the selected checks';

/** What a scan collects: the reads asked for plus what they stand on (function reads need the listing). */
export class ReadPlan {
  readonly reads: ReadonlySet<ReadId>;

  constructor(reads: Iterable<ReadId>) {
    const all = new Set(reads);
    for (const r of all) {
      if (r.startsWith('lambda.')) all.add('lambda.functions');
      // Destinations and findings are read per detector, so the detectors must be listed.
      if (r.startsWith('guardduty.')) all.add('guardduty.detectors');
    }
    // A layer version's policy is asked for by its version number, which only the listing gives.
    if (all.has('lambda.layer-policies')) all.add('lambda.layers');
    // A qualifier's policy is asked for by its name: the versions and aliases must be listed.
    if (all.has('lambda.qualifier-policies')) {
      all.add('lambda.versions');
      all.add('lambda.aliases');
    }
    this.reads = all;
  }

  /**
   * Every API read: what a scan collects when nothing narrows it. The code downloads
   * (CODE_READS) are never implied: they are asked for by name (--scan-code selects their checks).
   */
  static all(): ReadPlan {
    return new ReadPlan(READ_IDS.filter((r) => !CODE_READS.has(r)));
  }

  has(read: ReadId): boolean {
    return this.reads.has(read);
  }

  /** Does the plan touch this service at all? */
  needs(service: 'iam' | 'lambda' | 'guardduty' | 'accessanalyzer' | 'account' | 'cloudtrail'): boolean {
    for (const r of this.reads) if (r.startsWith(`${service}.`)) return true;
    return false;
  }

  /** Does the plan read any regional service (so regions must be resolved)? */
  needsRegions(): boolean {
    return (
      this.needs('lambda') ||
      this.needs('guardduty') ||
      this.needs('accessanalyzer') ||
      this.needs('cloudtrail')
    );
  }

  /** In READS order, for the inventory and the report. */
  list(): ReadId[] {
    return READ_IDS.filter((r) => this.reads.has(r));
  }
}
