/** Ground truth for the iam-policies checks (see group.ts). */
import type { FactGroup } from './group.js';

const IDS = [] as const;
type Id = (typeof IDS)[number];

export const iamPoliciesFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: [],
  facts() {},
};
