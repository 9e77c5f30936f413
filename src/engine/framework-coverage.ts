/**
 * A framework's coverage by the registered checks: for each control in our scope, the checks that
 * map it, or why none does. It is computed from the checks' own mappings, so it cannot claim a
 * control no check answers.
 */
import type { Check } from './check.js';
import { FRAMEWORK_CONTROLS } from './framework-controls.js';
import { FRAMEWORKS, type FrameworkId } from './frameworks.js';

export type ControlStatus = 'automated' | 'partial' | 'not-automated';

export interface ControlCoverage {
  readonly control: string;
  readonly title: string;
  readonly status: ControlStatus;
  /** The ids of the checks that map the control, sorted. */
  readonly checks: readonly string[];
  /** What a partial mapping leaves out, or why the control is not automated; null when fully automated. */
  readonly note: string | null;
}

export function frameworkCoverage(
  checks: readonly Pick<Check, 'id' | 'frameworks'>[],
  framework: FrameworkId,
): ControlCoverage[] {
  const controls = FRAMEWORK_CONTROLS[framework] as Record<
    string,
    { title: string; notAutomated?: string; partial?: string }
  >;
  return FRAMEWORKS[framework].controls.map((control: string) => {
    const info = controls[control];
    if (!info) throw new Error(`framework-controls.ts has no entry for ${framework} ${control}`);
    const mapped = checks
      .filter((c) => (c.frameworks[framework] as readonly string[]).includes(control))
      .map((c) => c.id)
      .sort();
    if (mapped.length === 0) {
      return {
        control,
        title: info.title,
        status: 'not-automated',
        checks: [],
        note: info.notAutomated ?? null,
      };
    }
    return {
      control,
      title: info.title,
      status: info.partial ? 'partial' : 'automated',
      checks: mapped,
      note: info.partial ?? null,
    };
  });
}

/** Counts per status, for a one-line summary. */
export function coverageCounts(rows: readonly ControlCoverage[]): Record<ControlStatus, number> {
  const counts: Record<ControlStatus, number> = { automated: 0, partial: 0, 'not-automated': 0 };
  for (const r of rows) counts[r.status]++;
  return counts;
}
