import type { AccountData } from '../../src/inventory/schema.js';
import { testCheck } from '../../test/helpers/check-tester.js';
import { ACCOUNT, awsError, failed, inventory, ok } from '../../test/helpers/inventory.js';
import check from './in-organization.js';

const RESOURCE = `account ${ACCOUNT}`;
const withAccount = (account: AccountData) => ({ ...inventory(), account });

testCheck(
  check,
  [
    {
      kind: 'fail',
      name: 'DescribeOrganization answered AWSOrganizationsNotInUseException',
      inventory: withAccount({ organization: ok(null) }),
      expect: [{ resource: RESOURCE, status: 'fail', message: 'no AWS Organization' }],
    },
    {
      kind: 'pass',
      name: 'a member account',
      inventory: withAccount({
        organization: ok({
          id: 'o-a1b2c3d4e5',
          arn: 'arn:aws:organizations::210987654321:organization/o-a1b2c3d4e5',
          managementAccountId: '210987654321',
          featureSet: 'ALL',
        }),
      }),
      expect: [{ resource: RESOURCE, status: 'pass', message: 'a member of organization o-a1b2c3d4e5' }],
    },
    {
      kind: 'near-miss',
      name: 'the management account itself, in a consolidated-billing-only organization, is in an organization',
      inventory: withAccount({
        organization: ok({
          id: 'o-a1b2c3d4e5',
          arn: null,
          managementAccountId: ACCOUNT,
          featureSet: 'CONSOLIDATED_BILLING',
        }),
      }),
      expect: [{ resource: RESOURCE, status: 'pass', message: 'its management account' }],
    },
    {
      kind: 'unknown',
      name: 'DescribeOrganization denied: unknown, never "not in an organization"',
      inventory: withAccount({
        organization: failed(awsError('DescribeOrganization', 'access-denied', 'organizations', undefined)),
      }),
      expect: [{ resource: RESOURCE, status: 'unknown', message: 'organizations:DescribeOrganization' }],
    },
  ],
  { neverNotApplicable: 'every account either belongs to an organization or does not' },
);
