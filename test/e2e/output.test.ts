/**
 * A finished scan is never lost, and an output problem is found before the scan, not after it:
 * the built CLI with --out on a file, in a folder its user cannot write, --save-inventory in
 * such a folder, a folder that stops being writable during the scan (the inventory then goes to
 * a fallback path the error names, and `evaluate` renders it), two runs into one --out, a stale
 * lock, a report of another format left from an earlier run, and SIGTERM.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LOCK_FILE } from '../../src/io/lock.js';
import { imageCommand } from '../helpers/dockerfile.js';
import { type Simulator, startSimulator } from '../sim/server.js';
import { runCli, scanArgs, scratch, simEnv, startCli, unprivileged, waitForStderr } from './sim-harness.js';

const as = unprivileged();

describe('output checks, fallbacks and locks (built CLI, simulated account)', () => {
  const tmp = scratch('output');
  let sim: Simulator;
  /** Slow enough that a test can act while a scan is under way (≈ 1.5 s a scan). */
  let slow: Simulator;
  before(async () => {
    sim = await startSimulator({ timeScale: 10 });
    slow = await startSimulator({
      timeScale: 1,
      generate: { seed: 9, regions: ['us-east-1'], functionsPerRegion: 8, users: 2 },
      faults: { regionLatency: { 'us-east-1': { meanMs: 150, jitterMs: 0 } } },
    });
    // The scratch root is 0700 (mkdtemp): let the unprivileged user reach its folders.
    chmodSync(tmp.root, 0o755);
  });
  after(async () => {
    await Promise.all([sim.stop(), slow.stop()]);
    tmp.cleanup();
  });

  /** A folder the CLI's user can write (0777 when that user is not us). */
  const writable = (name?: string) => {
    const dir = tmp.dir(name);
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o777);
    return dir;
  };

  it('--out naming a file fails at once, before any AWS call', async () => {
    const file = join(writable(), 'reports');
    writeFileSync(file, 'not a folder');
    sim.resetLog();
    const run = await runCli(scanArgs(sim.url, file));
    assert.equal(run.code, 6, run.stderr);
    assert.equal(
      run.stderr,
      `lambda-posture: cannot write to --out ${file}: it exists and is a file, not a folder\n`,
    );
    assert.equal(sim.callLog.length, 0);
  });

  it('--out in a folder this user cannot write fails at once, naming the folder and the reason', async () => {
    const locked = writable();
    chmodSync(locked, 0o555);
    const out = join(locked, 'reports');
    sim.resetLog();
    const run = await runCli(scanArgs(sim.url, out), simEnv(), as);
    assert.equal(run.code, 6, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(
        `^lambda-posture: cannot create --out ${out} \\(EACCES: permission denied for this user \\(uid \\d+\\)\\)\\n$`,
      ),
    );
    assert.equal(sim.callLog.length, 0);
  });

  it('--save-inventory in a folder this user cannot write fails at once too', async () => {
    const locked = writable();
    chmodSync(locked, 0o555);
    sim.resetLog();
    const run = await runCli(
      scanArgs(sim.url, writable(), ['--save-inventory', join(locked, 'inv.json')]),
      simEnv(),
      as,
    );
    assert.equal(run.code, 6, run.stderr);
    assert.match(run.stderr, /cannot write to the folder of --save-inventory .* \(EACCES: permission denied/);
    assert.equal(sim.callLog.length, 0);
  });

  it('a folder that stops being writable during the scan: the inventory is saved elsewhere, named, and renders', async () => {
    const out = writable();
    const fallbackDir = writable();
    const { child, result } = startCli(scanArgs(slow.url, out), simEnv({ TMPDIR: fallbackDir }), as);
    // Past the output checks (they run before the identity call): take the folder away.
    await waitForStderr(child, /identifying the account/);
    chmodSync(out, 0o555);
    const run = await result;
    chmodSync(out, 0o755);
    assert.equal(run.code, 6, run.stderr);
    const m =
      /the collected inventory is saved in (\S+): render the reports with: lambda-posture evaluate --inventory \S+ --out <a writable folder>/.exec(
        run.stderr,
      );
    assert.ok(m?.[1], run.stderr);
    assert.match(run.stderr, new RegExp(`the reports could not be written to ${out} \\(EACCES`));
    assert.ok(m[1].startsWith(fallbackDir), `saved in the temp folder: ${m[1]}`);
    const rendered = writable();
    const ev = await runCli([
      'evaluate',
      '--inventory',
      m[1],
      '--out',
      rendered,
      '--fail-on',
      'none',
      '--quiet',
    ]);
    assert.equal(ev.code, 0, ev.stderr);
    assert.ok(existsSync(join(rendered, 'report.json')) && existsSync(join(rendered, 'report.html')));
  });

  it('two runs into one --out: the second is refused at once, naming the first; the lock is gone after', async () => {
    const out = writable();
    const first = startCli(scanArgs(slow.url, out));
    await waitForStderr(first.child, /identifying the account/);
    const second = await runCli(scanArgs(sim.url, out));
    assert.equal(second.code, 6, second.stderr);
    assert.match(
      second.stderr,
      new RegExp(
        `^lambda-posture: another lambda-posture run \\(pid ${first.child.pid} on ${hostname()}, started .*\\) is writing to ${out}; wait for it to finish or use another --out`,
      ),
    );
    const done = await first.result;
    assert.equal(done.code, 0, done.stderr);
    assert.ok(!existsSync(join(out, LOCK_FILE)), 'the lock was released');
  });

  it('a lock left by a process that is gone, or not refreshed for 90 s, is taken over', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    for (const [name, lock, age] of [
      ['dead pid, this host', { pid: gone, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }, 0],
      [
        'another host, silent for 10 minutes',
        { pid: 1, host: 'some-old-pod', startedAt: '2026-01-01T00:00:00.000Z' },
        600,
      ],
    ] as const) {
      const out = writable();
      const path = join(out, LOCK_FILE);
      writeFileSync(path, JSON.stringify(lock));
      const then = new Date(Date.now() - age * 1000);
      utimesSync(path, then, then);
      const run = await runCli(scanArgs(sim.url, out));
      assert.equal(run.code, 0, `${name}: ${run.stderr}`);
      assert.ok(existsSync(join(out, 'report.json')), name);
      assert.ok(!existsSync(path), name);
    }
  });

  it('a report of another format left from an earlier run is named as such, not silently kept', async () => {
    const out = writable();
    writeFileSync(join(out, 'report.html'), '<!doctype html><title>old</title>');
    const run = await runCli(scanArgs(sim.url, out, ['--format', 'json']));
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(
        `warning: ${join(out, 'report.html')} is from an earlier run: this run wrote only report.json`,
      ),
    );
  });

  it('SIGTERM stops the scan, writes no report and exits 143 (SIGINT: 130)', async () => {
    for (const [signal, code, word] of [
      ['SIGTERM', 143, 'terminated'],
      ['SIGINT', 130, 'interrupted'],
    ] as const) {
      const out = writable();
      const { child, result } = startCli(scanArgs(slow.url, out));
      await waitForStderr(child, /identifying the account/);
      child.kill(signal);
      const run = await result;
      assert.equal(run.code, code, run.stderr);
      assert.match(run.stderr, new RegExp(`lambda-posture: ${word}; no report files were written`));
      // Not a terminal: no "Ctrl-C again" hint.
      assert.ok(!run.stderr.includes('Ctrl-C again'));
      assert.deepEqual(readdirSync(out), []);
    }
  });

  it('the image’s default command exits 0 on an account with findings: a scheduled job is not failed by them', async () => {
    const { cmd } = imageCommand();
    const out = writable();
    const args = cmd.map((a) => (a === '/reports' ? out : a));
    const run = await runCli([...args, '--endpoint-url', sim.url, '--rate-scale', '10'], simEnv(), as);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      summary: { counts: { fail: number } };
    };
    assert.ok(report.summary.counts.fail > 0, 'the account has findings');
  });

  it('a scan into a folder its user can write still works as that user (the checks are not too strict)', async () => {
    const out = writable();
    const run = await runCli(scanArgs(sim.url, out), simEnv(), as);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(existsSync(join(out, 'report.json')));
  });
});
