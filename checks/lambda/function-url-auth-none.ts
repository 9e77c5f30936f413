import { defineCheck } from '../../src/engine/check.js';

export default defineCheck({
  id: 'lambda.function-url-auth-none',
  title: 'Function URL allows unauthenticated invocation',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'high',
  practice: 'BP5',
  threats: ['T3'],
  rationale:
    'A function URL with AuthType NONE is a public HTTPS endpoint: anyone on the internet can invoke the function, ' +
    'run up its cost (denial of wallet), exhaust its concurrency and probe its code for vulnerabilities. Unless the ' +
    'function authenticates every request itself, this is an open door.',
  remediation: {
    text: 'Set the URL AuthType to AWS_IAM and sign requests with SigV4, or put the function behind API Gateway or CloudFront with authentication; delete URLs that are not needed.',
    cli: 'aws lambda update-function-url-config --function-name <name> --auth-type AWS_IAM',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.urls'],
  evaluate: (view) =>
    view.eachFunction((fn, v) => {
      if (!fn.urls.ok) return v.missing(fn.urls);
      const urls = fn.urls.value;
      if (urls.length === 0) return v.notApplicable('the function has no URL');
      const open = urls.filter((u) => u.authType !== 'AWS_IAM');
      if (open.length > 0) {
        return v.fail(
          `${open.length} function URL(s) accept unauthenticated requests (AuthType ${open[0]?.authType})`,
          { urls: open.map((u) => ({ url: u.url, authType: u.authType, functionArn: u.functionArn })) },
        );
      }
      return v.pass(`all ${urls.length} function URL(s) require IAM authentication`);
    }),
});
