/**
 * The one place a scan's request rate is controlled: SDK middleware added to every client.
 *
 * - Per attempt, not per `send`: the limiter sits just inside the SDK's retry middleware (in the
 *   finalizeRequest step, before signing), so each HTTP attempt takes a slot, paginators are
 *   limited page by page, and a retry's backoff sleep holds no slot.
 * - Client-side pacing at AWS's published quotas (Lambda: per account and region) happens before
 *   a slot is taken, so a region waiting for its Lambda tokens never blocks another region.
 * - One p-limit limiter for the whole run, applied only here at the leaf: collectors fan out with
 *   plain Promise.all and never call the limiter (p-limit deadlocks when a limited task waits on
 *   the same limiter).
 * - Every attempt is counted by `service:Operation`, and throttling responses are counted, so a
 *   report can show what the scan cost and whether it was pushed back.
 * - Aborting the scan rejects every pending and in-flight send with a ScanAbortedError; reaching
 *   the scan's deadline (`expire`) rejects them with a ScanTimeoutError, which collectors record
 *   as a failed read (the scan then winds down and still writes its reports).
 * - A send the SDK gave up on early because its retry quota ran dry is sent again (see
 *   sendWithResends), so `maxAttempts` holds under sustained throttling too.
 */

import { setMaxListeners } from 'node:events';
import type {
  FinalizeHandler,
  FinalizeHandlerArguments,
  FinalizeRequestMiddleware,
  HandlerExecutionContext,
  InitializeHandler,
  InitializeHandlerArguments,
  InitializeMiddleware,
  MetadataBearer,
  MiddlewareStack,
} from '@smithy/types';
import pLimit, { type LimitFunction } from 'p-limit';
import { compareText } from '../inventory/order.js';
import { isRetryableError, isThrottlingError } from './errors.js';
import { type Clock, realClock, TokenBucket } from './token-bucket.js';

/**
 * AWS Lambda's control-plane request quotas, requests per second per account and Region; none can
 * be increased (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
 * `control` is shared by every other control-plane call (ListFunctions, ListFunctionUrlConfigs,
 * GetAccountSettings, ListEventSourceMappings, ListCodeSigningConfigs, …).
 */
export const LAMBDA_QUOTAS = { GetFunction: 100, GetPolicy: 15, control: 15 } as const;

/**
 * IAM publishes no per-operation rate, only that an account-wide rate limit exists and cannot be
 * raised (IAM/STS throttling knowledge-center article). IAM is global, so one bucket per scan; a
 * modest pace leaves room for the account's other callers, and adaptive retries absorb the rest.
 */
export const IAM_RATE = 10;

/**
 * CloudTrail LookupEvents: 2 requests per second per account and Region, not adjustable
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Limits.html).
 */
export const CLOUDTRAIL_LOOKUP_EVENTS_RATE = 2;

/**
 * AWS Config's read APIs are throttled per account and Region at rates its quotas page does not
 * publish per operation; BatchGetResourceConfig answers 100 items a call, so a 10,000-function
 * region needs 100 calls, and a modest pace costs nothing while leaving the account's own Config
 * rules and consoles their share.
 */
export const CONFIG_RATE = 5;

/**
 * AWS Organizations publishes no request rate (its quotas page lists entity limits only) and
 * throttles with TooManyRequestsException; an organization scan lists the tree and each account's
 * SCPs with the caller's credentials, many calls at once, so they are paced conservatively, as
 * the simulator's Organizations quota is.
 */
export const ORGANIZATIONS_RATE = 5;

export const LIMITER_MIDDLEWARE_NAME = 'lambdaPostureLimiterMiddleware';
export const ABORT_MIDDLEWARE_NAME = 'lambdaPostureAbortMiddleware';

export class ScanAbortedError extends Error {
  override name = 'ScanAbortedError';
  constructor(message = 'the scan was aborted') {
    super(message);
  }
}

