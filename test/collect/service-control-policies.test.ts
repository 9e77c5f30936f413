import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  DescribePolicyCommand,
  ListPoliciesForTargetCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsSession } from '../../src/aws/clients.js';
import type { OrganizationAccount } from '../../src/collect/organization.js';
import { serviceControlPolicyReader } from '../../src/collect/service-control-policies.js';
import { awsError, testSession } from './helpers.js';

const org = mockClient(OrganizationsClient);
let session: AwsSession;

const FULL = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});
const DENY_LEAVE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
});
const listing = { managementAccountId: '111111111111', serviceControlPolicies: true };
const member = (id: string): OrganizationAccount => ({
  id,
  name: `acct-${id}`,
  status: 'ACTIVE',
  organizationalUnit: 'Root/Workloads',
  parents: [
    { id: 'r-root', name: 'Root' },
    { id: 'ou-root-11111111', name: 'Workloads' },
  ],
});

function attach() {
  const full = { Id: 'p-FullAWSAccess', Name: 'FullAWSAccess', AwsManaged: true };
  // The catch-all first: aws-sdk-client-mock lets a later, more specific matcher win.
  org
    .on(ListPoliciesForTargetCommand)
    .resolves({ Policies: [full] })
    .on(ListPoliciesForTargetCommand, { TargetId: 'ou-root-11111111' })
    .resolves({ Policies: [full, { Id: 'p-denyleave', Name: 'deny-leave', AwsManaged: false }] });
  org
    .on(DescribePolicyCommand, { PolicyId: 'p-FullAWSAccess' })
    .resolves({ Policy: { Content: FULL } })
    .on(DescribePolicyCommand, { PolicyId: 'p-denyleave' })
    .resolves({ Policy: { Content: DENY_LEAVE } });
}

describe('serviceControlPolicyReader', () => {
  beforeEach(() => {
    org.reset();
    session = testSession();
  });
  afterEach(() => session.destroy());

  it('reads one level per node from the root to the account, each policy once for the organization', async () => {
    attach();
    const read = serviceControlPolicyReader(session, listing);
    const [a, b] = await Promise.all([read(member('222222222222')), read(member('333333333333'))]);
    assert.ok(a.ok && a.value.applies);
    assert.deepEqual(
      a.value.levels.map((l) => [l.targetId, l.policies.map((p) => p.name)]),
      [
        ['r-root', ['FullAWSAccess']],
        ['ou-root-11111111', ['FullAWSAccess', 'deny-leave']],
        ['222222222222', ['FullAWSAccess']],
      ],
    );
    assert.ok(b.ok && b.value.applies);
    // root and OU shared by both accounts, plus each account's own level
    assert.equal(org.commandCalls(ListPoliciesForTargetCommand).length, 4);
    assert.equal(org.commandCalls(DescribePolicyCommand).length, 2);
  });

  it('the management account and an organization without SCPs enabled are not bounded, read nothing', async () => {
    attach();
    const read = serviceControlPolicyReader(session, listing);
    assert.deepEqual(await read(member('111111111111')), {
      ok: true,
      value: { applies: false, reason: 'management-account' },
    });
    const off = serviceControlPolicyReader(session, { ...listing, serviceControlPolicies: false });
    assert.deepEqual(await off(member('222222222222')), {
      ok: true,
      value: { applies: false, reason: 'not-enabled' },
    });
    assert.equal(org.commandCalls(ListPoliciesForTargetCommand).length, 0);
  });

  it('a denied read is a failed read of the account, not an empty guardrail', async () => {
    attach();
    org
      .on(ListPoliciesForTargetCommand, { TargetId: 'ou-root-11111111' })
      .rejects(awsError('AccessDeniedException', 400));
    const result = await serviceControlPolicyReader(session, listing)(member('222222222222'));
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.error.operation === 'ListPoliciesForTarget');
  });

  it('an SCP that does not parse makes the account’s SCPs unknown (it could be an allow-list), named', async () => {
    attach();
    org
      .on(DescribePolicyCommand, { PolicyId: 'p-denyleave' })
      .resolves({ Policy: { Content: '{"Statement": ' } });
    const result = await serviceControlPolicyReader(session, listing)(member('222222222222'));
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'UnparsableServiceControlPolicy');
    assert.match(result.error.message, /deny-leave \(p-denyleave\)/);
  });
});
