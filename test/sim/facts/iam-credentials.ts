/** Ground truth for the iam-credentials checks (see group.ts). */
import type { FactGroup } from './group.js';

const IDS = [] as const;
type Id = (typeof IDS)[number];

export const iamCredentialsFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: [],
  facts() {},
};
