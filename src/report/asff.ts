/**
 * The Security Hub report: JSON Lines, each line one BatchImportFindings request body
 * `{"Findings":[…]}` of at most 100 findings (the API's limit), so a line can be sent as it is:
 * `aws securityhub batch-import-findings --region R --cli-input-json "$line"`.
 * Format: https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings-format.html
 *
 * Choices (the why):
 * - ProductArn is the account's default custom-integration product, whose region must be the
 *   region of the endpoint called; so a line holds one region's findings only. Account-wide
 *   results (IAM, region null) go to one home region: us-east-1 when the scan covered it (where
 *   Security Hub's own global-resource IAM controls usually report), else the scan's first region
 *   (us-east-1 does not exist in aws-cn or aws-us-gov; a scanned region is in the partition).
 * - Id is derived from the finding id (check, account, resource), so each scan updates the same
 *   finding instead of adding one.
 * - Compliance.Status keeps our four outcomes apart: pass PASSED, fail FAILED, unknown WARNING
 *   ("some information is missing": a read failed), not_applicable NOT_AVAILABLE (what Security
 *   Hub reports for a NOT_APPLICABLE evaluation), and such findings are ARCHIVED, as Security Hub
 *   archives its own. A suppressed result keeps its real Compliance.Status and gets Workflow
 *   SUPPRESSED; BatchImportFindings honours Workflow only when it creates a finding (afterwards
 *   it belongs to the Security Hub user, changed with BatchUpdateFindings). A pass starts
 *   RESOLVED, which Security Hub itself resets to NEW when the status later leaves PASSED.
 * - Severity and Types are also given in FindingProviderFields, the provider's way to update
 *   them on a finding that already exists.
 */
import { truncate } from './asff-text.js';
import type { Report, ReportCheck, ReportResult } from './schema.js';

export const ASFF_FILE_NAME = 'report.asff.jsonl';
export const ASFF_SCHEMA_VERSION = '2018-10-08';
/** BatchImportFindings takes at most this many findings per request. */
export const ASFF_BATCH_LIMIT = 100;

/** Documented ASFF limits (AwsSecurityFinding and its objects, Security Hub API reference). */
export const ASFF_LIMITS = {
  id: 512,
  generatorId: 512,
  title: 256,
  description: 1024,
  recommendationText: 512,
  relatedRequirements: 32,
  /** Not documented; Prowler cuts each requirement to 64 characters, and so do we. */
  relatedRequirement: 64,
  productFields: 50,
  productFieldKey: 128,
  productFieldValue: 2048,
  /** Resource Details.Other: each value "fewer than 1,024 characters". */
  otherValue: 1023,
  statusReasonDescription: 1024,
} as const;

const SEVERITY_LABEL: Record<ReportResult['severity'], string> = {
  info: 'INFORMATIONAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  critical: 'CRITICAL',
};

const COMPLIANCE_STATUS: Record<ReportResult['status'], string> = {
  pass: 'PASSED',
  fail: 'FAILED',
  unknown: 'WARNING',
  not_applicable: 'NOT_AVAILABLE',
};

/** CloudFormation type → the Security Hub resource type, where Security Hub has one. */
const RESOURCE_TYPES: Record<string, string> = {
  'AWS::::Account': 'AwsAccount',
  'AWS::Lambda::Function': 'AwsLambdaFunction',
  'AWS::Lambda::LayerVersion': 'AwsLambdaLayerVersion',
  'AWS::IAM::User': 'AwsIamUser',
  'AWS::IAM::Role': 'AwsIamRole',
  'AWS::IAM::Group': 'AwsIamGroup',
  'AWS::IAM::ManagedPolicy': 'AwsIamPolicy',
  'AWS::IAM::AccessKey': 'AwsIamAccessKey',
  'AWS::GuardDuty::Detector': 'AwsGuardDutyDetector',
};

