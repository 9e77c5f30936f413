import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildView } from '../../src/view/account-view.js';
import { ACCOUNT, inventory } from '../helpers/inventory.js';
import { inOrganization, MANAGEMENT, MEMBER, ORG_ID, organization } from '../helpers/organization.js';

describe('AccountView organization context', () => {
  it('exposes the organization an organization scan recorded, and its accounts as a set', () => {
    const view = buildView(inOrganization(inventory()));
    assert.deepEqual(view.organizationContext, organization());
    assert.equal(view.organizationContext?.id, ORG_ID);
    assert.deepEqual([...view.organizationAccounts].sort(), [MEMBER, ACCOUNT, MANAGEMENT].sort());
  });

  it('is null, with no accounts, for a single-account scan', () => {
    const view = buildView(inventory());
    assert.equal(view.organizationContext, null);
    assert.equal(view.organizationAccounts.size, 0);
  });
});
