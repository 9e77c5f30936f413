import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMBED_DETAIL_LIMIT, embeddedData, NAME_MARK, scriptJson } from '../../src/report/html/data.js';
import { priorityReason } from '../../src/report/priority.js';
import type { Report } from '../../src/report/schema.js';
import { demoReport } from './demo-report.js';
import { bigReport, sampleReport } from './sample.js';

/** Decodes the embedded form as the page script does, back to one row per result. */
function decode(report: Report) {
  const d = embeddedData(report, new Map(report.checks.map((c) => [c.id, c])));
  const rows: {
    checkId: string;
    status: string;
    arn: string;
    name: string;
    region: string;
    message: string;
  }[] = [];
  for (const [c, statuses, resRuns, msgRuns] of d.blocks) {
    const res: number[] = [];
    for (let i = 0; i < resRuns.length; i += 2)
      for (let t = 0; t < (resRuns[i + 1] as number); t++) res.push((resRuns[i] as number) + t);
    const msg: number[] = [];
    for (let i = 0; i < msgRuns.length; i += 2)
      for (let t = 0; t < (msgRuns[i + 1] as number); t++) msg.push(msgRuns[i] as number);
    [...statuses].forEach((s, k) => {
      const [name, arn, reg] = d.resources[res[k] as number] as [string, string, number];
      const region = d.regions[reg] as string;
      rows.push({
        checkId: d.checks[c]?.[0] ?? '',
        status: s,
        name,
        region,
        arn: arn || `arn:${d.partition}:lambda:${region}:${d.account}:function:${name}`,
        message: (d.messages[msg[k] as number] as string).split(NAME_MARK).join(name),
      });
    });
  }
  return { d, rows };
}

describe('the embedded results', () => {
  it('decode back to every result: check, status, resource, region and message', () => {
    const report = sampleReport();
    const { rows } = decode(report);
    assert.deepEqual(
      rows,
      report.results.map((r) => ({
        checkId: r.checkId,
        status: { pass: 'p', fail: 'f', unknown: 'u', not_applicable: 'n' }[r.status],
        name: r.resource.name,
        region: r.resource.region ?? 'global',
        arn: r.resource.arn,
        message: r.message,
      })),
    );
  });

  it('stay compact: one resource run per check, shared messages, ARNs left out when derivable', () => {
    const report = bigReport(3000);
    const { d, rows } = decode(report);
    assert.equal(rows.length, report.results.length);
    for (const [i, r] of report.results.entries()) assert.equal(rows[i]?.arn, r.resource.arn);
    for (const b of d.blocks) assert.equal(b[2].length, 2, 'one run of resources');
    assert.ok(d.messages.length < 10, `${d.messages.length} messages for ${rows.length} results`);
    assert.ok(
      d.resources.every((r) => r[1] === ''),
      'function ARNs are derivable',
    );
  });

  it(`carry finding id and evidence for the first ${EMBED_DETAIL_LIMIT} non-passing results only`, () => {
    const report = bigReport(EMBED_DETAIL_LIMIT + 10); // every function fails tracing
    const { d } = decode(report);
    const details = d.blocks.reduce((n, b) => n + b[4].length / 4, 0);
    assert.equal(details, EMBED_DETAIL_LIMIT);
    assert.ok(d.detailsLeftOut >= 10);
  });

  it('mark each suppressed result with its rule, reason and expiry, and no other', () => {
    const report = structuredClone(sampleReport());
    const failing = report.results.filter((r) => r.status === 'fail');
    assert.ok(failing.length >= 2);
    const [first, second] = failing as [Report['results'][number], Report['results'][number]];
    first.suppression = { rule: 1, reason: 'accepted: <script>', expires: '2999-01-01' };
    second.suppression = { rule: 2, reason: 'accepted too' };
    const d = embeddedData(report, new Map(report.checks.map((c) => [c.id, c])));
    const marked: string[] = [];
    let at = 0;
    for (const b of d.blocks) {
      for (let i = 0; i < b[5].length; i += 2) {
        const r = report.results[at + (b[5][i] as number)];
        const [rule, reason, expires] = d.suppressions[b[5][i + 1] as number] ?? [];
        marked.push(`${r?.findingId} ${rule} ${reason} ${expires}`);
      }
      at += b[1].length;
    }
    assert.deepEqual(
      marked.sort(),
      [`${first.findingId} 1 accepted: <script> 2999-01-01`, `${second.findingId} 2 accepted too `].sort(),
    );
  });

  it('name the exposure checks, and carry who can modify the functions only when the report does', async () => {
    const demo = await demoReport();
    const d = embeddedData(demo, new Map(demo.checks.map((c) => [c.id, c])));
    const exposure = d.exposure.map((i) => d.checks[i]?.[0]);
    assert.ok(exposure.length > 0);
    assert.deepEqual(
      exposure,
      d.checks.map((c) => c[0]).filter((id) => priorityReason(id) === 'public exposure'),
    );
    assert.deepEqual(
      d.access?.regions.map(([r, list]) => [r, list.map((p) => d.access?.principals[p]?.[2])]),
      demo.access?.regions.map((r) => [r.region, r.modifiers.map((m) => m.arn)]),
    );
    const sample = sampleReport();
    assert.equal(
      embeddedData(sample, new Map(sample.checks.map((c) => [c.id, c]))).access,
      null,
      'the sample ran no check needing the IAM evaluator',
    );
  });

  it('serialise with no raw < > & or line separators, and parse back equal', () => {
    const value = { a: '</script><!--<script>&amp;\u2028\u2029', b: ['"><img src=x onerror=1>'] };
    const text = scriptJson(value);
    assert.ok(!/[<>&\u2028\u2029]/.test(text));
    assert.deepEqual(JSON.parse(text), value);
  });
});
