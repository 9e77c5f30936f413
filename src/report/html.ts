/**
 * The HTML report: one self-contained page for a person to read, print or attach to a ticket.
 * No external request of any kind (a CSP meta forbids them), one inline script allowed by its
 * hash and no other (html/client.ts), and every value from the report goes through `html`, the
 * tagged template below, which escapes it (escape-goat) unless it is markup this file built.
 * Links are only made from https:// references.
 *
 * Progressive enhancement: without script the page shows the grade, the score, the findings to
 * fix first and the failing findings by check, cut at HTML_RESOURCE_LIMIT per check and
 * HTML_FAILURE_LIMIT in all (report.json always has them all). With script, the findings table
 * (filters, search, sorting, pages) is built from every result, embedded compactly (html/data.ts),
 * and each function's name in it opens a panel (also reachable as #fn=<region>/<name>) with the
 * function's exposure, who can modify it, its recent changes (--changes-since) and all its
 * findings. The panel is script-only: without script the same facts are in the failing findings,
 * the unknown results, "Who can change your functions" and "Changes to functions"
 * (html/change-history.ts, which holds the most recently changed functions' rows).
 */

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
import { durationText } from '../text/duration.js';
import { changeHistorySection } from './html/change-history.js';
import { CLIENT_SCRIPT } from './html/client.js';
import { pageCsp } from './html/csp.js';
import { embeddedData, scriptJson } from './html/data.js';
import { type AccessModifier, actionsLine } from './html/functions.js';
import { badge, Html, html, link, num, plural, timeText } from './html/markup.js';
import { band, bar, gradeTile, pct, scoreText } from './html/scores.js';
import { STYLE } from './html/style.js';
import { fixFirst } from './priority.js';
import type { ChangesSection, DriftSection, Report, ReportCheck, ReportResult } from './schema.js';

/** Failing (or unknown) resources listed per check before "and N more — see report.json". */
export const HTML_RESOURCE_LIMIT = 500;
/** Failing resources listed in the server-side HTML in all, most severe checks first. */
export const HTML_FAILURE_LIMIT = 2000;
/** Findings listed under "Fix these first". */
export const HTML_FIX_FIRST = 8;
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
// Formatting
// ---------------------------------------------------------------------------------------------
const regionText = (r: string | null) => r ?? 'global';

function evidenceText(evidence: Record<string, unknown>): string | null {
  if (Object.keys(evidence).length === 0) return null;
  const text = JSON.stringify(evidence);
  if (text.length <= EVIDENCE_LIMIT) return text;
  let cut = EVIDENCE_LIMIT;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // do not split a surrogate pair
  return `${text.slice(0, cut)}… (cut; the full evidence is in report.json)`;
}

function more(shown: number, total: number, what: string): Html {
  if (total <= shown) return html``;
  return html`<p class="more">…and ${num(total - shown)} more ${what} — see report.json for the full list.</p>`;
}

// ---------------------------------------------------------------------------------------------
// The stylesheet. Colour is never the only signal: every status and severity is also a word.
// ---------------------------------------------------------------------------------------------

/**
 * The page's CSP: nothing may load; the only script that may run is the page's own, and the only
 * stylesheet, each pinned by its hash (a script injected through data could never match it).
 */
export const HTML_CSP = pageCsp({ scripts: [CLIENT_SCRIPT], styles: [STYLE] });

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
<meta name="color-scheme" content="light dark">
<meta name="generator" content="${`lambda-posture ${report.tool.version}`}">
<title>${`Lambda security posture — account ${run.accountId}`}</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
${header(report)}
<main>
${banner(report)}
${overview(report)}
${first(report)}
${changes(report)}
${changeHistorySection(report)}
${practices(report)}
${resultsTable(report)}
${findings(views)}
${suppressionsSection(report)}
${access(report)}
${unknowns(views, summary.counts.unknown)}
${coverage(report)}
${passed(views)}
</main>
${footer(report)}
<script type="application/json" id="lp-data">${new Html(scriptJson(embeddedData(report, new Map(report.checks.map((c) => [c.id, c])))))}</script>
<script>${new Html(CLIENT_SCRIPT)}</script>
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
<li><a href="#score">Score</a></li><li><a href="#first">Fix these first</a></li><li><a href="#change-history">Changes</a></li><li><a href="#practices">Best practices</a></li><li><a href="#findings">Failing findings</a></li>
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

