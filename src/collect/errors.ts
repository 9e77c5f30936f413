/**
 * Failures that stop a scan before it can read anything: no or bad credentials, an endpoint that
 * cannot be reached or never answers, a --regions list the account does not know. Each is a
 * `CollectError` with a kind and a one-line message that names the thing (profile, credential
 * sources, endpoint, region) and the next step; the CLI prints it as it is. Reads that fail once
 * the scan is under way are not errors: they are recorded in the inventory as coverage gaps.
 */
import { AssumeRoleError } from '../aws/assume-role.js';
import { errorCode } from '../aws/errors.js';

export type CollectFailureKind = 'credentials' | 'network' | 'usage' | 'aws';

export class CollectError extends Error {
  override name = 'CollectError';
  readonly kind: CollectFailureKind;

  constructor(kind: CollectFailureKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}

/** What the identity call was made with, for the message. Never a credential value. */
export interface IdentityContext {
  /** --profile, else AWS_PROFILE. */
  profile?: string;
  /** --endpoint-url, else AWS_ENDPOINT_URL. */
  endpoint?: string;
  /** The region STS was called in, when known. */
  region?: string;
  requestTimeoutMs: number;
  attempts: number;
  /** True when AWS_ACCESS_KEY_ID is set (the SDK's chain takes it first, unless a profile is named). */
  envCredentials: boolean;
}

const REJECTED: Record<string, string> = {
  InvalidClientTokenId: 'the access key id does not exist (deleted, or from another partition)',
  UnrecognizedClientException: 'the access key id does not exist (deleted, or from another partition)',
  SignatureDoesNotMatch: 'the secret access key does not match the access key id',
  IncompleteSignature: 'the request signature is incomplete (a malformed key or session token)',
  InvalidToken: 'the session token is malformed',
};
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'nothing is listening there',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (DNS lookup failed)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it presents a self-signed TLS certificate',
};

/** The one-line explanation of a failed sts:GetCallerIdentity, as a CollectError. */
export function identityFailure(err: unknown, ctx: IdentityContext): CollectError {
  // --role-arn: the role could not be assumed; assume-role.ts already says why.
  if (err instanceof AssumeRoleError) return new CollectError('credentials', err.message, { cause: err });
  const e = (err ?? {}) as { name?: unknown; code?: unknown; message?: unknown };
  const name = typeof e.name === 'string' ? e.name : '';
  const code = typeof e.code === 'string' ? e.code : errorCode(err);
  const source = credentialSource(ctx);
  const endpoint = ctx.endpoint ?? `the STS endpoint${ctx.region ? ` of ${ctx.region}` : ''}`;

  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(String(e.message))) {
    if (ctx.profile) {
      return new CollectError(
        'credentials',
        `could not load the credentials of AWS profile "${ctx.profile}": check that it exists in the shared config or ` +
          `credentials file (aws configure list-profiles; AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE), and for an SSO ` +
          `profile run aws sso login --profile ${ctx.profile}`,
        { cause: err },
      );
    }
    return new CollectError(
      'credentials',
      'no AWS credentials found: tried environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), the shared ' +
        'config and credentials files (profile "default"), SSO, web identity (AWS_WEB_IDENTITY_TOKEN_FILE), and the ' +
        'container and EC2 instance metadata endpoints; export credentials, or name a profile with --profile or AWS_PROFILE',
      { cause: err },
    );
  }
  const rejected = REJECTED[code];
  if (rejected) {
    return new CollectError(
      'credentials',
      `the AWS credentials ${source} were rejected (${code}): ${rejected}; check them, or use other credentials`,
      { cause: err },
    );
  }
  if (EXPIRED.has(code)) {
    return new CollectError(
      'credentials',
      `the AWS credentials ${source} have expired (${code}): refresh them (aws sso login, or new session credentials) and scan again`,
      { cause: err },
    );
  }
  if (name === 'ScanTimeoutError') {
    return new CollectError(
      'network',
      `the scan reached its --timeout before ${endpoint} answered the identity call (sts:GetCallerIdentity)`,
      { cause: err },
    );
  }
  if (name === 'TimeoutError' || code === 'TimeoutError' || code === 'ETIMEDOUT') {
    return new CollectError(
      'network',
      `${endpoint} did not answer: ${ctx.attempts} attempt(s) each timed out after ${seconds(ctx.requestTimeoutMs)} ` +
        '(--connect-timeout, --request-timeout); check the endpoint, a proxy (HTTPS_PROXY) or the network',
      { cause: err },
    );
  }
  const unreachable = UNREACHABLE[code];
  if (unreachable) {
    return new CollectError(
      'network',
      `cannot reach ${endpoint} (${code}: ${unreachable}); check --endpoint-url or AWS_ENDPOINT_URL, the network and any proxy`,
      { cause: err },
    );
  }
  return new CollectError(
    'aws',
    `could not identify the account: sts:GetCallerIdentity failed (${code || 'unknown error'}) at ${endpoint}`,
    { cause: err },
  );
}

/** Where the SDK's default chain took the credentials from: a named profile wins over the environment. */
function credentialSource(ctx: IdentityContext): string {
  if (ctx.profile) return `of profile "${ctx.profile}"`;
  if (ctx.envCredentials) return 'from the environment (AWS_ACCESS_KEY_ID)';
  return 'from the default credential chain';
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
