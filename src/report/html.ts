/**
 * The HTML report: one self-contained page for a person to read, print or attach to a ticket.
 * No script, no external request of any kind (a CSP meta forbids them), and every value from the
 * report goes through `html`, the tagged template below, which escapes it (escape-goat) unless it
 * is markup this file built. Links are only made from https:// references.
 * Long resource lists are cut at HTML_RESOURCE_LIMIT per check; report.json always has them all.
 */

import { createHash } from 'node:crypto';
import { htmlEscape } from 'escape-goat';
import {
  PRACTICE_TITLES,
  type Practice,
  SEVERITY_ORDER,
  type Severity,
  type Threat,
} from '../engine/check.js';
import { FRAMEWORK_IDS } from '../engine/frameworks.js';
import { zeroCounts } from '../engine/score.js';
import { MODIFY_ACTIONS } from '../iam/lambda-actions.js';
import { durationText } from '../text/duration.js';
import type { ChangesSection, Report, ReportCheck, ReportResult } from './schema.js';

/** Failing (or unknown) resources listed per check before "and N more — see report.json". */
export const HTML_RESOURCE_LIMIT = 500;
/** Coverage-gap rows listed before the same note. */
export const HTML_COVERAGE_LIMIT = 2000;
/** Characters of one result's evidence JSON shown before it is cut. */
const EVIDENCE_LIMIT = 1500;

const THREAT_TITLES: Record<Threat, string> = {
  T1: 'stolen access keys',
  T2: 'malicious code uploaded or modified',
  T3: 'denial of service or of wallet',
  T4: 'an exploited vulnerability',
  T5: 'social engineering of staff',
};

const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

// ---------------------------------------------------------------------------------------------
// Escaping: `html` escapes every interpolated value unless it is an `Html` built by this file.
// ---------------------------------------------------------------------------------------------
class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
}
type Part = Html | string | number | boolean | null | undefined | readonly Part[];

function partToString(part: Part): string {
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(partToString).join('');
  if (part === null || part === undefined || part === false || part === true) return '';
  return htmlEscape(String(part));
}

function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < parts.length; i++) out += partToString(parts[i] as Part) + (strings[i + 1] ?? '');
  return new Html(out);
}

/** An https link, escaped; anything else is shown as plain text, never as a link. */
function link(url: string, text: string = url): Html {
  if (!/^https:\/\/[^\s]+$/i.test(url)) return html`${text}`;
  return html`<a href="${url}" rel="noopener noreferrer">${text}</a>`;
}

// ---------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------
const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const num = (n: number) => n.toLocaleString('en-US');
const pct = (x: number | null) => (x === null ? 'n/a' : `${x.toFixed(1)}%`);
const scoreText = (x: number | null) => (x === null ? 'n/a' : x.toFixed(1));
const regionText = (r: string | null) => r ?? 'global';

