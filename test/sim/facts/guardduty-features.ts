/**
 * Ground truth for the guardduty-features checks (see group.ts), from the final model: every
 * region's detector, whoever planted it.
 *
 * guardduty.runtime-monitoring fails a region without an enabled detector, or whose detector has
 * neither RUNTIME_MONITORING nor the legacy EKS_RUNTIME_MONITORING enabled; a region with it on
 * and EC2 agent management off (the generator always writes that) is the look-alike: agent
 * management is not the feature.
 */
import type { SimAccount } from '../account.js';
import type { FactGroup, FactSink } from './group.js';

const IDS = ['guardduty.runtime-monitoring'] as const;
type Id = (typeof IDS)[number];

const RUNTIME = new Set(['RUNTIME_MONITORING', 'EKS_RUNTIME_MONITORING']);

export const guarddutyFeaturesFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: [],
  facts(account: SimAccount, sink: FactSink<Id>) {
    for (const region of account.regions) {
      const arn = `arn:aws:guardduty:${region}:${account.accountId}:detector/*`;
      const d = account.guardduty[region]?.detector ?? null;
      if (d?.status !== 'ENABLED') {
        sink.finding('guardduty.runtime-monitoring', arn, region, d ? 'detector suspended' : 'no detector');
        continue;
      }
      const on = d.features.find((f) => RUNTIME.has(f.name) && f.status === 'ENABLED');
      if (!on) sink.finding('guardduty.runtime-monitoring', arn, region, 'RUNTIME_MONITORING disabled');
      else if (on.additionalConfiguration?.some((a) => a.status === 'DISABLED')) {
        sink.lookAlike('guardduty.runtime-monitoring', arn, `${on.name} on, some agent management off`);
      }
    }
  },
};
