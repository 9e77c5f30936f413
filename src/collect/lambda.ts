/**
 * Lambda, one region. Call plan (each call paced by the limiter in its quota bucket):
 *
 *   region:       GetAccountSettings (control)            — an optimisation: fails → recorded, and the
 *                 region is listed and read as if some function reserved concurrency
 *                 FunctionCount 0 → stop: nothing else to read
 *                 ListFunctions, all pages (control)       — fails → the whole slice is an error
 *                 ListEventSourceMappings, all pages (control)          } beside the listing
 *                 ListCodeSigningConfigs + ListFunctionsByCodeSigningConfig per config (control) }
 *                 ListLayers + ListLayerVersions per own layer (control), and GetLayerVersionPolicy
 *                 per own layer version (control) — beside everything, empty region included
 *                 (a layer needs no function); see lambda-layers.ts
 *                 --deep: the listing with FunctionVersion=ALL (the published versions too, 50
 *                 entries a page), then GetPolicy per version (GetPolicy bucket)
 *                 --policy-source config: DescribeConfigurationRecorders + …RecorderStatus (AWS
 *                 Config, beside the listing), then BatchGetResourceConfig per 100 functions as
 *                 the listing names them; see config-policies.ts
 *   per function, started as its ListFunctions page arrives:
 *                 GetPolicy (GetPolicy bucket) — with --policy-source config only for a function
 *                 whose configuration item is missing, stale or unprocessed, or in a refused region
 *                 ListFunctionUrlConfigs (control), and GetPolicy per alias whose URL is not AWS_IAM
 *                 --deep: ListAliases (control) and GetPolicy per alias; see lambda-qualifiers.ts
 *                 GetFunction (GetFunction bucket) — only when the account settings show that some
 *                 function in the region reserves concurrency, or (--deep) for the tags
 *                 --deep: ListFunctionEventInvokeConfigs, GetFunctionRecursionConfig (control);
 *                 see lambda-function-extras.ts
 *                 --scan-code: GetFunction (the same one call) and a download of its package
 *                 (S3, DOWNLOAD_CONCURRENCY at a time per region); see code-scan.ts
 *   --scan-code, after the functions: GetLayerVersion (control) per distinct layer version the
 *                 functions use, own or another account's, and a download of each
 *
 * Each read after ListFunctions is made only when the plan has it (reads.ts): the calls follow
 * the selected checks. Region-wide lists replace per-function reads wherever AWS offers them
 * (code signing, event source mappings), because the 15 req/s control bucket is the scan's
 * bottleneck. Per-function
 * reads run FUNCTION_WINDOW functions at a time per region (see there); the limiter at the `send`
 * leaf paces and bounds the sends.
 *
 * Environment variable values are handed to the classifier and dropped: only what it returns
 * (name, detector, fingerprint) enters the inventory.
 */
import {
  type FunctionConfiguration,
  type FunctionUrlConfig as FunctionUrlConfigShape,
  GetAccountSettingsCommand,
  type GetAccountSettingsCommandOutput,
  GetLayerVersionCommand,
  type LambdaClient,
  paginateListCodeSigningConfigs,
  paginateListEventSourceMappings,
  paginateListFunctions,
  paginateListFunctionsByCodeSigningConfig,
  paginateListFunctionUrlConfigs,
} from '@aws-sdk/client-lambda';
import pLimit from 'p-limit';
import type { AwsSession } from '../aws/clients.js';
import { sanitizeMessage } from '../aws/errors.js';
import { compareText } from '../inventory/order.js';
import type { ReadPlan } from '../inventory/reads.js';
import type {
  CodeScan,
  EnvVar,
  Fetched,
  FunctionUrlConfig,
  LambdaAccountSettings,
  LambdaFunction,
  LambdaRegion,
  LayerCodeScan,
  ParsedPolicy,
  PolicySource,
  PublishedVersion,
  Slice,
} from '../inventory/schema.js';
import { unqualifiedFunctionArn } from '../policy/arn.js';
import { DOWNLOAD_CONCURRENCY, scanPackageAt } from './code-scan.js';
import { type ConfigAnswer, ConfigPolicies } from './config-policies.js';
import { awsDateToIso } from './dates.js';
import type { ProgressEvent } from './index.js';
import { readFunctionExtras, readGetFunction } from './lambda-function-extras.js';
import { readLayers } from './lambda-layers.js';
import {
  byVersionNumber,
  isLatest,
  publishedVersion,
  QualifierPolicies,
  readAliases,
  readPolicy,
  withAliasPolicies,
} from './lambda-qualifiers.js';
import { read } from './read.js';

