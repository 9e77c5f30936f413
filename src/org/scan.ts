/**
 * An organization scan: list the targets with the caller's credentials, then scan each account
 * as its audit role, --account-concurrency at a time, with the single-account pipeline (run.ts)
 * — its own session, so its own per-region quota buckets and its own IAM read, as AWS meters
 * them per account. Each account's reports go to <out>/accounts/<id>/ and, once written, its
 * inventory and report are dropped: only a roll-up entry (a few kilobytes) is kept, so memory
 * is bounded by the accounts in flight, not by the organization's size.
 *
 * A failing account (its role missing, AssumeRole denied, its identity unreadable, anything it
 * throws) becomes an entry with the reason, and the others go on; the roll-up never counts it
 * as clean. Only a stop (SIGINT/SIGTERM) ends every account: the roll-up is then not written,
 * and the reports of accounts already finished stay complete where they are.
 */
import { join } from 'node:path';
import pLimit from 'p-limit';
import { AssumeRoleError } from '../aws/assume-role.js';
import { classifyError } from '../aws/errors.js';
import type { OrganizationServices } from '../collect/organization-services.js';
import { readPlanFor, selectChecks } from '../engine/select.js';
import type {
  AwsErrorInfo,
  Fetched,
  OrganizationContext,
  ServiceControlPolicies,
} from '../inventory/schema.js';
import { writeReports } from '../io/atomic-write.js';
import { loadOrCreateFingerprintKey } from '../io/fingerprint-key.js';
import { lockFolder } from '../io/lock.js';
import { prepareFolder } from '../io/preflight.js';
import { buildRollup, scannedAccount, unscannedAccount } from '../report/rollup/build.js';
import { ROLLUP_RENDERERS } from '../report/rollup/render.js';
import type { Rollup, RollupAccount } from '../report/rollup/schema.js';
import { FINGERPRINT_KEY_FILE, run, type ScanOptions } from '../run.js';
import type { Shard } from './shard.js';
import { selectTargets, type Target, type TargetRequest } from './targets.js';
import { uploadRollup, uploadTarget } from './upload.js';

export interface OrganizationScanOptions extends Omit<ScanOptions, 'mode' | 'assumeRole' | 'saveInventory'> {
  targets: TargetRequest;
  /** --role-name: the audit role assumed in every target account. */
  roleName: string;
  externalId?: string;
  sessionName: string;
  durationSeconds: number;
  /** --account-concurrency: accounts scanned at once. */
  accountConcurrency: number;
  /** Called as each account's reports are complete in its folder (a stop then loses none of them). */
  onAccountWritten?: (accountId: string) => void;
}

export interface OrganizationOutcome {
  rollup: Rollup;
  /** The folder this process wrote: --out, or --out/shard-<I> with --shard. */
  folder: string;
  files: string[];
  warnings: string[];
  exitCode: 0 | 1 | 3;
}

/** Less time than this left for an account is no time to scan it (identity and IAM alone take longer). */
const MIN_ACCOUNT_TIME_MS = 5_000;

export const ROLLUP_FOLDER_OF_SHARD = (shard: Shard) => `shard-${shard.index}`;

