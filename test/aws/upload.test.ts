/** The --upload target and key layout, as pure functions (the wire is test/e2e/upload.test.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  contentTypeOf,
  parseUploadTarget,
  runFolder,
  UploadTargetError,
  uploadKeys,
} from '../../src/aws/upload.js';

describe('parseUploadTarget', () => {
  it('takes a bucket and a prefix, without the slashes around it', () => {
    assert.deepEqual(parseUploadTarget('s3://audit-reports/team/lambda/'), {
      bucket: 'audit-reports',
      prefix: 'team/lambda',
    });
    assert.deepEqual(parseUploadTarget('s3://audit.reports.example'), {
      bucket: 'audit.reports.example',
      prefix: '',
    });
    assert.deepEqual(parseUploadTarget('s3://abc/', 'alias/reports'), {
      bucket: 'abc',
      prefix: '',
      kmsKeyId: 'alias/reports',
    });
  });

  it('accepts the KMS key forms SSE-KMS takes', () => {
    for (const key of [
      '1234abcd-12ab-34cd-56ef-1234567890ab',
      'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      'arn:aws-us-gov:kms:us-gov-west-1:123456789012:alias/reports',
      'alias/team/reports_2026',
    ]) {
      assert.equal(parseUploadTarget('s3://abc', key).kmsKeyId, key);
    }
  });

  it('refuses what S3 would refuse or mangle, naming the flag, never crashing', () => {
    for (const [uri, key] of [
      ['s3:/abc/x', undefined],
      ['S3://abc', undefined],
      ['s3://', undefined],
      ['s3://ab', undefined],
      [`s3://${'a'.repeat(64)}`, undefined],
      ['s3://-abc', undefined],
      ['s3://abc-', undefined],
      ['s3://a..b', undefined],
      ['s3://10.0.0.1', undefined],
      ['s3://UPPER', undefined],
      ['s3://abc/a//b', undefined],
      ['s3://abc/./x', undefined],
      ['s3://abc/x/..', undefined],
      ['s3://abc/x\u0000y', undefined],
      ['s3://abc/x\ny', undefined],
      [`s3://abc/${'p'.repeat(801)}`, undefined],
      ['s3://abc', ''],
      ['s3://abc', 'alias/has space'],
      ['s3://abc', 'arn:aws:s3:::not-a-key'],
    ] as const) {
      assert.throws(
        () => parseUploadTarget(uri, key),
        (e: unknown) =>
          e instanceof UploadTargetError &&
          e.name === 'UsageError' &&
          /^--upload(-kms-key)?: /.test(e.message),
        `${JSON.stringify(uri)} ${key ?? ''}`,
      );
    }
  });
});

describe('uploadKeys', () => {
  it('puts a run under its account and UTC start, and beside it under latest/', () => {
    const t = parseUploadTarget('s3://abc/nightly');
    assert.deepEqual(uploadKeys(t, '123456789012', '2026-12-03T01:00:07.512Z', 'report.json'), {
      dated: 'nightly/123456789012/2026-12-03T01-00-07Z/report.json',
      latest: 'nightly/123456789012/latest/report.json',
    });
    assert.deepEqual(
      uploadKeys(parseUploadTarget('s3://abc'), '123456789012', '2026-12-03T01:00:07.000Z', 'report.csv'),
      {
        dated: '123456789012/2026-12-03T01-00-07Z/report.csv',
        latest: '123456789012/latest/report.csv',
      },
    );
  });

  it('a dated folder sorts as time does, and has no character S3 consoles escape', () => {
    const a = runFolder('2026-12-03T09:59:59.999Z');
    const b = runFolder('2026-12-03T10:00:00.000Z');
    assert.ok(a < b);
    assert.match(b, /^[0-9T-]+Z$/);
  });
});

describe('contentTypeOf', () => {
  it('names each report format so a browser opens the HTML and tools read the rest', () => {
    assert.equal(contentTypeOf('report.html'), 'text/html; charset=utf-8');
    assert.equal(contentTypeOf('report.json'), 'application/json');
    assert.equal(contentTypeOf('report.ocsf.json'), 'application/json');
    assert.equal(contentTypeOf('report.asff.jsonl'), 'application/x-ndjson');
    assert.equal(contentTypeOf('report.sarif'), 'application/sarif+json');
    assert.equal(contentTypeOf('report.csv'), 'text/csv; charset=utf-8');
    assert.equal(contentTypeOf('report.junit.xml'), 'application/xml');
    assert.equal(contentTypeOf('report.bin'), 'application/octet-stream');
  });
});