/** Failed reads by service:operation, the most first, with their error classes. */
function failedReads(report: Report, limit: number) {
  const byOp = new Map<string, { what: string; count: number; classes: Set<string> }>();
  for (const g of report.coverage) {
    const what = `${g.service}:${g.operation}`;
    const e = byOp.get(what) ?? { what, count: 0, classes: new Set<string>() };
    e.count += 1;
    e.classes.add(g.error.class);
    byOp.set(what, e);
  }
  const all = [...byOp.values()].sort((a, b) => b.count - a.count || (a.what < b.what ? -1 : 1));
  return { shown: all.slice(0, limit), total: all.length };
}

function unreadTile(report: Report): Html {
  const { shown, total } = failedReads(report, 5);
  if (total === 0)
    return html`<div class="tile"><h3>Could not be read</h3><p>Nothing: every read succeeded.</p></div>`;
  return html`<div class="tile"><h3>Could not be read</h3><ul>${shown.map(
    (r) =>
      html`<li><span><code>${r.what}</code> <span class="note">${[...r.classes].sort().join(', ')}</span></span><span>${num(r.count)}</span></li>`,
  )}</ul>${total > shown.length ? html`<p class="note">…and ${num(total - shown.length)} more operations.</p>` : ''}<p class="note"><a href="#coverage">Every failed read</a> and <a href="#unknown">what it left unknown</a>.</p></div>`;
}

function overview(report: Report): Html {
  const s = report.summary;
  const sevs = SEVERITY_ORDER.map(
    (sev) => html`<li><span>${badge(sev, sev)}</span><span>${num(s.failuresBySeverity[sev])}</span></li>`,
  );
  return html`<section id="score" aria-labelledby="h-score">
<h2 id="h-score">Overall score</h2>
<div class="tiles">
${gradeTile(s)}
<div class="tile ${band(s.score)}"><h3>Score</h3><p class="big">${scoreText(s.score)}<small> / 100</small></p>${bar(s.score)}<p class="note">Weighted share of passed results; unknown results count as not passed.</p></div>
<div class="tile ${band(s.coverage)}"><h3>Coverage</h3><p class="big">${pct(s.coverage)}</p>${bar(s.coverage)}<p class="note">Share of results that could be determined.</p></div>
<div class="tile"><h3>Results</h3><ul>
<li><span>${badge('fail', 'fail')}</span><span>${num(s.counts.fail)}</span></li>
<li><span>${badge('pass', 'pass')}</span><span>${num(s.counts.pass)}</span></li>
<li><span>${badge('unknown', 'unknown')}</span><span>${num(s.counts.unknown)}</span></li>
<li><span>${badge('none', 'not applicable')}</span><span>${num(s.counts.not_applicable)}</span></li>
</ul><p class="note">Not applicable: the check does not concern the resource; it takes no part in scores.</p></div>
<div class="tile"><h3>Failures by severity</h3><ul>${sevs}</ul></div>
${unreadTile(report)}
</div>
</section>`;
}

/** The handful of findings to fix first (critical/high, public exposure, escalation paths). */
function first(report: Report): Html {
  const list = fixFirst(report, HTML_FIX_FIRST);
  const titles = new Map(report.checks.map((c) => [c.id, c.title]));
  const items = list.map(
    ({ result: r, reason }) =>
      html`<li class="${`sev-${r.severity}`}">${badge(r.severity, r.severity)}${reason ? html` ${badge('fail', reason)}` : ''} <strong>${titles.get(r.checkId) ?? r.checkId}</strong> — <span class="res-name">${r.resource.name}</span> (${regionText(r.resource.region)})<br><span class="why">${r.message}</span> · <a href="${`#check-${r.checkId}`}"><code>${r.checkId}</code></a></li>`,
  );
  return html`<section id="first" aria-labelledby="h-first">
<h2 id="h-first">Fix these first</h2>
${
  items.length === 0
    ? html`<p>Nothing urgent: no critical or high finding, no public exposure, no escalation path fails.</p>`
    : html`<p>Failing critical and high findings, public exposure and escalation paths, one per check before a second of any.</p><ol class="first">${items}</ol>`
}
</section>`;
}

