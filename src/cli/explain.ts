/**
 * `lambda-posture explain CHECK_ID`: what a check looks for, why it matters, how to fix it, what
 * it reads and what that costs — the report's per-check text, without running a scan.
 */
import { type Check, metaOf, PRACTICE_TITLES } from '../engine/check.js';
import { FRAMEWORKS, type FrameworkId } from '../engine/frameworks.js';
import { isCodeScan, isDeep, readCost } from '../engine/select.js';
import { nearest } from '../text/nearest.js';
import { UsageError } from './failures.js';

/** The check with this id or former id; a usage error naming the nearest id otherwise. */
export function findCheck(checks: readonly Check[], id: string): Check {
  const found = checks.find((c) => c.id === id || (c.aliases ?? []).includes(id));
  if (found) return found;
  const close = nearest(
    id,
    checks.map((c) => c.id),
  );
  throw new UsageError(
    `no check ${JSON.stringify(id)}${close ? ` (did you mean ${close}?)` : ''}; \`lambda-posture checks\` lists them`,
  );
}

export function explainJson(check: Check): string {
  return `${JSON.stringify({ ...metaOf(check), deep: isDeep(check) }, null, 2)}\n`;
}

export function explainText(check: Check): string {
  const m = metaOf(check);
  const lines = [
    `${m.id} — ${m.title}`,
    `severity ${m.severity} · ${m.practice} (${PRACTICE_TITLES[m.practice]}) · ${m.service} · ${m.resourceType}`,
    `threats ${m.threats.join(', ')}${m.aliases ? ` · formerly ${m.aliases.join(', ')}` : ''}`,
    '',
    'Why it matters',
    ...wrap(m.rationale),
    '',
    'How to fix it',
    ...wrap(m.remediation.text),
    ...(m.remediation.cli ? ['', `  $ ${m.remediation.cli}`] : []),
    '',
    `What it reads${
      isDeep(check)
        ? ' (a deep check: runs with --deep, or when named by id in --checks)'
        : isCodeScan(check)
          ? ' (downloads code: runs with --scan-code, or when named by id in --checks)'
          : ''
    }`,
    ...m.reads.map((r) => `  ${r}: ${readCost(r)}`),
  ];
  const mapped = Object.entries(m.frameworks).filter(([, controls]) => controls.length > 0);
  if (mapped.length > 0) {
    lines.push('', 'Framework controls');
    for (const [f, controls] of mapped) {
      lines.push(`  ${FRAMEWORKS[f as FrameworkId].title}: ${controls.join(', ')}`);
    }
  }
  lines.push('', 'References', ...m.references.map((r) => `  ${r}`), '');
  return lines.join('\n');
}

/** Paragraph text at 2 spaces, broken at spaces to at most 96 columns. */
function wrap(text: string, width = 96): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    if (line && line.length + 1 + word.length > width - 2) {
      out.push(`  ${line}`);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(`  ${line}`);
  return out;
}
