import { ipInCidr, isServiceSource } from '../../src/engine/change-review.js';
import { defineCheck } from '../../src/engine/check.js';
import { changeFacts, eachChangedFunction, failOnEvents } from './_changes.js';

/**
 * A function changed from a source IP address outside the configured ranges (--trusted-ip-ranges,
 * or `trusted-ip-ranges:` in the config file) in the --changes-since window. CloudTrail writes an
 * AWS service's name instead of an address when a service made the call for the principal
 * (cloudformation.amazonaws.com): that is not an untrusted address. Not applicable when no ranges
 * are configured.
 */
export default defineCheck({
  id: 'lambda.changed-from-untrusted-ip',
  title: 'Function changed from an IP address outside the trusted ranges',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'medium',
  practice: 'BP4',
  threats: ['T2'],
  rationale:
    'Deployments come from known places: the CI runners, the office, the VPN. A change from any other address means ' +
    'credentials used from somewhere they should not be, which is how stolen keys show up. CloudTrail records the ' +
    'source address of every change; this check compares it with the ranges configured as trusted.',
  remediation: {
    text: 'Review the change and the principal’s recent activity; if the address is legitimate add its range to trusted-ip-ranges:, otherwise rotate the credentials and add an aws:SourceIp condition to who may change functions.',
    cli: 'aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventSource,AttributeValue=lambda.amazonaws.com --max-results 50',
  },
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['cloudtrail.lambda-changes', 'lambda.functions'],
  evaluate: (view) =>
    eachChangedFunction(
      view,
      (fn, v, review) => {
        const outside = fn.changes.filter((e) => {
          const ip = e.sourceIpAddress;
          if (ip === null || isServiceSource(ip)) return false;
          return !review.trustedIpRanges.some((r) => ipInCidr(ip, r));
        });
        const unsourced = fn.changes.filter((e) => e.sourceIpAddress === null);
        if (outside.length > 0)
          return failOnEvents(
            v,
            outside,
            `changed ${outside.length} time(s) from outside the trusted ranges: ${[...new Set(outside.map((e) => e.sourceIpAddress))].join(', ')}`,
            { untrustedChanges: outside.map(changeFacts), trustedIpRanges: review.trustedIpRanges },
          );
        if (unsourced.length > 0)
          return v.unknown(`${unsourced.length} change(s) without a source address in CloudTrail`, {
            changes: unsourced.map(changeFacts),
          });
        return v.pass(
          `${fn.changes.length} change(s) in the window, all from trusted ranges or AWS services`,
          {
            changes: fn.changes.length,
          },
        );
      },
      (review) =>
        review.trustedIpRanges.length === 0
          ? 'no trusted IP ranges are configured (--trusted-ip-ranges, or trusted-ip-ranges: in the config file)'
          : null,
    ),
});