type CodeSigningConfig = Extract<LambdaRegion['codeSigningConfigs'], { ok: true }>['value'][number];
type EventSourceMapping = Extract<LambdaRegion['eventSourceMappings'], { ok: true }>['value'][number];

/** Classifies variables without keeping their values; see env-vars.ts. */
export type ClassifyEnvironment = (
  vars: Record<string, string>,
  salt: Buffer,
) => EnvVar[] | Promise<EnvVar[]>;

export interface LambdaCollectOptions {
  /** Which reads to make beyond the listing. */
  plan: ReadPlan;
  /** Per-scan HMAC salt for value fingerprints; never stored. */
  salt: Buffer;
  classifyEnvironment: ClassifyEnvironment;
  onProgress?: (event: ProgressEvent) => void;
  /** --policy-source: `config` reads policies from AWS Config where it may (config-policies.ts). */
  policySource?: 'lambda' | 'config';
  /** The scan's clock, for the age of a daily configuration item. */
  now?: Date;
}

const SERVICE = 'lambda';

/**
 * Functions whose per-function reads are in flight at once, per region. The region's quota
 * buckets (15/s) pace those reads anyway; starting all of a region's functions at once only queued
 * thousands of sends at the limiter. Measured with the benchmark (10,000 functions over 4 regions):
 * 30,000 sends pending at once and a 0.94 GB peak RSS; GetFunction's 100/s bucket flooded the
 * shared concurrency slots ahead of the paced GetPolicy and URL reads, whose pacing schedule (a
 * reservation per send, all made at the start) fell behind and was then caught up in bursts the
 * service throttled: 4,333 throttling responses, 14 % extra calls, collection 1.71 × the quota
 * floor. With the window: 0 throttling responses, 3.00 calls per function, 1.16 × the floor, 0.77 GB.
 * 32 keeps the buckets busy while a function's reads take up to 32 ÷ 15/s ≈ 2 s, far above a
 * region's round trip, and bounds how far ahead of its sends the pacing schedule can run.
 */
export const FUNCTION_WINDOW = 32;

