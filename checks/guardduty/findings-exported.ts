import { defineCheck } from '../../src/engine/check.js';
import type { PublishingDestination } from '../../src/inventory/schema.js';
import { readOf } from '../../src/view/verdict.js';

/** Destination statuses under which findings are (or are about to be) delivered. */
const DELIVERING = new Set(['PUBLISHING', 'PENDING_VERIFICATION']);

export default defineCheck({
  id: 'guardduty.findings-exported',
  title: 'GuardDuty findings are not exported to a publishing destination',
  service: 'guardduty',
  resourceType: 'AWS::GuardDuty::Detector',
  severity: 'low',
  practice: 'BP6',
  threats: ['T2', 'T4'],
  rationale:
    'GuardDuty keeps findings for 90 days only. An incident is often found months after the first signal, and an ' +
    'attacker with GuardDuty permissions can archive findings. A publishing destination (an S3 bucket encrypted ' +
    'with KMS) keeps every finding outside the detector’s reach. A destination that GuardDuty cannot write to, or ' +
    'that is stopped, exports nothing and fails. A member whose administrator receives its findings is judged ' +
    'in the administrator account. Regions where GuardDuty is off are left to guardduty.enabled.',
  remediation: {
    text: 'Create a publishing destination for the detector: an S3 bucket and a KMS key whose policies let guardduty.amazonaws.com write. In an organization, export from the delegated administrator, which receives the findings of every member.',
    cli: 'aws guardduty create-publishing-destination --detector-id <detector-id> --destination-type S3 --destination-properties DestinationArn=arn:aws:s3:::<bucket>,KmsKeyArn=<kms-key-arn> --region <region>',
  },
  references: [
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html',
    'https://docs.aws.amazon.com/guardduty/latest/APIReference/API_ListPublishingDestinations.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['guardduty.detectors', 'guardduty.publishing-destinations', 'guardduty.administrator'],
  evaluate: (view) =>
    view.eachGuardDutyRegion(({ region, unreadableDetector }, detectors, v) => {
      const enabled = detectors.filter((d) => d.readError === null && d.status === 'ENABLED');
      if (enabled.length === 0) {
        if (unreadableDetector) return v.missing(unreadableDetector);
        return v.notApplicable(`GuardDuty is not enabled in ${region}, so it has no findings to export`);
      }
      const notDelivering: { id: string; destinations: PublishingDestination[] }[] = [];
      for (const d of enabled) {
        const read = readOf(d.publishingDestinations, `the publishing destinations of detector ${d.id}`);
        if (!read.ok) return v.missing(read, { detectorId: d.id });
        const delivering = read.value.find((x) => DELIVERING.has(x.status));
        if (delivering) {
          return v.pass(
            `GuardDuty findings in ${region} are exported (${delivering.type} destination ${delivering.id}, ${delivering.status})`,
            { detectorId: d.id, destinations: read.value },
          );
        }
        notDelivering.push({ id: d.id, destinations: read.value });
      }
      const failed = notDelivering[0] ?? { id: null, destinations: [] };
      // A member's findings also reach its GuardDuty administrator, whose own destination exports
      // the whole organization's: the export is judged when that account is scanned.
      for (const d of enabled) {
        const admin = readOf(d.administrator, `the GuardDuty administrator of detector ${d.id}`);
        if (!admin.ok) return v.missing(admin, { detectorId: d.id, destinations: failed.destinations });
        if (admin.value?.relationshipStatus === 'Enabled') {
          return v.notApplicable(
            `GuardDuty in ${region} is a member of administrator account ${admin.value.accountId}, which receives and exports its findings (judged in that account)`,
            {
              detectorId: d.id,
              administratorAccountId: admin.value.accountId,
              destinations: failed.destinations,
            },
          );
        }
      }
      if (failed.destinations.length === 0) {
        return v.fail(
          `GuardDuty findings in ${region} are not exported: the detector has no publishing destination`,
          {
            detectorId: failed.id,
            destinations: [],
          },
        );
      }
      const statuses = failed.destinations.map((x) => `${x.id} ${x.status}`).join(', ');
      return v.fail(
        `GuardDuty findings in ${region} are not exported: no destination is publishing (${statuses})`,
        {
          detectorId: failed.id,
          destinations: failed.destinations,
        },
      );
    }),
});
