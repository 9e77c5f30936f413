import { defineCheck } from '../../src/engine/check.js';
import { describePublic, isPublic, publicInvoke } from './_public-invoke.js';

/**
 * The conjunction of two findings that are each bearable alone: a function anyone can invoke
 * (see _public-invoke.ts for what "anyone" means, shared with the exposure checks) and no
 * reserved concurrency to cap it. Together, one caller with a loop scales the function to the
 * region's whole unreserved pool and bills every invocation, and every other function in the
 * region is throttled while it lasts. Hence critical, above function-url-auth-none /
 * public-resource-policy (high) and reserved-concurrency-unset (low).
 *
 * - not_applicable: nobody outside can invoke the function (the check concerns public ones);
 * - pass: public, but reserved concurrency caps it (0 = throttled off, which stops it entirely);
 * - unknown: whether it is public, or its reservation, could not be read.
 */
export default defineCheck({
  id: 'lambda.denial-of-wallet',
  title: 'Function anyone can invoke has no reserved concurrency (denial of wallet)',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'critical',
  practice: 'BP5',
  threats: ['T3'],
  rationale:
    'A function that anyone can invoke, through an AuthType NONE URL that is open or a resource policy granting ' +
    'lambda:InvokeFunction to any account, and that has no reserved concurrency, can be driven by a single caller ' +
    'to the region’s whole unreserved concurrency: every invocation is billed (denial of wallet), and every other ' +
    'function in the account and region is throttled while it lasts (denial of service). Reserved concurrency ' +
    'caps both the cost rate and the share of the pool the function can take.',
  remediation: {
    text: 'Require authentication (AuthType AWS_IAM, or remove the public statement), or put the function behind API Gateway or CloudFront with throttling and WAF rate rules; in any case reserve concurrency sized to its expected peak.',
    cli: 'aws lambda put-function-concurrency --function-name <name> --reserved-concurrent-executions <n>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.urls', 'lambda.policies', 'lambda.reserved-concurrency'],
  evaluate: (view, ctx) =>
    view.eachFunction((fn, v) => {
      const exposure = publicInvoke(fn, ctx.now);
      if (!exposure.ok) return v.missing(exposure);
      const p = exposure.value;
      if (!isPublic(p)) {
        return v.notApplicable(
          'nobody outside can invoke the function (no open AuthType NONE URL, no public invoke grant)',
        );
      }
      const how = describePublic(p);
      const evidence = { openUrls: p.openUrls, invokeStatements: p.invokeStatements };
      if (!fn.reservedConcurrency.ok) return v.missing(fn.reservedConcurrency, evidence);
      const reserved = fn.reservedConcurrency.value.value;
      const unreserved = fn.lambdaRegion.settings?.unreservedConcurrentExecutions ?? null;
      if (reserved === null) {
        return v.fail(
          `anyone can invoke the function ${how}, and no reserved concurrency caps it: a caller can scale it to all ${unreserved ?? 'the'} unreserved executions in ${fn.region} and be billed for each`,
          { ...evidence, reservedConcurrency: null, unreservedConcurrentExecutions: unreserved },
        );
      }
      if (reserved === 0) {
        return v.pass(`anyone can invoke the function ${how}, but reserved concurrency 0 throttles it off`, {
          ...evidence,
          reservedConcurrency: 0,
        });
      }
      return v.pass(`anyone can invoke the function ${how}; reserved concurrency caps it at ${reserved}`, {
        ...evidence,
        reservedConcurrency: reserved,
      });
    }),
});