export async function collectLambdaRegion(
  session: Pick<AwsSession, 'lambda'> & Partial<Pick<AwsSession, 'config'>>,
  region: string,
  options: LambdaCollectOptions,
): Promise<Slice<LambdaRegion>> {
  const client = session.lambda(region);
  const progress = (message: string, done?: number, total?: number) =>
    options.onProgress?.({
      phase: 'lambda',
      region,
      message,
      ...(done === undefined ? {} : { done }),
      ...(total === undefined ? {} : { total }),
    });

  const settingsRead = await read(SERVICE, 'GetAccountSettings', region, () =>
    client.send(new GetAccountSettingsCommand({})),
  );
  // The settings only save calls (an empty region stops here; a region where no function reserves
  // concurrency needs no GetFunction). A failed read must not cost the region's inventory: list and
  // read every function instead, and record the settings alone as unread. A disabled region fails
  // every read, so there it is the region's answer.
  if (!settingsRead.ok && settingsRead.error.class === 'region-disabled') {
    return { status: 'error', error: settingsRead.error };
  }
  const settings = settingsRead.ok ? settingsRead.value : null;
  const settingsError = settingsRead.ok ? undefined : settingsRead.error;

  const { plan } = options;
  // Layers are published whether or not the region has a function: read them in every case.
  const layersP = plan.has('lambda.layers') ? readLayers(client, region, plan) : Promise.resolve(undefined);
  layersP.catch(() => {});
  if (settings?.AccountUsage?.FunctionCount === 0) {
    progress('no functions');
    const data: LambdaRegion = { accountSettings: accountSettings(settings, 0), functions: [] };
    const layers = await layersP;
    if (layers) data.layers = layers;
    // Confirmed none: the region has no function for a mapping or a config to apply to.
    if (plan.has('lambda.event-source-mappings')) data.eventSourceMappings = { ok: true, value: [] };
    if (plan.has('lambda.code-signing')) data.codeSigningConfigs = { ok: true, value: [] };
    // No function, so no layer version in use to scan.
    if (plan.has('lambda.layer-code')) data.layerCode = [];
    return { status: 'ok', data };
  }

  // The region's unreserved pool equals its total only when no function reserves concurrency,
  // which answers the question for every function without a call. (A reservation of 0, which
  // stops a function, takes nothing from the pool and so reads as "none" here.)
  const limit = settings?.AccountLimit;
  const noneReserved =
    limit?.ConcurrentExecutions !== undefined &&
    limit.UnreservedConcurrentExecutions === limit.ConcurrentExecutions;

  // The region-wide lists do not depend on the listing: they run beside it.
  const eventSourceMappingsP = plan.has('lambda.event-source-mappings')
    ? read(SERVICE, 'ListEventSourceMappings', region, () =>
        collectPages(
          paginateListEventSourceMappings({ client }, {}),
          (page) => page.EventSourceMappings,
        ).then((list) =>
          list.map(
            (m): EventSourceMapping => ({
              uuid: m.UUID ?? '',
              functionArn: m.FunctionArn ?? '',
              eventSourceArn: m.EventSourceArn ?? null,
              state: m.State ?? null,
            }),
          ),
        ),
      )
    : Promise.resolve(undefined);
  const codeSigningP = plan.has('lambda.code-signing')
    ? readCodeSigning(client, region)
    : Promise.resolve(undefined);
  // Seen by the Promise.all below; the no-op handlers only keep an early return (a failed
  // listing) from leaving them unhandled.
  eventSourceMappingsP.catch(() => {});
  codeSigningP.catch(() => {});

  // Pipelined: each ListFunctions page's functions start their reads as the page arrives, so the
  // per-function buckets are busy while the rest of the region is still being listed (a region of
  // 10,000 functions is 200 pages). Not the shared limiter (nothing here holds a send slot): the
  // window bounds how many functions' reads are started; after a failure (only an abort rejects
  // here) no queued function is started.
  const window = pLimit(FUNCTION_WINDOW);
  // Downloads are S3 traffic, outside Lambda's quotas and the send limiter: bounded here.
  const downloads = pLimit(DOWNLOAD_CONCURRENCY);
  const scanCode = (url: string, operation: string) =>
    downloads(() => scanPackageAt(url, options.salt, { operation, region }));
  const started: Promise<FunctionWithoutCsc>[] = [];
  let done = 0;
  const fromConfig =
    options.policySource === 'config' && plan.has('lambda.policies') && session.config
      ? new ConfigPolicies(session.config(region), region, (options.now ?? new Date()).getTime())
      : null;
  // --deep lists the published versions with the functions (FunctionVersion=ALL): each version's
  // entry is kept by its function's unqualified ARN, and only the $LATEST entries are read further.
  const listVersions = plan.has('lambda.versions');
  const versions = new Map<string, PublishedVersion[]>();
  const startPage = (page: FunctionConfiguration[] | undefined) => {
    const configs: FunctionConfiguration[] = [];
    for (const f of page ?? []) {
      if (!f.FunctionArn || !f.FunctionName) continue;
      // A FunctionVersion=ALL listing names $LATEST by its qualified ARN: the function is the unqualified one.
      const arn = unqualifiedFunctionArn(f.FunctionArn);
      if (isLatest(f)) configs.push(arn === f.FunctionArn ? f : { ...f, FunctionArn: arn });
      else if (listVersions) {
        const list = versions.get(arn) ?? [];
        list.push(publishedVersion(f));
        versions.set(arn, list);
      }
    }
    // Classified a page at a time: the classifier coalesces the page into one batch (few large
    // secretlint calls, see env-vars.ts).
    const environments = plan.has('lambda.environment')
      ? configs.map((config) => classify(config, region, options))
      : [];
    for (const e of environments) e.catch(() => {});
    // Asked for outside the window, so a batch of 100 fills however few functions are running.
    const answers = fromConfig ? configs.map((config) => fromConfig.request(config)) : [];
    for (const [i, config] of configs.entries()) {
      const fn = window(async () => {
        const result = await readFunction(
          client,
          region,
          config,
          plan,
          noneReserved,
          environments[i],
          scanCode,
          answers[i],
        );
        done += 1;
        progress(`${done}/${started.length} functions read`, done, started.length);
        return result;
      }).catch((err: unknown) => {
        window.clearQueue();
        throw err;
      });
      fn.catch(() => {});
      started.push(fn);
    }
  };
  progress('listing functions');
  const listed = await read(SERVICE, 'ListFunctions', region, async () => {
    const input = listVersions ? { FunctionVersion: 'ALL' as const } : {};
    for await (const page of paginateListFunctions({ client, pageSize: 50 }, input))
      startPage(page.Functions);
  });
  fromConfig?.listingDone();
  if (!listed.ok) {
    // A region is listed whole or not at all: what its first pages started is dropped.
    window.clearQueue();
    await Promise.allSettled([...started, eventSourceMappingsP, codeSigningP, layersP]);
    return { status: 'error', error: listed.error };
  }
  progress(`reading ${started.length} functions`, done, started.length);
  const functionsP = Promise.all(started);
  // The versions' policies are asked for once the listing has named every version, through the
  // same window, after the functions already queued.
  const versionPoliciesP = plan.has('lambda.qualifier-policies')
    ? readVersionPolicies(client, region, versions, window)
    : Promise.resolve();
  versionPoliciesP.catch(() => {});

  const [eventSourceMappings, codeSigning, partial, layers] = await Promise.all([
    eventSourceMappingsP,
    codeSigningP,
    functionsP,
    layersP,
    versionPoliciesP,
  ]);
  const functions: LambdaFunction[] = partial
    .map((fn): LambdaFunction => {
      const out: LambdaFunction = codeSigning
        ? { ...fn, codeSigningConfigArn: codeSigningOf(codeSigning.byFunction, fn.arn) }
        : fn;
      if (listVersions)
        out.versions = { ok: true, value: (versions.get(fn.arn) ?? []).sort(byVersionNumber) };
      return out;
    })
    .sort((a, b) => compareText(a.name, b.name));
  const layerCode = plan.has('lambda.layer-code')
    ? await readLayerCode(client, region, functions, scanCode)
    : undefined;

  const data: LambdaRegion = {
    accountSettings: settings ? accountSettings(settings, functions.length) : null,
    functions,
  };
  if (settingsError) data.accountSettingsError = settingsError;
  if (eventSourceMappings) data.eventSourceMappings = eventSourceMappings;
  if (codeSigning) data.codeSigningConfigs = codeSigning.configs;
  if (layers) data.layers = layers;
  if (layerCode) data.layerCode = layerCode;
  if (fromConfig) {
    await fromConfig.settled();
    const { recorder, refusal } = await fromConfig.recorder();
    const counted = functions.filter((f) => f.policySource?.from === 'config').length;
    data.policySource = {
      recorder,
      refusal,
      fromConfig: counted,
      fromLambda: functions.filter((f) => f.policySource?.from === 'lambda').length,
    };
    if (refusal) progress(`policies read from Lambda: ${refusal}`);
  }
  return { status: 'ok', data };
}

