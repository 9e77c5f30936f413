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
