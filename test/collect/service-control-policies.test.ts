import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  DescribePolicyCommand,
  ListPoliciesCommand,
  ListTargetsForPolicyCommand,
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

/** FullAWSAccess on the root, the OU and both members (as AWS attaches it); deny-leave on the OU. */
function attach() {
  org.on(ListPoliciesCommand, { Filter: 'SERVICE_CONTROL_POLICY' }).resolves({
    Policies: [
      { Id: 'p-FullAWSAccess', Name: 'FullAWSAccess', AwsManaged: true },
      { Id: 'p-denyleave', Name: 'deny-leave', AwsManaged: false },
    ],
  });
  org
    .on(ListTargetsForPolicyCommand, { PolicyId: 'p-FullAWSAccess' })
    .resolves({
      Targets: [{ TargetId: 'r-root' }, { TargetId: 'ou-root-11111111' }, { TargetId: '222222222222' }],
      NextToken: 'more',
    })
    .on(ListTargetsForPolicyCommand, { PolicyId: 'p-FullAWSAccess', NextToken: 'more' })
    .resolves({ Targets: [{ TargetId: '333333333333' }] })
    .on(ListTargetsForPolicyCommand, { PolicyId: 'p-denyleave' })
    .resolves({ Targets: [{ TargetId: 'ou-root-11111111' }] });
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

  it('gives each account one level per node from the root, read policy by policy once for the organization', async () => {
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
    assert.ok(b.ok && b.value.applies, 'the second page of targets is followed');
    assert.deepEqual(
      b.value.levels.at(-1)?.policies.map((p) => p.name),
      ['FullAWSAccess'],
    );
    // 1 + 2 calls per policy (one more page of targets), whatever the number of accounts
    assert.equal(org.commandCalls(ListPoliciesCommand).length, 1);
    assert.equal(org.commandCalls(ListTargetsForPolicyCommand).length, 3);
    assert.equal(org.commandCalls(DescribePolicyCommand).length, 2);
  });

  it('an account nothing is attached to has an empty level, which AWS reads as deny-all', async () => {
    attach();
    const read = serviceControlPolicyReader(session, listing);
    const lone = await read(member('444444444444'));
    assert.ok(lone.ok && lone.value.applies);
    assert.deepEqual(lone.value.levels.at(-1)?.policies, []);
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
    assert.equal(org.commandCalls(ListPoliciesCommand).length, 0);
  });

  it('a denied read is a failed read of the account, not an empty guardrail', async () => {
    attach();
    org
      .on(ListTargetsForPolicyCommand, { PolicyId: 'p-denyleave' })
      .rejects(awsError('AccessDeniedException', 400));
    const result = await serviceControlPolicyReader(session, listing)(member('222222222222'));
    assert.ok(!result.ok);
    assert.equal(result.error.operation, 'ListTargetsForPolicy');
  });

  it('an SCP that does not parse makes the SCPs unknown (it could be an allow-list), named', async () => {
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