/**
 * --scan-code: each layer version the region's functions use, once: GetLayerVersion (by the
 * layer's ARN, so another account's layer works where its policy grants this account
 * lambda:GetLayerVersion) for `Content.Location`, then the download.
 */
async function readLayerCode(
  client: LambdaClient,
  region: string,
  functions: readonly LambdaFunction[],
  scanCode: (url: string, operation: string) => Promise<Fetched<CodeScan>>,
): Promise<LayerCodeScan[]> {
  const arns = [...new Set(functions.flatMap((fn) => fn.layers.map((l) => l.arn)))].sort(compareText);
  return Promise.all(
    arns.map(async (arn): Promise<LayerCodeScan> => {
      const cut = arn.lastIndexOf(':');
      const version = Number(arn.slice(cut + 1));
      const location = await read(SERVICE, 'GetLayerVersion', region, async () => {
        if (!Number.isInteger(version) || version < 1) throw new Error('not a layer version ARN');
        const out = await client.send(
          new GetLayerVersionCommand({ LayerName: arn.slice(0, cut), VersionNumber: version }),
        );
        return out.Content?.Location || null;
      });
      if (!location.ok) return { arn, scan: location };
      if (location.value === null) {
        return {
          arn,
          scan: {
            ok: false,
            error: {
              class: 'other',
              code: 'NoCodeLocation',
              message: 'GetLayerVersion returned no Content.Location',
              service: SERVICE,
              operation: 'GetLayerVersion',
              region,
            },
          },
        };
      }
      return { arn, scan: await scanCode(location.value, 'GetLayerVersion') };
    }),
  );
}

