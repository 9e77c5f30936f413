/**
 * --policy-source config: function resource policies from AWS Config instead of a GetPolicy each.
 *
 * GetPolicy is 15 requests/s per region and cannot be raised, so it sets the floor of every scan.
 * Where AWS Config records AWS::Lambda::Function, each function's configuration item already holds
 * its resource policy (`supplementaryConfiguration.Policy`, the policy document as a JSON string;
 * absent when the function has none), and BatchGetResourceConfig returns 100 items a call.
 *
 * Per region, before any item is believed:
 *   DescribeConfigurationRecorders + DescribeConfigurationRecorderStatus (once): the region is
 *   refused — every policy read from Lambda, with the reason recorded and shown — when there is no
 *   recorder, it is not recording, its last status is Failure, its recording group leaves out
 *   AWS::Lambda::Function, or either read fails.
 * Per item (BatchGetResourceConfig, keys {AWS::Lambda::Function, function name}, 100 a call, the
 * keys queued as the listing names the functions), the policy is taken from Config only if:
 *   - configurationItemStatus is OK or ResourceDiscovered (ResourceNotRecorded and the deleted
 *     statuses hold no current configuration);
 *   - the item's configuration.revisionId equals the RevisionId ListFunctions just returned.
 *     Lambda gives a function a new RevisionId on every change, its policy's included (GetPolicy
 *     returns the same RevisionId, and AddPermission takes it as a precondition), while
 *     AddPermission leaves LastModified alone: this comparison, not the times, is what catches a
 *     permission added after the item was captured;
 *   - it was captured no earlier than the function's LastModified;
 *   - under daily recording, it was captured at most DAILY_MAX_AGE_MS before the scan.
 * Anything else — no item, a stale one, a key still unprocessed after its second ask, a failed
 * call, a policy that does not parse as JSON — is read live with GetPolicy, and the function's
 * `policySource` says which and why. Nothing else of the item is kept: its `configuration` also
 * holds the function's environment variables, and only revisionId is read out of it.
 */
import {
  type BaseConfigurationItem,
  BatchGetResourceConfigCommand,
  type ConfigServiceClient,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
} from '@aws-sdk/client-config-service';
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { AwsErrorInfo, ParsedPolicy, PolicySource, RegionPolicySource } from '../inventory/schema.js';
import { parsePolicy } from '../policy/parse.js';
import { awsDateToIso } from './dates.js';
import { read } from './read.js';

const SERVICE = 'config';
export const LAMBDA_FUNCTION_TYPE = 'AWS::Lambda::Function';
/** BatchGetResourceConfig's limit (API reference: resourceKeys, 1 to 100 members). */
export const BATCH_SIZE = 100;
/**
 * Daily recording delivers an item once a day for a resource that changed; 24 h plus two hours
 * for delivery. An older daily item is not used, whatever its RevisionId says.
 */
export const DAILY_MAX_AGE_MS = 26 * 3_600_000;

type Frequency = 'CONTINUOUS' | 'DAILY';

/** What a function's policy is, if Config may say; otherwise why it must be read from Lambda. */
export type ConfigAnswer =
  | { from: 'config'; policy: ParsedPolicy | null; source: Extract<PolicySource, { from: 'config' }> }
  | { from: 'lambda'; reason: string };

type Recorder = NonNullable<RegionPolicySource['recorder']>;

interface Pending {
  name: string;
  revisionId: string | null;
  lastModified: string | null;
  asked: number;
  resolve: (a: ConfigAnswer) => void;
}

const describe = (e: AwsErrorInfo) => `${e.service}:${e.operation} failed (${e.class}: ${e.code})`;

