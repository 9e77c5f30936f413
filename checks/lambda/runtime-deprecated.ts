import { type RuntimeEntry, runtimeTable, utcDay } from '../../src/data/runtimes.js';
import { defineCheck } from '../../src/engine/check.js';
import { DAY_MS } from '../../src/engine/dates.js';
import { memoize } from '../../src/view/memo.js';
import type { Judgement } from '../../src/view/verdict.js';
/** A runtime deprecated within this many days passes, with a warning in its evidence. */
export const WARN_WITHIN_DAYS = 90;

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
  evaluate: (view, ctx) => {
    const { data, byId } = runtimeTable();
    const now = ctx.now.getTime();
    // The verdict depends on the runtime and the scan time only: judge each runtime once.
    const judge = memoize((entry: RuntimeEntry) => judgeRuntime(entry, now, data.retrievedAt));
    return view.eachFunction((fn, v) => {
      const { runtime, packageType } = fn.config;
      if (runtime === null) {
        if (packageType === 'Image') {
          return v.notApplicable('container image: the runtime is part of the image, not a managed runtime', {
            packageType,
          });
        }
        return v.unknown(`the function reports no runtime although its package type is ${packageType}`);
      }
      const entry = byId.get(runtime);
      if (!entry) {
        return v.unknown(
          `runtime ${runtime} is not in the runtime data file (retrieved ${data.retrievedAt}); the file may be outdated`,
          { runtime, dataRetrievedAt: data.retrievedAt, source: data.source },
        );
      }
      return v.judged(judge(entry));
    });
  },
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
