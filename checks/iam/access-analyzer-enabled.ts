import { defineCheck } from '../../src/engine/check.js';
import type { AccessAnalyzer } from '../../src/inventory/schema.js';

/** The zones of trust whose analyzers report external access (CIS 1.20's "external access analyzer"). */
const EXTERNAL_ACCESS = new Set(['ACCOUNT', 'ORGANIZATION']);

/**
 * CIS 3.0 1.20 (7.0: 2.18), per scanned region: an analyzer only covers its own region's
 * resources, so every region needs one. Only an ACTIVE analyzer of type ACCOUNT or ORGANIZATION
 * finds external access; unused-access analyzers (*_UNUSED_ACCESS) report unused roles, keys and
 * permissions, and internal-access ones (*_INTERNAL_ACCESS) access from inside the zone of trust,
 * so a region with only those has no external-access analyzer. An ORGANIZATION analyzer that
 * ListAnalyzers returns in the region counts, even under the delegated administrator's ARN.
 * (Whether AWS lists it in a member account, rather than only in the account that created it,
 * is not established here: the check judges what the region lists.) CREATING, DISABLED and
 * FAILED analyzers analyze nothing.
 */
export default defineCheck({
  id: 'iam.access-analyzer-enabled',
  title: 'IAM Access Analyzer (external access) is not enabled in a scanned region',
  service: 'iam',
  resourceType: 'AWS::AccessAnalyzer::Analyzer',
  severity: 'medium',
  practice: 'BP6',
  threats: ['T2', 'T3'],
  rationale:
    'IAM Access Analyzer’s external access analyzer continuously reports resources a resource-based policy shares ' +
    'outside the account or organization: a Lambda function or layer anyone may invoke or use, a role another ' +
    'account may assume, a public bucket or key. It analyzes only its own region, so each region needs one. Only ' +
    'analyzers of type ACCOUNT or ORGANIZATION find external access: an unused-access or internal-access analyzer ' +
    'does not, and one that is not ACTIVE analyzes nothing. An organization analyzer created by the delegated ' +
    'administrator counts.',
  remediation: {
    text: 'Create an external access analyzer in every region, for the account or (from the management or delegated administrator account) for the whole organization. Recreate one that is DISABLED or FAILED after fixing its status reason.',
    cli: 'aws accessanalyzer create-analyzer --analyzer-name external-access --type ACCOUNT --region <region>',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html',
    'https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ListAnalyzers.html',
    'https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_AnalyzerSummary.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': ['1.20'], 'cis-aws-7.0': ['2.18'] },
  reads: ['accessanalyzer.analyzers'],
  evaluate: (view) =>
    view.eachAccessAnalyzerRegion(({ region }, analyzers, v) => {
      const listed = analyzers.map(summary);
      const active = analyzers.find((a) => EXTERNAL_ACCESS.has(a.type) && a.status === 'ACTIVE');
      if (active) {
        return v.pass(
          `IAM Access Analyzer monitors external access in ${region} (${active.type} analyzer ${active.name})`,
          { analyzers: listed, analyzerArn: active.arn },
        );
      }
      if (analyzers.length === 0) {
        return v.fail(`IAM Access Analyzer is not enabled in ${region}: the region has no analyzer`, {
          analyzers: listed,
        });
      }
      const external = analyzers.filter((a) => EXTERNAL_ACCESS.has(a.type));
      if (external.length > 0) {
        const states = external
          .map((a) => `${a.name} is ${a.status}${a.statusReason ? ` (${a.statusReason})` : ''}`)
          .join(', ');
        return v.fail(`IAM Access Analyzer has no active external access analyzer in ${region}: ${states}`, {
          analyzers: listed,
        });
      }
      const types = [...new Set(analyzers.map((a) => a.type))].sort().join(', ');
      return v.fail(
        `IAM Access Analyzer has no external access analyzer in ${region}: only ${types}, which do not report external access`,
        { analyzers: listed },
      );
    }),
});

function summary(a: AccessAnalyzer) {
  return { name: a.name, type: a.type, status: a.status };
}
