import { defineCheck } from '../../src/engine/check.js';
import type { Subnet } from '../../src/inventory/schema.js';

/** Security Hub's default for Lambda.5 (its minAvailabilityZones parameter). */
const MIN_ZONES = 2;

/**
 * Zones are counted, not subnets: two subnets in one zone are one zone (a subnet count passes
 * them: turbot/steampipe-mod-aws-compliance#374, #393). Zone ids (use1-az1) name the physical
 * zone; names map to zones differently per account but consistently within one, so either
 * counts right as long as all subnets are counted by the same one.
 */
function zonesOf(subnets: readonly Subnet[]): string[] | null {
  const byId = subnets.every((s) => s.availabilityZoneId !== null);
  const keys = subnets.map((s) => (byId ? s.availabilityZoneId : s.availabilityZone));
  if (keys.some((k) => k === null)) return null;
  return [...new Set(keys as string[])].sort();
}

export default defineCheck({
  id: 'lambda.vpc-single-az',
  title: 'VPC-attached function runs in a single Availability Zone',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'medium',
  practice: 'BP5',
  threats: ['T3'],
  rationale:
    'A function outside a VPC runs across the Region’s Availability Zones. Attached to a VPC, it can only run ' +
    'where its subnets are: when they are all in one zone, an outage or IP exhaustion there stops every invocation, ' +
    'and a flood of requests meets the smallest possible pool of network interfaces. Security Hub Lambda.5 asks for at ' +
    'least two zones. Zones are counted, not subnets: two subnets in one zone fail.',
  remediation: {
    text: 'Attach the function to subnets in at least two Availability Zones of its VPC (one per zone is enough).',
    cli: 'aws lambda update-function-configuration --function-name <name> --vpc-config SubnetIds=<subnet in AZ a>,<subnet in AZ b>,SecurityGroupIds=<sg>',
  },
  references: [
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-5',
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/security-resilience.html',
  ],
  frameworks: { 'aws-fsbp': ['Lambda.5'], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.vpc-subnets'],
  evaluate: (view) =>
    view.eachFunction((fn, v) => {
      const vpc = fn.config.vpc;
      if (!vpc) {
        return v.notApplicable(
          'the function is not attached to a VPC: Lambda runs it in every zone of the Region',
        );
      }
      const subnets = fn.lambdaRegion.subnets;
      if (!subnets.ok) return v.missing(subnets);
      const found: Subnet[] = [];
      const missing: string[] = [];
      for (const id of vpc.subnetIds) {
        const s = subnets.value.get(id);
        if (s) found.push(s);
        else missing.push(id);
      }
      const zones = zonesOf(found);
      const evidence = {
        subnets: found.map((s) => ({
          id: s.id,
          availabilityZone: s.availabilityZone,
          availabilityZoneId: s.availabilityZoneId,
        })),
        ...(missing.length > 0 ? { subnetsNotFound: missing } : {}),
        ...(zones ? { zones } : {}),
        minimumZones: MIN_ZONES,
      };
      if (zones && zones.length >= MIN_ZONES) {
        return v.pass(
          `its ${vpc.subnetIds.length} subnet(s) span ${zones.length} Availability Zones (${zones.join(', ')})`,
          evidence,
        );
      }
      if (missing.length > 0) {
        return v.unknown(
          `subnet(s) ${missing.join(', ')} were not returned by DescribeSubnets (deleted, or in another account), so the zones the function can run in are unknown`,
          evidence,
        );
      }
      if (!zones)
        return v.unknown('DescribeSubnets returned a subnet without its Availability Zone', evidence);
      return v.fail(
        `all ${vpc.subnetIds.length} subnet(s) are in one Availability Zone (${zones.join(', ')}); at least ${MIN_ZONES} are needed`,
        evidence,
      );
    }),
});
