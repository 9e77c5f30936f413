import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fsReason, prepareFile, prepareFolder } from '../../src/io/preflight.js';

const err = (code: string) => Object.assign(new Error(code), { code });

describe('output preflight', () => {
  it('explains the errors a scheduled job meets, by code', () => {
    assert.equal(fsReason(err('EROFS')), 'EROFS: read-only file system');
    assert.equal(fsReason(err('ENOSPC')), 'ENOSPC: no space left on the device');
    assert.match(fsReason(err('EACCES')), /^EACCES: permission denied for this user \(uid \d+\)$/);
    assert.equal(fsReason(err('EWHATEVER')), 'EWHATEVER');
    assert.equal(fsReason(undefined), 'error');
  });

  it('makes a missing folder, leaves no probe behind, and refuses a file or a folder where the other is wanted', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lp-preflight-'));
    try {
      await prepareFolder(join(root, 'a', 'b'), '--out');
      await prepareFile(join(root, 'a', 'b', 'inv.json'), '--save-inventory');
      const file = join(root, 'file');
      writeFileSync(file, 'x');
      await assert.rejects(prepareFolder(file, '--out'), {
        name: 'OutputError',
        message: `cannot write to --out ${file}: it exists and is a file, not a folder`,
      });
      await assert.rejects(prepareFile(root, '--save-inventory'), {
        name: 'OutputError',
        message: `cannot write --save-inventory ${root}: it is a folder, not a file`,
      });
      await assert.rejects(prepareFolder(join(file, 'under'), '--out'), {
        name: 'OutputError',
        message: new RegExp(
          `^cannot (?:use|create) --out ${join(file, 'under')} \\(ENOTDIR: a part of the path is a file, not a folder\\)$`,
        ),
      });
      assert.deepEqual(readdirSync(join(root, 'a', 'b')), [], 'no probe file left');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
