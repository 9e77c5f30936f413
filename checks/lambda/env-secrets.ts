import { defineCheck } from '../../src/engine/check.js';

export default defineCheck({
  id: 'lambda.env-secrets',
  title: 'Function environment variables hold secret-looking values',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'high',
  practice: 'BP7',
  threats: ['T1', 'T4'],
  rationale:
    'Environment variables are returned in plain text by GetFunction and GetFunctionConfiguration to anyone ' +
    'allowed to read the function, appear in console screens, IaC templates and deployment logs, and are ' +
    'read by any code injected into the function. KMS encryption at rest does not change that. Access keys ' +
    'and tokens kept there are long-lived credentials waiting to be copied.',
  remediation: {
    text: 'Move the value to AWS Secrets Manager or SSM Parameter Store (SecureString), read it at run time (e.g. with the Parameters and Secrets Lambda extension), keep only its name or ARN in the environment, and rotate the exposed credential.',
    cli: 'aws secretsmanager create-secret --name <name> --secret-string file://secret.json',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html',
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.environment'],
  // Values never reach the inventory: each variable was classified at collection time, and this
  // check trusts that classification. Names, detectors and fingerprints only, never values.
  evaluate: (view) =>
    view.eachFunction((fn, v) => {
      if (!fn.environment.ok) return v.missing(fn.environment);
      const env = fn.environment.value;
      if (env.length === 0) return v.notApplicable('the function has no environment variables');
      const secrets = env.flatMap((e) => (e.secret ? [{ name: e.name, ...e.secret }] : []));
      // Recognised as not a credential although the name sounds secret: said in the evidence.
      const clean = env.flatMap((e) => (e.clean ? [{ name: e.name, ...e.clean }] : []));
      if (secrets.length === 0) {
        const cleanText =
          clean.length === 0
            ? ''
            : `; ${clean.map((c) => `${c.name} is ${c.detail} (${c.reason})`).join(', ')}`;
        const message = `none of the ${env.length} environment variable(s) looks like a secret${cleanText}`;
        return clean.length === 0 ? v.pass(message) : v.pass(message, { clean });
      }
      // "STRIPE_KEY: a Stripe live secret key (value-match)" when the value said so; the detector otherwise.
      const listed = secrets
        .map((s) => `${s.name} (${s.kind ? `${s.kind}, ${s.confidence ?? 'value-match'}` : s.detector})`)
        .join(', ');
      const kmsKeyArn = fn.config.kmsKeyArn;
      const encrypted = kmsKeyArn
        ? '; the customer-managed KMS key encrypts them at rest, but anyone allowed GetFunctionConfiguration still reads them in clear'
        : '';
      return v.fail(`${secrets.length} environment variable(s) look like secrets: ${listed}${encrypted}`, {
        variables: secrets.map((s) => ({
          name: s.name,
          detector: s.detector,
          fingerprint: s.fingerprint,
          ...(s.confidence ? { confidence: s.confidence } : {}),
          ...(s.provider ? { provider: s.provider } : {}),
          ...(s.kind ? { kind: s.kind } : {}),
        })),
        kmsKeyArn,
        ...(clean.length > 0 ? { clean } : {}),
      });
    }),
});
