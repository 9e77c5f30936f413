/**
 * Output is checked before the scan, not after it: a folder that cannot be written is found in
 * milliseconds, before any AWS call, instead of after eleven minutes of collection. Each check
 * makes the folder if it is missing, then proves it can be written by this user by creating and
 * removing a probe file there (permission bits alone do not tell: a read-only mount, an ACL, root
 * squashing, a full disk). Errors name the path and the reason.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export class OutputError extends Error {
  override name = 'OutputError';
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied for this user',
  EPERM: 'operation not permitted for this user',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENAMETOOLONG: 'the path is too long',
  EISDIR: 'it is a folder',
  ELOOP: 'too many symbolic links',
};

/** `EACCES: permission denied for this user (uid 1000)`: an error's code and what it means. */
export function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? 'error';
  const uid = typeof process.getuid === 'function' ? ` (uid ${process.getuid()})` : '';
  const meaning = REASONS[code];
  if (!meaning) return code;
  return code === 'EACCES' || code === 'EPERM' ? `${code}: ${meaning}${uid}` : `${code}: ${meaning}`;
}

/** Makes `dir` if missing and proves this user can create files in it. */
export async function prepareFolder(dir: string, what: string): Promise<void> {
  const existing = await stat(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw new OutputError(`cannot use ${what} ${dir} (${fsReason(err)})`);
  });
  if (existing && !existing.isDirectory()) {
    throw new OutputError(`cannot write to ${what} ${dir}: it exists and is a file, not a folder`);
  }
  if (!existing) {
    await mkdir(dir, { recursive: true }).catch((err: unknown) => {
      throw new OutputError(`cannot create ${what} ${dir} (${fsReason(err)})`);
    });
  }
  const probe = join(dir, `.lambda-posture-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const handle = await open(probe, 'wx');
    await handle.close();
  } catch (err) {
    throw new OutputError(`cannot write to ${what} ${dir} (${fsReason(err)})`);
  } finally {
    await rm(probe, { force: true }).catch(() => {});
  }
}

/** A file to be written atomically: its folder must be writable, and it must not be a folder. */
export async function prepareFile(path: string, what: string): Promise<void> {
  const existing = await stat(path).catch(() => null);
  if (existing?.isDirectory())
    throw new OutputError(`cannot write ${what} ${path}: it is a folder, not a file`);
  await prepareFolder(dirname(resolve(path)), `the folder of ${what}`);
}
