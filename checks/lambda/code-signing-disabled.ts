import { defineCheck, describeError, fail, pass, unknown } from '../../src/engine/check.js';
import { eachFunction } from '../../src/engine/scope.js';

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
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [] },
  evaluate: (inventory, ctx) =>
    eachFunction(inventory, ctx, (fn, ref, region) => {
      if (fn.packageType === 'Image') {
        return pass(
          ref,
          'image functions: use ECR image signing (Lambda code signing configs apply to .zip packages only)',
          {
            packageType: fn.packageType,
          },
        );
      }
      const read = fn.codeSigningConfigArn;
      if (!read.ok) {
        return unknown(
          ref,
          `the code signing config could not be read: ${describeError(read.error)}`,
          read.error,
        );
      }
      const arn = read.value;
      if (arn === null)
        return fail(ref, 'no code signing config: unsigned code can be deployed', {
          codeSigningConfigArn: null,
        });
      const configs = region.codeSigningConfigs;
      if (!configs.ok) {
        return unknown(
          ref,
          `code signing config ${arn} is attached, but whether it is enforced is unknown: ${describeError(configs.error)}`,
          configs.error,
          { codeSigningConfigArn: arn },
        );
      }
      const csc = configs.value.find((c) => c.arn === arn);
      if (!csc) {
        return unknown(
          ref,
          `code signing config ${arn} is attached but was not among the region’s code signing configs`,
          undefined,
          {
            codeSigningConfigArn: arn,
          },
        );
      }
      const evidence = {
        codeSigningConfigArn: arn,
        untrustedArtifactOnDeployment: csc.untrustedArtifactOnDeployment,
        allowedPublisherProfiles: csc.allowedPublisherProfiles,
      };
      if (csc.untrustedArtifactOnDeployment.toLowerCase() !== 'enforce') {
        return fail(
          ref,
          `code signing config is set to ${csc.untrustedArtifactOnDeployment}: unsigned or untrusted code is deployed anyway (not enforced)`,
          evidence,
        );
      }
      return pass(
        ref,
        `code signing is enforced (${csc.allowedPublisherProfiles.length} allowed signing profile(s))`,
        evidence,
      );
    }),
});
