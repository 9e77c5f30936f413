/**
 * The short terminal summary printed after a run: the grade, scores, counts, the findings to fix
 * first, the most severe failing checks with a finding id to look up, the failed reads, and where
 * the reports are. Besides numbers, check ids and titles, finding ids (hashes) and operation names
 * it shows one thing from the account, the resource name of a top finding, and that only through
 * `oneLine` (no control character, no direction mark, cut) — never a message or evidence — so
 * nothing found in the account can drive a terminal or a CI log through it.
 */
import { PRACTICE_TITLES, Practice, SEVERITY_ORDER } from '../engine/check.js';
import { durationText } from '../text/duration.js';
import { clean, painter, type Style } from '../text/terminal.js';
import { formatChangesLines } from './changes-summary.js';
import { gradeOf } from './grade.js';
import { fixFirst } from './priority.js';
import type { Report } from './schema.js';

/** Failing checks listed, most severe first. */
export const SUMMARY_TOP_CHECKS = 5;
/** Findings listed under "Fix these first". */
export const SUMMARY_TOP_FINDINGS = 5;
/** Kinds of failed read listed when the scan is incomplete. */
export const SUMMARY_TOP_GAPS = 3;

export function formatSummary(report: Report, paths: string[], opts: { color: boolean }): string {
  const paint = painter(opts.color);
  const scoreStyle = (x: number | null): Style[] =>
    x === null ? ['dim'] : x >= 90 ? ['green'] : x >= 70 ? ['yellow'] : ['red'];
  const { run, summary } = report;
  const lines: string[] = [];

  const regions = run.regions.length === 1 ? '1 region' : `${run.regions.length} regions`;
  lines.push(
    `${paint('lambda-posture', 'bold')} ${clean(report.tool.version)}: account ${clean(run.accountId)} (${clean(run.partition)}), ${regions}, ` +
      `${run.mode === 'scan' ? 'scanned' : 'inventory from'} ${timeText(run.startedAt)}${run.mode === 'evaluate' ? ' (re-evaluated)' : ''}`,
  );
  const grade = summary.grade ?? gradeOf(summary.score, summary.failuresBySeverity);
  const gradeStyle: Style[] =
    grade.letter === null
      ? ['dim']
      : grade.letter === 'A'
        ? ['green']
        : grade.letter <= 'C'
          ? ['yellow']
          : ['red'];
  lines.push(
    `${paint('Grade', 'bold')} ${paint(grade.letter ?? 'n/a', 'bold', ...gradeStyle)}` +
      (grade.cappedBy
        ? ` (capped by ${plural(grade.cappedBy.count, `failing ${grade.cappedBy.severity} finding`)}; the score alone gives ${letterText(summary.score)})`
        : ''),
  );
  lines.push(
    `${paint('Score', 'bold')} ${paint(score(summary.score), 'bold', ...scoreStyle(summary.score))}/100   ` +
      `coverage ${paint(pct(summary.coverage), ...scoreStyle(summary.coverage))}   ` +
      `${summary.counts.pass} pass, ${summary.counts.fail} fail, ${summary.counts.unknown} unknown, ` +
      `${summary.counts.not_applicable} not applicable`,
  );
  for (const p of Practice.options) {
    const line = summary.practices[p];
    const title = PRACTICE_TITLES[p];
    lines.push(
      `  ${p}  ${paint(score(line.score).padStart(5), ...scoreStyle(line.score))}  coverage ${pct(line.coverage).padStart(6)}  ${paint(
        title.length > 60 ? `${title.slice(0, 59)}…` : title,
        'dim',
      )}`,
    );
  }
  const sev = SEVERITY_ORDER.map((s) => {
    const n = summary.failuresBySeverity[s];
    const text = `${s} ${n}`;
    return n > 0 && (s === 'critical' || s === 'high') ? paint(text, 'bold', 'red') : text;
  });
  lines.push(`Failures by severity: ${sev.join(', ')}`);
  if (report.suppressions && summary.suppressed) {
    const rules = report.suppressions.rules;
    const expired = rules.filter((r) => r.state === 'expired').length;
    const unused = rules.filter((r) => r.state === 'unused').length;
    lines.push(
      `Suppressed (accepted, not counted): ${summary.suppressed.fail} fail, ${summary.suppressed.unknown} unknown, ` +
        `by ${plural(rules.length, 'rule')} of ${clean(report.suppressions.file)}` +
        (expired + unused > 0 ? paint(` — ${expired} expired, ${unused} matching nothing`, 'yellow') : ''),
    );
  }
  const first = fixFirst(report, SUMMARY_TOP_FINDINGS);
  if (first.length > 0) {
    const titles = new Map(report.checks.map((c) => [c.id, c.title]));
    lines.push(paint('Fix these first:', 'bold'));
    for (const { result: r, reason } of first) {
      lines.push(
        `  ${r.severity.padEnd(8)} ${clean(r.checkId)}  ${oneLine(r.resource.name, 60)} (${clean(r.resource.region ?? 'global')})  ${oneLine(titles.get(r.checkId) ?? r.checkId, 90)}${reason ? ` [${reason}]` : ''}`,
      );
    }
  }
  const top = topFailingChecks(report);
  if (top.length > 0) {
    lines.push('Most severe failing checks (look a finding id up in the report):');
    for (const t of top) {
      lines.push(
        `  ${t.severity.padEnd(8)} ${clean(t.checkId)}  ${plural(t.count, 'failing resource')}, e.g. finding ${clean(t.findingId)}`,
      );
    }
  }
  if (report.changes) lines.push(...formatChangesLines(report.changes, paint));
  if (report.changeHistory) {
    const h = report.changeHistory;
    const fns = Object.values(h.functions);
    const total = fns.reduce((n, f) => n + f.count, 0);
    lines.push(
      `Changes since ${timeText(h.since)} (CloudTrail): ${plural(total, 'change')} to ${plural(fns.length, 'function')}` +
        (h.unreadRegions.length > 0
          ? paint(` — unknown in ${plural(h.unreadRegions.length, 'region')} (LookupEvents failed)`, 'yellow')
          : ''),
    );
  }
  if (run.policySources) {
    const p = run.policySources;
    lines.push(
      `Resource policies: ${p.fromConfig} from AWS Config` +
        (p.oldestCapturedAt ? ` (captured ${timeText(p.oldestCapturedAt)} or later)` : '') +
        `, ${p.fromLambda} read live from Lambda`,
    );
    for (const r of p.refusedRegions)
      lines.push(paint(`  ${clean(r.region)}: AWS Config not used — ${clean(r.reason)}`, 'yellow'));
  }
  if (run.timeout?.reached) {
    lines.push(
      paint(
        `TIMED OUT: the scan reached its --timeout of ${durationText(run.timeout.limitMs)}; what it had not read is unknown (class timed-out)`,
        'bold',
        'yellow',
      ),
    );
  }
  if (summary.incomplete) {
    lines.push(
      paint(
        `INCOMPLETE: ${plural(summary.counts.unknown, 'result')} unknown, ${plural(summary.coverageGaps, 'read')} failed — scores are lower bounds (see "Unknown results" and "Coverage gaps" in the report)`,
        'bold',
        'yellow',
      ),
    );
    for (const g of failedReads(report))
      lines.push(`  ${clean(g.what)}: ${plural(g.count, 'read')} (${clean(g.classes)})`);
  } else {
    lines.push(`Unknown results: 0 (every read succeeded)`);
  }
  for (const d of report.dataFiles.filter((f) => f.stale)) {
    lines.push(
      paint(
        d.retrievedAt === null
          ? `STALE DATA: ${clean(d.path)} is invalid; the checks that use it are unknown`
          : `STALE DATA: ${clean(d.path)} was retrieved ${clean(d.retrievedAt)}, ${d.ageDays} days before the scan — refresh it from ${clean(d.source)} (results it decides may miss recent changes)`,
        'bold',
        'yellow',
      ),
    );
  }
  if (paths.length > 0) {
    lines.push('Reports:');
    for (const p of paths) lines.push(`  ${clean(p)}`);
  }
  return lines.join('\n');
}

