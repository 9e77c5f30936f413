import { defineCheck } from '../../src/engine/check.js';
import type { GuardDutyFinding } from '../../src/inventory/schema.js';
import { readOf } from '../../src/view/verdict.js';

export default defineCheck({
  id: 'guardduty.high-severity-findings',
  title: 'GuardDuty has active high-severity findings in a region',
  service: 'guardduty',
  resourceType: 'AWS::GuardDuty::Detector',
  severity: 'high',
  practice: 'BP6',
  threats: ['T1', 'T2', 'T4'],
  rationale:
    'Detection only helps if someone acts on it. An active (unarchived) finding of severity 7 or more (High or ' +
    'Critical) means GuardDuty saw a likely compromise, such as stolen credentials in use, a function calling a ' +
    'command-and-control host or crypto-mining, and nobody has dealt with it yet. Findings on Lambda functions are ' +
    'named. Sample findings (CreateSampleFindings) are not detections and are ignored. Archived findings count as ' +
    'handled.',
  remediation: {
    text: 'Investigate each finding, contain and remediate the resource, then archive the finding (or add a suppression rule for a confirmed false positive). Route new High findings to an on-call channel through EventBridge.',
    cli: 'aws guardduty list-findings --detector-id <detector-id> --region <region> --finding-criteria \'{"Criterion":{"severity":{"Gte":7},"service.archived":{"Eq":["false"]}}}\'',
  },
  references: [
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html',
    'https://docs.aws.amazon.com/guardduty/latest/ug/findings_suppression-rule.html',
    'https://docs.aws.amazon.com/guardduty/latest/ug/sample_findings.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['guardduty.detectors', 'guardduty.findings'],
  evaluate: (view) =>
    view.eachGuardDutyRegion(({ region, unreadableDetector }, detectors, v) => {
      const enabled = detectors.filter((d) => d.readError === null && d.status === 'ENABLED');
      if (enabled.length === 0) {
        if (unreadableDetector) return v.missing(unreadableDetector);
        return v.notApplicable(`GuardDuty is not enabled in ${region}, so it reports no findings there`);
      }
      let samples = 0;
      let truncatedSamplesOnly = false;
      const active: (GuardDutyFinding & { detectorId: string })[] = [];
      for (const d of enabled) {
        const read = readOf(d.highSeverityFindings, `the high-severity findings of detector ${d.id}`);
        if (!read.ok) return v.missing(read, { detectorId: d.id });
        const detections = read.value.findings.filter((f) => !f.sample);
        samples += read.value.findings.length - detections.length;
        if (detections.length === 0 && read.value.truncated) truncatedSamplesOnly = true;
        for (const f of detections) active.push({ detectorId: d.id, ...f });
      }
      if (active.length > 0) {
        const lambda = [
          ...new Set(active.flatMap((f) => (f.lambdaFunction ? [f.lambdaFunction.name] : []))),
        ].sort();
        const top = Math.max(...active.map((f) => f.severity));
        const truncated = enabled.some(
          (d) => d.highSeverityFindings?.ok && d.highSeverityFindings.value.truncated,
        );
        const count = `${active.length}${truncated ? '+' : ''}`;
        const onLambda = lambda.length > 0 ? `; on Lambda functions: ${lambda.join(', ')}` : '';
        return v.fail(
          `GuardDuty has ${count} active finding(s) of severity ≥ 7 in ${region} (highest ${top})${onLambda}`,
          {
            findings: active.map((f) => ({
              id: f.id,
              type: f.type,
              severity: f.severity,
              title: f.title,
              resourceType: f.resourceType,
              function: f.lambdaFunction?.name ?? null,
            })),
            lambdaFunctions: lambda,
            truncated,
            samplesIgnored: samples,
          },
        );
      }
      if (truncatedSamplesOnly) {
        return v.unknown(
          `GuardDuty in ${region} has more high-severity findings than one page, and the page read held only sample findings`,
          { samplesIgnored: samples },
        );
      }
      return v.pass(
        samples > 0
          ? `No active finding of severity ≥ 7 in ${region} (${samples} sample finding(s) ignored)`
          : `No active finding of severity ≥ 7 in ${region}`,
        { samplesIgnored: samples },
      );
    }),
});
