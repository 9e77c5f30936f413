/**
 * How a run ends, as an exit code a shell, CI or a container scheduler can act on, and how a
 * failure reads: one line on stderr naming the thing and the next step, a usage hint for usage
 * errors, a stack trace only with --debug. Codes tell "fix the setup, do not retry" (2, 4, 6, 7)
 * from "transient, retry later" (5), and findings (1, 3) from failures of the tool.
 */
import { CheckSelectionError } from '../engine/select.js';

export const EXIT = {
  /** Nothing failed at or above --fail-on and every read succeeded. */
  ok: 0,
  /** Failing results at or above --fail-on. */
  findings: 1,
  /** Bad flags, an unknown check, command or region. */
  usage: 2,
  /** No failure at the threshold, but results are unknown (reads failed, or the scan timed out). */
  incomplete: 3,
  /** No, rejected or expired credentials, or missing permission for a read the scan needs to start. */
  credentials: 4,
  /** The endpoint cannot be reached or does not answer, or AWS (S3 for --upload) failed: transient, retry later. */
  network: 5,
  /**
   * The reports or the inventory cannot be written (the collected inventory is kept: see the
   * message), or --upload was refused (denied, no such bucket): the reports are in --out.
   */
  output: 6,
  /**
   * The inventory given to `evaluate` cannot be read, or is not a lambda-posture inventory; or the
   * shard roll-ups given to `merge` cannot be read or are not the parts of one scan.
   */
  inventory: 7,
  /** A bug: an error the tool did not expect. */
  internal: 70,
  interruptedByUser: 130,
  terminated: 143,
} as const;

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Failure kinds of errors raised below the CLI, by error name and (for collection) kind. */
const BY_COLLECT_KIND: Record<string, number> = {
  usage: EXIT.usage,
  credentials: EXIT.credentials,
  network: EXIT.network,
  aws: EXIT.network,
};

export interface Failure {
  code: number;
  /** The lines to print on stderr, without the program-name prefix of the first. */
  lines: string[];
}

/** The exit code and message of an error that ended the run. */
export function describeFailure(err: unknown, debug: boolean): Failure {
  const e = err instanceof Error ? err : new Error(String(err));
  const usageHint = "run 'lambda-posture --help' (or 'lambda-posture <command> --help') for usage";
  const withStack = (lines: string[]) => (debug && e.stack ? [...lines, e.stack] : lines);
  if (
    e.name === 'UsageError' ||
    e.name === 'YError' ||
    e.name === 'SuppressionsError' ||
    e instanceof CheckSelectionError
  ) {
    return { code: EXIT.usage, lines: withStack([...e.message.split('\n'), usageHint]) };
  }
  if (e.name === 'CollectError') {
    const kind = (e as { kind?: string }).kind ?? 'aws';
    const code = BY_COLLECT_KIND[kind] ?? EXIT.network;
    return { code, lines: withStack(code === EXIT.usage ? [e.message, usageHint] : [e.message]) };
  }
  if (e.name === 'OutputError' || e.name === 'FingerprintKeyError') {
    return { code: EXIT.output, lines: withStack([e.message]) };
  }
  if (e.name === 'UploadError') {
    // The reports are on disk; whether a retry can help is the failure's own verdict.
    const transient = (e as { transient?: boolean }).transient === true;
    return { code: transient ? EXIT.network : EXIT.output, lines: withStack([e.message]) };
  }
  if (e.name === 'RollupMergeError') return { code: EXIT.inventory, lines: withStack([e.message]) };
  if (e.name === 'InventoryFileError') return { code: EXIT.inventory, lines: withStack([e.message]) };
  // Not ours: its message could quote anything, so it is kept to one line; --debug shows all.
  return {
    code: EXIT.internal,
    lines: withStack([
      `unexpected error (${e.name}): ${e.message.split('\n')[0]}`,
      'this is a bug in lambda-posture: rerun with --debug for the stack trace, and please report it',
    ]),
  };
}
