import { defineCheck } from '../../src/engine/check.js';

export default defineCheck({
  id: 'lambda.reserved-concurrency-unset',
  title: 'Function has no reserved concurrency',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'low',
  practice: 'BP5',
  threats: ['T3'],
  rationale:
    'Without reserved concurrency a function draws from the region’s shared unreserved pool: a flood of ' +
    'invocations (abuse, a retry storm, a recursive loop) can take every execution environment in the account ' +
    'and throttle unrelated functions, and the bill grows with it. Reserving concurrency both caps the function ' +
    'and guarantees it capacity.',
  remediation: {
    text: 'Reserve concurrency sized to the function’s expected peak; keep the sum of reservations below the account limit so the unreserved pool stays usable.',
    cli: 'aws lambda put-function-concurrency --function-name <name> --reserved-concurrent-executions <n>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.reserved-concurrency'],
  // The function-level value decides; account settings are context only (a reservation set on this
  // function is reported by GetFunction even when account totals lag or look untouched).
  evaluate: (view) =>
    view.eachFunction((fn, v) => {
      if (!fn.reservedConcurrency.ok) return v.missing(fn.reservedConcurrency);
      const { value, source } = fn.reservedConcurrency.value;
      const settings = fn.lambdaRegion.settings;
      const account = {
        concurrentExecutions: settings?.concurrentExecutions ?? null,
        unreservedConcurrentExecutions: settings?.unreservedConcurrentExecutions ?? null,
      };
      if (value === null) {
        return v.fail(
          `no reserved concurrency: the function can use up to all ${account.unreservedConcurrentExecutions ?? 'the'} unreserved executions in ${fn.region}, starving other functions`,
          { reservedConcurrency: null, source, ...account },
        );
      }
      if (value === 0) {
        return v.pass('reserved concurrency is 0: the function is throttled entirely and cannot run', {
          reservedConcurrency: 0,
          source,
          ...account,
        });
      }
      return v.pass(`reserved concurrency is ${value}`, { reservedConcurrency: value, source, ...account });
    }),
});
