import { testCheck } from '../../test/helpers/check-tester.js';
import { ADMIN_POLICY, attach, iamInventory, inline } from '../../test/helpers/iam-fixtures.js';
import { awsError, doc, failed, iamRole, iamUser, managedPolicy } from '../../test/helpers/inventory.js';
import check from './policy-allow-not-action.js';

const customer = (name: string, ...statements: Parameters<typeof doc>) =>
  managedPolicy({ arn: `arn:aws:iam::123456789012:policy/${name}`, document: doc(...statements) });

const powerUser = managedPolicy({
  arn: 'arn:aws:iam::aws:policy/PowerUserAccess',
  document: doc(
    { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: ['*'] },
    {
      Effect: 'Allow',
      Action: ['iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles'],
      Resource: ['*'],
    },
  ),
});
const reader = customer('reader', {
  Effect: 'Allow',
  Action: ['s3:GetObject'],
  Resource: ['arn:aws:s3:::data/*'],
});
const requireMfa = customer(
  'require-mfa',
  {
    Effect: 'Allow',
    Action: ['iam:ChangePassword', 'iam:GetUser', 'iam:EnableMFADevice'],
    Resource: ['arn:aws:iam::123456789012:user/${aws:username}'],
  },
  {
    Sid: 'DenyAllExceptListedIfNoMFA',
    Effect: 'Deny',
    NotAction: ['iam:ChangePassword', 'iam:GetUser', 'iam:EnableMFADevice', 'sts:GetSessionToken'],
    Resource: ['*'],
    Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': ['false'] } },
  },
);
const bucketOnly = customer('logs-bucket-all-but-delete', {
  Effect: 'Allow',
  NotAction: ['s3:DeleteObject', 's3:DeleteBucket'],
  Resource: ['arn:aws:s3:::logs', 'arn:aws:s3:::logs/*'],
});
const unreadable = managedPolicy({
  arn: 'arn:aws:iam::123456789012:policy/ops',
  document: failed(awsError('GetPolicyVersion', 'access-denied', 'iam', undefined)),
});

testCheck(check, [
  {
    kind: 'fail',
    name: 'PowerUserAccess attached, and an inline "everything but S3" under an undecidable condition',
    inventory: iamInventory({
      users: [
        iamUser({
          name: 'dev',
          attachedPolicies: [attach(powerUser)],
          inlinePolicies: [
            inline('all-but-s3', {
              Effect: 'Allow',
              NotAction: ['s3:*'],
              Resource: ['*'],
              Condition: { DateLessThan: { 'aws:CurrentTime': ['2027-01-01T00:00:00Z'] } },
            }),
          ],
        }),
      ],
      policies: [powerUser],
    }),
    expect: [
      { resource: 'PowerUserAccess', status: 'fail', message: 'every action except iam:*, organizations:*' },
      { resource: 'all-but-s3 (inline, user dev)', status: 'fail', message: 'aws:CurrentTime' },
    ],
  },
  {
    kind: 'pass',
    name: 'a policy with an Action list',
    inventory: iamInventory({ policies: [reader] }),
    expect: [{ resource: 'reader', status: 'pass', message: 'no Allow statement uses NotAction' }],
  },
  {
    kind: 'near-miss',
    name: 'the documented Deny+NotAction "no MFA, no access" idiom restricts, it grants nothing (a rule keyed on NotAction alone flags it)',
    inventory: iamInventory({ policies: [requireMfa] }),
    expect: [{ resource: 'require-mfa', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'Allow+NotAction on one bucket’s ARNs grants nothing on every resource',
    inventory: iamInventory({ policies: [bucketOnly] }),
    expect: [
      { resource: 'logs-bucket-all-but-delete', status: 'pass', message: 'grant no high-value action' },
    ],
  },
  {
    kind: 'unknown',
    name: 'an attached policy whose document could not be read',
    inventory: iamInventory({
      roles: [iamRole({ name: 'app', attachedPolicies: [attach(unreadable)] })],
      policies: [unreadable],
    }),
    expect: [{ resource: 'ops', status: 'unknown', message: 'could not be read' }],
  },
  {
    kind: 'not-applicable',
    name: 'AdministratorAccess ("*" on "*" is iam.policy-full-admin’s)',
    inventory: iamInventory({
      roles: [iamRole({ name: 'admin', attachedPolicies: [attach(ADMIN_POLICY)] })],
      policies: [ADMIN_POLICY],
    }),
    expect: [{ resource: 'AdministratorAccess', status: 'not_applicable' }],
  },
]);
