import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsSession } from '../../src/aws/clients.js';
import { listOrganization } from '../../src/collect/organization.js';
import { awsError, testSession } from './helpers.js';

const org = mockClient(OrganizationsClient);
let session: AwsSession;

const account = (id: string, name: string, extra: Record<string, string> = {}) => ({
  Id: id,
  Name: name,
  Status: 'ACTIVE' as const,
  ...extra,
});

/**
 * Root r-root → ou-root-11111111 "Workloads" → ou-root-22222222 "Prod"; accounts in each, and
 * the root's accounts in two pages (the walk must follow NextToken).
 */
function tree() {
  org
    .on(DescribeOrganizationCommand)
    .resolves({ Organization: { Id: 'o-abcdef1234', MasterAccountId: '111111111111' } });
  org.on(ListRootsCommand).resolves({
    Roots: [
      { Id: 'r-root', Name: 'Root', PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] },
    ],
  });
  org
    .on(ListAccountsForParentCommand, { ParentId: 'r-root' })
    .resolves({ Accounts: [account('111111111111', 'management')], NextToken: 't2' })
    .on(ListAccountsForParentCommand, { ParentId: 'r-root', NextToken: 't2' })
    .resolves({ Accounts: [account('222222222222', 'sandbox', { State: 'SUSPENDED' })] })
    .on(ListAccountsForParentCommand, { ParentId: 'ou-root-11111111' })
    .resolves({ Accounts: [account('333333333333', 'shared')] })
    .on(ListAccountsForParentCommand, { ParentId: 'ou-root-22222222' })
    .resolves({ Accounts: [account('444444444444', 'payments')] });
  org
    .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'r-root' })
    .resolves({ OrganizationalUnits: [{ Id: 'ou-root-11111111', Name: 'Workloads' }] })
    .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-root-11111111' })
    .resolves({ OrganizationalUnits: [{ Id: 'ou-root-22222222', Name: 'Prod' }] })
    .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-root-22222222' })
    .resolves({ OrganizationalUnits: [] });
}

describe('listOrganization', () => {
  beforeEach(() => {
    org.reset();
    session = testSession();
  });
  afterEach(() => session.destroy());

  it('walks the tree from the root: every account with its OU path and state, by id', async () => {
    tree();
    const listing = await listOrganization(session);
    assert.equal(listing.id, 'o-abcdef1234');
    assert.equal(listing.managementAccountId, '111111111111');
    const root = { id: 'r-root', name: 'Root' };
    const workloads = { id: 'ou-root-11111111', name: 'Workloads' };
    assert.deepEqual(listing.accounts, [
      {
        id: '111111111111',
        name: 'management',
        status: 'ACTIVE',
        organizationalUnit: 'Root',
        parents: [root],
      },
      {
        id: '222222222222',
        name: 'sandbox',
        status: 'SUSPENDED',
        organizationalUnit: 'Root',
        parents: [root],
      },
      {
        id: '333333333333',
        name: 'shared',
        status: 'ACTIVE',
        organizationalUnit: 'Root/Workloads',
        parents: [root, workloads],
      },
      {
        id: '444444444444',
        name: 'payments',
        status: 'ACTIVE',
        organizationalUnit: 'Root/Workloads/Prod',
        parents: [root, workloads, { id: 'ou-root-22222222', name: 'Prod' }],
      },
    ]);
    assert.equal(listing.serviceControlPolicies, true);
  });

  it('--ou keeps the named OU and every OU under it, with their full paths', async () => {
    tree();
    const listing = await listOrganization(session, { organizationalUnits: ['ou-root-11111111'] });
    assert.deepEqual(
      listing.accounts.map((a) => [a.id, a.organizationalUnit]),
      [
        ['333333333333', 'Root/Workloads'],
        ['444444444444', 'Root/Workloads/Prod'],
      ],
    );
  });

  it('an --ou the organization does not hold is a usage error naming it', async () => {
    tree();
    await assert.rejects(
      listOrganization(session, { organizationalUnits: ['ou-root-99999999'] }),
      (e: Error) => {
        assert.equal((e as { kind?: string }).kind, 'usage');
        assert.match(
          e.message,
          /ou-root-99999999 is not an organizational unit of organization o-abcdef1234/,
        );
        return true;
      },
    );
  });

  it('a member account (denied) fails the listing with what to do, never a partial list', async () => {
    tree();
    org
      .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-root-11111111' })
      .rejects(awsError('AccessDeniedException', 400, "You don't have permissions to access this resource."));
    await assert.rejects(listOrganization(session), (e: Error) => {
      assert.equal(e.name, 'CollectError');
      assert.equal((e as { kind?: string }).kind, 'credentials');
      assert.match(e.message, /ListOrganizationalUnitsForParent failed \(AccessDeniedException\)/);
      assert.match(e.message, /management account or a delegated administrator/);
      return true;
    });
  });

  it('an account in no organization is told so', async () => {
    org.on(DescribeOrganizationCommand).rejects(awsError('AWSOrganizationsNotInUseException', 400));
    await assert.rejects(listOrganization(session), (e: Error) => {
      assert.match(e.message, /in no organization/);
      assert.equal((e as { kind?: string }).kind, 'usage', '--org cannot apply: not a retry');
      return true;
    });
  });
});
