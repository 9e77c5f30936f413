/** Organization-scan fixtures: an inventory scanned as part of an organization (scan.organization). */
import type { Inventory, OrganizationContext } from '../../src/inventory/schema.js';
import { ACCOUNT } from './inventory.js';

export const ORG_ID = 'o-a1b2c3d4e5';
/** The organization's management account (OrganizationAccountAccessRole in members trusts it). */
export const MANAGEMENT = '999988887777';
/** A member account: the central deployment / monitoring account of the organization. */
export const MEMBER = '111122223333';
/** An account the organization does not list. */
export const OUTSIDER = '444455556666';

export const organization = (over: Partial<OrganizationContext> = {}): OrganizationContext => ({
  id: ORG_ID,
  managementAccountId: MANAGEMENT,
  accountIds: [MEMBER, ACCOUNT, MANAGEMENT].sort(),
  ...over,
});

/** The inventory as an organization scan writes it. */
export const inOrganization = (inv: Inventory, org: OrganizationContext = organization()): Inventory => ({
  ...inv,
  scan: { ...inv.scan, organization: org },
});
