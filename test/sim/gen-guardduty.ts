/**
 * GuardDuty per region: a detector with Lambda Protection (LAMBDA_NETWORK_LOGS) on, one without
 * it, a suspended one, or none at all. The first region is always fully enabled so a default
 * account has at least one clean region to compare against.
 */
import type { GenContext, GenerateOptions, SimDetectorFeature, SimGuardDutyRegion } from './account.js';
import { daysAgo } from './account.js';
import { chance, chars, fork, HEX, int } from './prng.js';

export type GuardDutyState = 'enabled' | 'no-lambda' | 'suspended' | 'missing';

export function generateGuardDuty(
  ctx: GenContext,
  opts: GenerateOptions,
): Record<string, SimGuardDutyRegion> {
  const out: Record<string, SimGuardDutyRegion> = {};
  opts.regions.forEach((region, index) => {
    const rng = fork(ctx.seed, `guardduty:${region}`);
    const r = rng();
    const drawn: GuardDutyState =
      index === 0 ? 'enabled' : r < ctx.m * 0.5 ? 'missing' : r < ctx.m ? 'no-lambda' : 'enabled';
    const state = opts.guardduty?.[region] ?? drawn;
    if (state === 'missing') {
      out[region] = { detector: null };
      return;
    }
    const status = (on: boolean) => (on ? ('ENABLED' as const) : ('DISABLED' as const));
    const runtime = chance(rng, 0.5);
    const features: SimDetectorFeature[] = [
      { name: 'CLOUD_TRAIL', status: 'ENABLED' },
      { name: 'DNS_LOGS', status: 'ENABLED' },
      { name: 'FLOW_LOGS', status: 'ENABLED' },
      { name: 'S3_DATA_EVENTS', status: status(chance(rng, 0.7)) },
      { name: 'EKS_AUDIT_LOGS', status: status(chance(rng, 0.5)) },
      { name: 'EBS_MALWARE_PROTECTION', status: status(chance(rng, 0.5)) },
      { name: 'RDS_LOGIN_EVENTS', status: status(chance(rng, 0.5)) },
      { name: 'LAMBDA_NETWORK_LOGS', status: status(state !== 'no-lambda') },
      {
        name: 'RUNTIME_MONITORING',
        status: status(runtime),
        additionalConfiguration: [
          { name: 'EKS_ADDON_MANAGEMENT', status: status(runtime) },
          { name: 'ECS_FARGATE_AGENT_MANAGEMENT', status: status(runtime) },
          { name: 'EC2_AGENT_MANAGEMENT', status: 'DISABLED' },
        ],
      },
    ];
    out[region] = {
      detector: {
        id: chars(rng, HEX, 32),
        status: state === 'suspended' ? 'DISABLED' : 'ENABLED',
        createdAt: daysAgo(ctx, int(rng, 300, 1500)),
        updatedAt: daysAgo(ctx, int(rng, 1, 290)),
        serviceRole: `arn:aws:iam::${ctx.accountId}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
        findingPublishingFrequency: 'SIX_HOURS',
        features,
      },
    };
  });
  return out;
}
