/**
 * --scan-code: downloads a deployment package (a function's, from GetFunction's presigned
 * `Code.Location`; a layer version's, from GetLayerVersion's `Content.Location`) and scans its
 * files with the environment-variable classifier (env-vars.ts: secretlint's recommended preset,
 * our own patterns, the placeholder recognisers). Only the entry's sanitised path, the line, the
 * detector and a salted fingerprint of the matched text are kept: never the text, never a file.
 *
 * A package is hostile input (anyone who may update one function can upload any zip), so:
 * - The download streams to a file in a private temp dir (removed in every case), stopped once it
 *   passes `maxPackageBytes` (and refused up front when Content-Length says so). Lambda's own
 *   limits: 50 MiB zipped for a direct upload, 250 MiB unzipped for the function and its layers.
 * - yauzl (MIT) reads the central directory first, without inflating anything: more than
 *   `maxEntries` entries, a declared unpacked total over `maxUnpackedBytes`, or one entry that
 *   inflates more than `maxRatio` times (above `ratioMinBytes`: a zip bomb) stops the scan before a
 *   byte is inflated. While inflating, the real bytes are counted again (yauzl also checks each
 *   entry against its declared size), so lying headers stop it too.
 * - Nothing is extracted: each entry is inflated into memory, at most `maxFileBytes`, scanned and
 *   dropped, so an entry named `../../etc/passwd` or `/etc/passwd` is never a path on this
 *   machine; it is counted (`unsafePaths`) and scanned under its sanitised name.
 * - Files over `maxFileBytes` and binaries (by extension, or a NUL byte) are counted, not scanned.
 * A package that breaks a cap, or cannot be read, is a failed read with the reason (the checks
 * answer unknown), never a half-scanned package reported as clean.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import yauzl from 'yauzl';
import { compareText } from '../inventory/order.js';
import type { AwsErrorInfo, CodeScan, CodeSecret, ErrorClass, Fetched } from '../inventory/schema.js';
import { classifyValue, fingerprint, type LintHit, SECRETLINT_ANCHOR, secretlintRanges } from './env-vars.js';

const MiB = 1024 * 1024;

export interface CodeScanLimits {
  /** The zipped package, as downloaded. */
  maxPackageBytes: number;
  /** The sum of the entries' unpacked sizes, declared and inflated. */
  maxUnpackedBytes: number;
  maxEntries: number;
  /** A file larger than this is counted, not scanned. */
  maxFileBytes: number;
  /** An entry inflating more than this many times its compressed size… */
  maxRatio: number;
  /** …and to more than this many bytes is a compression bomb. */
  ratioMinBytes: number;
  /** One download, start to end. */
  downloadTimeoutMs: number;
  /** Attempts per download: a 5xx, a reset or a refused connection is tried again (S3's advice). */
  downloadAttempts: number;
  /** Before attempt n + 1: n × this, in ms. */
  retryDelayMs: number;
}

export const DEFAULT_CODE_SCAN_LIMITS: CodeScanLimits = {
  maxPackageBytes: 250 * MiB,
  maxUnpackedBytes: 512 * MiB,
  maxEntries: 20_000,
  maxFileBytes: 1 * MiB,
  maxRatio: 200,
  ratioMinBytes: 1 * MiB,
  downloadTimeoutMs: 120_000,
  downloadAttempts: 3,
  retryDelayMs: 500,
};

/** Downloads in flight at once per region (see lambda.ts); they are S3 traffic, not Lambda's quota. */
export const DOWNLOAD_CONCURRENCY = 4;

/** What breaking a cap or a broken archive is recorded as (the `code` of the failed read). */
export type CodeScanErrorCode =
  | 'PackageTooLarge'
  | 'UnpackedTooLarge'
  | 'TooManyEntries'
  | 'CompressionBomb'
  | 'CorruptArchive'
  | 'DownloadFailed'
  | 'SecretScanFailed';

class CodeScanError extends Error {
  override name = 'CodeScanError';
  readonly code: CodeScanErrorCode;
  readonly errorClass: ErrorClass;
  /** Worth another attempt (see downloadWithRetry). */
  readonly retry: boolean;
  constructor(code: CodeScanErrorCode, message: string, errorClass: ErrorClass = 'other', retry = false) {
    super(message);
    this.code = code;
    this.errorClass = errorClass;
    this.retry = retry;
  }
}

