/**
 * The HTML page's change history (--changes-since): the server-rendered "Changes to functions"
 * section and the rows embedded for the per-function panel. Covered: a normal history, a region
 * whose LookupEvents failed (unknown, never "no changes"), a scan without --changes-since (not
 * collected), failed attempts, hostile event fields, and the compact form that holds each row
 * once at scale. The panel itself, in Chromium, is in html-panel.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { score } from '../../src/engine/score.js';
import { deriveCoverage } from '../../src/inventory/coverage.js';
import type { FunctionChangeEvent, Inventory } from '../../src/inventory/schema.js';
import { buildReport } from '../../src/report/build.js';
import {
  changedFunctions,
  changeHistorySection,
  embeddedChanges,
  HTML_CHANGE_ROWS,
  visibleText,
} from '../../src/report/html/change-history.js';
import { embeddedData, scriptJson } from '../../src/report/html/data.js';
import { renderHtml } from '../../src/report/html.js';
import type { Report } from '../../src/report/schema.js';
import { CI_ROLE, changeEvent, changeInventory, rootChange, userChange } from '../helpers/changes.js';
import { ACCOUNT, REGION } from '../helpers/inventory.js';
import { reportFrom } from './sample.js';

const withCoverage = (inv: Inventory): Inventory => ({ ...inv, coverage: deriveCoverage(inv) });
const section = (r: Report) => changeHistorySection(r).value;
/** The text of the markup, tags dropped and entities read back, as a reader sees it. */
const textOf = (markup: string) =>
  markup
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('HTML change history: the Changes section', () => {
  it('states the window, the regions read, the counts and the top principals', () => {
    const report = reportFrom(
      withCoverage(
        changeInventory({
          events: [
            changeEvent({ eventTime: '2026-10-30T09:00:00.000Z' }),
            changeEvent({ eventTime: '2026-10-29T09:00:00.000Z', functionName: 'worker' }),
            userChange('ops-alice', { eventTime: '2026-10-31T08:00:00.000Z', functionName: 'worker' }),
          ],
        }),
      ),
    );
    const text = textOf(section(report));
    assert.match(text, /between 2026-10-25 12:00:00 UTC and 2026-11-01 12:00:00 UTC/);
    assert.match(text, /read 1 region: us-east-1/);
    assert.match(text, /Changes 3 /);
    assert.match(text, /Functions changed 2 /);
    assert.match(text, /Failed attempts 0 /);
    // The CI role's two sessions count under the role, before the user's one change.
    const principals = section(report).split('<h3>Top principals</h3>')[1] ?? '';
    assert.ok(principals.indexOf(CI_ROLE) < principals.indexOf('user/ops-alice'), 'most changes first');
    assert.match(textOf(principals), new RegExp(`${CI_ROLE} AssumedRole 2 2 0`));
    // Functions, the most recently changed first, each with its table.
    const html = section(report);
    assert.ok(html.indexOf('id="chg-fn-0"') < html.indexOf('id="chg-fn-1"'));
    assert.match(html, /<details class="chg-fn" id="chg-fn-0"><summary><span class="res-name">worker</);
    assert.equal((html.match(/<tr class="chg-ok"/g) ?? []).length, 3, 'one row per change');
    assert.match(html, /href="#fn=us-east-1\/worker"/);
  });

  it('a region whose LookupEvents failed is unknown, with the reason, never "no changes"', () => {
    const report = reportFrom(
      withCoverage(changeInventory({ functions: ['api'], lookupFailed: 'access-denied' })),
    );
    const text = textOf(section(report));
    assert.match(
      text,
      /unknown us-east-1 : cloudtrail:LookupEvents failed — access-denied \(AccessDeniedException\)\. Its changes are unknown — not “no changes”\./,
    );
    assert.match(text, /read no region/);
    assert.match(text, /No region’s history could be read: whether any function changed is unknown/);
    assert.doesNotMatch(text, /No function was changed/);
    const data = embeddedChanges(report);
    assert.deepEqual(data?.read, []);
    assert.deepEqual(data?.unread, [
      ['us-east-1', 'cloudtrail:LookupEvents failed — access-denied (AccessDeniedException)'],
    ]);
  });

  it('says "not collected" without --changes-since, and embeds nothing', () => {
    const inv = changeInventory();
    delete inv.scan.changeReview;
    const report = reportFrom(inv);
    assert.equal(report.changeHistory, undefined);
    assert.match(textOf(section(report)), /not collected The scan ran without --changes-since/);
    assert.equal(embeddedChanges(report), null);
    assert.equal(embeddedData(report, new Map()).changes, null);
    // The section and its navigation link are there either way: the reader learns it was not read.
    const page = renderHtml(report);
    assert.match(page, /<a href="#change-history">Changes<\/a>/);
    assert.match(page, /<section id="change-history"/);
  });

  it('a read region without changes says so, and names the region', () => {
    const report = reportFrom(withCoverage(changeInventory({ functions: ['api'] })));
    assert.match(textOf(section(report)), /No function was changed in the window, in the 1 region read\./);
  });

  it('marks a failed attempt with its error code, and counts it apart', () => {
    const report = reportFrom(
      withCoverage(
        changeInventory({
          events: [
            rootChange({ errorCode: 'AccessDenied', eventTime: '2026-10-31T00:00:00.000Z' }),
            changeEvent(),
          ],
        }),
      ),
    );
    const html = section(report);
    assert.match(
      html,
      /<tr class="chg-failed" data-time="2026-10-31T00:00:00.000Z">[\s\S]*?<span class="badge b-fail">failed: AccessDenied<\/span><\/td><\/tr>/,
    );
    assert.match(
      html,
      /<tr class="chg-ok" data-time="2026-10-30T09:00:00.000Z">[\s\S]*?>changed<\/td><\/tr>/,
    );
    assert.match(textOf(html), /Failed attempts 1 /);
    assert.match(textOf(html), /1 failed attempt/);
    assert.match(textOf(html), new RegExp(`arn:aws:iam::${ACCOUNT}:root Root 1 1 1`));
  });

  it('shows who, identity, MFA, source IP and user agent of each change, and AddPermission’s grantee', () => {
    const report = reportFrom(
      withCoverage(
        changeInventory({
          events: [
            changeEvent({
              eventName: 'AddPermission20150331v2',
              permissionPrincipal: '*',
              mfaAuthenticated: true,
            }),
          ],
        }),
      ),
    );
    const row = textOf(section(report).split('<tr class="chg-ok"')[1] ?? '');
    assert.match(
      row,
      new RegExp(
        `2026-10-30 09:00:00 UTC AddPermission20150331v2 \\(to \\*\\) arn:aws:sts::${ACCOUNT}:assumed-role/github-deploy/run-1234 via ${CI_ROLE} AssumedRole yes 203\\.0\\.113\\.10 aws-cli/2\\.15\\.0 changed`,
      ),
    );
  });

  it('escapes every field and shows bidirectional controls as code points', () => {
    const hostile = '"><img src=x onerror=alert(1)></style></script>\u202Egnp.exe';
    const report = reportFrom(
      withCoverage(
        changeInventory({
          events: [
            changeEvent({
              functionName: hostile,
              principalArn: hostile,
              sessionIssuerArn: hostile,
              identityType: hostile,
              sourceIpAddress: hostile,
              userAgent: `javascript:${hostile}`,
              errorCode: hostile,
              eventName: hostile,
              permissionPrincipal: hostile,
            }),
          ],
        }),
      ),
    );
    const html = section(report);
    assert.ok(!html.includes('<img'), 'no markup from the data');
    assert.ok(!html.includes('</script>') && !html.includes('</style>'));
    assert.ok(!html.includes('\u202E'), 'no raw direction override');
    assert.ok(html.includes('[U+202E]gnp.exe'));
    assert.ok(!/href="javascript:/i.test(html));
    assert.ok(!scriptJson(embeddedChanges(report)).includes('\u202E'), 'nor in the embedded rows');
    const page = renderHtml(report);
    assert.equal((page.match(/<script/g) ?? []).length, 2, 'the data block and the page script only');
    assert.equal(visibleText('a\u200Fb\u2066c\u061C'), 'a[U+200F]b[U+2066]c[U+061C]');
  });
});

/** An inventory with `n` functions changed `perFunction` times each by the CI role, in one region. */
function manyChanges(n: number, perFunction: number): Inventory {
  const events: FunctionChangeEvent[] = [];
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < perFunction; k++) {
      events.push(
        changeEvent({
          functionName: `fn-${String(i).padStart(6, '0')}`,
          // Distinct times, so "most recently changed first" is a total order the test can follow.
          eventTime: new Date(Date.UTC(2026, 9, 31) - (i * perFunction + k) * 1000).toISOString(),
          errorCode: k === 1 ? 'AccessDenied' : null,
        }),
      );
    }
  }
  const inv = changeInventory({ events, functions: [] });
  return inv;
}

