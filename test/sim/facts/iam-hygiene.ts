/** Ground truth for the iam-hygiene checks (see group.ts). */
import type { FactGroup } from './group.js';

const IDS = [] as const;
type Id = (typeof IDS)[number];

export const iamHygieneFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: [],
  facts() {},
};
