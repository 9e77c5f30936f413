import { type OsEntry, type RuntimeEntry, utcDay } from '../../src/data/runtimes.js';
import { defineCheck } from '../../src/engine/check.js';
import type { Judgement } from '../../src/view/verdict.js';
import { daysUntil, eachManagedRuntime, type RuntimeTableView, SOON_DAYS } from './_runtime.js';

const AL2 = 'Amazon Linux 2';

export default defineCheck({
  id: 'lambda.runtime-al2-end-of-life',
  title: 'Function runs on an Amazon Linux 2 runtime, past or near its end of support',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  // Lambda keeps an AL2 runtime it still supports patched up to the runtime's own deprecation
  // (lambda.runtime-deprecated judges that, at medium): this is the OS-level warning beside it.
  severity: 'low',
  practice: 'BP7',
  threats: ['T4'],
  rationale:
    'Each managed runtime is paired with an Amazon Linux release (the "Operating system" column of the ' +
    'runtimes page). Amazon Linux 2 reached its end of support on 2026-06-30; runtimes built on it ' +
    '(provided.al2, java8.al2, java11, java17, python3.8–3.11, nodejs12.x–18.x, ruby3.2, dotnet6 …) ' +
    'keep old system libraries (glibc 2.26, OpenSSL 1.0.2) and native dependencies built for them. ' +
    'Moving to an Amazon Linux 2023 runtime is a rebuild, not a setting, so it is flagged from 90 days ' +
    'before the end of support. OS and dates: data/lambda-runtimes.json.',
  remediation: {
    text: 'Move the function to a runtime based on Amazon Linux 2023 (provided.al2023, java21/java25 or the .al2023 Java runtimes, python3.12+, nodejs20.x+, ruby3.3+, dotnet8+), rebuilding native dependencies against AL2023, then redeploy.',
    cli: 'aws lambda update-function-configuration --function-name <name> --runtime provided.al2023',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
    'https://aws.amazon.com/amazon-linux-2/faqs/',
    'https://docs.aws.amazon.com/linux/al2023/ug/compare-with-al2.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.functions'],
  data: ['lambda-runtimes'],
  evaluate: (view, ctx) => eachManagedRuntime(view, ctx, judge),
});

function judge(entry: RuntimeEntry, now: number, table: RuntimeTableView): Judgement {
  const os = table.os.get(entry.os) as OsEntry; // the schema refuses a runtime whose OS has no entry
  const named = `${entry.name} (${entry.identifier})`;
  const days = daysUntil(utcDay(os.endOfSupport), now);
  const evidence = {
    runtime: entry.identifier,
    os: entry.os,
    osEndOfSupport: os.endOfSupport,
    osSource: os.source,
    runtimeDeprecation: entry.deprecation,
    dataRetrievedAt: table.data.retrievedAt,
  };
  if (entry.os === 'Amazon Linux') {
    return {
      status: 'not_applicable',
      message: `${named} runs on Amazon Linux (AL1), not Amazon Linux 2; the runtime is long deprecated, which lambda.runtime-deprecated reports`,
      evidence,
    };
  }
  if (entry.os !== AL2) {
    return {
      status: 'pass',
      message: `${named} runs on ${entry.os}, supported until ${os.endOfSupport}`,
      evidence,
    };
  }
  if (days <= 0) {
    return {
      status: 'fail',
      message: `${named} runs on Amazon Linux 2, which reached end of support on ${os.endOfSupport}`,
      evidence: { ...evidence, daysSinceOsEndOfSupport: -days },
    };
  }
  if (days <= SOON_DAYS) {
    return {
      status: 'fail',
      message: `${named} runs on Amazon Linux 2, which reaches end of support in ${days} day(s), on ${os.endOfSupport}`,
      evidence: { ...evidence, daysUntilOsEndOfSupport: days },
    };
  }
  return {
    status: 'pass',
    message: `${named} runs on Amazon Linux 2, supported until ${os.endOfSupport} (more than ${SOON_DAYS} days after the scan)`,
    evidence: { ...evidence, daysUntilOsEndOfSupport: days },
  };
}
