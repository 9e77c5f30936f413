import { defineCheck, describeError, fail, pass, unknown } from '../../src/engine/check.js';
import { eachGuardDutyRegion } from '../../src/engine/scope.js';

export default defineCheck({
  id: 'guardduty.enabled',
  title: 'GuardDuty is not enabled in a scanned region',
  service: 'guardduty',
  resourceType: 'AWS::GuardDuty::Detector',
  severity: 'high',
  practice: 'BP6',
  threats: ['T2', 'T4'],
  rationale:
    'GuardDuty is the account’s threat detection: it reads CloudTrail, VPC flow and DNS logs for stolen-credential ' +
    'use, crypto-mining and calls to known-bad hosts, including from a compromised Lambda function. Attackers favour ' +
    'the regions nobody watches, so it should be on in every region, used or not. A member detector managed by a ' +
    'delegated administrator counts as enabled.',
  remediation: {
    text: 'Enable GuardDuty in every region, ideally for the whole organization from a delegated administrator account with auto-enable for new members. A suspended detector can be resumed with update-detector --enable.',
    cli: 'aws guardduty create-detector --enable --region <region>',
  },
  references: [
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html',
  ],
  frameworks: { 'aws-fsbp': ['GuardDuty.1'], 'cis-aws-3.0': [] },
  evaluate: (inventory, ctx) =>
    eachGuardDutyRegion(inventory, ctx, (region, name, ref) => {
      const detectors = region.detectors.map((d) => ({
        id: d.id,
        status: d.status,
        readable: d.readError === null,
      }));
      if (region.detectors.length === 0) {
        return fail(ref, `GuardDuty is not enabled in ${name}: the region has no detector`, { detectors });
      }
      const enabled = region.detectors.find((d) => d.readError === null && d.status === 'ENABLED');
      if (enabled) {
        return pass(ref, `GuardDuty is enabled in ${name} (detector ${enabled.id})`, {
          detectors,
          detectorId: enabled.id,
        });
      }
      const unreadable = region.detectors.find((d) => d.readError !== null);
      if (unreadable?.readError) {
        return unknown(
          ref,
          `GuardDuty detector ${unreadable.id} in ${name} could not be read: ${describeError(unreadable.readError)}`,
          unreadable.readError,
          { detectors },
        );
      }
      const status = region.detectors.map((d) => d.status).join(', ');
      return fail(ref, `GuardDuty is not enabled in ${name}: the detector is ${status} (suspended)`, {
        detectors,
      });
    }),
});
