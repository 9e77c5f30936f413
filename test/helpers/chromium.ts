/**
 * Headless Chromium for the tests and benchmarks that look at the HTML report as a person does:
 * Debian's chromium, driven by playwright-core, with the flags the machines here need.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** False when Chromium is there; else why the browser tests are skipped (they say so on stderr). */
export function chromiumSkip(what: string): string | false {
  if (existsSync(CHROMIUM)) return false;
  const reason = `Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium): ${what} are skipped`;
  process.stderr.write(`SKIPPED: ${reason}\n`);
  return reason;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
}

/** Polls an expression (page.waitForFunction would eval inside the page, which its CSP forbids). */
export async function until(page: Page, expr: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await page.evaluate(expr))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${expr}`);
    await page.waitForTimeout(25);
  }
}