function timeText(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function evidenceText(evidence: Record<string, unknown>): string | null {
  if (Object.keys(evidence).length === 0) return null;
  const text = JSON.stringify(evidence);
  if (text.length <= EVIDENCE_LIMIT) return text;
  let cut = EVIDENCE_LIMIT;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // do not split a surrogate pair
  return `${text.slice(0, cut)}… (cut; the full evidence is in report.json)`;
}

/** A 0–100 bar drawn with classes (no style attributes, so the CSP can pin the stylesheet by hash). */
function bar(value: number | null): Html {
  if (value === null) return html``;
  const w = Math.max(0, Math.min(100, Math.round(value)));
  return html`<span class="bar" aria-hidden="true"><span class="fill w${w}"></span></span>`;
}

function band(value: number | null): string {
  if (value === null) return 'na';
  return value >= 90 ? 'good' : value >= 70 ? 'fair' : 'poor';
}

function badge(kind: string, text: string): Html {
  return html`<span class="badge b-${kind}">${text}</span>`;
}

function more(shown: number, total: number, what: string): Html {
  if (total <= shown) return html``;
  return html`<p class="more">…and ${num(total - shown)} more ${what} — see report.json for the full list.</p>`;
}

// ---------------------------------------------------------------------------------------------
// The stylesheet. Colour is never the only signal: every status and severity is also a word.
// ---------------------------------------------------------------------------------------------
const WIDTHS = Array.from({ length: 101 }, (_, i) => `.w${i}{width:${i}%}`).join('');

const STYLE = `
:root{color-scheme:light;--fg:#1b1f24;--muted:#4b5563;--line:#d0d7de;--soft:#f6f8fa;--accent:#0b5cad}
*{box-sizing:border-box}
html{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:#fff}
body{margin:0 auto;max-width:1200px;padding:24px}
h1{font-size:1.7rem;margin:0 0 .75rem;line-height:1.25}
h2{font-size:1.3rem;margin:2rem 0 .75rem;padding-bottom:.3rem;border-bottom:2px solid var(--line)}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
h4{font-size:.95rem;margin:1rem 0 .25rem}
a{color:var(--accent)}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.85em}
pre{margin:.25rem 0;padding:.5rem .75rem;background:var(--soft);border:1px solid var(--line);border-radius:4px;white-space:pre-wrap;overflow-wrap:anywhere}
pre code{font-size:inherit}
pre.evidence{margin:0;padding:.25rem .4rem;font-size:.78em;max-height:14em;overflow:auto}
.kicker{margin:0;color:var(--muted);font-size:.85rem;text-transform:uppercase;letter-spacing:.06em}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:.5rem 1.5rem;margin:0}
.facts div{min-width:0}
.facts dt{color:var(--muted);font-size:.8rem;text-transform:uppercase;letter-spacing:.04em}
.facts dd{margin:0;overflow-wrap:anywhere}
nav.toc ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;padding:0;margin:1rem 0 0;font-size:.9rem}
.banner{margin:1.25rem 0;padding:.9rem 1rem;border:2px solid #9a3412;border-left-width:8px;background:#fff7ed;color:#431407;border-radius:4px}
.banner p{margin:0}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(210px,1fr));gap:1rem}
.tile{border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem}
.tile h3{margin:0;font-size:.8rem;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
.big{font-size:2.4rem;font-weight:700;margin:.1rem 0;line-height:1.1}
.big small{font-size:1rem;font-weight:400;color:var(--muted)}
.tile p{margin:.2rem 0}
.tile ul{list-style:none;padding:0;margin:.4rem 0 0}
.tile li{display:flex;justify-content:space-between;gap:.5rem;padding:.1rem 0}
.note{color:var(--muted);font-size:.85rem}
.bar{display:inline-block;vertical-align:middle;width:90px;height:10px;border:1px solid #6b7280;border-radius:2px;background:#fff;overflow:hidden}
.big+.bar,.tile .bar{width:100%;height:12px}
.fill{display:block;height:100%;background:#4b5563}
.good .fill{background:#15803d}.fair .fill{background:#b45309}.poor .fill{background:#b91c1c}
${WIDTHS}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.9rem}
caption{text-align:left;color:var(--muted);font-size:.85rem;padding-bottom:.25rem}
th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
thead th{background:var(--soft);font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.nw,th.nw{white-space:nowrap;overflow-wrap:normal}
.practices td:nth-child(3),.practices th[scope=row]{white-space:nowrap}
.badge{display:inline-block;padding:0 .4rem;border:1px solid;border-radius:3px;font-size:.75rem;font-weight:700;letter-spacing:.04em;text-transform:uppercase;white-space:nowrap;print-color-adjust:exact;-webkit-print-color-adjust:exact}
.b-critical{background:#fee2e2;color:#7f1d1d}.b-high{background:#ffedd5;color:#7c2d12}.b-medium{background:#fef9c3;color:#713f12}
.b-low{background:#e0f2fe;color:#0c4a6e}.b-info{background:#f1f5f9;color:#334155}
.b-fail{background:#fee2e2;color:#991b1b}.b-pass{background:#dcfce7;color:#14532d}.b-unknown{background:#fef3c7;color:#78350f}.b-none{background:#f1f5f9;color:#334155}
.sev{border-left:6px solid var(--line);padding-left:1rem;margin:1.25rem 0}
.sev-critical{border-color:#991b1b}.sev-high{border-color:#c2410c}.sev-medium{border-color:#a16207}.sev-low{border-color:#0369a1}.sev-info{border-color:#64748b}
.sev>h3{margin-top:0}
details{border:1px solid var(--line);border-radius:6px;margin:.6rem 0;background:#fff}
details>summary{cursor:pointer;padding:.55rem .75rem;display:flex;flex-wrap:wrap;align-items:baseline;gap:.25rem .6rem;background:var(--soft);border-radius:6px}
details[open]>summary{border-bottom:1px solid var(--line);border-radius:6px 6px 0 0}
summary .title{font-weight:600}
summary code{color:var(--muted)}
summary .count{margin-left:auto;white-space:nowrap;font-variant-numeric:tabular-nums}
.body{padding:.25rem 1rem .75rem}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.5rem 0}
.meta dt{color:var(--muted)}
.meta dd{margin:0}
.res-name{font-weight:600}
.arn{display:block;color:var(--muted);font-size:.78em}
.fid{display:block;color:var(--muted);font-size:.72em}
.more{font-style:italic;color:var(--muted)}
footer{margin-top:2.5rem;padding-top:.75rem;border-top:1px solid var(--line);color:var(--muted);font-size:.85rem}
@media print{
html{font-size:10pt}body{max-width:none;padding:0}
nav.toc{display:none}
details{break-inside:auto;border-color:#999}
details::details-content{content-visibility:visible;display:block}
summary{list-style:none}
tr,.banner,.tile{break-inside:avoid}
thead{display:table-header-group}
h2,h3,h4{break-after:avoid}
pre.evidence{max-height:none;overflow:visible}
}
`;

const STYLE_HASH = createHash('sha256').update(STYLE, 'utf8').digest('base64');

/** The page's CSP: nothing may load, nothing may run; only the stylesheet below, pinned by hash. */
export const HTML_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src data:; base-uri 'none'; form-action 'none'`;

// ---------------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------------
interface CheckView {
  check: ReportCheck;
  failed: ReportResult[];
  unknown: ReportResult[];
}

export function renderHtml(report: Report): string {
  const views = groupResults(report);
  const { run, summary } = report;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="generator" content="${`lambda-posture ${report.tool.version}`}">
<title>${`Lambda security posture — account ${run.accountId}`}</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
${header(report)}
<main>
${banner(report)}
${overview(report)}
${changes(report)}
${practices(report)}
${findings(views)}
${access(report)}
${unknowns(views, summary.counts.unknown)}
${coverage(report)}
${passed(views)}
</main>
${footer(report)}
</body>
</html>
`;
  return page.value;
}

