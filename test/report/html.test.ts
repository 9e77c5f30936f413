import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { HTML_CSP, HTML_RESOURCE_LIMIT, renderHtml } from '../../src/report/html.js';
import type { Report } from '../../src/report/schema.js';
import { inventory, lambdaFunction } from '../helpers/inventory.js';
import {
  bigReport,
  reportFrom,
  sampleInventory,
  sampleReport,
  TEST_CHECKS,
  tracingCheck,
  XSS_EVIDENCE,
  XSS_NAME,
} from './sample.js';

const sample = sampleReport();
const page = renderHtml(sample);

/** Every src/href attribute value of every tag in the page. */
function urlAttributes(text: string): { attr: string; value: string }[] {
  const out: { attr: string; value: string }[] = [];
  for (const tag of text.match(/<[a-z][^>]*>/gi) ?? []) {
    for (const m of tag.matchAll(
      /\s(src|href|srcset|action|poster|data)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi,
    )) {
      out.push({ attr: (m[1] ?? '').toLowerCase(), value: (m[2] ?? '').replace(/^["']|["']$/g, '') });
    }
  }
  return out;
}

describe('renderHtml: safety', () => {
  it('escapes a hostile resource name and hostile evidence everywhere', () => {
    assert.ok(!page.includes(XSS_NAME), 'raw resource name must not appear');
    assert.ok(!page.includes('<script>alert(1)</script>'), 'raw script payload must not appear');
    assert.ok(!page.includes(XSS_EVIDENCE), 'raw evidence payload must not appear');
    assert.ok(!/<img/i.test(page), 'no <img> tag at all');
    assert.deepEqual(
      page.match(/<script[^>]*>/gi),
      ['<script type="application/json" id="lp-data">', '<script>'],
      'only the data block and the page script',
    );
    assert.equal((page.match(/<\/script/gi) ?? []).length, 2, 'no value can close a script element');
    assert.ok(page.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the name is shown, escaped');
    assert.ok(page.includes('&lt;/script&gt;'), 'the evidence is shown, escaped');
  });

  it('makes no external request: no script, stylesheet, image, frame or font, and a strict CSP', () => {
    assert.ok(!/<link\b/i.test(page), 'no <link>');
    assert.ok(!/<(iframe|object|embed|img|video|audio|source|base|form)\b/i.test(page));
    assert.ok(!/<script[^>]*\ssrc/i.test(page), 'no script loaded from anywhere');
    assert.ok(!/@import|url\(/i.test(page), 'no CSS import or url()');
    assert.deepEqual(
      urlAttributes(page).filter((a) => a.attr !== 'href'),
      [],
      'no src/srcset/action/... attribute',
    );
    assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
    assert.ok(HTML_CSP.startsWith("default-src 'none'; "));
    assert.ok(HTML_CSP.includes('img-src data:'));
    assert.match(HTML_CSP, /script-src 'sha256-[A-Za-z0-9+/]+=*';/, 'script only by hash');
    assert.ok(!/unsafe|https?:|\*|'self'|nonce/.test(HTML_CSP), 'no other script source');
  });

  it('pins its only script by hash in the CSP', () => {
    const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    const hash = createHash('sha256')
      .update(scripts[0]?.[1] ?? '', 'utf8')
      .digest('base64');
    assert.ok(HTML_CSP.includes(`script-src 'sha256-${hash}'`));
    for (const tag of page.match(/<[a-z][^>]*>/gi) ?? []) {
      assert.ok(!/\son[a-z]+\s*=/i.test(tag), `no inline event handler attribute: ${tag}`);
    }
  });

  it('embeds the results as JSON that no value can break out of, and that reads back whole', () => {
    const report = structuredClone(sample);
    const r = report.results.find((x) => x.status === 'fail');
    assert.ok(r);
    r.message = '</script><script>alert(1)</script>\u2028<!--';
    const text = renderHtml(report);
    const block = text.slice(text.indexOf('id="lp-data">') + 'id="lp-data">'.length);
    const json = block.slice(0, block.indexOf('</script>'));
    assert.ok(!/[<>&\u2028\u2029]/.test(json), 'no raw < > & or line separator');
    const data = JSON.parse(json) as { messages: string[]; blocks: unknown[] };
    assert.ok(data.messages.includes(r.message), 'the message reads back exactly');
    assert.equal(data.blocks.length, new Set(report.results.map((x) => x.checkId)).size);
  });

  it('pins its only stylesheet by hash in the CSP', () => {
    const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)];
    assert.equal(styles.length, 1);
    const hash = createHash('sha256')
      .update(styles[0]?.[1] ?? '', 'utf8')
      .digest('base64');
    assert.ok(HTML_CSP.includes(`style-src 'sha256-${hash}'`));
    assert.ok(!/\sstyle=/i.test(page), 'no style attribute (the CSP would block it)');
  });

  it('links only to in-page anchors and the https references of checks', () => {
    const refs = new Set(sample.checks.flatMap((c) => c.references));
    for (const { value } of urlAttributes(page)) {
      if (value.startsWith('#')) continue;
      assert.ok(refs.has(value), `unexpected link ${value}`);
    }
    assert.ok(!/\bhref="http:/i.test(page));
  });

  it('never makes a link from a reference that is not https', () => {
    const report = structuredClone(sample);
    const check = report.checks.find((c) => c.id === 'iam.test-root-mfa');
    assert.ok(check);
    check.references = [
      'javascript:alert(1)',
      'http://example.com/x',
      'https://ok.example/"onmouseover="alert(1)',
    ];
    const text = renderHtml(report);
    assert.ok(!text.includes('href="javascript:'));
    assert.ok(!text.includes('href="http://'));
    assert.ok(text.includes('<li>javascript:alert(1)</li>'), 'shown as text');
    assert.ok(!text.includes('"onmouseover="'), 'quotes in a URL are escaped');
    assert.ok(text.includes('https://ok.example/&quot;onmouseover=&quot;alert(1)'));
  });

  it('is pure: the same report gives the same page, and the report is not changed', () => {
    const before = structuredClone(sample);
    assert.equal(renderHtml(sample), page);
    assert.deepEqual(sample, before);
  });
});

describe('renderHtml: suppressions', () => {
  it('marks an accepted finding with its rule and reason, escaped, and lists every rule with its state', () => {
    const report = structuredClone(sample);
    const failing = report.results.find((r) => r.status === 'fail');
    assert.ok(failing);
    failing.suppression = { rule: 1, reason: 'public site <script>alert(1)</script>', expires: '2027-03-01' };
    report.summary.suppressed = { fail: 1, unknown: 0 };
    report.suppressions = {
      file: 'accepted.yaml',
      rules: [
        {
          rule: 1,
          state: 'active',
          matched: 1,
          check: failing.checkId,
          reason: failing.suppression.reason,
          expires: '2027-03-01',
        },
        { rule: 2, state: 'expired', matched: 0, check: 'iam.*', reason: 'old', expires: '2020-01-01' },
      ],
    };
    const text = renderHtml(report);
    assert.ok(
      text.includes(
        'suppressed by rule 1: public site &lt;script&gt;alert(1)&lt;/script&gt; (until 2027-03-01) — not counted',
      ),
    );
    assert.ok(!text.includes('<script>alert(1)'));
    assert.ok(text.includes('id="suppressions"'));
    assert.match(text, /<td class="n">2<\/td><td>[\s\S]*?expired/);
    assert.ok(!renderHtml(sample).includes('id="suppressions"'), 'no section without --suppressions');
  });
});

describe('renderHtml: content', () => {
  it('has the sections in reading order', () => {
    const order = [
      '<header>',
      'Incomplete scan:',
      'id="h-score"',
      'id="h-practices"',
      'id="h-findings"',
      'id="h-unknown"',
      'id="h-coverage"',
      'id="h-passed"',
      '<footer>',
    ].map((marker) => {
      const at = page.indexOf(marker);
      assert.ok(at >= 0, `missing ${marker}`);
      return at;
    });
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    );
  });

  it('shows the header facts, the score, coverage and the practice table', () => {
    assert.ok(page.includes('<title>Lambda security posture — account 123456789012</title>'));
    assert.ok(page.includes('eu-west-1, us-east-1 (2)'));
    assert.ok(page.includes('2026-11-01 12:00:00 UTC (took 3 min 11 s)'));
    assert.ok(page.includes('scan — read live from the account'));
    assert.ok(page.includes('15.2<small> / 100</small>'));
    assert.ok(page.includes('75.0%'));
    for (const p of ['BP1', 'BP2', 'BP3', 'BP4', 'BP5', 'BP6', 'BP7']) {
      assert.ok(page.includes(`<th scope="row">${p}</th>`), p);
    }
  });

  it('shows the incomplete banner only when something is unknown or a read failed', () => {
    assert.ok(
      page.includes(
        '<strong>Incomplete scan:</strong> 2 results unknown, 2 reads failed — scores are lower bounds.',
      ),
    );
    const complete = reportFrom(
      inventory({ functions: [lambdaFunction({ name: 'a', tracingMode: 'Active' })] }),
      [tracingCheck],
    );
    assert.equal(complete.summary.incomplete, false);
    const text = renderHtml(complete);
    assert.ok(!text.includes('Incomplete scan'));
    assert.ok(text.includes('None: every read succeeded.'));
  });

  it('groups failing findings by severity, critical first, with the check details', () => {
    const groups = [...page.matchAll(/<h3 id="sev-(\w+)">/g)].map((m) => m[1]);
    assert.deepEqual(groups, ['critical', 'high', 'medium', 'low', 'info']);
    const critical = page.slice(page.indexOf('id="sev-critical"'), page.indexOf('id="sev-high"'));
    assert.ok(critical.includes('Test: root user has no MFA device'));
    assert.ok(critical.includes('<code>iam.test-root-mfa</code>'));
    assert.ok(critical.includes('T1 — stolen access keys; T5 — social engineering of staff'));
    assert.ok(critical.includes('BP2 — Multi-factor authentication'));
    assert.ok(critical.includes('Without MFA, the root password alone'));
    assert.ok(critical.includes('cis-aws-3.0: 1.5'));
    const high = page.slice(page.indexOf('id="sev-high"'), page.indexOf('id="sev-medium"'));
    assert.ok(high.includes('<pre><code>aws lambda update-function-url-config'));
    assert.ok(
      high.includes(
        '<a href="https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html" rel="noopener noreferrer">',
      ),
    );
    assert.ok(high.includes('<pre class="evidence">{&quot;urls&quot;:'));
  });

  it('lists unknown results by check with the reason, and the coverage gaps', () => {
    const unknown = page.slice(page.indexOf('id="h-unknown"'), page.indexOf('id="h-coverage"'));
    assert.ok(unknown.includes('id="unknown-lambda.test-url-auth"'));
    assert.ok(unknown.includes('the function URLs could not be read'));
    assert.ok(unknown.includes('lambda:ListFunctionUrlConfigs — access-denied (AccessDeniedException)'));
    assert.ok(unknown.includes('id="unknown-guardduty.test-enabled"'));
    const coverage = page.slice(page.indexOf('id="h-coverage"'), page.indexOf('id="h-passed"'));
    assert.ok(coverage.includes('2 reads failed.'));
    assert.ok(coverage.includes('<td class="nw">ListDetectors</td><td class="nw">eu-west-1</td>'));
    assert.ok(coverage.includes('ListFunctionUrlConfigs failed'));
  });

  it('collapses the checks without failures, with status words', () => {
    const passed = page.slice(page.indexOf('id="h-passed"'), page.indexOf('<footer>'));
    assert.match(passed, /<details>\s*<summary>/);
    assert.ok(!passed.includes('<details open'));
    assert.ok(passed.includes('lambda.test-nothing'));
    assert.ok(passed.includes('>no resources</span>'));
    assert.ok(passed.includes('>1 unknown</span>'));
  });

  it('ends with the tool version, the API call count and the age of the data files', () => {
    const footer = page.slice(page.indexOf('<footer>'));
    assert.ok(footer.includes('lambda-posture 1.2.3-test'));
    assert.ok(footer.includes('5 API calls (3 throttled responses)'));
    assert.match(
      footer,
      /AWS Lambda runtime deprecation schedule retrieved \d{4}-\d{2}-\d{2} \(\d+ days? old at the scan/,
    );
  });

  it('shows every result’s finding id, and counts not-applicable results apart', () => {
    const report = sampleReport();
    const failing = report.results.find((r) => r.status === 'fail');
    assert.ok(failing && page.includes(`finding <code>${failing.findingId}</code>`));
    assert.ok(page.includes('>not applicable</span></span><span>1</span>'));
    assert.match(page, /<th scope="col" class="n">N\/A<\/th>/);
  });

  it('warns about a stale data file, naming it, its age and where to refresh it', () => {
    const inv = sampleInventory();
    const stale = reportFrom(inv, TEST_CHECKS, undefined, [
      {
        id: 'lambda-runtimes',
        title: 'AWS Lambda runtime deprecation schedule',
        path: 'data/lambda-runtimes.json',
        source: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
        retrievedAt: '2026-01-01',
        version: null,
        ageDays: 304,
        stale: true,
      },
    ]);
    const text = renderHtml(stale);
    assert.ok(
      text.includes(
        '<strong>Stale data:</strong> AWS Lambda runtime deprecation schedule (data/lambda-runtimes.json) was retrieved 2026-01-01, 304 days before the scan',
      ),
    );
    assert.ok(text.includes('href="https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html"'));
    assert.equal(stale.summary.staleDataFiles, 1);
    assert.ok(!page.includes('Stale data:'), 'the fixture data is fresh at the fixture scan time');
  });

  it('uses words, not only colour, for statuses and severities', () => {
    for (const word of [
      '>fail</span>',
      '>pass</span>',
      '>unknown</span>',
      '>critical</span>',
      '>Critical</span>',
    ]) {
      assert.ok(page.includes(word), word);
    }
  });
});

describe('renderHtml: size', () => {
  it(`cuts each check's resource list at ${HTML_RESOURCE_LIMIT}; the JSON keeps them all`, () => {
    const report = bigReport(HTML_RESOURCE_LIMIT + 200);
    const text = renderHtml(report);
    const block = text.slice(text.indexOf('id="check-lambda.test-tracing"'));
    const section = block.slice(0, block.indexOf('</details>'));
    assert.equal((section.match(/<tr><td><span class="res-name">/g) ?? []).length, HTML_RESOURCE_LIMIT);
    assert.ok(section.includes('…and 200 more failing resources — see report.json for the full list.'));
    assert.equal(
      report.results.filter((r) => r.checkId === 'lambda.test-tracing' && r.status === 'fail').length,
      700,
    );
  });

  it('stays small for 40,000 results', () => {
    const report = bigReport(20_000); // two checks × 20,000 functions
    assert.equal(report.results.length, 40_000);
    const text = renderHtml(report);
    // The page embeds every result for its script (compactly: html/data.ts) besides the capped HTML.
    // Its rendering time is the benchmark's business (npm run bench), not a test's.
    assert.ok(text.length < 2_500_000, `HTML is ${text.length} characters`);
  });

  it('cuts long evidence', () => {
    const report: Report = structuredClone(sample);
    const r = report.results.find((x) => x.status === 'fail');
    assert.ok(r);
    r.evidence = { blob: 'x'.repeat(10_000) };
    const text = renderHtml(report);
    assert.ok(!text.includes('x'.repeat(2_000)));
    assert.ok(text.includes('… (cut; the full evidence is in report.json)'));
  });
});

describe('renderHtml: robustness', () => {
  it('still shows results whose check is missing from the report', () => {
    const report = structuredClone(sample);
    report.checks = report.checks.filter((c) => c.id !== 'iam.test-root-mfa');
    const text = renderHtml(report);
    const critical = text.slice(text.indexOf('id="sev-critical"'), text.indexOf('id="sev-high"'));
    assert.ok(critical.includes('<code>iam.test-root-mfa</code>'));
    assert.ok(critical.includes('root has no MFA device'));
    const passed = text.slice(text.indexOf('id="h-passed"'), text.indexOf('<footer>'));
    assert.ok(!passed.includes('iam.test-root-mfa'));
  });
});
