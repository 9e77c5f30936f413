/**
 * The HTML report in a real browser (headless Chromium through playwright-core): the page script
 * runs and builds the findings table (filters, search, sorting, keyboard), a hostile corpus (in
 * results, principals and CloudTrail change events) runs no script of its own and makes no request, no CSP rule is violated, the page fits a 390 px
 * phone, and without script the grade and the failures are still there. Screenshots of the demo
 * report at 1280 and 390 px go to a temp dir (LP_SCREENSHOT_DIR to choose it).
 * Skipped, saying so, only when Chromium is not installed at /usr/bin/chromium (CI installs it).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { renderHtml } from '../../src/report/html.js';
import type { Report } from '../../src/report/schema.js';
import { chromiumSkip, launchChromium, until } from '../helpers/chromium.js';
import { demoReport } from './demo-report.js';
import { sampleReport, XSS_NAME } from './sample.js';

const SKIP = chromiumSkip('the browser tests');

const OUT = process.env.LP_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'lp-html-'));

/** Each payload sets window.__pwned if it ever runs; some would also fetch if they rendered. */
const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror="window.__pwned=1">',
  "'><svg onload=window.__pwned=1>",
  'javascript:window.__pwned=1',
  '</style><script>window.__pwned=1</script><style>',
  '</script><script>window.__pwned=1</script>',
  '<img src="http://127.0.0.1:9/x.png">',
  '<link rel=stylesheet href=https://evil.example/x.css>',
  'x{background:url(https://evil.example/css)}',
  '\u202Egnp.exe\u2066\u200f',
  '<!--',
];
const P = (i: number) => PAYLOADS[i % PAYLOADS.length] as string;

/** How many results of the report satisfy `keep`. */
const count = (report: Report, keep: (r: Report['results'][number]) => boolean) =>
  report.results.filter(keep).length;
/** A count as the page writes it (en-US grouping). */
const fmt = (n: number) => n.toLocaleString('en-US');

/** The sample report with a payload in every string a scan takes from an account (and some it does not). */
function hostileReport(): Report {
  const r = structuredClone(sampleReport());
  r.run.callerArn = `arn:aws:iam::123456789012:role/${P(0)}`;
  r.run.regions = [...r.run.regions, P(5)];
  r.results.forEach((x, i) => {
    x.resource.name = `fn-${i}-${P(i)}`;
    x.resource.arn = `arn:aws:lambda:us-east-1:123456789012:function:${P(i + 1)}`;
    x.message = `message ${P(i + 2)}`;
    x.evidence = {
      tags: { [P(i + 3)]: P(i + 4) },
      environmentVariableNames: [P(i + 5), P(i + 6)],
      policy: { Statement: [{ Effect: 'Allow', Principal: '*', Action: P(i + 7), Resource: P(i + 8) }] },
      url: P(3),
    };
  });
  r.checks.forEach((c, i) => {
    c.title = `${c.title} ${P(i)}`;
    c.rationale = P(i + 1);
    c.remediation = { text: P(i + 2), cli: `aws lambda ${P(i + 4)}` };
    c.references = [...c.references, 'https://docs.aws.amazon.com/"><script>window.__pwned=1</script>'];
  });
  for (const g of r.coverage) g.error.message = P(1);
  // Who can modify the functions, with a payload in every principal string, and a group naming
  // a hostile function so its panel shows the group's principals too.
  const hostileModifier = (i: number) => ({
    kind: 'user' as const,
    name: `${P(i)}`,
    arn: `arn:aws:iam::123456789012:user/${P(i + 1)}`,
    categories: [P(i + 2)],
    consoleWithoutMfa: true,
    staleKey: true,
    actions: [
      {
        action: `lambda:${P(i + 3)}`,
        decision: 'conditional' as const,
        mfaRequired: true,
        undecidedKeys: [P(i + 4)],
        statements: [P(i + 5)],
      },
    ],
  });
  r.access = {
    available: true,
    reason: null,
    regions: [
      { region: 'us-east-1', functionCount: r.results.length, modifiers: [0, 1, 2].map(hostileModifier) },
    ],
    functionGroups: [
      {
        region: 'us-east-1',
        functions: PAYLOADS,
        modifiers: [3, 4].map(hostileModifier),
        withoutRegionModifiers: [hostileModifier(0).arn],
      },
    ],
    unknownPrincipals: [],
  };
  r.changeHistory = hostileChangeHistory();
  return r;
}

