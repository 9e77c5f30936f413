/**
 * SARIF rules (reportingDescriptor objects): one per check of the report, in the report's order,
 * with what GitHub code scanning shows beside an alert: title, rationale, remediation, severity.
 */
import type { ReportingDescriptor } from 'sarif';
import { PRACTICE_TITLES, type Severity } from '../engine/check.js';
import type { ReportCheck } from './schema.js';

export type SarifLevel = 'error' | 'warning' | 'note';

/** The SARIF level of a failing result of this severity (and the rule's default level). */
export const LEVEL_OF_SEVERITY: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * GitHub's `security-severity`: a string holding a score it maps to a band ("over 9.0 is critical,
 * 7.0 to 8.9 high, 4.0 to 6.9 medium, 0.1 to 3.9 low"). Each value sits inside its band, away from
 * the edges. `info` has none: GitHub then treats the rule as a non-security one (shown by level).
 */
export const SECURITY_SEVERITY: Record<Severity, string | null> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
  info: null,
};

/** GitHub rejects a rule with more than 20 tags (and shows 10); the full mapping is in properties. */
export const MAX_TAGS = 20;

export function sarifRule(check: ReportCheck): ReportingDescriptor {
  const securitySeverity = SECURITY_SEVERITY[check.severity];
  return {
    id: check.id,
    name: check.id,
    ...(check.aliases && check.aliases.length > 0 ? { deprecatedIds: [...check.aliases] } : {}),
    shortDescription: { text: check.title },
    fullDescription: { text: check.rationale },
    help: { text: helpText(check), markdown: helpMarkdown(check) },
    helpUri: check.references[0],
    defaultConfiguration: { level: LEVEL_OF_SEVERITY[check.severity] },
    properties: {
      tags: ruleTags(check),
      ...(securitySeverity !== null
        ? { 'security-severity': securitySeverity }
        : { 'problem.severity': 'recommendation' }),
      severity: check.severity,
      practice: check.practice,
      practiceTitle: PRACTICE_TITLES[check.practice],
      service: check.service,
      resourceType: check.resourceType,
      threats: [...check.threats],
      frameworks: check.frameworks,
      references: [...check.references],
    },
  };
}

/** `security` first (GitHub filters on it), then the practice, then `framework/control` per mapping. */
export function ruleTags(check: ReportCheck): string[] {
  const controls = Object.entries(check.frameworks).flatMap(([framework, ids]) =>
    ids.map((id) => `${framework}/${id}`),
  );
  return [...new Set(['security', check.practice, ...controls])].slice(0, MAX_TAGS);
}

function helpText(check: ReportCheck): string {
  const parts = [`Remediation: ${check.remediation.text}`];
  if (check.remediation.cli) parts.push(`CLI: ${check.remediation.cli}`);
  parts.push(`References:\n${check.references.map((r) => `- ${r}`).join('\n')}`);
  return parts.join('\n\n');
}

function helpMarkdown(check: ReportCheck): string {
  const parts = [`**Remediation.** ${escapeMarkdown(check.remediation.text)}`];
  if (check.remediation.cli) parts.push(codeBlock(check.remediation.cli));
  parts.push(
    `**References**\n\n${check.references.map((r) => `- <${r.replace(/[<>]/g, encodeURIComponent)}>`).join('\n')}`,
  );
  return parts.join('\n\n');
}

/** Check text is ours, but a stray `*` or `<` should read as itself, not as markup. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, '\\$&');
}

/** A fence longer than any backtick run in the command, so the command cannot close it. */
function codeBlock(command: string): string {
  const longestRun = Math.max(0, ...(command.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}sh\n${command}\n${fence}`;
}
