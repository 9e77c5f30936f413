import { defineCheck } from '../../src/engine/check.js';
import { judgeWeakModifiers, NO_MFA } from '../../src/iam/weak-modifiers.js';

export default defineCheck({
  id: 'lambda.modifiable-without-mfa',
  title: 'Function can be modified by a console user without MFA',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'critical',
  practice: 'BP2',
  threats: ['T2', 'T5'],
  rationale:
    'One phished or reused password is enough to replace this function’s code or widen its permissions: an IAM user ' +
    'with a console password and no MFA device is allowed to modify it. Grants that require aws:MultiFactorAuthPresent ' +
    'are out of that user’s reach and do not count; the modifiers come from the IAM evaluator (denies, boundaries and ' +
    'resource limits applied).',
  remediation: {
    text: 'Give the user an MFA device, or remove its console password, or remove its lambda modify permissions; enforce MFA for all modify actions with a Deny on aws:MultiFactorAuthPresent.',
    cli: 'aws iam delete-login-profile --user-name <user>   # or assign MFA: aws iam enable-mfa-device …',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/security-iam.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.functions', 'lambda.policies', 'iam.authorization', 'iam.credential-report'],
  data: ['iam-actions'],
  evaluate: (view) => view.eachFunction((fn, v) => judgeWeakModifiers(fn, v, NO_MFA, view)),
});