export async function scanOrganization(opts: OrganizationScanOptions): Promise<OrganizationOutcome> {
  const clock = opts.clock ?? (() => new Date());
  const startedAt = clock().toISOString();
  // Real time, not the scan clock (which tests fix): the deadline is the process's.
  const deadline = opts.timeoutMs === undefined ? null : Date.now() + opts.timeoutMs;
  const folder = opts.targets.shard ? join(opts.out, ROLLUP_FOLDER_OF_SHARD(opts.targets.shard)) : opts.out;
  // A mistyped bucket is found before any call (else every account's run would refuse it).
  const target = opts.upload ? uploadTarget(opts.upload.uri, opts.upload.kmsKeyId) : null;
  await prepareFolder(folder, '--out');
  await prepareFingerprintKey(opts);
  const { identity, listing, selection, scps, services } = await prepareTargets(opts);
  // Each account's own context: the organization, the SCPs on its path from the root, and what
  // the organization's security services say of the whole organization.
  const organizationOf = (accountId: string): OrganizationContext | undefined => {
    if (!listing) return undefined;
    const policies = scps.get(accountId);
    return {
      id: listing.id,
      managementAccountId: listing.managementAccountId,
      accountIds: listing.accounts.map((a) => a.id),
      ...(policies ? { serviceControlPolicies: policies } : {}),
      ...services,
    };
  };
  opts.log(
    `${selection.all.length} account(s) selected${listing ? ` in organization ${listing.id}` : ''}` +
      (opts.targets.shard
        ? `; shard ${opts.targets.shard.index}/${opts.targets.shard.count} scans ${selection.mine.length}`
        : ''),
  );

  const unlock = await lockFolder(folder, clock);
  try {
    const limit = pLimit(opts.accountConcurrency);
    const codes: number[] = [];
    const warnings: string[] = [];
    const accounts = await Promise.all(
      selection.mine.map((target) =>
        limit(async (): Promise<RollupAccount> => {
          opts.signal?.throwIfAborted();
          // --timeout bounds the whole run: an account gets what is left of it, and one not
          // started in time is reported, not scanned with no time at all.
          const left = deadline === null ? undefined : deadline - Date.now();
          if (left !== undefined && left < MIN_ACCOUNT_TIME_MS) {
            return unscannedAccount({
              accountId: target.id,
              name: target.name,
              organizationalUnit: target.organizationalUnit,
              status: 'failed',
              reason: 'not scanned: the run reached its --timeout before this account was started',
              error: null,
            });
          }
          const account = left === undefined ? opts : { ...opts, timeoutMs: left };
          const outcome = await scanOne(
            account,
            target,
            folder,
            identity.partition,
            organizationOf(target.id),
          );
          if (outcome.code !== undefined) codes.push(outcome.code);
          warnings.push(...outcome.warnings.map((w) => `account ${target.id}: ${w}`));
          return outcome.entry;
        }),
      ),
    );
    const rollup = buildRollup({
      toolVersion: opts.toolVersion,
      organization: listing ? { id: listing.id, managementAccountId: listing.managementAccountId } : null,
      selection: {
        source: opts.targets.source,
        organizationalUnits: [...opts.targets.organizationalUnits].sort(),
        excludedAccounts: [...opts.targets.exclude].sort(),
        targets: selection.all.length,
        targetsDigest: selection.targetsDigest,
        shard: opts.targets.shard,
      },
      startedAt,
      finishedAt: clock().toISOString(),
      accounts,
    });
    opts.signal?.throwIfAborted();
    const files: Record<string, string> = {};
    for (const format of ['json', 'html'] as const) {
      const r = ROLLUP_RENDERERS[format];
      files[r.fileName] = r.render(rollup);
    }
    await writeReports(folder, files);
    const written = Object.keys(files).map((f) => join(folder, f));
    if (target && !opts.targets.shard) {
      await uploadRollup(target, written, rollup, {
        log: opts.log,
        maxAttempts: opts.maxAttempts,
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.profile ? { profile: opts.profile } : {}),
        ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}),
        ...(opts.connectTimeoutMs !== undefined ? { connectTimeoutMs: opts.connectTimeoutMs } : {}),
        ...(opts.requestTimeoutMs !== undefined ? { requestTimeoutMs: opts.requestTimeoutMs } : {}),
      });
    }
    const failed = accounts.some((a) => a.status === 'failed');
    const exitCode: 0 | 1 | 3 = codes.includes(1)
      ? 1
      : (codes.includes(3) || failed) && !opts.allowIncomplete
        ? 3
        : 0;
    return { rollup, folder, files: written, warnings, exitCode };
  } finally {
    await unlock();
  }
}

/**
 * Identity (for the partition of the role ARNs); unless given a list, the organization; the
 * targets; the SCPs bounding each account this process scans; and, when a selected check reads
 * them, the organization's GuardDuty delegated administrators (per region) and centralized root
 * access features — everything read with the caller's own credentials, before any account is
 * assumed into, once for the whole organization.
 */
