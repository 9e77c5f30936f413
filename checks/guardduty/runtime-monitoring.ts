import { defineCheck } from '../../src/engine/check.js';

/**
 * Runtime Monitoring is the RUNTIME_MONITORING detector feature. Detectors that enabled EKS
 * Runtime Monitoring before it was folded into Runtime Monitoring (2024) may still report only
 * EKS_RUNTIME_MONITORING; GuardDuty documents that as the same protection for EKS, so either
 * enabled counts. The agent-management additional configurations (EKS add-on, ECS Fargate, EC2)
 * say whether GuardDuty deploys the agent itself; a customer may deploy it by hand, so they are
 * evidence, not part of the verdict (GuardDuty.11 judges the feature).
 */
const FEATURE = 'RUNTIME_MONITORING';
const LEGACY = 'EKS_RUNTIME_MONITORING';

export default defineCheck({
  id: 'guardduty.runtime-monitoring',
  title: 'GuardDuty Runtime Monitoring is off in a scanned region',
  service: 'guardduty',
  resourceType: 'AWS::GuardDuty::Detector',
  severity: 'medium',
  practice: 'BP6',
  threats: ['T2', 'T4'],
  rationale:
    'Runtime Monitoring has a GuardDuty agent watch processes, file access and network connections on EKS, ECS ' +
    '(Fargate included) and EC2 workloads, so an exploited container or instance that a function calls or that ' +
    'holds the same credentials is caught running a miner or a reverse shell. API and flow-log analysis alone ' +
    'does not see what runs inside the workload. FSBP GuardDuty.11 judges the feature; agent management is ' +
    'reported, not judged, since agents may be deployed by hand.',
  remediation: {
    text: 'Enable Runtime Monitoring in every region (from the delegated GuardDuty administrator for the whole organization where there is one), with automated agent configuration for the workload types you run.',
    cli: `aws guardduty update-detector --detector-id <detector-id> --region <region> --features '[{"Name":"${FEATURE}","Status":"ENABLED"}]'`,
  },
  references: [
    'https://docs.aws.amazon.com/guardduty/latest/ug/runtime-monitoring.html',
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty-feature-object-api-changes-march2023.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-11',
  ],
  frameworks: { 'aws-fsbp': ['GuardDuty.11'], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['guardduty.detectors'],
  evaluate: (view) =>
    view.eachGuardDutyRegion(({ region, unreadableDetector }, detectors, v) => {
      if (detectors.length === 0) {
        return v.fail(`Runtime Monitoring is off in ${region}: GuardDuty itself is not enabled there`, {
          guardDutyEnabled: false,
        });
      }
      const enabled = detectors.filter((d) => d.readError === null && d.status === 'ENABLED');
      for (const d of enabled) {
        const on = d.features.find(
          (f) => (f.name === FEATURE || f.name === LEGACY) && f.status === 'ENABLED',
        );
        if (on) {
          return v.pass(`Runtime Monitoring is enabled in ${region} (detector ${d.id}, ${on.name})`, {
            detectorId: d.id,
            feature: on,
            agentManagement: on.additionalConfiguration ?? [],
          });
        }
      }
      if (unreadableDetector) return v.missing(unreadableDetector);
      const first = enabled[0];
      if (!first) {
        const status = detectors.map((d) => d.status).join(', ');
        return v.fail(
          `Runtime Monitoring is off in ${region}: the GuardDuty detector is ${status} (suspended)`,
          {
            guardDutyEnabled: false,
            detectors: detectors.map((d) => ({ id: d.id, status: d.status })),
          },
        );
      }
      const feature =
        first.features.find((f) => f.name === FEATURE) ?? first.features.find((f) => f.name === LEGACY);
      const evidence = { detectorId: first.id, feature: feature ?? null };
      return feature
        ? v.fail(`Runtime Monitoring is ${feature.status} on detector ${first.id} in ${region}`, evidence)
        : v.fail(
            `Runtime Monitoring is not on in ${region}: detector ${first.id} reports no ${FEATURE} feature (never enabled, or not offered in this region)`,
            evidence,
          );
    }),
});
