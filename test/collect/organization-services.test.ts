import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { GuardDutyClient, ListOrganizationAdminAccountsCommand } from '@aws-sdk/client-guardduty';
import { IAMClient, ListOrganizationsFeaturesCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsSession } from '../../src/aws/clients.js';
import { readOrganizationServices } from '../../src/collect/organization-services.js';
import { awsError, testSession } from './helpers.js';

const gd = mockClient(GuardDutyClient);
const iam = mockClient(IAMClient);
let session: AwsSession;
const MANAGEMENT = '111111111111';
const REGIONS = ['eu-west-1', 'us-east-1'];

describe('readOrganizationServices', () => {
  beforeEach(() => {
    gd.reset();
    iam.reset();
    session = testSession();
  });
  afterEach(() => session.destroy());

  it('as the management account: the delegated administrator per region, and the root access features, one call each', async () => {
    gd.on(ListOrganizationAdminAccountsCommand).resolves({
      AdminAccounts: [{ AdminAccountId: '222222222222', AdminStatus: 'ENABLED' }],
    });
    iam.on(ListOrganizationsFeaturesCommand).resolves({
      OrganizationId: 'o-a1b2c3d4e5',
      EnabledFeatures: ['RootSessions', 'RootCredentialsManagement'],
    });
    const out = await readOrganizationServices(session, {
      callerAccountId: MANAGEMENT,
      managementAccountId: MANAGEMENT,
      guardDutyRegions: REGIONS,
      rootAccess: true,
    });
    for (const r of REGIONS)
      assert.deepEqual(out.guardDutyAdministrators?.[r], {
        ok: true,
        value: { adminAccounts: [{ accountId: '222222222222', status: 'ENABLED' }], notAnswerable: null },
      });
    assert.deepEqual(out.rootAccess, {
      ok: true,
      value: {
        organizationId: 'o-a1b2c3d4e5',
        enabledFeatures: ['RootCredentialsManagement', 'RootSessions'],
        notAnswerable: null,
      },
    });
    assert.equal(gd.commandCalls(ListOrganizationAdminAccountsCommand).length, 2);
    assert.equal(iam.commandCalls(ListOrganizationsFeaturesCommand).length, 1);
  });

  it('as a delegated administrator of Organizations: GuardDuty is not asked (management only), IAM refuses with a documented answer', async () => {
    iam
      .on(ListOrganizationsFeaturesCommand)
      .rejects(awsError('AccountNotManagementOrDelegatedAdministratorException', 400));
    const out = await readOrganizationServices(session, {
      callerAccountId: '333333333333',
      managementAccountId: MANAGEMENT,
      guardDutyRegions: REGIONS,
      rootAccess: true,
    });
    assert.equal(gd.commandCalls(ListOrganizationAdminAccountsCommand).length, 0);
    assert.deepEqual(out.guardDutyAdministrators?.['us-east-1'], {
      ok: true,
      value: { adminAccounts: [], notAnswerable: 'caller-not-management-account' },
    });
    assert.deepEqual(out.rootAccess, {
      ok: true,
      value: {
        organizationId: null,
        enabledFeatures: [],
        notAnswerable: 'AccountNotManagementOrDelegatedAdministrator',
      },
    });
  });

  it('a denied call is a failed read, in its region; reads not asked for are not made', async () => {
    gd.on(ListOrganizationAdminAccountsCommand).rejects(awsError('AccessDeniedException', 403));
    const out = await readOrganizationServices(session, {
      callerAccountId: MANAGEMENT,
      managementAccountId: MANAGEMENT,
      guardDutyRegions: ['us-east-1'],
      rootAccess: false,
    });
    const r = out.guardDutyAdministrators?.['us-east-1'];
    assert.ok(r && !r.ok);
    assert.equal(r.error.class, 'access-denied');
    assert.equal(r.error.operation, 'ListOrganizationAdminAccounts');
    assert.equal(r.error.region, 'us-east-1');
    assert.equal(out.rootAccess, undefined);
    assert.equal(iam.commandCalls(ListOrganizationsFeaturesCommand).length, 0);
    const nothing = await readOrganizationServices(session, {
      callerAccountId: MANAGEMENT,
      managementAccountId: MANAGEMENT,
      rootAccess: false,
    });
    assert.deepEqual(nothing, {});
  });
});
