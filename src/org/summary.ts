/**
 * The terminal summary of an organization scan or merge: the organization's grade and score,
 * the accounts scanned, failed and not scanned, the worst accounts, the accounts that failed and
 * why, and the findings to fix first across the organization. As for one account
 * (report/summary.ts), names from the accounts (account and resource names) pass through
 * `clean` only, and no message or evidence is printed.
 */
import { SEVERITY_ORDER, type Severity } from '../engine/check.js';
import type { Rollup } from '../report/rollup/schema.js';
import { clean, painter, type Style } from '../text/terminal.js';

/** Accounts listed as the worst, and failed accounts listed with their reason. */
export const SUMMARY_TOP_ACCOUNTS = 5;
export const SUMMARY_TOP_FINDINGS = 5;

export function formatRollupSummary(
  rollup: Rollup,
  paths: readonly string[],
  opts: { color: boolean },
): string {
  const paint = painter(opts.color);
  const { summary } = rollup;
  const lines: string[] = [];
  const org = rollup.organization ? `organization ${clean(rollup.organization.id)}` : 'accounts';
  const shard = rollup.selection.shard
    ? ` — shard ${rollup.selection.shard.index}/${rollup.selection.shard.count} (merge the shards for the organization's roll-up)`
    : '';
  lines.push(`${paint('lambda-posture', 'bold')} ${clean(rollup.tool.version)}: ${org}${shard}`);
  const letter = summary.grade.letter;
  const gradeStyle: Style[] =
    letter === null ? ['dim'] : letter === 'A' ? ['green'] : letter <= 'C' ? ['yellow'] : ['red'];
  lines.push(
    `${paint('Grade', 'bold')} ${paint(letter ?? 'n/a', 'bold', ...gradeStyle)}` +
      (summary.grade.cappedBy
        ? ` (capped by ${summary.grade.cappedBy.count} failing ${summary.grade.cappedBy.severity} finding(s))`
        : '') +
      `   ${paint('Score', 'bold')} ${summary.score === null ? '–' : summary.score.toFixed(1)}/100` +
      `   coverage ${summary.coverage === null ? '–' : `${summary.coverage.toFixed(1)}%`}`,
  );
  const a = summary.accounts;
  lines.push(
    `${paint('Accounts', 'bold')} ${a.total}: ${a.scanned} scanned, ` +
      `${a.failed > 0 ? paint(`${a.failed} failed`, 'red') : '0 failed'}, ${a.suspended} not scanned (suspended or closed)`,
  );
  lines.push(
    `${paint('Failures', 'bold')} ${SEVERITY_ORDER.filter((s) => s !== 'info')
      .map((s) => `${summary.failuresBySeverity[s as Severity] ?? 0} ${s}`)
      .join(', ')}`,
  );
  const failed = rollup.accounts.filter((x) => x.status === 'failed');
  if (failed.length > 0) {
    lines.push(paint('Not scanned (the roll-up counts them as unknown, never as clean):', 'bold'));
    for (const x of failed.slice(0, SUMMARY_TOP_ACCOUNTS))
      lines.push(`  ${x.accountId} ${clean(x.name ?? '')}: ${clean(x.reason ?? 'failed')}`);
    if (failed.length > SUMMARY_TOP_ACCOUNTS)
      lines.push(`  … and ${failed.length - SUMMARY_TOP_ACCOUNTS} more`);
  }
  const scanned = rollup.accounts.filter((x) => x.status === 'scanned');
  if (scanned.length > 0) {
    lines.push(paint('Worst accounts:', 'bold'));
    for (const x of scanned.slice(0, SUMMARY_TOP_ACCOUNTS)) {
      lines.push(
        `  ${x.grade.letter ?? '–'} ${x.score === null ? '  –  ' : x.score.toFixed(1).padStart(5)} ${x.accountId} ${clean(x.name ?? '')}` +
          `  (${x.failuresBySeverity.critical ?? 0} critical, ${x.failuresBySeverity.high ?? 0} high)`,
      );
    }
  }
  if (rollup.fixFirst.length > 0) {
    lines.push(paint('Fix these first:', 'bold'));
    for (const f of rollup.fixFirst.slice(0, SUMMARY_TOP_FINDINGS))
      lines.push(`  ${f.severity.padEnd(8)} ${f.accountId} ${clean(f.checkId)} ${clean(f.resource.name)}`);
  }
  if (paths.length > 0) lines.push(`${paint('Roll-up', 'bold')} ${paths.join(', ')}`);
  return lines.join('\n');
}

/** The exit code of a roll-up, as of one account's report: 1 findings, 3 incomplete, else 0. */
export function rollupExitCode(
  rollup: Rollup,
  opts: { failOn: Severity | 'none'; allowIncomplete: boolean },
): 0 | 1 | 3 {
  if (opts.failOn !== 'none') {
    const worst = SEVERITY_ORDER.slice(0, SEVERITY_ORDER.indexOf(opts.failOn) + 1);
    if (worst.some((s) => (rollup.summary.failuresBySeverity[s] ?? 0) > 0)) return 1;
  }
  if (rollup.summary.incomplete && !opts.allowIncomplete) return 3;
  return 0;
}
