import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fingerprintKeyOf, loadOrCreateFingerprintKey } from '../../src/io/fingerprint-key.js';

describe('the fingerprint key', () => {
  it('is created once (0600), then read back as the same key', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lp-key-')), 'fingerprint.key');
    const first = await loadOrCreateFingerprintKey(path);
    assert.equal(first.created, true);
    assert.match(readFileSync(path, 'utf8'), /^[0-9a-f]{64}\n$/);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const again = await loadOrCreateFingerprintKey(path);
    assert.equal(again.created, false);
    assert.equal(again.key.id, first.key.id);
    assert.deepEqual(again.key.saltFor('123456789012'), first.key.saltFor('123456789012'));
  });

  it('gives each account its own salt, and an id that is neither the key nor a salt', () => {
    const raw = Buffer.alloc(32, 7);
    const key = fingerprintKeyOf(raw);
    const a = key.saltFor('111111111111');
    const b = key.saltFor('222222222222');
    assert.notDeepEqual(a, b);
    assert.match(key.id, /^[0-9a-f]{16}$/);
    for (const secret of [raw, a, b]) assert.ok(!secret.toString('hex').includes(key.id));
  });

  it('a file that is not a key is an error naming the path, never quoting the content', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lp-key-')), 'fingerprint.key');
    writeFileSync(path, 'AKIAIOSFODNN7EXAMPLE not a key\n');
    await assert.rejects(loadOrCreateFingerprintKey(path), (e: Error) => {
      return e.name === 'FingerprintKeyError' && e.message.includes(path) && !e.message.includes('AKIA');
    });
  });
});
