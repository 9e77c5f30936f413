import { defineCheck } from '../../src/engine/check.js';

/** The GuardDuty detector feature behind Lambda Protection (Lambda network activity monitoring). */
const FEATURE = 'LAMBDA_NETWORK_LOGS';

export default defineCheck({
  id: 'guardduty.lambda-protection',
  title: 'GuardDuty Lambda Protection is off in a scanned region',
  service: 'guardduty',
  resourceType: 'AWS::GuardDuty::Detector',
  severity: 'medium',
  practice: 'BP6',
  threats: ['T2'],
  rationale:
    'Lambda Protection has GuardDuty watch the network activity of every function invocation, so injected or ' +
    'tampered code that mines crypto, exfiltrates data or calls a command-and-control host is reported. Without it, ' +
    'GuardDuty sees the API calls a function makes but not the traffic of the code inside it. Only this feature ' +
    'counts here; the detector’s other protection plans are not judged.',
  remediation: {
    text: 'Turn on Lambda Protection in every region, from the delegated GuardDuty administrator for the whole organization where there is one (member accounts cannot change it themselves).',
    cli: `aws guardduty update-detector --detector-id <detector-id> --region <region> --features '[{"Name":"${FEATURE}","Status":"ENABLED"}]'`,
  },
  references: [
    'https://docs.aws.amazon.com/guardduty/latest/ug/lambda-protection.html',
    'https://docs.aws.amazon.com/guardduty/latest/ug/configure-lambda-protection-standalone-acc.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html',
  ],
  frameworks: { 'aws-fsbp': ['GuardDuty.6'], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['guardduty.detectors'],
  evaluate: (view) =>
    view.eachGuardDutyRegion(({ region, unreadableDetector }, detectors, v) => {
      if (detectors.length === 0) {
        return v.fail(`Lambda Protection is off in ${region}: GuardDuty itself is not enabled there`, {
          guardDutyEnabled: false,
        });
      }
      const readable = detectors.filter((d) => d.readError === null);
      const enabled = readable.filter((d) => d.status === 'ENABLED');
      const withFeature = enabled.map((d) => ({ d, feature: d.features.find((f) => f.name === FEATURE) }));
      const on = withFeature.find((x) => x.feature?.status === 'ENABLED');
      if (on) {
        return v.pass(`Lambda Protection is enabled in ${region} (detector ${on.d.id})`, {
          detectorId: on.d.id,
          feature: on.feature,
        });
      }
      if (unreadableDetector) return v.missing(unreadableDetector);
      const first = withFeature[0];
      if (!first) {
        const status = readable.map((d) => d.status).join(', ');
        return v.fail(
          `Lambda Protection is off in ${region}: the GuardDuty detector is ${status} (suspended)`,
          {
            guardDutyEnabled: false,
            detectors: readable.map((d) => ({ id: d.id, status: d.status })),
          },
        );
      }
      const evidence = { detectorId: first.d.id, feature: first.feature ?? null, features: first.d.features };
      return first.feature
        ? v.fail(
            `Lambda Protection is ${first.feature.status} on detector ${first.d.id} in ${region}`,
            evidence,
          )
        : v.fail(
            `Lambda Protection is not on in ${region}: detector ${first.d.id} reports no ${FEATURE} feature (never enabled, or not offered in this region)`,
            evidence,
          );
    }),
});
