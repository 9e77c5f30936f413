#!/usr/bin/env node
// Runs every compiled *.test.js under dist/ with node's test runner, then refuses a run that
// executed no test: `node --test` exits 0 when it found nothing, which must never look green.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['dist'];
const files = roots.flatMap((root) => find(root)).sort();
if (files.length === 0) {
  console.error(`no compiled test files under ${roots.join(', ')}: did the build run?`);
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'lp-tests-'));
const tap = join(dir, 'results.tap');
// Every property test runs from one seed (test/helpers/fast-check-seed.ts; FC_SEED overrides it).
const seedModule = new URL('../dist/test/helpers/fast-check-seed.js', import.meta.url).href;
const args = [
  '--test',
  '--import',
  seedModule,
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=tap',
  `--test-reporter-destination=${tap}`,
  ...files,
];
const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
const text = readFileSync(tap, 'utf8');
rmSync(dir, { recursive: true, force: true });
const count = (name) =>
  Number(
    /^# (\w+) (\d+)$/m.exec(
      text
        .split('\n')
        .filter((l) => l.startsWith(`# ${name} `))
        .pop() ?? '',
    )?.[2] ?? 0,
  );
const tests = count('tests');
const failed = count('fail');
const passed = count('pass');
console.log(`\n${passed} passed, ${failed} failed (${files.length} test files)`);
if (tests === 0) {
  console.error('the test runner executed no test');
  process.exit(1);
}
process.exit(run.status === 0 && failed === 0 ? 0 : 1);

/** Compiled test files under a folder, or the file itself (to run a few by hand). */
function find(root) {
  if (statSync(root).isFile()) return root.endsWith('.test.js') ? [root] : [];
  return readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.test.js'))
    .map((d) => join(d.parentPath ?? d.path, d.name));
}