/**
 * CloudTrail changes to the hostile-named functions with a payload in every field, and enough
 * changes to other functions that some of the hostile ones are in the page's HTML (the most
 * recently changed) and the others only in its embedded data: the panel shows both kinds.
 */
function hostileChangeHistory(): NonNullable<Report['changeHistory']> {
  const functions: NonNullable<Report['changeHistory']>['functions'] = {};
  const event = (i: number, time: string) => ({
    eventTime: time,
    eventName: `UpdateFunctionCode20150331v2${P(i)}`,
    functionName: null,
    principalArn: `arn:aws:sts::123456789012:assumed-role/${P(i + 1)}`,
    identityType: P(i + 2),
    sessionIssuerArn: `arn:aws:iam::123456789012:role/${P(i + 3)}`,
    mfaAuthenticated: null,
    sourceIpAddress: P(i + 4),
    userAgent: P(i + 5),
    errorCode: i % 2 === 0 ? P(i + 6) : null,
    permissionPrincipal: P(i + 7),
  });
  PAYLOADS.forEach((name, i) => {
    // Even: changed last (in the HTML); odd: changed first (embedded only).
    const day = i % 2 === 0 ? '2026-10-31' : '2026-10-20';
    functions[`arn:aws:lambda:us-east-1:123456789012:function:${name}`] = {
      region: 'us-east-1',
      name,
      count: 3,
      changes: [0, 1, 2].map((k) => event(i + k, `${day}T0${k}:00:00.000Z`)),
    };
  });
  for (let f = 0; f < 30; f++) {
    const name = `filler-${f}`;
    functions[`arn:aws:lambda:us-east-1:123456789012:function:${name}`] = {
      region: 'us-east-1',
      name,
      count: 20,
      changes: Array.from({ length: 20 }, (_, k) =>
        event(f + k, `2026-10-25T${String(k).padStart(2, '0')}:00:00.000Z`),
      ),
    };
  }
  return {
    since: '2026-10-01T00:00:00.000Z',
    until: '2026-11-01T00:00:00.000Z',
    functions,
    unreadRegions: [P(5)],
  };
}

interface Watched {
  page: Page;
  problems: string[];
  requests: string[];
  dialogs: string[];
}

async function open(
  context: BrowserContext,
  text: string,
  viewport = { width: 1280, height: 900 },
): Promise<Watched> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const w: Watched = { page, problems: [], requests: [], dialogs: [] };
  await page.route('**', (route) => {
    w.requests.push(route.request().url());
    return route.abort();
  });
  page.on('dialog', (d) => {
    w.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') w.problems.push(m.text());
  });
  page.on('pageerror', (e) => w.problems.push(String(e)));
  await page.setContent(text, { waitUntil: 'load' });
  return w;
}

const rowTexts = (page: Page, col: number) =>
  page.locator(`#results tbody tr td:nth-child(${col})`).allInnerTexts();

