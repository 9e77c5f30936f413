import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { copyFileAtomic, writeFileAtomic, writeReports } from '../../src/io/atomic-write.js';

// Run from the sources (tsx) or compiled (dist/): the child loads the same flavour of write.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WRITE_MODULE = fileURLToPath(
  new URL(`../../src/io/atomic-write.${FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url),
);
/** Where `--import tsx` resolves from (the repository, for the sources). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TEMP_NAME = /^\.(report\.json|report\.html|inventory\.json)\.\d+\.[0-9a-f]{12}\.tmp$/;

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lp-write-'));
  dirs.push(dir);
  return dir;
}
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('writeReports', () => {
  it('creates the folder and writes every file, leaving no temp file', async () => {
    const dir = join(await tempDir(), 'a', 'b');
    const paths = await writeReports(dir, { 'report.json': '{}\n', 'report.html': '<!doctype html>\n' });
    assert.deepEqual(paths, [join(dir, 'report.json'), join(dir, 'report.html')]);
    assert.deepEqual((await readdir(dir)).sort(), ['report.html', 'report.json']);
    assert.equal(await readFile(join(dir, 'report.json'), 'utf8'), '{}\n');
    assert.equal(await readFile(join(dir, 'report.html'), 'utf8'), '<!doctype html>\n');
  });

  it('replaces existing reports', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'report.json'), 'old');
    await writeReports(dir, { 'report.json': 'new' });
    assert.equal(await readFile(join(dir, 'report.json'), 'utf8'), 'new');
    assert.deepEqual(await readdir(dir), ['report.json']);
  });

  it('on failure removes its temp files, rethrows, and leaves the other reports as they were', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'report.json'), 'old json');
    // A non-empty folder where report.html should go: its rename fails.
    await mkdir(join(dir, 'report.html'));
    await writeFile(join(dir, 'report.html', 'keep'), 'x');
    await assert.rejects(writeReports(dir, { 'report.html': '<html>', 'report.json': 'new json' }));
    assert.deepEqual((await readdir(dir)).sort(), ['report.html', 'report.json']);
    assert.equal(await readFile(join(dir, 'report.json'), 'utf8'), 'old json');
  });

  it('refuses file names that are not plain names, before writing anything', async () => {
    const dir = join(await tempDir(), 'out');
    for (const name of ['../evil.json', 'a/b.json', '..', '.', '', 'a\\b']) {
      await assert.rejects(writeReports(dir, { [name]: 'x' }), /plain file name/, name);
    }
    assert.equal(existsSync(dir), false);
  });
});

describe('copyFileAtomic', () => {
  it('copies the bytes into a new folder, replacing an older file there, and leaves no temp file', async () => {
    const base = await tempDir();
    const from = join(base, 'inventory.json');
    await writeFile(from, '{"scan":"é"}\n');
    const to = join(base, 'history', 'copy.json');
    await mkdir(join(base, 'history'));
    await writeFile(to, 'older');
    await copyFileAtomic(from, to);
    assert.equal(await readFile(to, 'utf8'), '{"scan":"é"}\n');
    assert.deepEqual(await readdir(join(base, 'history')), ['copy.json']);
  });

  it('a missing source fails and leaves the destination as it was, with no temp file', async () => {
    const base = await tempDir();
    const to = join(base, 'copy.json');
    await writeFile(to, 'kept');
    await assert.rejects(copyFileAtomic(join(base, 'absent.json'), to), { code: 'ENOENT' });
    assert.equal(await readFile(to, 'utf8'), 'kept');
    assert.deepEqual(await readdir(base), ['copy.json']);
  });
});

describe('writeFileAtomic', () => {
  it('writes one file (creating its folder) and leaves no temp file', async () => {
    const base = await tempDir();
    const path = join(base, 'saved', 'inventory.json');
    await writeFileAtomic(path, '{"a":1}\n');
    assert.equal(await readFile(path, 'utf8'), '{"a":1}\n');
    assert.deepEqual(await readdir(join(base, 'saved')), ['inventory.json']);
  });

  it('removes its temp file when the rename fails', async () => {
    const base = await tempDir();
    const path = join(base, 'inventory.json');
    await mkdir(path);
    await writeFile(join(path, 'x'), 'x');
    await assert.rejects(writeFileAtomic(path, 'data'));
    assert.deepEqual(await readdir(base), ['inventory.json']);
  });

  it('never leaves a partial file when the process is killed mid-write', async () => {
    const dir = await tempDir();
    const target = join(dir, 'report.json');
    // A child rewrites an 8 MB report in a loop; it is killed at different moments.
    const child = `
      const { writeFileAtomic } = await import(${JSON.stringify(WRITE_MODULE)});
      const pad = 'x'.repeat(8_000_000);
      process.stdout.write('ready\\n');
      for (let i = 0; ; i++) await writeFileAtomic(${JSON.stringify(target)}, JSON.stringify({ n: i, pad }) + '\\n');
    `;
    for (const delayMs of [0, 15, 40, 90]) {
      const loader = FROM_SOURCE ? ['--import', 'tsx'] : [];
      const proc = spawn(process.execPath, [...loader, '--input-type=module', '--eval', child], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve, reject) => {
        proc.once('error', reject);
        proc.stdout.once('data', () => resolve());
      });
      await new Promise((r) => setTimeout(r, delayMs));
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGKILL');
      await exited;
      if (existsSync(target)) {
        const parsed = JSON.parse(await readFile(target, 'utf8')) as { n: number; pad: string };
        assert.equal(parsed.pad.length, 8_000_000, 'the report is whole');
      }
      for (const name of await readdir(dir)) {
        assert.ok(name === 'report.json' || TEMP_NAME.test(name), `unexpected file ${name}`);
      }
    }
  });
});
