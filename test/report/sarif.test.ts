/**
 * The SARIF report: valid against the OASIS SARIF 2.1.0 schema (committed as published, see
 * test/fixtures/sarif/SOURCE.md), one result per failing or unknown result, stable synthetic paths
 * that hostile names cannot break out of, and GitHub's severity bands.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import type { Log, Result } from 'sarif';
import { renderSarif, renderSarifText, SARIF_FILE, SARIF_SCHEMA_URI } from '../../src/report/sarif.js';
import { FINDING_FINGERPRINT } from '../../src/report/sarif-result.js';
import { SECURITY_SEVERITY } from '../../src/report/sarif-rules.js';
import { resourceUri, uriSegment } from '../../src/report/sarif-uri.js';
import type { Report, ReportResult } from '../../src/report/schema.js';
import { repoRoot } from '../helpers/paths.js';
import { demoReport } from './demo-report.js';
import { bigReport, sampleReport, XSS_NAME } from './sample.js';

// ajv-formats is CommonJS with `exports.default`: under nodenext its default import is the module.
const addFormats = addFormatsModule.default;
const FIXTURES = join(repoRoot(), 'test', 'fixtures', 'sarif');

/**
 * The OASIS Standard's schema (2.1.0 with errata 01), in the draft-04 dialect. Ajv 8 runs
 * draft-07; of what draft-04 spells differently the schema uses only its root `id` (draft-07
 * `$id`; it has no boolean exclusiveMinimum/Maximum), so that one key is renamed in memory and the
 * committed file stays as published. (The TC's draft-07 copy under sarif-2.1/prose predates the
 * standard: it lacks suppression.status, so it is not the one to validate against.)
 */
