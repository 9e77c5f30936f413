/**
 * The HTML report at scale: `node dist/test/bench/html-tti.js [FUNCTIONS]` (default 100,000)
 * synthesises the benchmark's inventory (synth.ts: seed 1, four regions, 2,000 users and roles),
 * evaluates every check, renders the HTML page, and opens it from file:// in headless Chromium
 * (/usr/bin/chromium): the file size, the render time, and Chromium's time to interactive —
 * navigation start to the page script having built the first page of the table (data-ready),
 * which is when the filters answer — plus the time one filter change and one search take.
 * Prints one JSON document. Not part of the test suite (it needs ~2 GiB and a minute).
 * `node dist/test/bench/html-tti.js FILE.html` measures a page already written (a run's `file`)
 * without synthesising: to time two versions of the page on a quiet machine, one after the other.
 * Both also time opening the per-function panel from the first function name in the table.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKS } from '../../checks/index.js';
import { dataFreshness } from '../../src/data/index.js';
import { contextOf, evaluate } from '../../src/engine/evaluate.js';
import { score } from '../../src/engine/score.js';
import { dataFilesFor } from '../../src/engine/select.js';
import { deriveCoverage } from '../../src/inventory/coverage.js';
import { accessSection } from '../../src/report/access.js';
import { buildReport } from '../../src/report/build.js';
import { renderHtml } from '../../src/report/html.js';
import { buildView } from '../../src/view/account-view.js';
import { launchChromium } from '../helpers/chromium.js';
import { synthesizeInventory } from './synth.js';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];

async function main(n: number) {
  const page = await writePage(n);
  return { functions: n, ...page.facts, ...(await measure(page.file)) };
}

async function writePage(n: number) {
  const base = Math.floor(n / REGIONS.length);
  const { inventory: inv } = await synthesizeInventory({
    seed: 1,
    regions: REGIONS,
    functionsPerRegion: Object.fromEntries(
      REGIONS.map((r, i) => [r, base + (i < n % REGIONS.length ? 1 : 0)]),
    ),
    users: 2000,
    roles: 2000,
  });
  const inventory = { ...inv, coverage: deriveCoverage(inv) };
  const view = buildView(inventory);
  const results = evaluate(CHECKS, view, contextOf(view));
  const report = buildReport({
    inventory,
    checks: CHECKS,
    results,
    scores: score(results),
    mode: 'evaluate',
    evaluatedAt: new Date(inv.scan.startedAt),
    toolVersion: '0.0.0-bench',
    dataFiles: dataFreshness(dataFilesFor(CHECKS), new Date(inv.scan.startedAt)),
    access: accessSection(view),
  });
  const t0 = performance.now();
  const html = renderHtml(report);
  const renderMs = performance.now() - t0;
  const dir = mkdtempSync(join(tmpdir(), 'lp-html-tti-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html);
  return {
    file,
    facts: {
      results: report.results.length,
      fails: report.summary.counts.fail,
      renderHtmlMs: Math.round(renderMs),
    },
  };
}

async function measure(file: string) {
  const html = readFileSync(file, 'utf8');
  const bytes = statSync(file).size;
  const dataStart = html.indexOf('id="lp-data">');
  const dataBytes = Buffer.byteLength(html.slice(dataStart, html.indexOf('</script>', dataStart)));

  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`file://${file}`, { waitUntil: 'load', timeout: 120_000 });
    const poll = async (expr: string) => {
      while (!(await page.evaluate(expr))) await page.waitForTimeout(20);
    };
    await poll("document.documentElement.getAttribute('data-ready') === '1'");
    const timing = (await page.evaluate(
      "(() => { const n = performance.getEntriesByType('navigation')[0]; const p = performance.getEntriesByName('first-contentful-paint')[0]; return { loadEventEnd: n.loadEventEnd, domContentLoaded: n.domContentLoadedEventEnd, firstContentfulPaint: p ? p.startTime : null, now: performance.now() }; })()",
    )) as Record<string, number | null>;
    const info = async () =>
      (await page.evaluate("document.querySelector('#results-info').textContent")) as string;
    let t = performance.now();
    await page.selectOption('#f-status', '');
    await poll("document.querySelector('#results-info').textContent.includes('(of ')");
    const before = await info();
    await page.selectOption('#f-severity', 'critical');
    while ((await info()) === before) await page.waitForTimeout(20);
    const filterMs = performance.now() - t;
    t = performance.now();
    const beforeSearch = await info();
    await page.fill('#f-q', 'fn-0000');
    while ((await info()) === beforeSearch) await page.waitForTimeout(20);
    const searchMs = performance.now() - t - 150; // less the search box's debounce
    // The per-function panel (pages without one report null): from the first name in the table.
    let panelMs: number | null = null;
    const searched = await info();
    await page.fill('#f-q', '');
    while ((await info()) === searched) await page.waitForTimeout(20);
    if ((await page.locator('#results .fn-link').count()) > 0) {
      t = performance.now();
      await page.locator('#results .fn-link').first().click();
      await poll("(() => { const d = document.querySelector('#fn-panel'); return !!d && d.open; })()");
      panelMs = Math.round(performance.now() - t);
    }
    const heap = (await page.evaluate('performance.memory ? performance.memory.usedJSHeapSize : null')) as
      | number
      | null;
    return {
      htmlBytes: bytes,
      embeddedDataBytes: dataBytes,
      chromium: {
        timeToInteractiveMs: timing.now,
        ...timing,
        filterAllToCriticalMs: Math.round(filterMs),
        searchMs: Math.round(searchMs),
        openFunctionPanelMs: panelMs,
        usedJsHeapBytes: heap,
        errors,
      },
      file,
    };
  } finally {
    await browser.close();
  }
}

const arg = process.argv[2] ?? '100000';
(arg.endsWith('.html') ? measure(arg) : main(Number(arg))).then(
  (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  },
);