function groupResults(report: Report): Map<string, CheckView> {
  const views = new Map<string, CheckView>();
  for (const check of report.checks) views.set(check.id, { check, failed: [], unknown: [] });
  for (const r of report.results) {
    let view = views.get(r.checkId);
    if (!view) {
      // A result whose check is missing from `checks` (buildReport never does this): still shown.
      view = { check: placeholderCheck(r), failed: [], unknown: [] };
      views.set(r.checkId, view);
    }
    if (view.check.resourceType === PLACEHOLDER_TYPE) view.check.counts[r.status] += 1;
    if (r.status !== 'pass') (r.status === 'fail' ? view.failed : view.unknown).push(r);
  }
  return views;
}

const PLACEHOLDER_TYPE = 'AWS::Unknown::Unknown';

function placeholderCheck(r: ReportResult): ReportCheck {
  return {
    id: r.checkId,
    title: r.checkId,
    service: 'lambda',
    resourceType: PLACEHOLDER_TYPE,
    severity: r.severity,
    practice: r.practice,
    threats: [],
    rationale: '',
    remediation: { text: '' },
    references: [],
    frameworks: Object.fromEntries(
      FRAMEWORK_IDS.map((f): [string, string[]] => [f, []]),
    ) as ReportCheck['frameworks'],
    reads: [],
    counts: zeroCounts(),
  };
}

function header(report: Report): Html {
  const { run } = report;
  const mode =
    run.mode === 'scan'
      ? 'scan — read live from the account'
      : 'evaluate — re-evaluated from a saved inventory';
  const regions = run.regions.length === 0 ? 'none' : `${run.regions.join(', ')} (${run.regions.length})`;
  return html`<header>
<p class="kicker">lambda-posture report</p>
<h1>Lambda security posture — account ${run.accountId}</h1>
<dl class="facts">
<div><dt>Account</dt><dd>${run.accountId} (partition ${run.partition})</dd></div>
<div><dt>Regions</dt><dd>${regions}</dd></div>
<div><dt>Scan time</dt><dd>${timeText(run.startedAt)} (took ${durationText(run.durationMs)})</dd></div>
<div><dt>Mode</dt><dd>${mode}</dd></div>
<div><dt>Evaluated</dt><dd>${timeText(run.evaluatedAt)}</dd></div>
<div><dt>Scanned as</dt><dd><code>${run.callerArn}</code></dd></div>
${run.endpoint === null ? '' : html`<div><dt>Endpoint</dt><dd><code>${run.endpoint}</code> (not the AWS default)</dd></div>`}
</dl>
<nav class="toc" aria-label="Contents"><ul>
<li><a href="#score">Score</a></li><li><a href="#practices">Best practices</a></li><li><a href="#findings">Failing findings</a></li>
<li><a href="#unknown">Unknown results</a></li><li><a href="#coverage">Coverage gaps</a></li><li><a href="#passed">Checks without failures</a></li>
</ul></nav>
</header>`;
}

