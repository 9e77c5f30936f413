/**
 * The terminal lines for a comparison with a baseline, shared by a run's summary and the `diff`
 * command. Like the summary they show counts, check ids and finding ids only — never a resource
 * name or a message — so nothing read from an account reaches a CI log through them.
 */
import { SEVERITY_ORDER } from '../engine/check.js';
import { compareText } from '../inventory/order.js';
import { clean, type Paint } from '../text/terminal.js';
import type { ChangesSection } from './schema.js';

/** New findings listed by id before "and N more". */
export const CHANGES_LISTED = 10;

export function formatChangesLines(changes: ChangesSection, paint: Paint): string[] {
  const { counts, baseline } = changes;
  const lines: string[] = [];
  const since = `${baseline.startedAt.slice(0, 19).replace('T', ' ')} UTC`;
  const what = baseline.kind === 'report' ? 'report' : 'inventory';
  lines.push(
    `${paint(`Since the baseline ${clean(baseline.file)}`, 'bold')} (${what} of the scan started ${clean(since)}): ` +
      `${paint(`${counts.new} new`, ...(counts.new > 0 ? (['bold', 'red'] as const) : []))}, ` +
      `${paint(`${counts.resolved} resolved`, ...(counts.resolved > 0 ? (['green'] as const) : []))}, ` +
      `${counts.unchanged} unchanged` +
      (counts.unresolved > 0
        ? `, ${counts.unresolved} no longer judged (unknown or not evaluated now)`
        : '') +
      (counts.newFromNewChecks > 0
        ? `, ${counts.newFromNewChecks} failing under checks the baseline did not run`
        : ''),
  );
  const delta = (d: number | null) => (d === null ? 'n/a' : d > 0 ? `+${d.toFixed(1)}` : d.toFixed(1));
  const value = (x: number | null) => (x === null ? 'n/a' : x.toFixed(1));
  lines.push(
    `  score ${value(changes.score.before)} → ${value(changes.score.after)} (${delta(changes.score.delta)}), ` +
      `coverage ${value(changes.coverage.before)}% → ${value(changes.coverage.after)}% (${delta(changes.coverage.delta)})`,
  );
  const drift = changes.drift;
  if (drift.available) {
    const kinds = new Map<string, number>();
    for (const i of drift.items) kinds.set(i.kind, (kinds.get(i.kind) ?? 0) + 1);
    const opened = drift.items.filter((i) => i.opened.length > 0).length;
    const { added, removed, changed } = drift.functions;
    lines.push(
      `  configuration drift: ${added} functions added, ${removed} removed, ${changed} changed` +
        (kinds.size > 0
          ? ` (${[...kinds]
              .sort(([a], [b]) => compareText(a, b))
              .map(([k, n]) => `${k} ${n}`)
              .join(', ')})`
          : '') +
        (drift.notCompared > 0 ? `; ${drift.notCompared} reads not compared (unread in a scan)` : '') +
        (drift.unreadRegions.length > 0
          ? `; regions not compared: ${drift.unreadRegions.map(clean).join(', ')}`
          : ''),
    );
    const unpublished = drift.items.filter((i) => i.codePublished === 'unpublished').length;
    const unsure = drift.items.filter((i) => i.codePublished === 'unknown').length;
    if (unpublished > 0)
      lines.push(
        `  ${unpublished} code change${unpublished === 1 ? '' : 's'} without a published version: the function runs code no version records`,
      );
    if (unsure > 0)
      lines.push(
        `  ${unsure} code change${unsure === 1 ? '' : 's'}: whether a version was published is not known (versions not read; scan with --deep)`,
      );
    if (opened > 0)
      lines.push(
        paint(
          `  ${opened} resource policy change${opened === 1 ? '' : 's'} opened a function to the public or to other accounts`,
          'bold',
          'red',
        ),
      );
  } else {
    lines.push(`  configuration drift: not compared (${clean(drift.reason)})`);
  }
  const regressions = changes.new.filter((f) => f.previously !== 'not-evaluated');
  if (regressions.length > 0) {
    const bySeverity = SEVERITY_ORDER.map(
      (s) => [s, regressions.filter((f) => f.severity === s).length] as const,
    )
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${s} ${n}`);
    lines.push(`  new failures by severity: ${bySeverity.join(', ')}`);
    for (const f of regressions.slice(0, CHANGES_LISTED)) {
      lines.push(
        `  ${paint('NEW', 'bold', 'red')} ${f.severity.padEnd(8)} ${clean(f.checkId)}  finding ${clean(f.findingId)} (was ${f.previously === 'fail' ? `failing; ${f.newOccurrences ?? 0} new event(s)` : f.previously})`,
      );
    }
    if (regressions.length > CHANGES_LISTED)
      lines.push(`  … and ${regressions.length - CHANGES_LISTED} more new (see "changes" in report.json)`);
  }
  return lines;
}
