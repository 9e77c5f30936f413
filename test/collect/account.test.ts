import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { AccountClient, GetAlternateContactCommand } from '@aws-sdk/client-account';
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsSession } from '../../src/aws/clients.js';
import { collectAccount } from '../../src/collect/account.js';
import { ReadPlan } from '../../src/inventory/reads.js';
import { AccountData } from '../../src/inventory/schema.js';
import { awsError, testSession } from './helpers.js';

const accountMock = mockClient(AccountClient);
const orgMock = mockClient(OrganizationsClient);
let session: AwsSession;

async function collect(plan = ReadPlan.all()) {
  return AccountData.parse(await collectAccount(session, plan));
}

describe('collectAccount', () => {
  beforeEach(() => {
    accountMock.reset();
    orgMock.reset();
    session = testSession();
  });
  afterEach(() => session.destroy());

  it('reads the SECURITY contact (never the phone number) and the organization', async () => {
    accountMock.on(GetAlternateContactCommand, { AlternateContactType: 'SECURITY' }).resolves({
      AlternateContact: {
        AlternateContactType: 'SECURITY',
        Name: 'Security team',
        Title: 'Security',
        EmailAddress: 'security@example.com',
        PhoneNumber: '+1-555-0100',
      },
    });
    orgMock.on(DescribeOrganizationCommand).resolves({
      Organization: { Id: 'o-abc', Arn: 'arn:org', MasterAccountId: '210987654321', FeatureSet: 'ALL' },
    });
    const data = await collect();
    assert.deepEqual(data, {
      securityContact: {
        ok: true,
        value: { name: 'Security team', title: 'Security', emailAddress: 'security@example.com' },
      },
      organization: {
        ok: true,
        value: { id: 'o-abc', arn: 'arn:org', managementAccountId: '210987654321', featureSet: 'ALL' },
      },
    });
    assert.ok(!JSON.stringify(data).includes('555'), 'the phone number is not kept');
  });

  it('reads "none" answers as confirmed none: ResourceNotFoundException and AWSOrganizationsNotInUseException', async () => {
    accountMock.on(GetAlternateContactCommand).rejects(awsError('ResourceNotFoundException', 404));
    orgMock.on(DescribeOrganizationCommand).rejects(awsError('AWSOrganizationsNotInUseException', 400));
    assert.deepEqual(await collect(), {
      securityContact: { ok: true, value: null },
      organization: { ok: true, value: null },
    });
  });

  it('keeps any other error a failed read, never "none"', async () => {
    accountMock.on(GetAlternateContactCommand).rejects(awsError('AccessDeniedException', 403));
    orgMock.on(DescribeOrganizationCommand).rejects(awsError('AccessDeniedException', 403));
    const data = await collect();
    assert.ok(data.securityContact?.ok === false);
    assert.equal(data.securityContact.error.class, 'access-denied');
    assert.equal(data.securityContact.error.operation, 'GetAlternateContact');
    assert.ok(data.organization?.ok === false);
    assert.equal(data.organization.error.service, 'organizations');
  });

  it('makes only the planned calls', async () => {
    orgMock.on(DescribeOrganizationCommand).rejects(awsError('AWSOrganizationsNotInUseException', 400));
    const data = await collect(new ReadPlan(['account.organization']));
    assert.deepEqual(Object.keys(data), ['organization']);
    assert.equal(accountMock.commandCalls(GetAlternateContactCommand).length, 0);
  });
});
