/**
 * --upload s3://bucket/prefix: the scheduled job's way out of an ephemeral container. After the
 * reports are written to --out (they stay there whatever happens here), each goes to
 *
 *   <prefix>/<account>/<scan start, UTC, e.g. 2026-12-03T01-00-00Z>/<file>   — the history
 *   <prefix>/<account>/latest/<file>                                         — what a dashboard reads
 *
 * Every file of the run is under its dated key before any `latest/` object is replaced, so a
 * failed upload never leaves `latest/` pointing at half of a run (a failure while replacing
 * `latest/` itself can leave it mixed; the message says so, and the dated folder is complete).
 * Objects are encrypted at rest as the caller asks: SSE-KMS with --upload-kms-key, else SSE-S3
 * (AES256) — named explicitly so a bucket policy that requires the header accepts the request.
 * Each body carries its SHA-256 (x-amz-checksum-sha256), which S3 verifies before storing it; it is
 * computed by reading the file once, so a report of hundreds of megabytes is streamed, never held.
 *
 * Needs s3:PutObject on the prefix (and kms:GenerateDataKey on the key for SSE-KMS): a write
 * permission, so it is not in the read-only audit policy; grant it to the job's own role.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { httpTimeouts } from './clients.js';
import { errorCode } from './errors.js';

export interface UploadTarget {
  bucket: string;
  /** Without leading or trailing slashes; '' for the bucket's root. */
  prefix: string;
  /** --upload-kms-key: a KMS key id, ARN or alias for SSE-KMS; absent: SSE-S3. */
  kmsKeyId?: string;
}

/** An --upload or --upload-kms-key value that cannot be used: a usage error, found before the scan. */
export class UploadTargetError extends Error {
  override name = 'UsageError';
}

/**
 * The upload failed after the reports were written to --out. `transient`: the network or S3 failed
 * (a retry may work); otherwise the setup is wrong (denied, no such bucket, a bad key).
 */
export class UploadError extends Error {
  override name = 'UploadError';
  readonly transient: boolean;
  constructor(message: string, transient: boolean) {
    super(message);
    this.transient = transient;
  }
}

// S3's rules for new general purpose buckets: 3–63 characters, lower-case letters, digits, dots and
// hyphens, beginning and ending with a letter or digit, not an IP address.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IP_LIKE = /^\d+\.\d+\.\d+\.\d+$/;
// Key ids, ARNs and aliases: what KMS accepts in SSEKMSKeyId, without anything that could not be one.
const KMS_KEY =
  /^(?:arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(?:key|alias)\/[A-Za-z0-9/_-]+|alias\/[A-Za-z0-9/_-]+|[A-Za-z0-9-]{1,64})$/;

// biome-ignore lint/suspicious/noControlCharactersInRegex: they are what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

export function parseUploadTarget(uri: string, kmsKeyId?: string): UploadTarget {
  const m = /^s3:\/\/([^/]*)(?:\/(.*))?$/.exec(uri);
  if (!m) throw new UploadTargetError(`--upload: ${JSON.stringify(uri)} is not an s3://bucket/prefix URI`);
  const bucket = m[1] ?? '';
  if (!BUCKET.test(bucket) || IP_LIKE.test(bucket) || bucket.includes('..')) {
    throw new UploadTargetError(
      `--upload: ${JSON.stringify(bucket)} is not an S3 bucket name (3–63 lower-case letters, digits, dots and hyphens)`,
    );
  }
  const prefix = (m[2] ?? '').replace(/^\/+|\/+$/g, '');
  // A key is UTF-8 of up to 1,024 bytes; control characters and dot segments make keys that
  // consoles and `aws s3 sync` mangle, so they are refused rather than stored.
  const badSegment = prefix !== '' && prefix.split('/').some((s) => s === '' || s === '.' || s === '..');
  if (badSegment || CONTROL.test(prefix)) {
    throw new UploadTargetError(
      `--upload: the prefix ${JSON.stringify(prefix)} has an empty, "." or ".." segment or a control character`,
    );
  }
  if (Buffer.byteLength(prefix) > 800)
    throw new UploadTargetError('--upload: the prefix is longer than 800 bytes (S3 keys end at 1,024)');
  if (kmsKeyId !== undefined && !KMS_KEY.test(kmsKeyId)) {
    throw new UploadTargetError(
      `--upload-kms-key: ${JSON.stringify(kmsKeyId)} is not a KMS key id, key ARN, alias ARN or alias/NAME`,
    );
  }
  return { bucket, prefix, ...(kmsKeyId !== undefined ? { kmsKeyId } : {}) };
}

/** The scan's start as a key segment: 2026-12-03T01:00:00.000Z → 2026-12-03T01-00-00Z. */
export function runFolder(startedAt: string): string {
  return `${startedAt.slice(0, 19).replace(/:/g, '-')}Z`;
}

