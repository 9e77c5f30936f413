/**
 * Classifying AWS errors. Collectors record every failed read with one of five classes, so a
 * report can say *why* something is unknown, and "denied" is never confused with "none".
 */
import type { AwsErrorInfo, ErrorClass } from '../inventory/schema.js';

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'Forbidden',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'SignatureDoesNotMatch',
]);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
]);
/** No answer in time: a stalled request (after every attempt), or the scan's own deadline. */
const TIMED_OUT = new Set([
  'TimeoutError',
  'ETIMEDOUT',
  'RequestTimeout',
  'RequestTimeoutException',
  'ScanTimeout',
  'ScanTimeoutError',
]);
const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'NoSuchEntity',
  'NoSuchEntityException',
  'NotFoundException',
]);
const REGION_DISABLED = new Set([
  'OptInRequired',
  'InvalidClientTokenId.RegionDisabled',
  'AuthFailure.RegionDisabled',
]);

interface ErrorLike {
  name?: unknown;
  Code?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

export function errorCode(err: unknown): string {
  const e = (err ?? {}) as ErrorLike;
  // Our own deadline error carries its code; every other error is named by the SDK or by Node.
  if (e.name === 'ScanTimeoutError') return 'ScanTimeout';
  for (const c of [e.name, e.Code, e.code]) if (typeof c === 'string' && c && c !== 'Error') return c;
  return 'UnknownError';
}

export function classifyCode(code: string, status: number | undefined, message: string): ErrorClass {
  if (THROTTLED.has(code) || status === 429) return 'throttled';
  if (TIMED_OUT.has(code)) return 'timed-out';
  if (REGION_DISABLED.has(code)) return 'region-disabled';
  // STS and IAM answer with InvalidClientTokenId in a region not enabled for the account.
  if (
    /not (?:enabled|opted in)|region.*(?:disabled|not enabled)/i.test(message) &&
    code !== 'AccessDeniedException'
  ) {
    return 'region-disabled';
  }
  if (ACCESS_DENIED.has(code) || status === 403) return 'access-denied';
  if (NOT_FOUND.has(code) || status === 404) return 'not-found';
  return 'other';
}

/**
 * True for a throttling response (HTTP 429 or a throttling error code), as seen by the limiter
 * middleware before the SDK retries it. Same codes as the 'throttled' class, so the count and the
 * classification never disagree.
 */
export function isThrottlingError(err: unknown): boolean {
  const e = (err ?? {}) as ErrorLike;
  return THROTTLED.has(errorCode(err)) || e.$metadata?.httpStatusCode === 429;
}

const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);
const TRANSIENT_CODES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * True for an error the SDK's retry strategies retry: throttling, HTTP 500/502/503/504, timeouts
 * and network failures (also when wrapped as an error's `cause`). Mirrors the SDK's own
 * classification (@smithy/core retry: isThrottlingError / isTransientError).
 */
export function isRetryableError(err: unknown, depth = 0): boolean {
  if (err === null || typeof err !== 'object') return false;
  const e = err as ErrorLike & { $retryable?: unknown; cause?: unknown };
  if (e.name === 'AbortError' || e.name === 'ScanAbortedError' || e.name === 'ScanTimeoutError') return false;
  if (isThrottlingError(err) || e.$retryable !== undefined) return true;
  if (typeof e.$metadata?.httpStatusCode === 'number' && TRANSIENT_STATUS.has(e.$metadata.httpStatusCode))
    return true;
  if ([e.name, e.code].some((c) => typeof c === 'string' && TRANSIENT_CODES.has(c))) return true;
  return depth < 10 && e.cause !== undefined && isRetryableError(e.cause, depth + 1);
}

export function classifyError(
  err: unknown,
  service: string,
  operation: string,
  region?: string,
): AwsErrorInfo {
  const e = (err ?? {}) as ErrorLike;
  const code = errorCode(err);
  const rawMessage = typeof e.message === 'string' ? e.message : '';
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const info: AwsErrorInfo = {
    class: classifyCode(code, status, rawMessage),
    code,
    message: sanitizeMessage(rawMessage),
    service,
    operation,
  };
  if (region) info.region = region;
  return info;
}

/**
 * AWS error messages can quote request data (an ARN, occasionally a parameter value). Keep them
 * short and strip anything that looks like a credential, so an error can never carry a secret
 * into a report or a log.
 */
export function sanitizeMessage(message: string): string {
  return message
    .replace(/\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|APKA)[A-Z0-9]{12,}\b/g, '[redacted-key-id]')
    .replace(/\b[A-Za-z0-9/+=]{40,}\b/g, '[redacted]')
    .replace(/[\r\n\t]+/g, ' ')
    .slice(0, 300);
}
