import type { AuthorizationDetails } from '../../src/inventory/schema.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import {
  ACCOUNT,
  authorization,
  iamData,
  iamGroup,
  iamUser,
  inventory,
} from '../../test/helpers/inventory.js';
import check from './user-no-group.js';

const withAuth = (over: Partial<AuthorizationDetails>) =>
  inventory({ iam: { status: 'ok', data: iamData({ authorization: authorization(over) }) } });

testCheck(check, [
  {
    kind: 'fail',
    name: 'a user in no group with a policy attached directly',
    inventory: withAuth({
      users: [
        iamUser({
          name: 'ci-deploy',
          attachedPolicies: [{ name: 'deploy', arn: `arn:aws:iam::${ACCOUNT}:policy/deploy` }],
        }),
      ],
    }),
    expect: [{ resource: 'ci-deploy', status: 'fail', message: '1 policy attached directly' }],
  },
  {
    kind: 'fail',
    name: 'a leftover user with no group and no policy',
    inventory: withAuth({ users: [iamUser({ name: 'former-contractor' })] }),
    expect: [{ resource: 'former-contractor', status: 'fail', message: 'no policy of its own' }],
  },
  {
    kind: 'pass',
    name: 'a user in two groups',
    inventory: withAuth({
      users: [iamUser({ name: 'erin', groups: ['developers', 'oncall'] })],
      groups: [iamGroup({ name: 'developers' }), iamGroup({ name: 'oncall' })],
    }),
    expect: [{ resource: 'erin', status: 'pass', message: '2 groups (developers, oncall)' }],
  },
  {
    kind: 'near-miss',
    name: 'a member of a group that grants nothing is still a member (what the group grants is not this check’s)',
    inventory: withAuth({
      users: [iamUser({ name: 'frank', groups: ['break-glass'] })],
      groups: [iamGroup({ name: 'break-glass' })],
    }),
    expect: [{ resource: 'frank', status: 'pass' }],
  },
  {
    kind: 'not-applicable',
    name: 'an account without IAM users',
    inventory: withAuth({}),
    expect: [{ resource: `account ${ACCOUNT}`, status: 'not_applicable', message: 'no IAM users' }],
  },
  {
    kind: 'unknown',
    name: 'the authorization details were not collected',
    inventory: inventory({
      iam: { status: 'ok', data: iamData({ authorization: undefined }) },
    }),
    expect: [{ resource: `account ${ACCOUNT}`, status: 'unknown', message: 'not collected' }],
  },
]);
