import type { AuthorizationDetails, Inventory } from '../../src/inventory/schema.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import {
  ACCOUNT,
  authorization,
  awsError,
  failed,
  iamData,
  iamGroup,
  iamRole,
  iamUser,
  inventory,
  managedPolicy,
} from '../../test/helpers/inventory.js';
import check from './support-role.js';

const SUPPORT = { name: 'AWSSupportAccess', arn: 'arn:aws:iam::aws:policy/AWSSupportAccess' };
const supportPolicy = (attachmentCount: number) =>
  managedPolicy({
    arn: SUPPORT.arn,
    attachmentCount,
    document: failed(awsError('GetPolicyVersion', 'throttled', 'iam', undefined)),
  });
const withAuth = (over: Partial<AuthorizationDetails>) =>
  inventory({ iam: { status: 'ok', data: iamData({ authorization: authorization(over) }) } });
const ACCOUNT_NAME = `account ${ACCOUNT}`;
const GOV_SUPPORT_ARN = 'arn:aws-us-gov:iam::aws:policy/AWSSupportAccess';
const govCloud = (inv: Inventory): Inventory => ({ ...inv, scan: { ...inv.scan, partition: 'aws-us-gov' } });

testCheck(
  check,
  [
    {
      kind: 'fail',
      name: 'nothing attaches AWSSupportAccess (absent from the details)',
      inventory: withAuth({ roles: [iamRole({ name: 'app' })] }),
      expect: [{ resource: ACCOUNT_NAME, status: 'fail', message: 'no IAM role, user or group' }],
    },
    {
      kind: 'fail',
      name: 'attached to a group and a user but to no role (CIS audit: PolicyRoles must not be empty)',
      inventory: withAuth({
        groups: [iamGroup({ name: 'developers', attachedPolicies: [SUPPORT] })],
        users: [iamUser({ name: 'ops', attachedPolicies: [SUPPORT] })],
        policies: [supportPolicy(2)],
      }),
      expect: [{ resource: ACCOUNT_NAME, status: 'fail', message: 'only to user ops, group developers' }],
    },
    {
      kind: 'fail',
      name: 'a customer-managed policy named AWSSupportAccess is not the AWS-managed one',
      inventory: withAuth({
        roles: [
          iamRole({
            name: 'support',
            attachedPolicies: [
              { name: 'AWSSupportAccess', arn: `arn:aws:iam::${ACCOUNT}:policy/AWSSupportAccess` },
            ],
          }),
        ],
      }),
      expect: [{ resource: ACCOUNT_NAME, status: 'fail' }],
    },
    {
      kind: 'pass',
      name: 'a support role has it',
      inventory: withAuth({
        roles: [iamRole({ name: 'aws-support', attachedPolicies: [SUPPORT] })],
        policies: [supportPolicy(1)],
      }),
      expect: [{ resource: ACCOUNT_NAME, status: 'pass', message: 'the role aws-support' }],
    },
    {
      kind: 'near-miss',
      name: 'one account-level answer: the roles without the policy are not each a failure (trivy-checks AVD-AWS-0169 denies every such role)',
      inventory: withAuth({
        roles: [
          iamRole({ name: 'app-1' }),
          iamRole({ name: 'app-2' }),
          iamRole({ name: 'incident-response', path: '/responders/', attachedPolicies: [SUPPORT] }),
        ],
        policies: [supportPolicy(1)],
      }),
      expect: [{ resource: ACCOUNT_NAME, status: 'pass', message: 'incident-response' }],
    },
    {
      kind: 'near-miss',
      name: 'in GovCloud the policy’s ARN is arn:aws-us-gov:…, and a role attaching it is a support role',
      inventory: govCloud(
        withAuth({
          roles: [
            iamRole({
              name: 'aws-support',
              arn: `arn:aws-us-gov:iam::${ACCOUNT}:role/aws-support`,
              attachedPolicies: [{ name: 'AWSSupportAccess', arn: GOV_SUPPORT_ARN }],
            }),
          ],
          policies: [{ ...supportPolicy(1), arn: GOV_SUPPORT_ARN }],
        }),
      ),
      expect: [{ resource: ACCOUNT_NAME, status: 'pass', message: 'aws-support' }],
    },
    {
      kind: 'unknown',
      name: 'the authorization details were throttled out',
      inventory: inventory({
        iam: {
          status: 'ok',
          data: iamData({
            authorization: failed(awsError('GetAccountAuthorizationDetails', 'throttled', 'iam', undefined)),
          }),
        },
      }),
      expect: [{ resource: ACCOUNT_NAME, status: 'unknown', message: 'throttled' }],
    },
    {
      kind: 'unknown',
      name: 'AWS counts more attachments than the details show, none of them a role',
      inventory: withAuth({
        users: [iamUser({ name: 'ops', attachedPolicies: [SUPPORT] })],
        policies: [supportPolicy(3)],
      }),
      expect: [{ resource: ACCOUNT_NAME, status: 'unknown', message: 'AWS reports 3 attachments' }],
    },
  ],
  { neverNotApplicable: 'every account needs a way to reach AWS Support during an incident' },
);
