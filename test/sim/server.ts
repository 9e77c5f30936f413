/**
 * The simulated AWS endpoint: one HTTP server on 127.0.0.1 that the unmodified scanner reaches
 * through AWS_ENDPOINT_URL. Each request is routed by its SigV4 credential scope
 * (`Credential=AKID/date/<region>/<service>/aws4_request`); signatures are not checked.
 *
 * A request then meets, in order: a disabled region, an SCP denial, the quota bucket, injected
 * faults, and finally the service module's answer, delayed by the region's latency. Every request
 * is recorded in the call log, including the ones the simulator could not route, so a test sees
 * a scanner calling something the simulator does not know.
 *
 * With an organization (SimOptions.organization) the served account is its management account
 * and every member has its own state and quota buckets. The access key decides the account: the
 * caller's own key is the management account, a key sts:AssumeRole handed out is the account of
 * the role it assumed (its IAM, its functions, its throttling). Faults are shared: they model the
 * network and AWS, not an account.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type GenerateOptions, generateAccount, type Manifest, type SimAccount } from './account.js';
import { type CallRecord, type CallSummary, summarize } from './call-log.js';
import {
  type CredentialRejection,
  credentialsRejected,
  denied,
  regionDisabled,
  serverError,
  throttled,
  unknownOperation,
  unknownService,
} from './errors.js';
import { FaultInjector, type FaultOptions } from './faults.js';
import { OrgDirectory, type SimOrganizationConfig } from './org-model.js';
import { jsonError, type Route, type SimReply, type SimRequest } from './protocol.js';
import { QuotaModel, type QuotaRates } from './quota.js';
import { accessAnalyzerRoute } from './services/access-analyzer.js';
import { accountRoute } from './services/account.js';
import { cloudTrailRoute } from './services/cloudtrail.js';
import { configRoute } from './services/config.js';
import { ec2Route } from './services/ec2.js';
import { guardDutyRoute } from './services/guardduty.js';
import { iamRoute } from './services/iam.js';
import { lambdaRoute } from './services/lambda.js';
import { organizationsRoute } from './services/organizations.js';
import { s3Route } from './services/s3.js';
import { stsRoute } from './services/sts.js';
import { type AssumedSession, accountOfArn, type SimObject, SimState } from './state.js';

export interface SimOptions {
  /** The account to serve; without it one is generated from `generate` (default: a small seed-1 account). */
  account?: SimAccount;
  generate?: GenerateOptions;
  /** k: quotas × k, latencies and the credential report's delay ÷ k (default 1). */
  timeScale?: number;
  /** Per-class rates (requests per real second, before k); false turns throttling off. */
  quotas?: Partial<QuotaRates> | false;
  faults?: Partial<FaultOptions>;
  /** Seed of the fault draws (default: the generator's seed, else 1). */
  faultSeed?: number;
  /** How long a credential report takes to generate, in real ms before k (default 2000). */
  credentialReportDelayMs?: number;
  /** Start with a report already generated (default false: the scanner must generate one). */
  credentialReportPresent?: boolean;
  /** Access key ids whose every request is rejected, and how (an unknown key, an expired session, a bad secret). */
  rejectedAccessKeys?: Record<string, CredentialRejection>;
  /**
   * Roles sts:AssumeRole may assume (by ARN), with the ExternalId each trust policy requires;
   * any other role answers AccessDenied, as a trust policy that does not name the caller does.
   */
  assumableRoles?: Record<string, { externalId?: string }>;
  /**
   * Serve an AWS Organization whose management account is the served account: its members'
   * states answer the sessions AssumeRole hands out for their audit role (org-model.ts).
   */
  organization?: SimOrganizationConfig;
}

export interface Simulator {
  url: string;
  port: number;
  /** Every request so far; the same array for the simulator's life (resetLog empties it). */
  callLog: CallRecord[];
  /** The served account: the management account of an organization. */
  account: SimAccount;
  /** Every account served, by id: the served account first, then the organization's members. */
  accounts: ReadonlyMap<string, SimAccount>;
  organization: SimOrganizationConfig | null;
  /** The ground truth, when the simulator generated the account itself. */
  manifest: Manifest | null;
  /** What S3 PutObject stored (the reports `--upload` sent), by `bucket/key`. */
  objects: ReadonlyMap<string, SimObject>;
  stop(): Promise<void>;
  setFaults(f: Partial<FaultOptions>): void;
  resetLog(): void;
  /** The call log's summary; with an account id, of the calls that account answered only. */
  summary(accountId?: string): CallSummary;
}

/** What answers for one account: its state, its quota buckets, the regions an SCP denies it. */
interface AccountContext {
  state: SimState;
  quota: QuotaModel | null;
  scpDeniedRegions: ReadonlySet<string>;
}

