import { defineCheck, describeError, fail, pass, unknown } from '../../src/engine/check.js';
import { eachFunction } from '../../src/engine/scope.js';

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
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [] },
  // The function-level value decides; account settings are context only (a reservation set on this
  // function is reported by GetFunction even when account totals lag or look untouched).
  evaluate: (inventory, ctx) =>
    eachFunction(inventory, ctx, (fn, ref, region) => {
      const read = fn.reservedConcurrency;
      if (!read.ok) {
        return unknown(
          ref,
          `reserved concurrency could not be read: ${describeError(read.error)}`,
          read.error,
        );
      }
      const { value, source } = read.value;
      const account = {
        concurrentExecutions: region.accountSettings.concurrentExecutions,
        unreservedConcurrentExecutions: region.accountSettings.unreservedConcurrentExecutions,
      };
      if (value === null) {
        return fail(
          ref,
          `no reserved concurrency: the function can use up to all ${account.unreservedConcurrentExecutions} unreserved executions in ${fn.region}, starving other functions`,
          { reservedConcurrency: null, source, ...account },
        );
      }
      if (value === 0) {
        return pass(ref, 'reserved concurrency is 0: the function is throttled entirely and cannot run', {
          reservedConcurrency: 0,
          source,
          ...account,
        });
      }
      return pass(ref, `reserved concurrency is ${value}`, {
        reservedConcurrency: value,
        source,
        ...account,
      });
    }),
});
