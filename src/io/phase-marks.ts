/**
 * The benchmark's phase breakdown: where a scan's seconds go between the process start, the last
 * AWS response and the exit. Each step calls `phaseMark(name)` (a `performance.mark`, ~1 µs,
 * so it costs nothing when nobody reads it); only when `LP_PHASE_FILE` names a file are the marks
 * written there, as epoch milliseconds, when the process exits. Not a user setting: the file says
 * nothing about the account, only how long each step took.
 */
import { writeFileSync } from 'node:fs';

const PREFIX = 'lp:';

export function phaseMark(name: string): void {
  performance.mark(PREFIX + name);
}

export interface PhaseMarks {
  /** Epoch ms of the process's start (performance.timeOrigin). */
  processStart: number;
  /** Each mark in order, epoch ms; the last is `exit`. */
  marks: Array<{ name: string; at: number }>;
}

let armed = false;

/** Arms the exit writer once, if LP_PHASE_FILE is set; cheap to call from every entry point. */
export function recordPhasesAtExitIfAsked(): void {
  const file = process.env.LP_PHASE_FILE;
  if (!file || armed) return;
  armed = true;
  process.on('exit', () => {
    phaseMark('exit');
    const origin = performance.timeOrigin;
    const doc: PhaseMarks = {
      processStart: origin,
      marks: performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith(PREFIX))
        .map((m) => ({ name: m.name.slice(PREFIX.length), at: origin + m.startTime })),
    };
    writeFileSync(file, `${JSON.stringify(doc)}\n`);
  });
}