/** Where a run's file goes: its dated key and its latest/ key. */
export function uploadKeys(target: UploadTarget, accountId: string, startedAt: string, file: string) {
  const base = target.prefix === '' ? accountId : `${target.prefix}/${accountId}`;
  return { dated: `${base}/${runFolder(startedAt)}/${file}`, latest: `${base}/latest/${file}` };
}

const CONTENT_TYPES: ReadonlyArray<[RegExp, string]> = [
  [/\.html$/, 'text/html; charset=utf-8'],
  [/\.sarif$/, 'application/sarif+json'],
  [/\.jsonl$/, 'application/x-ndjson'],
  [/\.json$/, 'application/json'],
  [/\.csv$/, 'text/csv; charset=utf-8'],
  [/\.xml$/, 'application/xml'],
];

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES.find(([re]) => re.test(file))?.[1] ?? 'application/octet-stream';
}

export interface UploadOptions {
  accountId: string;
  startedAt: string;
  profile?: string;
  endpointUrl?: string;
  maxAttempts: number;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  signal?: AbortSignal;
  log: (line: string) => void;
}

export interface UploadOutcome {
  /** s3://bucket/<dated folder>/ */
  folder: string;
  keys: string[];
}

export async function uploadReports(
  target: UploadTarget,
  paths: readonly string[],
  opts: UploadOptions,
): Promise<UploadOutcome> {
  const client = s3Client(opts);
  const files = await Promise.all(
    paths.map(async (path) => ({ path, name: basename(path), ...(await sizeAndSha256(path)) })),
  );
  const keys: string[] = [];
  const put = async (f: (typeof files)[number], key: string) => {
    try {
      await client.send(
        new PutObjectCommand({
          Bucket: target.bucket,
          Key: key,
          Body: createReadStream(f.path),
          ContentLength: f.size,
          ContentType: contentTypeOf(f.name),
          ChecksumSHA256: f.sha256,
          ...(target.kmsKeyId !== undefined
            ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: target.kmsKeyId }
            : { ServerSideEncryption: 'AES256' }),
        }),
        opts.signal ? { abortSignal: opts.signal } : {},
      );
      keys.push(key);
    } catch (err) {
      throw uploadFailure(err, target.bucket, key);
    }
  };
  try {
    const keyed = files.map((f) => ({ f, ...uploadKeys(target, opts.accountId, opts.startedAt, f.name) }));
    for (const { f, dated } of keyed) await put(f, dated);
    for (const { f, latest } of keyed) {
      try {
        await put(f, latest);
      } catch (err) {
        if (err instanceof UploadError)
          err.message += `; the run's files are all under its dated folder, but latest/ may now mix this run with an earlier one`;
        throw err;
      }
    }
  } finally {
    client.destroy();
  }
  const first = keys[0] ?? '';
  const folder = `s3://${target.bucket}/${first.slice(0, first.lastIndexOf('/') + 1)}`;
  opts.log(`uploaded ${files.length} report file(s) to ${folder} and to latest/`);
  return { folder, keys };
}

function s3Client(opts: UploadOptions): S3Client {
  // A custom endpoint (a simulator, a VPC endpoint by URL) is addressed path-style: virtual-hosted
  // names (bucket.host) do not resolve there.
  const customEndpoint =
    opts.endpointUrl !== undefined ||
    process.env.AWS_ENDPOINT_URL !== undefined ||
    process.env.AWS_ENDPOINT_URL_S3 !== undefined;
  return new S3Client({
    // The bucket's region is not known here; S3 answers a request sent to the wrong region with
    // the right one, and the client follows it.
    region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    followRegionRedirects: true,
    forcePathStyle: customEndpoint,
    maxAttempts: opts.maxAttempts,
    retryMode: 'adaptive',
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.endpointUrl ? { endpoint: opts.endpointUrl } : {}),
    requestHandler: httpTimeouts(opts.connectTimeoutMs, opts.requestTimeoutMs),
  });
}

async function sizeAndSha256(path: string): Promise<{ size: number; sha256: string }> {
  const { size } = await stat(path);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { size, sha256: hash.digest('base64') };
}

/** Codes that say the setup is wrong: retrying will not help. */
const PERMANENT = new Set([
  'AccessDenied',
  'AllAccessDisabled',
  'NoSuchBucket',
  'InvalidArgument',
  'InvalidRequest',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'KMS.NotFoundException',
  'KMS.DisabledException',
  'BadDigest',
  'CredentialsProviderError',
]);

function uploadFailure(err: unknown, bucket: string, key: string): UploadError {
  const code = errorCode(err);
  const status = (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  const permanent =
    PERMANENT.has(code) || (status !== undefined && status >= 400 && status < 500 && status !== 429);
  // The AWS error's own message can quote the caller's ARN or the request; the code and status
  // say what happened without it.
  return new UploadError(
    `the reports are written, but the upload to s3://${bucket}/${key} failed: ${code}${status !== undefined ? ` (HTTP ${status})` : ''}` +
      (permanent ? '' : ' — a network or S3 failure: a later run may succeed'),
    !permanent,
  );
}
