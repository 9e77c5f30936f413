import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Inventory, OrganizationContext } from '../../src/inventory/schema.js';
import { InventoryFileError, parseInventory } from '../../src/inventory/store.js';
import { inventory } from '../helpers/inventory.js';
import { inOrganization, MANAGEMENT, ORG_ID, organization } from '../helpers/organization.js';

const load = (inv: unknown) => parseInventory(JSON.stringify(inv), 'inv.json');

describe('scan.organization (OrganizationContext)', () => {
  it('loads an organization scan’s inventory with its organization', () => {
    const inv = inOrganization(inventory());
    assert.deepEqual(load(inv).scan.organization, organization());
  });

  it('loads an inventory without it (a single-account scan, or a file written before it existed)', () => {
    const inv = inventory();
    assert.equal('organization' in inv.scan, false);
    assert.equal(load(inv).scan.organization, undefined);
  });

  it('keeps suspended accounts: the listing is taken as given, in any order', () => {
    const org = organization({ accountIds: ['222233334444', MANAGEMENT] });
    assert.ok(OrganizationContext.safeParse(org).success);
  });

  // A check trusts every account listed, so a broken context is refused with its path rather
  // than read as "no organization" (which would quietly turn pass into fail, or the reverse).
  const broken: [string, Partial<ReturnType<typeof organization>>, RegExp][] = [
    [
      'an empty account list',
      { accountIds: [] },
      /^inv\.json is not a valid inventory: scan\.organization\.accountIds: /,
    ],
    ['an id that is no organization id', { id: 'org-1' }, /scan\.organization\.id: an AWS Organizations id/],
    ['an upper-case id', { id: ORG_ID.toUpperCase() }, /scan\.organization\.id: /],
    [
      'a malformed account id',
      { accountIds: [MANAGEMENT, '1234'] },
      /scan\.organization\.accountIds\.1: a 12-digit account id/,
    ],
    [
      'a management account it does not list',
      { accountIds: ['222233334444'] },
      /scan\.organization\.accountIds: the management account/,
    ],
  ];
  for (const [name, over, message] of broken) {
    it(`rejects ${name} at load, naming the path`, () => {
      const inv = inOrganization(inventory(), organization(over));
      assert.throws(
        () => load(inv),
        (err: unknown) => err instanceof InventoryFileError && message.test(err.message),
      );
      assert.equal(Inventory.safeParse(inv).success, false);
    });
  }
});
