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
 * - Aborting the scan rejects every pending and in-flight send with a ScanAbortedError.
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
import { isThrottlingError } from './errors.js';
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

export const LIMITER_MIDDLEWARE_NAME = 'lambdaPostureLimiterMiddleware';
export const ABORT_MIDDLEWARE_NAME = 'lambdaPostureAbortMiddleware';

export class ScanAbortedError extends Error {
  override name = 'ScanAbortedError';
  constructor(message = 'the scan was aborted') {
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
  /** Injected in tests. */
  clock?: Clock;
}

/** Where a client sends: pacing is per service and (for Lambda) per region. */
export interface ClientTarget {
  service: string;
  region: string;
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

  // Our own signal, following the caller's: every waiter listens to it, and raising its listener
  // cap here (rather than on the caller's signal) keeps a thousand pending sends from printing
  // Node's "possible EventTarget memory leak" warning.
  const internal = new AbortController();
  setMaxListeners(0, internal.signal);
  const onCallerAbort = () => internal.abort(new ScanAbortedError());
  if (options.signal?.aborted) onCallerAbort();
  else options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const aborted = internal.signal;

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

  const abortMiddleware: InitializeMiddleware<object, MetadataBearer> =
    (next: InitializeHandler<object, MetadataBearer>) => (args: InitializeHandlerArguments<object>) => {
      // Rejects the whole send at once, even while the SDK sleeps between retries.
      if (aborted.aborted) return Promise.reject(new ScanAbortedError());
      return raceAbort(next(args), aborted);
    };

  function limiterMiddleware(target: ClientTarget): FinalizeRequestMiddleware<object, MetadataBearer> {
    return (next: FinalizeHandler<object, MetadataBearer>, context: HandlerExecutionContext) =>
      async (args: FinalizeHandlerArguments<object>) => {
        if (aborted.aborted) throw new ScanAbortedError();
        const service = target.service || serviceFromClientName(context.clientName);
        const operation = operationName(context.commandName);
        const bucket = bucketFor(service, target.region, operation);
        if (bucket) {
          try {
            await bucket.take(aborted);
          } catch (err) {
            if (aborted.aborted) throw new ScanAbortedError();
            throw err;
          }
        }
        return limit(async () => {
          // Queued before the abort: fail fast instead of sending.
          if (aborted.aborted) throw new ScanAbortedError();
          count(`${service}:${operation}`);
          try {
            const result = await raceAbort(next(args), aborted);
            if (statusCode(result.response) === 429) throttledResponses++;
            return result;
          } catch (err) {
            if (!(err instanceof ScanAbortedError) && isThrottlingError(err)) throttledResponses++;
            throw err;
          }
        });
      };
  }

  return {
    limit,
    apply(client, target) {
      client.middlewareStack.add(abortMiddleware, {
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
        apiCalls: Object.fromEntries([...apiCalls].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
        throttledResponses,
      };
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
 * Settles with `promise`, or rejects with a ScanAbortedError as soon as `signal` aborts. The
 * abandoned promise keeps a handler attached, so its later rejection is never unhandled.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ScanAbortedError());
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
