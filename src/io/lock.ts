/**
 * One run writes into an output folder at a time: two scheduled scans into the same --out could
 * otherwise interleave their renames and leave report.json of one beside report.html of the
 * other. The lock is a file created with O_EXCL that names its holder (pid, host, start time),
 * and its holder touches it every HEARTBEAT_MS. It is taken over when it is stale: left by a
 * process of this host that is gone (killed, a second Ctrl-C), or not touched for STALE_AFTER_MS,
 * which also frees a lock left on a shared volume by a container that died (each pod has its own
 * host name, and the scanner is often pid 1 in all of them). Otherwise it is refused with a
 * message that says whose it is.
 */
import { open, readFile, rm, stat, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { OutputError } from './preflight.js';

export const LOCK_FILE = '.lambda-posture.lock';
export const HEARTBEAT_MS = 20_000;
export const STALE_AFTER_MS = 90_000;

interface Holder {
  pid: number;
  host: string;
  startedAt: string;
}

/** Takes the folder's lock; resolves to the function that releases it. */
export async function lockFolder(
  dir: string,
  now: () => Date = () => new Date(),
): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  const me: Holder = { pid: process.pid, host: hostname(), startedAt: now().toISOString() };
  const text = `${JSON.stringify(me)}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o644);
      try {
        await handle.writeFile(text, 'utf8');
      } finally {
        await handle.close();
      }
      // Staleness is judged by the runs' own clock, so the lock's time comes from it too (a file
      // server's clock, or a faked one, need not agree with it).
      const created = now();
      await utimes(path, created, created).catch(() => {});
      const heartbeat = setInterval(() => {
        const t = now();
        utimes(path, t, t).catch(() => {});
      }, HEARTBEAT_MS);
      heartbeat.unref();
      return async () => {
        clearInterval(heartbeat);
        // Only our own lock is removed (a stale-lock takeover by another run must not be undone).
        // Never throws: the run's own outcome matters more, and a lock that cannot be removed
        // (the folder became read-only) is no longer refreshed, so it goes stale and is taken over.
        const current = await readFile(path, 'utf8').catch(() => null);
        if (current === text) await rm(path, { force: true }).catch(() => {});
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new OutputError(`cannot lock ${dir} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      const holder = await readHolder(path);
      const touched = await stat(path).then(
        (st) => st.mtimeMs,
        () => 0,
      );
      const fresh = now().getTime() - touched < STALE_AFTER_MS;
      const sameHost = holder?.host === me.host;
      const live = holder !== null && fresh && (!sameHost || (holder.pid !== me.pid && alive(holder.pid)));
      if (holder && live) {
        throw new OutputError(
          `another lambda-posture run (pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}) is writing to ${dir}; ` +
            `wait for it to finish or use another --out (a lock its holder stops refreshing is taken over after ${STALE_AFTER_MS / 1000} s)`,
        );
      }
      // Stale: left by a process that is gone, not refreshed, or unreadable (a crash while writing it).
      await rm(path, { force: true });
    }
  }
  throw new OutputError(`cannot lock ${dir}: another run keeps taking the lock`);
}

async function readHolder(path: string): Promise<Holder | null> {
  try {
    const raw = JSON.parse(await readFile(path, 'utf8')) as Partial<Holder>;
    if (typeof raw.pid === 'number' && typeof raw.host === 'string' && typeof raw.startedAt === 'string') {
      return { pid: raw.pid, host: raw.host, startedAt: raw.startedAt };
    }
  } catch {
    // unreadable or half-written: treated as stale
  }
  return null;
}

/** Is a process with this pid running here? (EPERM: it runs, as another user.) */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
