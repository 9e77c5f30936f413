/**
 * The SARIF 2.1.0 report (report.sarif), for code-scanning dashboards; GitHub code scanning first.
 *
 * One run: the driver with one rule per check, one result per failing or unknown result, and an
 * invocation whose notifications list the reads that failed, so a consumer sees an incomplete scan.
 * Pass and not_applicable results are left out: `kind` is not among the properties GitHub's
 * documented SARIF subset uses, so a pass could show as an open alert, and a large account's passes
 * alone exceed GitHub's 25,000 results per run (it rejects such a file). Their counts are in the
 * run's properties.
 *
 * Streamed: the header (up to `"results":[`), one line per result, then the invocation with one
 * line per notification, so the text never has to fit one string.
 */
import type { Invocation, Notification, ReportingDescriptor, Run } from 'sarif';
import { isProblem, plainMessage, sarifResult } from './sarif-result.js';
import { sarifRule } from './sarif-rules.js';
import type { Report } from './schema.js';

export const SARIF_FILE = 'report.sarif';

/** The OASIS Standard's schema (2.1.0 with errata 01). */
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const READ_FAILED = { id: 'read-failed', index: 0 };
const TIMEOUT_REACHED = { id: 'timeout-reached', index: 1 };

/** The notification descriptors of the driver, at the indexes above. */
const NOTIFICATIONS: ReportingDescriptor[] = [
  {
    id: READ_FAILED.id,
    shortDescription: { text: 'An AWS read failed: the checks that needed it report unknown, not pass.' },
    defaultConfiguration: { level: 'warning' },
  },
  {
    id: TIMEOUT_REACHED.id,
    shortDescription: { text: 'The scan reached its --timeout: what it had not read is unknown.' },
    defaultConfiguration: { level: 'warning' },
  },
];

export function* renderSarif(report: Report): Generator<string> {
  const ruleIndex = new Map(report.checks.map((check, i) => [check.id, i]));
  const withSuppressions = report.suppressions !== undefined || report.results.some((r) => r.suppression);
  yield `${openArray({ $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [] }, 'runs')}\n`;
  yield openArray(runHeader(report), 'results');
  let first = true;
  for (const result of report.results) {
    if (!isProblem(result)) continue;
    const sarif = sarifResult(result, ruleIndex.get(result.checkId), withSuppressions);
    yield `${first ? '' : ','}\n${JSON.stringify(sarif)}`;
    first = false;
  }
  yield `\n],"invocations":[${openArray(invocation(report), 'toolExecutionNotifications')}`;
  first = true;
  for (const notification of notifications(report)) {
    yield `${first ? '' : ','}\n${JSON.stringify(notification)}`;
    first = false;
  }
  yield '\n]}]}]}\n';
}

/** The whole text, for small reports and tests. */
export function renderSarifText(report: Report): string {
  return [...renderSarif(report)].join('');
}

/** The run without results and invocations (they are streamed after it). */
function runHeader(report: Report): Run {
  const { run, summary, tool } = report;
  return {
    tool: {
      driver: {
        name: tool.name,
        version: tool.version,
        // GitHub prefers semanticVersion when present; only a SemVer string may go there.
        ...(SEMVER.test(tool.version) ? { semanticVersion: tool.version } : {}),
        rules: report.checks.map(sarifRule),
        notifications: NOTIFICATIONS,
      },
    },
    // GitHub's analysis category (up to the last slash): one per account, so uploading another
    // account's scan to the same repository does not close this account's alerts.
    automationDetails: { id: `${tool.name}/${encodeURIComponent(run.accountId)}/` },
    properties: {
      accountId: run.accountId,
      partition: run.partition,
      regions: [...run.regions],
      mode: run.mode,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      evaluatedAt: run.evaluatedAt,
      score: summary.score,
      coverage: summary.coverage,
      grade: summary.grade?.letter ?? null,
      gradeCappedBy: summary.grade?.cappedBy ?? null,
      incomplete: summary.incomplete,
      counts: summary.counts,
      failuresBySeverity: summary.failuresBySeverity,
      coverageGaps: summary.coverageGaps,
      ...(summary.suppressed ? { suppressed: summary.suppressed } : {}),
      reportSchemaVersion: report.schemaVersion,
    },
  };
}

/**
 * executionSuccessful is true: a report exists only when the scan ran to its end (a crash writes
 * none). Failed reads do not make the run a failure, since their checks say unknown rather than
 * guess; they are `warning` notifications, SARIF's level for "the analysis might be incomplete but
 * the results that were generated are probably valid" (§3.58.6).
 */
function invocation(report: Report): Invocation {
  return {
    executionSuccessful: true,
    startTimeUtc: report.run.startedAt,
    endTimeUtc: report.run.finishedAt,
  };
}

function* notifications(report: Report): Generator<Notification> {
  const { timeout } = report.run;
  if (timeout?.reached) {
    yield {
      descriptor: TIMEOUT_REACHED,
      level: 'warning',
      message: {
        text: `The scan stopped at its ${timeout.limitMs} ms limit: what it had not read is unknown.`,
      },
    };
  }
  for (const gap of report.coverage) {
    const where = [gap.region ? ` in ${gap.region}` : '', gap.resource ? ` for ${gap.resource}` : ''].join(
      '',
    );
    yield {
      descriptor: READ_FAILED,
      level: 'warning',
      message: {
        text: plainMessage(
          `${gap.service}:${gap.operation} failed${where} (${gap.error.class}: ${gap.error.code})`,
        ),
      },
      ...(gap.resource
        ? { locations: [{ logicalLocations: [{ fullyQualifiedName: gap.resource, kind: 'resource' }] }] }
        : {}),
      properties: {
        service: gap.service,
        operation: gap.operation,
        region: gap.region,
        resource: gap.resource,
        error: gap.error,
      },
    };
  }
}

/** SemVer 2.0.0 (semver.org's regular expression, without named groups). */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/**
 * The JSON of a non-empty object, left open at its last property, an array `key`, to be filled by
 * the chunks that follow: `{"a":1,"key":[`. The key must be the object's last property.
 */
function openArray(object: object, key: string): string {
  const keyed = { ...object, [key]: [] };
  const json = JSON.stringify(keyed);
  const tail = `${JSON.stringify(key)}:[]}`;
  if (!json.endsWith(tail)) throw new Error(`openArray: ${key} is not the last property`);
  return json.slice(0, -2);
}