function banner(report: Report): Html {
  const { summary } = report;
  const stale = report.dataFiles.filter((d) => d.stale);
  const timedOut = report.run.timeout?.reached
    ? html`<div class="banner" role="note"><p><strong>Timed out:</strong> the scan reached its --timeout of ${durationText(report.run.timeout.limitMs)}; what it had not read by then is unknown (error class timed-out in the coverage gaps).</p></div>`
    : html``;
  const incomplete = summary.incomplete
    ? html`<div class="banner" role="note"><p><strong>Incomplete scan:</strong> ${plural(summary.counts.unknown, 'result')} unknown, ${plural(summary.coverageGaps, 'read')} failed — scores are lower bounds. See <a href="#unknown">Unknown results</a> and <a href="#coverage">Coverage gaps</a>.</p></div>`
    : html``;
  const staleNote = stale.map(
    (d) =>
      html`<div class="banner" role="note"><p><strong>Stale data:</strong> ${
        d.retrievedAt === null
          ? `${d.path} is invalid; the checks that use it are unknown.`
          : html`${d.title} (${d.path}) was retrieved ${d.retrievedAt}, ${plural(d.ageDays ?? 0, 'day')} before the scan: results it decides may miss recent changes. Refresh it from ${link(d.source)}.`
      }</p></div>`,
  );
  return html`${timedOut}${incomplete}${staleNote}`;
}

function overview(report: Report): Html {
  const s = report.summary;
  const sevs = SEVERITY_ORDER.map(
    (sev) => html`<li><span>${badge(sev, sev)}</span><span>${num(s.failuresBySeverity[sev])}</span></li>`,
  );
  return html`<section id="score" aria-labelledby="h-score">
<h2 id="h-score">Overall score</h2>
<div class="tiles">
<div class="tile ${band(s.score)}"><h3>Score</h3><p class="big">${scoreText(s.score)}<small> / 100</small></p>${bar(s.score)}<p class="note">Weighted share of passed results; unknown results count as not passed.</p></div>
<div class="tile ${band(s.coverage)}"><h3>Coverage</h3><p class="big">${pct(s.coverage)}</p>${bar(s.coverage)}<p class="note">Share of results that could be determined.</p></div>
<div class="tile"><h3>Results</h3><ul>
<li><span>${badge('fail', 'fail')}</span><span>${num(s.counts.fail)}</span></li>
<li><span>${badge('pass', 'pass')}</span><span>${num(s.counts.pass)}</span></li>
<li><span>${badge('unknown', 'unknown')}</span><span>${num(s.counts.unknown)}</span></li>
<li><span>${badge('none', 'not applicable')}</span><span>${num(s.counts.not_applicable)}</span></li>
</ul><p class="note">Not applicable: the check does not concern the resource; it takes no part in scores.</p></div>
<div class="tile"><h3>Failures by severity</h3><ul>${sevs}</ul></div>
</div>
</section>`;
}

/** Rows listed per table of the changes section; the rest are in report.json. */
const CHANGES_ROWS = 200;

function changes(report: Report): Html {
  const c = report.changes;
  if (!c) return html``;
  const signed = (d: number | null) => (d === null ? 'n/a' : d > 0 ? `+${d.toFixed(1)}` : d.toFixed(1));
  const rows = <
    T extends
      | ChangesSection['new'][number]
      | ChangesSection['resolved'][number]
      | ChangesSection['unresolved'][number],
  >(
    list: T[],
    state: (f: T) => string,
  ) =>
    list
      .slice(0, CHANGES_ROWS)
      .map(
        (f) =>
          html`<tr><td>${badge(f.severity, f.severity)}</td><td><code>${f.checkId}</code></td><td><span class="res-name">${f.resource.name}</span><code class="arn">${f.resource.arn}</code><span class="fid">finding <code>${f.findingId}</code></span></td><td>${state(f)}</td></tr>`,
      );
  const table = <
    T extends
      | ChangesSection['new'][number]
      | ChangesSection['resolved'][number]
      | ChangesSection['unresolved'][number],
  >(
    title: string,
    list: T[],
    stateTitle: string,
    state: (f: T) => string,
  ) =>
    list.length === 0
      ? html``
      : html`<h3>${title}</h3>
<table class="changes">
<thead><tr><th scope="col">Severity</th><th scope="col">Check</th><th scope="col">Resource</th><th scope="col">${stateTitle}</th></tr></thead>
<tbody>${rows(list, state)}</tbody>
</table>${more(Math.min(list.length, CHANGES_ROWS), list.length, 'rows')}`;
  const was: Record<ChangesSection['new'][number]['previously'], string> = {
    pass: 'passed',
    unknown: 'unknown',
    not_applicable: 'not applicable',
    absent: 'resource not there',
    'not-evaluated': 'check not run then',
  };
  const now: Record<ChangesSection['resolved'][number]['now'], string> = {
    pass: 'passes',
    not_applicable: 'not applicable',
    absent: 'resource gone',
  };
  return html`<section id="changes" aria-labelledby="h-changes">
<h2 id="h-changes">Changes since the baseline</h2>
<p>Compared with the ${c.baseline.kind === 'report' ? 'report' : 'inventory'} <code>${c.baseline.file}</code> of the scan started ${timeText(c.baseline.startedAt)} (lambda-posture ${c.baseline.toolVersion}), finding by finding.</p>
<div class="tiles">
<div class="tile"><h3>New failures</h3><p class="big">${num(c.counts.new)}</p><p class="note">Failing now, not failing then.${c.counts.newFromNewChecks > 0 ? ` Also ${num(c.counts.newFromNewChecks)} under checks the baseline did not run.` : ''}</p></div>
<div class="tile"><h3>Resolved</h3><p class="big">${num(c.counts.resolved)}</p><p class="note">Failing then; passing, not applicable or gone now.</p></div>
<div class="tile"><h3>Unchanged</h3><p class="big">${num(c.counts.unchanged)}</p><p class="note">Failing in both.${c.counts.unresolved > 0 ? ` ${num(c.counts.unresolved)} failing then cannot be judged now (unknown or not evaluated): not counted as resolved.` : ''}</p></div>
<div class="tile"><h3>Score</h3><p class="big">${signed(c.score.delta)}</p><p class="note">${scoreText(c.score.before)} → ${scoreText(c.score.after)}; coverage ${pct(c.coverage.before)} → ${pct(c.coverage.after)}.</p></div>
</div>
${table('New failures', c.new, 'Then', (f) => was[f.previously])}
${table('Resolved', c.resolved, 'Now', (f) => now[f.now])}
${table('Failing then, not judged now', c.unresolved, 'Now', (f) => (f.now === 'unknown' ? 'unknown (a read failed)' : 'check not run'))}
${driftTable(c.drift)}
</section>`;
}

