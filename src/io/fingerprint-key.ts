/**
 * The fingerprint key: 32 random bytes kept in a file of the user's (mode 0600), so that
 * environment variable values fingerprinted in one scan can be compared with the next — the only
 * way to tell that a value changed without keeping it. A scan without a key fingerprints with a
 * salt of its own that is never stored, and such fingerprints compare within one report only.
 *
 * The file holds the key as 64 hex digits. What enters an inventory is never the key: per
 * account, values are fingerprinted with HMAC-SHA256(key, purpose ‖ account) as the salt, and the
 * inventory names the key by an id (an HMAC of a fixed text), so two inventories are compared only
 * when they were fingerprinted with the same key.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';

export class FingerprintKeyError extends Error {
  override name = 'FingerprintKeyError';
}

const KEY_TEXT = /^[0-9a-f]{64}$/;

export interface FingerprintKey {
  /** Names the key in inventories; reveals nothing of it. */
  readonly id: string;
  /** The salt for one account's value fingerprints. */
  saltFor(accountId: string): Buffer;
}

export function fingerprintKeyOf(key: Buffer): FingerprintKey {
  const mac = (text: string) => createHmac('sha256', key).update(text, 'utf8').digest();
  return {
    id: mac('lambda-posture/fingerprint-key-id/v1').toString('hex').slice(0, 16),
    saltFor: (accountId) => mac(`lambda-posture/env-value/v1\u0000${accountId}`),
  };
}

/**
 * The key in `path`, created there (0600, never overwritten) when the file does not exist. A file
 * that is not a key is an error that names the path and never quotes the content.
 */
export async function loadOrCreateFingerprintKey(
  path: string,
): Promise<{ key: FingerprintKey; created: boolean }> {
  let text: string | null = null;
  try {
    text = (await readFile(path, 'utf8')).trim();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT')
      throw new FingerprintKeyError(`--fingerprint-key ${path}: cannot be read (${code ?? 'error'})`);
  }
  if (text !== null) {
    if (!KEY_TEXT.test(text)) {
      throw new FingerprintKeyError(
        `--fingerprint-key ${path}: not a lambda-posture fingerprint key (64 hex digits); move it away to have a new one made`,
      );
    }
    return { key: fingerprintKeyOf(Buffer.from(text, 'hex')), created: false };
  }
  const fresh = randomBytes(32);
  try {
    // wx: a key another run wrote meanwhile is kept, never replaced.
    await writeFile(path, `${fresh.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return loadOrCreateFingerprintKey(path);
    throw new FingerprintKeyError(`--fingerprint-key ${path}: cannot be created (${code ?? 'error'})`);
  }
  return { key: fingerprintKeyOf(fresh), created: true };
}
