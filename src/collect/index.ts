/**
 * One scan's collection: session → identity → regions → IAM once and, per region, Lambda and
 * GuardDuty, all concurrently (the limiter at the `send` leaf bounds the real work). The read plan
 * decides what is read at all: a service no selected check needs is `skipped`, a read no check
 * needs is absent, and regions are not even resolved when no regional read is planned.
 * Collectors return values; this is the one step that assembles them into the Inventory.
 * Validation (zod) and coverage are run.ts's job.
 */
import { randomBytes } from 'node:crypto';
import type { AssumeRoleSettings } from '../aws/assume-role.js';
import { createAwsSession } from '../aws/clients.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, IDENTITY_MAX_ATTEMPTS } from '../aws/defaults.js';
import { NOT_NEEDED_REASON, type ReadPlan } from '../inventory/reads.js';
import {
  type ChangeReview,
  INVENTORY_SCHEMA_VERSION,
  type Inventory,
  type OrganizationContext,
  type RegionInventory,
  type Slice,
} from '../inventory/schema.js';
import { durationText } from '../text/duration.js';
import { collectAccessAnalyzerRegion } from './access-analyzer.js';
import { collectAccount } from './account.js';
import { collectCloudTrailRegion } from './cloudtrail.js';
import { classifyEnvironment, fingerprint } from './env-vars.js';
import { collectGuardDutyRegion } from './guardduty.js';
import { collectIam } from './iam.js';
import { type ClassifyEnvironment, collectLambdaRegion } from './lambda.js';
import { resolveRegions } from './regions.js';
import { collectIdentity } from './sts.js';
import { collectSubnets, subnetIdsOf } from './subnets.js';

export interface ProgressEvent {
  phase: string;
  region?: string;
  done?: number;
  total?: number;
  message: string;
}

