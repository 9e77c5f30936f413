import { defineCheck } from '../../src/engine/check.js';

export default defineCheck({
  id: 'lambda.env-secrets-default-key',
  title: 'Secret-looking environment variables are encrypted only with the AWS managed key',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'medium',
  practice: 'BP7',
  threats: ['T1', 'T4'],
  rationale:
    'Without a customer managed key (KMSKeyArn), Lambda encrypts environment variables with the AWS ' +
    'managed key aws/lambda, whose key policy no one can narrow: anyone allowed ' +
    'lambda:GetFunctionConfiguration reads the values in clear, with no key permission of their own. ' +
    'With a customer managed key, viewing them also takes kms:Decrypt on that key, which its key policy ' +
    'can confine. Judged only where lambda.env-secrets detected a secret: a function ' +
    'without one has nothing for the key to protect (not applicable, so it cannot raise the score).',
  remediation: {
    text: 'First move the secret out of the environment (see lambda.env-secrets). Until then, encrypt the variables with a customer managed KMS key whose policy grants kms:Decrypt only to the execution role and the people who must read them.',
    cli: 'aws lambda update-function-configuration --function-name <name> --kms-key-arn arn:aws:kms:<region>:<account>:key/<key-id>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html',
    'https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.environment'],
  // The secrets are those the collector classified (names, detectors, fingerprints: never values).
  evaluate: (view) =>
    view.eachFunction((fn, v) => {
      if (!fn.environment.ok) return v.missing(fn.environment);
      const env = fn.environment.value;
      if (env.length === 0) return v.notApplicable('the function has no environment variables');
      const secrets = env.flatMap((e) => (e.secret ? [e.name] : []));
      if (secrets.length === 0) {
        return v.notApplicable(
          `none of the ${env.length} environment variable(s) looks like a secret: no secret for a key to protect`,
        );
      }
      const kmsKeyArn = fn.config.kmsKeyArn;
      const evidence = { variables: secrets, kmsKeyArn };
      if (kmsKeyArn === null) {
        return v.fail(
          `${secrets.length} secret-looking variable(s) (${secrets.join(', ')}) are encrypted only with the AWS managed key aws/lambda: whoever may read the function's configuration reads them`,
          evidence,
        );
      }
      return v.pass(
        `${secrets.length} secret-looking variable(s) (${secrets.join(', ')}) are encrypted with the customer managed key ${kmsKeyArn}: reading them also takes kms:Decrypt on it (lambda.env-secrets still reports the secrets themselves)`,
        evidence,
      );
    }),
});