async function prepareTargets(opts: OrganizationScanOptions) {
  // Loaded only for a scan, as run.ts loads collection: the SDK clients are slow to import.
  const [
    { createAwsSession },
    { collectIdentity },
    { listOrganization },
    { serviceControlPolicyReader },
    { readOrganizationServices },
    { resolveRegions },
    { CollectError },
    defaults,
  ] = await Promise.all([
    import('../aws/clients.js'),
    import('../collect/sts.js'),
    import('../collect/organization.js'),
    import('../collect/service-control-policies.js'),
    import('../collect/organization-services.js'),
    import('../collect/regions.js'),
    import('../collect/errors.js'),
    import('../aws/defaults.js'),
  ]);
  const session = createAwsSession({
    concurrency: Math.min(opts.concurrency, 8),
    maxAttempts: opts.maxAttempts,
    rateScale: opts.rateScale,
    ...(opts.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: opts.connectTimeoutMs }),
    ...(opts.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: opts.requestTimeoutMs }),
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  try {
    const endpoint = opts.endpointUrl ?? process.env.AWS_ENDPOINT_URL;
    const profile = opts.profile ?? process.env.AWS_PROFILE;
    const identity = await collectIdentity(session, {
      ...(profile ? { profile } : {}),
      ...(endpoint ? { endpoint } : {}),
      requestTimeoutMs: opts.requestTimeoutMs ?? defaults.DEFAULT_REQUEST_TIMEOUT_MS,
      attempts: Math.min(opts.maxAttempts, defaults.IDENTITY_MAX_ATTEMPTS),
      envCredentials: Boolean(process.env.AWS_ACCESS_KEY_ID),
    });
    session.setPartition(identity.partition);
    const scps = new Map<string, Fetched<ServiceControlPolicies>>();
    const none: OrganizationServices = {};
    if (opts.targets.source === 'accounts') {
      return { identity, listing: null, selection: selectTargets(opts.targets, null), scps, services: none };
    }
    opts.log('listing the organization’s accounts');
    const listing = await listOrganization(session, {
      ...(opts.targets.source === 'organizational-units'
        ? { organizationalUnits: opts.targets.organizationalUnits }
        : {}),
    });
    const selection = selectTargets(opts.targets, listing);
    const reader = serviceControlPolicyReader(session, listing);
    const byId = new Map(listing.accounts.map((a) => [a.id, a]));
    // The organization-wide reads follow the selected checks, as an account's reads do (note 11):
    // the same selection run() makes for each account.
    const plan = readPlanFor(
      selectChecks(opts.checks, opts.include, opts.exclude, {
        ...opts.filters,
        deep: opts.deep === true,
        scanCode: opts.scanCode === true,
        changes: opts.changes !== undefined,
      }),
    );
    // GuardDuty's administrator is designated per region: read it in the regions the accounts
    // will be scanned in (--regions), else in the caller's enabled regions. Without them it is
    // not read, and the checks say so per region; an unknown --regions name is the usage error
    // every account's scan would give.
    const guardDutyRegions = async (): Promise<string[] | undefined> => {
      if (!plan.has('organization.guardduty-administrators')) return undefined;
      try {
        return (await resolveRegions(session, opts.regions)).regions;
      } catch (err) {
        if (!(err instanceof CollectError) || err.kind === 'usage') throw err;
        opts.log(`the organization's GuardDuty delegated administrators were not read: ${err.message}`);
        return undefined;
      }
    };
    const [services] = await Promise.all([
      guardDutyRegions().then((regions) =>
        readOrganizationServices(session, {
          callerAccountId: identity.accountId,
          managementAccountId: listing.managementAccountId,
          rootAccess: plan.has('organization.root-access'),
          ...(regions ? { guardDutyRegions: regions } : {}),
        }),
      ),
      Promise.all(
        selection.mine.map(async (t) => {
          const account = byId.get(t.id);
          if (account && t.status === 'ACTIVE') scps.set(t.id, await reader(account));
        }),
      ),
    ]);
    return { identity, listing, selection, scps, services };
  } finally {
    session.destroy();
  }
}

/**
 * The fingerprint key every account's scan uses (--fingerprint-key, or the one --baseline-dir
 * keeps), created once here: the accounts' runs start together, and each would otherwise find
 * it absent and race to create it.
 */
async function prepareFingerprintKey(opts: OrganizationScanOptions): Promise<void> {
  if (opts.baselineDir) await prepareFolder(opts.baselineDir, '--baseline-dir');
  const path =
    opts.fingerprintKey ?? (opts.baselineDir ? join(opts.baselineDir, FINGERPRINT_KEY_FILE) : null);
  if (path === null) return;
  const { created } = await loadOrCreateFingerprintKey(path);
  if (created) opts.log(`created the fingerprint key ${path}: keep it as private as the inventories`);
}

