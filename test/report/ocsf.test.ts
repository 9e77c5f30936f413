import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import {
  OCSF_FILE_NAME,
  OCSF_FINDING_STATUS,
  OCSF_SEVERITY,
  OCSF_VERSION,
  renderOcsf,
} from '../../src/report/ocsf.js';
import type { Report } from '../../src/report/schema.js';
import { demoReport } from './demo-report.js';
import { sampleReport, XSS_EVIDENCE, XSS_NAME } from './sample.js';

/*
 * The Detection Finding class of OCSF 1.6.0, as far as these events use it, written from the spec:
 * https://schema.ocsf.io/1.6.0/classes/detection_finding (ocsf-schema tag 1.6.0:
 * events/findings/detection_finding.json, which extends events/findings/finding.json and
 * events/base_event.json). Required there: activity_id, category_uid, class_uid, finding_info
 * (uid required), metadata (product and version required), severity_id, time, type_uid; and
 * `cloud` (provider required), which the cloud profile makes required when it is applied.
 * Enums: base_event/finding activity_id, dictionary severity_id, finding status_id, account type_id,
 * analytic type_id, resource_details role_id.
 */
const intIn = (...values: number[]) =>
  z
    .number()
    .int()
    .refine((v) => values.includes(v), `one of ${values.join(', ')}`);
/** _entity's constraint: at least one of name and uid. */
const entity = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ name: z.string().optional(), uid: z.string().optional(), ...shape }).refine((o) => {
    const named = o as { name?: string; uid?: string };
    return named.name !== undefined || named.uid !== undefined;
  }, 'at least one of name, uid');
const timestamp = z.number().int().nonnegative(); // timestamp_t: milliseconds since the epoch

const DetectionFinding = z
  .object({
    activity_id: intIn(0, 1, 2, 3, 99),
    activity_name: z.string().optional(),
    category_uid: z.literal(2),
    category_name: z.literal('Findings').optional(),
    class_uid: z.literal(2004),
    class_name: z.literal('Detection Finding').optional(),
    type_uid: z.number().int(),
    type_name: z.string().optional(),
    time: timestamp,
    severity_id: intIn(0, 1, 2, 3, 4, 5, 6, 99),
    severity: z.string().optional(),
    status_id: intIn(0, 1, 2, 3, 4, 5, 6, 99).optional(),
    status: z.string().optional(),
    status_code: z.string().optional(),
    status_detail: z.string().optional(),
    message: z.string().optional(),
    is_alert: z.boolean().optional(),
    finding_info: z.object({
      uid: z.string().min(1),
      title: z.string().optional(),
      desc: z.string().optional(),
      types: z.array(z.string()).optional(),
      created_time: timestamp.optional(),
      modified_time: timestamp.optional(),
      analytic: entity({
        type_id: intIn(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 99),
        type: z.string(),
      }).optional(),
    }),
    metadata: z.object({
      version: z.string().regex(/^\d+\.\d+\.\d+$/),
      product: entity({ vendor_name: z.string().optional(), version: z.string().optional() }),
      event_code: z.string().optional(),
      profiles: z.array(z.string()).optional(),
    }),
    cloud: z.object({
      provider: z.string().min(1),
      account: entity({ type_id: intIn(0, 10, 99).optional(), type: z.string().optional() }).optional(),
      region: z.string().optional(),
      cloud_partition: z.string().optional(),
    }),
    resources: z
      .array(
        entity({
          type: z.string().optional(),
          region: z.string().optional(),
          cloud_partition: z.string().optional(),
          role_id: intIn(0, 1, 2, 3, 4, 99).optional(),
          role: z.string().optional(),
        }),
      )
      .optional(),
    remediation: z.object({ desc: z.string().min(1), references: z.array(z.string()).optional() }).optional(),
    // evidences: at least one typed artifact; these events use `data`.
    evidences: z
      .array(z.object({ name: z.string().optional(), data: z.record(z.string(), z.unknown()) }))
      .optional(),
    unmapped: z.record(z.string(), z.unknown()).optional(),
  })
  .refine(
    (e) => e.type_uid === e.class_uid * 100 + e.activity_id,
    'type_uid = class_uid * 100 + activity_id',
  );