/** A report of the inventory without evaluating checks: the change history is all these tests need. */
function historyReport(inv: Inventory): Report {
  return buildReport({
    inventory: inv,
    checks: [],
    results: [],
    scores: score([]),
    mode: 'scan',
    evaluatedAt: new Date('2026-11-01T12:00:00.000Z'),
    toolVersion: '1.2.3-test',
    dataFiles: [],
  });
}

describe('HTML change history: embedded for the panel', () => {
  it('holds each row once: in the HTML for the most recent functions, embedded for the rest', () => {
    const report = historyReport(manyChanges(60, 20)); // 1,200 rows, more than HTML_CHANGE_ROWS
    const list = changedFunctions(report.changeHistory as NonNullable<Report['changeHistory']>);
    const data = embeddedChanges(report);
    assert.ok(data);
    const inHtml = data.functions.filter((f) => typeof f[3] === 'number');
    const embedded = data.functions.filter((f) => typeof f[3] !== 'number');
    assert.equal(inHtml.length, Math.floor(HTML_CHANGE_ROWS / 20));
    assert.ok(embedded.length > 0);
    const page = renderHtml(report);
    const htmlRows = (page.match(/<tr class="chg-(ok|failed)"/g) ?? []).length;
    const embeddedRows = embedded.reduce((n, f) => n + (f[3] as number[]).length / 4, 0);
    assert.equal(htmlRows, inHtml.length * 20);
    assert.equal(htmlRows + embeddedRows, 1_200, 'every listed row, once');
    // The HTML tables are numbered as the embedded entries say, in the same order.
    inHtml.forEach((f, i) => {
      assert.equal(f[3], i);
      assert.equal(f[1], list[i]?.name);
      assert.ok(page.includes(`id="chg-${i}"`));
    });
    assert.match(page, /…and 35 more functions — see changeHistory in report\.json/);
  });

  it('decode back to every change of the functions it embeds', () => {
    const report = historyReport(manyChanges(40, 20));
    const h = report.changeHistory as NonNullable<Report['changeHistory']>;
    const data = embeddedChanges(report);
    assert.ok(data);
    const until = Date.parse(data.until);
    let checked = 0;
    for (const [region, name, count, rows] of data.functions) {
      if (typeof rows === 'number') continue;
      const f = h.functions[`arn:aws:lambda:${region}:${ACCOUNT}:function:${name}`];
      assert.ok(f);
      assert.equal(count, f.count);
      const decoded = [];
      for (let q = 0; q < rows.length; q += 4) {
        const a: readonly string[] = data.actors[rows[q + 2] as number] ?? [];
        decoded.push({
          eventTime: new Date(Math.round(until - (rows[q] as number) * 1000)).toISOString(),
          eventName: data.events[rows[q + 1] as number],
          principalArn: a[0],
          sessionIssuerArn: a[1],
          identityType: a[2],
          mfa: a[3],
          sourceIpAddress: a[4],
          userAgent: a[5],
          errorCode: data.errors[rows[q + 3] as number],
        });
      }
      assert.deepEqual(
        decoded,
        f.changes.map((e) => ({
          eventTime: e.eventTime,
          eventName: e.eventName,
          principalArn: e.principalArn,
          sessionIssuerArn: e.sessionIssuerArn,
          identityType: e.identityType,
          mfa: e.mfaAuthenticated === null ? 'not stated' : e.mfaAuthenticated ? 'yes' : 'no',
          sourceIpAddress: e.sourceIpAddress,
          userAgent: e.userAgent,
          errorCode: e.errorCode ?? '',
        })),
      );
      checked += 1;
    }
    assert.ok(checked > 0, 'some functions were embedded, not rendered');
    // One CI role from one address made them all: one actor, two event outcomes.
    assert.equal(data.actors.length, 1);
    assert.deepEqual(data.errors, ['', 'AccessDenied']);
  });

  it('names a function that is a resource of the results by its index, not its name again', () => {
    const inv = withCoverage(
      changeInventory({ events: [changeEvent(), changeEvent({ functionName: 'gone' })] }),
    );
    // "gone" was deleted: it has changes but no results.
    const report = reportFrom(inv);
    report.results = report.results.filter((r) => !r.resource.name.includes('gone'));
    const data = embeddedData(report, new Map(report.checks.map((c) => [c.id, c])));
    const byName = new Map(data.changes?.functions.map((f) => [f[1], f]));
    const apiIndex = data.resources.findIndex(
      (r) => r[0] === 'api' && r[1] === '' && data.regions[r[2]] === REGION,
    );
    assert.ok(apiIndex >= 0);
    assert.ok(byName.has(apiIndex), 'api by its resource index');
    assert.ok(byName.has('gone'), 'a function without results by its name');
  });

  it('stays small at scale: 100,000 functions changed twice by one CI role', () => {
    const report = historyReport(manyChanges(100_000, 2));
    const data = embeddedChanges(report);
    assert.ok(data);
    const bytes = JSON.stringify(data).length;
    const rows = 200_000;
    // A row is four numbers; a function adds its name, region and count once.
    assert.ok(bytes / rows < 40, `${(bytes / rows).toFixed(1)} bytes per change`);
    const page = renderHtml(report);
    assert.ok(page.length < 9_000_000, `the page is ${page.length} characters`);
  });
});
