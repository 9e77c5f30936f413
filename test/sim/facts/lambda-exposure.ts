/** Ground truth for the lambda-exposure checks (see group.ts). */
import type { FactGroup } from './group.js';

const IDS = [] as const;
type Id = (typeof IDS)[number];

export const lambdaExposureFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: [],
  facts() {},
};