type Resolver = (req: SimRequest, st: SimState) => Route | null;

const DEFAULT_GENERATE: GenerateOptions = {
  seed: 1,
  regions: ['us-east-1'],
  functionsPerRegion: 10,
  users: 5,
};
const SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

export async function startSimulator(opts: SimOptions = {}): Promise<Simulator> {
  const generated = opts.account ? null : generateAccount(opts.generate ?? DEFAULT_GENERATE);
  const served = opts.account ?? generated?.account;
  if (!served) throw new Error('no account to serve');
  const account: SimAccount = served;
  const k = opts.timeScale ?? 1;
  if (!(k > 0)) throw new Error(`timeScale must be > 0, got ${k}`);
  const t0 = performance.now();
  const clock = () => performance.now();
  const directory = opts.organization ? new OrgDirectory(opts.organization, account) : null;
  const sessions = new Map<string, AssumedSession>();
  const objects = new Map<string, SimObject>();
  const assumableRoles = { ...auditRoles(opts.organization, account), ...(opts.assumableRoles ?? {}) };
  const context = (served: SimAccount, scpDeniedRegions: readonly string[] = []): AccountContext => ({
    state: new SimState(served, {
      clock,
      reportDelayMs: (opts.credentialReportDelayMs ?? 2000) / k,
      reportPresent: opts.credentialReportPresent ?? false,
      assumableRoles,
      sessions,
      objects,
      organization: directory,
    }),
    quota: opts.quotas === false ? null : new QuotaModel(opts.quotas ?? {}, k, clock),
    scpDeniedRegions: new Set(scpDeniedRegions),
  });
  const management = context(account);
  const contexts = new Map<string, AccountContext>([[account.accountId, management]]);
  for (const m of opts.organization?.members ?? []) {
    contexts.set(m.account.accountId, context(m.account, m.scpDeniedRegions));
  }
  /** A session's requests go to its role's account; anything else (and a role outside the organization) to the served one. */
  const contextOf = (accessKeyId: string | undefined): AccountContext => {
    const session = accessKeyId ? sessions.get(accessKeyId) : undefined;
    return (session && contexts.get(accountOfArn(session.roleArn))) || management;
  };
  const rejected: Record<string, CredentialRejection> = opts.rejectedAccessKeys ?? {};
  const faults = new FaultInjector(opts.faults ?? {}, opts.faultSeed ?? opts.generate?.seed ?? 1, k);
  const callLog: CallRecord[] = [];

  const resolvers: Record<string, Resolver> = {
    sts: stsRoute,
    ec2: (req, st) => ec2Route(req, st, () => faults.options.disabledRegions),
    iam: iamRoute,
    lambda: lambdaRoute,
    guardduty: guardDutyRoute,
    'access-analyzer': accessAnalyzerRoute,
    account: accountRoute,
    cloudtrail: cloudTrailRoute,
    config: configRoute,
    organizations: organizationsRoute,
    s3: s3Route,
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = clock();
    const raw = await readBody(req);
    const body = raw.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const requestId = randomUUID();
    const scope =
      SCOPE.exec(req.headers.authorization ?? '') ??
      SCOPE.exec(`Credential=${url.searchParams.get('X-Amz-Credential') ?? ''}`);
    const ctx = contextOf(scope?.[1]);
    const state = ctx.state;
    const record: CallRecord = {
      accountId: state.account.accountId,
      service: scope?.[3] ?? 'unknown',
      action: 'Unknown',
      region: scope?.[2] ?? 'unknown',
      status: 0,
      startedMs: started - t0,
      durationMs: 0,
      throttled: false,
      ...(scope?.[1] ? { accessKeyId: scope[1] } : {}),
    };
    const isForm = (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
    const sreq: SimRequest = {
      service: record.service,
      region: record.region,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      form: new URLSearchParams(isForm ? body : ''),
      body: isForm ? '' : body,
      target: typeof req.headers['x-amz-target'] === 'string' ? req.headers['x-amz-target'] : null,
      requestId,
      ...(req.headers.host ? { origin: `http://${req.headers.host}` } : {}),
      headers: singleValued(req.headers),
      ...(scope?.[1] ? { accessKeyId: scope[1] } : {}),
      bytes: raw,
    };
    const draw = faults.draw(sreq.region);
    let reply: SimReply;
    let reset = false;
    const resolve = resolvers[sreq.service];
    const route = resolve ? resolve(sreq, state) : null;
    record.action = route?.action ?? (sreq.form.get('Action') || `${sreq.method} ${sreq.path}`);
    // The access key id is the first part of the signature's credential scope.
    const rejection = scope ? rejected[scope[1] ?? ''] : undefined;

    if (!scope) {
      reply = jsonError(
        403,
        'MissingAuthenticationTokenException',
        { message: 'Missing Authentication Token' },
        requestId,
      );
      record.fault = 'unknown-service';
    } else if (rejection) {
      reply = credentialsRejected(sreq, rejection);
      record.fault = 'credentials-rejected';
    } else if (!resolve) {
      reply = unknownService(requestId, sreq.service);
      record.fault = 'unknown-service';
    } else if (faults.regionDisabled(sreq.service, sreq.region)) {
      reply = regionDisabled(sreq);
      record.fault = 'region-disabled';
    } else if (!route) {
      reply = unknownOperation(sreq, record.action);
      record.fault = 'unknown-operation';
    } else if (
      faults.isDenied(sreq.service, route.action, sreq.region) ||
      ctx.scpDeniedRegions.has(sreq.region)
    ) {
      reply = denied(sreq, route.action, route.resource ?? '*', state.principalArn(sreq.accessKeyId));
      record.fault = 'denied';
    } else {
      const take = ctx.quota
        ? ctx.quota.take(sreq.service, sreq.region, route.action)
        : { ok: true as const };
      if (!take.ok) {
        reply = throttled(sreq, take.retryAfterMs / 1000);
        record.throttled = true;
      } else if (draw.outcome === 'server-error') {
        reply = serverError(sreq);
        record.fault = 'server-error';
      } else {
        reply = safeHandle(route, sreq, record);
        if (draw.outcome === 'reset') {
          reset = true;
          record.fault = 'reset';
        } else if (draw.slow) record.fault = 'slow';
      }
    }

    if (draw.delayMs > 0) await sleep(draw.delayMs);
    const bytes = reply.bytes ?? Buffer.from(reply.body);
    const stall = faults.stall(sreq.service, record.action, sreq.path);
    if (stall) {
      // Nothing more is sent: the client's timeout must end it (stop() destroys the socket).
      record.fault = 'stalled';
      record.status = stall === 'no-response' ? 0 : reply.status;
      record.durationMs = clock() - started;
      callLog.push(record);
      if (stall === 'headers-then-stall') {
        res.writeHead(reply.status, { ...reply.headers, 'content-length': String(bytes.length) });
        res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
      }
      return;
    }
    res.writeHead(reply.status, { ...reply.headers, 'content-length': String(bytes.length) });
    if (reset) {
      // Headers and part of the body, then the connection dies: the client sees a broken response.
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
    } else {
      res.end(bytes);
    }
    record.status = reply.status;
    record.durationMs = clock() - started;
    callLog.push(record);
  }

  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      // A simulator bug must not hang the client: answer 500 and say so on stderr.
      process.stderr.write(`simulator error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    callLog,
    account,
    accounts: new Map([...contexts].map(([id, c]) => [id, c.state.account])),
    organization: opts.organization ?? null,
    manifest: generated?.manifest ?? null,
    stop: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
    objects,
    setFaults: (f) => faults.set(f),
    resetLog: () => {
      callLog.length = 0;
    },
    summary: (accountId) =>
      summarize(accountId === undefined ? callLog : callLog.filter((c) => c.accountId === accountId)),
  };
}

/**
 * The audit role of every account of the organization that can be assumed: the management
 * account's and each ACTIVE member's, unless the role is missing there. A suspended account's
 * role is not assumable (STS answers AccessDenied), as AWS refuses sign-in to one.
 */
function auditRoles(
  org: SimOrganizationConfig | undefined,
  management: SimAccount,
): Record<string, { externalId?: string }> {
  if (!org) return {};
  const trust = org.externalId === undefined ? {} : { externalId: org.externalId };
  const out: Record<string, { externalId?: string }> = {};
  const add = (id: string) => {
    out[`arn:aws:iam::${id}:role/${org.auditRoleName}`] = trust;
  };
  if (!org.management.roleMissing) add(management.accountId);
  for (const m of org.members) if (m.status === 'ACTIVE' && !m.roleMissing) add(m.account.accountId);
  return out;
}

/** A handler that throws is a simulator bug: it becomes the service's 500, marked 'internal'. */
function safeHandle(route: Route, req: SimRequest, record: CallRecord): SimReply {
  try {
    return route.handle();
  } catch (e) {
    process.stderr.write(
      `simulator handler ${req.service}:${route.action} threw: ${e instanceof Error ? e.stack : String(e)}\n`,
    );
    record.fault = 'internal';
    return serverError(req);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

function singleValued(headers: IncomingMessage['headers']): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));
