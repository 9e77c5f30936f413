import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Check } from '../../src/engine/check.js';
import { evaluate, type Result } from '../../src/engine/evaluate.js';
import { score } from '../../src/engine/score.js';
import { READ_IDS } from '../../src/inventory/reads.js';
import { buildReport } from '../../src/report/build.js';
import { RENDERERS } from '../../src/report/index.js';
import { renderJson } from '../../src/report/json.js';
import { REPORT_SCHEMA_VERSION, ReportSchema, reportJsonSchema } from '../../src/report/schema.js';
import { buildView } from '../../src/view/account-view.js';
import { Verdict } from '../../src/view/verdict.js';
import { awsError, inventory, lambdaFunction } from '../helpers/inventory.js';
import {
  EVALUATED_AT,
  reportFrom,
  sampleDataFiles,
  sampleInventory,
  sampleReport,
  TEST_CHECKS,
  tracingCheck,
  urlAuthCheck,
} from './sample.js';

/** The repository root, from the sources (tsx) or from dist/ (compiled). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    if (dirname(dir) === dir) return process.cwd();
    dir = dirname(dir);
  }
  return dir;
}
const SCHEMA_FILE = join(repoRoot(), 'reports', 'schema.json');

describe('report schema', () => {
  it('round-trips: built report → JSON → parse gives the same report', () => {
    const report = sampleReport();
    const text = renderJson(report);
    assert.deepEqual(ReportSchema.parse(JSON.parse(text)), report);
    assert.deepEqual(JSON.parse(text), report);
  });

  it('reports/schema.json is current (regenerate: npx tsx scripts/write-schema.ts)', () => {
    const committed: unknown = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
    assert.deepEqual(committed, reportJsonSchema());
  });

  it('the JSON Schema is draft 2020-12, serializable, and closed', () => {
    const schema = reportJsonSchema();
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.deepEqual(JSON.parse(JSON.stringify(schema)), schema);
    assert.equal(schema.additionalProperties, false);
    const props = schema.properties as Record<string, { required?: string[] }>;
    assert.deepEqual(Object.keys(props), [
      'schemaVersion',
      'tool',
      'run',
      'summary',
      'frameworks',
      'dataFiles',
      'checks',
      'results',
      'coverage',
      'access',
      'changes',
      'changeHistory',
      'suppressions',
    ]);
    assert.ok(props.summary?.required?.includes('incomplete'));
    // `error` on a result is optional: not listed as required.
    const result = (props.results as unknown as { items: { required: string[] } }).items;
    assert.ok(!result.required.includes('error'));
    assert.ok(result.required.includes('evidence'));
    for (const field of ['findingId', 'accountId', 'resource'])
      assert.ok(result.required.includes(field), field);
    assert.ok(!JSON.stringify(schema).includes('"format":"starts_with"'), 'no non-standard formats');
  });
});

describe('buildReport', () => {
  it('fills run, summary, checks, results and coverage from its inputs', () => {
    const r = sampleReport();
    assert.equal(r.schemaVersion, REPORT_SCHEMA_VERSION);
    assert.deepEqual(r.tool, { name: 'lambda-posture', version: '1.2.3-test' });
    assert.equal(r.run.mode, 'scan');
    assert.deepEqual(r.run.regions, ['eu-west-1', 'us-east-1']);
    assert.equal(r.run.durationMs, 190_500);
    assert.equal(r.run.evaluatedAt, EVALUATED_AT.toISOString());
    assert.deepEqual(r.run.apiCalls, {
      total: 5,
      byAction: { 'guardduty:ListDetectors': 2, 'lambda:ListFunctions': 2, 'sts:GetCallerIdentity': 1 },
    });
    assert.deepEqual(Object.keys(r.run.apiCalls.byAction), Object.keys(r.run.apiCalls.byAction).sort());
    assert.equal(r.run.throttledResponses, 3);
    assert.deepEqual(r.summary.counts, { pass: 2, fail: 4, unknown: 2, not_applicable: 1 });
    assert.deepEqual(r.run.reads, READ_IDS, 'the fixture inventory collected every read');
    assert.deepEqual(Object.keys(r.frameworks), ['aws-fsbp', 'cis-aws-3.0', 'cis-aws-7.0']);
    assert.deepEqual(
      r.dataFiles.map((d) => [d.id, d.retrievedAt === null ? null : 'dated']),
      [['lambda-runtimes', 'dated']],
    );
    assert.deepEqual(r.summary.failuresBySeverity, { critical: 1, high: 1, medium: 0, low: 2, info: 0 });
    assert.deepEqual(Object.keys(r.summary.practices), ['BP1', 'BP2', 'BP3', 'BP4', 'BP5', 'BP6', 'BP7']);
    assert.equal(r.summary.incomplete, true);
    assert.equal(r.summary.coverageGaps, 2);
    assert.equal(r.results.length, 9);
  });

  it('sorts checks by id, strips evaluate, and counts results per check', () => {
    const r = sampleReport();
    assert.deepEqual(
      r.checks.map((c) => c.id),
      [
        'guardduty.test-enabled',
        'iam.test-root-mfa',
        'lambda.test-nothing',
        'lambda.test-tracing',
        'lambda.test-url-auth',
      ],
    );
    for (const c of r.checks) assert.equal('evaluate' in c, false);
    assert.deepEqual(r.checks.find((c) => c.id === 'lambda.test-url-auth')?.counts, {
      pass: 0,
      fail: 1,
      unknown: 1,
      not_applicable: 1,
    });
    assert.deepEqual(r.checks.find((c) => c.id === 'lambda.test-nothing')?.counts, {
      pass: 0,
      fail: 0,
      unknown: 0,
      not_applicable: 0,
    });
    assert.ok(!renderJson(r).includes('evaluate('));
  });

  it('sorts coverage by service, region, operation, resource', () => {
    const inv = sampleInventory();
    const gap = (service: string, region: string | null, operation: string, resource: string | null) => ({
      service,
      operation,
      region,
      resource,
      error: awsError(operation, 'access-denied', service, region ?? undefined),
    });
    inv.coverage = [
      gap('lambda', 'us-east-1', 'GetPolicy', 'arn:b'),
      gap('lambda', 'us-east-1', 'GetPolicy', 'arn:a'),
      gap('lambda', 'eu-west-1', 'ListFunctions', null),
      gap('iam', null, 'GetCredentialReport', null),
      gap('lambda', 'us-east-1', 'GetFunction', 'arn:z'),
    ];
    const r = reportFrom(inv);
    assert.deepEqual(
      r.coverage.map((g) => `${g.service}/${g.region}/${g.operation}/${g.resource}`),
      [
        'iam/null/GetCredentialReport/null',
        'lambda/eu-west-1/ListFunctions/null',
        'lambda/us-east-1/GetFunction/arn:z',
        'lambda/us-east-1/GetPolicy/arn:a',
        'lambda/us-east-1/GetPolicy/arn:b',
      ],
    );
  });

  it('is complete when nothing is unknown and no read failed', () => {
    const inv = inventory({ functions: [lambdaFunction({ name: 'a', tracingMode: 'Active' })] });
    const r = reportFrom(inv, [tracingCheck, urlAuthCheck]);
    assert.equal(r.summary.incomplete, false);
    assert.deepEqual(r.summary.counts, { pass: 1, fail: 0, unknown: 0, not_applicable: 1 });
    assert.equal(r.summary.score, 100);
  });

  it('is incomplete with a coverage gap even when no result is unknown', () => {
    const inv = inventory({ functions: [lambdaFunction({ name: 'a', tracingMode: 'Active' })] });
    inv.coverage = [
      {
        service: 'iam',
        operation: 'GetAccountSummary',
        region: null,
        resource: null,
        error: awsError('GetAccountSummary', 'access-denied', 'iam', undefined),
      },
    ];
    const r = reportFrom(inv, [tracingCheck]);
    assert.equal(r.summary.counts.unknown, 0);
    assert.equal(r.summary.incomplete, true);
  });

  it('validates its own output', () => {
    const inv = sampleInventory();
    const results = evaluate(TEST_CHECKS, buildView(inv));
    const bad = [{ ...results[0], status: 'maybe' } as unknown as Result, ...results.slice(1)];
    assert.throws(() => reportFrom(inv, TEST_CHECKS, bad));
    const badCheck = { ...urlAuthCheck, references: ['http://insecure.example'] } as Check;
    assert.throws(() => reportFrom(inv, [badCheck]));
    const badInv = { ...inv, scan: { ...inv.scan, startedAt: 'yesterday' } };
    assert.throws(() => reportFrom(badInv));
  });

  it('keeps evidence as JSON: dates become strings, undefined members disappear', () => {
    const inv = inventory({ functions: [lambdaFunction({ name: 'a' })] });
    const odd: Check = {
      ...tracingCheck,
      evaluate: (_view, ctx) => [
        new Verdict({ arn: 'arn:x', name: 'x', region: null }).fail('odd evidence', {
          at: ctx.now,
          gone: undefined,
          n: 1,
        }),
      ],
    };
    const r = reportFrom(inv, [odd]);
    assert.deepEqual(r.results[0]?.evidence, { at: '2026-11-01T12:00:00.000Z', n: 1 });
  });

  it('is deterministic: the same input gives byte-identical JSON', () => {
    const a = renderJson(sampleReport());
    const b = renderJson(sampleReport());
    assert.equal(a, b);
    // Also independent of the order checks are passed in.
    const inv = sampleInventory();
    const reversed = [...TEST_CHECKS].reverse();
    const results = evaluate(reversed, buildView(inv));
    const c = renderJson(
      buildReport({
        inventory: inv,
        checks: reversed,
        results,
        scores: score(results),
        mode: 'scan',
        evaluatedAt: EVALUATED_AT,
        toolVersion: '1.2.3-test',
        dataFiles: sampleDataFiles(inv),
      }),
    );
    assert.equal(c, a);
  });
});

describe('renderJson and RENDERERS', () => {
  it('writes 2-space JSON with a trailing newline', () => {
    const text = renderJson(sampleReport());
    assert.ok(text.startsWith(`{\n  "schemaVersion": ${REPORT_SCHEMA_VERSION},\n`));
    assert.ok(text.endsWith('}\n'));
    assert.ok(!text.endsWith('\n\n'));
  });

  it('maps each format to a file name and a pure renderer', () => {
    assert.deepEqual(Object.keys(RENDERERS).sort(), [
      'asff',
      'csv',
      'html',
      'json',
      'junit',
      'ocsf',
      'sarif',
    ]);
    assert.equal(RENDERERS.json.fileName, 'report.json');
    assert.equal(RENDERERS.html.fileName, 'report.html');
    const names = Object.values(RENDERERS).map((r) => r.fileName);
    assert.equal(new Set(names).size, names.length, 'one file per format');
    const report = sampleReport();
    assert.equal([...RENDERERS.json.render(report)].join(''), renderJson(report));
    assert.ok([...RENDERERS.html.render(report)].join('').startsWith('<!doctype html>'));
    // Pure: the same report renders to the same text, every time, in every format.
    for (const [format, r] of Object.entries(RENDERERS)) {
      assert.equal([...r.render(report)].join(''), [...r.render(report)].join(''), format);
    }
  });
});
