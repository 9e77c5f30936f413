/**
 * `lambda-posture merge`: the parts of a sharded organization scan become the roll-up one
 * unsharded run writes. Each shard's folder holds its rollup.json and accounts/<id>/; the merge
 * checks the parts belong together (report/rollup/build.ts mergeRollups), copies every account
 * folder beside the merged roll-up, so its links hold, and writes rollup.json and rollup.html.
 *
 * --expect-shards N with --wait: engines without job dependencies (Kubernetes) start the merge
 * beside the shards; it polls until N parts exist — a part is written atomically as its shard's
 * last act, so a present file is a finished shard — and gives up, naming the missing shards,
 * when the wait runs out.
 */
import { cp, readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeReports } from '../io/atomic-write.js';
import { lockFolder } from '../io/lock.js';
import { fsReason, prepareFolder } from '../io/preflight.js';
import { mergeRollups, parseRollup, RollupMergeError } from '../report/rollup/build.js';
import { ROLLUP_RENDERERS } from '../report/rollup/render.js';
import type { Rollup } from '../report/rollup/schema.js';

export interface MergeOptions {
  /** Folders (holding shard-*\/rollup.json, or a rollup.json) and rollup.json files. */
  inputs: string[];
  out: string;
  formats: ('json' | 'html')[];
  expectShards?: number;
  /** With expectShards: how long to wait for the missing parts (ms). */
  waitMs?: number;
  /** How often to look again while waiting (default 15 s). */
  pollMs?: number;
  log: (line: string) => void;
  signal?: AbortSignal;
  clock?: () => Date;
}

export interface MergeOutcome {
  rollup: Rollup;
  files: string[];
  parts: string[];
}

const PART = 'rollup.json';

export async function mergeShards(opts: MergeOptions): Promise<MergeOutcome> {
  const clock = opts.clock ?? (() => new Date());
  await prepareFolder(opts.out, '--out');
  const deadline = Date.now() + (opts.waitMs ?? 0);
  let paths = await findParts(opts.inputs, opts.out);
  while (opts.expectShards !== undefined && paths.length < opts.expectShards && Date.now() < deadline) {
    opts.log(`merge: ${paths.length} of ${opts.expectShards} shard(s) finished; waiting`);
    await sleep(Math.min(opts.pollMs ?? 15_000, Math.max(0, deadline - Date.now())), undefined, {
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    paths = await findParts(opts.inputs, opts.out);
  }
  if (paths.length === 0) {
    throw new RollupMergeError(
      `merge: no ${PART} in ${opts.inputs.join(', ')} (a shard writes <out>/shard-<I>/${PART} when it ends)`,
    );
  }
  const parts = await Promise.all(
    paths.map(async (p) => {
      let text: string;
      try {
        text = await readFile(p, 'utf8');
      } catch (err) {
        throw new RollupMergeError(`merge: ${p} cannot be read (${fsReason(err)})`);
      }
      return { path: p, rollup: parseRollup(text, p) };
    }),
  );
  const count = parts[0]?.rollup.selection.shard?.count;
  if (opts.expectShards !== undefined && count !== undefined && count !== opts.expectShards) {
    throw new RollupMergeError(
      `merge: --expect-shards ${opts.expectShards}, but ${parts[0]?.path} is a part of ${count} shards`,
    );
  }
  const rollup = mergeRollups(parts.map((p) => p.rollup));
  const unlock = await lockFolder(opts.out, clock);
  try {
    for (const part of parts) await copyAccountFolders(part.path, part.rollup, opts.out);
    const files: Record<string, string> = {};
    for (const format of opts.formats) {
      const r = ROLLUP_RENDERERS[format];
      files[r.fileName] = r.render(rollup);
    }
    await writeReports(opts.out, files);
    return { rollup, files: Object.keys(files).map((f) => join(opts.out, f)), parts: paths };
  } finally {
    await unlock();
  }
}

/**
 * The parts named: a rollup.json given as a file; in a folder, its shard-*\/rollup.json, else its
 * own rollup.json. The merge's own output is never read back as a part.
 */
async function findParts(inputs: readonly string[], out: string): Promise<string[]> {
  const found = new Set<string>();
  const own = resolve(out, PART);
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (!info) throw new RollupMergeError(`merge: ${input} does not exist`);
    if (info.isFile()) {
      found.add(resolve(input));
      continue;
    }
    const entries = await readdir(input, { withFileTypes: true });
    const shards = entries.filter((e) => e.isDirectory() && /^shard-\d+$/.test(e.name));
    for (const s of shards) {
      const p = join(input, s.name, PART);
      if (await stat(p).catch(() => null)) found.add(resolve(p));
    }
    if (shards.length === 0 && (await stat(join(input, PART)).catch(() => null))) {
      found.add(resolve(input, PART));
    }
  }
  found.delete(own);
  return [...found].sort();
}

/** Each scanned account's report folder, from beside its part to beside the merged roll-up. */
async function copyAccountFolders(partPath: string, part: Rollup, out: string): Promise<void> {
  const from = dirname(partPath);
  if (resolve(from) === resolve(out)) return;
  for (const account of part.accounts) {
    if (!account.reportDir) continue;
    // A part is input: a folder outside accounts/<id> must never be read or written.
    if (!/^accounts\/\d{12}$/.test(account.reportDir)) {
      throw new RollupMergeError(
        `merge: ${partPath} names the report folder ${JSON.stringify(account.reportDir)}, which is not accounts/<account id>`,
      );
    }
    const source = join(from, account.reportDir);
    if (!(await stat(source).catch(() => null))) {
      throw new RollupMergeError(
        `merge: ${basename(dirname(partPath))} lists account ${account.accountId}, but its reports are not in ${source}`,
      );
    }
    try {
      await cp(source, join(out, account.reportDir), { recursive: true, force: true });
    } catch (err) {
      throw new RollupMergeError(`merge: could not copy ${source} to ${out} (${fsReason(err)})`);
    }
  }
}
