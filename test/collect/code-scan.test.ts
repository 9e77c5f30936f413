import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type CodeScanLimits,
  DEFAULT_CODE_SCAN_LIMITS,
  sanitizePath,
  scanPackageAt,
  scanZipBuffer,
} from '../../src/collect/code-scan.js';
import { CodeScan } from '../../src/inventory/schema.js';
import { buildZip, zipBomb } from '../sim/zip.js';

const SALT = Buffer.from('0123456789abcdef0123456789abcdef');
const TARGET = { operation: 'GetFunction', region: 'eu-west-1' };
// Assembled at runtime so this file itself never matches a secret scanner.
const cat = (...parts: string[]) => parts.join('');
const FAKE = {
  awsKeyId: cat('AKIA', 'QYLPMN5HHHFPZAM2'),
  awsSecret: cat('1tUm636uS1yOEcfP5pvfqJ/ml36', 'mF7AkyHsEU0IU'),
  stripe: cat('sk_live_', '4eC39HqLyjWDarjtT1zdp7dc', 'Zx9Q'),
  github: cat('ghp_', 'wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO', '0pINUx'),
};

async function scan(entries: Parameters<typeof buildZip>[0], limits?: Partial<CodeScanLimits>) {
  return scanZipBuffer(buildZip(entries), SALT, TARGET, { ...DEFAULT_CODE_SCAN_LIMITS, ...limits });
}

describe('code scan: secrets in a deployment package', () => {
  it('finds a secret in a nested file by path, line and detector, and keeps no value', async () => {
    const r = await scan([
      { name: 'index.js', content: "exports.handler = require('./src/lib/client').handler;\n" },
      {
        name: 'src/lib/config/aws.js',
        content: `// client config\nmodule.exports = {\n  accessKeyId: "${FAKE.awsKeyId}",\n  secretAccessKey: "${FAKE.awsSecret}",\n};\n`,
      },
      { name: '.env', content: `STAGE=prod\nSTRIPE_API_KEY=${FAKE.stripe}\nDB_PASSWORD=Tr0ub4dor-and-3\n` },
    ]);
    assert.ok(r.ok, JSON.stringify(r));
    CodeScan.parse(r.value);
    const got = r.value.secrets.map((s) => `${s.path}:${s.line}:${s.detector}`);
    assert.deepEqual(got, [
      '.env:2:pattern:stripe-secret-key',
      '.env:3:name-heuristic:PASSWORD',
      'src/lib/config/aws.js:3:@secretlint/secretlint-rule-aws',
      'src/lib/config/aws.js:4:@secretlint/secretlint-rule-aws',
    ]);
    const text = JSON.stringify(r);
    for (const v of [FAKE.awsKeyId, FAKE.awsSecret, FAKE.stripe, 'Tr0ub4dor-and-3'])
      assert.ok(!text.includes(v));
    assert.equal(r.value.filesScanned, 3);
    assert.ok(r.value.secrets.every((s) => /^[0-9a-f]{12}$/.test(s.fingerprint)));
  });

  it('near-miss: AWS documentation example keys, a .env.example of placeholders and masked tokens are not secrets', async () => {
    const r = await scan([
      {
        name: '.env.example',
        content:
          'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nAPI_KEY=your_api_key_here\nSTRIPE_KEY=sk_live_xxxxxxxxxxxx\nDB_PASSWORD=<db-password>\n',
      },
      {
        name: 'test/fixtures/credentials.js',
        content: 'module.exports = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", token: "ghp_xxxxxxxxxxxxxxxx" };\n',
      },
      { name: 'README.md', content: 'Set `password = "${DB_PASSWORD}"` in your config.\n' },
    ]);
    assert.ok(r.ok);
    assert.deepEqual(r.value.secrets, []);
    assert.ok(r.value.placeholders >= 3, `placeholders: ${r.value.placeholders}`);
  });

  it('an entry named ../../etc/passwd is never a path here: counted, scanned under its sanitised name', async () => {
    const r = await scan([
      { name: '../../etc/passwd', content: `token = "${FAKE.github}"\n` },
      { name: '/abs/evil.js', content: 'ok\n' },
    ]);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.unsafePaths, 2);
    assert.deepEqual(
      r.value.secrets.map((s) => s.path),
      ['etc/passwd'],
    );
  });

  it('binaries and large files are counted, not scanned', async () => {
    const r = await scan(
      [
        { name: 'lib/native.so', content: `x=${FAKE.stripe}` },
        { name: 'data.txt', content: Buffer.from([0x41, 0, 0x42]) },
        { name: 'big.js', content: `const k = "${FAKE.stripe}";\n${'//'.repeat(3000)}` },
      ],
      { maxFileBytes: 4096 },
    );
    assert.ok(r.ok);
    assert.equal(r.value.skippedBinary, 2);
    assert.equal(r.value.skippedLarge, 1);
    assert.deepEqual(r.value.secrets, []);
  });
});