function accountSettings(
  settings: GetAccountSettingsCommandOutput,
  listedCount: number,
): LambdaAccountSettings {
  return {
    functionCount: settings.AccountUsage?.FunctionCount ?? listedCount,
    concurrentExecutions: settings.AccountLimit?.ConcurrentExecutions ?? 0,
    unreservedConcurrentExecutions: settings.AccountLimit?.UnreservedConcurrentExecutions ?? 0,
    codeSizeZipped: settings.AccountLimit?.CodeSizeZipped ?? null,
    // Usage, not the limit: how much code the region stores.
    totalCodeSize: settings.AccountUsage?.TotalCodeSize ?? null,
  };
}

type FunctionWithoutCsc = Omit<LambdaFunction, 'codeSigningConfigArn'>;

async function readFunction(
  client: LambdaClient,
  region: string,
  config: FunctionConfiguration,
  plan: ReadPlan,
  noneReserved: boolean,
  environmentP: Promise<Fetched<EnvVar[]>> | undefined,
  scanCode: (url: string, operation: string) => Promise<Fetched<CodeScan>>,
  fromConfig?: Promise<ConfigAnswer>,
): Promise<FunctionWithoutCsc> {
  const arn = config.FunctionArn ?? '';
  const none = Promise.resolve(undefined);
  // A container image has no package to download: ok(null), which the checks call not applicable.
  const isZip = (config.PackageType ?? 'Zip') === 'Zip';
  const wantCode = plan.has('lambda.code') && isZip;
  // An alias's URL and the alias itself need the same GetPolicy: one call serves both.
  const qualifierPolicies = new QualifierPolicies(client, region, arn);
  const [policy, urlConfigs, fromGetFunction, environment, extras, aliases] = await Promise.all([
    plan.has('lambda.policies') ? policyOf(client, region, arn, fromConfig) : none,
    plan.has('lambda.urls')
      ? readUrls(client, region, arn, plan.has('lambda.policies') ? qualifierPolicies : null)
      : none,
    // Reserved concurrency and (--deep) tags, from one GetFunction; see lambda-function-extras.ts.
    readGetFunction(client, region, arn, plan, noneReserved, wantCode),
    environmentP,
    readFunctionExtras(client, region, arn, plan),
    plan.has('lambda.aliases')
      ? readAliases(client, region, arn, plan.has('lambda.qualifier-policies') ? qualifierPolicies : null)
      : none,
  ]);
  const fn: FunctionWithoutCsc = mapConfiguration(config, region);
  if (environment) fn.environment = environment;
  if (policy) {
    fn.policy = policy.policy;
    if (policy.source) fn.policySource = policy.source;
  }
  if (urlConfigs) fn.urlConfigs = urlConfigs;
  if (aliases) fn.aliases = aliases;
  Object.assign(fn, fromGetFunction.reads, extras);
  if (plan.has('lambda.code')) fn.code = await codeOf(fromGetFunction.codeLocation, isZip, region, scanCode);
  return fn;
}

/**
 * The function's policy: AWS Config's, when its item may be believed (config-policies.ts), else a
 * live GetPolicy; with --policy-source config the source is recorded either way.
 */
