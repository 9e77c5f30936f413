/**
 * The record of every request the simulator answered, for tests (which operations ran, how many
 * were throttled) and the benchmark (calls per function, throttling responses).
 */

export interface CallRecord {
  /**
   * The account whose state answered: the account of the role a session assumed, else the served
   * (management) account — also for requests that could not be routed.
   */
  accountId: string;
  service: string;
  action: string;
  region: string;
  /** HTTP status sent; 0 when the connection was reset before a status line. */
  status: number;
  /** ms since the simulator started. */
  startedMs: number;
  durationMs: number;
  throttled: boolean;
  /** The access key id the request was signed with (its credential scope's first part). */
  accessKeyId?: string;
  /** What was injected or refused instead of a normal answer, if anything. */
  fault?:
    | 'server-error'
    | 'reset'
    | 'slow'
    | 'denied'
    | 'region-disabled'
    | 'unknown-operation'
    | 'unknown-service'
    | 'credentials-rejected'
    | 'stalled'
    | 'internal';
}

export interface CallSummary {
  total: number;
  /** Calls by `service:Action`, sorted by key. */
  byAction: Record<string, number>;
  throttled: number;
  /** Calls by fault kind. */
  faults: Record<string, number>;
  /** Calls answered with a status below 400 (slow ones included). */
  succeeded: number;
}

export function summarize(log: readonly CallRecord[]): CallSummary {
  const byAction = new Map<string, number>();
  const faults: Record<string, number> = {};
  let throttled = 0;
  let succeeded = 0;
  for (const c of log) {
    const key = `${c.service}:${c.action}`;
    byAction.set(key, (byAction.get(key) ?? 0) + 1);
    if (c.throttled) throttled++;
    if (c.fault) faults[c.fault] = (faults[c.fault] ?? 0) + 1;
    if (c.status > 0 && c.status < 400) succeeded++;
  }
  const sorted = Object.fromEntries([...byAction.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { total: log.length, byAction: sorted, throttled, faults, succeeded };
}

/** Calls of one `service:Action`, e.g. `count(log, 'lambda:GetPolicy')`. */
export function count(
  log: readonly CallRecord[],
  key: string,
  filter: (c: CallRecord) => boolean = () => true,
): number {
  let n = 0;
  for (const c of log) if (`${c.service}:${c.action}` === key && filter(c)) n++;
  return n;
}
