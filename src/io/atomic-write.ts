/**
 * Atomic file writes: each file goes to a temp file in the same folder (so the rename never
 * crosses a file system), is fsynced, then renamed over the target. A reader — or a process
 * killed half-way — sees the old file or the new one, never a partial one; temp files are named
 * `.<name>.<pid>.<random>.tmp`, so a left-over one never looks like a report.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes every file into `dir` (created if missing). All temp files are written and synced
 * before the first rename, so a failure while writing leaves every previous report untouched.
 * On any error the temp files are removed and the error is rethrown. Returns the written paths.
 */
export type FileContent = string | Iterable<string>;

export async function writeReports(dir: string, files: Record<string, FileContent>): Promise<string[]> {
  const entries = Object.entries(files);
  for (const [name] of entries) assertPlainFileName(name);
  await mkdir(dir, { recursive: true });
  const pending: { tmp: string; target: string }[] = [];
  try {
    // The files are written side by side: while one waits on its write or fsync, the next chunk
    // of another is produced (a large account's report.json is ~200 MB, and its fsync is long).
    const writes = entries.map(([name, content]) => {
      const target = join(dir, name);
      const tmp = tempPathFor(target);
      pending.push({ tmp, target });
      return writeAndSync(tmp, content);
    });
    const failed = (await Promise.allSettled(writes)).find((w) => w.status === 'rejected');
    if (failed) throw failed.reason;
    while (pending.length > 0) {
      const next = pending[0] as { tmp: string; target: string };
      await rename(next.tmp, next.target);
      pending.shift();
    }
  } catch (err) {
    await Promise.all(pending.map((p) => rm(p.tmp, { force: true }).catch(() => {})));
    throw err;
  }
  await syncDir(dir);
  return entries.map(([name]) => join(dir, name));
}

/** Writes one file atomically (its folder is created if missing). Used for reports and inventories. */
export async function writeFileAtomic(path: string, content: FileContent): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = tempPathFor(path);
  try {
    await writeAndSync(tmp, content);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => {});
    throw err;
  }
  await syncDir(dirname(path));
}

/**
 * Copies a file atomically (temp copy, fsync, rename): a second destination of the same bytes
 * without producing them again (an inventory is written once, then copied).
 */
export async function copyFileAtomic(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  const tmp = tempPathFor(to);
  try {
    // COPYFILE_EXCL: never follow or reuse an existing file at the temp name.
    await copyFile(from, tmp, constants.COPYFILE_EXCL);
    const handle = await open(tmp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, to);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => {});
    throw err;
  }
  await syncDir(dirname(to));
}

function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

async function writeAndSync(path: string, content: FileContent): Promise<void> {
  // 'wx': never follow or reuse an existing file at the temp name.
  const handle = await open(path, 'wx', 0o644);
  try {
    if (typeof content === 'string') {
      await handle.writeFile(content, 'utf8');
    } else {
      // Chunks are gathered into ~1 MiB writes: one write per chunk would be slow. One write is
      // in flight while the next is produced: the disk works while the CPU does, and the writes
      // still go out one after another, in order.
      let buffer: string[] = [];
      let size = 0;
      let inFlight: Promise<unknown> | null = null;
      const flush = async () => {
        const text = buffer.join('');
        buffer = [];
        size = 0;
        if (inFlight) await inFlight;
        inFlight = handle.write(text, null, 'utf8');
        // Seen by the next flush or the final await; this only keeps an early throw from the
        // generator from leaving it unhandled.
        inFlight.catch(() => {});
      };
      try {
        for (const piece of content) {
          buffer.push(piece);
          size += piece.length;
          if (size >= 1 << 20) await flush();
        }
        if (size > 0) await flush();
      } finally {
        // Never close the handle under a pending write.
        if (inFlight) await (inFlight as Promise<unknown>).catch(() => {});
      }
      if (inFlight) await inFlight;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes the renames durable. Not every platform can fsync a folder; the renames are atomic anyway. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}

function assertPlainFileName(name: string): void {
  if (name === '' || name === '.' || name === '..' || name !== basename(name) || /[/\\\0]/.test(name)) {
    throw new Error(`report file name must be a plain file name, got ${JSON.stringify(name)}`);
  }
}