async function policyOf(
  client: LambdaClient,
  region: string,
  arn: string,
  fromConfig: Promise<ConfigAnswer> | undefined,
): Promise<{ policy: Fetched<ParsedPolicy | null>; source?: PolicySource }> {
  if (!fromConfig) return { policy: await readPolicy(client, region, arn) };
  const answer = await fromConfig;
  if (answer.from === 'config') return { policy: { ok: true, value: answer.policy }, source: answer.source };
  return {
    policy: await readPolicy(client, region, arn),
    source: { from: 'lambda', reason: answer.reason },
  };
}

async function codeOf(
  location: Fetched<string | null> | undefined,
  isZip: boolean,
  region: string,
  scanCode: (url: string, operation: string) => Promise<Fetched<CodeScan>>,
): Promise<Fetched<CodeScan | null>> {
  if (!isZip || location === undefined) return { ok: true, value: null };
  if (!location.ok) return location;
  if (location.value === null) {
    return {
      ok: false,
      error: {
        class: 'other',
        code: 'NoCodeLocation',
        message: 'GetFunction returned no Code.Location for a Zip function',
        service: SERVICE,
        operation: 'GetFunction',
        region,
      },
    };
  }
  return scanCode(location.value, 'GetFunction');
}

async function classify(
  config: FunctionConfiguration,
  region: string,
  options: LambdaCollectOptions,
): Promise<Fetched<EnvVar[]>> {
  // When Lambda cannot decrypt the variables (KMS key disabled or access lost) it returns
  // Environment.Error instead of them: that is unknown, not "no variables".
  const error = config.Environment?.Error;
  if (error) {
    return {
      ok: false,
      error: {
        class: error.ErrorCode === 'AccessDeniedException' ? 'access-denied' : 'other',
        code: error.ErrorCode ?? 'EnvironmentError',
        message: sanitizeMessage(error.Message ?? 'Lambda could not decrypt the environment variables'),
        service: SERVICE,
        operation: 'ListFunctions',
        region,
      },
    };
  }
  const vars = config.Environment?.Variables;
  if (!vars || Object.keys(vars).length === 0) return { ok: true, value: [] };
  return { ok: true, value: await options.classifyEnvironment(vars, options.salt) };
}

export function mapConfiguration(
  config: FunctionConfiguration,
  region: string,
): Omit<FunctionWithoutCsc, 'environment' | 'policy' | 'urlConfigs' | 'reservedConcurrency'> {
  const subnetIds = config.VpcConfig?.SubnetIds ?? [];
  return {
    name: config.FunctionName ?? '',
    arn: config.FunctionArn ?? '',
    region,
    packageType: config.PackageType ?? 'Zip',
    runtime: config.Runtime ?? null,
    handler: config.Handler ?? null,
    roleArn: config.Role ?? '',
    lastModified: awsDateToIso(config.LastModified),
    codeSha256: config.CodeSha256 ?? null,
    version: config.Version ?? '$LATEST',
    memorySize: config.MemorySize ?? null,
    timeoutSeconds: config.Timeout ?? null,
    architectures: config.Architectures ?? [],
    layers: (config.Layers ?? []).flatMap((l) =>
      l.Arn ? [{ arn: l.Arn, codeSize: l.CodeSize ?? null }] : [],
    ),
    kmsKeyArn: config.KMSKeyArn ?? null,
    tracingMode: config.TracingConfig?.Mode ?? null,
    deadLetterTargetArn: config.DeadLetterConfig?.TargetArn ?? null,
    capacityProviderArn:
      config.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig?.CapacityProviderArn ??
      null,
    tenantIsolationMode: config.TenancyConfig?.TenantIsolationMode ?? null,
    // A function outside a VPC still reports a VpcConfig with empty lists.
    vpc: subnetIds.length
      ? { subnetIds: [...subnetIds], securityGroupIds: [...(config.VpcConfig?.SecurityGroupIds ?? [])] }
      : null,
  };
}

