/**
 * rollup.html in headless Chromium (playwright-core, test/helpers/chromium.ts): it renders with
 * no error, no CSP violation and no request at 1280 px and on a 390 px phone without horizontal
 * scrolling; a hostile corpus in account names, OUs, reasons and findings runs no script and
 * makes no request; the account links are relative. Screenshots go to a temp dir
 * (LP_SCREENSHOT_DIR to choose it). Skipped, saying so, only without /usr/bin/chromium.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROLLUP_RENDERERS } from '../../../src/report/rollup/render.js';
import { chromiumSkip, launchChromium } from '../../helpers/chromium.js';
import { organizationAccounts, wholeRollup } from './fixtures.js';
import { hostileRollup, PAYLOADS } from './hostile.js';

const SKIP = chromiumSkip('the roll-up browser tests');
const OUT = process.env.LP_SCREENSHOT_DIR ?? mkdtempSync(join(tmpdir(), 'lp-rollup-'));

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

describe('rollup.html in Chromium', { skip: SKIP }, () => {
  let browser: Browser;
  let context: BrowserContext;
  const page = ROLLUP_RENDERERS.html.render(wholeRollup(organizationAccounts(24)));

  before(async () => {
    browser = await launchChromium();
    context = await browser.newContext();
  });
  after(async () => {
    await browser?.close();
  });

  it('renders at 1280 px with no error, no CSP violation and no request, styled by its own sheets', async () => {
    const w = await open(context, page);
    assert.deepEqual(w.problems, []);
    assert.deepEqual(w.requests, []);
    // The grade tile is coloured: the stylesheet applied (a CSP hash mismatch would leave it bare).
    const bg = (await w.page.evaluate(
      "getComputedStyle(document.querySelector('.grade')).backgroundColor",
    )) as string;
    assert.equal(bg, 'rgb(185, 28, 28)', 'grade F is red');
    const heat = (await w.page.evaluate(
      "getComputedStyle(document.querySelector('table.heat td.h-good')).backgroundColor",
    )) as string;
    assert.equal(heat, 'rgb(220, 252, 231)');
    const rows = await w.page.locator('table.accounts tbody tr').count();
    assert.equal(rows, 24);
    await w.page.screenshot({ path: join(OUT, 'rollup-1280.png'), fullPage: false });
    await w.page.close();
  });

  it('fits a 390 px phone without horizontal scrolling, the accounts table as cards', async () => {
    const w = await open(context, page, { width: 390, height: 844 });
    const width = (await w.page.evaluate('document.documentElement.scrollWidth')) as number;
    assert.ok(width <= 390, `page is ${width} px wide`);
    const display = (await w.page.evaluate(
      "getComputedStyle(document.querySelector('table.accounts tbody tr')).display",
    )) as string;
    assert.equal(display, 'block', 'account rows are stacked');
    await w.page.screenshot({ path: join(OUT, 'rollup-390.png'), fullPage: true });
    assert.deepEqual(w.problems, []);
    await w.page.close();
  });

  it('a hostile corpus runs no script, opens no dialog and makes no request, at both widths', async () => {
    const hostile = ROLLUP_RENDERERS.html.render(hostileRollup());
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const w = await open(context, hostile, viewport);
      assert.equal(await w.page.evaluate('typeof window.__pwned'), 'undefined');
      assert.deepEqual(w.dialogs, []);
      assert.deepEqual(w.requests, []);
      assert.deepEqual(w.problems, []);
      assert.equal(await w.page.locator('script, img, svg, link, iframe, object').count(), 0);
      // The names are shown as text, exactly (the first is failed account 4's).
      const first = await w.page.locator('table.accounts .acct-name').first().textContent();
      assert.equal(first, `${PAYLOADS[4]} prod`);
      const width = (await w.page.evaluate('document.documentElement.scrollWidth')) as number;
      assert.ok(width <= viewport.width, `page is ${width} px wide at ${viewport.width}`);
      await w.page.close();
    }
  });

  it("links every account's report relatively", async () => {
    const w = await open(context, page);
    const hrefs = await w.page
      .locator('table.accounts a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.length > 0);
    for (const h of hrefs) assert.match(h ?? '', /^accounts\/\d{12}\/report\.html$/);
    await w.page.close();
  });

  it('reads the same without script', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    try {
      const w = await open(noJs, page);
      assert.equal(await w.page.locator('table.accounts tbody tr').count(), 24);
      assert.ok(await w.page.locator('#first ol.first li').count());
      assert.deepEqual(w.requests, []);
    } finally {
      await noJs.close();
    }
  });
});