export interface ScanTarget {
  /** For the failed read: the call whose location this was (GetFunction, GetLayerVersion). */
  operation: string;
  region: string;
}

/**
 * Downloads and scans one package. Every failure becomes a failed read; the presigned URL is never
 * put into an error (its query string is a credential for the object).
 */
export async function scanPackageAt(
  url: string,
  salt: Buffer,
  target: ScanTarget,
  limits: CodeScanLimits = DEFAULT_CODE_SCAN_LIMITS,
): Promise<Fetched<CodeScan>> {
  let dir: string | null = null;
  try {
    dir = await mkdtemp(join(tmpdir(), 'lambda-posture-code-'));
    const file = join(dir, 'package.zip');
    const bytes = await downloadWithRetry(url, file, limits);
    const zip = await open((cb) => yauzl.open(file, ZIP_OPTIONS, cb));
    try {
      return { ok: true, value: await scanZip(zip, bytes, salt, limits) };
    } finally {
      zip.close();
    }
  } catch (err) {
    return { ok: false, error: toError(err, target) };
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}

/** Scans a zip held in memory (tests; the collector always goes through a temp file). */
export async function scanZipBuffer(
  buffer: Buffer,
  salt: Buffer,
  target: ScanTarget,
  limits: CodeScanLimits = DEFAULT_CODE_SCAN_LIMITS,
): Promise<Fetched<CodeScan>> {
  try {
    if (buffer.length > limits.maxPackageBytes) throw tooLarge(limits);
    const zip = await open((cb) => yauzl.fromBuffer(buffer, ZIP_OPTIONS, cb));
    try {
      return { ok: true, value: await scanZip(zip, buffer.length, salt, limits) };
    } finally {
      zip.close();
    }
  } catch (err) {
    return { ok: false, error: toError(err, target) };
  }
}

const ZIP_OPTIONS: yauzl.Options = {
  lazyEntries: true,
  autoClose: false,
  // Names are decoded and sanitised here: yauzl's own validation rejects a `../` name by failing
  // the whole archive, and such an entry is worth scanning (it is never written anywhere).
  decodeStrings: false,
  validateEntrySizes: true,
  strictFileNames: false,
};

function open(start: (cb: (err: Error | null, zip: yauzl.ZipFile) => void) => void): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    start((err, zip) => {
      if (err || !zip)
        reject(new CodeScanError('CorruptArchive', `not a readable zip archive (${safeText(err)})`));
      else resolve(zip);
    });
  });
}

const tooLarge = (limits: CodeScanLimits) =>
  new CodeScanError(
    'PackageTooLarge',
    `the package is larger than the ${mib(limits.maxPackageBytes)} download cap`,
  );

/** Transient: a 5xx (S3's 500/503 SlowDown), or the connection failed or broke off. */
const transient = (err: unknown) =>
  err instanceof CodeScanError && err.code === 'DownloadFailed' && err.errorClass === 'other' && err.retry;

async function downloadWithRetry(url: string, file: string, limits: CodeScanLimits): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await download(url, file, limits);
    } catch (err) {
      if (attempt >= limits.downloadAttempts || !transient(err)) throw err;
      await new Promise((ok) => setTimeout(ok, attempt * limits.retryDelayMs));
    }
  }
}

async function download(url: string, file: string, limits: CodeScanLimits): Promise<number> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(limits.downloadTimeoutMs) });
  } catch (err) {
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    throw new CodeScanError(
      'DownloadFailed',
      timedOut
        ? `the download did not finish within ${limits.downloadTimeoutMs / 1000} s`
        : 'the package could not be downloaded (connection failed)',
      timedOut ? 'timed-out' : 'other',
      !timedOut,
    );
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => {});
    // An expired or refused presigned URL answers 403.
    throw new CodeScanError(
      'DownloadFailed',
      `the package download answered HTTP ${res.status}`,
      res.status === 403 ? 'access-denied' : res.status === 404 ? 'not-found' : 'other',
      res.status >= 500,
    );
  }
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limits.maxPackageBytes) {
    await res.body.cancel().catch(() => {});
    throw tooLarge(limits);
  }
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > limits.maxPackageBytes) done(tooLarge(limits));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(res.body as WebReadableStream<Uint8Array>),
      count,
      createWriteStream(file, { mode: 0o600 }),
    );
  } catch (err) {
    if (err instanceof CodeScanError) throw err;
    throw new CodeScanError(
      'DownloadFailed',
      'the download broke off before the end of the package',
      'other',
      true,
    );
  }
  return bytes;
}