/** The interactive findings table: hidden in the HTML, shown and filled by the script. */
function resultsTable(report: Report): Html {
  const checks = report.checks;
  const uniq = (xs: Iterable<string>) => [...new Set(xs)].sort();
  const regions = uniq([
    ...report.run.regions,
    ...(report.results.some((r) => r.resource.region === null) ? ['global'] : []),
  ]);
  const select = (id: string, label: string, values: readonly string[], def = '') =>
    html`<label for="${id}">${label}<select id="${id}"${def ? new Html(` data-default="${htmlEscape(def)}"`) : ''}><option value="">all</option>${values.map((v) => html`<option value="${v}">${v.replace('_', ' ')}</option>`)}</select></label>`;
  const hasFail = report.summary.counts.fail > 0;
  const frameworks = FRAMEWORK_IDS.filter((f) => checks.some((c) => (c.frameworks[f] ?? []).length > 0));
  const th = (key: string, label: string) =>
    html`<th scope="col" data-sort="${key}" aria-sort="none"><button type="button">${label}</button></th>`;
  return html`<section id="results-section" aria-labelledby="h-results" hidden>
<h2 id="h-results">All results</h2>
<div class="controls" role="search" aria-label="Filter the results">
${select('f-severity', 'Severity', SEVERITY_ORDER)}
${select('f-practice', 'Practice', uniq(checks.map((c) => c.practice)))}
${select('f-service', 'Service', uniq(checks.map((c) => c.service)))}
${select('f-region', 'Region', regions)}
${select('f-status', 'Status', ['fail', 'unknown', 'pass', 'not_applicable', 'suppressed'], hasFail ? 'fail' : '')}
${select('f-framework', 'Framework', frameworks)}
<label for="f-q" class="search">Search (check, resource, message)<input id="f-q" type="search" autocomplete="off" spellcheck="false"></label>
</div>
<p id="results-info" aria-live="polite"></p>
<table class="results" id="results">
<thead><tr>${th('severity', 'Severity')}${th('status', 'Status')}${th('check', 'Check')}${th('resource', 'Resource')}${th('region', 'Region')}${th('practice', 'Practice')}${th('message', 'Finding')}</tr></thead>
<tbody></tbody>
</table>
<div class="pager"><button type="button" id="results-prev">Previous page</button><button type="button" id="results-next">Next page</button></div>
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
  // A finding that failed then too is new for its events, and says how many (below).
  const was: Record<Exclude<ChangesSection['new'][number]['previously'], 'fail'>, string> = {
    pass: 'passed',
    unknown: 'unknown',
    not_applicable: 'not applicable',
    absent: 'resource not there',
    'not-evaluated': 'check not run then',
    'not-listed': 'not a failure then (not listed)',
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
<div class="tile"><h3>New failures</h3><p class="big">${num(c.counts.new)}</p><p class="note">Failing now, not failing then, or failing with a change (CloudTrail event) not seen then.${c.counts.newFromNewChecks > 0 ? ` Also ${num(c.counts.newFromNewChecks)} under checks the baseline did not run.` : ''}</p></div>
<div class="tile"><h3>Resolved</h3><p class="big">${num(c.counts.resolved)}</p><p class="note">Failing then; passing, not applicable or gone now.</p></div>
<div class="tile"><h3>Unchanged</h3><p class="big">${num(c.counts.unchanged)}</p><p class="note">Failing in both.${c.counts.unresolved > 0 ? ` ${num(c.counts.unresolved)} failing then cannot be judged now (unknown or not evaluated): not counted as resolved.` : ''}</p></div>
<div class="tile"><h3>Score</h3><p class="big">${signed(c.score.delta)}</p><p class="note">${scoreText(c.score.before)} → ${scoreText(c.score.after)}; coverage ${pct(c.coverage.before)} → ${pct(c.coverage.after)}.</p></div>
</div>
${table('New failures', c.new, 'Then', (f) => (f.previously === 'fail' ? `failing; ${num(f.newOccurrences ?? 0)} event(s) new since` : was[f.previously]))}
${table('Resolved', c.resolved, 'Now', (f) => now[f.now])}
${table('Failing then, not judged now', c.unresolved, 'Now', (f) => (f.now === 'unknown' ? 'unknown (a read failed)' : 'check not run'))}
${driftTable(c.drift)}
</section>`;
}

/** Beside a code change: whether a published version carries the new code. */
function codePublishedNote(state: DriftSection['items'][number]['codePublished']): Html | '' {
  if (state === 'unpublished') return html` ${badge('medium', 'no published version has this code')}`;
  if (state === 'unknown') return html` <span class="note">versions not read (--deep)</span>`;
  return '';
}

