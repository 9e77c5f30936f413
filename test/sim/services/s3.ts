/**
 * S3, only as far as Lambda uses it for downloads: the presigned URLs GetFunction
 * (`Code.Location`) and GetLayerVersion (`Content.Location`) answer point here, in the shape of
 * real ones (SigV4 query authentication, 10 minutes), and a GET of one serves the package as a zip
 * built from the model (facts/lambda-code.ts). The request is routed by its X-Amz-Credential
 * scope (service s3), like every other request. An unknown key answers S3's NoSuchKey. PUT
 * stores an object (the reports `--upload` sends; see put()).
 */
import { createHash } from 'node:crypto';
import type { SimPackage } from '../account.js';
import { layerPackageOf, packageOf } from '../facts/lambda-code.js';
import type { Route, SimReply, SimRequest } from '../protocol.js';
import type { SimState } from '../state.js';
import { buildZip, zipBomb } from '../zip.js';

/** A presigned-looking GET URL for `key` in Lambda's per-region bucket, served by this simulator. */
export function presignedUrl(req: SimRequest, kind: 'tasks' | 'layers', key: string): string {
  const bucket = `awslambda-${req.region}-${kind}`;
  const base = req.origin ? `${req.origin}/${bucket}` : `https://${bucket}.s3.${req.region}.amazonaws.com`;
  const signature = createHash('sha256').update(`${bucket}/${key}`).digest('hex');
  const query = new URLSearchParams({
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `ASIASIMULATORLAMBDA1/20250101/${req.region}/s3/aws4_request`,
    'X-Amz-Date': '20250101T000000Z',
    'X-Amz-Expires': '600',
    'X-Amz-SignedHeaders': 'host',
    'X-Amz-Signature': signature,
  });
  return `${base}/${key.split('/').map(encodeURIComponent).join('/')}?${query}`;
}

export function s3Route(req: SimRequest, st: SimState): Route | null {
  if (req.method !== 'GET' && req.method !== 'PUT') return null;
  const [bucket, ...rest] = req.path.split('/').filter(Boolean).map(decodeURIComponent);
  const key = rest.join('/');
  if (req.method === 'PUT') {
    return {
      action: 'PutObject',
      resource: `arn:aws:s3:::${bucket}/${key}`,
      handle: () => put(req, st, bucket ?? '', key),
    };
  }
  return {
    action: 'GetObject',
    resource: `arn:aws:s3:::${bucket}/${key}`,
    handle: () => serve(req, st, bucket ?? '', key),
  };
}

/**
 * PutObject, path-style (`/bucket/key`), as far as `--upload` uses it: the body is stored with its
 * content type and encryption headers; an x-amz-checksum-sha256 that does not match the body is
 * S3's BadDigest, as AWS answers it; an SSE value S3 does not know is InvalidArgument.
 */
function put(req: SimRequest, st: SimState, bucket: string, key: string): SimReply {
  const bytes = req.bytes ?? Buffer.from(req.body);
  const h = req.headers ?? {};
  const sum = h['x-amz-checksum-sha256'];
  if (sum !== undefined && createHash('sha256').update(bytes).digest('base64') !== sum)
    return s3Error(req, 400, 'BadDigest', 'The SHA256 you specified did not match the calculated checksum.');
  const sse = h['x-amz-server-side-encryption'] ?? null;
  if (sse !== null && sse !== 'AES256' && sse !== 'aws:kms' && sse !== 'aws:kms:dsse')
    return s3Error(req, 400, 'InvalidArgument', 'The encryption method specified is not supported');
  if (bucket === '' || key === '') return s3Error(req, 400, 'InvalidRequest', 'A key is required');
  // S3 encrypts every new object (SSE-S3 by default since January 2023).
  const applied = sse ?? 'AES256';
  const kmsKeyId = applied.startsWith('aws:kms')
    ? (h['x-amz-server-side-encryption-aws-kms-key-id'] ?? null)
    : null;
  st.objects.set(`${bucket}/${key}`, {
    bucket,
    key,
    bytes,
    contentType: h['content-type'] ?? null,
    serverSideEncryption: sse,
    kmsKeyId,
  });
  return {
    status: 200,
    headers: {
      etag: `"${createHash('md5').update(bytes).digest('hex')}"`,
      'x-amz-request-id': req.requestId,
      'x-amz-server-side-encryption': applied,
      ...(kmsKeyId ? { 'x-amz-server-side-encryption-aws-kms-key-id': kmsKeyId } : {}),
    },
    body: '',
  };
}

function s3Error(req: SimRequest, status: number, code: string, message: string): SimReply {
  return {
    status,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': req.requestId },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${req.requestId}</RequestId></Error>`,
  };
}

function serve(req: SimRequest, st: SimState, bucket: string, key: string): SimReply {
  const pkg = packageFor(req, st, bucket, key);
  if (!pkg) {
    return {
      status: 404,
      headers: { 'content-type': 'application/xml' },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><RequestId>${req.requestId}</RequestId></Error>`,
    };
  }
  const bytes = pkg.kind === 'bomb' ? zipBomb() : buildZip(pkg.files);
  return {
    status: 200,
    headers: { 'content-type': 'application/zip', 'x-amz-request-id': req.requestId },
    body: '',
    bytes,
  };
}

/** snapshots/<account>/<function>-<revision> (tasks) or snapshots/<layer version ARN> (layers). */
function packageFor(req: SimRequest, st: SimState, bucket: string, key: string): SimPackage | null {
  if (!key.startsWith('snapshots/')) return null;
  const rest = key.slice('snapshots/'.length);
  if (bucket === `awslambda-${req.region}-tasks`) {
    const fn = st
      .lambda(req.region)
      .data.functions.find((f) => rest === `${st.account.accountId}/${f.name}-${f.revisionId}`);
    return fn && fn.packageType === 'Zip' ? packageOf(fn) : null;
  }
  if (bucket === `awslambda-${req.region}-layers`) {
    const used = st.lambda(req.region).data.functions.some((f) => f.layers.some((l) => l.arn === rest));
    return used ? layerPackageOf(st.account, rest) : null;
  }
  return null;
}