describe('HTML report in Chromium', { skip: SKIP }, () => {
  let browser: Browser;
  let context: BrowserContext;
  let demo: Report;
  let demoHtml: string;

  before(async () => {
    browser = await launchChromium();
    context = await browser.newContext();
    demo = await demoReport();
    demoHtml = renderHtml(demo);
  });

  after(async () => {
    await browser?.close();
  });

  it('builds the table with its script, with no error, no CSP violation and no request', async () => {
    const w = await open(context, demoHtml);
    assert.equal(await w.page.getAttribute('html', 'data-ready'), '1');
    assert.ok(await w.page.locator('#results-section').isVisible());
    assert.equal(await w.page.locator('#results tbody tr').count(), 50, 'a page of 50 rows');
    assert.match(
      (await w.page.locator('#results-info').textContent()) ?? '',
      new RegExp(`^Showing 1–50 of ${fmt(count(demo, (r) => r.status === 'fail'))} matching`),
    );
    assert.deepEqual(w.problems, []);
    assert.deepEqual(w.requests, []);
    await w.page.close();
  });

  it('filters by severity, status, region and framework, searches text, and sorts', async () => {
    const { page } = await open(context, demoHtml);
    await page.selectOption('#f-severity', 'critical');
    const critical = fmt(count(demo, (r) => r.status === 'fail' && r.severity === 'critical'));
    await until(
      page,
      `document.querySelector('#results-info').textContent.includes('of ${critical} matching')`,
    );
    assert.deepEqual([...new Set(await rowTexts(page, 1))], ['CRITICAL']);
    await page.selectOption('#f-severity', '');
    await page.selectOption('#f-status', 'pass');
    await page.selectOption('#f-region', 'eu-west-1');
    await until(
      page,
      `!document.querySelector('#results-info').textContent.includes('of ${fmt(count(demo, (r) => r.status === 'fail'))} ')`,
    );
    assert.deepEqual([...new Set(await rowTexts(page, 2))], ['PASS']);
    assert.deepEqual([...new Set(await rowTexts(page, 5))], ['eu-west-1']);
    await page.selectOption('#f-region', '');
    await page.selectOption('#f-status', 'fail');
    await page.selectOption('#f-framework', 'aws-fsbp');
    const withFsbp = new Set(
      demo.checks.filter((c) => (c.frameworks['aws-fsbp'] ?? []).length > 0).map((c) => c.id),
    );
    await until(
      page,
      `!document.querySelector('#results-info').textContent.includes('of ${fmt(count(demo, (r) => r.status === 'fail'))} ')`,
    );
    for (const id of await rowTexts(page, 3)) assert.ok(withFsbp.has(id), id);
    await page.selectOption('#f-framework', '');
    // Text search: a function name.
    const target = demo.results.find(
      (r) => r.status === 'fail' && r.resource.type === 'AWS::Lambda::Function',
    );
    assert.ok(target);
    const expected = demo.results.filter(
      (r) =>
        r.status === 'fail' &&
        [r.checkId, r.resource.name, r.resource.arn, r.message].some((s) =>
          s.toLowerCase().includes(target.resource.name.toLowerCase()),
        ),
    ).length;
    await page.fill('#f-q', target.resource.name);
    await until(
      page,
      `document.querySelector('#results-info').textContent.includes(' of ${expected} matching')`,
    );
    for (const name of await rowTexts(page, 4)) assert.ok(name.includes(target.resource.name), name);
    await page.fill('#f-q', 'no-such-thing-anywhere');
    await until(page, "document.querySelector('#results-info').textContent.startsWith('No result')");
    assert.equal(await page.locator('#results tbody tr').count(), 0);
    await page.fill('#f-q', '');
    // Sorting by resource, then reversed.
    await page.click('th[data-sort=resource] button');
    const names = await rowTexts(page, 4);
    const sorted = [...names].sort((a, b) =>
      a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0,
    );
    assert.deepEqual(names, sorted);
    assert.equal(await page.getAttribute('th[data-sort=resource]', 'aria-sort'), 'ascending');
    await page.click('th[data-sort=resource] button');
    assert.equal(await page.getAttribute('th[data-sort=resource]', 'aria-sort'), 'descending');
    // Pages.
    await page.click('#results-next');
    assert.match((await page.locator('#results-info').textContent()) ?? '', /^Showing 51–100 /);
    await page.close();
  });

  it('is keyboard reachable: Tab reaches the filters and the rows, Enter opens a row', async () => {
    const { page } = await open(context, demoHtml);
    const seen: string[] = [];
    let opened = false;
    for (let i = 0; i < 400 && !opened; i++) {
      await page.keyboard.press('Tab');
      const id = (await page.evaluate(
        "(() => { const a = document.activeElement; if (!a) return ''; if (a.id) return '#' + a.id; return a.tagName + (a.closest('#results tbody') ? ' in-row' : ''); })()",
      )) as string;
      seen.push(id);
      if (id === 'SUMMARY in-row') {
        await page.keyboard.press('Enter');
        await page.waitForTimeout(100); // the toggle event, which fills the details, comes a task later
        opened = (await page.evaluate('document.activeElement.parentElement.open')) as boolean;
        const body = (await page.evaluate(
          "document.activeElement.parentElement.querySelector('.body').textContent",
        )) as string;
        assert.match(body, /Why it matters/);
        assert.match(body, /Remediation/);
      }
    }
    for (const id of [
      '#f-severity',
      '#f-practice',
      '#f-service',
      '#f-region',
      '#f-status',
      '#f-framework',
      '#f-q',
    ]) {
      assert.ok(seen.includes(id), `Tab reaches ${id}`);
    }
    assert.ok(opened, 'Enter opened a row');
    await page.close();
  });

  it('runs no script from a hostile corpus and makes no request, in the HTML or the table', async () => {
    const hostile = hostileReport();
    const w = await open(context, renderHtml(hostile));
    const { page } = w;
    // Render every row's details through the script's path too.
    await page.selectOption('#f-status', '');
    await page.evaluate(
      "document.querySelectorAll('#results details, #findings details, #unknown details').forEach(d => { d.open = true; })",
    );
    await page.waitForTimeout(300);
    // The panel of every hostile-named function the table links, from its name, then by fragment.
    const names = page.locator('#results .fn-link');
    assert.ok((await names.count()) > 0, 'hostile function names are linked to their panel');
    // On a loaded machine the table may still be redrawing from the filter change when the click
    // lands (on a row about to be replaced): click again until the panel opens, a few times.
    for (let attempt = 0; ; attempt++) {
      await names.first().click();
      try {
        await until(page, "document.querySelector('#fn-panel').open", 3_000);
        break;
      } catch (err) {
        if (attempt === 3) throw err;
      }
    }
    assert.ok((await page.locator('#fn-modifiers tbody tr').count()) > 0, 'the panel lists principals');
    assert.ok((await page.locator('#fn-findings tbody tr').count()) > 0, 'and findings');
    await page.keyboard.press('Escape');
    let checkedLists = 0;
    let changeRowsShown = 0;
    for (const name of PAYLOADS) {
      await page.evaluate(`location.hash = ${JSON.stringify(`#fn=us-east-1/${encodeURIComponent(name)}`)}`);
      await until(page, "document.querySelector('#fn-panel').open");
      assert.equal(await page.locator('#fn-title').textContent(), name, 'the name shown as text');
      // Its hostile change rows, from the HTML (even) or built from the embedded data (odd).
      assert.equal(await page.locator('#fn-changes tbody tr').count(), 3, `change rows of ${name}`);
      changeRowsShown += 3;
      if (hostile.results.some((r) => r.resource.arn.endsWith(`:function:${name}`) && !name.includes(':'))) {
        // Its group's list: the region's, less the one it lacks, plus the group's own.
        const group = hostile.access?.functionGroups[0];
        const regional = hostile.access?.regions[0]?.modifiers ?? [];
        const expected = [
          ...regional.filter((m) => !group?.withoutRegionModifiers.includes(m.arn)),
          ...(group?.modifiers ?? []),
        ].map((m) => m.arn);
        const shown = await page.evaluate(
          "[...document.querySelectorAll('#fn-modifiers tbody tr')].map((tr) => tr.getAttribute('data-arn'))",
        );
        assert.deepEqual(shown, expected, `modifiers of ${name}`);
        checkedLists += 1;
      }
      await page.keyboard.press('Escape');
      await until(page, "!document.querySelector('#fn-panel').open");
    }
    assert.ok(checkedLists > 0, 'some hostile names are functions with a modifier list');
    assert.equal(changeRowsShown, PAYLOADS.length * 3);
    // Both paths ran: the even-numbered hostile functions and 24 fillers are tables of the HTML
    // (500 rows at most), the odd-numbered ones only embedded.
    assert.equal(await page.locator('#change-history table.chg-table').count(), 6 + 24);
    // Every server-rendered change table opened too.
    await page.evaluate(
      "document.querySelectorAll('#change-history details').forEach(d => { d.open = true; })",
    );
    await page.evaluate(
      `location.hash = ${JSON.stringify(`#fn=${encodeURIComponent(P(5))}/${encodeURIComponent(P(0))}`)}`,
    );
    await until(page, "document.querySelector('#fn-panel').open");
    assert.equal(await page.evaluate('typeof window.__pwned'), 'undefined');
    assert.deepEqual(w.dialogs, []);
    assert.deepEqual(w.requests, []);
    assert.deepEqual(w.problems, [], 'no error and no CSP violation (an injected script would be one)');
    assert.equal(
      await page.evaluate('document.scripts.length'),
      2,
      'the data block and the page script only',
    );
    assert.equal(await page.evaluate('document.images.length'), 0);
    assert.equal(await page.evaluate("document.querySelectorAll('svg').length"), 1, 'only the chart');
    assert.equal(await page.evaluate("document.querySelectorAll('link, iframe, object, embed').length"), 0);
    const hrefs = (await page.evaluate(
      "[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))",
    )) as string[];
    for (const h of hrefs) assert.ok(/^(#|https:\/\/)/.test(h), `link ${h}`);
    const text = (await page.locator('body').textContent()) ?? '';
    for (const p of PAYLOADS.slice(0, 6)) assert.ok(text.includes(p), `shown as text: ${p}`);
    await page.close();
  });

  it('without script still shows the grade, what to fix first and the failures', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    try {
      const { page, requests } = await open(noJs, demoHtml);
      assert.equal(await page.locator('#grade .grade').textContent(), 'D');
      assert.ok(await page.locator('#grade').isVisible());
      assert.match(
        (await page.locator('#grade').textContent()) ?? '',
        new RegExp(`Capped by ${demo.summary.failuresBySeverity.critical} failing critical findings`),
      );
      assert.ok(await page.locator('#first li').first().isVisible());
      assert.ok(await page.locator('#findings details.finding').first().isVisible());
      assert.equal(await page.locator('#results-section').isVisible(), false, 'the empty table stays hidden');
      assert.ok(await page.locator('#practices svg.chart').isVisible());
      assert.deepEqual(requests, []);
    } finally {
      await noJs.close();
    }
  });

  it('fits a 390 px screen without horizontal scrolling; takes screenshots at 1280 and 390 px', async () => {
    const desk = await open(context, demoHtml);
    await desk.page.screenshot({ path: join(OUT, 'report-1280.png'), fullPage: false });
    await desk.page.close();
    const phone = await open(context, demoHtml, { width: 390, height: 844 });
    const width = (await phone.page.evaluate('document.documentElement.scrollWidth')) as number;
    assert.ok(width <= 390, `page is ${width} px wide`);
    const display = (await phone.page.evaluate(
      "getComputedStyle(document.querySelector('#results tbody tr')).display",
    )) as string;
    assert.equal(display, 'block', 'table rows are stacked');
    // The change tables opened, still within the width.
    await phone.page.evaluate(
      "document.querySelectorAll('#change-history details').forEach(d => { d.open = true; })",
    );
    const opened = (await phone.page.evaluate('document.documentElement.scrollWidth')) as number;
    assert.ok(opened <= 390, `with the change tables open the page is ${opened} px wide`);
    await phone.page.screenshot({ path: join(OUT, 'report-390.png'), fullPage: false });
    await phone.page.close();
    assert.ok(existsSync(join(OUT, 'report-1280.png')) && existsSync(join(OUT, 'report-390.png')));
    process.stderr.write(`screenshots: ${OUT}\n`);
  });

  it('prints collapsed sections and hides the controls', async () => {
    const { page } = await open(context, renderHtml(sampleReport()));
    await page.emulateMedia({ media: 'print' });
    const row = page.locator('#passed details tbody tr').first();
    assert.equal(await page.locator('#passed details').getAttribute('open'), null, 'collapsed on screen');
    assert.ok(await row.isVisible(), 'visible when printed');
    assert.equal(await page.locator('.controls').isVisible(), false);
    await page.close();
  });

  it('applies a dark scheme when the reader prefers one', async () => {
    const { page } = await open(context, renderHtml(sampleReport()));
    await page.emulateMedia({ colorScheme: 'dark' });
    const bg = await page.evaluate('getComputedStyle(document.documentElement).backgroundColor');
    assert.equal(bg, 'rgb(13, 17, 23)');
    assert.ok(((await page.locator('body').textContent()) ?? '').includes(XSS_NAME));
    await page.close();
  });
});
