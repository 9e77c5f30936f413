/**
 * The subnets the region's functions are attached to: ec2:DescribeSubnets, asked by a `subnet-id`
 * filter rather than by SubnetIds, because one deleted id makes a SubnetIds call fail whole
 * (InvalidSubnetID.NotFound) while a filter returns the subnets that exist; a missing subnet then
 * shows as absent from the list. A filter takes at most 200 values, so ids go in batches of 200:
 * one call per 200 distinct subnets per region, nothing per function.
 */
import { type EC2Client, paginateDescribeSubnets } from '@aws-sdk/client-ec2';
import type { AwsSession } from '../aws/clients.js';
import { compareText } from '../inventory/order.js';
import type { Fetched, LambdaFunction, Subnet } from '../inventory/schema.js';
import { read } from './read.js';

export const SUBNET_BATCH = 200;

/** The distinct subnet ids the functions use, sorted. */
export function subnetIdsOf(functions: readonly LambdaFunction[]): string[] {
  const ids = new Set<string>();
  for (const fn of functions) for (const id of fn.vpc?.subnetIds ?? []) ids.add(id);
  return [...ids].sort(compareText);
}

export async function collectSubnets(
  session: Pick<AwsSession, 'ec2'>,
  region: string,
  subnetIds: readonly string[],
): Promise<Fetched<Subnet[]>> {
  if (subnetIds.length === 0) return { ok: true, value: [] };
  const client = session.ec2(region);
  const batches: string[][] = [];
  for (let i = 0; i < subnetIds.length; i += SUBNET_BATCH) batches.push(subnetIds.slice(i, i + SUBNET_BATCH));
  const reads = await Promise.all(batches.map((ids) => describe(client, region, ids)));
  const subnets: Subnet[] = [];
  for (const r of reads) {
    // Any batch unread leaves some function's zones unknown: the whole read is.
    if (!r.ok) return r;
    subnets.push(...r.value);
  }
  return { ok: true, value: subnets.sort((a, b) => compareText(a.id, b.id)) };
}

function describe(client: EC2Client, region: string, ids: string[]): Promise<Fetched<Subnet[]>> {
  return read('ec2', 'DescribeSubnets', region, async () => {
    const out: Subnet[] = [];
    const pages = paginateDescribeSubnets({ client }, { Filters: [{ Name: 'subnet-id', Values: ids }] });
    for await (const page of pages) {
      for (const s of page.Subnets ?? []) {
        if (!s.SubnetId) continue;
        out.push({
          id: s.SubnetId,
          vpcId: s.VpcId ?? null,
          availabilityZone: s.AvailabilityZone ?? null,
          availabilityZoneId: s.AvailabilityZoneId ?? null,
        });
      }
    }
    return out;
  });
}
