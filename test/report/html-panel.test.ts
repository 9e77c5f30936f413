/**
 * The HTML report's per-function panel and the "suppressed" status filter, in headless Chromium
 * (playwright-core): the panel opens from a function's name in the table and from the fragment
 * #fn=<region>/<name>, lists the modifiers report.access gives that function, its exposure and
 * every result of it, closes on Escape and gives focus back. Expected values are derived from the
 * report here, independently of the page script. Skipped, saying so, without /usr/bin/chromium.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { parseFunctionArn } from '../../src/policy/arn.js';
import { eventLabel, HTML_CHANGE_ROWS, mfaText, visibleText } from '../../src/report/html/change-history.js';
import { renderHtml } from '../../src/report/html.js';
import { priorityReason } from '../../src/report/priority.js';
import type { Report, ReportResult } from '../../src/report/schema.js';
import { chromiumSkip, launchChromium, until } from '../helpers/chromium.js';
import { demoReport } from './demo-report.js';

const SKIP = chromiumSkip('the panel tests');

/**
 * The demo account (as demo-report.ts builds it), with two suppression rules chosen from its own
 * results: one accepting a low check's failures in one region, one accepting a single finding.
 */
function suppressedDemoReport(): Promise<Report> {
  return demoReport(undefined, (results) => {
    const low = results.find(
      (r) => r.status === 'fail' && r.severity === 'low' && r.resource.type === 'AWS::Lambda::Function',
    );
    const high = results.find((r) => r.status === 'fail' && r.severity === 'high');
    assert.ok(low && high, 'the demo has low and high failures to accept');
    return [
      { check: low.checkId, region: low.resource.region ?? '*', reason: 'accepted for the test: one region' },
      { findingId: high.findingId, reason: 'accepted for the test: one finding', expires: '2999-12-31' },
    ];
  });
}

/** region/name of the function a result concerns (its ARN, with or without qualifier), or null. */
function functionOf(r: ReportResult): string | null {
  const arn = parseFunctionArn(r.resource.arn);
  if (!arn || arn.name.includes('*')) return null;
  return `${arn.region}/${arn.name}`;
}

/** The function's modifiers as report.access states them: the region's list plus its group's difference. */
function expectedModifierArns(report: Report, region: string, name: string): string[] {
  const access = report.access;
  assert.ok(access?.available);
  const regional = access.regions.find((r) => r.region === region)?.modifiers.map((m) => m.arn) ?? [];
  const group = access.functionGroups.find((g) => g.region === region && g.functions.includes(name));
  const out = new Set(regional.filter((arn) => !group?.withoutRegionModifiers.includes(arn)));
  for (const m of group?.modifiers ?? []) out.add(m.arn);
  return [...out].sort();
}

const statusWord = (r: ReportResult) => r.status.replace('_', ' ');

/** What the panel's findings table should hold for a function: check, status, suppressed. */
function expectedFindings(report: Report, key: string): string[] {
  return report.results
    .filter((r) => functionOf(r) === key)
    .map((r) => `${r.checkId} ${statusWord(r)}${r.suppression ? ' suppressed' : ''}`)
    .sort();
}

function expectedExposure(report: Report, key: string): string[] {
  return report.results
    .filter(
      (r) =>
        functionOf(r) === key &&
        (r.status === 'fail' || r.status === 'unknown') &&
        priorityReason(r.checkId) === 'public exposure',
    )
    .map((r) => r.checkId)
    .sort();
}

/** What the open panel shows: its title, modifiers, exposure and findings, as the tests compare them. */
async function panelContents(page: Page) {
  return (await page.evaluate(`(() => {
    const d = document.querySelector('#fn-panel');
    const rows = (sel) => [...d.querySelectorAll(sel)];
    const status = (tr) => [...tr.querySelectorAll('td:first-child .badge')].map((b) => b.textContent).join(' ');
    return {
      open: d.open,
      title: d.querySelector('#fn-title').textContent,
      modifiers: rows('#fn-modifiers tbody tr').map((tr) => tr.getAttribute('data-arn')).sort(),
      exposure: rows('#fn-exposure li').map((li) => li.getAttribute('data-check')).sort(),
      findings: rows('#fn-findings tbody tr').map((tr) => tr.getAttribute('data-check') + ' ' + status(tr)).sort(),
      focusInside: d.contains(document.activeElement),
    };
  })()`)) as {
    open: boolean;
    title: string;
    modifiers: string[];
    exposure: string[];
    findings: string[];
    focusInside: boolean;
  };
}

