/**
 * No Docker engine runs here, so the Dockerfile is checked as text and by running its entry
 * command directly: every COPY source exists, the runtime user is unprivileged, and the
 * ENTRYPOINT + CMD the image would run parse and start the built CLI.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { validate } from 'dockerfile-utils';
import { copiesOf, ignoredByContext, imageCommand, stages } from './helpers/dockerfile.js';
import { repoRoot } from './helpers/paths.js';

const root = repoRoot();
const lines = readFileSync(join(root, 'Dockerfile'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.trim().startsWith('#'));

describe('Dockerfile', () => {
  it('builds on the current Node LTS (24), slim, and runs as the unprivileged node user', () => {
    const froms = lines.filter((l) => l.startsWith('FROM '));
    assert.ok(
      froms.length >= 1 &&
        froms.every((l) => /^FROM node:24(?:\.\d+)*-[a-z]+-slim(?:@sha256:[0-9a-f]{64})?( AS \w+)?$/.test(l)),
      froms.join('\n'),
    );
    assert.equal(lines.filter((l) => l.startsWith('USER ')).pop(), 'USER node');
  });

  it('makes /reports belong to that user before dropping to it, so a new volume there is writable', () => {
    const chown = lines.findIndex((l) => /^RUN mkdir -p \/reports && chown node:node \/reports$/.test(l));
    const user = lines.indexOf('USER node');
    assert.ok(chown >= 0 && chown < user, 'RUN mkdir/chown /reports before USER node');
    assert.ok(lines.includes('VOLUME ["/reports"]'));
  });

  it('does not fail a scheduled job merely because findings exist', () => {
    const { cmd } = imageCommand();
    assert.deepEqual(cmd.slice(cmd.indexOf('--fail-on'), cmd.indexOf('--fail-on') + 2), [
      '--fail-on',
      'none',
    ]);
    assert.deepEqual(cmd.slice(cmd.indexOf('--out'), cmd.indexOf('--out') + 2), ['--out', '/reports']);
  });

  it('lints clean (dockerfile-utils: the Docker language service’s validator)', () => {
    const problems = validate(readFileSync(join(root, 'Dockerfile'), 'utf8'));
    assert.deepEqual(
      problems.map((p) => `line ${p.range.start.line + 1}: ${p.message}`),
      [],
    );
  });

  it('builds in stages: the runtime stage takes the bundle and production dependencies, never test/ or sources', () => {
    const all = stages();
    const runtime = all.at(-1);
    assert.ok(runtime && all.length >= 3, 'build, deps and runtime stages');
    const named = new Set(all.slice(0, -1).map((s) => s.name));
    const copies = copiesOf(runtime);
    for (const c of copies) {
      if (c.from !== null) assert.ok(named.has(c.from), `COPY --from=${c.from}: no such stage`);
      for (const src of c.sources)
        assert.ok(
          !/(^|\/)(test|src|checks|data)(\/|$)/.test(src) || src.includes('dist/bundle'),
          `the runtime stage copies ${src}`,
        );
    }
    assert.ok(copies.some((c) => c.from !== null && c.sources.includes('/app/dist/bundle')));
    const deps = all.find(
      (s) => s.name === copies.find((c) => c.sources.includes('/app/node_modules'))?.from,
    );
    assert.ok(
      deps?.instructions.some((i) => i.keyword === 'RUN' && /^npm ci\b.*--omit=dev/.test(i.args)),
      'node_modules comes from npm ci --omit=dev',
    );
    for (const stage of all)
      for (const c of copiesOf(stage))
        assert.ok(!c.sources.includes('test'), `stage ${stage.name} copies test/`);
    // Every path copied once: data/ twice (as JSON bundled and as files) was an old mistake.
    const dests = copies.map((c) => c.dest);
    assert.equal(new Set(dests).size, dests.length, dests.join(', '));
  });

  it('stops on SIGTERM, as a container stop sends it', () => {
    assert.ok(lines.includes('STOPSIGNAL SIGTERM'));
  });

  it('.dockerignore lets in what the COPYs need and keeps out account data, keys, tests and build output', () => {
    const ignored = ignoredByContext();
    for (const stage of stages())
      for (const c of copiesOf(stage).filter((x) => x.from === null))
        for (const src of c.sources) assert.equal(ignored(src), false, `${src} is copied but ignored`);
    for (const path of [
      'reports/report.json',
      'lambda-posture-inventory-123456789012-2026-12-03T01-00-00-000Z.json',
      'baseline/fingerprint.key',
      'src/.env',
      'policy/key.pem',
      '.git/config',
      'node_modules/x/index.js',
      'dist/bundle/lambda-posture.mjs',
      'test/sim/server.ts',
      'checks/lambda/public-resource-policy.test.ts',
      'scripts/demo.ts',
    ]) {
      assert.equal(ignored(path), true, `${path} would be in the build context`);
    }
  });

  it('copies only files that exist in the build context', () => {
    for (const line of lines.filter((l) => l.startsWith('COPY ') && !l.includes('--from='))) {
      const parts = line.split(/\s+/).slice(1, -1);
      for (const src of parts) assert.ok(existsSync(join(root, src)), `${line}: ${src} is missing`);
    }
  });

  it('its ENTRYPOINT and CMD start the built CLI and parse', () => {
    const { entrypoint: entry, cmd } = imageCommand();
    assert.equal(entry[0], 'node');
    const cli = (entry[1] ?? '').replace(/^\/app\//, '');
    assert.ok(existsSync(join(root, cli)), `${cli} not built`);
    // The image's default command with --help: it must parse (exit 0), not start a scan.
    const r = spawnSync(process.execPath, [join(root, cli), ...cmd, '--help'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /--out/);
  });
});
