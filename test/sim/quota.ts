/**
 * Request-rate quotas as token buckets, one per (region, API class), sized like AWS's published
 * limits: Lambda's per-region control plane is 15 requests/s shared by every call except
 * GetFunction (100/s) and GetPolicy (15/s, its own bucket); IAM is account-wide and strict, so
 * it gets a conservative 20/s. Each bucket holds one second of its rate as burst. Quotas are per
 * account: in an organization each account has its own QuotaModel (server.ts).
 *
 * The time scale k multiplies every rate (and the burst with it), so a benchmark run at k = 20
 * keeps the same ratios as the real thing while finishing twenty times sooner.
 */

export interface QuotaRates {
  lambdaGetFunction: number;
  lambdaGetPolicy: number;
  lambdaControlPlane: number;
  iam: number;
  sts: number;
  ec2: number;
  guardduty: number;
  /** CloudTrail LookupEvents: 2 requests/s per account and region, not adjustable. */
  cloudtrailLookupEvents: number;
  accessAnalyzer: number;
  /** AWS Config's read APIs, per account and region (unpublished per operation; see limiter.ts). */
  config: number;
  /**
   * AWS Organizations, global (one bucket for the account, whatever region signed the call).
   * Its quotas page lists entity limits only, no request rates; AWS says it throttles with
   * TooManyRequestsException "in too short a period of time", so a conservative 5/s.
   */
  organizations: number;
}

export const AWS_QUOTAS: QuotaRates = {
  lambdaGetFunction: 100,
  lambdaGetPolicy: 15,
  lambdaControlPlane: 15,
  iam: 20,
  sts: 100,
  ec2: 100,
  guardduty: 50,
  cloudtrailLookupEvents: 2,
  // Access Analyzer's read APIs are throttled per account and region at low, undocumented rates.
  accessAnalyzer: 10,
  config: 10,
  organizations: 5,
};

/** Which bucket a call draws from: the key names the bucket, the rate is per real-time second. */
export function quotaClass(
  service: string,
  region: string,
  action: string,
  rates: QuotaRates,
): { key: string; rate: number } {
  switch (service) {
    case 'lambda':
      if (action === 'GetFunction')
        return { key: `lambda:${region}:GetFunction`, rate: rates.lambdaGetFunction };
      if (action === 'GetPolicy') return { key: `lambda:${region}:GetPolicy`, rate: rates.lambdaGetPolicy };
      return { key: `lambda:${region}:control-plane`, rate: rates.lambdaControlPlane };
    case 'iam':
      // IAM is a global service: one bucket for the account, whatever region signed the call.
      return { key: 'iam', rate: rates.iam };
    case 'sts':
      return { key: `sts:${region}`, rate: rates.sts };
    case 'ec2':
      return { key: `ec2:${region}`, rate: rates.ec2 };
    case 'cloudtrail':
      if (action === 'LookupEvents')
        return { key: `cloudtrail:${region}:LookupEvents`, rate: rates.cloudtrailLookupEvents };
      return { key: `cloudtrail:${region}`, rate: rates.guardduty };
    case 's3':
      // Package downloads (--scan-code): S3 serves 5,500 GETs/s per prefix, far above any scan.
      return { key: `s3:${region}`, rate: 5500 };
    case 'access-analyzer':
      return { key: `access-analyzer:${region}`, rate: rates.accessAnalyzer };
    case 'config':
      return { key: `config:${region}`, rate: rates.config };
    case 'organizations':
      return { key: 'organizations', rate: rates.organizations };
    default:
      return { key: `${service}:${region}`, rate: rates.guardduty };
  }
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number };

export class QuotaModel {
  private readonly buckets = new Map<string, Bucket>();
  readonly rates: QuotaRates;
  private readonly timeScale: number;
  private readonly clock: () => number;

  constructor(rates: Partial<QuotaRates> = {}, timeScale = 1, clock: () => number = () => performance.now()) {
    this.rates = { ...AWS_QUOTAS, ...rates };
    this.timeScale = timeScale;
    this.clock = clock;
  }

  /** Takes one token for the call, or says how long until one is there. A refused call takes none. */
  take(service: string, region: string, action: string): TakeResult {
    const { key, rate } = quotaClass(service, region, action, this.rates);
    const perSecond = rate * this.timeScale;
    const capacity = Math.max(1, perSecond); // burst: one (scaled) second of rate
    const now = this.clock();
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: capacity, updatedMs: now };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(capacity, b.tokens + ((now - b.updatedMs) / 1000) * perSecond);
    b.updatedMs = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: ((1 - b.tokens) / perSecond) * 1000 };
  }

  reset(): void {
    this.buckets.clear();
  }
}
