import { type RuntimeEntry, utcDay } from '../../src/data/runtimes.js';
import { defineCheck } from '../../src/engine/check.js';
import type { Judgement } from '../../src/view/verdict.js';
import { daysUntil, eachManagedRuntime, SOON_DAYS } from './_runtime.js';

export default defineCheck({
  id: 'lambda.runtime-deprecating-soon',
  title: 'Function uses a Lambda runtime deprecated within 90 days',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  // Below lambda.runtime-deprecated (medium) and lambda.runtime-update-blocked (high): the runtime
  // is still patched today; this is the warning that leaves time to migrate before it is not.
  severity: 'low',
  practice: 'BP7',
  threats: ['T4'],
  rationale:
    'From its deprecation date a managed runtime gets no more security patches, and a few months later ' +
    'Lambda blocks creating and then updating functions on it. A language major-version migration needs ' +
    'code changes and testing, so a runtime deprecated within 90 days of the scan is flagged while there ' +
    'is still time to move. Already-deprecated runtimes are lambda.runtime-deprecated’s finding, not this ' +
    'one. Dates come from data/lambda-runtimes.json (see its retrievedAt).',
  remediation: {
    text: 'Plan the move to a supported runtime of the same language (major versions are not backward compatible: test first), then update the function before the deprecation date.',
    cli: 'aws lambda update-function-configuration --function-name <name> --runtime <supported runtime, e.g. nodejs24.x>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.functions'],
  data: ['lambda-runtimes'],
  evaluate: (view, ctx) =>
    eachManagedRuntime(view, ctx, (entry, now, { data }) => judge(entry, now, data.retrievedAt)),
});

function judge(entry: RuntimeEntry, now: number, dataRetrievedAt: string): Judgement {
  const days = daysUntil(utcDay(entry.deprecation), now);
  const evidence = {
    runtime: entry.identifier,
    deprecation: entry.deprecation,
    daysUntilDeprecation: days,
    dataRetrievedAt,
  };
  const named = `${entry.name} (${entry.identifier})`;
  if (days <= 0) {
    return {
      status: 'not_applicable',
      message: `${named} is already deprecated (since ${entry.deprecation}): lambda.runtime-deprecated reports it`,
      evidence,
    };
  }
  if (days <= SOON_DAYS) {
    return {
      status: 'fail',
      message: `${named} is deprecated in ${days} day(s), on ${entry.deprecation}`,
      evidence,
    };
  }
  return {
    status: 'pass',
    message: `${named} is supported until ${entry.deprecation}, more than ${SOON_DAYS} days after the scan`,
    evidence,
  };
}