interface Found {
  secrets: CodeSecret[];
  placeholders: number;
}

async function scanZip(
  zip: yauzl.ZipFile,
  packageBytes: number,
  salt: Buffer,
  limits: CodeScanLimits,
): Promise<CodeScan> {
  if (zip.entryCount > limits.maxEntries) {
    throw new CodeScanError(
      'TooManyEntries',
      `the package has ${zip.entryCount} entries, over the cap of ${limits.maxEntries}`,
    );
  }
  // Pass 1: the central directory only, nothing inflated.
  const entries = await listEntries(zip, limits);
  const out: CodeScan = {
    packageBytes,
    entries: entries.length,
    filesScanned: 0,
    skippedBinary: 0,
    skippedLarge: 0,
    unsafePaths: 0,
    placeholders: 0,
    secrets: [],
  };
  const batch = new LintBatch(salt);
  let inflated = 0;
  // Pass 2: each file inflated into memory, scanned in batches, dropped.
  for (const entry of entries) {
    const raw = rawName(entry);
    if (raw.endsWith('/')) continue;
    const { path, unsafe } = sanitizePath(raw);
    if (unsafe) out.unsafePaths += 1;
    if (BINARY_EXT.test(path)) {
      out.skippedBinary += 1;
      continue;
    }
    if (entry.uncompressedSize > limits.maxFileBytes) {
      out.skippedLarge += 1;
      continue;
    }
    const data = await inflate(zip, entry, limits, () => inflated);
    inflated += data.length;
    if (inflated > limits.maxUnpackedBytes) throw unpackedTooLarge(limits);
    if (data.subarray(0, 8192).includes(0)) {
      out.skippedBinary += 1;
      continue;
    }
    out.filesScanned += 1;
    await batch.add(path, data.toString('utf8'));
  }
  const found = await batch.finish();
  out.placeholders = found.placeholders;
  out.secrets = found.secrets;
  return out;
}

const unpackedTooLarge = (limits: CodeScanLimits) =>
  new CodeScanError(
    'UnpackedTooLarge',
    `the package unpacks to more than the ${mib(limits.maxUnpackedBytes)} cap`,
  );

function listEntries(zip: yauzl.ZipFile, limits: CodeScanLimits): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    let declared = 0;
    let stopped = false;
    const stop = (err: Error) => {
      if (stopped) return;
      stopped = true;
      reject(err);
    };
    zip.on('entry', (entry: yauzl.Entry) => {
      if (stopped) return;
      entries.push(entry);
      declared += entry.uncompressedSize;
      if (entries.length > limits.maxEntries) {
        stop(new CodeScanError('TooManyEntries', `the package has more than ${limits.maxEntries} entries`));
        return;
      }
      if (declared > limits.maxUnpackedBytes) {
        stop(unpackedTooLarge(limits));
        return;
      }
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > limits.ratioMinBytes && ratio > limits.maxRatio) {
        stop(
          new CodeScanError(
            'CompressionBomb',
            `an entry inflates ${Math.round(ratio)} times (${mib(entry.uncompressedSize)} from ${entry.compressedSize} bytes), over the ratio cap of ${limits.maxRatio}: a compression bomb`,
          ),
        );
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => {
      if (!stopped) resolve(entries);
    });
    zip.on('error', (err: unknown) =>
      stop(new CodeScanError('CorruptArchive', `the zip archive is malformed (${safeText(err)})`)),
    );
    zip.readEntry();
  });
}

