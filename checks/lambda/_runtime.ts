/**
 * The walk the runtime checks share (runtime-deprecated, runtime-deprecating-soon,
 * runtime-update-blocked, runtime-al2-end-of-life): one reading of data/lambda-runtimes.json
 * (runtimeTable() validates it once per process), the same not-applicable and unknown answers for
 * every one of them, and one judgement per distinct runtime rather than per function.
 *
 * - a container image has no managed runtime: not applicable (its OS and language are in the image);
 * - a .zip function that reports no runtime, or a runtime the data file does not list: unknown,
 *   never pass (a runtime newer than the copy of the table is the usual cause, and the table's age
 *   is in the message).
 */
import { type RuntimeEntry, runtimeTable } from '../../src/data/runtimes.js';
import type { CheckContext, Draft } from '../../src/engine/check.js';
import { DAY_MS } from '../../src/engine/dates.js';
import type { AccountView } from '../../src/view/account-view.js';
import { memoize } from '../../src/view/memo.js';
import type { Judgement } from '../../src/view/verdict.js';

export type RuntimeTableView = ReturnType<typeof runtimeTable>;

/** One draft per function: `judge` decides once per runtime, at the scan time (ms since epoch). */
export function eachManagedRuntime(
  view: AccountView,
  ctx: CheckContext,
  judge: (entry: RuntimeEntry, now: number, table: RuntimeTableView) => Judgement,
): Generator<Draft> {
  const table = runtimeTable();
  const now = ctx.now.getTime();
  const judgeOnce = memoize((entry: RuntimeEntry) => judge(entry, now, table));
  const { data, byId } = table;
  return view.eachFunction((fn, v) => {
    const { runtime, packageType } = fn.config;
    if (runtime === null) {
      if (packageType === 'Image') {
        return v.notApplicable('container image: the runtime is part of the image, not a managed runtime', {
          packageType,
        });
      }
      return v.unknown(`the function reports no runtime although its package type is ${packageType}`);
    }
    const entry = byId.get(runtime);
    if (!entry) {
      return v.unknown(
        `runtime ${runtime} is not in the runtime data file (retrieved ${data.retrievedAt}); the file may be outdated`,
        { runtime, dataRetrievedAt: data.retrievedAt, source: data.source },
      );
    }
    return v.judged(judgeOnce(entry));
  });
}

/**
 * How far ahead the runtime checks look: a date within this many days after the scan is "soon"
 * (AWS announces deprecations months ahead; 90 days still leaves a test-and-migrate cycle).
 */
export const SOON_DAYS = 90;

/** Days from `now` until the UTC day `day` (ms), rounded up: 1 on the eve, 0 or less once it has begun. */
export function daysUntil(day: number, now: number): number {
  return Math.ceil((day - now) / DAY_MS);
}
