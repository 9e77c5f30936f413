/**
 * Injected trouble: per-region latency with jitter, a rate of internal errors, connection resets
 * and slow responses, SCP-style denials of chosen APIs or regions, and regions the account has
 * not enabled. Every random draw comes from a seeded PRNG, four per request in a fixed order, so
 * the same seed and the same request order give the same faults.
 */
import { mulberry32, type Rng } from './prng.js';

export interface Latency {
  meanMs: number;
  jitterMs: number;
}

/**
 * A request that gets no answer — none at all, or the status line, headers and half the body, and
 * then nothing — until the client gives up: a stuck proxy, a half-open connection. Matches by
 * service, action and a substring of the path (one function's GetPolicy); `times` limits how many
 * matching requests stall (then they are answered normally), default every one.
 */
export interface StallRule {
  service?: string;
  action?: string;
  path?: string;
  mode: 'no-response' | 'headers-then-stall';
  times?: number;
}

/** An explicit deny, as an SCP would write it: a whole service, one action, or either in one region. */
export interface DenyRule {
  service: string;
  action?: string;
  region?: string;
}

export interface FaultOptions {
  /** Latency of every region not in `regionLatency` (real-time ms; divided by the time scale). */
  latency: Latency;
  regionLatency: Record<string, Latency>;
  /** 0..1: share of requests answered with the service's internal error (HTTP 500). */
  serverErrorRate: number;
  /** 0..1: share of requests whose connection is destroyed part-way through the response. */
  resetRate: number;
  /** 0..1: share of requests delayed five times the region's latency (at least SLOW_MIN_MS). */
  slowRate: number;
  denied: DenyRule[];
  /** Regions not enabled for the account: Lambda, GuardDuty, EC2 and STS fail there; IAM is global. */
  disabledRegions: string[];
  stalls: StallRule[];
}

export const NO_FAULTS: FaultOptions = {
  latency: { meanMs: 0, jitterMs: 0 },
  regionLatency: {},
  serverErrorRate: 0,
  resetRate: 0,
  slowRate: 0,
  denied: [],
  disabledRegions: [],
  stalls: [],
};

export const SLOW_FACTOR = 5;
/** A slow response is slow even where latency is zero. */
export const SLOW_MIN_MS = 250;

export interface FaultDraw {
  /** Replace the answer with an internal error, or cut the connection. */
  outcome: 'server-error' | 'reset' | null;
  slow: boolean;
  delayMs: number;
}

export class FaultInjector {
  private opts: FaultOptions;
  private readonly rng: Rng;
  private readonly timeScale: number;

  constructor(opts: Partial<FaultOptions>, seed: number, timeScale = 1) {
    this.timeScale = timeScale;
    this.opts = { ...NO_FAULTS, ...opts };
    this.rng = mulberry32(seed ^ 0x5eed_fa17);
  }

  get options(): FaultOptions {
    return this.opts;
  }

  set(partial: Partial<FaultOptions>): void {
    this.opts = { ...this.opts, ...partial };
    if (partial.stalls) this.stalled.clear();
  }

  /** Requests stalled so far, per rule. */
  private readonly stalled = new Map<StallRule, number>();

  /** The stall this request meets, if any (counted against the rule's `times`). */
  stall(service: string, action: string, path: string): StallRule['mode'] | null {
    for (const rule of this.opts.stalls) {
      if (rule.service !== undefined && rule.service !== service) continue;
      if (rule.action !== undefined && rule.action !== action) continue;
      if (rule.path !== undefined && !path.includes(rule.path)) continue;
      const n = this.stalled.get(rule) ?? 0;
      if (rule.times !== undefined && n >= rule.times) continue;
      this.stalled.set(rule, n + 1);
      return rule.mode;
    }
    return null;
  }

  regionDisabled(service: string, region: string): boolean {
    return service !== 'iam' && this.opts.disabledRegions.includes(region);
  }

  isDenied(service: string, action: string, region: string): boolean {
    return this.opts.denied.some(
      (d) =>
        d.service === service &&
        (d.action === undefined || d.action === action) &&
        (d.region === undefined || d.region === region),
    );
  }

  /** Always four draws, so one request's faults never shift the next request's. */
  draw(region: string): FaultDraw {
    const [e, r, s, j] = [this.rng(), this.rng(), this.rng(), this.rng()];
    const outcome = e < this.opts.serverErrorRate ? 'server-error' : r < this.opts.resetRate ? 'reset' : null;
    const slow = s < this.opts.slowRate;
    const lat = this.opts.regionLatency[region] ?? this.opts.latency;
    const base = Math.max(0, lat.meanMs + (j * 2 - 1) * lat.jitterMs);
    return {
      outcome,
      slow,
      delayMs: (slow ? Math.max(base * SLOW_FACTOR, SLOW_MIN_MS) : base) / this.timeScale,
    };
  }
}
