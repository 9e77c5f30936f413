/**
 * --role-arn: the scan runs as a role assumed from the caller's own credentials (the default
 * chain, or --profile) — how a security account audits a member account. One AssumeRole serves
 * every client of the session: the SDK memoizes credentials per client, so the provider the
 * clients share is itself a shared cache, which assumes the role again REFRESH_BEFORE_MS before
 * the session expires — a scan longer than the role's session (an hour by default) never runs
 * into expired credentials half-way, and never holds more than one AssumeRole in flight.
 */
import { AssumeRoleCommand, type AssumeRoleCommandOutput } from '@aws-sdk/client-sts';
import { errorCode, isRetryableError } from './errors.js';

export interface AssumeRoleSettings {
  roleArn: string;
  /** RoleSessionName: what CloudTrail shows in the member account as who read it. */
  sessionName: string;
  externalId?: string;
  /** 900 s to 12 h; more than the role's MaxSessionDuration is refused by STS. */
  durationSeconds: number;
}

/** What the SDK takes as credentials (its AwsCredentialIdentity), kept local to this module. */
export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export const REFRESH_BEFORE_MS = 5 * 60_000;

/**
 * The role could not be assumed. Named and shaped like collection's CollectError (kind
 * credentials), which the CLI turns into exit 4, without this layer importing collection.
 */
export class AssumeRoleError extends Error {
  override name = 'CollectError';
  readonly kind = 'credentials' as const;
}

type Send = (command: AssumeRoleCommand) => Promise<AssumeRoleCommandOutput>;

export function assumedRoleCredentials(
  settings: AssumeRoleSettings,
  send: Send,
  now: () => number = Date.now,
): () => Promise<TemporaryCredentials> {
  let current: { pending: Promise<TemporaryCredentials>; expiresAt: number | null } | undefined;
  return () => {
    const stale = current?.expiresAt != null && now() >= current.expiresAt - REFRESH_BEFORE_MS;
    if (!current || stale) {
      const entry: NonNullable<typeof current> = { pending: assume(settings, send), expiresAt: null };
      current = entry;
      entry.pending.then(
        (c) => {
          entry.expiresAt = c.expiration?.getTime() ?? Number.POSITIVE_INFINITY;
        },
        () => {
          // A failed attempt is not cached: the next request asks STS again.
          if (current === entry) current = undefined;
        },
      );
    }
    return current.pending;
  };
}

async function assume(settings: AssumeRoleSettings, send: Send): Promise<TemporaryCredentials> {
  let out: AssumeRoleCommandOutput;
  try {
    out = await send(
      new AssumeRoleCommand({
        RoleArn: settings.roleArn,
        RoleSessionName: settings.sessionName,
        DurationSeconds: settings.durationSeconds,
        ...(settings.externalId !== undefined ? { ExternalId: settings.externalId } : {}),
      }),
    );
  } catch (err) {
    throw assumeFailure(err, settings);
  }
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) {
    throw new AssumeRoleError(`could not assume ${settings.roleArn}: STS returned no credentials`);
  }
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
    ...(c.Expiration ? { expiration: c.Expiration } : {}),
  };
}

function assumeFailure(err: unknown, s: AssumeRoleSettings): unknown {
  const code = errorCode(err);
  // The caller's own credentials are missing, the scan was stopped, or the failure is one the SDK
  // retries (throttling, 5xx, timeouts, the network): the identity step explains those best.
  if (code === 'CredentialsProviderError' || code === 'AbortError' || isRetryableError(err)) return err;
  if (code === 'AccessDenied' || code === 'AccessDeniedException') {
    return new AssumeRoleError(
      `could not assume ${s.roleArn} (AccessDenied): the role does not exist, or its trust policy does not let these credentials call sts:AssumeRole` +
        (s.externalId !== undefined
          ? ' with this --external-id'
          : ' (if it requires sts:ExternalId, give --external-id)'),
      { cause: err },
    );
  }
  if (code === 'ValidationError' && /duration/i.test(String((err as { message?: unknown }).message))) {
    return new AssumeRoleError(
      `could not assume ${s.roleArn}: --role-duration ${s.durationSeconds}s is longer than the role's maximum session duration`,
      { cause: err },
    );
  }
  if (code === 'RegionDisabledException') {
    return new AssumeRoleError(
      `could not assume ${s.roleArn}: STS is not activated in this region for the account (RegionDisabledException); use another home region (AWS_REGION)`,
      { cause: err },
    );
  }
  return new AssumeRoleError(`could not assume ${s.roleArn} (${code})`, { cause: err });
}
