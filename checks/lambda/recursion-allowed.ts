import { defineCheck } from '../../src/engine/check.js';

/** Error codes of an endpoint that does not offer an operation (a Region without the feature). */
const UNAVAILABLE =
  /^(?:UnknownOperation|UnsupportedOperation|InvalidAction|NotImplemented|UnrecognizedOperation)/i;

export default defineCheck({
  id: 'lambda.recursion-allowed',
  title: 'Recursive loop detection is turned off (RecursiveLoop Allow)',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'medium',
  practice: 'BP5',
  threats: ['T3'],
  rationale:
    'Lambda detects a function caught in a loop with SQS, SNS, S3 or another function (an S3-triggered function ' +
    'writing back to its own bucket, a function re-publishing to the topic that invokes it) and, with the ' +
    'default setting Terminate, stops it after about 16 invocations of the same chain. Setting RecursiveLoop to ' +
    'Allow turns that guard off for the function: a bug or a crafted event can then invoke it without end, ' +
    'consuming the region’s concurrency and running up the bill (denial of wallet). Allow is meant for the ' +
    'rare function that loops on purpose; such a function deserves reserved concurrency and an explicit review.',
  remediation: {
    text: 'Set recursive loop detection back to Terminate, unless the function recurses intentionally (then cap it with reserved concurrency).',
    cli: 'aws lambda put-function-recursion-config --function-name <name> --recursive-loop Terminate',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html',
    'https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionRecursionConfig.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.recursion-config'],
  evaluate: (view) =>
    view.eachFunction((fn, v) => {
      const setting = fn.recursiveLoop;
      if (!setting.ok) {
        const code = setting.error?.code ?? '';
        if (UNAVAILABLE.test(code)) {
          return v.missing(
            {
              ...setting,
              reason: `GetFunctionRecursionConfig is not available in ${fn.region} (${code}): whether recursive loop detection is on cannot be read there`,
            },
            { region: fn.region },
          );
        }
        return v.missing(setting);
      }
      const mode = setting.value;
      if (mode === null) return v.unknown('Lambda returned no recursive loop detection setting');
      if (mode === 'Allow') {
        return v.fail(
          'RecursiveLoop is Allow: Lambda will not stop the function when it detects a recursive loop',
          { recursiveLoop: mode },
        );
      }
      if (mode === 'Terminate') {
        return v.pass('RecursiveLoop is Terminate (the default): Lambda stops detected recursive loops', {
          recursiveLoop: mode,
        });
      }
      return v.unknown(`unrecognised RecursiveLoop value ${JSON.stringify(mode)}`, { recursiveLoop: mode });
    }),
});
