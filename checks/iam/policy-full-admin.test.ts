import { testCheck } from '../../test/helpers/check-tester.js';
import { ADMIN_POLICY, attach, iamInventory, inline } from '../../test/helpers/iam-fixtures.js';
import { awsError, doc, failed, iamRole, iamUser, managedPolicy } from '../../test/helpers/inventory.js';
import check from './policy-full-admin.js';

const customer = (name: string, ...statements: Parameters<typeof doc>) =>
  managedPolicy({ arn: `arn:aws:iam::123456789012:policy/${name}`, document: doc(...statements) });
const everything = { Effect: 'Allow' as const, Action: ['*'], Resource: ['*'] };

const legacy = customer('legacy-full-access', { Sid: 'Everything', ...everything });
const dormant = customer('break-glass-unused', everything);
const guarded = customer('admin-except-iam', everything, {
  Effect: 'Deny',
  Action: ['iam:*', 'organizations:*'],
  Resource: ['*'],
});
const regional = customer('admin-in-eu-only', everything, {
  Effect: 'Deny',
  Action: ['*'],
  Resource: ['*'],
  Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
});
const bucketOnly = customer('bucket-everything', {
  Effect: 'Allow',
  Action: ['*'],
  Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'],
});
const otherAccount = customer('never-true', {
  ...everything,
  Condition: { StringEquals: { 'aws:PrincipalAccount': ['000000000000'] } },
});
const boundary = customer('admin-boundary', everything);
const slrPolicy = managedPolicy({
  arn: 'arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy',
  document: doc(everything),
});
const reader = customer('reader', {
  Effect: 'Allow',
  Action: ['s3:GetObject'],
  Resource: ['arn:aws:s3:::data/*'],
});
const unreadable = managedPolicy({
  arn: 'arn:aws:iam::123456789012:policy/ops',
  document: failed(awsError('GetPolicyVersion', 'access-denied', 'iam', undefined)),
});

