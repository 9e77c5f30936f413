/** Ground truth for the lambda-config checks (see group.ts). */
import type { FactGroup } from './group.js';

const IDS = [] as const;
type Id = (typeof IDS)[number];

export const lambdaConfigFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: [],
  facts() {},
};