/** The recorder's answer for Lambda: usable with its frequency, or the reason it is refused. */
export function judgeRecorder(
  recorders: {
    name?: string;
    recordingGroup?: {
      allSupported?: boolean;
      resourceTypes?: string[];
      exclusionByResourceTypes?: { resourceTypes?: string[] };
      recordingStrategy?: { useOnly?: string };
    };
    recordingMode?: {
      recordingFrequency?: string;
      recordingModeOverrides?: { resourceTypes?: string[]; recordingFrequency?: string }[];
    };
  }[],
  statuses: { name?: string; recording?: boolean; lastStatus?: string }[],
  region: string,
): { recorder: Recorder | null; refusal: string | null } {
  const r = recorders[0];
  if (!r) return { recorder: null, refusal: `AWS Config has no configuration recorder in ${region}` };
  const status = statuses.find((s) => s.name === r.name) ?? statuses[0];
  const group = r.recordingGroup ?? {};
  const strategy =
    group.recordingStrategy?.useOnly ??
    (group.allSupported ? 'ALL_SUPPORTED_RESOURCE_TYPES' : 'INCLUSION_BY_RESOURCE_TYPES');
  // allSupported: every type; inclusion: only those listed; exclusion: all but those listed.
  const recordsLambda =
    strategy === 'ALL_SUPPORTED_RESOURCE_TYPES' || group.allSupported === true
      ? true
      : strategy === 'EXCLUSION_BY_RESOURCE_TYPES'
        ? !(group.exclusionByResourceTypes?.resourceTypes ?? []).includes(LAMBDA_FUNCTION_TYPE)
        : (group.resourceTypes ?? []).includes(LAMBDA_FUNCTION_TYPE);
  const override = (r.recordingMode?.recordingModeOverrides ?? []).find((o) =>
    (o.resourceTypes ?? []).includes(LAMBDA_FUNCTION_TYPE),
  );
  const frequencyText = override?.recordingFrequency ?? r.recordingMode?.recordingFrequency ?? 'CONTINUOUS';
  const lambdaFrequency: Frequency | null =
    frequencyText === 'CONTINUOUS' || frequencyText === 'DAILY' ? frequencyText : null;
  const recorder: Recorder = {
    name: r.name ?? 'default',
    recording: status?.recording === true,
    lastStatus: status?.lastStatus ?? null,
    lambdaFrequency,
    recordsLambda,
  };
  const name = `AWS Config's recorder "${recorder.name}" in ${region}`;
  if (!recordsLambda) return { recorder, refusal: `${name} does not record ${LAMBDA_FUNCTION_TYPE}` };
  if (!status) return { recorder, refusal: `${name} has no status` };
  if (!recorder.recording) return { recorder, refusal: `${name} is not recording` };
  if (recorder.lastStatus === 'Failure') return { recorder, refusal: `${name} failed its last recording` };
  if (!lambdaFrequency) return { recorder, refusal: `${name} has an unknown recording frequency` };
  return { recorder, refusal: null };
}

/**
 * Judges one configuration item against what the listing says of the function now. Pure, so the
 * staleness rules are tested one by one.
 */
export function judgeItem(
  item: BaseConfigurationItem,
  fn: { revisionId: string | null; lastModified: string | null },
  frequency: Frequency,
  nowMs: number,
): ConfigAnswer {
  const status = item.configurationItemStatus;
  if (status !== 'OK' && status !== 'ResourceDiscovered')
    return { from: 'lambda', reason: `its configuration item's status is ${status ?? 'missing'}` };
  const captured = item.configurationItemCaptureTime;
  if (!captured || Number.isNaN(captured.getTime()))
    return { from: 'lambda', reason: 'its configuration item has no capture time' };
  let revisionId: unknown;
  try {
    revisionId = (JSON.parse(item.configuration ?? '') as { revisionId?: unknown }).revisionId;
  } catch {
    return { from: 'lambda', reason: "its configuration item's configuration is not JSON" };
  }
  if (!fn.revisionId || typeof revisionId !== 'string')
    return { from: 'lambda', reason: 'no RevisionId to compare with its configuration item' };
  if (revisionId !== fn.revisionId)
    return {
      from: 'lambda',
      reason: 'stale: the function changed after its configuration item was captured (RevisionId differs)',
    };
  if (fn.lastModified && captured.getTime() < Date.parse(fn.lastModified))
    return { from: 'lambda', reason: 'stale: its configuration item was captured before LastModified' };
  if (frequency === 'DAILY' && nowMs - captured.getTime() > DAILY_MAX_AGE_MS)
    return { from: 'lambda', reason: 'stale: a daily configuration item older than 26 hours' };
  const text = item.supplementaryConfiguration?.Policy;
  const capturedAt = captured.toISOString();
  const source = { from: 'config' as const, capturedAt, recordingFrequency: frequency };
  if (text === undefined || text === '') return { from: 'config', policy: null, source };
  // A copy that does not parse is not judged as unreadable: Lambda's own may parse.
  const policy = parsePolicy(text);
  if (!policy.parsed)
    return { from: 'lambda', reason: 'its configuration item holds a policy that does not parse' };
  return { from: 'config', policy, source };
}

/**
 * One region's Config reads: the recorder once, then the items in batches of up to 100, asked
 * for as the listing names the functions (`request`) and sent when 100 are waiting or the
 * listing is over (`listingDone`). Keys come back unprocessed at most once before the function
 * is left to GetPolicy.
 */
