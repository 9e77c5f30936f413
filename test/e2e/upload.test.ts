/**
 * --upload, end to end: the built CLI scans the simulated account and puts its reports in the
 * simulator's S3 (PutObject, path-style, with the SDK's real signing, retries and checksum), under
 * the dated folder and latest/, encrypted as asked; a refused upload exits 6 with the reports on
 * disk and latest/ untouched; a bad target is a usage error before any AWS call.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runFolder } from '../../src/aws/upload.js';
import type { Report } from '../../src/report/schema.js';
import { type Simulator, startSimulator } from '../sim/server.js';
import { readJson, runCli, scanArgs, scratch, sleep, startCli } from './sim-harness.js';

describe('--upload (built CLI, simulated S3)', () => {
  const tmp = scratch('upload');
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({
      timeScale: 10,
      generate: { seed: 12, regions: ['us-east-1'], functionsPerRegion: 6, users: 2 },
    });
  });
  after(async () => {
    await sim.stop();
    tmp.cleanup();
  });

  const scan = (out: string, extra: string[]) =>
    runCli(scanArgs(sim.url, out, ['--format', 'json,html', ...extra]));
  const keysUnder = (prefix: string) => [...sim.objects.keys()].filter((k) => k.startsWith(prefix)).sort();

  it('puts every report under the dated folder and latest/, byte for byte, with SSE-S3', async () => {
    const out = tmp.dir('sse-s3');
    const run = await scan(out, ['--upload', 's3://audit-reports/nightly/']);
    assert.ok(run.code === 0 || run.code === 3, run.stderr);
    const report = readJson<Report>(join(out, 'report.json'));
    const base = `audit-reports/nightly/${report.run.accountId}`;
    const dated = `${base}/${runFolder(report.run.startedAt)}`;
    assert.deepEqual(
      keysUnder(`${base}/`),
      [
        `${dated}/report.html`,
        `${dated}/report.json`,
        `${base}/latest/report.html`,
        `${base}/latest/report.json`,
      ].sort(),
    );
    for (const file of ['report.json', 'report.html']) {
      const local = readFileSync(join(out, file));
      for (const key of [`${dated}/${file}`, `${base}/latest/${file}`]) {
        const o = sim.objects.get(key);
        assert.ok(o?.bytes.equals(local), `${key} is not the file written to --out`);
        assert.equal(o?.serverSideEncryption, 'AES256');
        assert.equal(o?.kmsKeyId, null);
      }
    }
    assert.equal(sim.objects.get(`${dated}/report.json`)?.contentType, 'application/json');
    assert.equal(sim.objects.get(`${dated}/report.html`)?.contentType, 'text/html; charset=utf-8');
    assert.match(
      run.stderr,
      /uploaded 2 report file\(s\) to s3:\/\/audit-reports\/nightly\/\d{12}\/[0-9T-]+Z\//,
    );
  });

  it('--upload-kms-key encrypts with that key (SSE-KMS); the bucket root works as a prefix', async () => {
    const out = tmp.dir('sse-kms');
    const run = await scan(out, ['--upload', 's3://kms-reports', '--upload-kms-key', 'alias/lambda-posture']);
    assert.ok(run.code === 0 || run.code === 3, run.stderr);
    const account = readJson<Report>(join(out, 'report.json')).run.accountId;
    const latest = sim.objects.get(`kms-reports/${account}/latest/report.json`);
    assert.equal(latest?.serverSideEncryption, 'aws:kms');
    assert.equal(latest?.kmsKeyId, 'alias/lambda-posture');
  });

  it('a denied PutObject exits 6 naming the key; the reports stay in --out and latest/ is not touched', async () => {
    const out = tmp.dir('denied');
    sim.setFaults({ denied: [{ service: 's3', action: 'PutObject' }] });
    try {
      const run = await scan(out, ['--upload', 's3://denied-reports/x']);
      assert.equal(run.code, 6, run.stderr);
      assert.match(
        run.stderr,
        /the reports are written, but the upload to s3:\/\/denied-reports\/x\/\d{12}\/[0-9T-]+Z\/report\.(json|html) failed: AccessDenied \(HTTP 403\)/,
      );
      assert.ok(!run.stderr.includes('    at '), 'no stack trace');
      assert.ok(readFileSync(join(out, 'report.json')).length > 0);
      assert.deepEqual(keysUnder('denied-reports/'), []);
    } finally {
      sim.setFaults({ denied: [] });
    }
  });

  it('SIGTERM during the upload exits 143 and says the reports are in --out, the upload incomplete', async () => {
    const out = tmp.dir('sigterm');
    sim.setFaults({ stalls: [{ service: 's3', action: 'PutObject', mode: 'no-response' }] });
    sim.resetLog();
    try {
      const { child, result } = startCli(scanArgs(sim.url, out, ['--upload', 's3://stalled-reports']));
      // The stalled PutObject is logged when it arrives; the reports were written just before.
      while (!sim.callLog.some((c) => c.action === 'PutObject') && child.exitCode === null) await sleep(20);
      child.kill('SIGTERM');
      const run = await result;
      assert.equal(run.code, 143, run.stderr);
      assert.match(run.stderr, /terminated: stopping; the reports are written, the upload stops/);
      assert.match(
        run.stderr,
        /lambda-posture: terminated; the reports are in --out, the upload is incomplete/,
      );
      assert.ok(readFileSync(join(out, 'report.json')).length > 0);
      // The stalled request may have been stored (its answer was what got lost); latest/ was not reached.
      assert.ok(keysUnder('stalled-reports/').every((k) => !k.includes('/latest/')));
    } finally {
      sim.setFaults({ stalls: [] });
    }
  });

  it('a target that cannot be one is a usage error before any AWS call', async () => {
    for (const [args, pattern] of [
      [
        ['--upload', 'https://bucket/x'],
        /--upload: "https:\/\/bucket\/x" is not an s3:\/\/bucket\/prefix URI/,
      ],
      [['--upload', 's3://Bad_Bucket/x'], /"Bad_Bucket" is not an S3 bucket name/],
      [['--upload', 's3://192.168.1.1/x'], /is not an S3 bucket name/],
      [['--upload', 's3://ok-bucket/a/../b'], /has an empty, "\." or "\.\." segment/],
      [
        ['--upload', 's3://ok-bucket', '--upload-kms-key', 'not a key'],
        /--upload-kms-key: "not a key" is not a KMS key/,
      ],
      [
        ['--upload-kms-key', 'alias/x'],
        /--upload-kms-key encrypts what --upload sends: add --upload s3:\/\/BUCKET\/PREFIX/,
      ],
    ] as const) {
      sim.resetLog();
      const run = await scan(tmp.dir('usage'), [...args]);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, pattern);
      assert.equal(sim.callLog.length, 0, `${args.join(' ')} called AWS`);
    }
  });
});