function sarifValidator(): ValidateFunction {
  const text = readFileSync(join(FIXTURES, 'sarif-schema-2.1.0.json.txt'), 'utf8');
  const { id, ...schema } = JSON.parse(text) as Record<string, unknown>;
  assert.equal(id, SARIF_SCHEMA_URI, 'the fixture is the schema the log names');
  assert.ok(String(schema.$schema).includes('draft-04') && !/"exclusiveM(in|ax)imum"/.test(text));
  Object.assign(schema, { $schema: 'http://json-schema.org/draft-07/schema#', $id: id });
  // unicodeRegExp off: the schema's `language` pattern (`…{2}]?$`) is invalid under the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
const validateSarif = sarifValidator();

function assertSchemaValid(log: unknown, label: string): void {
  const ok = validateSarif(log);
  assert.ok(ok, `${label}: ${JSON.stringify(validateSarif.errors?.slice(0, 5), null, 1)}`);
}

function sarifOf(report: Report): Log {
  return JSON.parse(renderSarifText(report)) as Log;
}

function resultsOf(log: Log): Result[] {
  return log.runs[0]?.results ?? [];
}

function uriOf(result: Result): string {
  return result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
}

const problems = (report: Report) =>
  report.results.filter((r) => r.status === 'fail' || r.status === 'unknown');

const HOSTILE_NAMES = [
  '..',
  '.',
  '...',
  '',
  '../../../etc/passwd',
  'a/../../b',
  'name with spaces',
  '<script>alert(1)</script>',
  XSS_NAME,
  '\u202Eexe.txt',
  '\u200Finvisible\u2066mark',
  '#fragment',
  '?query=1&x=2',
  '%2e%2e',
  'back\\slash',
  'lone\uD800surrogate',
  '[click](https://evil.example)',
  '{0} placeholder }',
  'ünïcødé-函数',
];

/** The sample report, plus a failing result per hostile name (and a hostile ARN account and region). */
function hostileReport(): Report {
  const report = structuredClone(sampleReport());
  const base = report.results.find((r) => r.status === 'fail' && r.resource.type === 'AWS::Lambda::Function');
  assert.ok(base, 'the sample has a failing function');
  const extra: ReportResult[] = HOSTILE_NAMES.map((name, i) => ({
    ...structuredClone(base),
    findingId: (0xf00 + i).toString(16).padStart(32, '0'),
    message: `${name} has a problem`,
    resource: { ...base.resource, name, arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}` },
  }));
  extra.push({
    ...structuredClone(base),
    findingId: 'e'.repeat(32),
    resource: { ...base.resource, name: 'x', region: '../..', arn: 'arn:aws:lambda:../..:..:function:x' },
  });
  report.results.push(...extra);
  return report;
}

/** The sample with suppression rules: one failing and one unknown result accepted. */
function suppressedReport(): Report {
  const report = structuredClone(sampleReport());
  const failing = report.results.find((r) => r.status === 'fail');
  const unknown = report.results.find((r) => r.status === 'unknown');
  assert.ok(failing && unknown, 'the sample has failing and unknown results');
  failing.suppression = { rule: 1, reason: 'public site <script>alert(1)</script>', expires: '2027-03-01' };
  unknown.suppression = { rule: 2, reason: 'GuardDuty is run by the security account' };
  report.summary.suppressed = { fail: 1, unknown: 1 };
  report.suppressions = {
    file: 'suppressions.yaml',
    rules: [
      {
        rule: 1,
        state: 'active',
        matched: 1,
        findingId: failing.findingId,
        reason: failing.suppression.reason,
      },
      { rule: 2, state: 'active', matched: 1, check: unknown.checkId, reason: unknown.suppression.reason },
    ],
  };
  return report;
}

describe('renderSarif: schema', () => {
  it('writes report.sarif', () => {
    assert.equal(SARIF_FILE, 'report.sarif');
  });

  it('the demo report is valid SARIF 2.1.0 (OASIS schema)', async () => {
    const report = await demoReport();
    const log = sarifOf(report);
    assert.equal(log.version, '2.1.0');
    assert.ok(resultsOf(log).length > 0, 'the demo has failing results');
    assertSchemaValid(log, 'demo');
  });

  it('the hostile sample, with unknown results, coverage gaps and suppressions, is valid SARIF 2.1.0', () => {
    for (const [label, report] of [
      ['sample', sampleReport()],
      ['hostile', hostileReport()],
      ['suppressed', suppressedReport()],
    ] as const) {
      assertSchemaValid(sarifOf(report), label);
    }
  });

  it('the schema check can fail: a result without a message is rejected', () => {
    const log = sarifOf(sampleReport());
    const first = resultsOf(log)[0] as unknown as Record<string, unknown>;
    delete first.message;
    assert.equal(validateSarif(log), false);
    assert.ok(validateSarif.errors?.some((e) => e.params.missingProperty === 'message'));
  });

  it('a report without problems is a valid log with an empty results list', () => {
    const report = structuredClone(sampleReport());
    report.results = report.results.filter((r) => r.status === 'pass' || r.status === 'not_applicable');
    report.coverage = [];
    assert.ok(report.results.length > 0, 'passes remain');
    const log = sarifOf(report);
    assert.deepEqual(resultsOf(log), []);
    assertSchemaValid(log, 'no problems');
  });
});

describe('renderSarif: streaming', () => {
  it('yields a header, one chunk per problem result, then the tail; the chunks join into JSON', () => {
    const report = bigReport(300);
    const chunks = [...renderSarif(report)];
    const expected = problems(report).length;
    const resultChunks = chunks.filter((c) => /^,?\n\{"ruleId"/.test(c));
    assert.equal(resultChunks.length, expected);
    for (const chunk of resultChunks) {
      const result = JSON.parse(chunk.replace(/^,?\n/, '')) as Result;
      assert.equal(typeof result.ruleId, 'string');
    }
    const log = JSON.parse(chunks.join('')) as Log;
    assert.equal(resultsOf(log).length, expected);
  });

  it('streams coverage gaps as one notification chunk each', () => {
    const report = sampleReport();
    const chunks = [...renderSarif(report)];
    const notificationChunks = chunks.filter((c) => /^,?\n\{"descriptor"/.test(c));
    assert.equal(notificationChunks.length, report.coverage.length);
    assert.ok(report.coverage.length > 0, 'the sample has failed reads');
  });
});

describe('renderSarif: results', () => {
  it('every failing and unknown result appears exactly once; pass and not_applicable do not', async () => {
    for (const report of [sampleReport(), await demoReport()]) {
      const results = resultsOf(sarifOf(report));
      const ids = results.map((r) => r.properties?.findingId);
      assert.deepEqual(
        [...ids].sort(),
        problems(report)
          .map((r) => r.findingId)
          .sort(),
      );
      assert.equal(new Set(ids).size, ids.length, 'no finding twice');
      const statuses = new Set(results.map((r) => r.properties?.status));
      assert.ok(!statuses.has('pass') && !statuses.has('not_applicable'));
    }
  });

  it('fail is kind fail with the severity level; unknown is kind open with level none', () => {
    const report = sampleReport();
    const byId = new Map(report.results.map((r) => [r.findingId, r]));
    const levels = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
    const results = resultsOf(sarifOf(report));
    assert.ok(
      results.some((r) => r.kind === 'open'),
      'the sample has an unknown result',
    );
    for (const result of results) {
      const source = byId.get(String(result.properties?.findingId));
      assert.ok(source);
      if (source.status === 'fail') {
        assert.equal(result.kind, 'fail');
        assert.equal(result.level, levels[source.severity]);
      } else {
        assert.equal(result.kind, 'open');
        assert.equal(result.level, 'none');
        assert.deepEqual(result.properties?.error, source.error);
      }
    }
  });

  it('partialFingerprints are the finding id', async () => {
    const report = await demoReport();
    for (const result of resultsOf(sarifOf(report))) {
      const id = result.properties?.findingId;
      assert.match(String(id), /^[0-9a-f]{32}$/);
      assert.deepEqual(result.partialFingerprints, {
        [FINDING_FINGERPRINT]: id,
        primaryLocationLineHash: id,
      });
    }
  });

  it('the ARN is the logical location and a property; ruleIndex points at the check', () => {
    const report = sampleReport();
    const log = sarifOf(report);
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    const byId = new Map(report.results.map((r) => [r.findingId, r]));
    for (const result of resultsOf(log)) {
      const source = byId.get(String(result.properties?.findingId));
      assert.ok(source);
      const logical = result.locations?.[0]?.logicalLocations?.[0];
      assert.equal(logical?.fullyQualifiedName, source.resource.arn);
      assert.equal(logical?.name, source.resource.name);
      assert.equal(result.properties?.arn, source.resource.arn);
      assert.equal(rules[result.ruleIndex ?? -1]?.id, source.checkId);
      assert.equal(result.ruleId, source.checkId);
    }
  });

  it('suppressed results carry an accepted external suppression; the others an empty list', () => {
    const report = suppressedReport();
    const suppressed = new Map(report.results.filter((r) => r.suppression).map((r) => [r.findingId, r]));
    const results = resultsOf(sarifOf(report));
    for (const result of results) {
      const source = suppressed.get(String(result.properties?.findingId));
      if (source?.suppression) {
        assert.deepEqual(result.suppressions, [
          {
            kind: 'external',
            status: 'accepted',
            justification: source.suppression.reason,
            properties: {
              rule: source.suppression.rule,
              ...(source.suppression.expires ? { expires: source.suppression.expires } : {}),
            },
          },
        ]);
      } else {
        assert.deepEqual(result.suppressions, [], 'SARIF: all results have suppressions, or none');
      }
    }
    assert.equal(results.filter((r) => (r.suppressions ?? []).length > 0).length, suppressed.size);
    assert.ok(
      resultsOf(sarifOf(sampleReport())).every((r) => r.suppressions === undefined),
      'without --suppressions no result claims suppression information',
    );
  });

  it('messages keep their text, with SARIF placeholders and embedded links neutralized', () => {
    const log = sarifOf(hostileReport());
    const texts = resultsOf(log).map((r) => r.message.text ?? '');
    assert.ok(texts.includes('{{0}} placeholder }} has a problem'));
    assert.ok(texts.includes('[click] (https://evil.example) has a problem'));
    assert.ok(texts.every((t) => !/\]\(/.test(t)));
  });
});

describe('renderSarif: artifact locations', () => {
  it('are relative paths under aws/, unchanged by another evaluation time', async () => {
    const report = await demoReport();
    const later = structuredClone(report);
    later.run.evaluatedAt = '2027-01-15T08:30:00.000Z';
    const uris = resultsOf(sarifOf(report)).map(uriOf);
    const laterUris = resultsOf(sarifOf(later)).map(uriOf);
    assert.deepEqual(laterUris, uris);
    for (const uri of uris) {
      assert.match(uri, /^aws\/[^/]+\/[^/]+\/[^/]+\/[^/]+\/[^/]+$/);
      assert.ok(!/^[a-z][a-z0-9+.-]*:/i.test(uri), `${uri} has no scheme`);
    }
  });

  it('are one per check and resource in the demo account', async () => {
    const results = resultsOf(sarifOf(await demoReport()));
    const keys = results.map((r) => `${r.ruleId} ${uriOf(r)}`);
    assert.equal(new Set(keys).size, keys.length);
  });

  it('hostile names give valid relative references that stay under aws/<account>/…', () => {
    const report = hostileReport();
    const results = resultsOf(sarifOf(report));
    assert.equal(results.length, problems(report).length);
    const base = 'https://repo.example/root/';
    for (const result of results) {
      const uri = uriOf(result);
      assert.match(uri, /^[A-Za-z0-9\-._~%/]+$/, `${uri}: only unreserved characters and escapes`);
      assert.ok(!uri.includes('<'));
      const segments = uri.split('/');
      assert.equal(segments.length, 6, uri);
      for (const segment of segments) {
        assert.ok(!/^(\.|%2e)*$/i.test(segment), `${uri}: no empty or dot segment, even percent-encoded`);
      }
      const resolved = new URL(uri, base);
      assert.equal(resolved.origin, 'https://repo.example');
      assert.ok(resolved.pathname.startsWith('/root/aws/'), `${uri} resolves to ${resolved.pathname}`);
      assert.equal(resolved.pathname.split('/').length, 8, `${uri} keeps its six segments`);
    }
  });

  it('the name segment decodes back to the name, save the ~ before a dots-only name', () => {
    for (const name of HOSTILE_NAMES.filter((n) => !n.includes('\uD800'))) {
      const uri = resourceUri({
        accountId: '123456789012',
        resource: {
          arn: `arn:aws:iam::123456789012:user/${name}`,
          name,
          region: null,
          type: 'AWS::IAM::User',
        },
      });
      assert.ok(uri.startsWith('aws/123456789012/global/iam/user/'), uri);
      const decoded = decodeURIComponent(uri.split('/')[5] ?? '');
      assert.equal(decoded, /^\.*$/.test(name) ? `~${name}` : name);
    }
  });

  it('any string makes a safe segment (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (name) => {
        const segment = uriSegment(name);
        assert.match(segment, /^[A-Za-z0-9\-._~%]+$/);
        assert.ok(!/^(\.|%2e)*$/i.test(segment));
        const resolved = new URL(`aws/${segment}/x`, 'https://repo.example/root/');
        assert.equal(resolved.pathname.split('/').length, 5);
      }),
      { seed: 20261203, numRuns: 500 },
    );
  });
});

describe('renderSarif: rules', () => {
  it('one rule per check, in order, carrying the check metadata', async () => {
    for (const report of [sampleReport(), await demoReport()]) {
      const rules = sarifOf(report).runs[0]?.tool.driver.rules ?? [];
      assert.deepEqual(
        rules.map((r) => r.id),
        report.checks.map((c) => c.id),
      );
      report.checks.forEach((check, i) => {
        const rule = rules[i];
        assert.ok(rule);
        assert.equal(rule.name, check.id);
        assert.equal(rule.shortDescription?.text, check.title);
        assert.equal(rule.fullDescription?.text, check.rationale);
        assert.equal(rule.helpUri, check.references[0]);
        assert.ok(rule.help?.text.includes(check.remediation.text));
        if (check.remediation.cli) {
          assert.ok(rule.help?.text.includes(check.remediation.cli));
          assert.ok(rule.help?.markdown?.includes(check.remediation.cli));
        }
        for (const ref of check.references) assert.ok(rule.help?.text.includes(ref));
        const levels = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
        assert.equal(rule.defaultConfiguration?.level, levels[check.severity]);
        const tags = rule.properties?.tags ?? [];
        assert.equal(tags[0], 'security');
        assert.ok(tags.includes(check.practice));
        for (const [framework, ids] of Object.entries(check.frameworks)) {
          for (const id of ids)
            assert.ok(tags.includes(`${framework}/${id}`), `${check.id}: ${framework}/${id}`);
        }
        assert.ok(tags.length <= 20, 'GitHub rejects more than 20 tags');
      });
    }
  });

  it('a renamed check keeps its former ids as deprecatedIds', () => {
    const report = structuredClone(sampleReport());
    const check = report.checks[0];
    assert.ok(check);
    check.aliases = ['lambda.old-name'];
    const log = sarifOf(report);
    assert.deepEqual(log.runs[0]?.tool.driver.rules?.[0]?.deprecatedIds, ['lambda.old-name']);
    assert.equal(log.runs[0]?.tool.driver.rules?.[1]?.deprecatedIds, undefined);
    assertSchemaValid(log, 'aliases');
  });

  it('security-severity is a number in GitHub’s band for the severity (none for info)', async () => {
    const bands = { critical: [9.0, 10.0], high: [7.0, 8.9], medium: [4.0, 6.9], low: [0.1, 3.9] } as const;
    const seen = new Set<string>();
    for (const report of [sampleReport(), await demoReport()]) {
      const rules = sarifOf(report).runs[0]?.tool.driver.rules ?? [];
      report.checks.forEach((check, i) => {
        const value = rules[i]?.properties?.['security-severity'];
        seen.add(check.severity);
        if (check.severity === 'info') {
          assert.equal(value, undefined);
          return;
        }
        assert.equal(typeof value, 'string', 'GitHub reads it as a string');
        const score = Number(value);
        const [low, high] = bands[check.severity];
        assert.ok(Number.isFinite(score) && score >= low && score <= high, `${check.id}: ${value}`);
        if (check.severity === 'critical') assert.ok(score > 9.0, 'GitHub: over 9.0 is critical');
      });
    }
    assert.deepEqual([...seen].sort(), Object.keys(SECURITY_SEVERITY).sort(), 'every severity was tried');
  });
});

describe('renderSarif: run', () => {
  it('names the tool, the account and the scan, and notifies each failed read', () => {
    const report = sampleReport();
    const run = sarifOf(report).runs[0];
    assert.ok(run);
    assert.equal(run.tool.driver.name, 'lambda-posture');
    assert.equal(run.tool.driver.version, report.tool.version);
    assert.equal(run.tool.driver.semanticVersion, report.tool.version);
    assert.equal(run.automationDetails?.id, `lambda-posture/${report.run.accountId}/`);
    assert.deepEqual(run.properties?.accountId, report.run.accountId);
    assert.deepEqual(run.properties?.partition, report.run.partition);
    assert.deepEqual(run.properties?.regions, report.run.regions);
    assert.equal(run.properties?.score, report.summary.score);
    assert.equal(run.properties?.grade, report.summary.grade?.letter);
    assert.deepEqual(run.properties?.counts, report.summary.counts);
    const invocation = run.invocations?.[0];
    assert.equal(invocation?.executionSuccessful, true);
    const notes = invocation?.toolExecutionNotifications ?? [];
    assert.equal(notes.length, report.coverage.length);
    report.coverage.forEach((gap, i) => {
      const note = notes[i];
      assert.equal(note?.level, 'warning');
      assert.equal(note?.descriptor?.id, 'read-failed');
      assert.equal(run.tool.driver.notifications?.[note?.descriptor?.index ?? -1]?.id, 'read-failed');
      assert.ok(note?.message.text?.includes(`${gap.service}:${gap.operation}`));
      assert.deepEqual(note?.properties?.error, gap.error);
    });
  });

  it('a reached timeout is a notification too; a complete scan has none', async () => {
    const report = structuredClone(sampleReport());
    report.run.timeout = { limitMs: 60_000, reached: true };
    const notes = sarifOf(report).runs[0]?.invocations?.[0]?.toolExecutionNotifications ?? [];
    assert.equal(notes.filter((n) => n.descriptor?.id === 'timeout-reached').length, 1);
    const demo = await demoReport();
    assert.equal(demo.coverage.length, 0);
    assert.deepEqual(sarifOf(demo).runs[0]?.invocations?.[0]?.toolExecutionNotifications, []);
  });
});
