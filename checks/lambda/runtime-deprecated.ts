import { type RuntimeEntry, utcDay } from '../../src/data/runtimes.js';
import { defineCheck } from '../../src/engine/check.js';
import { DAY_MS } from '../../src/engine/dates.js';
import type { Judgement } from '../../src/view/verdict.js';
import { eachManagedRuntime, SOON_DAYS } from './_runtime.js';
/** A runtime deprecated within this many days passes, with a warning in its evidence. */
export const WARN_WITHIN_DAYS = SOON_DAYS;

export default defineCheck({
  id: 'lambda.runtime-deprecated',
  title: 'Function uses a deprecated Lambda runtime',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'medium',
  practice: 'BP7',
  threats: ['T4'],
  rationale:
    'After its deprecation date a managed runtime gets no more security patches and no technical support: ' +
    'known vulnerabilities in the language runtime, OS and bundled libraries stay exploitable. Later Lambda ' +
    'blocks creating and then updating functions on it, so even an urgent fix cannot be deployed without a ' +
    'runtime migration first. Dates come from data/lambda-runtimes.json (see its retrievedAt).',
  remediation: {
    text: 'Move the function to a supported runtime of the same language (test first: major versions are not backward compatible), then redeploy.',
    cli: 'aws lambda update-function-configuration --function-name <name> --runtime <supported runtime, e.g. nodejs24.x>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html',
  ],
  frameworks: { 'aws-fsbp': ['Lambda.2'], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.functions'],
  data: ['lambda-runtimes'],
  // The verdict depends on the runtime and the scan time only: judged once per runtime.
  evaluate: (view, ctx) =>
    eachManagedRuntime(view, ctx, (entry, now, { data }) => judgeRuntime(entry, now, data.retrievedAt)),
});

function judgeRuntime(entry: RuntimeEntry, now: number, dataRetrievedAt: string): Judgement {
  const evidence = {
    runtime: entry.identifier,
    deprecation: entry.deprecation,
    blockFunctionCreate: entry.blockFunctionCreate,
    blockFunctionUpdate: entry.blockFunctionUpdate,
    dataRetrievedAt,
  };
  const deprecatedAt = utcDay(entry.deprecation);
  if (now >= deprecatedAt) {
    const blocked =
      entry.blockFunctionUpdate !== null && now >= utcDay(entry.blockFunctionUpdate)
        ? '; updates to the function are blocked'
        : entry.blockFunctionUpdate !== null
          ? `; updates will be blocked from ${entry.blockFunctionUpdate}`
          : '';
    return {
      status: 'fail',
      message: `${entry.name} (${entry.identifier}) was deprecated on ${entry.deprecation}${blocked}`,
      evidence: { ...evidence, daysSinceDeprecation: Math.floor((now - deprecatedAt) / DAY_MS) },
    };
  }
  const daysUntil = Math.ceil((deprecatedAt - now) / DAY_MS);
  if (daysUntil <= WARN_WITHIN_DAYS) {
    return {
      status: 'pass',
      message: `${entry.name} (${entry.identifier}) is supported, but is deprecated in ${daysUntil} day(s), on ${entry.deprecation}`,
      evidence: {
        ...evidence,
        daysUntilDeprecation: daysUntil,
        warning: `deprecation within ${WARN_WITHIN_DAYS} days`,
      },
    };
  }
  return {
    status: 'pass',
    message: `${entry.name} (${entry.identifier}) is supported until ${entry.deprecation}`,
    evidence: { ...evidence, daysUntilDeprecation: daysUntil },
  };
}