function driftTable(drift: ChangesSection['drift']): Html {
  if (!drift.available) return html`<h3>Configuration drift</h3><p>Not compared: ${drift.reason}.</p>`;
  const { added, removed, changed } = drift.functions;
  const fields = (x: Record<string, unknown> | null) => (x === null ? '—' : (evidenceText(x) ?? '—'));
  const rows = drift.items
    .slice(0, CHANGES_ROWS)
    .map(
      (i) =>
        html`<tr><td><code>${i.kind}</code>${i.opened.length > 0 ? html` ${badge('critical', `opens ${i.opened.join(', ')}`)}` : ''}</td><td><span class="res-name">${i.name}</span><code class="arn">${i.arn}</code></td><td><pre>${fields(i.before)}</pre></td><td><pre>${fields(i.after)}</pre></td></tr>`,
    );
  return html`<h3>Configuration drift</h3>
<p>${num(added)} functions added, ${num(removed)} removed, ${num(changed)} changed.${drift.notCompared > 0 ? ` ${num(drift.notCompared)} reads were unread in one of the scans and are not compared.` : ''}${drift.unreadRegions.length > 0 ? ` Not compared (a scan could not list its functions): ${drift.unreadRegions.join(', ')}.` : ''}</p>
${
  drift.items.length === 0
    ? ''
    : html`<table class="changes">
<thead><tr><th scope="col">Change</th><th scope="col">Function</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
<tbody>${rows}</tbody>
</table>${more(Math.min(drift.items.length, CHANGES_ROWS), drift.items.length, 'changes')}`
}`;
}

