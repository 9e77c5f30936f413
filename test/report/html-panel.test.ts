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