export class ConfigPolicies {
  private readonly client: ConfigServiceClient;
  private readonly region: string;
  private readonly nowMs: number;
  private readonly ready: Promise<{ recorder: Recorder | null; refusal: string | null }>;
  private queue: Pending[] = [];
  private listed = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(client: ConfigServiceClient, region: string, nowMs: number) {
    this.client = client;
    this.region = region;
    this.nowMs = nowMs;
    this.ready = this.readRecorder();
    this.ready.catch(() => {});
  }

  private async readRecorder(): Promise<{ recorder: Recorder | null; refusal: string | null }> {
    const [recorders, statuses] = await Promise.all([
      read(SERVICE, 'DescribeConfigurationRecorders', this.region, async () => {
        const out = await this.client.send(new DescribeConfigurationRecordersCommand({}));
        return out.ConfigurationRecorders ?? [];
      }),
      read(SERVICE, 'DescribeConfigurationRecorderStatus', this.region, async () => {
        const out = await this.client.send(new DescribeConfigurationRecorderStatusCommand({}));
        return out.ConfigurationRecordersStatus ?? [];
      }),
    ]);
    if (!recorders.ok)
      return { recorder: null, refusal: `AWS Config could not be asked: ${describe(recorders.error)}` };
    if (!statuses.ok)
      return { recorder: null, refusal: `AWS Config could not be asked: ${describe(statuses.error)}` };
    return judgeRecorder(recorders.value, statuses.value, this.region);
  }

  /** The recorder and, when refused, why: for the region's record. */
  recorder(): Promise<{ recorder: Recorder | null; refusal: string | null }> {
    return this.ready;
  }

  request(fn: FunctionConfiguration): Promise<ConfigAnswer> {
    return new Promise((resolve) => {
      this.queue.push({
        name: fn.FunctionName ?? '',
        revisionId: fn.RevisionId ?? null,
        lastModified: awsDateToIso(fn.LastModified),
        asked: 0,
        resolve,
      });
      if (this.queue.length >= BATCH_SIZE) this.flush();
    });
  }

  /** The listing is over: send what is waiting, whatever its size. */
  listingDone(): void {
    this.listed = true;
    this.flush();
  }

  /** Waits for every batch sent; an interrupted scan's abort still rejects. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private flush(): void {
    while (this.queue.length >= BATCH_SIZE || (this.listed && this.queue.length > 0)) {
      const batch = this.queue.splice(0, BATCH_SIZE);
      const sent = this.send(batch).finally(() => this.inFlight.delete(sent));
      this.inFlight.add(sent);
      sent.catch(() => {});
    }
  }

  private async send(batch: Pending[]): Promise<void> {
    try {
      await this.answer(batch);
    } catch (err) {
      // An interrupted scan: nothing may wait for an answer that will not come (the fallback
      // GetPolicy is interrupted in turn).
      for (const p of batch) p.resolve({ from: 'lambda', reason: 'the scan was interrupted' });
      throw err;
    }
  }

  private async answer(batch: Pending[]): Promise<void> {
    const { recorder, refusal } = await this.ready;
    if (refusal !== null || !recorder?.lambdaFrequency) {
      for (const p of batch) p.resolve({ from: 'lambda', reason: refusal ?? 'AWS Config was refused' });
      return;
    }
    const frequency = recorder.lambdaFrequency;
    for (const p of batch) p.asked += 1;
    const out = await read(SERVICE, 'BatchGetResourceConfig', this.region, () =>
      this.client.send(
        new BatchGetResourceConfigCommand({
          resourceKeys: batch.map((p) => ({ resourceType: LAMBDA_FUNCTION_TYPE, resourceId: p.name })),
        }),
      ),
    );
    if (!out.ok) {
      for (const p of batch) p.resolve({ from: 'lambda', reason: `${describe(out.error)}` });
      return;
    }
    const items = new Map<string, BaseConfigurationItem>();
    for (const i of out.value.baseConfigurationItems ?? []) if (i.resourceId) items.set(i.resourceId, i);
    const unprocessed = new Set((out.value.unprocessedResourceKeys ?? []).map((k) => k.resourceId));
    const again: Pending[] = [];
    for (const p of batch) {
      const item = items.get(p.name);
      if (item) p.resolve(judgeItem(item, p, frequency, this.nowMs));
      else if (unprocessed.has(p.name)) {
        if (p.asked < 2) again.push(p);
        else p.resolve({ from: 'lambda', reason: 'AWS Config left its key unprocessed twice' });
      } else p.resolve({ from: 'lambda', reason: 'AWS Config holds no configuration item for it' });
    }
    if (again.length > 0) {
      this.queue.push(...again);
      // Asked again with the next batch, or now if the listing is over or enough are waiting.
      this.flush();
    }
  }
}
