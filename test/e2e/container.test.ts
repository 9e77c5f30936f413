/**
 * The image, run as Docker would run it, on a machine without a Docker engine: the runtime
 * stage's filesystem is assembled from the Dockerfile itself — the build stage's bundle built from
 * only what .dockerignore lets into the context, the deps stage's `npm ci --omit=dev`, the
 * context's COPYs — then made read-only, and its ENTRYPOINT + CMD run as an unprivileged user with
 * a writable /reports and /tmp only, against the simulated account through AWS_ENDPOINT_URL (the
 * way a task's environment would point it). It must scan, write its reports, leave /tmp empty and
 * change nothing else.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { copiesOf, ignoredByContext, imageCommand, type Stage, stages } from '../helpers/dockerfile.js';
import { repoRoot } from '../helpers/paths.js';
import { type Simulator, startSimulator } from '../sim/server.js';
import { scratch, simEnv, unprivileged } from './sim-harness.js';

const root = repoRoot();
const as = unprivileged();

/** Every file under `dir` with its size and modification time: what "changed nothing" compares. */
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => {
      const path = join(d.parentPath, d.name);
      const s = statSync(path);
      return `${relative(dir, path)} ${s.size} ${s.mtimeMs}`;
    })
    .sort();
}

function chmodTree(dir: string, file: number, folder: number): void {
  for (const d of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (d.isSymbolicLink()) continue;
    chmodSync(join(d.parentPath, d.name), d.isDirectory() ? folder : file);
  }
  chmodSync(dir, folder);
}

function sh(command: string, cwd: string): void {
  const r = spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `${command}\n${r.stdout}\n${r.stderr}`);
}

/** The build context's copy of `source` into `dest`, as .dockerignore leaves it. */
function copyFromContext(source: string, dest: string, ignored: (p: string) => boolean): void {
  cpSync(join(root, source), dest, {
    recursive: true,
    filter: (src) => src === join(root, source) || !ignored(relative(root, src)),
  });
}

/** Runs a stage's RUN instructions in `dir`; `npm ci` of the full tree is the repository's own. */
function runStage(stage: Stage, dir: string): void {
  for (const i of stage.instructions.filter((x) => x.keyword === 'RUN')) {
    // The full install (dev dependencies included) is what this checkout already has.
    if (/^npm ci\b/.test(i.args) && !i.args.includes('--omit=dev')) {
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
      continue;
    }
    // From the npm cache this machine filled, as a builder's layer cache would.
    sh(i.args.replace(/^npm ci\b/, 'npm ci --prefer-offline'), dir);
  }
}

describe('the image, assembled from the Dockerfile and run read-only', () => {
  const tmp = scratch('container');
  const app = tmp.dir('app');
  const reports = tmp.dir('reports');
  const tmpfs = tmp.dir('tmp');
  let sim: Simulator;
  let runtime: Stage;

  before(async () => {
    const all = stages();
    runtime = all.at(-1) as Stage;
    const ignored = ignoredByContext();
    const built = new Map<string, string>();
    for (const stage of all.slice(0, -1)) {
      const dir = tmp.dir(`stage-${stage.name}`);
      mkdirSync(dir, { recursive: true });
      for (const c of copiesOf(stage)) {
        for (const s of c.sources) copyFromContext(s, join(dir, c.dest === './' ? s : c.dest), ignored);
      }
      runStage(stage, dir);
      built.set(stage.name ?? '', dir);
    }
    mkdirSync(app, { recursive: true });
    for (const c of copiesOf(runtime)) {
      for (const s of c.sources) {
        const target = join(app, c.dest === './' ? s : c.dest);
        if (c.from === null) copyFromContext(s, target, ignored);
        else cpSync(join(built.get(c.from) ?? '', s.replace(/^\/app\//, '')), target, { recursive: true });
      }
    }
    chmodTree(app, 0o444, 0o555);
    for (const dir of [reports, tmpfs]) {
      mkdirSync(dir, { recursive: true });
      chmodSync(dir, 0o777);
    }
    chmodSync(tmp.root, 0o755);
    sim = await startSimulator({
      timeScale: 10,
      generate: { seed: 31, regions: ['us-east-1', 'eu-west-1'], functionsPerRegion: 5, users: 2 },
    });
  });
  after(async () => {
    await sim?.stop();
    if (existsSync(app)) chmodTree(app, 0o644, 0o755);
    tmp.cleanup();
  });

  /** ENTRYPOINT + CMD (+ extra), /app and /reports mapped to the assembled folders. */
  function runImage(extra: string[] = []): Promise<{ code: number | null; stderr: string }> {
    const { entrypoint, cmd } = imageCommand();
    const command = [...entrypoint, ...cmd, ...extra].map((a) =>
      a.replace(/^\/app\//, `${app}/`).replace(/^\/reports$/, reports),
    );
    const env = simEnv({
      AWS_ENDPOINT_URL: sim.url,
      TMPDIR: tmpfs,
      HOME: join(tmp.root, 'no-home'),
      NODE_ENV: 'production',
    });
    return new Promise((resolve, reject) => {
      const child = spawn(command[0] === 'node' ? process.execPath : (command[0] ?? ''), command.slice(1), {
        cwd: app,
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
        ...as,
      });
      let stderr = '';
      child.stderr?.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
      child.once('error', reject);
      child.once('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr });
      });
    });
  }

  it('holds the bundle, production dependencies and the shipped policy: no sources, tests or dev tools', () => {
    assert.ok(existsSync(join(app, 'dist/bundle/lambda-posture.mjs')));
    assert.ok(existsSync(join(app, 'policy/lambda-posture-readonly.json')));
    for (const absent of ['src', 'test', 'checks', 'dist/src', 'dist/test', 'scripts', 'data'])
      assert.ok(!existsSync(join(app, absent)), `${absent} is in the image`);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    for (const dev of Object.keys(pkg.devDependencies))
      assert.ok(!existsSync(join(app, 'node_modules', dev)), `dev dependency ${dev} is in the image`);
  });

  it('its default command scans, writes /reports only, and leaves /tmp as it found it', async () => {
    const before = listing(app);
    const run = await runImage();
    assert.ok(run.code === 0 || run.code === 3, `exit ${run.code}: ${run.stderr}`);
    assert.deepEqual(readdirSync(reports).sort(), ['report.html', 'report.json']);
    assert.deepEqual(listing(app), before, 'the read-only root filesystem was written to');
    assert.deepEqual(readdirSync(tmpfs), []);
  });

  it('with --scan-code, packages are unpacked under $TMPDIR and nothing is left there', async () => {
    const run = await runImage(['--scan-code']);
    assert.ok(run.code === 0 || run.code === 3, `exit ${run.code}: ${run.stderr}`);
    assert.deepEqual(readdirSync(tmpfs), []);
    const report = JSON.parse(readFileSync(join(reports, 'report.json'), 'utf8')) as {
      checks: { id: string }[];
    };
    assert.ok(report.checks.some((c) => c.id === 'lambda.code-secrets'));
  });
});
