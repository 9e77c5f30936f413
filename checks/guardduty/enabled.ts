import { defineCheck } from '../../src/engine/check.js';
import type { GuardDutyDetector } from '../../src/inventory/schema.js';

/**
 * The protection plans reported beside a pass: evidence only. Each is judged by its own FSBP
 * control (GuardDuty.5–13); this check judges only that the detector monitors.
 */
const PROTECTIONS: Record<string, string> = {
  S3_DATA_EVENTS: 's3Protection',
  EKS_AUDIT_LOGS: 'eksAuditLogs',
  RDS_LOGIN_EVENTS: 'rdsProtection',
  EBS_MALWARE_PROTECTION: 'malwareProtection',
  LAMBDA_NETWORK_LOGS: 'lambdaProtection',
  RUNTIME_MONITORING: 'runtimeMonitoring',
};

/** Evidence: the administrator that manages a member detector (null: none, or not read). */
function administratorOf(d: GuardDutyDetector): string | null {
  return d.administrator?.ok ? (d.administrator.value?.accountId ?? null) : null;
}

function protections(d: GuardDutyDetector): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of d.features) {
    const key = PROTECTIONS[f.name];
    if (key) out[key] = f.status;
  }
  return out;
}

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
  frameworks: { 'aws-fsbp': ['GuardDuty.1'], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['guardduty.detectors', 'guardduty.administrator'],
  evaluate: (view) =>
    view.eachGuardDutyRegion(({ region, unreadableDetector }, detectors, v) => {
      const listed = detectors.map((d) => ({ id: d.id, status: d.status, readable: d.readError === null }));
      if (detectors.length === 0) {
        return v.fail(`GuardDuty is not enabled in ${region}: the region has no detector`, {
          detectors: listed,
        });
      }
      const enabled = detectors.find((d) => d.readError === null && d.status === 'ENABLED');
      if (enabled) {
        return v.pass(`GuardDuty is enabled in ${region} (detector ${enabled.id})`, {
          detectors: listed,
          detectorId: enabled.id,
          protections: protections(enabled),
          administratorAccountId: administratorOf(enabled),
        });
      }
      if (unreadableDetector) return v.missing(unreadableDetector, { detectors: listed });
      const status = detectors.map((d) => d.status).join(', ');
      const admin = detectors.map(administratorOf).find((a) => a !== null) ?? null;
      const managed = admin ? `; administrator account ${admin} manages it and can resume it` : '';
      return v.fail(
        `GuardDuty is not enabled in ${region}: the detector is ${status} (suspended)${managed}`,
        {
          detectors: listed,
          administratorAccountId: admin,
        },
      );
    }),
});
