/**
 * --changes-since in the HTML page: the report-level "Changes" section (the window, which regions
 * CloudTrail could be read in and why not, how many changes to how many functions, the principals
 * behind them) and each changed function's rows, which the per-function panel shows as "Recent
 * changes".
 *
 * Each change row is in the page once. The functions changed most recently are rendered into the
 * HTML, up to HTML_CHANGE_ROWS rows, so the page reads without script; the panel copies such a
 * function's table from there (by its number). Every other function's rows are embedded for the
 * script only, compactly: the actor of a change (principal, session issuer, identity type, MFA,
 * source IP, user agent) and its event name are tables referred to by index, because one CI role
 * from a handful of addresses makes most changes of an account, and a row is four numbers.
 *
 * Every field is written by whoever called Lambda (a user agent, a session name, an event's
 * function name): all of it is escaped, and the bidirectional controls in it are shown as their
 * code points (visibleText), so a user agent cannot reorder the cells that follow it on screen.
 */
import type { Report } from '../schema.js';
import { badge, type Html, html, num, plural, timeText } from './markup.js';

type History = NonNullable<Report['changeHistory']>;
type Changed = History['functions'][string];
type ChangeEvent = Changed['changes'][number];

/** Change rows rendered into the HTML in all (whole functions, the most recently changed first). */
export const HTML_CHANGE_ROWS = 500;
/** Principals listed in the Changes section. */
export const TOP_PRINCIPALS = 10;

/** The column heads of every change table, server-rendered or built by the page script. */
export const CHANGE_COLUMNS = [
  'When',
  'Event',
  'Who',
  'Identity',
  'MFA',
  'Source IP',
  'User agent',
  'Result',
] as const;