type DetectionFinding = z.infer<typeof DetectionFinding>;

const SEVERITY_CAPTIONS: Record<number, string> = {
  0: 'Unknown',
  1: 'Informational',
  2: 'Low',
  3: 'Medium',
  4: 'High',
  5: 'Critical',
  6: 'Fatal',
  99: 'Other',
};
const STATUS_CAPTIONS: Record<number, string> = {
  0: 'Unknown',
  1: 'New',
  2: 'In Progress',
  3: 'Suppressed',
  4: 'Resolved',
  5: 'Archived',
  6: 'Deleted',
  99: 'Other',
};

function render(report: Report): unknown[] {
  const parsed: unknown = JSON.parse([...renderOcsf(report)].join(''));
  assert.ok(Array.isArray(parsed));
  return parsed;
}

function events(report: Report): DetectionFinding[] {
  return render(report).map((e) => DetectionFinding.parse(e));
}

/** A copy of `report` with the first result of `status` accepted by a suppression rule. */
function withSuppressed(report: Report, status: 'fail' | 'unknown'): { report: Report; index: number } {
  const copy = structuredClone(report);
  const index = copy.results.findIndex((r) => r.status === status);
  assert.ok(index >= 0, `the report has a ${status} result`);
  const result = copy.results[index];
  if (result) result.suppression = { rule: 1, reason: 'accepted: test', expires: '2099-01-01' };
  return { report: copy, index };
}