testCheck(check, [
  {
    kind: 'fail',
    name: 'a customer-managed "*" on "*" attached to a role, and AdministratorAccess attached to another',
    inventory: iamInventory({
      roles: [
        iamRole({ name: 'migration', attachedPolicies: [attach(legacy)] }),
        iamRole({ name: 'OrganizationAccountAccessRole', attachedPolicies: [attach(ADMIN_POLICY)] }),
      ],
      policies: [legacy, ADMIN_POLICY],
    }),
    expect: [
      { resource: 'legacy-full-access', status: 'fail', message: 'statement "Everything"' },
      { resource: 'AdministratorAccess', status: 'fail', message: 'role OrganizationAccountAccessRole' },
    ],
  },
  {
    kind: 'fail',
    name: 'an unattached customer-managed "*:*" policy is one attach away (IAM.1 judges it too)',
    inventory: iamInventory({ policies: [dormant] }),
    expect: [{ resource: 'break-glass-unused', status: 'fail', message: 'attached to no principal' }],
  },
  {
    kind: 'fail',
    name: 'an inline "*" on "*" conditioned on the source network is still administrator access from there',
    inventory: iamInventory({
      users: [
        iamUser({
          name: 'ops',
          inlinePolicies: [
            inline('office-admin', {
              ...everything,
              Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
            }),
          ],
        }),
      ],
    }),
    expect: [{ resource: 'office-admin (inline, user ops)', status: 'fail', message: 'aws:SourceIp' }],
  },
  {
    kind: 'fail',
    name: 'a Deny of everything outside one region leaves "*:*" in that region',
    inventory: iamInventory({ policies: [regional] }),
    expect: [{ resource: 'admin-in-eu-only', status: 'fail', message: 'aws:RequestedRegion' }],
  },
  {
    kind: 'fail',
    name: 'Allow with a NotAction that names no real action grants everything (Prowler’s administrator checks missed it until prowler-cloud/prowler#5035)',
    inventory: iamInventory({
      policies: [
        customer('typo-not-action', { Effect: 'Allow', NotAction: ['prowler:action'], Resource: ['*'] }),
      ],
    }),
    expect: [{ resource: 'typo-not-action', status: 'fail', message: 'every action on every resource' }],
  },
  {
    kind: 'fail',
    name: 'Allow "*" with NotResource of one bucket is "*" on every other resource',
    inventory: iamInventory({
      policies: [
        customer('all-but-audit-bucket', {
          Effect: 'Allow',
          Action: ['*'],
          NotResource: ['arn:aws:s3:::audit-logs', 'arn:aws:s3:::audit-logs/*'],
        }),
      ],
    }),
    expect: [{ resource: 'all-but-audit-bucket', status: 'fail' }],
  },
  {
    kind: 'pass',
    name: 'a policy that reads one bucket',
    inventory: iamInventory({
      roles: [iamRole({ name: 'app', attachedPolicies: [attach(reader)] })],
      policies: [reader],
    }),
    expect: [{ resource: 'reader', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'Allow "*" on "*" with an explicit Deny of iam:* and organizations:* is not "*:*" (AWS Config’s iam-policy-no-statements-with-admin-access, behind IAM.1, flags any such Allow statement)',
    inventory: iamInventory({
      roles: [iamRole({ name: 'ops', attachedPolicies: [attach(guarded)] })],
      policies: [guarded],
    }),
    expect: [{ resource: 'admin-except-iam', status: 'pass', message: 'explicitly denies' }],
  },
  {
    kind: 'near-miss',
    name: 'Action "*" on one bucket’s ARNs is not "*" on "*" (a match on Action alone flags it)',
    inventory: iamInventory({ policies: [bucketOnly] }),
    expect: [{ resource: 'bucket-everything', status: 'pass', message: 'do not apply' }],
  },
  {
    kind: 'near-miss',
    name: '"*" on "*" only for principals of another account, which a policy of this account never has',
    inventory: iamInventory({ policies: [otherAccount] }),
    expect: [{ resource: 'never-true', status: 'pass' }],
  },
  {
    kind: 'unknown',
    name: 'an attached policy whose document could not be read, and an inline policy that could not be parsed',
    inventory: iamInventory({
      roles: [
        iamRole({
          name: 'ops',
          attachedPolicies: [attach(unreadable)],
          inlinePolicies: [{ name: 'broken', policy: { parsed: false, reason: 'not JSON' } }],
        }),
      ],
      policies: [unreadable],
    }),
    expect: [
      { resource: 'ops', status: 'unknown', message: 'could not be read' },
      { resource: 'broken (inline, role ops)', status: 'unknown', message: 'could not be parsed' },
    ],
  },
  {
    kind: 'not-applicable',
    name: 'a "*:*" policy used only as a permissions boundary, the inline policy of a service-linked role, and an AWS-managed policy attached only to one',
    inventory: iamInventory({
      roles: [
        iamRole({ name: 'capped', permissionsBoundaryArn: boundary.arn }),
        iamRole({
          name: 'AWSServiceRoleForSupport',
          path: '/aws-service-role/support.amazonaws.com/',
          inlinePolicies: [inline('support', everything)],
          attachedPolicies: [attach(slrPolicy)],
        }),
      ],
      policies: [boundary, slrPolicy],
    }),
    expect: [
      { resource: 'admin-boundary', status: 'not_applicable', message: 'permissions boundary' },
      { resource: 'support (inline, role AWSServiceRoleForSupport)', status: 'not_applicable' },
      { resource: 'AWSSupportServiceRolePolicy', status: 'not_applicable', message: 'service-linked' },
    ],
  },
  {
    kind: 'not-applicable',
    name: 'an account without policies',
    inventory: iamInventory({}),
    expect: [{ resource: 'account 123456789012', status: 'not_applicable' }],
  },
]);
