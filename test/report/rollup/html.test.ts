/**
 * rollup.html as text: one self-contained page with no script, its stylesheets pinned by the CSP,
 * every account-chosen string escaped, and only relative links to the accounts' reports.
 * test/report/rollup/html-browser.test.ts looks at it in Chromium.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { htmlEscape } from 'escape-goat';
import { STYLE } from '../../../src/report/html/style.js';
import { HTML_CSP } from '../../../src/report/html.js';
import { ROLLUP_CSP, ROLLUP_RENDERERS, ROLLUP_STYLE, reportHref } from '../../../src/report/rollup/render.js';
import { organizationAccounts, shardRollups, wholeRollup } from './fixtures.js';
import { hostileRollup } from './hostile.js';

const render = ROLLUP_RENDERERS.html.render;
const hash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

describe('rollup.html', () => {
  const rollup = wholeRollup(organizationAccounts(12));
  const page = render(rollup);

  it('is self-contained: no script, its two stylesheets pinned by hash, nothing may load', () => {
    assert.ok(page.includes(`content="${htmlEscape(ROLLUP_CSP)}"`));
    assert.match(ROLLUP_CSP, /^default-src 'none'; script-src 'none'; style-src /);
    assert.ok(ROLLUP_CSP.includes(hash(STYLE)) && ROLLUP_CSP.includes(hash(ROLLUP_STYLE)));
    const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    assert.deepEqual(styles, [STYLE, ROLLUP_STYLE]);
    assert.doesNotMatch(page, /<script/i);
    assert.doesNotMatch(page, /<[a-z]+\s[^>]*\b(src|srcset)=/i);
    // The account report's policy is untouched by the extraction of the shared helper.
    assert.match(
      HTML_CSP,
      /^default-src 'none'; script-src 'sha256-[^']+'; style-src 'sha256-[^']+'; img-src data:; base-uri 'none'; form-action 'none'$/,
    );
  });

  it('shows the grade, the accounts by status, every account worst first, the practices and what to fix first', () => {
    assert.match(page, /<span class="grade g-F" aria-label="grade F">F<\/span>/);
    const rows = [
      ...page.matchAll(
        /<tr class="st-(\w+)"><td data-label="Account"><span class="acct-name"><bdi>[^<]*<\/bdi><\/span><span class="acct-id">(\d{12})</g,
      ),
    ].map((m) => `${m[1]}:${m[2]}`);
    assert.deepEqual(
      rows,
      rollup.accounts.map((a) => `${a.status}:${a.accountId}`),
    );
    assert.equal(rows[0], 'failed:100000000031');
    assert.match(page, /AssumeRole was denied/);
    assert.match(page, /<h2 id="h-practices">Best practices per account<\/h2>/);
    assert.equal((page.match(/<tr class="org">/g) ?? []).length, 1);
    assert.equal((page.match(/<ol class="first">/g) ?? []).length, 1);
    assert.equal((page.match(/<li class="sev-(critical|high)">/g) ?? []).length, rollup.fixFirst.length);
    assert.match(page, /<strong>Incomplete:<\/strong> 2 accounts could not be scanned/);
  });

  it("links each scanned account's report relatively, and nothing else but the page's own anchors", () => {
    const hrefs = [...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1] as string);
    const scanned = rollup.accounts.filter((a) => a.status === 'scanned');
    for (const a of scanned) assert.ok(hrefs.includes(`accounts/${a.accountId}/report.html`), a.accountId);
    for (const h of hrefs)
      assert.match(h, /^(#[a-z-]+|accounts\/\d{12}\/report\.html(#check-[a-z0-9.-]+)?)$/, h);
    assert.equal(reportHref('accounts/100000000003'), 'accounts/100000000003/report.html');
    for (const bad of [
      'javascript:alert(1)',
      '/accounts/100000000003',
      '../x',
      'accounts/1/../../x',
      'https://evil.example',
      null,
    ]) {
      assert.equal(reportHref(bad), null, String(bad));
    }
  });

  it('escapes every account-chosen string: no markup of its own survives', () => {
    const hostile = render(hostileRollup());
    assert.doesNotMatch(hostile, /<script/i);
    assert.doesNotMatch(hostile, /<(img|svg|link)\b/i);
    assert.doesNotMatch(hostile, /<a href="javascript/i);
    assert.doesNotMatch(hostile, /<!--/);
    assert.match(hostile, /&lt;script&gt;window.__pwned=1&lt;\/script&gt;/);
    // Direction marks are kept (they are the name) but isolated in a <bdi>.
    assert.match(hostile, /<bdi>\u202Egnp\.exe\u2066\u200f prod<\/bdi>/);
    const hrefs = [...hostile.matchAll(/href="([^"]*)"/g)].map((m) => m[1] as string);
    for (const h of hrefs)
      assert.match(h, /^(#[a-z-]+|accounts\/\d{12}\/report\.html(#check-[a-z0-9.-]+)?)$/, h);
  });

  it('says when it is one shard of a selection', () => {
    const part = shardRollups(organizationAccounts(12), 3)[1];
    assert.ok(part);
    assert.match(
      render(part),
      /<strong>One shard only:<\/strong> this page covers shard 1 of 3 \(4 accounts of 12\)/,
    );
    assert.doesNotMatch(page, /One shard only/);
  });
});