describe('renderOcsf', () => {
  // Built once: the demo evaluates every check over 70 functions.
  const demo = demoReport();

  it('writes report.ocsf.json', () => {
    assert.equal(OCSF_FILE_NAME, 'report.ocsf.json');
  });

  it('every event has the required attributes of an OCSF 1.6 Detection Finding (sample and demo)', async () => {
    for (const report of [sampleReport(), await demo]) {
      for (const event of render(report)) {
        const parsed = DetectionFinding.safeParse(event);
        assert.ok(parsed.success, parsed.success ? '' : z.prettifyError(parsed.error));
        assert.equal(parsed.data.metadata.version, OCSF_VERSION);
        assert.equal(parsed.data.metadata.product.name, 'lambda-posture');
        assert.equal(parsed.data.metadata.product.version, report.tool.version);
        assert.equal(parsed.data.cloud.provider, 'AWS');
      }
    }
  });

  it('has one event per result, in order, with the finding id as uid and the check id as event code', async () => {
    const report = await demo;
    const list = events(report);
    assert.equal(list.length, report.results.length);
    list.forEach((event, i) => {
      const result = report.results[i];
      assert.ok(result);
      assert.equal(event.finding_info.uid, result.findingId);
      assert.equal(event.metadata.event_code, result.checkId);
      assert.equal(event.resources?.[0]?.uid, result.resource.arn);
      assert.equal(event.cloud.account?.uid, result.accountId);
      assert.equal(event.cloud.region, result.resource.region ?? undefined);
    });
  });

  it('keeps our status in status_code, counted as the report counts it', async () => {
    const report = await demo;
    const counts = { pass: 0, fail: 0, unknown: 0, not_applicable: 0 };
    for (const e of events(report)) counts[e.status_code as keyof typeof counts] += 1;
    assert.deepEqual(counts, report.summary.counts);
  });

  it('uses severity and status ids in range, with the spec captions', async () => {
    const report = await demo;
    const list = events(report);
    list.forEach((e, i) => {
      const result = report.results[i];
      assert.ok(result);
      assert.equal(e.severity, SEVERITY_CAPTIONS[e.severity_id]);
      assert.equal(e.severity_id, OCSF_SEVERITY[result.severity].id);
      assert.ok(e.status_id !== undefined);
      assert.equal(e.status, STATUS_CAPTIONS[e.status_id]);
      assert.equal(e.time, Date.parse(report.run.evaluatedAt));
    });
    // The order of severities is kept: info < low < medium < high < critical.
    const ids = (['info', 'low', 'medium', 'high', 'critical'] as const).map((s) => OCSF_SEVERITY[s].id);
    assert.deepEqual(ids, [1, 2, 3, 4, 5]);
  });

  it('maps statuses to the finding workflow: New for open, Resolved for pass, Archived for not applicable', () => {
    const report = sampleReport();
    events(report).forEach((e, i) => {
      const result = report.results[i];
      assert.ok(result);
      const expected =
        result.status === 'pass'
          ? OCSF_FINDING_STATUS.resolved
          : result.status === 'not_applicable'
            ? OCSF_FINDING_STATUS.archived
            : OCSF_FINDING_STATUS.new;
      assert.equal(e.status_id, expected.id);
      assert.equal(e.is_alert, result.status === 'fail');
    });
  });

  for (const status of ['fail', 'unknown'] as const) {
    it(`marks a suppressed ${status} result Suppressed, not an alert, with the rule in unmapped`, () => {
      const { report, index } = withSuppressed(sampleReport(), status);
      const event = events(report)[index];
      assert.ok(event);
      assert.equal(event.status_id, OCSF_FINDING_STATUS.suppressed.id);
      assert.equal(event.status, 'Suppressed');
      assert.equal(event.status_code, status);
      assert.equal(event.is_alert, false);
      assert.deepEqual(event.unmapped?.suppression, report.results[index]?.suppression);
    });
  }

  it("puts the check's framework controls in unmapped.compliance, only the mapped frameworks", async () => {
    const report = await demo;
    const checks = new Map(report.checks.map((c) => [c.id, c]));
    const list = events(report);
    let mapped = 0;
    list.forEach((e, i) => {
      const check = checks.get(report.results[i]?.checkId ?? '');
      assert.ok(check);
      const expected = Object.fromEntries(Object.entries(check.frameworks).filter(([, c]) => c.length > 0));
      assert.deepEqual(e.unmapped?.compliance, expected);
      if (Object.keys(expected).length > 0) mapped += 1;
    });
    assert.ok(mapped > 0, 'the demo has results of mapped checks');
  });

  it('gives the remediation and references of the check', () => {
    const report = sampleReport();
    const checks = new Map(report.checks.map((c) => [c.id, c]));
    events(report).forEach((e, i) => {
      const check = checks.get(report.results[i]?.checkId ?? '');
      assert.ok(check);
      assert.ok(e.remediation?.desc.startsWith(check.remediation.text));
      assert.deepEqual(e.remediation?.references, check.references);
      assert.equal(e.finding_info.title, check.title);
    });
  });

  it('is a pure function of the report: two renders are the same text', () => {
    const report = sampleReport();
    assert.equal([...renderOcsf(report)].join(''), [...renderOcsf(structuredClone(report))].join(''));
  });

  it('keeps the uid stable across renders with a different evaluatedAt', () => {
    const report = sampleReport();
    const later = structuredClone(report);
    later.run.evaluatedAt = '2027-03-04T05:06:07.000Z';
    const a = events(report);
    const b = events(later);
    assert.deepEqual(
      a.map((e) => e.finding_info.uid),
      b.map((e) => e.finding_info.uid),
    );
    assert.notEqual(a[0]?.time, b[0]?.time);
    assert.equal(b[0]?.time, Date.parse('2027-03-04T05:06:07.000Z'));
  });

  it('renders the hostile sample as valid JSON with names and evidence intact', () => {
    const report = sampleReport();
    const text = [...renderOcsf(report)].join('');
    const list = events(report);
    const hostile = list.filter((e) => e.resources?.[0]?.name === XSS_NAME);
    assert.equal(hostile.length, report.results.filter((r) => r.resource.name === XSS_NAME).length);
    assert.ok(hostile.length > 0);
    assert.ok(list.some((e) => e.evidences?.[0]?.data.handler === XSS_EVIDENCE));
    // The text is JSON, nothing else: no raw control character in it.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
    assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f]/);
  });

  it('streams one event per chunk between the brackets, and [] when there is no result', () => {
    const report = sampleReport();
    const chunks = [...renderOcsf(report)];
    assert.equal(chunks.length, report.results.length + 1);
    assert.ok(chunks[0]?.startsWith('[\n{'));
    assert.equal(chunks.at(-1), '\n]\n');
    const empty = structuredClone(report);
    empty.results = [];
    assert.deepEqual(JSON.parse([...renderOcsf(empty)].join('')), []);
  });
});
