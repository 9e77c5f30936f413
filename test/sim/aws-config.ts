/**
 * AWS Config's view of the simulated account (for `--policy-source config`): per region a
 * configuration recorder (recording group, recording mode, status) and, where it records
 * AWS::Lambda::Function, a configuration item per function holding what Config captured — the
 * function's RevisionId and LastModified at capture, and its resource policy, which a real item
 * carries as `supplementaryConfiguration.Policy`, a JSON string.
 *
 * Items are derived from the final account (after every fact group), from a stream of their own,
 * so planting them changes nothing else. Most items are fresh (captured after the function's last
 * change, same RevisionId and policy). The stale ones are what a scan must not believe:
 *
 * - policy-changed: AddPermission after the capture. It changes the function's RevisionId but not
 *   its LastModified, so only the RevisionId gives it away; the item still holds the old policy
 *   (the live policy without its last statement, or none). The ground truth is the live policy.
 * - config-changed: an UpdateFunctionConfiguration after the capture: LastModified is later than
 *   the capture time, the RevisionId differs, the policy is the same.
 * - not-recorded: no item yet (a function created since the recorder's last delivery), or one
 *   with status ResourceNotRecorded.
 * - unprocessed: BatchGetResourceConfig returns the key in unprocessedResourceKeys the first
 *   `unprocessed` times it is asked for (Infinity: always).
 *
 * `truth` records which functions were planted which way, and which regions record Lambda, for
 * the tests to compare a scan against.
 */
import type { PolicyDoc, SimAccount } from './account.js';
import { chance, fork, int } from './prng.js';

export const LAMBDA_FUNCTION_TYPE = 'AWS::Lambda::Function';

export type RecordingFrequency = 'CONTINUOUS' | 'DAILY';

export interface SimConfigRecorder {
  name: string;
  recording: boolean;
  /** DescribeConfigurationRecorderStatus's lastStatus. */
  lastStatus: 'Pending' | 'Success' | 'Failure';
  /** recordingGroup: allSupported, or the resource types included, or (exclusion) excluded. */
  strategy: 'ALL_SUPPORTED_RESOURCE_TYPES' | 'INCLUSION_BY_RESOURCE_TYPES' | 'EXCLUSION_BY_RESOURCE_TYPES';
  resourceTypes: string[];
  exclusionTypes: string[];
  recordingFrequency: RecordingFrequency;
  overrides: { resourceTypes: string[]; recordingFrequency: RecordingFrequency }[];
}

export type ConfigItemStatus =
  | 'OK'
  | 'ResourceDiscovered'
  | 'ResourceNotRecorded'
  | 'ResourceDeleted'
  | 'ResourceDeletedNotRecorded';

export interface SimConfigItem {
  functionName: string;
  arn: string;
  status: ConfigItemStatus;
  captureTime: string;
  revisionId: string;
  lastModified: string;
  policy: PolicyDoc | null;
  /** How many times BatchGetResourceConfig leaves it unprocessed before answering it. */
  unprocessed?: number;
}

export interface SimConfigRegion {
  /** null: no configuration recorder in the region. */
  recorder: SimConfigRecorder | null;
  /** By function name (Config's resourceId for AWS::Lambda::Function). */
  items: Record<string, SimConfigItem>;
}

export type PlantedItem = 'fresh' | 'policy-changed' | 'config-changed' | 'not-recorded' | 'unprocessed';

export interface SimConfigTruth {
  /** Per region: does its recorder record Lambda functions, and how often. */
  regions: Record<string, { recordsLambda: boolean; frequency: RecordingFrequency | null }>;
  /** Per function ARN, in regions that record Lambda. */
  items: Record<string, PlantedItem>;
}

export interface AwsConfigOptions {
  /** Regions whose recorder does not record AWS::Lambda::Function (excluded by type). */
  unrecordedRegions?: string[];
  /** Regions whose recorder records Lambda daily (a recordingModeOverride). */
  dailyRegions?: string[];
  /** 0..1: share of each stale kind among a recorded region's functions (default 0.04 each). */
  staleRate?: number;
}

