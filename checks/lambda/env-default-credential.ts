import { defineCheck } from '../../src/engine/check.js';

export default defineCheck({
  id: 'lambda.env-default-credential',
  title: 'Function environment variables hold a well-known default password',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'high',
  practice: 'BP7',
  threats: ['T1', 'T4'],
  rationale:
    'A password-like variable set to a vendor default or a top breached password (changeme, admin, 123456, …) ' +
    'means the database, broker or admin console the function talks to most likely accepts that password too: ' +
    'it is the first one an attacker tries, no leak needed. It is a different problem from a leaked secret — ' +
    'the fix is to set a real credential, not only to move it — so it is its own finding.',
  remediation: {
    text: 'Set a strong, generated password on the target system, store it in AWS Secrets Manager (with rotation), and read it at run time; keep only its name or ARN in the environment.',
    cli: 'aws secretsmanager create-secret --name <name> --generate-secret-string',
  },
  references: [
    'https://owasp.org/www-project-top-ten/2017/A2_2017-Broken_Authentication',
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.environment'],
  // Classified at collection time (src/collect/env-vars.ts): names and fingerprints only, never values.
  evaluate: (view) =>
    view.eachFunction((fn, v) => {
      if (!fn.environment.ok) return v.missing(fn.environment);
      const env = fn.environment.value;
      if (env.length === 0) return v.notApplicable('the function has no environment variables');
      const weak = env.flatMap((e) =>
        e.defaultCredential ? [{ name: e.name, fingerprint: e.defaultCredential.fingerprint }] : [],
      );
      if (weak.length === 0)
        return v.pass(
          `none of the ${env.length} environment variable(s) holds a well-known default password`,
        );
      return v.fail(
        `${weak.length} password variable(s) hold a well-known default password: ${weak.map((w) => w.name).join(', ')}`,
        { variables: weak },
      );
    }),
});
