import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { z } from 'zod';
import {
  ASFF_BATCH_LIMIT,
  ASFF_FILE_NAME,
  ASFF_LIMITS,
  asffId,
  asffResourceType,
  homeRegion,
  renderAsff,
} from '../../src/report/asff.js';
import { TRUNCATION_MARKER, truncate } from '../../src/report/asff-text.js';
import type { Report } from '../../src/report/schema.js';
import { demoReport } from './demo-report.js';
import { bigReport, sampleReport, XSS_NAME } from './sample.js';

/*
 * An AwsSecurityFinding as BatchImportFindings takes it, written from the AWS documentation:
 * required attributes https://docs.aws.amazon.com/securityhub/latest/userguide/asff-required-attributes.html,
 * limits https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsSecurityFinding.html
 * (and API_Resource, API_Compliance, API_Recommendation, API_Workflow), the 100-finding limit
 * https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_BatchImportFindings.html, types
 * https://docs.aws.amazon.com/securityhub/latest/userguide/asff-type-taxonomy.html, and the default
 * product ARN of a custom integration (arn:<partition>:securityhub:<region>:<account>:product/<account>/default).
 * String fields follow the pattern .*\S.* (not blank).
 */
const text = (max: number) => z.string().min(1).max(max).regex(/\S/);
const timestamp = z.iso.datetime({ offset: true });
const TYPE_NAMESPACES = [
  'Software and Configuration Checks',
  'TTPs',
  'Effects',
  'Unusual Behaviors',
  'Sensitive Data Identifications',
];
const SEVERITY = z.enum(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);
const findingType = z
  .string()
  .refine(
    (t) => TYPE_NAMESPACES.includes(t.split('/')[0] ?? '') && t.split('/').length <= 3,
    'namespace/category/classifier',
  );
const PRODUCT_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):securityhub:([a-z0-9-]+):(\d{12}):product\/(\d{12})\/default$/;

const AsffFinding = z
  .object({
    SchemaVersion: z.literal('2018-10-08'),
    Id: text(ASFF_LIMITS.id),
    ProductArn: z.string().min(12).max(2048).regex(PRODUCT_ARN),
    GeneratorId: text(512),
    AwsAccountId: z.string().regex(/^\d{12}$/),
    Types: z.array(findingType).min(1).max(50),
    CreatedAt: timestamp,
    UpdatedAt: timestamp,
    LastObservedAt: timestamp.optional(),
    Severity: z.object({ Label: SEVERITY, Original: z.string().min(1).max(64).optional() }),
    Title: text(256),
    Description: text(1024),
    ProductName: text(128).optional(),
    CompanyName: text(128).optional(),
    Remediation: z
      .object({ Recommendation: z.object({ Text: text(512).optional(), Url: z.url().optional() }) })
      .optional(),
    ProductFields: z
      .record(z.string().min(1).max(128), text(2048))
      .refine((f) => Object.keys(f).length <= 50, 'at most 50 pairs')
      .optional(),
    Resources: z
      .array(
        z.object({
          Type: text(256),
          Id: text(2048),
          Partition: z.enum(['aws', 'aws-cn', 'aws-us-gov', 'aws-us-iso', 'aws-us-iso-b']).optional(),
          Region: text(16).optional(),
          Details: z.object({ Other: z.record(z.string().max(127), z.string().max(1023)) }).optional(),
        }),
      )
      .min(1)
      .max(32),
    Compliance: z
      .object({
        Status: z.enum(['PASSED', 'WARNING', 'FAILED', 'NOT_AVAILABLE']),
        RelatedRequirements: z.array(text(ASFF_LIMITS.relatedRequirement)).max(32).optional(),
        StatusReasons: z
          .array(z.object({ ReasonCode: text(256), Description: text(1024).optional() }))
          .optional(),
      })
      .optional(),
    Workflow: z.object({ Status: z.enum(['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED']) }).optional(),
    RecordState: z.enum(['ACTIVE', 'ARCHIVED']).optional(),
    FindingProviderFields: z
      .object({
        Severity: z.object({ Label: SEVERITY, Original: z.string().max(64).optional() }).optional(),
        Types: z.array(findingType).max(50).optional(),
      })
      .optional(),
  })
  // "The maximum allowed size for a finding is 240 Kb."
  .refine((f) => Buffer.byteLength(JSON.stringify(f)) <= 240 * 1024, 'at most 240 KB');
