/**
 * The OCSF report: a JSON array of OCSF 1.6 Detection Finding events (class 2004, category 2
 * Findings), one per result — the schema version AWS Security Hub stores its findings in, and the
 * class Prowler's OCSF output uses for posture checks. Spec: https://schema.ocsf.io/1.6.0/classes/detection_finding
 *
 * Mapping choices (the why; the what is in the code):
 * - activity_id is always Create: every scan states each finding afresh, it does not diff.
 * - Our status (pass, fail, unknown, not_applicable) is the source's own outcome code, so it goes
 *   verbatim in `status_code` ("the event status code, as reported by the event source"), and the
 *   message in `status_detail`; `status_id` is the Finding's workflow state, which OCSF defines
 *   for consumers: New for fail and unknown, Suppressed (3, "reviewed … and is now suppressed")
 *   for a result a suppression rule accepted, Resolved for a pass (as Security Hub resolves a
 *   passed control), Archived for not applicable (as it archives NOT_APPLICABLE control findings).
 * - Detection Finding has no `compliance` attribute in 1.6 (only Compliance Finding has), so the
 *   framework controls go in `unmapped.compliance`, keyed by framework id — Prowler's place too.
 * - Evidence goes in `evidences[].data`, the class's own place for evidence with no typed slot.
 */
import type { Report, ReportCheck, ReportResult } from './schema.js';

export const OCSF_FILE_NAME = 'report.ocsf.json';
export const OCSF_VERSION = '1.6.0';

export const DETECTION_FINDING = { class_uid: 2004, class_name: 'Detection Finding' } as const;
export const FINDINGS_CATEGORY = { category_uid: 2, category_name: 'Findings' } as const;
const CREATE = { activity_id: 1, activity_name: 'Create' } as const;
const TYPE_UID = DETECTION_FINDING.class_uid * 100 + CREATE.activity_id;
const TYPE_NAME = `${DETECTION_FINDING.class_name}: ${CREATE.activity_name}`;

/** OCSF severity_id captions, by our severity. */
export const OCSF_SEVERITY: Record<ReportResult['severity'], { id: number; caption: string }> = {
  info: { id: 1, caption: 'Informational' },
  low: { id: 2, caption: 'Low' },
  medium: { id: 3, caption: 'Medium' },
  high: { id: 4, caption: 'High' },
  critical: { id: 5, caption: 'Critical' },
};

/** The Finding status_id enum of OCSF 1.6 (the values this renderer uses). */
export const OCSF_FINDING_STATUS = {
  new: { id: 1, caption: 'New' },
  suppressed: { id: 3, caption: 'Suppressed' },
  resolved: { id: 4, caption: 'Resolved' },
  archived: { id: 5, caption: 'Archived' },
} as const;

/** Security Hub's finding-type namespace: the same value the ASFF report gives `Types`. */
export const FINDING_TYPE = 'Software and Configuration Checks/AWS Security Best Practices';

function findingStatus(result: ReportResult): { id: number; caption: string } {
  if (result.suppression) return OCSF_FINDING_STATUS.suppressed;
  if (result.status === 'pass') return OCSF_FINDING_STATUS.resolved;
  if (result.status === 'not_applicable') return OCSF_FINDING_STATUS.archived;
  return OCSF_FINDING_STATUS.new;
}

/** framework id → control ids, only the frameworks the check maps to. */
function complianceOf(check: ReportCheck | undefined): Record<string, string[]> {
  if (!check) return {};
  return Object.fromEntries(Object.entries(check.frameworks).filter(([, controls]) => controls.length > 0));
}

/** What every event of one check shares, built once per check (a check has up to 100,000 results). */
interface CheckParts {
  title: string;
  desc?: string;
  remediation?: { desc: string; references: string[] };
  compliance: Record<string, string[]>;
  analytic: { uid: string; name: string; type_id: number; type: string };
}

function checkParts(checkId: string, check: ReportCheck | undefined): CheckParts {
  const title = check?.title ?? checkId;
  return {
    title,
    ...(check ? { desc: check.rationale } : {}),
    ...(check
      ? {
          remediation: {
            desc: check.remediation.cli
              ? `${check.remediation.text}\nCLI: ${check.remediation.cli}`
              : check.remediation.text,
            references: [...check.references],
          },
        }
      : {}),
    compliance: complianceOf(check),
    analytic: { uid: checkId, name: title, type_id: 1, type: 'Rule' },
  };
}

