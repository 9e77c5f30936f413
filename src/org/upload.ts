/**
 * --upload of an organization's roll-up: under s3://BUCKET/PREFIX/organization/<scan start>/ and
 * …/organization/latest/, beside the accounts' own …/<account id>/ folders that each account's
 * scan uploads, so one prefix holds the whole organization. A sharded scan's parts are not
 * uploaded (merge uploads the roll-up they make).
 */
import { parseUploadTarget, type UploadTarget, uploadReports } from '../aws/upload.js';
import type { Rollup } from '../report/rollup/schema.js';

export const ROLLUP_UPLOAD_FOLDER = 'organization';

export function uploadTarget(uri: string, kmsKeyId?: string): UploadTarget {
  return parseUploadTarget(uri, kmsKeyId);
}

export async function uploadRollup(
  target: UploadTarget,
  files: readonly string[],
  rollup: Rollup,
  opts: {
    log: (line: string) => void;
    signal?: AbortSignal;
    profile?: string;
    endpointUrl?: string;
    maxAttempts?: number;
    connectTimeoutMs?: number;
    requestTimeoutMs?: number;
  },
): Promise<void> {
  await uploadReports(target, files, {
    accountId: ROLLUP_UPLOAD_FOLDER,
    startedAt: rollup.startedAt,
    maxAttempts: opts.maxAttempts ?? 8,
    log: opts.log,
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}),
    ...(opts.connectTimeoutMs !== undefined ? { connectTimeoutMs: opts.connectTimeoutMs } : {}),
    ...(opts.requestTimeoutMs !== undefined ? { requestTimeoutMs: opts.requestTimeoutMs } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}