describe('HTML report: the function panel and the suppressed filter, in Chromium', { skip: SKIP }, () => {
  let browser: Browser;
  let report: Report;
  let text: string;
  /** A function whose list differs from its region's (a group), preferably one exposed too. */
  let grouped: { region: string; name: string };
  /** A function with the region's list only. */
  let plain: { region: string; name: string };

  before(async () => {
    browser = await launchChromium();
    report = await suppressedDemoReport();
    text = renderHtml(report);
    const groups = report.access?.functionGroups ?? [];
    const inGroups = groups.flatMap((g) => g.functions.map((name) => ({ region: g.region, name })));
    assert.ok(inGroups.length > 0, 'the demo has functions with their own modifiers');
    grouped =
      inGroups.find((f) => expectedExposure(report, `${f.region}/${f.name}`).length > 0) ??
      (inGroups[0] as { region: string; name: string });
    const other = report.results.find((r) => {
      const key = functionOf(r);
      return key !== null && !inGroups.some((f) => `${f.region}/${f.name}` === key);
    });
    assert.ok(other?.resource.region);
    plain = { region: other.resource.region, name: parseFunctionArn(other.resource.arn)?.name ?? '' };
  });

  after(async () => {
    await browser?.close();
  });

  it('opens from the function name in the table, lists what report.access and the results say, Escape closes and focus returns', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    await page.setContent(text, { waitUntil: 'load' });
    await page.selectOption('#f-status', '');
    const total = report.results.length.toLocaleString('en-US');
    const all = `Showing 1–50 of ${total} matching results (of ${total}), page 1`;
    await until(
      page,
      `document.querySelector('#results-info').textContent.startsWith(${JSON.stringify(all)})`,
    );
    await page.fill('#f-q', grouped.name);
    // The search is debounced: wait for its table, so the name clicked is not replaced under it.
    await until(
      page,
      `!document.querySelector('#results-info').textContent.startsWith(${JSON.stringify(all)})`,
    );
    const button = page.locator('#results .fn-link', { hasText: grouped.name }).first();
    await button.waitFor();
    await button.focus();
    await page.keyboard.press('Enter');
    await until(page, "document.querySelector('#fn-panel') && document.querySelector('#fn-panel').open");
    const key = `${grouped.region}/${grouped.name}`;
    const shown = await panelContents(page);
    assert.equal(shown.title, grouped.name);
    assert.ok(shown.focusInside, 'focus moves into the panel');
    assert.deepEqual(shown.modifiers, expectedModifierArns(report, grouped.region, grouped.name));
    assert.ok(expectedExposure(report, key).length > 0, 'the function chosen is exposed');
    assert.deepEqual(shown.exposure, expectedExposure(report, key));
    assert.deepEqual(shown.findings, expectedFindings(report, key));
    assert.ok(shown.findings.length > 0);
    assert.equal(
      await page.evaluate('location.hash'),
      `#fn=${encodeURIComponent(grouped.region)}/${encodeURIComponent(grouped.name)}`,
      'the address names the panel, to link it',
    );
    await page.keyboard.press('Escape');
    await until(page, "!document.querySelector('#fn-panel').open");
    assert.equal(
      await page.evaluate(
        "document.activeElement.classList.contains('fn-link') && document.activeElement.textContent",
      ),
      grouped.name,
      'focus is back on the name that opened it',
    );
    assert.equal(await page.evaluate('location.hash'), '', 'closing drops the fragment');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('opens from a #fn=<region>/<name> link, on load and when the fragment changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-html-panel-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, text);
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    const hash = (f: { region: string; name: string }) =>
      `#fn=${encodeURIComponent(f.region)}/${encodeURIComponent(f.name)}`;
    await page.goto(`${pathToFileURL(file).href}${hash(plain)}`, { waitUntil: 'load' });
    await until(page, "document.documentElement.getAttribute('data-ready') === '1'");
    let shown = await panelContents(page);
    assert.ok(shown.open, 'open on load');
    assert.equal(shown.title, plain.name);
    assert.deepEqual(shown.modifiers, expectedModifierArns(report, plain.region, plain.name));
    assert.deepEqual(shown.findings, expectedFindings(report, `${plain.region}/${plain.name}`));
    await page.keyboard.press('Escape');
    await until(page, "!document.querySelector('#fn-panel').open");
    await page.evaluate(`location.hash = ${JSON.stringify(hash(grouped))}`);
    await until(page, "document.querySelector('#fn-panel').open");
    shown = await panelContents(page);
    assert.equal(shown.title, grouped.name);
    assert.deepEqual(shown.modifiers, expectedModifierArns(report, grouped.region, grouped.name));
    // A fragment naming no function of the report says so.
    await page.keyboard.press('Escape');
    await page.evaluate(`location.hash = '#fn=us-east-1/no-such-function'`);
    await until(page, "document.querySelector('#fn-panel').open");
    assert.match((await page.locator('#fn-panel').textContent()) ?? '', /No function no-such-function/);
    assert.deepEqual(requests, []);
    await page.close();
  });

  it('the status filter’s "suppressed" shows exactly the suppressed results', async () => {
    const page = await browser.newPage();
    await page.setContent(text, { waitUntil: 'load' });
    const suppressed = report.results.filter((r) => r.suppression);
    assert.ok(suppressed.length > 1, 'the rules accepted results');
    assert.ok(suppressed.length <= 50, 'one page holds them all');
    await page.selectOption('#f-status', 'suppressed');
    await until(
      page,
      `document.querySelector('#results-info').textContent.includes(' of ${suppressed.length} matching')`,
    );
    const rows = (await page.evaluate(
      "[...document.querySelectorAll('#results tbody tr')].map((tr) => tr.children[2].textContent + ' ' + tr.children[3].textContent + ' ' + tr.children[1].textContent)",
    )) as string[];
    assert.deepEqual(
      rows.sort(),
      suppressed.map((r) => `${r.checkId} ${r.resource.name} ${r.status} suppressed`).sort(),
    );
    // Suppressed results keep their status: the fail filter still counts them.
    await page.selectOption('#f-status', 'fail');
    const fails = report.results.filter((r) => r.status === 'fail').length;
    await until(
      page,
      `document.querySelector('#results-info').textContent.includes(' of ${fails.toLocaleString('en-US')} matching')`,
    );
    await page.close();
  });
});