/** One result as a Detection Finding event. */
export function ocsfEvent(report: Report, check: ReportCheck | undefined, result: ReportResult) {
  return eventMaker(report)(check, result);
}

/**
 * The event builder of one report: the run's parts (time, product, partition) and each check's
 * parts are made once and shared by the events, which JSON.stringify does not mind.
 */
function eventMaker(report: Report) {
  const time = Date.parse(report.run.evaluatedAt);
  const partition = report.run.partition;
  const product = {
    name: report.tool.name,
    uid: report.tool.name,
    vendor_name: report.tool.name,
    version: report.tool.version,
  };
  const types = [FINDING_TYPE];
  const profiles = ['cloud'];
  const parts = new Map<string, CheckParts>();
  return (check: ReportCheck | undefined, result: ReportResult) => {
    let shared = parts.get(result.checkId);
    if (shared === undefined) {
      shared = checkParts(result.checkId, check);
      parts.set(result.checkId, shared);
    }
    const severity = OCSF_SEVERITY[result.severity];
    const status = findingStatus(result);
    const { resource } = result;
    const unmapped: Record<string, unknown> = { compliance: shared.compliance, practice: result.practice };
    if (result.suppression) unmapped.suppression = result.suppression;
    if (result.error) unmapped.error = result.error;
    const findingInfo: Record<string, unknown> = { uid: result.findingId, title: shared.title };
    if (shared.desc !== undefined) findingInfo.desc = shared.desc;
    findingInfo.types = types;
    findingInfo.created_time = time;
    // Security Hub ages OCSF findings out by their last modification: every scan refreshes it.
    findingInfo.modified_time = time;
    findingInfo.analytic = shared.analytic;
    const cloud: Record<string, unknown> = {
      provider: 'AWS',
      account: { uid: result.accountId, type_id: 10, type: 'AWS Account' },
    };
    const target: Record<string, unknown> = { uid: resource.arn, name: resource.name, type: resource.type };
    if (resource.region !== null) {
      cloud.region = resource.region;
      target.region = resource.region;
    }
    cloud.cloud_partition = partition;
    target.cloud_partition = partition;
    target.role_id = 1;
    target.role = 'Target';

    // Built property by property, not by spreading: V8 copies spreads slowly, and this runs once
    // per result (2.6 million times at 100,000 functions).
    const event: Record<string, unknown> = {
      activity_id: CREATE.activity_id,
      activity_name: CREATE.activity_name,
      category_uid: FINDINGS_CATEGORY.category_uid,
      category_name: FINDINGS_CATEGORY.category_name,
      class_uid: DETECTION_FINDING.class_uid,
      class_name: DETECTION_FINDING.class_name,
      type_uid: TYPE_UID,
      type_name: TYPE_NAME,
      time,
      severity_id: severity.id,
      severity: severity.caption,
      status_id: status.id,
      status: status.caption,
      status_code: result.status,
      status_detail: result.message,
      message: result.message,
      // Alertable: an open failure; a pass, an unknown or an accepted failure is not a signal to act on.
      is_alert: result.status === 'fail' && !result.suppression,
      finding_info: findingInfo,
      metadata: { version: OCSF_VERSION, product, event_code: result.checkId, profiles },
      cloud,
      resources: [target],
    };
    if (shared.remediation) event.remediation = shared.remediation;
    for (const _ in result.evidence) {
      event.evidences = [{ name: 'lambda-posture evidence', data: result.evidence }];
      break;
    }
    event.unmapped = unmapped;
    return event;
  };
}

/**
 * In chunks, for the writer: '[', then one event per chunk, then ']'. Every result given is
 * rendered (the CLI's --results filter runs before).
 */
export function* renderOcsf(report: Report): Generator<string> {
  const checks = new Map(report.checks.map((c) => [c.id, c]));
  if (report.results.length === 0) {
    yield '[]\n';
    return;
  }
  const event = eventMaker(report);
  let separator = '[\n';
  for (const result of report.results) {
    yield separator + JSON.stringify(event(checks.get(result.checkId), result));
    separator = ',\n';
  }
  yield '\n]\n';
}