function practices(report: Report): Html {
  const rows = (Object.keys(report.summary.practices) as Practice[]).sort().map((p) => {
    const line = report.summary.practices[p];
    return html`<tr><th scope="row">${p}</th><td>${line.title}</td><td class="${band(line.score)}">${scoreText(line.score)} ${bar(line.score)}</td><td class="n">${pct(line.coverage)}</td><td class="n">${num(line.counts.pass)}</td><td class="n">${num(line.counts.fail)}</td><td class="n">${num(line.counts.unknown)}</td><td class="n">${num(line.counts.not_applicable)}</td></tr>`;
  });
  return html`<section id="practices" aria-labelledby="h-practices">
<h2 id="h-practices">Best practices</h2>
<table class="practices">
<caption>Score (0–100) and coverage per practice; n/a: no check of that practice produced a result.</caption>
<thead><tr><th scope="col">Practice</th><th scope="col">Title</th><th scope="col">Score</th><th scope="col" class="n">Coverage</th><th scope="col" class="n">Pass</th><th scope="col" class="n">Fail</th><th scope="col" class="n">Unknown</th><th scope="col" class="n">N/A</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
}

function checkMeta(check: ReportCheck): Html {
  const practiceTitle = PRACTICE_TITLES[check.practice];
  const threats = check.threats.map((t) => `${t} — ${THREAT_TITLES[t] ?? t}`).join('; ');
  const frameworks = Object.entries(check.frameworks)
    .filter(([, ids]) => ids.length > 0)
    .map(([fw, ids]) => `${fw}: ${ids.join(', ')}`)
    .join('; ');
  return html`<dl class="meta">
<dt>Check</dt><dd><code>${check.id}</code></dd>
<dt>Severity</dt><dd>${badge(check.severity, check.severity)}</dd>
<dt>Practice</dt><dd>${check.practice}${practiceTitle ? ` — ${practiceTitle}` : ''}</dd>
<dt>Threats</dt><dd>${threats || '—'}</dd>
<dt>Resource type</dt><dd><code>${check.resourceType}</code></dd>
${frameworks ? html`<dt>Frameworks</dt><dd>${frameworks}</dd>` : ''}
</dl>`;
}

function resourceCell(r: ReportResult): Html {
  return html`<td><span class="res-name">${r.resource.name}</span><code class="arn">${r.resource.arn}</code><span class="fid">finding <code>${r.findingId}</code></span></td>`;
}

function findings(views: Map<string, CheckView>): Html {
  const failing = [...views.values()].filter((v) => v.failed.length > 0);
  const total = failing.reduce((a, v) => a + v.failed.length, 0);
  const groups = SEVERITY_ORDER.map((sev) => {
    const inGroup = failing
      .filter((v) => v.check.severity === sev)
      .sort((a, b) => b.failed.length - a.failed.length || (a.check.id < b.check.id ? -1 : 1));
    const count = inGroup.reduce((a, v) => a + v.failed.length, 0);
    const heading = html`<h3 id="${`sev-${sev}`}">${badge(sev, SEVERITY_LABEL[sev])} ${
      inGroup.length === 0
        ? 'no failing checks'
        : `${plural(inGroup.length, 'check')}, ${plural(count, 'failing resource')}`
    }</h3>`;
    const body = inGroup.map((v) => finding(v, sev === 'critical' || sev === 'high'));
    return html`<section class="${`sev sev-${sev}`}" aria-labelledby="${`sev-${sev}`}">
${heading}
${body}
</section>
`;
  });
  return html`<section id="findings" aria-labelledby="h-findings">
<h2 id="h-findings">Failing findings</h2>
<p>${total === 0 ? 'No check failed.' : `${plural(total, 'failing result')} in ${plural(failing.length, 'check')}, most severe first.`}</p>
${groups}
</section>`;
}

type AccessReport = NonNullable<Report['access']>;

function actionsText(m: AccessModifier): Html {
  const plain = m.actions.every((x) => x.decision === 'allowed' && !x.mfaRequired);
  // Every modify action: say so instead of listing fifteen.
  if (plain && m.actions.length >= MODIFY_ACTIONS.length) return html`every modify action`;
  return html`${m.actions.map((x, i) => html`${i > 0 ? ', ' : ''}${x.action.replace(/^lambda:/, '')}${x.decision === 'conditional' ? ' (conditional)' : ''}${x.mfaRequired ? ' (MFA)' : ''}`)}`;
}
type AccessModifier = AccessReport['regions'][number]['modifiers'][number];

/** Who can change the functions: per region the principals that can change every function, then the exceptions. */
function access(report: Report): Html {
  const a = report.access;
  if (!a) return html``;
  if (!a.available) {
    return html`<section id="access" aria-labelledby="h-access">
<h2 id="h-access">Who can change your functions</h2>
<p>${badge('unknown', 'unknown')} Not analysed: ${a.reason ?? 'the IAM authorization details could not be read'}.</p>
</section>`;
  }
  const modifierRows = (list: readonly AccessModifier[]) =>
    list.slice(0, HTML_RESOURCE_LIMIT).map(
      (
        m,
      ) => html`<tr><td><code>${m.kind} ${m.name}</code>${m.consoleWithoutMfa ? html` ${badge('critical', 'console, no MFA')}` : ''}${m.staleKey ? html` ${badge('high', 'key > 90 days')}` : ''}</td><td>${m.categories.join(', ')}</td><td>${actionsText(m)}</td><td>${[...new Set(m.actions.flatMap((x) => x.statements))].slice(0, 3).join('; ')}</td></tr>
`,
    );
  const table = (list: readonly AccessModifier[]) =>
    list.length === 0
      ? html`<p>Nobody (besides the account root user).</p>`
      : html`<table><thead><tr><th scope="col">Principal</th><th scope="col">Can change</th><th scope="col">Actions</th><th scope="col">Granted by</th></tr></thead><tbody>
${modifierRows(list)}</tbody></table>${more(Math.min(list.length, HTML_RESOURCE_LIMIT), list.length, 'principals')}`;
  const regions = a.regions.map(
    (r) => html`<h3>${regionText(r.region)}: every one of its ${plural(r.functionCount, 'function')}</h3>
${table(r.modifiers)}`,
  );
  const shown = a.functionGroups.slice(0, HTML_RESOURCE_LIMIT);
  const names = (list: readonly string[]) =>
    `${list.slice(0, 12).join(', ')}${list.length > 12 ? ` and ${num(list.length - 12)} more` : ''}`;
  const singled =
    a.functionGroups.length === 0
      ? html``
      : html`<h3>Functions with their own modifiers</h3>
<p>These functions’ lists differ from their region’s (a grant on their name, a resource-policy grant, or a deny that singles them out). Functions with the same list are grouped; each group shows what differs from the region’s list above.</p>
${shown.map(
  (g) =>
    html`<details><summary>${plural(g.functions.length, 'function')} in ${regionText(g.region)} (${names(g.functions)}): ${plural(g.modifiers.length, 'principal')} more or different${g.withoutRegionModifiers.length > 0 ? `, ${num(g.withoutRegionModifiers.length)} of the region’s cannot` : ''}</summary>${table(g.modifiers)}${
      g.withoutRegionModifiers.length > 0
        ? html`<p>Cannot modify these functions, unlike the rest of the region: ${g.withoutRegionModifiers.slice(0, 20).map((a, i) => html`${i > 0 ? ', ' : ''}<code>${a}</code>`)}${g.withoutRegionModifiers.length > 20 ? ` and ${num(g.withoutRegionModifiers.length - 20)} more` : ''}.</p>`
        : ''
    }</details>
`,
)}${more(shown.length, a.functionGroups.length, 'groups')}`;
  const unknown =
    a.unknownPrincipals.length === 0
      ? html``
      : html`<p>${badge('unknown', 'unknown')} ${plural(a.unknownPrincipals.length, 'principal')} could not be analysed: ${a.unknownPrincipals
          .slice(0, 20)
          .map(
            (u, i) => html`${i > 0 ? '; ' : ''}<code>${u.kind} ${u.name}</code> (${u.reasons[0] ?? ''})`,
          )}.</p>`;
  return html`<section id="access" aria-labelledby="h-access">
<h2 id="h-access">Who can change your functions</h2>
<p>Principals allowed to change function code, configuration, permissions or entry points, after every deny, permissions boundary and condition the scan can decide (see the README’s “IAM evaluator” for what stays conditional).</p>
${regions}
${singled}
${unknown}
</section>`;
}

function finding(view: CheckView, open: boolean): Html {
  const { check, failed } = view;
  const shown = failed.slice(0, HTML_RESOURCE_LIMIT);
  const rows = shown.map((r) => {
    const ev = evidenceText(r.evidence);
    return html`<tr>${resourceCell(r)}<td class="nw">${regionText(r.resource.region)}</td><td>${r.message}</td><td>${ev === null ? '—' : html`<pre class="evidence">${ev}</pre>`}</td></tr>
`;
  });
  const refs = check.references.map((u) => html`<li>${link(u)}</li>`);
  return html`<details class="finding" id="${`check-${check.id}`}"${open ? new Html(' open') : ''}>
<summary>${badge('fail', 'fail')} <span class="title">${check.title}</span> <code>${check.id}</code> <span class="count">${plural(failed.length, 'failing resource')}</span></summary>
<div class="body">
${checkMeta(check)}
<h4>Why it matters</h4>
<p>${check.rationale}</p>
<h4>Remediation</h4>
<p>${check.remediation.text}</p>
${check.remediation.cli ? html`<pre><code>${check.remediation.cli}</code></pre>` : ''}
${refs.length > 0 ? html`<h4>References</h4><ul>${refs}</ul>` : ''}
<h4>Failing resources (${num(failed.length)})</h4>
<table class="resources">
<thead><tr><th scope="col">Resource</th><th scope="col" class="nw">Region</th><th scope="col">Finding</th><th scope="col">Evidence</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
${more(shown.length, failed.length, 'failing resources')}
</div>
</details>
`;
}

function unknowns(views: Map<string, CheckView>, total: number): Html {
  const withUnknown = [...views.values()]
    .filter((v) => v.unknown.length > 0)
    .sort(
      (a, b) =>
        SEVERITY_ORDER.indexOf(a.check.severity) - SEVERITY_ORDER.indexOf(b.check.severity) ||
        (a.check.id < b.check.id ? -1 : 1),
    );
  const blocks = withUnknown.map((v) => {
    const shown = v.unknown.slice(0, HTML_RESOURCE_LIMIT);
    const rows = shown.map(
      (r) =>
        html`<tr>${resourceCell(r)}<td class="nw">${regionText(r.resource.region)}</td><td>${r.message}</td><td>${
          r.error
            ? `${r.error.service}:${r.error.operation} — ${r.error.class} (${r.error.code || 'no code'})`
            : '—'
        }</td></tr>
`,
    );
    return html`<details class="unknown" id="${`unknown-${v.check.id}`}">
<summary>${badge('unknown', 'unknown')} <span class="title">${v.check.title}</span> <code>${v.check.id}</code> ${badge(v.check.severity, v.check.severity)} <span class="count">${plural(v.unknown.length, 'unknown result')}</span></summary>
<div class="body">
<table>
<thead><tr><th scope="col">Resource</th><th scope="col" class="nw">Region</th><th scope="col">Reason</th><th scope="col">Failed read</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
${more(shown.length, v.unknown.length, 'unknown results')}
</div>
</details>
`;
  });
  return html`<section id="unknown" aria-labelledby="h-unknown">
<h2 id="h-unknown">Unknown results</h2>
${
  total === 0
    ? html`<p>None: every check could be answered for every resource.</p>`
    : html`<p>${plural(total, 'result')} could not be determined, usually because a read was denied or failed. They count as not passed and lower coverage.</p>
${blocks}`
}
</section>`;
}

function coverage(report: Report): Html {
  const gaps = report.coverage;
  if (gaps.length === 0) {
    return html`<section id="coverage" aria-labelledby="h-coverage">
<h2 id="h-coverage">Coverage gaps</h2>
<p>None: every read succeeded.</p>
</section>`;
  }
  const shown = gaps.slice(0, HTML_COVERAGE_LIMIT);
  const rows = shown.map(
    (g) =>
      html`<tr><td class="nw">${g.service}</td><td class="nw">${g.operation}</td><td class="nw">${regionText(g.region)}</td><td>${g.resource === null ? '—' : html`<code>${g.resource}</code>`}</td><td class="nw">${badge('unknown', g.error.class)}</td><td class="nw"><code>${g.error.code || '—'}</code></td><td>${g.error.message}</td></tr>
`,
  );
  return html`<section id="coverage" aria-labelledby="h-coverage">
<h2 id="h-coverage">Coverage gaps</h2>
<p>${plural(gaps.length, 'read')} failed. What they would have shown is unknown; grant the missing permissions or retry, then scan again.</p>
<table>
<thead><tr><th scope="col">Service</th><th scope="col">Operation</th><th scope="col">Region</th><th scope="col">Resource</th><th scope="col">Error class</th><th scope="col">Code</th><th scope="col">Message</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
${more(shown.length, gaps.length, 'failed reads')}
</section>`;
}

function passed(views: Map<string, CheckView>): Html {
  const clean = [...views.values()].filter((v) => v.check.counts.fail === 0 && v.failed.length === 0);
  const rows = clean.map(({ check }) => {
    const c = check.counts;
    const status =
      c.pass === 0 && c.unknown === 0
        ? badge('none', c.not_applicable > 0 ? 'not applicable' : 'no resources')
        : c.pass === 0
          ? badge('unknown', 'unknown')
          : c.unknown > 0
            ? html`${badge('pass', 'pass')} ${badge('unknown', `${c.unknown} unknown`)}`
            : badge('pass', 'pass');
    return html`<tr><td><code>${check.id}</code></td><td>${check.title}</td><td>${badge(check.severity, check.severity)}</td><td>${check.practice}</td><td>${status}</td><td class="n">${num(c.pass)}</td></tr>
`;
  });
  const kinds = { passed: 0, partly: 0, empty: 0 };
  for (const { check: c } of clean) {
    if (c.counts.pass === 0 && c.counts.unknown === 0) kinds.empty += 1;
    else if (c.counts.unknown > 0) kinds.partly += 1;
    else kinds.passed += 1;
  }
  const breakdown = [
    `${num(kinds.passed)} passed for every resource`,
    kinds.partly > 0 ? `${num(kinds.partly)} with unknown results` : '',
    kinds.empty > 0 ? `${num(kinds.empty)} with no resources` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return html`<section id="passed" aria-labelledby="h-passed">
<h2 id="h-passed">Checks without failures</h2>
${
  clean.length === 0
    ? html`<p>Every check failed for at least one resource.</p>`
    : html`<details>
<summary><span class="title">${plural(clean.length, 'check')} without a failing result</span> <span class="count">${breakdown}</span></summary>
<div class="body">
<table>
<thead><tr><th scope="col">Check</th><th scope="col">Title</th><th scope="col">Severity</th><th scope="col">Practice</th><th scope="col">Result</th><th scope="col" class="n">Passed</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
</div>
</details>`
}
</section>`;
}

function footer(report: Report): Html {
  const { run } = report;
  return html`<footer>
<p>Generated by lambda-posture ${report.tool.version} · report schema ${report.schemaVersion} · evaluated ${timeText(run.evaluatedAt)} · ${plural(run.apiCalls.total, 'API call')}${run.throttledResponses > 0 ? ` (${plural(run.throttledResponses, 'throttled response')})` : ''} · the complete data is in report.json.</p>
${report.dataFiles.length > 0 ? html`<p>Data: ${report.dataFiles.map((d, i) => html`${i > 0 ? '; ' : ''}${d.title}${d.version ? ` ${d.version}` : ''} retrieved ${d.retrievedAt ?? 'invalid'}${d.ageDays === null ? '' : ` (${plural(d.ageDays, 'day')} old at the scan${d.stale ? ', stale' : ''})`}`)}.</p>` : ''}
</footer>`;
}
