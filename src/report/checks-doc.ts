/**
 * docs/checks.md, rendered from the checks' metadata alone: the catalogue grouped by practice,
 * each check's rationale, remediation and references, and each framework's coverage. The file is
 * committed so it reads on GitHub; test/report/checks-doc.test.ts fails when it is stale
 * (`npm run docs` rewrites it).
 */
import { type Check, PRACTICE_TITLES, type Practice, SEVERITY_ORDER } from '../engine/check.js';
import { coverageCounts, frameworkCoverage } from '../engine/framework-coverage.js';
import { FRAMEWORK_IDS, FRAMEWORKS } from '../engine/frameworks.js';

/** A table cell: pipes and line breaks would end the cell or the row. */
const cell = (text: string): string =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ');
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;
const anchor = (id: string): string => id.replace(/[^a-z0-9-]/g, '');

function mappings(check: Check): string {
  const parts = FRAMEWORK_IDS.filter((f) => check.frameworks[f].length > 0).map(
    (f) => `${f} ${check.frameworks[f].join(', ')}`,
  );
  return parts.length > 0 ? parts.join('; ') : '—';
}

function practiceSection(practice: Practice, checks: readonly Check[]): string[] {
  const own = checks.filter((c) => c.practice === practice);
  const lines = [`## ${practice} — ${PRACTICE_TITLES[practice]}`, ''];
  if (own.length === 0) return [...lines, 'No check yet.', ''];
  lines.push('| check | severity | finding | frameworks |', '|---|---|---|---|');
  for (const c of own) {
    lines.push(
      `| [${code(c.id)}](#${anchor(c.id)}) | ${c.severity} | ${cell(c.title)} | ${cell(mappings(c))} |`,
    );
  }
  lines.push('');
  for (const c of own) {
    lines.push(
      `### ${c.id}`,
      '',
      `**${c.title}** — ${c.severity}, ${c.practice}, threats ${c.threats.join(', ')}; reads ${c.reads.map(code).join(', ')}.`,
      '',
      c.rationale,
      '',
      `*Remediation:* ${c.remediation.text}`,
      ...(c.remediation.cli ? ['', '```sh', c.remediation.cli, '```'] : []),
      '',
      `*Frameworks:* ${mappings(c)}. *References:* ${c.references.map((r) => `<${r}>`).join(', ')}`,
      '',
    );
  }
  return lines;
}

function coverageSection(checks: readonly Check[]): string[] {
  const lines = ['## Framework coverage', ''];
  for (const f of FRAMEWORK_IDS) {
    const rows = frameworkCoverage(checks, f);
    const n = coverageCounts(rows);
    lines.push(
      `### ${FRAMEWORKS[f].title} (${code(f)})`,
      '',
      `${n.automated} automated, ${n.partial} partly, ${n['not-automated']} not automated, of the ${rows.length} controls in scope ` +
        `(${code(`lambda-posture checks --framework ${f}`)}).`,
      '',
      '| control | title | status | checks, or why not |',
      '|---|---|---|---|',
    );
    for (const r of rows) {
      const detail = [r.checks.map(code).join(', '), r.note ?? ''].filter((s) => s.length > 0).join(' — ');
      lines.push(`| ${r.control} | ${cell(r.title)} | ${r.status} | ${cell(detail)} |`);
    }
    lines.push('');
  }
  return lines;
}

export function checksMarkdown(checks: readonly Check[]): string {
  const bySeverity = SEVERITY_ORDER.map((s) => `${checks.filter((c) => c.severity === s).length} ${s}`).join(
    ', ',
  );
  const lines = [
    '# Checks',
    '',
    '<!-- Generated from the checks’ metadata by `npm run docs`; do not edit by hand. -->',
    '',
    `${checks.length} checks (${bySeverity}), grouped by the practice they measure. ` +
      'Every check answers pass, fail, unknown (a read failed or was not collected: never counted as pass) ' +
      'or not applicable, per resource.',
    '',
    ...(Object.keys(PRACTICE_TITLES) as Practice[]).flatMap((p) => practiceSection(p, checks)),
    ...coverageSection(checks),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
