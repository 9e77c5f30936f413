/**
 * --shard I/N: one of N processes scans the accounts at positions I, I+N, I+2N… of the target
 * list sorted by account id. I counts from 0, as the engines that start the N processes count:
 * Kubernetes' Indexed Job (JOB_COMPLETION_INDEX) and AWS Batch's array job
 * (AWS_BATCH_JOB_ARRAY_INDEX); `auto/N` reads I from whichever of the two is set, since neither
 * engine can put a per-index value into a flag where it starts an image's entry point.
 *
 * Positions (not a hash of the id) make the shards as even as they can be — every shard holds
 * ⌊T/N⌋ or ⌈T/N⌉ accounts — which is what sets the wall time of a sharded run. The price is that
 * an account added between two runs moves the accounts after it to other shards; nothing depends
 * on an account staying in a shard, and `merge` checks that every part saw the same targets.
 * The assignment itself is report/rollup/build.ts `shardTargets`, the rule `merge` checks by.
 */
export interface Shard {
  index: number;
  count: number;
}

/** The largest N accepted: more shards than that would be more processes than accounts. */
export const MAX_SHARDS = 10_000;

export const SHARD_INDEX_VARIABLES = ['JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX'] as const;

export class ShardError extends Error {
  override name = 'UsageError';
}

export function parseShard(value: string, env: Readonly<Record<string, string | undefined>>): Shard {
  const m = /^(auto|\d+)\/(\d+)$/.exec(value.trim());
  if (!m) {
    throw new ShardError(
      `--shard takes INDEX/COUNT with INDEX from 0 (e.g. 0/4 … 3/4), or auto/COUNT to take INDEX from ${SHARD_INDEX_VARIABLES.join(' or ')}; got ${JSON.stringify(value)}`,
    );
  }
  const count = Number(m[2]);
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_SHARDS) {
    throw new ShardError(`--shard: COUNT must be 1 to ${MAX_SHARDS}; got ${m[2]}`);
  }
  const index = m[1] === 'auto' ? indexFromEnvironment(env) : Number(m[1]);
  if (!Number.isSafeInteger(index) || index >= count) {
    throw new ShardError(
      `--shard: INDEX counts from 0, so the shards of ${count} are 0/${count} to ${count - 1}/${count}; got ${index}/${count}`,
    );
  }
  return { index, count };
}

function indexFromEnvironment(env: Readonly<Record<string, string | undefined>>): number {
  const set = SHARD_INDEX_VARIABLES.flatMap((name) => {
    const v = env[name];
    return v === undefined || v === '' ? [] : [{ name, v }];
  });
  if (set.length === 0) {
    throw new ShardError(
      `--shard auto/COUNT: neither ${SHARD_INDEX_VARIABLES.join(' nor ')} is set (run it as a Kubernetes Indexed Job or an AWS Batch array job, or give the index: --shard 0/COUNT)`,
    );
  }
  const values = new Set(set.map((s) => s.v));
  if (values.size > 1) {
    throw new ShardError(
      `--shard auto/COUNT: ${set.map((s) => `${s.name}=${s.v}`).join(' and ')} disagree; give the index: --shard INDEX/COUNT`,
    );
  }
  const first = set[0];
  if (!first || !/^\d+$/.test(first.v)) {
    throw new ShardError(`--shard auto/COUNT: ${first?.name}=${JSON.stringify(first?.v)} is not an index`);
  }
  return Number(first.v);
}
