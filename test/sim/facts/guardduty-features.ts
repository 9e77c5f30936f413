/** Ground truth for the guardduty-features checks (see group.ts). */
import type { FactGroup } from './group.js';

const IDS = [] as const;
type Id = (typeof IDS)[number];

export const guarddutyFeaturesFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: [],
  facts() {},
};
