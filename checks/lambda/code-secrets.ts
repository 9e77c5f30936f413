import { defineCheck } from '../../src/engine/check.js';
import { codeReadMissing, judgeScan } from './_code-secrets.js';

export default defineCheck({
  id: 'lambda.code-secrets',
  title: 'Function deployment package holds secret-shaped strings',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'high',
  practice: 'BP4',
  threats: ['T1', 'T2', 'T4'],
  rationale:
    'A deployment package is readable by anyone allowed lambda:GetFunction (its presigned Code.Location), ' +
    'is copied into build artifacts, CI caches and every version the function keeps, and is read by any code ' +
    'injected into the function. A key committed with the code (an AWS access key in a config module, a ' +
    '.env bundled by mistake, a private key beside the handler) outlives the commit that removes it. ' +
    "The package is scanned with the same classifier as environment variables (secretlint's recommended " +
    'preset and our own provider patterns), so documented examples (AKIAIOSFODNN7EXAMPLE) and template ' +
    'placeholders pass. Runs only with --scan-code: it downloads every package.',
  remediation: {
    text: 'Remove the secret from the source and the package, rotate the exposed credential, keep it in AWS Secrets Manager or SSM Parameter Store and read it at run time, and publish a new version (older versions still hold the old package).',
    cli: 'aws lambda update-function-code --function-name <name> --zip-file fileb://clean-package.zip --publish',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html',
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.code'],
  // A package that could not be downloaded or broke a hostile-archive cap is unknown with the
  // reason (a failed read), never a pass; a container image has no package here.
  evaluate: (view) =>
    view.eachFunction((fn, v) => {
      if (!fn.code.ok) return v.missing(codeReadMissing(fn.code));
      if (fn.code.value === null) {
        return v.notApplicable('a container image: there is no deployment package to download');
      }
      return judgeScan(fn.code.value, v, 'deployment package');
    }),
});
