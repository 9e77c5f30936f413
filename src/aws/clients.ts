/**
 * The scan's AWS session: one client per (service, region), created on first use and cached, all
 * sharing one credential provider and one limiter (see limiter.ts). Passed explicitly to every
 * collector; nothing here runs at import time.
 *
 * Endpoints: the SDK already honours AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> (and
 * `endpoint_url` in the shared config file), so `endpoint` is set only for an explicit
 * `--endpoint-url`, which then wins over both.
 *
 * Timeouts: the SDK's HTTP handler waits forever by default. Every client gets a connect timeout
 * and the request timeout twice: as the handler's requestTimeout (until the answer's headers,
 * after which the handler stops counting) and as its socketTimeout (the longest silence on the
 * socket, which covers a body that stalls half-way). So an endpoint that accepts and never
 * answers, or sends headers and stops, fails the attempt with a TimeoutError, which the SDK
 * retries like any transient failure and the scan then records.
 */
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { AccountClient } from '@aws-sdk/client-account';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { EC2Client } from '@aws-sdk/client-ec2';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient, type LambdaClientConfig } from '@aws-sdk/client-lambda';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import { type AssumeRoleSettings, assumedRoleCredentials, type TemporaryCredentials } from './assume-role.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, IDENTITY_MAX_ATTEMPTS } from './defaults.js';
import { type ApiStats, createLimiter, type Limiter } from './limiter.js';

export interface AwsSessionOptions {
  profile?: string;
  endpointUrl?: string;
  /** Maximum HTTP attempts in flight across the whole scan. */
  concurrency: number;
  /** Total attempts per request, the first included (SDK `maxAttempts`). */
  maxAttempts: number;
  /** Multiplies every client-side pacing rate (1 = AWS's published quotas). */
  rateScale: number;
  /** Longest wait for a TCP/TLS connection, per attempt (default DEFAULT_CONNECT_TIMEOUT_MS). */
  connectTimeoutMs?: number;
  /** Longest wait for an answer to start, and longest silence within one, per attempt. */
  requestTimeoutMs?: number;
  /**
   * The whole scan's time limit, from the session's creation. At it, every pending and in-flight
   * request fails as timed out, and so does every later one: collection winds down, recording
   * what it had not read.
   */
  timeoutMs?: number;
  onTimeout?: () => void;
  signal?: AbortSignal;
  /** --role-arn: every client runs as this role, assumed once from the caller's credentials (assume-role.ts). */
  assumeRole?: AssumeRoleSettings;
  /**
   * For unit tests only: replaces the HTTP handler and/or the credentials of every
   * client. A real scan leaves this unset and uses the SDK's default credential chain.
   */
  clientOverrides?: Pick<LambdaClientConfig, 'requestHandler' | 'credentials'>;
}

export interface AwsSession {
  /** STS in the home region: the SDK-configured region (env or profile), else us-east-1. */
  sts(): STSClient;
  ec2(region: string): EC2Client;
  /** IAM is global: served from the partition's global region (see setPartition). */
  iam(): IAMClient;
  lambda(region: string): LambdaClient;
  guardduty(region: string): GuardDutyClient;
  /** CloudTrail event history is regional: LookupEvents answers for its own region only. */
  cloudtrail(region: string): CloudTrailClient;
  /** IAM Access Analyzer is regional: each region has its own analyzers. */
  accessAnalyzer(region: string): AccessAnalyzerClient;
  /** AWS Config is regional: each region has its own recorder and configuration items. */
  config(region: string): ConfigServiceClient;
  /** AWS Account Management is global: served from the partition's global region, like IAM. */
  account(): AccountClient;
  /** Organizations is global too (its endpoint lives in the partition's global region). */
  organizations(): OrganizationsClient;
  /** Records the caller's partition once known; IAM and the region list are read in its global region. */
  setPartition(partition: string): void;
  /** The global region of the partition set by setPartition ('aws' until then). */
  globalRegion(): string;
  stats(): ApiStats;
  /** True once the scan's --timeout has been reached. */
  timedOut(): boolean;
  readonly signal: AbortSignal | undefined;
  destroy(): void;
}

/** Where a partition's global services (IAM, and our DescribeRegions call) are signed. */
const GLOBAL_REGIONS: Record<string, string> = {
  aws: 'us-east-1',
  'aws-us-gov': 'us-gov-west-1',
  'aws-cn': 'cn-north-1',
  'aws-iso': 'us-iso-east-1',
  'aws-iso-b': 'us-isob-east-1',
  'aws-iso-e': 'eu-isoe-west-1',
  'aws-iso-f': 'us-isof-south-1',
  'aws-eusc': 'eusc-de-east-1',
};

export function globalRegionOf(partition: string): string | undefined {
  return GLOBAL_REGIONS[partition];
}

/**
 * Handler options, not a handler: each client builds its own NodeHttpHandler (and socket pool)
 * from them. The request timeout counts twice (see the header): until the answer's headers, and
 * as the longest silence on the socket.
 */
export function httpTimeouts(connectTimeoutMs?: number, requestTimeoutMs?: number) {
  const requestTimeout = requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  return {
    connectionTimeout: connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    requestTimeout,
    throwOnRequestTimeout: true,
    socketTimeout: requestTimeout,
  };
}

