/**
 * Reading flag values the way a user typed them: numbers and durations are checked against the
 * raw text (so `--concurrency abc` says "got abc", not "got NaN"), lists are split on commas, and
 * a mistyped flag gets the nearest real one suggested.
 */
import ms from 'ms';
import { nearest } from '../text/nearest.js';
import { UsageError } from './failures.js';

/** Comma-separated values, possibly given as repeated flags. */
export function list(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  const items = (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).map((s) => s.trim());
  return items.filter((s) => s.length > 0);
}

/** What follows `--name` (or `--name=`) in argv, for messages about a value yargs could not read. */
export function rawValue(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === `--${name}`) return args[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

const shown = (raw: string | undefined, parsed: unknown) => JSON.stringify(raw ?? String(parsed));

/** A whole number in [1, max]. */
export function positiveInt(args: readonly string[], name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new UsageError(
      `--${name} takes a whole number from 1 to ${max}; got ${shown(rawValue(args, name), value)}`,
    );
  }
  return value;
}

/** A number in (0, max]. */
export function positiveNumber(args: readonly string[], name: string, value: number, max: number): number {
  if (!(value > 0 && value <= max)) {
    throw new UsageError(
      `--${name} takes a number above 0 and at most ${max}; got ${shown(rawValue(args, name), value)}`,
    );
  }
  return value;
}

/** Seconds (fractions allowed), as milliseconds. */
export function seconds(args: readonly string[], name: string, value: number, max: number): number {
  if (!(value > 0 && value <= max)) {
    throw new UsageError(
      `--${name} takes a number of seconds above 0 and at most ${max}; got ${shown(rawValue(args, name), value)}`,
    );
  }
  return Math.round(value * 1000);
}

const MAX_DURATION_MS = 7 * 86_400_000;

/** A duration like 30m, 90s, 2h or 1.5h (a bare number is seconds), as milliseconds. */
export function duration(name: string, text: string): number {
  const trimmed = text.trim();
  let parsed: number | undefined;
  try {
    parsed = /^\d+(?:\.\d+)?$/.test(trimmed) ? Number(trimmed) * 1000 : ms(trimmed as ms.StringValue);
  } catch {
    parsed = undefined; // ms() throws on an empty string
  }
  if (typeof parsed !== 'number' || !(parsed >= 1000 && parsed <= MAX_DURATION_MS)) {
    throw new UsageError(
      `--${name} takes a duration from 1s to 7d, like 30m, 90s or 2h (a bare number is seconds); got ${JSON.stringify(text)}`,
    );
  }
  return Math.round(parsed);
}

const MAX_CHANGES_SINCE_MS = 90 * 86_400_000;

/**
 * --changes-since: a duration from 1h to 90d (CloudTrail event history keeps 90 days), like 24h
 * or 7d, as milliseconds.
 */
export function changesSince(text: string): number {
  const trimmed = text.trim();
  let parsed: number | undefined;
  try {
    parsed = /^\d+(?:\.\d+)?[hd]$/.test(trimmed) ? ms(trimmed as ms.StringValue) : undefined;
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'number' || !(parsed >= 3_600_000 && parsed <= MAX_CHANGES_SINCE_MS)) {
    throw new UsageError(
      `--changes-since takes a duration in hours or days from 1h to 90d (CloudTrail event history keeps 90 days), like 24h or 7d; got ${JSON.stringify(text)}`,
    );
  }
  return Math.round(parsed);
}

/**
 * yargs' "Unknown argument(s): x, y" with the nearest known flag for each, when one is close:
 * `--regoins` → "did you mean --regions?".
 */
export function suggestFlags(message: string, known: readonly string[]): string {
  const m = /^Unknown arguments?: (.+)$/.exec(message);
  if (!m) return message;
  const names = (m[1] ?? '').split(', ').map((s) => s.trim());
  const hints = names.flatMap((raw) => {
    const name = raw.replace(/^-+/, '');
    const best = nearest(name, known);
    return best ? [{ name, best }] : [];
  });
  if (hints.length === 0) return message;
  if (names.length === 1 && hints[0]) return `${message} (did you mean --${hints[0].best}?)`;
  return `${message} (did you mean: ${hints.map((h) => `--${h.name} → --${h.best}`).join(', ')}?)`;
}

/** yargs' bare "Did you mean scan?" for an unknown command, with the command it was about. */
export function explainUnknownCommand(message: string, args: readonly string[]): string {
  const m = /^Did you mean (\S+)\?$/.exec(message);
  const typed = args.find((a) => !a.startsWith('-'));
  return m && typed ? `unknown command "${typed}" (did you mean ${m[1]}?)` : message;
}
