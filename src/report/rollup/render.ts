/**
 * The roll-up's renderers: rollup.json (the document, keys in the schema's order, 2-space
 * indented, trailing newline) and rollup.html, one self-contained page like the account report
 * (src/report/html.ts), built from the same parts: its stylesheet, the escaping `html` template,
 * the grade tile and score bars, and a CSP that pins the stylesheets by hash. The page has no
 * script at all (script-src 'none'): everything is in the markup, so it reads the same without
 * script, prints, and fits a 390 px phone (the accounts table turns into cards there).
 *
 * Account names, OU paths and messages are chosen by whoever runs the accounts: every one goes
 * through `html` (escaped) and sits in a <bdi>, so a direction mark cannot reorder the text
 * around it. The only links are relative links to each account's report, made only from a
 * reportDir of the exact form accounts/<12 digits>.
 */
import { PRACTICE_TITLES, type Practice, SEVERITY_ORDER } from '../../engine/check.js';
import { pageCsp } from '../html/csp.js';
import { badge, Html, html, num, plural, timeText } from '../html/markup.js';
import { band, bar, gradeTile, pct, scoreText } from '../html/scores.js';
import { STYLE } from '../html/style.js';
import { type Rollup, type RollupAccount, RollupSchema } from './schema.js';

const PRACTICES = Object.keys(PRACTICE_TITLES).sort() as Practice[];

/** What the roll-up adds to the account report's stylesheet (which it uses unchanged). */
export const ROLLUP_STYLE = `
.grade.sm{min-width:1.9rem;height:1.9rem;font-size:1.1rem;border-radius:5px}
.acct-id{display:block;color:var(--muted);font-size:.78em;font-variant-numeric:tabular-nums;white-space:nowrap}
.acct-name{font-weight:600}
table.accounts td,table.heat td{unicode-bidi:isolate}
table.heat td,table.heat th{text-align:center;white-space:nowrap}
table.heat th[scope=row]{text-align:left;white-space:normal;min-width:8rem}
table.heat td.h-good{background:#dcfce7;color:#14532d}table.heat td.h-fair{background:#fef3c7;color:#78350f}
table.heat td.h-poor{background:#fee2e2;color:#7f1d1d}table.heat td.h-na{background:var(--soft);color:var(--muted)}
table.heat tr.org th,table.heat tr.org td{font-weight:700;border-bottom:2px solid var(--muted)}
tr.st-failed td,tr.st-failed th{background:#fff1f2}
@media (prefers-color-scheme:dark){
table.heat td.h-good{background:#0f2e1a;color:#bbf7d0}table.heat td.h-fair{background:#2e2305;color:#fde68a}
table.heat td.h-poor{background:#3a1214;color:#fecaca}
tr.st-failed td,tr.st-failed th{background:#2a1215}
}
@media (max-width:700px){
table.accounts,table.accounts tbody,table.accounts tr,table.accounts td{display:block;width:100%}
table.accounts{overflow:visible}
table.accounts thead{display:none}
table.accounts tr{border:1px solid var(--line);border-radius:6px;margin:.5rem 0;padding:.25rem .5rem}
table.accounts td{border:0;padding:.15rem 0;text-align:left}
table.accounts td::before{content:attr(data-label) ": ";color:var(--muted);font-size:.8rem}
}
`;

/** The roll-up page's CSP: no script; the two stylesheets pinned by hash. */
export const ROLLUP_CSP = pageCsp({ scripts: [], styles: [STYLE, ROLLUP_STYLE] });

export interface RollupRenderer {
  fileName: string;
  render(rollup: Rollup): string;
}

export const ROLLUP_RENDERERS = {
  json: { fileName: 'rollup.json', render: renderRollupJson },
  html: { fileName: 'rollup.html', render: renderRollupHtml },
} as const satisfies Record<string, RollupRenderer>;