const HOUR_MS = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function recorder(
  region: string,
  opts: Required<AwsConfigOptions>,
): { recorder: SimConfigRecorder; recordsLambda: boolean; frequency: RecordingFrequency } {
  const unrecorded = opts.unrecordedRegions.includes(region);
  const daily = opts.dailyRegions.includes(region);
  return {
    recorder: {
      name: 'default',
      recording: true,
      lastStatus: 'Success',
      strategy: unrecorded ? 'EXCLUSION_BY_RESOURCE_TYPES' : 'ALL_SUPPORTED_RESOURCE_TYPES',
      resourceTypes: [],
      exclusionTypes: unrecorded ? [LAMBDA_FUNCTION_TYPE, 'AWS::EC2::NetworkInterface'] : [],
      recordingFrequency: 'CONTINUOUS',
      overrides: daily ? [{ resourceTypes: [LAMBDA_FUNCTION_TYPE], recordingFrequency: 'DAILY' }] : [],
    },
    recordsLambda: !unrecorded,
    frequency: daily ? 'DAILY' : 'CONTINUOUS',
  };
}

/** The policy as it was before its last AddPermission: without its last statement, or none. */
function beforeLastPermission(policy: PolicyDoc): PolicyDoc | null {
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [];
  if (statements.length <= 1) return null;
  return { ...policy, Statement: statements.slice(0, -1) };
}

export function generateAwsConfig(
  account: SimAccount,
  seed: number,
  options: AwsConfigOptions = {},
): { regions: Record<string, SimConfigRegion>; truth: SimConfigTruth } {
  const opts: Required<AwsConfigOptions> = {
    unrecordedRegions: options.unrecordedRegions ?? [],
    dailyRegions: options.dailyRegions ?? [],
    staleRate: options.staleRate ?? 0.04,
  };
  const rng = fork(seed, 'aws-config');
  const nowMs = Date.parse(account.now);
  const regions: Record<string, SimConfigRegion> = {};
  const truth: SimConfigTruth = { regions: {}, items: {} };
  for (const region of account.regions) {
    const r = recorder(region, opts);
    truth.regions[region] = { recordsLambda: r.recordsLambda, frequency: r.frequency };
    const items: Record<string, SimConfigItem> = {};
    regions[region] = { recorder: r.recorder, items };
    if (!r.recordsLambda) continue;
    for (const fn of account.lambda[region]?.functions ?? []) {
      const lastModifiedMs = Date.parse(fn.lastModified);
      // Continuous recording delivers within minutes of a change; daily, within the last day.
      const captureMs =
        r.frequency === 'DAILY'
          ? Math.max(lastModifiedMs + HOUR_MS, nowMs - int(rng, 1, 20) * HOUR_MS)
          : lastModifiedMs + int(rng, 1, 10) * 60_000;
      const fresh: SimConfigItem = {
        functionName: fn.name,
        arn: fn.arn,
        status: 'OK',
        captureTime: iso(Math.min(captureMs, nowMs)),
        revisionId: fn.revisionId,
        lastModified: fn.lastModified,
        policy: fn.policy,
      };
      // One draw per function: each stale kind takes staleRate of it (policy-changed only where
      // there is a policy to have changed).
      const draw = rng();
      const p = opts.staleRate;
      let kind: PlantedItem = 'fresh';
      if (draw < p) kind = fn.policy ? 'policy-changed' : 'config-changed';
      else if (draw < 2 * p) kind = 'config-changed';
      else if (draw < 3 * p) kind = 'not-recorded';
      else if (draw < 4 * p) kind = 'unprocessed';
      truth.items[fn.arn] = kind;
      if (kind === 'fresh') items[fn.name] = fresh;
      else if (kind === 'policy-changed' && fn.policy) {
        items[fn.name] = {
          ...fresh,
          revisionId: `${fn.revisionId.slice(0, -4)}0ld0`,
          policy: beforeLastPermission(fn.policy),
        };
      } else if (kind === 'config-changed') {
        items[fn.name] = {
          ...fresh,
          captureTime: iso(lastModifiedMs - 2 * HOUR_MS),
          lastModified: iso(lastModifiedMs - 3 * HOUR_MS),
          revisionId: `${fn.revisionId.slice(0, -4)}c0f9`,
        };
      } else if (kind === 'not-recorded') {
        // Half never captured, half captured as not recorded (the recorder's scope changed).
        if (chance(rng, 0.5)) items[fn.name] = { ...fresh, status: 'ResourceNotRecorded' };
      } else if (kind === 'unprocessed') {
        // Most come back on a second ask; a few never do and must be read from Lambda.
        items[fn.name] = { ...fresh, unprocessed: chance(rng, 0.75) ? 1 : Number.POSITIVE_INFINITY };
      }
    }
  }
  return { regions, truth };
}
