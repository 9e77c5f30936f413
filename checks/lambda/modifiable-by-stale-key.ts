import { defineCheck } from '../../src/engine/check.js';
import { judgeWeakModifiers, STALE_KEY } from '../../src/iam/weak-modifiers.js';

export default defineCheck({
  id: 'lambda.modifiable-by-stale-key',
  title: 'Function can be modified with an access key older than 90 days',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'high',
  practice: 'BP1',
  threats: ['T1', 'T2'],
  rationale:
    'Long-lived keys leak — into repositories, CI logs, laptops — and an unrotated one has had more time to. A user ' +
    'holding an active key not rotated for 90 days is allowed to modify this function, so a leaked key is a code ' +
    'injection. Grants that need MFA do not count (an access key carries none).',
  remediation: {
    text: 'Rotate the key (create a new one, switch, deactivate and delete the old), or better, replace the user with a role assumed through IAM Identity Center or OIDC federation; remove modify permissions it does not need.',
    cli: 'aws iam create-access-key --user-name <user> && aws iam update-access-key --user-name <user> --access-key-id <old> --status Inactive',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#Using_RotateAccessKey',
    'https://docs.aws.amazon.com/lambda/latest/dg/security-iam.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.functions', 'lambda.policies', 'iam.authorization', 'iam.credential-report'],
  data: ['iam-actions'],
  evaluate: (view) => view.eachFunction((fn, v) => judgeWeakModifiers(fn, v, STALE_KEY, view)),
});