/** The URLs of the function and its aliases; with `policies`, each alias URL's own policy. */
async function readUrls(
  client: LambdaClient,
  region: string,
  arn: string,
  policies: QualifierPolicies | null,
): Promise<Fetched<FunctionUrlConfig[]>> {
  const urls = await read(SERVICE, 'ListFunctionUrlConfigs', region, () =>
    collectPages(
      paginateListFunctionUrlConfigs({ client, pageSize: 50 }, { FunctionName: arn }),
      (page) => page.FunctionUrlConfigs,
    ).then((list) => list.map((c) => urlConfig(c, arn))),
  );
  return policies ? withAliasPolicies(urls, policies) : urls;
}

/** GetPolicy per published version, each a window task (versions are listed region-wide). */
async function readVersionPolicies(
  client: LambdaClient,
  region: string,
  versions: ReadonlyMap<string, PublishedVersion[]>,
  window: ReturnType<typeof pLimit>,
): Promise<void> {
  const tasks: Promise<void>[] = [];
  for (const [arn, list] of versions) {
    tasks.push(
      window(async () => {
        await Promise.all(
          list.map(async (v) => {
            v.policy = await readPolicy(client, region, arn, v.version);
          }),
        );
      }),
    );
  }
  await Promise.all(tasks);
}

function urlConfig(c: FunctionUrlConfigShape, functionArn: string): FunctionUrlConfig {
  return {
    url: c.FunctionUrl ?? '',
    functionArn: c.FunctionArn ?? functionArn,
    // Required by the API; a missing value must not read as NONE.
    authType: c.AuthType ?? 'UNKNOWN',
    invokeMode: c.InvokeMode ?? null,
    cors: c.Cors
      ? { allowOrigins: [...(c.Cors.AllowOrigins ?? [])], allowCredentials: c.Cors.AllowCredentials ?? null }
      : null,
  };
}

interface CodeSigning {
  configs: Fetched<CodeSigningConfig[]>;
  /** Unqualified function ARN → code signing config ARN. */
  byFunction: Fetched<Map<string, string>>;
}

/** Two region-wide list calls (plus one per config) instead of GetFunctionCodeSigningConfig per function. */
async function readCodeSigning(client: LambdaClient, region: string): Promise<CodeSigning> {
  const listed = await read(SERVICE, 'ListCodeSigningConfigs', region, () =>
    collectPages(paginateListCodeSigningConfigs({ client }, {}), (page) => page.CodeSigningConfigs),
  );
  if (!listed.ok) return { configs: listed, byFunction: listed };
  const configs: CodeSigningConfig[] = listed.value.flatMap((c) =>
    c.CodeSigningConfigArn
      ? [
          {
            arn: c.CodeSigningConfigArn,
            allowedPublisherProfiles: [...(c.AllowedPublishers?.SigningProfileVersionArns ?? [])],
            // AWS's default, and the weaker setting: a missing value cannot read as Enforce.
            untrustedArtifactOnDeployment: c.CodeSigningPolicies?.UntrustedArtifactOnDeployment ?? 'Warn',
          },
        ]
      : [],
  );
  const attached = await Promise.all(
    configs.map((c) =>
      read(SERVICE, 'ListFunctionsByCodeSigningConfig', region, () =>
        collectPages(
          paginateListFunctionsByCodeSigningConfig({ client }, { CodeSigningConfigArn: c.arn }),
          (page) => page.FunctionArns,
        ),
      ).then((r) => ({ config: c.arn, r })),
    ),
  );
  const byFunction = new Map<string, string>();
  for (const { config, r } of attached) {
    // One unreadable config leaves every function's config unknown: it might be the one attached.
    if (!r.ok) return { configs: { ok: true, value: configs }, byFunction: r };
    for (const fnArn of r.value) byFunction.set(unqualifiedFunctionArn(fnArn), config);
  }
  return { configs: { ok: true, value: configs }, byFunction: { ok: true, value: byFunction } };
}

function codeSigningOf(byFunction: Fetched<Map<string, string>>, arn: string): Fetched<string | null> {
  if (!byFunction.ok) return { ok: false, error: byFunction.error };
  return { ok: true, value: byFunction.value.get(unqualifiedFunctionArn(arn)) ?? null };
}

async function collectPages<P, T>(pages: AsyncIterable<P>, pick: (page: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(pick(page) ?? []));
  return out;
}

/** Lambda's name for it, kept for the collector's tests. */
export { awsDateToIso as lambdaDateToIso };