interface AccountOutcome {
  entry: RollupAccount;
  /** The account run's exit code; absent for an account that was not scanned. */
  code?: number;
  warnings: string[];
}

async function scanOne(
  opts: OrganizationScanOptions,
  target: Target,
  folder: string,
  partition: string,
  organization: OrganizationContext | undefined,
): Promise<AccountOutcome> {
  const who = { accountId: target.id, name: target.name, organizationalUnit: target.organizationalUnit };
  if (target.status !== 'ACTIVE') {
    return {
      entry: unscannedAccount({
        ...who,
        status: 'suspended',
        reason: `not scanned: the account is ${target.status} in the organization`,
        error: null,
      }),
      warnings: [],
    };
  }
  const reportDir = `accounts/${target.id}`;
  const prefix = `[${target.id}${target.name ? ` ${printable(target.name)}` : ''}]`;
  try {
    const {
      targets: _t,
      roleName: _r,
      externalId,
      sessionName,
      durationSeconds,
      accountConcurrency: _c,
      onAccountWritten: _w,
      ...rest
    } = opts;
    const outcome = await run({
      ...rest,
      mode: 'scan',
      out: join(folder, reportDir),
      assumeRole: {
        roleArn: `arn:${partition}:iam::${target.id}:role/${opts.roleName}`,
        sessionName,
        durationSeconds,
        ...(externalId !== undefined ? { externalId } : {}),
      },
      ...(organization ? { organization } : {}),
      log: (line) => opts.log(`${prefix} ${line}`),
      onProgress: (e) =>
        opts.onProgress?.({ ...e, region: e.region ? `${target.id} ${e.region}` : target.id }),
      // One account's end is not the end of collection: the CLI's bars stay up.
      onCollected: () => {},
      onWritten: () => opts.onAccountWritten?.(target.id),
    });
    opts.log(`${prefix} done: score ${outcome.report.summary.score ?? '–'}`);
    return {
      entry: scannedAccount({ ...who, report: outcome.report, sums: outcome.sums, reportDir }),
      code: outcome.exitCode,
      warnings: outcome.warnings,
    };
  } catch (err) {
    if (isStop(err, opts.signal)) throw err;
    const reason = failureReason(err);
    opts.log(`${prefix} not scanned: ${reason}`);
    return {
      entry: unscannedAccount({ ...who, status: 'failed', reason, error: awsErrorOf(err) }),
      warnings: [],
    };
  }
}

function isStop(err: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (err instanceof Error && err.name === 'AbortError');
}

/**
 * The reason an account could not be scanned, in one line. Errors of this tool (CollectError,
 * OutputError, …) carry a message written for the user; anything else is named by its type
 * only, as the CLI does, since its message could quote anything.
 */
function failureReason(err: unknown): string {
  const e = err instanceof Error ? err : new Error(String(err));
  const ours = ['CollectError', 'OutputError', 'UploadError', 'FingerprintKeyError', 'UsageError'];
  if (ours.includes(e.name)) return e.message.split('\n')[0] ?? e.name;
  return `unexpected error (${e.name}): this is a bug in lambda-posture; rerun the account alone with --role-arn and --debug`;
}

/**
 * The AWS error behind a failure, classified as collection classifies a failed read: a refused
 * AssumeRole (the usual case: the role is missing, or its trust does not name the caller) keeps
 * the SDK's error as the cause of its cause.
 */
function awsErrorOf(err: unknown): AwsErrorInfo | null {
  let assumeRole = false;
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e instanceof Error; depth += 1) {
    if (e instanceof AssumeRoleError) assumeRole = true;
    if (!(e.cause instanceof Error)) break;
    e = e.cause;
  }
  if (!assumeRole || e === err || !(e instanceof Error) || e instanceof AssumeRoleError) return null;
  return classifyError(e, 'sts', 'AssumeRole');
}

/** An account name in a log line: control and direction characters shown as code points. */
function printable(name: string): string {
  return name.replace(/[\p{Cc}\p{Cf}]/gu, (c) => `\\u${c.codePointAt(0)?.toString(16).padStart(4, '0')}`);
}