type History = NonNullable<Report['changeHistory']>;
type ChangeRow = History['functions'][string]['changes'][number];

/** A change row as the panel should show it, cell by cell, derived from the report's event. */
function expectedRow(e: ChangeRow): string {
  const or = (x: string | null) => (x === null || x === '' ? '—' : visibleText(x));
  return [
    `${e.eventTime.slice(0, 19).replace('T', ' ')} UTC`,
    eventLabel(e),
    `${or(e.principalArn)}${e.sessionIssuerArn ? `via ${visibleText(e.sessionIssuerArn)}` : ''}`,
    or(e.identityType),
    mfaText(e.mfaAuthenticated),
    or(e.sourceIpAddress),
    or(e.userAgent),
    e.errorCode === null ? 'changed' : `failed: ${visibleText(e.errorCode)}`,
  ].join(' | ');
}

/** Opens the panel by its fragment and returns what its Recent changes part shows. */
async function recentChanges(page: Page, region: string, name: string) {
  await page.evaluate(
    `location.hash = ${JSON.stringify(`#fn=${encodeURIComponent(region)}/${encodeURIComponent(name)}`)}`,
  );
  await until(page, "document.querySelector('#fn-panel') && document.querySelector('#fn-panel').open");
  const shown = (await page.evaluate(`(() => {
    const d = document.querySelector('#fn-panel');
    return {
      title: d.querySelector('#fn-changes-title').textContent,
      state: d.querySelector('.fn-changes-state').textContent,
      rows: [...d.querySelectorAll('#fn-changes tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent).join(' | ')),
      labels: [...d.querySelectorAll('#fn-changes tbody tr:first-child td')].map((td) => td.getAttribute('data-label')),
    };
  })()`)) as { title: string; state: string; rows: string[]; labels: string[] };
  await page.keyboard.press('Escape');
  await until(page, "!document.querySelector('#fn-panel').open");
  return shown;
}