/** The document in the schema's key order (a parse lays it out so), whatever built the object. */
export function renderRollupJson(rollup: Rollup): string {
  return `${JSON.stringify(RollupSchema.parse(rollup), null, 2)}\n`;
}

/** The relative link to an account's report page, only from a reportDir of the expected form. */
export function reportHref(reportDir: string | null): string | null {
  return reportDir !== null && /^accounts\/\d{12}$/.test(reportDir) ? `${reportDir}/report.html` : null;
}

const STATUS_BADGE: Record<RollupAccount['status'], [string, string]> = {
  scanned: ['pass', 'scanned'],
  failed: ['fail', 'failed'],
  suspended: ['none', 'suspended'],
};

const text = (x: string | null) => html`<bdi>${x ?? '—'}</bdi>`;

function accountCell(a: { accountId: string; name: string | null }): Html {
  return html`<span class="acct-name"><bdi>${a.name ?? a.accountId}</bdi></span><span class="acct-id">${a.accountId}</span>`;
}

function smallGrade(letter: string | null): Html {
  const cls = letter ?? 'na';
  return html`<span class="${`grade sm g-${cls}`}" aria-label="${`grade ${letter ?? 'n/a'}`}">${letter ?? 'n/a'}</span>`;
}

function title(r: Rollup): string {
  return r.organization
    ? `Lambda security posture — organization ${r.organization.id}`
    : `Lambda security posture — ${plural(r.summary.accounts.total, 'account')}`;
}