type AsffFinding = z.infer<typeof AsffFinding>;
const Line = z.object({ Findings: z.array(AsffFinding).min(1).max(ASFF_BATCH_LIMIT) }).strict();

function lines(report: Report): AsffFinding[][] {
  const chunks = [...renderAsff(report)];
  // One line per chunk, each ending in a newline.
  for (const chunk of chunks) assert.match(chunk, /^[^\n]+\n$/);
  return chunks.map((chunk) => {
    const parsed = Line.safeParse(JSON.parse(chunk));
    assert.ok(parsed.success, parsed.success ? '' : z.prettifyError(parsed.error));
    return parsed.data.Findings;
  });
}

const regionOf = (f: AsffFinding) => PRODUCT_ARN.exec(f.ProductArn)?.[2];
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('renderAsff', () => {
  // Built once: the demo evaluates every check over 70 functions.
  const demo = demoReport();

  it('writes report.asff.jsonl', () => {
    assert.equal(ASFF_FILE_NAME, 'report.asff.jsonl');
  });

  it('writes lines of at most 100 valid findings with every required attribute (sample, demo)', async () => {
    for (const report of [sampleReport(), await demo]) {
      const all = lines(report).flat();
      assert.equal(all.length, report.results.length);
    }
  });

  it('is a pure function of the report: two renders are the same text', () => {
    const report = sampleReport();
    assert.equal([...renderAsff(report)].join(''), [...renderAsff(structuredClone(report))].join(''));
  });

  it('splits a region of more than 100 results into full lines', () => {
    const report = bigReport(130);
    const perRegion = new Map<string, number>();
    for (const r of report.results) {
      const region = r.resource.region ?? homeRegion(report);
      perRegion.set(region, (perRegion.get(region) ?? 0) + 1);
    }
    const got = lines(report);
    const expected = [...perRegion.values()].reduce((n, count) => n + Math.ceil(count / ASFF_BATCH_LIMIT), 0);
    assert.equal(got.length, expected);
    assert.ok(
      got.some((l) => l.length === ASFF_BATCH_LIMIT),
      'a full line',
    );
  });

  it('never mixes regions in a line, and sends each finding to its resource region', async () => {
    const report = await demo;
    const byId = new Map(report.results.map((r) => [asffId(r), r]));
    for (const line of lines(report)) {
      const regions = new Set(line.map(regionOf));
      assert.equal(regions.size, 1, 'one region per line');
      for (const f of line) {
        const result = byId.get(f.Id);
        assert.ok(result);
        assert.equal(regionOf(f), result.resource.region ?? homeRegion(report));
        assert.equal(f.AwsAccountId, result.accountId);
        assert.equal(PRODUCT_ARN.exec(f.ProductArn)?.[3], result.accountId);
      }
    }
  });

  it('sends account-wide results to us-east-1 when scanned, else to the first scanned region', () => {
    const report = sampleReport();
    assert.ok(report.run.regions.includes('us-east-1'));
    assert.equal(homeRegion(report), 'us-east-1');
    const elsewhere = structuredClone(report);
    elsewhere.run.regions = ['eu-west-1', 'eu-central-1'];
    assert.equal(homeRegion(elsewhere), 'eu-west-1');
    const global = lines(elsewhere)
      .flat()
      .filter((f) => f.Resources[0]?.Region === undefined);
    assert.ok(global.length > 0);
    for (const f of global) assert.equal(regionOf(f), 'eu-west-1');
  });

  it('counts findings by Compliance.Status as the report counts results', async () => {
    const report = await demo;
    const status = {
      PASSED: 'pass',
      FAILED: 'fail',
      WARNING: 'unknown',
      NOT_AVAILABLE: 'not_applicable',
    } as const;
    const counts = { pass: 0, fail: 0, unknown: 0, not_applicable: 0 };
    for (const f of lines(report).flat()) {
      assert.ok(f.Compliance);
      counts[status[f.Compliance.Status]] += 1;
    }
    assert.deepEqual(counts, report.summary.counts);
  });

  it('gives every result exactly one finding, with an Id stable across renders', () => {
    const report = sampleReport();
    const later = structuredClone(report);
    later.run.evaluatedAt = '2027-03-04T05:06:07.000Z';
    const ids = (r: Report) =>
      lines(r)
        .flat()
        .map((f) => f.Id)
        .sort();
    assert.deepEqual(ids(report), ids(later));
    assert.deepEqual(ids(report), report.results.map(asffId).sort());
    assert.equal(new Set(ids(report)).size, report.results.length);
    const updated = lines(later).flat()[0];
    assert.equal(updated?.UpdatedAt, '2027-03-04T05:06:07.000Z');
  });

  it('maps resource types to Security Hub types, Other when it has none', async () => {
    const report = await demo;
    const byId = new Map(report.results.map((r) => [asffId(r), r]));
    for (const f of lines(report).flat()) {
      const result = byId.get(f.Id);
      assert.ok(result);
      assert.equal(f.Resources[0]?.Type, asffResourceType(result.resource.type));
      assert.equal(f.Resources[0]?.Id, result.resource.arn);
    }
    assert.equal(asffResourceType('AWS::Lambda::Function'), 'AwsLambdaFunction');
    assert.equal(asffResourceType('AWS::IAM::Role'), 'AwsIamRole');
    assert.equal(asffResourceType('AWS::IAM::User'), 'AwsIamUser');
    assert.equal(asffResourceType('AWS::::Account'), 'AwsAccount');
    assert.equal(asffResourceType('AWS::Lambda::EventSourceMapping'), 'Other');
  });

  it('lists framework controls as related requirements', async () => {
    const report = await demo;
    const checks = new Map(report.checks.map((c) => [c.id, c]));
    const byId = new Map(report.results.map((r) => [asffId(r), r]));
    let mapped = 0;
    for (const f of lines(report).flat()) {
      const check = checks.get(byId.get(f.Id)?.checkId ?? '');
      assert.ok(check);
      const expected = Object.entries(check.frameworks).flatMap(([fw, controls]) =>
        controls.map((c) => `${fw}/${c}`),
      );
      assert.deepEqual(f.Compliance?.RelatedRequirements ?? [], expected.slice(0, 32));
      if (expected.length > 0) mapped += 1;
    }
    assert.ok(mapped > 0);
  });

  it('keeps a suppressed result FAILED, with Workflow SUPPRESSED and the reason in ProductFields', () => {
    const report = structuredClone(sampleReport());
    const index = report.results.findIndex((r) => r.status === 'fail');
    const target = report.results[index];
    assert.ok(target);
    target.suppression = { rule: 2, reason: 'accepted until the migration', expires: '2099-12-31' };
    const finding = lines(report)
      .flat()
      .find((f) => f.Id === asffId(target));
    assert.ok(finding);
    assert.equal(finding.Compliance?.Status, 'FAILED');
    assert.equal(finding.Workflow?.Status, 'SUPPRESSED');
    assert.equal(finding.RecordState, 'ACTIVE');
    assert.equal(
      finding.ProductFields?.['lambda-posture/Suppression/Reason'],
      'accepted until the migration',
    );
    assert.equal(finding.ProductFields?.['lambda-posture/Suppression/Rule'], '2');
  });

  it('archives not-applicable findings, resolves passes, and leaves open ones NEW', () => {
    const report = sampleReport();
    const byId = new Map(report.results.map((r) => [asffId(r), r]));
    for (const f of lines(report).flat()) {
      const result = byId.get(f.Id);
      assert.ok(result);
      assert.equal(f.RecordState, result.status === 'not_applicable' ? 'ARCHIVED' : 'ACTIVE');
      assert.equal(f.Workflow?.Status, result.status === 'pass' ? 'RESOLVED' : 'NEW');
      if (result.status === 'unknown')
        assert.equal(f.Compliance?.StatusReasons?.[0]?.ReasonCode, 'READ_FAILED');
    }
  });

  it('renders the hostile sample as valid lines with names intact', () => {
    const report = sampleReport();
    const hostile = lines(report)
      .flat()
      .filter((f) => f.ProductFields?.['lambda-posture/ResourceName'] === XSS_NAME);
    assert.equal(hostile.length, report.results.filter((r) => r.resource.name === XSS_NAME).length);
    assert.ok(hostile.length > 0);
    for (const f of hostile) {
      assert.ok(f.Resources[0]?.Id.endsWith(XSS_NAME));
      assert.equal(f.Resources[0]?.Details?.Other.Name, XSS_NAME);
    }
  });

  it('truncates a long message, evidence and name within the limits, never splitting a surrogate pair', () => {
    const report = structuredClone(sampleReport());
    const target = report.results[0];
    assert.ok(target);
    // An emoji (a surrogate pair) straddles every cut point somewhere in this text.
    target.message = `${'x'.repeat(3)}${'😀a'.repeat(2000)}`;
    target.evidence = { blob: '😀'.repeat(3000) };
    target.resource.name = 'n😀'.repeat(700);
    const finding = lines(report)
      .flat()
      .find((f) => f.Id === asffId(target));
    assert.ok(finding);
    assert.ok(finding.Description.length <= ASFF_LIMITS.description);
    assert.ok(finding.Description.endsWith(TRUNCATION_MARKER));
    assert.ok(finding.Description.startsWith('xxx😀a'));
    const evidence = finding.ProductFields?.['lambda-posture/Evidence'] ?? '';
    assert.ok(evidence.length <= ASFF_LIMITS.productFieldValue && evidence.endsWith(TRUNCATION_MARKER));
    const name = finding.Resources[0]?.Details?.Other.Name ?? '';
    assert.ok(name.length <= ASFF_LIMITS.otherValue && name.endsWith(TRUNCATION_MARKER));
    for (const s of [finding.Description, evidence, name]) assert.doesNotMatch(s, LONE_SURROGATE);
  });

  it('caps related requirements at 32 and cuts a long title and remediation to their limits', () => {
    const report = structuredClone(sampleReport());
    const check = report.checks[0];
    assert.ok(check);
    check.frameworks['aws-fsbp'] = Array.from({ length: 40 }, (_, i) => `Lambda.${i + 1}`);
    check.title = 'T'.repeat(300);
    check.remediation.text = 'r'.repeat(600);
    const findings = lines(report)
      .flat()
      .filter((f) => f.GeneratorId === `lambda-posture/${check.id}`);
    assert.equal(findings.length, report.results.filter((r) => r.checkId === check.id).length);
    assert.ok(findings.length > 0);
    for (const f of findings) {
      assert.equal(f.Compliance?.RelatedRequirements?.length, ASFF_LIMITS.relatedRequirements);
      assert.equal(f.Title.length, ASFF_LIMITS.title);
      assert.ok(f.Title.endsWith(TRUNCATION_MARKER));
      assert.equal(f.Remediation?.Recommendation.Text?.length, ASFF_LIMITS.recommendationText);
    }
  });
});

describe('truncate', () => {
  it('returns text within the limit unchanged', () => {
    assert.equal(truncate('short', 10), 'short');
    assert.equal(truncate('x'.repeat(10), 10), 'x'.repeat(10));
  });

  it('cuts to at most max code units, with the marker, and never leaves a lone surrogate', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', '😀', 'é', ' ', '\n'), maxLength: 200 }),
        fc.integer({ min: TRUNCATION_MARKER.length + 1, max: 120 }),
        (s, max) => {
          const cut = truncate(s, max);
          assert.ok(cut.length <= max);
          assert.doesNotMatch(cut, LONE_SURROGATE);
          if (s.length > max) {
            assert.ok(cut.endsWith(TRUNCATION_MARKER));
            assert.ok(s.startsWith(cut.slice(0, -TRUNCATION_MARKER.length)));
          } else {
            assert.equal(cut, s);
          }
        },
      ),
      { seed: 20261203 },
    );
  });
});