/** A read not made, or cut off, because the whole scan reached its --timeout. */
export class ScanTimeoutError extends Error {
  override name = 'ScanTimeoutError';
  readonly code = 'ScanTimeout';
  constructor(message = 'the scan reached its --timeout before this read finished') {
    super(message);
  }
}

export interface ApiStats {
  /** Attempts sent, by `service:Operation` (retries included). */
  apiCalls: Record<string, number>;
  /** Throttling responses received (each one then retried by the SDK, or failed). */
  throttledResponses: number;
}

export interface LimiterOptions {
  /** Maximum HTTP attempts in flight across all clients. */
  concurrency: number;
  /** Multiplies every pacing rate: below 1 leaves headroom for the account's other callers. */
  rateScale: number;
  signal?: AbortSignal;
  /** The clients' SDK `maxAttempts`: the attempt budget a send keeps when the SDK's retry quota is spent (default 1: no resend). */
  maxAttempts?: number;
  /** Injected in tests. */
  clock?: Clock;
}

/** The SDK's backoff for a resend: full jitter, base 1 s after throttling, 50 ms otherwise, 20 s cap. */
function resendDelayMs(attemptsUsed: number, throttled: boolean): number {
  const base = throttled ? 1_000 : 50;
  return Math.floor(Math.random() * Math.min(base * 2 ** Math.max(0, attemptsUsed - 1), 20_000));
}

/** Where a client sends: pacing is per service and (for Lambda) per region. */
export interface ClientTarget {
  service: string;
  region: string;
  /** The client's own attempt budget when it is below the limiter's (the identity call's). */
  maxAttempts?: number;
}

// Every SDK client has a stack of this shape; typed loosely so one function serves all five.
// biome-ignore lint/suspicious/noExplicitAny: each client's stack has its own input/output unions.
type AnyStack = MiddlewareStack<any, any>;

export interface Limiter {
  /** Adds the abort and limiter middleware to a client. */
  apply(client: { middlewareStack: AnyStack }, target: ClientTarget): void;
  stats(): ApiStats;
  /** The shared p-limit instance, exposed for tests and progress (active/pending counts). */
  readonly limit: LimitFunction;
  /** The scan's deadline: every pending and in-flight send fails as timed out, and so does every later one. */
  expire(): void;
  /** Removes the listener on the caller's signal. */
  dispose(): void;
}