export function renderRollupHtml(rollup: Rollup): string {
  const r = RollupSchema.parse(rollup);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${ROLLUP_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="${`lambda-posture ${r.tool.version}`}">
<title>${title(r)}</title>
<style>${new Html(STYLE)}</style>
<style>${new Html(ROLLUP_STYLE)}</style>
</head>
<body>
${header(r)}
<main>
${banners(r)}
${overview(r)}
${fixFirstSection(r)}
${accountsSection(r)}
${heatSection(r)}
</main>
${footer(r)}
</body>
</html>
`.value;
}

function header(r: Rollup): Html {
  const sel = r.selection;
  const source =
    sel.source === 'organization'
      ? html`every account of the organization (<code>--org</code>)`
      : sel.source === 'organizational-units'
        ? html`the organizational units ${sel.organizationalUnits.join(', ')} (<code>--ou</code>)`
        : html`the accounts given (<code>--accounts</code>)`;
  return html`<header>
<p class="kicker">lambda-posture organization roll-up</p>
<h1>${title(r)}</h1>
<dl class="facts">
${r.organization ? html`<div><dt>Organization</dt><dd>${r.organization.id} (management account ${r.organization.managementAccountId})</dd></div>` : ''}
<div><dt>Selection</dt><dd>${source}${sel.excludedAccounts.length > 0 ? `, except ${sel.excludedAccounts.join(', ')}` : ''}: ${plural(sel.targets, 'account')}</dd></div>
<div><dt>Scan time</dt><dd>${timeText(r.startedAt)} to ${timeText(r.finishedAt)}</dd></div>
${sel.shard ? html`<div><dt>Shard</dt><dd>${sel.shard.index} of 0–${sel.shard.count - 1}</dd></div>` : ''}
</dl>
<nav class="toc" aria-label="Contents"><ul>
<li><a href="#score">Score</a></li><li><a href="#first">Fix these first</a></li><li><a href="#accounts">Accounts</a></li><li><a href="#practices">Best practices per account</a></li>
</ul></nav>
</header>`;
}

function banners(r: Rollup): Html {
  const failed = r.summary.accounts.failed;
  const partial = r.accounts.filter((a) => a.status === 'scanned' && a.incomplete).length;
  const shard = r.selection.shard
    ? html`<div class="banner" role="note"><p><strong>One shard only:</strong> this page covers shard ${r.selection.shard.index} of ${r.selection.shard.count} (${plural(r.summary.accounts.total, 'account')} of ${num(r.selection.targets)}). Merge the shards (lambda-posture merge) for the organization.</p></div>`
    : '';
  const incomplete = r.summary.incomplete
    ? html`<div class="banner" role="note"><p><strong>Incomplete:</strong> ${failed > 0 ? `${plural(failed, 'account')} could not be scanned` : ''}${failed > 0 && partial > 0 ? '; ' : ''}${partial > 0 ? `${plural(partial, 'scanned account')} had failed reads or unknown results` : ''} — the scores are lower bounds. See <a href="#accounts">Accounts</a>.</p></div>`
    : '';
  return html`${shard}${incomplete}`;
}

function overview(r: Rollup): Html {
  const s = r.summary;
  const sevs = SEVERITY_ORDER.map(
    (sev) => html`<li><span>${badge(sev, sev)}</span><span>${num(s.failuresBySeverity[sev])}</span></li>`,
  );
  return html`<section id="score" aria-labelledby="h-score">
<h2 id="h-score">Overall score</h2>
<div class="tiles">
${gradeTile(s)}
<div class="tile ${band(s.score)}"><h3>Score</h3><p class="big">${scoreText(s.score)}<small> / 100</small></p>${bar(s.score)}<p class="note">Every scanned account’s results together, weighted as one account’s are (not an average of account scores).</p></div>
<div class="tile ${band(s.coverage)}"><h3>Coverage</h3><p class="big">${pct(s.coverage)}</p>${bar(s.coverage)}<p class="note">Share of results that could be determined.</p></div>
<div class="tile"><h3>Accounts</h3><ul>
<li><span>${badge('pass', 'scanned')}</span><span>${num(s.accounts.scanned)}</span></li>
<li><span>${badge('fail', 'failed')}</span><span>${num(s.accounts.failed)}</span></li>
<li><span>${badge('none', 'suspended')}</span><span>${num(s.accounts.suspended)}</span></li>
</ul><p class="note">A failed account is unknown, never clean; a suspended one is closed and holds nothing to scan.</p></div>
<div class="tile"><h3>Failures by severity</h3><ul>${sevs}</ul></div>
</div>
</section>`;
}

function fixFirstSection(r: Rollup): Html {
  const names = new Map(r.accounts.map((a) => [a.accountId, a]));
  const items = r.fixFirst.map((f) => {
    const href = reportHref(names.get(f.accountId)?.reportDir ?? null);
    const check = html`<code>${f.checkId}</code>`;
    return html`<li class="${`sev-${f.severity}`}">${badge(f.severity, f.severity)}${f.reason ? html` ${badge('fail', f.reason)}` : ''} <strong>${f.title}</strong> — <span class="res-name"><bdi>${f.resource.name}</bdi></span> (${f.resource.region ?? 'global'}) in <bdi>${f.accountName ?? f.accountId}</bdi> (${f.accountId})<br><span class="why"><bdi>${f.message}</bdi></span> · ${href ? html`<a href="${`${href}#check-${f.checkId}`}">${check}</a>` : check}</li>`;
  });
  return html`<section id="first" aria-labelledby="h-first">
<h2 id="h-first">Fix these first</h2>
${
  items.length === 0
    ? html`<p>Nothing urgent: no account’s top findings include a critical or high finding, a public exposure or an escalation path.</p>`
    : html`<p>Across the organization: failing critical and high findings, public exposure and escalation paths, one per check before a second of any (each account’s report has its own list).</p><ol class="first">${items}</ol>`
}
</section>`;
}