export function asffResourceType(cloudFormationType: string): string {
  return RESOURCE_TYPES[cloudFormationType] ?? 'Other';
}

export const ASFF_TYPE = 'Software and Configuration Checks/AWS Security Best Practices';
const PREFIX = 'lambda-posture';

/** The region whose Security Hub receives account-wide findings (see the file comment). */
export function homeRegion(report: Report): string {
  const { regions } = report.run;
  return regions.includes('us-east-1') ? 'us-east-1' : (regions[0] ?? 'us-east-1');
}

export function asffId(result: ReportResult): string {
  return `${PREFIX}/${result.findingId}`;
}

function productArn(partition: string, region: string, accountId: string): string {
  return `arn:${partition}:securityhub:${region}:${accountId}:product/${accountId}/default`;
}

function relatedRequirements(check: ReportCheck | undefined): string[] {
  if (!check) return [];
  return Object.entries(check.frameworks)
    .flatMap(([framework, controls]) =>
      controls.map((c) => truncate(`${framework}/${c}`, ASFF_LIMITS.relatedRequirement)),
    )
    .slice(0, ASFF_LIMITS.relatedRequirements);
}

function statusReasons(result: ReportResult) {
  const description = (text: string) => truncate(text, ASFF_LIMITS.statusReasonDescription);
  if (result.status === 'unknown') {
    const e = result.error;
    return [
      {
        ReasonCode: 'READ_FAILED',
        Description: description(
          e ? `${e.service}:${e.operation} failed (${e.class}: ${e.code})` : result.message,
        ),
      },
    ];
  }
  if (result.status === 'not_applicable') {
    return [{ ReasonCode: 'NOT_APPLICABLE', Description: description(result.message) }];
  }
  return undefined;
}

function productFields(report: Report, result: ReportResult): Record<string, string> {
  const fields: Record<string, string | undefined> = {
    ProviderName: PREFIX,
    ProviderVersion: report.tool.version,
    [`${PREFIX}/FindingId`]: result.findingId,
    [`${PREFIX}/CheckId`]: result.checkId,
    [`${PREFIX}/Status`]: result.status,
    [`${PREFIX}/Practice`]: result.practice,
    [`${PREFIX}/ResourceType`]: result.resource.type,
    [`${PREFIX}/ResourceName`]: result.resource.name,
    [`${PREFIX}/Evidence`]:
      Object.keys(result.evidence).length > 0 ? JSON.stringify(result.evidence) : undefined,
    [`${PREFIX}/Error`]: result.error
      ? `${result.error.service}:${result.error.operation} ${result.error.class} ${result.error.code}`
      : undefined,
    [`${PREFIX}/Suppression/Rule`]: result.suppression ? String(result.suppression.rule) : undefined,
    [`${PREFIX}/Suppression/Reason`]: result.suppression?.reason,
    [`${PREFIX}/Suppression/Expires`]: result.suppression?.expires,
  };
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    // Security Hub rejects empty strings (pattern .*\S.*): an absent value is left out.
    if (value === undefined || value.trim() === '') continue;
    out[truncate(key, ASFF_LIMITS.productFieldKey)] = truncate(value, ASFF_LIMITS.productFieldValue);
  }
  return out;
}

function workflowStatus(result: ReportResult): string {
  if (result.suppression) return 'SUPPRESSED';
  return result.status === 'pass' ? 'RESOLVED' : 'NEW';
}

/** What every finding of one check shares, cut to its limits once (a check has up to 100,000 results). */
interface CheckParts {
  title: string;
  requirements: string[];
  recommendation: { Text: string; Url?: string } | undefined;
}

function checkParts(checkId: string, check: ReportCheck | undefined): CheckParts {
  return {
    title: truncate(check?.title ?? checkId, ASFF_LIMITS.title),
    requirements: relatedRequirements(check),
    recommendation: check
      ? {
          Text: truncate(check.remediation.text, ASFF_LIMITS.recommendationText),
          ...(check.references[0] ? { Url: check.references[0] } : {}),
        }
      : undefined,
  };
}

