/**
 * Every report format from one run of the built CLI: each file is written, parses as its format,
 * and lists what the JSON report lists — the same findings by id, whatever the format calls them.
 * The formats' own shapes are tested in test/report/*.test.ts; this is the wiring.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { RENDERERS } from '../../src/report/index.js';
import type { Report } from '../../src/report/schema.js';
import { inventory, lambdaFunction, ok } from '../helpers/inventory.js';
import { repoRoot } from '../helpers/paths.js';

const cli = join(repoRoot(), 'bin', 'lambda-posture.mjs');

function evaluate(dir: string, args: string[]) {
  const r = spawnSync(
    process.execPath,
    [
      cli,
      'evaluate',
      '--inventory',
      join(dir, 'inventory.json'),
      '--allow-incomplete',
      '--fail-on',
      'none',
      ...args,
    ],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
  );
  assert.equal(r.status, 0, r.stderr);
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lp-formats-'));
  const api = lambdaFunction({
    name: 'api',
    urlConfigs: ok([
      {
        url: 'https://x.lambda-url.us-east-1.on.aws/',
        functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:api',
        authType: 'NONE',
        invokeMode: 'BUFFERED',
        cors: null,
      },
    ]),
  });
  writeFileSync(join(dir, 'inventory.json'), JSON.stringify(inventory({ functions: [api] })));
  return dir;
}

const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');

describe('--format with every format', () => {
  const formats = Object.keys(RENDERERS);

  it('writes one file per format, each listing the findings of the JSON report', () => {
    const dir = workspace();
    evaluate(dir, ['--out', 'out', '--format', formats.join(',')]);
    const out = join(dir, 'out');
    assert.deepEqual(
      readdirSync(out).sort(),
      Object.values(RENDERERS)
        .map((r) => r.fileName)
        .sort(),
    );
    const report = JSON.parse(read(out, 'report.json')) as Report;
    const all = report.results.map((r) => r.findingId).sort();
    const problems = report.results
      .filter((r) => r.status === 'fail' || r.status === 'unknown')
      .map((r) => r.findingId)
      .sort();
    assert.ok(problems.length > 0 && problems.length < all.length);

    // SARIF: the problems only (passes are not alerts), fingerprinted by finding id.
    const sarif = JSON.parse(read(out, 'report.sarif'));
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(
      sarif.runs[0].results.map((r: { properties: { findingId: string } }) => r.properties.findingId).sort(),
      problems,
    );
    // OCSF: one Detection Finding per result.
    const ocsf = JSON.parse(read(out, 'report.ocsf.json')) as {
      class_uid: number;
      finding_info: { uid: string };
    }[];
    assert.ok(ocsf.every((e) => e.class_uid === 2004));
    assert.deepEqual(ocsf.map((e) => e.finding_info.uid).sort(), all);
    // ASFF: BatchImportFindings bodies of at most 100, one per line.
    const asff = read(out, 'report.asff.jsonl')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { Findings: { ProductFields: Record<string, string> }[] });
    assert.ok(asff.every((b) => b.Findings.length > 0 && b.Findings.length <= 100));
    assert.deepEqual(
      asff
        .flatMap((b) => b.Findings)
        .map((f) => f.ProductFields['lambda-posture/FindingId'])
        .sort(),
      all,
    );
    // CSV: one row per result.
    const rows = parseCsv(read(out, 'report.csv'), { bom: true, columns: true }) as { finding_id: string }[];
    assert.deepEqual(rows.map((r) => r.finding_id).sort(), all);
    // JUnit: one testcase per result, failures counted as the report counts them.
    const junit = read(out, 'report.junit.xml');
    assert.equal((junit.match(/<testcase /g) ?? []).length, all.length);
    const failures = Number(/<testsuites [^>]*failures="(\d+)"/.exec(junit)?.[1]);
    assert.equal(failures, report.summary.counts.fail);
  });

  it('--results narrows every format alike', () => {
    const dir = workspace();
    evaluate(dir, ['--out', 'out', '--format', formats.join(','), '--results', 'fail']);
    const out = join(dir, 'out');
    const report = JSON.parse(read(out, 'report.json')) as Report;
    const failing = report.results.map((r) => r.findingId).sort();
    assert.ok(failing.length > 0 && report.results.every((r) => r.status === 'fail'));
    const rows = parseCsv(read(out, 'report.csv'), { bom: true, columns: true }) as { finding_id: string }[];
    assert.deepEqual(rows.map((r) => r.finding_id).sort(), failing);
    const ocsf = JSON.parse(read(out, 'report.ocsf.json')) as { finding_info: { uid: string } }[];
    assert.deepEqual(ocsf.map((e) => e.finding_info.uid).sort(), failing);
    assert.equal((read(out, 'report.junit.xml').match(/<testcase /g) ?? []).length, failing.length);
  });

  it('an unknown format is a usage error naming the formats there are', () => {
    const dir = workspace();
    const r = spawnSync(
      process.execPath,
      [cli, 'evaluate', '--inventory', join(dir, 'inventory.json'), '--format', 'json,xlsx'],
      { cwd: dir, encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(r.status, 2);
    assert.match(r.stderr, new RegExp(`--format takes ${formats.join(', ')}`));
  });
});
