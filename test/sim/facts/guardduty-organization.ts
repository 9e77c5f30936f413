/**
 * Ground truth for guardduty.delegated-administrator (see group.ts), from the final model.
 *
 * The check is judged only in an organization scan, which reads the organization's delegated
 * administrator with the caller's credentials. An account generated alone (every sim-scan
 * scenario) carries no `guardDutyDelegatedAdministrator`: each of its regions is not_applicable,
 * and no finding can be planted there (`unplantable`). An account of a generated organization
 * (organization.ts): a region without an enabled detector is not_applicable (guardduty.enabled
 * judges it); otherwise the delegated administrator itself passes (its look-alike: no
 * administrator of its own), a detector associated with it (Enabled) passes, and one left
 * standalone fails.
 */
import type { SimAccount } from '../account.js';
import type { FactGroup, FactSink } from './group.js';

const IDS = ['guardduty.delegated-administrator'] as const;
type Id = (typeof IDS)[number];
const ID: Id = 'guardduty.delegated-administrator';

export const guarddutyOrganizationFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: [],
  facts(account: SimAccount, sink: FactSink<Id>) {
    const admin = account.guardDutyDelegatedAdministrator;
    for (const region of account.regions) {
      const arn = `arn:aws:guardduty:${region}:${account.accountId}:detector/*`;
      if (admin === undefined) {
        sink.notApplicable(ID, arn, 'scanned as a single account');
        continue;
      }
      const d = account.guardduty[region]?.detector ?? null;
      if (d?.status !== 'ENABLED') {
        sink.notApplicable(ID, arn, d ? 'detector suspended' : 'no detector');
      } else if (account.accountId === admin) {
        sink.lookAlike(ID, arn, 'the delegated administrator itself: no administrator of its own');
      } else if (d.administrator?.accountId !== admin || d.administrator.relationshipStatus !== 'Enabled') {
        sink.finding(ID, arn, region, 'standalone: not associated with the delegated administrator');
      }
    }
  },
  unplantable(account: SimAccount) {
    return account.guardDutyDelegatedAdministrator === undefined
      ? [{ checkId: ID, reason: 'judged only in an organization scan (this account was scanned alone)' }]
      : [];
  },
};