export function createAwsSession(options: AwsSessionOptions): AwsSession {
  if (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be a positive integer, got ${options.maxAttempts}`);
  }
  const limiter: Limiter = createLimiter({
    concurrency: options.concurrency,
    rateScale: options.rateScale,
    maxAttempts: options.maxAttempts,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const clients = new Map<string, { destroy(): void }>();
  let partition = 'aws';
  let timedOut = false;
  const deadline =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          limiter.expire();
          options.onTimeout?.();
        }, options.timeoutMs);
  let homeRegion: Promise<string> | undefined;

  // Resolved the way the SDK resolves a client's region, falling back to us-east-1 instead of
  // failing: STS must be reachable before we know the partition, and a GovCloud or China profile
  // names a region of its own partition.
  const resolveHomeRegion = (): Promise<string> => {
    homeRegion ??= (async () => {
      const probe = new STSClient(options.profile ? { profile: options.profile } : {});
      try {
        return await probe.config.region();
      } catch {
        return 'us-east-1';
      } finally {
        probe.destroy();
      }
    })();
    return homeRegion;
  };

  const timeouts = httpTimeouts(options.connectTimeoutMs, options.requestTimeoutMs);

  function baseConfig(region: string | (() => Promise<string>)) {
    return {
      region,
      maxAttempts: options.maxAttempts,
      retryMode: 'adaptive',
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
      requestHandler: options.clientOverrides?.requestHandler ?? timeouts,
    };
  }

  // One credential provider for every client: the SDK memoizes it per client, so without sharing
  // each of the (services × regions) clients would run the default chain on its own — one SSO
  // GetRoleCredentials or AssumeRole per client.
  let assumed: (() => Promise<TemporaryCredentials>) | undefined;
  function credentials() {
    if (options.clientOverrides?.credentials) return options.clientOverrides.credentials;
    const role = options.assumeRole;
    if (role) {
      assumed ??= assumedRoleCredentials(role, (command) => callerSts().send(command));
      return assumed;
    }
    return sts().config.credentials;
  }

  /** --role-arn: STS with the caller's own credentials, used only to assume the role. */
  function callerSts(): STSClient {
    return cached(
      'sts',
      'caller',
      () =>
        new STSClient({
          ...baseConfig(resolveHomeRegion),
          maxAttempts: Math.min(options.maxAttempts, IDENTITY_MAX_ATTEMPTS),
        }),
      Math.min(options.maxAttempts, IDENTITY_MAX_ATTEMPTS),
    );
  }

  function cached<C extends { destroy(): void; middlewareStack: unknown }>(
    service: string,
    region: string,
    create: () => C,
    maxAttempts?: number,
  ): C {
    const key = `${service}:${region}`;
    let client = clients.get(key) as C | undefined;
    if (!client) {
      client = create();
      limiter.apply(client as unknown as Parameters<Limiter['apply']>[0], {
        service,
        region,
        ...(maxAttempts === undefined ? {} : { maxAttempts }),
      });
      clients.set(key, client);
    }
    return client;
  }

  function sts(): STSClient {
    return cached(
      'sts',
      'home',
      () =>
        new STSClient({
          ...baseConfig(resolveHomeRegion),
          maxAttempts: Math.min(options.maxAttempts, IDENTITY_MAX_ATTEMPTS),
          // Identity is the assumed role's when there is one; else the default chain's own.
          ...(options.clientOverrides?.credentials || options.assumeRole
            ? { credentials: credentials() }
            : {}),
        }),
      Math.min(options.maxAttempts, IDENTITY_MAX_ATTEMPTS),
    );
  }

  const session: AwsSession = {
    sts,
    ec2: (region) =>
      cached('ec2', region, () => new EC2Client({ ...baseConfig(region), credentials: credentials() })),
    iam: () => {
      const region = session.globalRegion();
      return cached(
        'iam',
        region,
        () => new IAMClient({ ...baseConfig(region), credentials: credentials() }),
      );
    },
    lambda: (region) =>
      cached('lambda', region, () => new LambdaClient({ ...baseConfig(region), credentials: credentials() })),
    guardduty: (region) =>
      cached(
        'guardduty',
        region,
        () => new GuardDutyClient({ ...baseConfig(region), credentials: credentials() }),
      ),
    cloudtrail: (region) =>
      cached(
        'cloudtrail',
        region,
        () => new CloudTrailClient({ ...baseConfig(region), credentials: credentials() }),
      ),
    accessAnalyzer: (region) =>
      // Named by its IAM prefix (and SigV4 signing name), so its calls count as the actions they need.
      cached(
        'access-analyzer',
        region,
        () => new AccessAnalyzerClient({ ...baseConfig(region), credentials: credentials() }),
      ),
    config: (region) =>
      cached(
        'config',
        region,
        () => new ConfigServiceClient({ ...baseConfig(region), credentials: credentials() }),
      ),
    account: () => {
      const region = session.globalRegion();
      return cached(
        'account',
        region,
        () => new AccountClient({ ...baseConfig(region), credentials: credentials() }),
      );
    },
    organizations: () => {
      const region = session.globalRegion();
      return cached(
        'organizations',
        region,
        () => new OrganizationsClient({ ...baseConfig(region), credentials: credentials() }),
      );
    },
    setPartition(value) {
      partition = value;
    },
    globalRegion: () => globalRegionOf(partition) ?? 'us-east-1',
    stats: () => limiter.stats(),
    timedOut: () => timedOut,
    signal: options.signal,
    destroy() {
      clearTimeout(deadline);
      for (const client of clients.values()) client.destroy();
      clients.clear();
      limiter.dispose();
    },
  };
  return session;
}
