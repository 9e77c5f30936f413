/**
 * One SARIF result per failing or unknown result of the report.
 *
 * - fail → kind `fail`, level from the severity (critical/high error, medium warning, low/info note).
 * - unknown → kind `open`: SARIF §3.27.9 defines it as "the rule was evaluated, and the tool
 *   concluded that there was insufficient information to decide whether a problem exists", which
 *   is what an unknown result is (a read failed). §3.27.10 then requires level `none`: a level
 *   other than none would claim a problem was found. The rule's security-severity still tells
 *   GitHub how much is at stake.
 * - pass and not_applicable are left out (see sarif.ts).
 */
import type { Result, Suppression } from 'sarif';
import { LEVEL_OF_SEVERITY } from './sarif-rules.js';
import { resourceUri } from './sarif-uri.js';
import type { ReportResult } from './schema.js';

/** The partial fingerprint named after our finding-id recipe (FINDING_ID_RECIPE, version 1). */
export const FINDING_FINGERPRINT = 'findingId/v1';

/** Whether the SARIF log carries this result: problems only. */
export function isProblem(result: ReportResult): boolean {
  return result.status === 'fail' || result.status === 'unknown';
}

/**
 * @param ruleIndex the check's place in `driver.rules`, or undefined if the report lacks the check
 * @param withSuppressions SARIF §3.27.23: within a run, every result has `suppressions` or none
 *   does, so when the report had suppression rules an unsuppressed result gets an empty array
 */
export function sarifResult(
  result: ReportResult,
  ruleIndex: number | undefined,
  withSuppressions: boolean,
): Result {
  const failing = result.status === 'fail';
  const { resource } = result;
  return {
    ruleId: result.checkId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    kind: failing ? 'fail' : 'open',
    level: failing ? LEVEL_OF_SEVERITY[result.severity] : 'none',
    message: { text: plainMessage(result.message) },
    locations: [
      {
        physicalLocation: {
          // %SRCROOT%, as CodeQL writes it: the path is relative to the repository root.
          artifactLocation: { uri: resourceUri(result), uriBaseId: '%SRCROOT%' },
          // GitHub requires a region; the synthetic artifact has no lines, so the first.
          region: { startLine: 1 },
        },
        logicalLocations: [{ name: resource.name, fullyQualifiedName: resource.arn, kind: 'resource' }],
      },
    ],
    // GitHub matches alerts across uploads by primaryLocationLineHash (and computes one from the
    // file's lines when it is missing, which a synthetic path has not): the stable finding id.
    partialFingerprints: {
      [FINDING_FINGERPRINT]: result.findingId,
      primaryLocationLineHash: result.findingId,
    },
    ...(withSuppressions ? { suppressions: suppressionsOf(result) } : {}),
    properties: {
      findingId: result.findingId,
      status: result.status,
      severity: result.severity,
      practice: result.practice,
      accountId: result.accountId,
      arn: resource.arn,
      resourceName: resource.name,
      resourceType: resource.type,
      region: resource.region,
      evidence: result.evidence,
      ...(result.error ? { error: result.error } : {}),
    },
  };
}

function suppressionsOf(result: ReportResult): Suppression[] {
  const s = result.suppression;
  if (!s) return [];
  return [
    {
      kind: 'external',
      status: 'accepted',
      justification: s.reason,
      properties: { rule: s.rule, ...(s.expires ? { expires: s.expires } : {}) },
    },
  ];
}

/**
 * A plain-text SARIF message (§3.11): braces are placeholders, so a literal one is doubled
 * (§3.11.5), and `[text](uri)` is an embedded link (§3.11.6), so a name that spells one is broken
 * apart (`] (`) rather than rendered as a link by a viewer.
 */
export function plainMessage(text: string): string {
  return text.replace(/[{}]/g, '$&$&').replace(/\]\(/g, '] (');
}
