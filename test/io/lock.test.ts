import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it, mock } from 'node:test';
import { HEARTBEAT_MS, LOCK_FILE, lockFolder } from '../../src/io/lock.js';

describe('lockFolder', () => {
  const dirs: string[] = [];
  const folder = () => {
    const d = mkdtempSync(join(tmpdir(), 'lp-lock-'));
    dirs.push(d);
    return d;
  };
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('refuses a folder held by another live process of this host, naming it', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      const dir = folder();
      const path = join(dir, LOCK_FILE);
      writeFileSync(
        path,
        JSON.stringify({ pid: other.pid, host: hostname(), startedAt: '2026-12-01T09:00:00.000Z' }),
      );
      // A live holder touches its lock by the runs' clock, not the kernel's (they differ when the
      // clock is faked, or the folder is on a file server).
      const touched = new Date();
      utimesSync(path, touched, touched);
      await assert.rejects(lockFolder(dir), {
        name: 'OutputError',
        message: new RegExp(
          `^another lambda-posture run \\(pid ${other.pid} on ${hostname()}, started 2026-12-01T09:00:00.000Z\\) is writing to `,
        ),
      });
    } finally {
      other.kill();
    }
  });

  it('names its holder, keeps the lock fresh while it runs, and removes only its own lock', async () => {
    const dir = folder();
    mock.timers.enable({ apis: ['setInterval'] });
    try {
      let clock = new Date('2026-12-01T10:00:00.000Z');
      const release = await lockFolder(dir, () => clock);
      const path = join(dir, LOCK_FILE);
      const holder = JSON.parse(readFileSync(path, 'utf8')) as { pid: number; startedAt: string };
      assert.deepEqual([holder.pid, holder.startedAt], [process.pid, '2026-12-01T10:00:00.000Z']);
      clock = new Date('2026-12-01T10:05:00.000Z');
      mock.timers.tick(HEARTBEAT_MS);
      await new Promise((ok) => setTimeout(ok, 50));
      assert.equal(statSync(path).mtime.toISOString(), '2026-12-01T10:05:00.000Z');
      // Another run took the lock over (ours went stale): releasing must not remove theirs.
      writeFileSync(
        path,
        JSON.stringify({ pid: 4242, host: 'elsewhere', startedAt: '2026-12-01T10:06:00.000Z' }),
      );
      await release();
      assert.match(readFileSync(path, 'utf8'), /elsewhere/);
    } finally {
      mock.timers.reset();
    }
  });
});
