/**
 * The session's defaults, apart from the SDK (importing the clients costs ~1 s, which `checks`
 * and `evaluate` should not pay just to print `--help`).
 */

/** Longest wait for a TCP/TLS connection, per attempt. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Longest wait for an answer to start, and longest silence within one, per attempt. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/**
 * Attempts for the identity call. It comes first and alone, so an endpoint that never answers
 * should fail the run after a few timeouts, not after --max-attempts of them.
 */
export const IDENTITY_MAX_ATTEMPTS = 3;

/** --role-arn: the role ARNs STS takes (any partition, with a path). */
export const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
/** --role-session-name: STS's RoleSessionName pattern. */
export const ROLE_SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
/** --external-id: STS's ExternalId pattern. */
export const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
/** --role-duration: STS's DurationSeconds range (a role's MaxSessionDuration may be lower). */
export const ROLE_DURATION_S = { min: 900, max: 43_200, default: 3_600 } as const;
export const DEFAULT_ROLE_SESSION_NAME = 'lambda-posture';
