/**
 * S3, only as far as Lambda uses it for downloads: the presigned URLs GetFunction
 * (`Code.Location`) and GetLayerVersion (`Content.Location`) answer point here, in the shape of
 * real ones (SigV4 query authentication, 10 minutes), and a GET of one serves the package as a zip
 * built from the model (facts/lambda-code.ts). The request is routed by its X-Amz-Credential
 * scope (service s3), like every other request. An unknown key answers S3's NoSuchKey.
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
  if (req.method !== 'GET') return null;
  const [bucket, ...rest] = req.path.split('/').filter(Boolean).map(decodeURIComponent);
  const key = rest.join('/');
  return {
    action: 'GetObject',
    resource: `arn:aws:s3:::${bucket}/${key}`,
    handle: () => serve(req, st, bucket ?? '', key),
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