export interface CollectOptions {
  /** From --regions; default: every region enabled for the account. */
  regions?: string[];
  profile?: string;
  endpointUrl?: string;
  /** --role-arn: scan as this role, assumed from the caller's credentials. */
  assumeRole?: AssumeRoleSettings;
  concurrency: number;
  maxAttempts: number;
  rateScale: number;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** The whole scan's time limit (--timeout): then what is not read yet is recorded as timed out. */
  timeoutMs?: number;
  /** What to read: the union of the selected checks' reads. */
  plan: ReadPlan;
  toolVersion: string;
  /** The scan clock: startedAt and finishedAt come from it (tests pass a fixed one). */
  clock?: () => Date;
  /**
   * --fingerprint-key: every environment value is fingerprinted with this key's salt for the
   * account, so the next scan with the key can tell which values changed (io/fingerprint-key.ts).
   */
  fingerprintKey?: { readonly id: string; saltFor(accountId: string): Buffer };
  /**
   * --changes-since: the window of CloudTrail event history to read (ending at the scan clock's
   * start) and the settings the change checks judge by, recorded in the inventory.
   */
  changeReview?: ChangeReview;
  /** --policy-source: `config` reads function policies from AWS Config where it may. */
  policySource?: 'lambda' | 'config';
  /**
   * An organization scan: the organization this account was scanned as part of, recorded in the
   * inventory (`scan.organization`) so the checks can tell accounts inside it from those outside.
   * Absent: a single-account scan.
   */
  organization?: OrganizationContext;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Called once IAM is collected, while the regions may still be read: the caller can start work
   * that needs IAM alone (run.ts's head start on the access analysis). It must not block: the
   * scan's requests are still in flight. The slice is the inventory's own (not to be changed).
   */
  onIamCollected?: (iam: Inventory['iam'], scan: { accountId: string; startedAt: string }) => void;
}

export async function collect(options: CollectOptions): Promise<Inventory> {
  const clock = options.clock ?? (() => new Date());
  const startedAt = clock().toISOString();
  const { onProgress, plan } = options;
  const session = createAwsSession({
    concurrency: options.concurrency,
    maxAttempts: options.maxAttempts,
    rateScale: options.rateScale,
    ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
    ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
    ...(options.timeoutMs === undefined
      ? {}
      : {
          timeoutMs: options.timeoutMs,
          onTimeout: () =>
            onProgress?.({
              phase: 'timeout',
              message: `the scan reached its --timeout (${durationText(options.timeoutMs ?? 0)}): stopping; what is not read yet is recorded as timed out`,
            }),
        }),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
    ...(options.assumeRole ? { assumeRole: options.assumeRole } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  // The SDK honours AWS_ENDPOINT_URL too; record it so a scan of any other endpoint (a proxy,
  // LocalStack, a test double) never passes for a scan of AWS.
  const endpoint = options.endpointUrl ?? process.env.AWS_ENDPOINT_URL ?? null;
  try {
    onProgress?.({ phase: 'identity', message: 'identifying the account' });
    const profile = options.profile ?? process.env.AWS_PROFILE;
    const identity = await collectIdentity(session, {
      ...(profile ? { profile } : {}),
      ...(endpoint ? { endpoint } : {}),
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      attempts: Math.min(options.maxAttempts, IDENTITY_MAX_ATTEMPTS),
      envCredentials: Boolean(process.env.AWS_ACCESS_KEY_ID),
    });
    session.setPartition(identity.partition);

    const resolved = plan.needsRegions()
      ? await (async () => {
          onProgress?.({ phase: 'regions', message: 'resolving regions' });
          return resolveRegions(session, options.regions);
        })()
      : { regions: [], source: 'not-needed' as const, describeError: null };
    if (!plan.needsRegions() && options.regions) {
      onProgress?.({
        phase: 'regions',
        message: '--regions is not used: the selected checks read no regional service',
      });
    }
    if (resolved.describeError) {
      onProgress?.({
        phase: 'regions',
        message: `could not check --regions against DescribeRegions (${resolved.describeError.class} ${resolved.describeError.code}); using them as given`,
      });
    }
    onProgress?.({
      phase: 'regions',
      message: `scanning ${resolved.regions.length} regions`,
      total: resolved.regions.length,
    });

    // Per scan, in memory only: fingerprints can be compared within one report, never across
    // scans, and cannot be brute-forced from the report alone. With a fingerprint key, the salt
    // is the key's for this account, and every value is fingerprinted, so scans compare.
    const key = options.fingerprintKey;
    const salt = key ? key.saltFor(identity.accountId) : randomBytes(32);
    const classify: ClassifyEnvironment = key
      ? withValueFingerprints(classifyEnvironment)
      : classifyEnvironment;

    const skipped = <T>(): Promise<Slice<T>> =>
      Promise.resolve({ status: 'skipped', reason: NOT_NEEDED_REASON });
    let regionsDone = 0;
    const [iam, account, regionEntries] = await Promise.all([
      plan.needs('iam')
        ? collectIam(session, {
            plan,
            clock,
            ...(onProgress ? { onProgress } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
          }).then((slice) => {
            options.onIamCollected?.(slice, { accountId: identity.accountId, startedAt });
            return slice;
          })
        : skipped<never>(),
      plan.needs('account') ? collectAccount(session, plan) : undefined,
      Promise.all(
        resolved.regions.map(async (region): Promise<[string, RegionInventory]> => {
          const review = options.changeReview;
          const [lambda, guardduty, cloudtrail, accessAnalyzer] = await Promise.all([
            plan.needs('lambda')
              ? collectLambdaRegion(session, region, {
                  plan,
                  salt,
                  classifyEnvironment: classify,
                  ...(onProgress ? { onProgress } : {}),
                  ...(options.policySource ? { policySource: options.policySource } : {}),
                  now: new Date(startedAt),
                }).then(async (slice) => {
                  // The subnets in use are known only once the functions are listed.
                  if (slice.status === 'ok' && plan.has('lambda.vpc-subnets'))
                    slice.data.subnets = await collectSubnets(
                      session,
                      region,
                      subnetIdsOf(slice.data.functions),
                    );
                  return slice;
                })
              : skipped<never>(),
            plan.has('guardduty.detectors')
              ? collectGuardDutyRegion(session, region, { plan, accountId: identity.accountId })
              : skipped<never>(),
            plan.has('cloudtrail.lambda-changes') && review
              ? collectCloudTrailRegion(session, region, {
                  startTime: new Date(review.startTime),
                  endTime: new Date(review.endTime),
                })
              : undefined,
            plan.has('accessanalyzer.analyzers')
              ? collectAccessAnalyzerRegion(session, region)
              : skipped<never>(),
          ]);
          regionsDone += 1;
          onProgress?.({
            phase: 'regions',
            region,
            message: `done (${regionsDone}/${resolved.regions.length} regions)`,
            done: regionsDone,
            total: resolved.regions.length,
          });
          return [region, { lambda, guardduty, accessAnalyzer, ...(cloudtrail ? { cloudtrail } : {}) }];
        }),
      ),
    ]);

    const stats = session.stats();
    return {
      schemaVersion: INVENTORY_SCHEMA_VERSION,
      tool: { name: 'lambda-posture', version: options.toolVersion },
      scan: {
        startedAt,
        finishedAt: clock().toISOString(),
        accountId: identity.accountId,
        partition: identity.partition,
        callerArn: identity.callerArn,
        regions: resolved.regions,
        regionsSource: resolved.source,
        ...(key ? { fingerprintKeyId: key.id } : {}),
        ...(options.changeReview && plan.has('cloudtrail.lambda-changes')
          ? { changeReview: options.changeReview }
          : {}),
        ...(options.policySource === 'config' && plan.has('lambda.policies')
          ? { policySource: 'config' as const }
          : {}),
        ...(options.organization ? { organization: organizationRecord(options.organization) } : {}),
        plan: plan.list(),
        endpoint,
        apiCalls: stats.apiCalls,
        throttledResponses: stats.throttledResponses,
        timeout:
          options.timeoutMs === undefined
            ? null
            : { limitMs: options.timeoutMs, reached: session.timedOut() },
      },
      iam,
      ...(account ? { account } : {}),
      regions: Object.fromEntries(regionEntries),
      coverage: [],
    };
  } finally {
    session.destroy();
  }
}

/** As the schema describes it: account ids sorted and each once, whatever order the listing gave. */
function organizationRecord(org: OrganizationContext): OrganizationContext {
  return { ...org, accountIds: [...new Set(org.accountIds)].sort() };
}

/**
 * The classifier, with every non-empty value's fingerprint added (under the key's salt). Values
 * are read here only to be hashed, as the classifier reads them, and are dropped with it.
 */
function withValueFingerprints(classify: ClassifyEnvironment): ClassifyEnvironment {
  return async (vars, salt) => {
    const classified = await classify(vars, salt);
    return classified.map((v) => {
      const value = vars[v.name];
      return value ? { ...v, valueFingerprint: fingerprint(salt, value) } : v;
    });
  };
}