// Bidirectional formatting characters (ALM, LRM, RLM, LRE–RLO, LRI–PDI).
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The text as shown: each bidirectional control as its code point, e.g. "[U+202E]". */
export function visibleText(s: string): string {
  return s.replace(BIDI, (ch) => `[U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
}

/** The event's name, and for AddPermission who was granted. */
export function eventLabel(e: ChangeEvent): string {
  const granted = e.permissionPrincipal;
  return visibleText(
    granted === null || granted === undefined ? e.eventName : `${e.eventName} (to ${granted})`,
  );
}

export function mfaText(mfa: boolean | null): string {
  return mfa === null ? 'not stated' : mfa ? 'yes' : 'no';
}

/** Who a change is counted against: an assumed-role session by its role, anyone else by their ARN. */
function actorKey(e: ChangeEvent): string {
  return visibleText(
    e.sessionIssuerArn ?? e.principalArn ?? `(${e.identityType ?? 'unknown'} without an ARN)`,
  );
}

/** The changed functions, the most recently changed first (then by region and name). */
export function changedFunctions(h: History): Changed[] {
  const newest = (f: Changed) => f.changes[0]?.eventTime ?? '';
  return Object.values(h.functions).sort((a, b) => {
    const x = newest(a);
    const y = newest(b);
    if (x !== y) return x < y ? 1 : -1;
    if (a.region !== b.region) return a.region < b.region ? -1 : 1;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}

/** How many of `list` (changedFunctions) are rendered into the HTML: whole, within HTML_CHANGE_ROWS. */
export function renderedCount(list: readonly Changed[]): number {
  let rows = 0;
  let k = 0;
  for (; k < list.length; k++) {
    rows += (list[k] as Changed).changes.length;
    if (rows > HTML_CHANGE_ROWS) break;
  }
  return k;
}

/** Why a region's history is unknown: its failed LookupEvents, as the coverage gaps record it. */
export function unreadReason(report: Report, region: string): string {
  const gap = report.coverage.find(
    (g) => g.service === 'cloudtrail' && g.operation === 'LookupEvents' && g.region === region,
  );
  if (!gap) return 'CloudTrail LookupEvents was not read';
  return `cloudtrail:LookupEvents failed — ${gap.error.class} (${gap.error.code || 'no code'})`;
}

/** `#fn=<region>/<name>`: the address of a function's panel (html/client.ts reads it). */
export function panelHash(region: string, name: string): string {
  return `#fn=${encodeURIComponent(region)}/${encodeURIComponent(name)}`;
}

// ---------------------------------------------------------------------------------------------
// Server-rendered: the section, and the tables of the functions it holds
// ---------------------------------------------------------------------------------------------
const orDash = (s: string | null) => (s === null || s === '' ? '—' : visibleText(s));
/** A failed call's error code as shown ('' would read as success in the embedded form). */
const errorText = (code: string) => visibleText(code) || '(no code)';

export function changeRow(e: ChangeEvent): Html {
  const failed = e.errorCode !== null;
  return html`<tr class="${failed ? 'chg-failed' : 'chg-ok'}" data-time="${e.eventTime}"><td data-label="When" class="nw">${timeText(e.eventTime)}</td><td data-label="Event"><code>${eventLabel(e)}</code></td><td data-label="Who"><code>${orDash(e.principalArn)}</code>${e.sessionIssuerArn ? html`<span class="via">via <code>${visibleText(e.sessionIssuerArn)}</code></span>` : ''}</td><td data-label="Identity" class="nw">${orDash(e.identityType)}</td><td data-label="MFA" class="nw">${mfaText(e.mfaAuthenticated)}</td><td data-label="Source IP"><code>${orDash(e.sourceIpAddress)}</code></td><td data-label="User agent">${orDash(e.userAgent)}</td><td data-label="Result" class="nw">${failed ? badge('fail', `failed: ${errorText(e.errorCode as string)}`) : 'changed'}</td></tr>
`;
}

function changeTable(f: Changed, id: string): Html {
  return html`<table class="chg-table" id="${id}"><thead><tr>${CHANGE_COLUMNS.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead><tbody>
${f.changes.map(changeRow)}</tbody></table>`;
}

const failedOf = (f: Changed) => f.changes.filter((e) => e.errorCode !== null).length;

/** The report-level Changes section: always there, saying "not collected" without --changes-since. */
export function changeHistorySection(report: Report): Html {
  const h = report.changeHistory;
  const head = html`<h2 id="h-change-history">Changes to functions (CloudTrail)</h2>`;
  if (!h) {
    return html`<section id="change-history" aria-labelledby="h-change-history">
${head}
<p>${badge('none', 'not collected')} The scan ran without <code>--changes-since</code>, so CloudTrail was not read: who changed which function is not in this report. Scan with <code>--changes-since 7d</code> to see it (README, “Who changed it”).</p>
</section>`;
  }
  const list = changedFunctions(h);
  const unread = new Set(h.unreadRegions);
  const read = report.run.regions.filter((r) => !unread.has(r));
  const total = list.reduce((n, f) => n + f.count, 0);
  const listed = list.reduce((n, f) => n + f.changes.length, 0);
  const failed = list.reduce((n, f) => n + failedOf(f), 0);
  const capped = listed < total;
  const window = html`<p>Lambda management events that change a function, from each region’s CloudTrail event history between ${timeText(h.since)} and ${timeText(h.until)} (the scan’s start). Each change keeps who, when and from where — never the request’s parameters.</p>`;
  const regions = html`<ul class="chg-regions">
<li>${badge('pass', 'read')} ${read.length === 0 ? 'no region' : `${plural(read.length, 'region')}: ${read.join(', ')}`}</li>
${h.unreadRegions.map((r) => html`<li>${badge('unknown', 'unknown')} <strong>${r}</strong>: ${unreadReason(report, r)}. Its changes are unknown — not “no changes”.</li>`)}
</ul>`;
  const tiles = html`<div class="tiles">
<div class="tile"><h3>Changes</h3><p class="big">${num(total)}</p><p class="note">Failed attempts included.${h.unreadRegions.length > 0 ? ` Not counted: ${plural(h.unreadRegions.length, 'region')} unknown.` : ''}</p></div>
<div class="tile"><h3>Functions changed</h3><p class="big">${num(list.length)}</p></div>
<div class="tile"><h3>Failed attempts</h3><p class="big">${num(failed)}</p><p class="note">Denied or failed calls: nothing changed, but someone tried.${capped ? ' Counted in the listed changes.' : ''}</p></div>
</div>`;
  return html`<section id="change-history" aria-labelledby="h-change-history">
${head}
${window}
${regions}
${tiles}
${principalsTable(list, capped)}
${functionsList(list, read.length)}
</section>`;
}

function principalsTable(list: readonly Changed[], capped: boolean): Html {
  const by = new Map<
    string,
    { changes: number; failed: number; functions: Set<string>; types: Set<string> }
  >();
  for (const f of list) {
    for (const e of f.changes) {
      const key = actorKey(e);
      const p = by.get(key) ?? { changes: 0, failed: 0, functions: new Set(), types: new Set() };
      p.changes += 1;
      if (e.errorCode !== null) p.failed += 1;
      p.functions.add(`${f.region}/${f.name}`);
      p.types.add(e.identityType ?? 'unknown');
      by.set(key, p);
    }
  }
  if (by.size === 0) return html``;
  const top = [...by].sort(([a, x], [b, y]) => y.changes - x.changes || (a < b ? -1 : a > b ? 1 : 0));
  const rows = top.slice(0, TOP_PRINCIPALS).map(
    ([key, p]) =>
      html`<tr><td><code>${key}</code></td><td>${visibleText([...p.types].sort().join(', '))}</td><td class="n">${num(p.changes)}</td><td class="n">${num(p.functions.size)}</td><td class="n">${num(p.failed)}</td></tr>
`,
  );
  return html`<h3>Top principals</h3>
<p class="note">An assumed-role session is counted under its role (its session issuer).${capped ? ' Counted in the listed changes: the report keeps the newest of each function.' : ''}</p>
<table class="chg-principals"><thead><tr><th scope="col">Principal</th><th scope="col">Identity type</th><th scope="col" class="n">Changes</th><th scope="col" class="n">Functions</th><th scope="col" class="n">Failed attempts</th></tr></thead><tbody>
${rows}</tbody></table>${top.length > TOP_PRINCIPALS ? html`<p class="more">…and ${num(top.length - TOP_PRINCIPALS)} more principals — see changeHistory in report.json.</p>` : ''}`;
}

function functionsList(list: readonly Changed[], regionsRead: number): Html {
  if (list.length === 0)
    return regionsRead === 0
      ? html`<p>${badge('unknown', 'unknown')} No region’s history could be read: whether any function changed is unknown.</p>`
      : html`<p>No function was changed in the window, in the ${plural(regionsRead, 'region')} read.</p>`;
  const shown = renderedCount(list);
  const items = list.slice(0, shown).map((f, i) => {
    const failed = failedOf(f);
    const listedNote =
      f.count > f.changes.length
        ? html`<p class="note">The newest ${num(f.changes.length)} of ${num(f.count)} changes (the report keeps ${num(f.changes.length)} per function).</p>`
        : '';
    return html`<details class="chg-fn" id="${`chg-fn-${i}`}"><summary><span class="res-name">${visibleText(f.name)}</span> <span class="note">${f.region}</span>${failed > 0 ? html` ${badge('fail', plural(failed, 'failed attempt'))}` : ''} <span class="count">${plural(f.count, 'change')}, latest ${timeText(f.changes[0]?.eventTime ?? '')}</span></summary><div class="body">
<p class="note"><a href="${panelHash(f.region, f.name)}">Everything about ${visibleText(f.name)}</a> (its panel, with the page script)</p>
${listedNote}${changeTable(f, `chg-${i}`)}
</div></details>
`;
  });
  return html`<h3>By function</h3>
<p>${plural(list.length, 'function')}, the most recently changed first.</p>
${items}${shown < list.length ? html`<p class="more">…and ${num(list.length - shown)} more functions — see changeHistory in report.json; with the page script, each function’s panel shows its changes.</p>` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Embedded for the page script
// ---------------------------------------------------------------------------------------------
/** [principal, session issuer, identity type, MFA word, source IP, user agent]; '' for none. */
export type EmbeddedActor = [string, string, string, string, string, string];

export interface EmbeddedChanges {
  since: string;
  until: string;
  /** Regions whose history was read: a function there without rows had no change. */
  read: string[];
  /** [region, why its history is unknown]. */
  unread: [string, string][];
  actors: EmbeddedActor[];
  /** Event labels (eventLabel). */
  events: string[];
  /** Error codes; index 0 ('') is a call that succeeded. */
  errors: string[];
  /**
   * [region, name (or in the page the index of its resource), count, the number of its table in
   *  the HTML (#chg-<n>) | rows [seconds before `until`, event, actor, error, …]].
   */
  functions: [string, string | number, number, number | number[]][];
}

export function embeddedChanges(report: Report): EmbeddedChanges | null {
  const h = report.changeHistory;
  if (!h) return null;
  const list = changedFunctions(h);
  const shown = renderedCount(list);
  const until = Date.parse(h.until);
  const intern = <T>(table: T[], index: Map<string, number>, value: T): number => {
    const key = typeof value === 'string' ? value : JSON.stringify(value);
    let i = index.get(key);
    if (i === undefined) {
      i = table.length;
      table.push(value);
      index.set(key, i);
    }
    return i;
  };
  const actors: EmbeddedActor[] = [];
  const actorIndex = new Map<string, number>();
  const events: string[] = [];
  const eventIndex = new Map<string, number>();
  const errors: string[] = [''];
  const errorIndex = new Map<string, number>([['', 0]]);
  const text = (s: string | null) => (s === null ? '' : visibleText(s));
  const functions = list.map((f, i): EmbeddedChanges['functions'][number] => {
    if (i < shown) return [f.region, f.name, f.count, i];
    const rows: number[] = [];
    for (const e of f.changes) {
      const actor: EmbeddedActor = [
        text(e.principalArn),
        text(e.sessionIssuerArn),
        text(e.identityType),
        mfaText(e.mfaAuthenticated),
        text(e.sourceIpAddress),
        text(e.userAgent),
      ];
      rows.push(
        (until - Date.parse(e.eventTime)) / 1000,
        intern(events, eventIndex, eventLabel(e)),
        intern(actors, actorIndex, actor),
        intern(errors, errorIndex, e.errorCode === null ? '' : errorText(e.errorCode)),
      );
    }
    return [f.region, f.name, f.count, rows];
  });
  const unread = new Set(h.unreadRegions);
  return {
    since: h.since,
    until: h.until,
    read: report.run.regions.filter((r) => !unread.has(r)),
    unread: h.unreadRegions.map((r) => [r, unreadReason(report, r)]),
    actors,
    events,
    errors,
    functions,
  };
}