function inflate(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  limits: CodeScanLimits,
  inflatedSoFar: () => number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) {
        reject(new CodeScanError('CorruptArchive', `an entry cannot be read (${safeText(err)})`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // yauzl stops an entry that inflates past its declared size; this is the second fence.
        if (size > limits.maxFileBytes || inflatedSoFar() + size > limits.maxUnpackedBytes) {
          stream.destroy(unpackedTooLarge(limits));
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', (e: unknown) =>
        reject(
          e instanceof CodeScanError
            ? e
            : new CodeScanError('CorruptArchive', `an entry is corrupt (${safeText(e)})`),
        ),
      );
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

function rawName(entry: yauzl.Entry): string {
  const raw = entry.fileNameRaw ?? (entry.fileName as unknown as Buffer);
  if (typeof raw === 'string') return raw;
  // Bit 11: the name is UTF-8; otherwise CP437, read as Latin-1 (the ASCII part is what matters).
  return raw.toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? 'utf8' : 'latin1');
}

/**
 * The entry's name as a reader may see it: backslashes as separators, control characters removed,
 * `.`/`..`/empty segments and a drive or root dropped, at most 300 characters. `unsafe`: the name
 * was absolute or climbed out of the package.
 */
export function sanitizePath(raw: string): { path: string; unsafe: boolean } {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const cleaned = raw.replace(/[\u0000-\u001f\u007f]/g, '').replace(/\\/g, '/');
  const segments = cleaned.split('/');
  const unsafe = /^(?:\/|[A-Za-z]:)/.test(cleaned) || segments.includes('..');
  const kept = segments.filter(
    (s, i) => s !== '' && s !== '.' && s !== '..' && !(i === 0 && /^[A-Za-z]:$/.test(s)),
  );
  const path = kept.join('/').slice(0, 300);
  return { path: path === '' ? '(unnamed)' : path, unsafe };
}

/** Files a secret scan cannot read: compiled code, archives, media, fonts, models. */
const BINARY_EXT =
  /\.(?:so(?:\.\d+)*|node|dll|dylib|exe|bin|o|a|pyc|pyo|pyd|class|jar|war|ear|zip|gz|tgz|bz2|xz|zst|7z|whl|egg|png|jpe?g|gif|ico|webp|bmp|tiff?|pdf|woff2?|ttf|otf|eot|mp[34]|wav|wasm|br|sqlite3?|db|parquet|onnx|pt|pb|h5)$/i;

/** `.env`, `.env.production`, `prod.env`: KEY=value files, where a secret-sounding name is telling. */
const DOTENV = /(?:^|\/)(?:\.env(?:\.[^/]*)?|[^/]+\.env)$/i;
/** A template of one: its values are examples by design, so only a value's own shape counts there. */
const TEMPLATE = /(?:example|sample|template|dist|tmpl|defaults?)(?:\.[^/.]*)?$/i;

/** `KEY=value` lines of a dotenv file (quoted or not). */
const DOTENV_LINE =
  /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*(["'`]?)([^\r\n]*?)\2[ \t]*(?:#[^\r\n]*)?$/gm;
/** `name = "value"`, `name: 'value'`, `"name": "value"` in code and config files. */
const ASSIGNMENT = /([A-Za-z_$][\w$.-]{0,100})["'`]?[ \t]*(?:=|:|=>|:=)[ \t]*(["'`])([^"'`\r\n]{8,2048})\2/g;
/** The name an assignment gives the value a secretlint hit starts at. */
const NAME_BEFORE = /([A-Za-z_$][\w$.-]{0,100})["'`]?[ \t]*(?:=|:|=>|:=)[ \t]*["'`]?$/;

/** Text handed to secretlint per call: few calls (its per-call cost grows with the calls made). */
const LINT_BATCH_CHARS = 1 * MiB;

interface PendingFile {
  path: string;
  text: string;
}

/**
 * Files queue up until LINT_BATCH_CHARS of them carry a secretlint anchor; then one secretlint
 * call covers them all (joined by newlines, each hit mapped back by its offset), and our own
 * detectors run on each file's assignments. A file that only secretlint's file-name-aware rules
 * read right (.npmrc; a JSON service account key) is linted alone under its own name.
 */
class LintBatch {
  private pending: PendingFile[] = [];
  private chars = 0;
  private readonly found: Found = { secrets: [], placeholders: 0 };
  private readonly seen = new Set<string>();
  private readonly salt: Buffer;

  constructor(salt: Buffer) {
    this.salt = salt;
  }

  async add(path: string, text: string): Promise<void> {
    if (!SECRETLINT_ANCHOR.test(text) && !/private_key|_authToken/.test(text)) {
      this.ownDetectors(path, text, new Set());
      return;
    }
    if (/(?:^|\/)\.npmrc$|\.json$/i.test(path)) {
      await this.lint([{ path, text }], path);
      return;
    }
    this.pending.push({ path, text });
    this.chars += text.length + 1;
    if (this.chars >= LINT_BATCH_CHARS) await this.flush();
  }

  async finish(): Promise<Found> {
    await this.flush();
    this.found.secrets.sort(
      (a, b) => compareText(a.path, b.path) || a.line - b.line || compareText(a.detector, b.detector),
    );
    return this.found;
  }

  private async flush(): Promise<void> {
    const files = this.pending;
    this.pending = [];
    this.chars = 0;
    if (files.length > 0) await this.lint(files, 'lambda-package.txt');
  }

  private async lint(files: PendingFile[], filePath: string): Promise<void> {
    const starts: number[] = [];
    let content = '';
    for (const f of files) {
      starts.push(content.length);
      content += `${f.text}\n`;
    }
    let hits: ReadonlyArray<LintHit & { start: number; end: number }>;
    try {
      hits = await secretlintRanges(content, filePath);
    } catch {
      // Dropped whole: its message could quote the scanned text.
      throw new CodeScanError('SecretScanFailed', 'secretlint failed on the package; it was not scanned');
    }
    const linesHit = files.map(() => new Set<number>());
    for (const hit of hits) {
      const i = lastAtOrBefore(starts, hit.start);
      const file = files[i];
      const base = starts[i] ?? 0;
      if (!file) continue;
      const start = hit.start - base;
      const end = Math.min(hit.end - base, file.text.length);
      if (end <= start) continue;
      const value = file.text.slice(start, end);
      const lineStart = file.text.lastIndexOf('\n', start - 1) + 1;
      const name = NAME_BEFORE.exec(file.text.slice(Math.max(lineStart, start - 200), start))?.[1] ?? '';
      const line = lineOf(file.text, start);
      linesHit[i]?.add(line);
      const lint: LintHit =
        hit.messageId === undefined
          ? { ruleId: hit.ruleId }
          : { ruleId: hit.ruleId, messageId: hit.messageId };
      this.record(file.path, line, value, classifyValue(name, value, lint), true);
    }
    for (const [i, f] of files.entries()) this.ownDetectors(f.path, f.text, linesHit[i] ?? new Set());
  }

  /** Our own patterns, PEM headers and (in dotenv files) secret-sounding names, on assignments. */
  private ownDetectors(path: string, text: string, linesHit: ReadonlySet<number>): void {
    const dotenv = DOTENV.test(path);
    const byName = dotenv && !TEMPLATE.test(path);
    const re = new RegExp(dotenv ? DOTENV_LINE : ASSIGNMENT);
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex += 1;
        continue;
      }
      const name = m[1] ?? '';
      const value = m[3] ?? '';
      if (value.length === 0) continue;
      const line = lineOf(text, m.index);
      if (linesHit.has(line)) continue;
      this.record(path, line, value, classifyValue(name, value), byName);
    }
  }

  private record(
    path: string,
    line: number,
    value: string,
    verdict: ReturnType<typeof classifyValue>,
    nameCounts: boolean,
  ): void {
    if (verdict.type === 'clean') {
      if (verdict.clean.reason === 'placeholder') this.found.placeholders += 1;
      return;
    }
    if (verdict.type !== 'secret') return;
    const s = verdict.secret;
    if (s.confidence === 'name-only' && !nameCounts) return;
    const key = `${path}\u0000${line}\u0000${s.detector}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.found.secrets.push({
      path,
      line,
      detector: s.detector,
      confidence: s.confidence,
      ...(s.kind ? { kind: s.kind } : {}),
      fingerprint: fingerprint(this.salt, value),
    });
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

function lastAtOrBefore(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let hit = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] ?? Number.POSITIVE_INFINITY) <= offset) {
      hit = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return hit;
}

const mib = (n: number) => `${Math.round((n / MiB) * 10) / 10} MiB`;

/** An error's message, cut short and without anything URL-like (never the presigned URL). */
function safeText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\S*:\/\/\S*/g, '<url>').slice(0, 120);
}

function toError(err: unknown, target: ScanTarget): AwsErrorInfo {
  if (err instanceof CodeScanError) {
    return {
      class: err.errorClass,
      code: err.code,
      message: err.message,
      service: 'lambda',
      operation: `${target.operation} code download`,
      region: target.region,
    };
  }
  return {
    class: 'other',
    code: 'CodeScanFailed',
    message: `the package could not be scanned (${safeText(err)})`,
    service: 'lambda',
    operation: `${target.operation} code download`,
    region: target.region,
  };
}
