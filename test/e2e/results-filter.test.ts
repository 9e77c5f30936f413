/**
 * --results: the reports list only some statuses, while the summary, scores, changes and exit code
 * still count every result; a baseline written that way is read for what it holds and no more.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Report } from '../../src/report/schema.js';
import { ReportSchema } from '../../src/report/schema.js';
import { inventory, lambdaFunction, ok } from '../helpers/inventory.js';
import { repoRoot } from '../helpers/paths.js';

const cli = join(repoRoot(), 'bin', 'lambda-posture.mjs');

function lp(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const URL_CONFIG = {
  url: 'https://x.lambda-url.us-east-1.on.aws/',
  invokeMode: 'BUFFERED' as const,
  cors: null,
};

/** Two functions, one with a public URL: every status occurs among the results. */
function workspace(publicApi = true): { dir: string; inv: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lp-results-'));
  const inv = join(dir, 'inventory.json');
  const api = lambdaFunction({
    name: 'api',
    urlConfigs: ok([
      {
        ...URL_CONFIG,
        functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:api',
        authType: publicApi ? 'NONE' : 'AWS_IAM',
      },
    ]),
  });
  writeFileSync(inv, JSON.stringify(inventory({ functions: [api, lambdaFunction({ name: 'worker' })] })));
  return { dir, inv };
}

function evaluateTo(dir: string, inv: string, out: string, extra: string[] = []) {
  const r = lp(
    ['evaluate', '--inventory', inv, '--out', out, '--format', 'json', '--allow-incomplete', ...extra],
    dir,
  );
  const path = join(dir, out, 'report.json');
  const report = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Report) : null;
  return { ...r, report };
}

describe('--results', () => {
  it('lists only the statuses asked for; the summary, scores and exit code still count every result', () => {
    const { dir, inv } = workspace();
    const all = evaluateTo(dir, inv, 'all');
    const some = evaluateTo(dir, inv, 'some', ['--results', 'fail,unknown']);
    assert.ok(all.report && some.report, `${all.stderr}\n${some.stderr}`);
    assert.equal(some.code, all.code, 'the exit code does not depend on what is listed');
    assert.ok(ReportSchema.safeParse(some.report).success, 'the narrowed report is still a valid report');
    const expected = all.report.results.filter((r) => r.status === 'fail' || r.status === 'unknown');
    assert.ok(expected.length > 0 && expected.length < all.report.results.length);
    assert.deepEqual(
      some.report.results.map((r) => r.findingId),
      expected.map((r) => r.findingId),
    );
    assert.deepEqual(some.report.run.resultsListed, {
      statuses: ['fail', 'unknown'],
      omitted: all.report.results.length - expected.length,
    });
    assert.equal(all.report.run.resultsListed, undefined, 'absent when every result is listed');
    assert.deepEqual(some.report.summary, all.report.summary);
    assert.deepEqual(some.report.checks, all.report.checks);
  });

  it('takes hyphenated not-applicable, and "all" or every status leaves nothing out', () => {
    const { dir, inv } = workspace();
    const na = evaluateTo(dir, inv, 'na', ['--results', 'not-applicable']);
    assert.ok(na.report, na.stderr);
    assert.ok(na.report.results.length > 0);
    assert.ok(na.report.results.every((r) => r.status === 'not_applicable'));
    const every = evaluateTo(dir, inv, 'every', ['--results', 'pass,fail,unknown,not_applicable']);
    assert.equal(every.report?.run.resultsListed, undefined);
  });

  it('a wrong value is a usage error (exit 2) that names the values, and writes nothing', () => {
    const { dir, inv } = workspace();
    for (const value of ['failing', 'all,fail', '']) {
      const r = evaluateTo(dir, inv, 'never', ['--results', value]);
      assert.equal(r.code, 2, `${value}: ${r.stderr}`);
      assert.match(r.stderr, /--results takes all, or pass, fail, unknown, not_applicable/);
      assert.equal(r.report, null);
    }
  });

  it('can be set in the config file', () => {
    const { dir, inv } = workspace();
    writeFileSync(join(dir, 'lambda-posture.config.yaml'), 'results: [fail]\n');
    const r = evaluateTo(dir, inv, 'cfg');
    assert.ok(r.report, r.stderr);
    assert.ok(r.report.results.length > 0 && r.report.results.every((x) => x.status === 'fail'));
  });
});

describe('a baseline written with --results', () => {
  it('without its failures is refused: every failure now would read as new', () => {
    const { dir, inv } = workspace();
    assert.ok(evaluateTo(dir, inv, 'base', ['--results', 'pass']).report);
    const r = evaluateTo(dir, inv, 'next', ['--baseline', join(dir, 'base', 'report.json')]);
    assert.equal(r.report, null);
    assert.match(r.stderr, /lists only its pass results \(written with --results\)/);
  });

  it('with its failures compares them; a failure now that it did not list was "not-listed", not absent', () => {
    const before = workspace(false);
    assert.ok(evaluateTo(before.dir, before.inv, 'base', ['--results', 'fail']).report);
    // The same account later: the URL became public.
    const after = workspace(true);
    const r = evaluateTo(after.dir, after.inv, 'next', [
      '--baseline',
      join(before.dir, 'base', 'report.json'),
    ]);
    assert.ok(r.report?.changes, r.stderr);
    const fresh = r.report.changes.new.filter((f) => f.resource.name === 'api');
    assert.ok(fresh.length > 0, 'the public URL is a new failure');
    assert.ok(fresh.every((f) => f.previously === 'not-listed'));
    assert.equal(r.report.changes.counts.unchanged > 0, true, 'failures in both are matched as unchanged');
  });
});
