/**
 * One scan's collection: session → identity → regions → IAM once and, per region, Lambda and
 * GuardDuty, all concurrently (the limiter at the `send` leaf bounds the real work). Collectors
 * return values; this is the one step that assembles them into the Inventory. Validation (zod)
 * and coverage are run.ts's job.
 */
import { randomBytes } from 'node:crypto';
import { createAwsSession } from '../aws/clients.js';
import { INVENTORY_SCHEMA_VERSION, type Inventory, type RegionInventory } from '../inventory/schema.js';
import { classifyEnvironment } from './env-vars.js';
import { collectGuardDutyRegion } from './guardduty.js';
import { collectIam } from './iam.js';
import { collectLambdaRegion } from './lambda.js';
import { resolveRegions } from './regions.js';
import { collectIdentity } from './sts.js';

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
  concurrency: number;
  maxAttempts: number;
  rateScale: number;
  toolVersion: string;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
}

export async function collect(options: CollectOptions): Promise<Inventory> {
  const startedAt = new Date().toISOString();
  const onProgress = options.onProgress;
  const session = createAwsSession({
    concurrency: options.concurrency,
    maxAttempts: options.maxAttempts,
    rateScale: options.rateScale,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  try {
    onProgress?.({ phase: 'identity', message: 'identifying the account' });
    const identity = await collectIdentity(session);
    session.setPartition(identity.partition);

    onProgress?.({ phase: 'regions', message: 'resolving regions' });
    const resolved = await resolveRegions(session, options.regions);
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
    // scans, and cannot be brute-forced from the report alone.
    const salt = randomBytes(32);

    let regionsDone = 0;
    const [iam, regionEntries] = await Promise.all([
      collectIam(session, {
        ...(onProgress ? { onProgress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      }),
      Promise.all(
        resolved.regions.map(async (region): Promise<[string, RegionInventory]> => {
          const [lambda, guardduty] = await Promise.all([
            collectLambdaRegion(session, region, {
              salt,
              classifyEnvironment,
              ...(onProgress ? { onProgress } : {}),
            }),
            collectGuardDutyRegion(session, region),
          ]);
          regionsDone += 1;
          onProgress?.({
            phase: 'regions',
            region,
            message: `done (${regionsDone}/${resolved.regions.length} regions)`,
            done: regionsDone,
            total: resolved.regions.length,
          });
          return [region, { lambda, guardduty }];
        }),
      ),
    ]);

    const stats = session.stats();
    return {
      schemaVersion: INVENTORY_SCHEMA_VERSION,
      tool: { name: 'lambda-posture', version: options.toolVersion },
      scan: {
        startedAt,
        finishedAt: new Date().toISOString(),
        accountId: identity.accountId,
        partition: identity.partition,
        callerArn: identity.callerArn,
        regions: resolved.regions,
        regionsSource: resolved.source,
        // The SDK also honours AWS_ENDPOINT_URL; record it so a scan of any other endpoint (a proxy,
        // LocalStack, a test double) never passes for a scan of AWS.
        endpoint: options.endpointUrl ?? process.env.AWS_ENDPOINT_URL ?? null,
        apiCalls: stats.apiCalls,
        throttledResponses: stats.throttledResponses,
      },
      iam,
      regions: Object.fromEntries(regionEntries),
      coverage: [],
    };
  } finally {
    session.destroy();
  }
}
