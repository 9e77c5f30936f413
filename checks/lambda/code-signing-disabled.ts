import { defineCheck } from '../../src/engine/check.js';

export default defineCheck({
  id: 'lambda.code-signing-disabled',
  title: 'Function does not enforce code signing',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'medium',
  practice: 'BP3',
  threats: ['T2'],
  rationale:
    'Without an enforcing code signing configuration, anyone who obtains lambda:UpdateFunctionCode (a leaked ' +
    'CI key, an over-broad role) can deploy arbitrary code that then runs with the function’s role and data. ' +
    'Code signing makes Lambda reject packages not signed by an allowed AWS Signer profile; with the policy ' +
    'set to Warn, unsigned code is still deployed and only logged.',
  remediation: {
    text: 'Create a signing profile in AWS Signer and a code signing config that allows it with UntrustedArtifactOnDeployment=Enforce, attach it to the function, and sign packages in the deployment pipeline.',
    cli: 'aws lambda put-function-code-signing-config --function-name <name> --code-signing-config-arn <csc-arn>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-codesigning.html',
    'https://docs.aws.amazon.com/signer/latest/developerguide/Welcome.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.code-signing'],
  evaluate: (view) =>
    view.eachFunction((fn, v) => {
      if (fn.config.packageType === 'Image') {
        return v.notApplicable(
          'container image function: Lambda code signing applies to .zip packages only (sign images in ECR instead)',
          { packageType: fn.config.packageType },
        );
      }
      if (!fn.codeSigning.ok) return v.missing(fn.codeSigning);
      const csc = fn.codeSigning.value;
      if (csc === null) {
        return v.fail('no code signing config: unsigned code can be deployed', {
          codeSigningConfigArn: null,
        });
      }
      const evidence = {
        codeSigningConfigArn: csc.arn,
        untrustedArtifactOnDeployment: csc.untrustedArtifactOnDeployment,
        allowedPublisherProfiles: csc.allowedPublisherProfiles,
      };
      if (csc.untrustedArtifactOnDeployment.toLowerCase() !== 'enforce') {
        return v.fail(
          `code signing config is set to ${csc.untrustedArtifactOnDeployment}: unsigned or untrusted code is deployed anyway (not enforced)`,
          evidence,
        );
      }
      return v.pass(
        `code signing is enforced (${csc.allowedPublisherProfiles.length} allowed signing profile(s))`,
        evidence,
      );
    }),
});