/** Failing results per check, most severe first, then the most failures; one finding id each. */
function topFailingChecks(report: Report) {
  const byCheck = new Map<
    string,
    { checkId: string; severity: Report['results'][number]['severity']; count: number; findingId: string }
  >();
  for (const r of report.results) {
    if (r.status !== 'fail' || r.suppression) continue;
    const c = byCheck.get(r.checkId);
    if (c) c.count += 1;
    else
      byCheck.set(r.checkId, { checkId: r.checkId, severity: r.severity, count: 1, findingId: r.findingId });
  }
  return [...byCheck.values()]
    .sort(
      (a, b) =>
        SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
        b.count - a.count ||
        (a.checkId < b.checkId ? -1 : 1),
    )
    .slice(0, SUMMARY_TOP_CHECKS);
}

/** Failed reads by service:operation, the most first, with their error classes. */
function failedReads(report: Report) {
  const byOp = new Map<string, { what: string; count: number; classes: Set<string> }>();
  for (const g of report.coverage) {
    const what = `${g.service}:${g.operation}`;
    const e = byOp.get(what) ?? { what, count: 0, classes: new Set<string>() };
    e.count += 1;
    e.classes.add(g.error.class);
    byOp.set(what, e);
  }
  return [...byOp.values()]
    .sort((a, b) => b.count - a.count || (a.what < b.what ? -1 : 1))
    .slice(0, SUMMARY_TOP_GAPS)
    .map((e) => ({ what: e.what, count: e.count, classes: [...e.classes].sort().join(', ') }));
}

function timeText(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? clean(iso) : `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * Account text for a terminal line: no control character (C0, C1), no bidirectional override or
 * isolate and no zero-width format character (a U+202E could make a line read backwards), cut.
 */
export function oneLine(text: string, max: number): string {
  const plain = clean(text).replace(/[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '');
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

const letterText = (score: number | null) => gradeOf(score, {}).letter ?? 'n/a';
const score = (x: number | null) => (x === null ? 'n/a' : x.toFixed(1));
const pct = (x: number | null) => (x === null ? 'n/a' : `${x.toFixed(1)}%`);
const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;
