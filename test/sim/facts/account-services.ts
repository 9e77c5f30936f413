/** Ground truth for the account-services checks (see group.ts). */
import type { FactGroup } from './group.js';

const IDS = [] as const;
type Id = (typeof IDS)[number];

export const accountServicesFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: [],
  facts() {},
};