describe('code scan: hostile archives are reported, never half-scanned', () => {
  it('a compression bomb is refused before anything is inflated', async () => {
    const r = await scanZipBuffer(zipBomb(), SALT, TARGET);
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'CompressionBomb');
    assert.match(r.error.message, /compression bomb/);
  });

  it('too many entries, and too much unpacked, break their caps', async () => {
    const many = await scan(
      Array.from({ length: 12 }, (_, i) => ({ name: `f${i}.js`, content: 'x' })),
      { maxEntries: 10 },
    );
    assert.ok(!many.ok);
    assert.equal(many.error.code, 'TooManyEntries');
    const big = await scan(
      [
        { name: 'a.js', content: 'a'.repeat(3000) },
        { name: 'b.js', content: 'b'.repeat(3000) },
      ],
      { maxUnpackedBytes: 4000 },
    );
    assert.ok(!big.ok);
    assert.equal(big.error.code, 'UnpackedTooLarge');
  });

  it('a header that lies about the size is a corrupt archive', async () => {
    const r = await scan([
      { name: 'a.js', content: `k = "${FAKE.stripe}"\n${'a'.repeat(5000)}`, declaredSize: 10 },
    ]);
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'CorruptArchive');
  });

  it('not a zip at all', async () => {
    const r = await scanZipBuffer(Buffer.from('<html>not found</html>'), SALT, TARGET);
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'CorruptArchive');
    assert.equal(r.error.operation, 'GetFunction code download');
  });

  it('sanitises names: control characters, backslashes, drives', () => {
    assert.deepEqual(sanitizePath('a\\..\\..\\b\u0007.js'), { path: 'a/b.js', unsafe: true });
    assert.deepEqual(sanitizePath('C:/x.js'), { path: 'x.js', unsafe: true });
    assert.deepEqual(sanitizePath('./src/./x.js'), { path: 'src/x.js', unsafe: false });
  });
});

describe('code scan: downloads', () => {
  let server: Server;
  let base = '';
  const tmp = mkdtempSync(join(tmpdir(), 'code-scan-test-'));
  const previous = process.env.TMPDIR;
  let flaky = 0;
  const pkg = buildZip([{ name: 'src/app.js', content: `const key = "${FAKE.stripe}";\n` }]);

  before(async () => {
    process.env.TMPDIR = tmp;
    server = createServer((req, res) => {
      if (req.url?.startsWith('/ok')) res.writeHead(200, { 'content-type': 'application/zip' }).end(pkg);
      else if (req.url?.startsWith('/flaky')) {
        flaky += 1;
        if (flaky < 3) res.writeHead(503).end('<Error><Code>SlowDown</Code></Error>');
        else res.writeHead(200).end(pkg);
      } else if (req.url?.startsWith('/down')) res.writeHead(500).end();
      else if (req.url?.startsWith('/expired'))
        res.writeHead(403).end('<Error><Code>AccessDenied</Code></Error>');
      else res.writeHead(200, { 'content-length': String(300 * 1024 * 1024) }).end();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    await new Promise<void>((ok) => server.close(() => ok()));
    rmSync(tmp, { recursive: true, force: true });
  });

  it('downloads, scans and removes its temp dir', async () => {
    const r = await scanPackageAt(`${base}/ok?X-Amz-Signature=abc`, SALT, TARGET);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.value.packageBytes, pkg.length);
    assert.deepEqual(
      r.value.secrets.map((s) => s.detector),
      ['pattern:stripe-secret-key'],
    );
    assert.deepEqual(readdirSync(tmp), []);
  });

  it('an expired URL (403) is access-denied, and the URL is not in the error', async () => {
    const r = await scanPackageAt(`${base}/expired?X-Amz-Signature=s3cr3tsig`, SALT, TARGET);
    assert.ok(!r.ok);
    assert.equal(r.error.class, 'access-denied');
    assert.ok(!JSON.stringify(r).includes('s3cr3tsig'));
    assert.deepEqual(readdirSync(tmp), []);
  });

  it('a package over the download cap is refused from its Content-Length', async () => {
    const r = await scanPackageAt(`${base}/huge`, SALT, TARGET);
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'PackageTooLarge');
  });

  it('a 503 SlowDown is tried again; a server that keeps failing is a failed download after the attempts', async () => {
    const fast = { ...DEFAULT_CODE_SCAN_LIMITS, retryDelayMs: 1 };
    const r = await scanPackageAt(`${base}/flaky`, SALT, TARGET, fast);
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(flaky, 3);
    const down = await scanPackageAt(`${base}/down`, SALT, TARGET, fast);
    assert.ok(!down.ok);
    assert.match(down.error.message, /HTTP 500/);
  });

  it('a connection refused is a failed download', async () => {
    const r = await scanPackageAt('http://127.0.0.1:1/x', SALT, TARGET, {
      ...DEFAULT_CODE_SCAN_LIMITS,
      retryDelayMs: 1,
    });
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'DownloadFailed');
  });
});