export function createLimiter(options: LimiterOptions): Limiter {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${options.concurrency}`);
  }
  if (!(options.rateScale > 0) || !Number.isFinite(options.rateScale)) {
    throw new RangeError(`rateScale must be a positive number, got ${options.rateScale}`);
  }
  const clock = options.clock ?? realClock;
  const limit = pLimit(options.concurrency);
  const apiCalls = new Map<string, number>();
  let throttledResponses = 0;
  const buckets = new Map<string, TokenBucket>();

  // Our own signal, stopped by the caller's abort or by the deadline; its reason is the error
  // every waiter gets. Every waiter is registered on it through onAbort (one listener for all of
  // them); the listener cap is raised here, not on the caller's signal, in case anything else
  // listens to it directly.
  const internal = new AbortController();
  setMaxListeners(0, internal.signal);
  const onCallerAbort = () => internal.abort(new ScanAbortedError());
  if (options.signal?.aborted) onCallerAbort();
  else options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const aborted = internal.signal;
  const stopped = () => stopError(aborted);

  function bucketFor(service: string, region: string, operation: string): TokenBucket | undefined {
    const rule = paceRule(service, region, operation);
    if (!rule) return undefined;
    let bucket = buckets.get(rule.key);
    if (!bucket) {
      bucket = new TokenBucket({ ratePerSecond: rule.rate * options.rateScale, clock });
      buckets.set(rule.key, bucket);
    }
    return bucket;
  }

  function count(key: string): void {
    apiCalls.set(key, (apiCalls.get(key) ?? 0) + 1);
  }

  const maxAttempts = options.maxAttempts ?? 1;

  /**
   * The SDK's retry strategies keep a retry quota per client (500 tokens; a throttled retry costs
   * 5, any other retry 14; successes pay back). It is a circuit breaker for outages: once spent,
   * the SDK fails every throttled or 5xx attempt at once instead of retrying, whatever
   * `maxAttempts` says. A scan sends thousands of per-function reads through one client per
   * region, so sustained throttling spends it and reads were lost (recorded as unknown after a
   * single attempt). So: when the SDK gives up on an error it would retry before `maxAttempts`
   * attempts, wait the SDK's backoff and send again, until the attempts add up to `maxAttempts`.
   * The wait is out here, before the limiter, so it holds no concurrency slot.
   */
  async function sendWithResends(
    next: InitializeHandler<object, MetadataBearer>,
    args: InitializeHandlerArguments<object>,
    maxAttempts: number,
  ) {
    let used = 0;
    for (;;) {
      try {
        return await next(args);
      } catch (err) {
        const attempts = (err as { $metadata?: { attempts?: unknown } }).$metadata?.attempts;
        used += typeof attempts === 'number' && attempts > 0 ? attempts : maxAttempts;
        if (aborted.aborted || used >= maxAttempts || !isRetryableError(err)) throw err;
        // (A stopped scan rejects the sleep below with its reason.)
        await abortableSleep(realClock, resendDelayMs(used, isThrottlingError(err)), aborted);
      }
    }
  }

  const abortMiddleware =
    (budget: number): InitializeMiddleware<object, MetadataBearer> =>
    (next: InitializeHandler<object, MetadataBearer>) =>
    (args: InitializeHandlerArguments<object>) => {
      // Rejects the whole send at once, even while the SDK sleeps between retries.
      if (aborted.aborted) return Promise.reject(stopped());
      return raceAbort(sendWithResends(next, args, budget), aborted);
    };

  function limiterMiddleware(target: ClientTarget): FinalizeRequestMiddleware<object, MetadataBearer> {
    return (next: FinalizeHandler<object, MetadataBearer>, context: HandlerExecutionContext) =>
      async (args: FinalizeHandlerArguments<object>) => {
        if (aborted.aborted) throw stopped();
        const service = target.service || serviceFromClientName(context.clientName);
        const operation = operationName(context.commandName);
        const bucket = bucketFor(service, target.region, operation);
        if (bucket) {
          // bucket.take(aborted) would add a listener to the shared signal per waiter (see onAbort).
          if (aborted.aborted) throw stopped();
          const waitMs = bucket.reserve();
          if (waitMs > 0) await abortableSleep(clock, waitMs, aborted);
        }
        return limit(async () => {
          // Queued before the abort or the deadline: fail fast instead of sending.
          if (aborted.aborted) throw stopped();
          count(`${service}:${operation}`);
          try {
            const result = await raceAbort(next(args), aborted);
            if (statusCode(result.response) === 429) throttledResponses++;
            return result;
          } catch (err) {
            if (
              !(err instanceof ScanAbortedError || err instanceof ScanTimeoutError) &&
              isThrottlingError(err)
            )
              throttledResponses++;
            throw err;
          }
        });
      };
  }

  return {
    limit,
    apply(client, target) {
      const budget = Math.min(maxAttempts, target.maxAttempts ?? maxAttempts);
      client.middlewareStack.add(abortMiddleware(budget), {
        name: ABORT_MIDDLEWARE_NAME,
        step: 'initialize',
        priority: 'high',
        override: true,
      });
      // Added after the SDK's own signing middleware, which is also placed after retryMiddleware:
      // the stack puts later "after" entries closer to their anchor, so the order per attempt is
      // retry → limiter → signing, and a request is signed only once it has its slot.
      client.middlewareStack.addRelativeTo(limiterMiddleware(target), {
        name: LIMITER_MIDDLEWARE_NAME,
        relation: 'after',
        toMiddleware: 'retryMiddleware',
        override: true,
      });
    },
    stats() {
      return {
        apiCalls: Object.fromEntries([...apiCalls].sort(([a], [b]) => compareText(a, b))),
        throttledResponses,
      };
    },
    expire() {
      if (!aborted.aborted) internal.abort(new ScanTimeoutError());
    },
    dispose() {
      options.signal?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/** Which pacing bucket an operation draws from; undefined: not paced (the p-limit slot only). */
export function paceRule(
  service: string,
  region: string,
  operation: string,
): { key: string; rate: number } | undefined {
  if (service === 'lambda') {
    const bucket = operation === 'GetFunction' || operation === 'GetPolicy' ? operation : 'control';
    return { key: `lambda:${region}:${bucket}`, rate: LAMBDA_QUOTAS[bucket] };
  }
  if (service === 'iam') return { key: 'iam', rate: IAM_RATE };
  if (service === 'cloudtrail' && operation === 'LookupEvents') {
    return { key: `cloudtrail:${region}:LookupEvents`, rate: CLOUDTRAIL_LOOKUP_EVENTS_RATE };
  }
  if (service === 'config') return { key: `config:${region}`, rate: CONFIG_RATE };
  // Global: one bucket, whatever region signed the call.
  if (service === 'organizations') return { key: 'organizations', rate: ORGANIZATIONS_RATE };
  return undefined;
}

function operationName(commandName: string | undefined): string {
  return (commandName ?? 'Unknown').replace(/Command$/, '');
}

function serviceFromClientName(clientName: string | undefined): string {
  return (clientName ?? 'unknown').replace(/Client$/, '').toLowerCase();
}

function statusCode(response: unknown): number | undefined {
  const status = (response as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Abort callbacks, one listener per signal. EventTarget's addEventListener and removeEventListener
 * walk the signal's whole listener list (a duplicate check), so a listener per pending send makes a
 * scan quadratic: a 10,000-function scan starts ~30,000 sends at once, each racing the abort and
 * sleeping for its pacing token, and walking those lists took most of the scanner's CPU (measured
 * with the benchmark: a 10,000-function scan used 131 s of CPU before this, 72 s after).
 * A Set per signal makes registering and unregistering O(1). Returns the unregister function.
 */
const abortCallbacks = new WeakMap<AbortSignal, Set<() => void>>();

export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = abortCallbacks.get(signal);
  if (!callbacks) {
    const created = new Set<() => void>();
    abortCallbacks.set(signal, created);
    signal.addEventListener(
      'abort',
      () => {
        const all = [...created];
        created.clear();
        for (const cb of all) cb();
      },
      { once: true },
    );
    callbacks = created;
  }
  const registered = callbacks;
  registered.add(callback);
  return () => {
    registered.delete(callback);
  };
}

/** What a stopped signal's waiters get: its reason when that is one of ours, else a ScanAbortedError. */
function stopError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof ScanAbortedError || reason instanceof ScanTimeoutError
    ? reason
    : new ScanAbortedError();
}

/** Sleeps on `clock`; stopping `signal` ends the sleep at once with its error. */
async function abortableSleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) throw stopError(signal);
  // The sleep listens to a signal of its own; only the registry listens to the shared one.
  const own = new AbortController();
  const off = onAbort(signal, () => own.abort(stopError(signal)));
  try {
    await clock.sleep(ms, own.signal);
  } catch (err) {
    if (signal.aborted) throw stopError(signal);
    throw err;
  } finally {
    off();
  }
}

/**
 * Settles with `promise`, or rejects with the signal's error (ScanAbortedError, ScanTimeoutError)
 * as soon as `signal` stops. The abandoned promise keeps a handler attached, so its later
 * rejection is never unhandled.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(stopError(signal));
    let off = () => {};
    if (signal.aborted) abort();
    else off = onAbort(signal, abort);
    promise.then(
      (value) => {
        off();
        resolve(value);
      },
      (err: unknown) => {
        off();
        reject(err);
      },
    );
  });
}
