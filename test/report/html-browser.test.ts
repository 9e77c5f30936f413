/**
 * The HTML report in a real browser (headless Chromium through playwright-core): no script runs,
 * nothing is fetched, no CSP violation, and the page shows what a reader needs. Leaves a
 * screenshot at /tmp/report.png. Chromium must be installed at /usr/bin/chromium (CI installs
 * it); without it this test fails, it does not skip.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { renderHtml } from '../../src/report/html.js';
import { sampleReport, XSS_EVIDENCE, XSS_NAME } from './sample.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = '/tmp/report.png';

describe('HTML report in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const requests: string[] = [];
  const problems: string[] = [];

  before(async () => {
    assert.ok(
      existsSync(CHROMIUM),
      `Chromium is not installed at ${CHROMIUM}: install it (apt-get install -y chromium) to run the browser test`,
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!/^(about|data):/.test(r.url())) requests.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.setContent(renderHtml(sampleReport()), { waitUntil: 'load' });
  });

  after(async () => {
    await browser?.close();
  });

  it('runs no script, opens no dialog, makes no request, violates no CSP rule', async () => {
    // Give a would-be onerror handler time to fire.
    await page.waitForTimeout(200);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(requests, []);
    assert.deepEqual(problems, []);
    // Strings, not functions: this project compiles without the DOM lib.
    assert.equal(await page.evaluate('document.scripts.length'), 0);
    assert.equal(await page.evaluate('document.images.length'), 0);
  });

  it('applies the stylesheet pinned by the CSP hash', async () => {
    const border = await page.evaluate("getComputedStyle(document.querySelector('.banner')).borderLeftWidth");
    assert.equal(border, '8px');
  });

  it('shows hostile data as text', async () => {
    await page
      .locator('#findings details')
      .first()
      .evaluate((d) => d.setAttribute('open', ''));
    const text = (await page.locator('#findings').textContent()) ?? '';
    assert.ok(text.includes(XSS_NAME), 'resource name shown literally');
    assert.ok(text.includes(XSS_EVIDENCE.replace(/"/g, '\\"')), 'evidence shown literally (as JSON)');
  });

  it('lists BP1..BP7 in the practice table', async () => {
    const heads = await page.locator('#practices tbody th[scope=row]').allInnerTexts();
    assert.deepEqual(heads, ['BP1', 'BP2', 'BP3', 'BP4', 'BP5', 'BP6', 'BP7']);
  });

  it('shows the severity groups, critical first, and the incomplete banner', async () => {
    const groups = await page.locator('#findings h3').allInnerTexts();
    assert.deepEqual(
      groups.map((g) => g.split(' ')[0]),
      ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'],
    );
    assert.match(groups[0] ?? '', /^CRITICAL 1 check, 1 failing resource$/);
    assert.match(groups[2] ?? '', /^MEDIUM no failing checks$/);
    for (const id of ['sev-critical', 'sev-high', 'sev-medium', 'sev-low', 'sev-info']) {
      assert.ok(await page.locator(`#${id}`).isVisible(), `${id} visible`);
    }
    const banner = page.locator('.banner');
    assert.ok(await banner.isVisible());
    assert.match(
      (await banner.textContent()) ?? '',
      /^Incomplete scan: 2 results unknown, 2 reads failed — scores are lower bounds/,
    );
  });

  it('prints the content of collapsed sections', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      const row = page.locator('#passed details tbody tr').first();
      assert.equal(await page.locator('#passed details').getAttribute('open'), null, 'collapsed on screen');
      assert.ok(await row.isVisible(), 'visible when printed');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('takes a screenshot', async () => {
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    assert.ok(existsSync(SCREENSHOT));
  });
});
