import { defineCheck } from '../../src/engine/check.js';

export default defineCheck({
  id: 'lambda.tracing-not-active',
  title: 'Function does not have AWS X-Ray active tracing',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'low',
  practice: 'BP7',
  threats: ['T2', 'T4'],
  rationale:
    'With TracingConfig Mode Active, Lambda samples and traces requests itself, so an investigation can see ' +
    'which callers invoked the function and which downstream services it reached (an exfiltration to an ' +
    'unexpected endpoint, a spike of invocations). PassThrough, the default, traces only requests an ' +
    'upstream service already sampled: for most functions that is none, whatever an IaC template’s ' +
    'tracing block says. Security Hub Lambda.7 (NIST 800-53 only, not FSBP) asks for the same.',
  remediation: {
    text: 'Set the tracing mode to Active and give the execution role the X-Ray write permissions (the AWSXRayDaemonWriteAccess managed policy).',
    cli: 'aws lambda update-function-configuration --function-name <name> --tracing-config Mode=Active',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.functions'],
  evaluate: (view) =>
    view.eachFunction((fn, v) => {
      const mode = fn.config.tracingMode;
      // ListFunctions always reports a mode (PassThrough by default): none means we cannot tell.
      if (mode === null) return v.unknown('Lambda reported no tracing mode for the function');
      if (mode === 'Active') return v.pass('X-Ray tracing mode is Active', { tracingMode: mode });
      return v.fail(
        `X-Ray tracing mode is ${mode}: only requests an upstream service already sampled are traced`,
        { tracingMode: mode },
      );
    }),
});