function driftTable(drift: ChangesSection['drift']): Html {
  if (!drift.available) return html`<h3>Configuration drift</h3><p>Not compared: ${drift.reason}.</p>`;
  const { added, removed, changed } = drift.functions;
  const fields = (x: Record<string, unknown> | null) => (x === null ? '—' : (evidenceText(x) ?? '—'));
  const rows = drift.items
    .slice(0, CHANGES_ROWS)
    .map(
      (i) =>
        html`<tr><td><code>${i.kind}</code>${i.opened.length > 0 ? html` ${badge('critical', `opens ${i.opened.join(', ')}`)}` : ''}${codePublishedNote(i.codePublished)}</td><td><span class="res-name">${i.name}</span><code class="arn">${i.arn}</code></td><td><pre>${fields(i.before)}</pre></td><td><pre>${fields(i.after)}</pre></td></tr>`,
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
${practiceChart(report)}
<table class="practices">
<caption>Score (0–100) and coverage per practice; n/a: no check of that practice produced a result.</caption>
<thead><tr><th scope="col">Practice</th><th scope="col">Title</th><th scope="col">Score</th><th scope="col" class="n">Coverage</th><th scope="col" class="n">Pass</th><th scope="col" class="n">Fail</th><th scope="col" class="n">Unknown</th><th scope="col" class="n">N/A</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
}

/** BP1–BP7 as an inline SVG bar chart: the score as a bar, score and coverage as words beside it. */
function practiceChart(report: Report): Html {
  const ps = (Object.keys(report.summary.practices) as Practice[]).sort();
  const rowH = 30;
  const x0 = 48;
  const w = 420;
  const rows = ps.map((p, i) => {
    const line = report.summary.practices[p];
    const y = 8 + i * rowH;
    const width = line.score === null ? 0 : Math.round((Math.max(0, Math.min(100, line.score)) / 100) * w);
    return html`<g><title>${`${p} ${line.title}: score ${scoreText(line.score)}, coverage ${pct(line.coverage)}`}</title><text class="lbl" x="0" y="${y + 16}">${p}</text><rect class="track" x="${x0}" y="${y + 2}" width="${w}" height="18" rx="2"></rect>${width > 0 ? html`<rect class="${`s-${band(line.score)}`}" x="${x0}" y="${y + 2}" width="${width}" height="18" rx="2"></rect>` : ''}<text x="${x0 + w + 10}" y="${y + 16}">${scoreText(line.score)}</text><text class="cov" x="${x0 + w + 58}" y="${y + 16}">${`coverage ${pct(line.coverage)}`}</text></g>`;
  });
  const h = 16 + ps.length * rowH;
  return html`<svg class="chart" viewBox="${`0 0 640 ${h}`}" role="img" aria-labelledby="chart-title"><title id="chart-title">Score per practice (0–100), with coverage beside it</title>${rows}</svg>`;
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
  const accepted = r.suppression
    ? html`<span class="note">suppressed by rule ${r.suppression.rule}: ${r.suppression.reason}${r.suppression.expires ? ` (until ${r.suppression.expires})` : ''} — not counted</span>`
    : '';
  return html`<td><span class="res-name">${r.resource.name}</span><code class="arn">${r.resource.arn}</code><span class="fid">finding <code>${r.findingId}</code></span>${accepted}</td>`;
}

/** --suppressions: every rule with its state, so an expired or unused rule is seen where it matters. */
function suppressionsSection(report: Report): Html | string {
  const s = report.suppressions;
  if (!s) return '';
  const rows = s.rules.map(
    (r) =>
      html`<tr><td class="n">${r.rule}</td><td>${badge(r.state === 'active' ? 'pass' : 'unknown', r.state)}</td><td><code>${[r.check, r.resource, r.findingId, r.account, r.region].filter((x) => x !== undefined).join(' ')}</code></td><td>${r.reason}</td><td class="nw">${r.expires ?? '—'}</td><td class="n">${num(r.matched)}</td></tr>
`,
  );
  return html`<section id="suppressions"><h2>Suppressions</h2>
<p>${plural(s.rules.length, 'rule')} from <code>${s.file}</code>: ${num(report.summary.suppressed?.fail ?? 0)} failing and ${num(report.summary.suppressed?.unknown ?? 0)} unknown results accepted. They are listed with their reason and count neither in the score nor in the exit code. An expired rule suppresses nothing.</p>
<table><thead><tr><th scope="col">Rule</th><th scope="col">State</th><th scope="col">Covers</th><th scope="col">Reason</th><th scope="col">Expires</th><th scope="col">Results</th></tr></thead>
<tbody>
${rows}</tbody></table></section>`;
}

function findings(views: Map<string, CheckView>): Html {
  const failing = [...views.values()].filter((v) => v.failed.length > 0);
  const total = failing.reduce((a, v) => a + v.failed.length, 0);
  const budget = { left: HTML_FAILURE_LIMIT };
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
    const body = inGroup.map((v) => finding(v, sev === 'critical' || sev === 'high', budget));
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

function actionsText(m: AccessModifier): Html {
  return html`${actionsLine(m)}`;
}

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

function finding(view: CheckView, open: boolean, budget: { left: number }): Html {
  const { check, failed } = view;
  const shown = failed.slice(0, Math.min(HTML_RESOURCE_LIMIT, budget.left));
  budget.left -= shown.length;
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