/** One result as an ASFF finding, sent to `region`'s Security Hub. */
export function asffFinding(
  report: Report,
  check: ReportCheck | undefined,
  result: ReportResult,
  region: string,
  parts: CheckParts = checkParts(result.checkId, check),
) {
  const { partition, evaluatedAt, startedAt } = report.run;
  const { resource } = result;
  const label = SEVERITY_LABEL[result.severity];
  const requirements = parts.requirements;
  const reasons = statusReasons(result);
  const description = check ? `${result.message} — ${check.rationale}` : result.message;
  const recommendation = parts.recommendation;
  return {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: truncate(asffId(result), ASFF_LIMITS.id),
    ProductArn: productArn(partition, region, result.accountId),
    ProductName: PREFIX,
    CompanyName: PREFIX,
    GeneratorId: truncate(`${PREFIX}/${result.checkId}`, ASFF_LIMITS.generatorId),
    AwsAccountId: result.accountId,
    Types: [ASFF_TYPE],
    CreatedAt: evaluatedAt,
    UpdatedAt: evaluatedAt,
    // When the scan read the account: the state the finding describes.
    LastObservedAt: startedAt,
    Severity: { Label: label, Original: result.severity },
    Title: parts.title,
    Description: truncate(description.trim() === '' ? result.checkId : description, ASFF_LIMITS.description),
    ...(recommendation ? { Remediation: { Recommendation: recommendation } } : {}),
    ProductFields: productFields(report, result),
    Resources: [
      {
        Type: asffResourceType(resource.type),
        Id: resource.arn,
        Partition: partition,
        ...(resource.region === null ? {} : { Region: resource.region }),
        ...(resource.name.trim() === ''
          ? {}
          : { Details: { Other: { Name: truncate(resource.name, ASFF_LIMITS.otherValue) } } }),
      },
    ],
    Compliance: {
      Status: COMPLIANCE_STATUS[result.status],
      ...(requirements.length > 0 ? { RelatedRequirements: requirements } : {}),
      ...(reasons ? { StatusReasons: reasons } : {}),
    },
    Workflow: { Status: workflowStatus(result) },
    RecordState: result.status === 'not_applicable' ? 'ARCHIVED' : 'ACTIVE',
    FindingProviderFields: { Severity: { Label: label, Original: result.severity }, Types: [ASFF_TYPE] },
  };
}

export type AsffFinding = ReturnType<typeof asffFinding>;

function line(findings: AsffFinding[]): string {
  return `${JSON.stringify({ Findings: findings })}\n`;
}

/**
 * In chunks, for the writer: one line per batch. Findings wait in a batch per region (at most
 * 100 each, so memory stays small for any account); a full batch is written at once, the rest
 * at the end, by region. Every result given is rendered (the CLI's --results filter runs before).
 */
export function* renderAsff(report: Report): Generator<string> {
  const checks = new Map(report.checks.map((c) => [c.id, c]));
  const home = homeRegion(report);
  const batches = new Map<string, AsffFinding[]>();
  const parts = new Map<string, CheckParts>();
  for (const result of report.results) {
    const region = result.resource.region ?? home;
    const batch = batches.get(region) ?? [];
    const check = checks.get(result.checkId);
    let shared = parts.get(result.checkId);
    if (shared === undefined) {
      shared = checkParts(result.checkId, check);
      parts.set(result.checkId, shared);
    }
    batch.push(asffFinding(report, check, result, region, shared));
    if (batch.length === ASFF_BATCH_LIMIT) {
      yield line(batch);
      batches.delete(region);
    } else {
      batches.set(region, batch);
    }
  }
  for (const region of [...batches.keys()].sort()) {
    const batch = batches.get(region);
    if (batch && batch.length > 0) yield line(batch);
  }
}
