import { testCheck } from '../../test/helpers/check-tester.js';
import { ADMIN_POLICY, attach, iamInventory, inline } from '../../test/helpers/iam-fixtures.js';
import { awsError, doc, failed, iamRole, managedPolicy } from '../../test/helpers/inventory.js';
import check from './policy-service-wildcard.js';

const customer = (name: string, ...statements: Parameters<typeof doc>) =>
  managedPolicy({ arn: `arn:aws:iam::123456789012:policy/${name}`, document: doc(...statements) });

const keys = customer('kms-and-secrets-admin', {
  Sid: 'KeysAndSecrets',
  Effect: 'Allow',
  Action: ['kms:*', 'secretsmanager:*'],
  Resource: ['*'],
});
const iamFull = managedPolicy({
  arn: 'arn:aws:iam::aws:policy/IAMFullAccess',
  document: doc({
    Effect: 'Allow',
    Action: ['iam:*', 'organizations:DescribeOrganization'],
    Resource: ['*'],
  }),
});
const describe = customer('ec2-describe', { Effect: 'Allow', Action: ['ec2:Describe*'], Resource: ['*'] });
const bucket = customer('reports-bucket', {
  Effect: 'Allow',
  Action: ['s3:*'],
  Resource: ['arn:aws:s3:::reports', 'arn:aws:s3:::reports/*'],
});
const readIam = customer('iam-read', { Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: ['*'] });
const lambdaNoDelete = customer(
  'lambda-all-but-delete',
  { Effect: 'Allow', Action: ['lambda:*'], Resource: ['*'] },
  { Effect: 'Deny', Action: ['lambda:DeleteFunction'], Resource: ['*'] },
);
const unreadable = managedPolicy({
  arn: 'arn:aws:iam::123456789012:policy/ops',
  document: failed(awsError('GetPolicyVersion', 'access-denied', 'iam', undefined)),
});

testCheck(check, [
  {
    kind: 'fail',
    name: 'kms:* and secretsmanager:* on "*", IAMFullAccess attached, and an inline sts:* under an undecidable condition',
    inventory: iamInventory({
      roles: [
        iamRole({
          name: 'ops',
          attachedPolicies: [attach(iamFull)],
          inlinePolicies: [
            inline('assume', {
              Effect: 'Allow',
              Action: ['STS:*'],
              Resource: ['*'],
              Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
            }),
          ],
        }),
      ],
      policies: [keys, iamFull],
    }),
    expect: [
      { resource: 'kms-and-secrets-admin', status: 'fail', message: 'kms, secretsmanager' },
      { resource: 'IAMFullAccess', status: 'fail', message: 'every action of iam' },
      { resource: 'assume (inline, role ops)', status: 'fail', message: 'aws:SourceIp' },
    ],
  },
  {
    kind: 'pass',
    name: 'a prefix wildcard for a family of read actions ("ec2:Describe*"), which IAM.21 also accepts',
    inventory: iamInventory({ policies: [describe] }),
    expect: [{ resource: 'ec2-describe', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 's3:* on one bucket’s ARNs is not full S3 access (Security Hub IAM.21 / AWS Config iam-policy-no-statements-with-full-access fail any "service:*", whatever the resource)',
    inventory: iamInventory({ policies: [bucket] }),
    expect: [{ resource: 'reports-bucket', status: 'pass', message: 's3 (' }],
  },
  {
    kind: 'near-miss',
    name: 'iam:Get* and iam:List* on "*" (a match on "iam:" followed by "*" flags it)',
    inventory: iamInventory({ policies: [readIam] }),
    expect: [{ resource: 'iam-read', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'lambda:* on "*" with an explicit Deny of lambda:DeleteFunction is not every Lambda action',
    inventory: iamInventory({ policies: [lambdaNoDelete] }),
    expect: [
      {
        resource: 'lambda-all-but-delete',
        status: 'pass',
        message: 'lambda (lambda:DeleteFunction is denied',
      },
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
    name: 'AdministratorAccess ("*" on "*" is iam.policy-full-admin’s), and a policy used only as a boundary',
    inventory: iamInventory({
      roles: [
        iamRole({ name: 'admin', attachedPolicies: [attach(ADMIN_POLICY)] }),
        iamRole({ name: 'capped', permissionsBoundaryArn: keys.arn }),
      ],
      policies: [ADMIN_POLICY, keys],
    }),
    expect: [
      { resource: 'AdministratorAccess', status: 'not_applicable', message: 'iam.policy-full-admin' },
      { resource: 'kms-and-secrets-admin', status: 'not_applicable', message: 'permissions boundary' },
    ],
  },
]);
