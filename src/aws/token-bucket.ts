/**
 * A token bucket that paces callers to a steady rate. AWS publishes Lambda's control-plane quotas
 * as requests per second per account and region; pacing below them client-side is cheaper than
 * being throttled and backing off. Callers reserve a slot (tokens may go negative) and sleep until
 * it comes due, so waiters are served first come, first served without a queue of timers.
 *
 * The clock is injected so tests can drive time without waiting.
 */

export interface Clock {
  /** Milliseconds, monotonic enough for pacing. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason (or an AbortError) when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortReason(signal));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

function abortReason(signal: AbortSignal | undefined): unknown {
  if (signal?.reason !== undefined) return signal.reason;
  const err = new Error('aborted');
  err.name = 'AbortError';
  return err;
}

export interface TokenBucketOptions {
  /** Tokens added per second. */
  ratePerSecond: number;
  /**
   * Tokens the bucket holds when idle (the burst allowed after a pause). Default 1: requests are
   * spread evenly, so no one-second window sees more than the rate plus one, whatever window the
   * service measures.
   */
  capacity?: number;
  clock?: Clock;
}

export class TokenBucket {
  readonly ratePerSecond: number;
  readonly capacity: number;
  private readonly clock: Clock;
  private tokens: number;
  private updatedAt: number;

  constructor(options: TokenBucketOptions) {
    if (!(options.ratePerSecond > 0) || !Number.isFinite(options.ratePerSecond)) {
      throw new RangeError(`ratePerSecond must be a positive number, got ${options.ratePerSecond}`);
    }
    const capacity = options.capacity ?? 1;
    if (!(capacity >= 1)) throw new RangeError(`capacity must be at least 1, got ${capacity}`);
    this.ratePerSecond = options.ratePerSecond;
    this.capacity = capacity;
    this.clock = options.clock ?? realClock;
    this.tokens = capacity;
    this.updatedAt = this.clock.now();
  }

  /**
   * Takes one token, waiting until it is due. The reservation is not returned on abort: an aborted
   * scan is stopping, and keeping it only makes later callers wait a little longer, never faster.
   */
  async take(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw abortReason(signal);
    const waitMs = this.reserve();
    if (waitMs > 0) await this.clock.sleep(waitMs, signal);
  }

  /** Reserves one token and returns how long the caller must wait for it (ms). */
  reserve(): number {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.ratePerSecond) / 1000);
    this.updatedAt = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens * 1000) / this.ratePerSecond;
  }
}