function accountsSection(r: Rollup): Html {
  const rows = r.accounts.map((a) => {
    const href = reportHref(a.reportDir);
    const status =
      a.status === 'scanned'
        ? html`${badge(...STATUS_BADGE.scanned)}${a.incomplete ? html` ${badge('unknown', 'incomplete')}` : ''}`
        : html`${badge(...STATUS_BADGE[a.status])} ${text(a.reason)}${a.error ? html`<span class="note"> (<code>${a.error.service}:${a.error.operation}</code> ${a.error.class}${a.error.code ? html`, <code>${a.error.code}</code>` : ''})</span>` : ''}`;
    const f = a.failuresBySeverity;
    return html`<tr class="${`st-${a.status}`}"><td data-label="Account">${accountCell(a)}</td><td data-label="OU">${text(a.organizationalUnit)}</td><td data-label="Status">${status}</td><td data-label="Grade">${smallGrade(a.grade.letter)}</td><td data-label="Score" class="${`n ${band(a.score)}`}">${scoreText(a.score)}</td><td data-label="Coverage" class="n">${pct(a.coverage)}</td><td data-label="Critical" class="n">${num(f.critical)}</td><td data-label="High" class="n">${num(f.high)}</td><td data-label="Medium" class="n">${num(f.medium)}</td><td data-label="Low" class="n">${num(f.low)}</td><td data-label="Report">${href ? html`<a href="${href}">report</a>` : '—'}</td></tr>
`;
  });
  return html`<section id="accounts" aria-labelledby="h-accounts">
<h2 id="h-accounts">Accounts, worst first</h2>
<p>Accounts that could not be scanned first, then by grade (F to A) and score; suspended accounts last. Failures by severity do not count suppressed findings.</p>
<table class="accounts">
<thead><tr><th scope="col">Account</th><th scope="col">OU</th><th scope="col">Status</th><th scope="col">Grade</th><th scope="col" class="n">Score</th><th scope="col" class="n">Coverage</th><th scope="col" class="n">Critical</th><th scope="col" class="n">High</th><th scope="col" class="n">Medium</th><th scope="col" class="n">Low</th><th scope="col">Report</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
</section>`;
}

function heatCell(score: number | null, label: string): Html {
  return html`<td class="${`h-${band(score)}`}" title="${label}">${scoreText(score)}</td>`;
}

function heatSection(r: Rollup): Html {
  const head = PRACTICES.map((p) => html`<th scope="col" title="${PRACTICE_TITLES[p]}">${p}</th>`);
  const org = html`<tr class="org"><th scope="row">Organization</th>${PRACTICES.map((p) => heatCell(r.summary.practices[p].score, `${p} organization: coverage ${pct(r.summary.practices[p].coverage)}`))}</tr>`;
  const rows = r.accounts
    .filter((a) => a.status === 'scanned')
    .map(
      (a) =>
        html`<tr><th scope="row">${accountCell(a)}</th>${PRACTICES.map((p) => heatCell(a.practices[p].score, `${p}: coverage ${pct(a.practices[p].coverage)}`))}</tr>
`,
    );
  const legend = PRACTICES.map((p) => html`<li><strong>${p}</strong> ${PRACTICE_TITLES[p]}</li>`);
  return html`<section id="practices" aria-labelledby="h-practices">
<h2 id="h-practices">Best practices per account</h2>
<table class="heat">
<caption>Score (0–100) per practice; green ≥ 90, amber ≥ 70, red below; n/a: no check of that practice produced a result.</caption>
<thead><tr><th scope="col">Account</th>${head}</tr></thead>
<tbody>
${org}
${rows}</tbody>
</table>
<ul class="note">${legend}</ul>
</section>`;
}

function footer(r: Rollup): Html {
  const calls = r.accounts.reduce((n, a) => n + a.apiCalls, 0);
  const throttled = r.accounts.reduce((n, a) => n + a.throttledResponses, 0);
  return html`<footer>
<p>Generated by lambda-posture ${r.tool.version} · roll-up schema ${r.schemaVersion} · ${plural(calls, 'API call')}${throttled > 0 ? ` (${plural(throttled, 'throttled response')})` : ''} · the complete data is in rollup.json and each account’s report.</p>
</footer>`;
}