describe('HTML report: the function panel’s recent changes (--changes-since), in Chromium', {
  skip: SKIP,
}, () => {
  let browser: Browser;
  let demo: Report;

  before(async () => {
    browser = await launchChromium();
    demo = await demoReport();
  });

  after(async () => {
    await browser?.close();
  });

  /**
   * The demo with 20 changes more to each of its functions (older than its own), so more rows than
   * the HTML holds: the most recently changed functions' tables are in the HTML, the rest embedded.
   */
  function busyDemo(): Report {
    const r = structuredClone(demo);
    const h = r.changeHistory as History;
    const fns = new Map<string, { region: string; name: string }>();
    for (const x of r.results) {
      const key = functionOf(x);
      if (key && !fns.has(key))
        fns.set(key, { region: key.split('/')[0] as string, name: key.split('/').slice(1).join('/') });
    }
    let n = 0;
    for (const { region, name } of fns.values()) {
      const arn = `arn:aws:lambda:${region}:${r.run.accountId}:function:${name}`;
      const old = Array.from(
        { length: 20 },
        (_, k): ChangeRow => ({
          eventTime: new Date(Date.parse('2026-10-26T00:00:00.000Z') - (n * 20 + k) * 60_000).toISOString(),
          eventName: k % 5 === 0 ? 'AddPermission20150331v2' : 'UpdateFunctionConfiguration20150331v2',
          functionName: name,
          principalArn: `arn:aws:sts::${r.run.accountId}:assumed-role/ci-deploy/run-${k}`,
          identityType: 'AssumedRole',
          sessionIssuerArn: `arn:aws:iam::${r.run.accountId}:role/ci-deploy`,
          mfaAuthenticated: k % 3 === 0 ? null : k % 3 === 1,
          sourceIpAddress: k % 2 === 0 ? '203.0.113.7' : 'cloudformation.amazonaws.com',
          userAgent: k % 4 === 0 ? 'aws-sdk-js/3.0 ua/2.1' : 'cloudformation.amazonaws.com',
          errorCode: k === 7 ? 'ResourceConflictException' : null,
          ...(k % 5 === 0 ? { permissionPrincipal: k === 0 ? '*' : 's3.amazonaws.com' } : {}),
        }),
      );
      const mine = h.functions[arn];
      const changes = [...(mine?.changes ?? []), ...old].slice(0, 20);
      h.functions[arn] = { region, name, count: (mine?.count ?? 0) + old.length, changes };
      n += 1;
    }
    assert.ok(n * 20 > HTML_CHANGE_ROWS, 'more rows than the HTML holds');
    return r;
  }

  it('shows a function’s change rows, from the HTML or from the embedded data, as the report has them', async () => {
    const report = busyDemo();
    const text = renderHtml(report);
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    await page.setContent(text, { waitUntil: 'load' });
    const h = report.changeHistory as History;
    const inHtml = new Set(
      (await page.evaluate(
        "[...document.querySelectorAll('#change-history details.chg-fn .res-name')].map((e) => e.textContent)",
      )) as string[],
    );
    let fromHtml = 0;
    let fromData = 0;
    let cut = 0;
    for (const f of Object.values(h.functions)) {
      const shown = await recentChanges(page, f.region, f.name);
      assert.deepEqual(shown.rows, f.changes.map(expectedRow), `the rows of ${f.name}`);
      assert.equal(shown.title, `Recent changes (${f.count})`);
      const listed = f.changes.length;
      const failed = f.changes.filter((e) => e.errorCode !== null).length;
      assert.equal(
        shown.state,
        `${f.count} change${f.count === 1 ? '' : 's'} between 2026-10-25 12:00:00 UTC and 2026-11-01 12:00:00 UTC, newest first` +
          (f.count > listed
            ? `; the newest ${listed} are listed (the report keeps ${listed} per function)`
            : '') +
          (failed > 0
            ? `; ${failed} failed attempt${failed === 1 ? '' : 's'}: nothing changed, but someone tried`
            : '') +
          '.',
      );
      assert.deepEqual(shown.labels, [
        'When',
        'Event',
        'Who',
        'Identity',
        'MFA',
        'Source IP',
        'User agent',
        'Result',
      ]);
      if (f.count > listed) cut += 1;
      if (inHtml.has(f.name)) fromHtml += 1;
      else fromData += 1;
    }
    assert.ok(fromHtml > 0 && fromData > 0, `both kinds: ${fromHtml} from the HTML, ${fromData} embedded`);
    assert.ok(cut > 0, 'some functions had more changes than the report lists');
    // The copies took an id of their own: one table #fn-changes (in the closed panel), and the
    // Changes section's tables still there under theirs.
    assert.equal(await page.evaluate("document.querySelectorAll('[id=fn-changes]').length"), 1);
    assert.equal(await page.evaluate("document.querySelectorAll('#change-history [id=chg-0]').length"), 1);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('says plainly when a region’s history is unknown, when nothing changed and when it was not collected', async () => {
    const page = await browser.newPage();
    const h = demo.changeHistory as History;
    const changed = new Set(Object.values(h.functions).map((f) => `${f.region}/${f.name}`));
    const quiet = demo.results.map(functionOf).find((k): k is string => k !== null && !changed.has(k));
    assert.ok(quiet, 'the demo has a function without changes');
    const [region, ...rest] = quiet.split('/');
    const name = rest.join('/');
    await page.setContent(renderHtml(demo), { waitUntil: 'load' });
    let shown = await recentChanges(page, region as string, name);
    assert.equal(shown.title, 'Recent changes');
    assert.match(
      shown.state,
      new RegExp(
        `^no changes No change recorded between 2026-10-25 12:00:00 UTC and 2026-11-01 12:00:00 UTC \\(CloudTrail event history of ${region}\\)\\.$`,
      ),
    );
    assert.deepEqual(shown.rows, []);
    // The same function when its region's LookupEvents failed: unknown, with the reason.
    const unread = structuredClone(demo);
    const uh = unread.changeHistory as History;
    uh.unreadRegions = [region as string];
    uh.functions = Object.fromEntries(Object.entries(uh.functions).filter(([, f]) => f.region !== region));
    unread.coverage.push({
      service: 'cloudtrail',
      operation: 'LookupEvents',
      region: region as string,
      resource: null,
      error: {
        class: 'access-denied',
        code: 'AccessDeniedException',
        message: 'denied',
        service: 'cloudtrail',
        operation: 'LookupEvents',
      },
    });
    await page.setContent(renderHtml(unread), { waitUntil: 'load' });
    shown = await recentChanges(page, region as string, name);
    assert.match(
      shown.state,
      /^unknown Its changes between .* are unknown — not “no changes”: cloudtrail:LookupEvents failed — access-denied \(AccessDeniedException\)\.$/,
    );
    assert.deepEqual(shown.rows, []);
    // Without --changes-since.
    const none = structuredClone(demo);
    delete none.changeHistory;
    await page.setContent(renderHtml(none), { waitUntil: 'load' });
    shown = await recentChanges(page, region as string, name);
    assert.match(shown.state, /^not collected The scan ran without --changes-since/);
    await page.close();
  });

  it('reads without script: the Changes section holds the rows, from file://, with no request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-html-changes-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(demo));
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.click('nav.toc a[href="#change-history"]');
      assert.ok(await page.locator('#change-history').isVisible());
      const h = demo.changeHistory as History;
      const rows = Object.values(h.functions).reduce((k, f) => k + f.changes.length, 0);
      assert.ok(rows > 0);
      assert.equal(await page.locator('#change-history table.chg-table tbody tr').count(), rows);
      await page.locator('#change-history details.chg-fn summary').first().click();
      assert.ok(await page.locator('#change-history table.chg-table').first().isVisible());
      // Printed, the collapsed tables show.
      await page.emulateMedia({ media: 'print' });
      assert.ok(await page.locator('#change-history table.chg-table').last().isVisible());
      assert.deepEqual(requests, []);
    } finally {
      await context.close();
    }
  });
});
