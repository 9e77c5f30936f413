/**
 * The subnets the region's functions are attached to (ec2:DescribeSubnets), at the fewest calls:
 *
 * - up to SUBNET_BATCH distinct subnets in use: one call with a `subnet-id` filter. A filter, not
 *   SubnetIds, because one deleted id makes a SubnetIds call fail whole (InvalidSubnetID.NotFound),
 *   while a filter returns the subnets that exist: a missing subnet is only absent from the list.
 *   A filter takes at most 200 values.
 * - more: every subnet of the region, 1,000 a page (DescribeSubnets' MaxResults ceiling), keeping
 *   those in use. Functions share a VPC's few subnets, so a region with over 200 of them in use
 *   rarely has five times as many in all: batching 200 ids a call would cost more. (Every page
 *   must be read: a failed page leaves the zones of every function unknown.)
 *
 * Nothing is read per function.
 */
import {
  type DescribeSubnetsCommandInput,
  type EC2Client,
  paginateDescribeSubnets,
} from '@aws-sdk/client-ec2';
import type { AwsSession } from '../aws/clients.js';
import { compareText } from '../inventory/order.js';
import type { Fetched, LambdaFunction, Subnet } from '../inventory/schema.js';
import { read } from './read.js';

export const SUBNET_BATCH = 200;
const PAGE_SIZE = 1000;

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
  const wanted = new Set(subnetIds);
  const listed =
    subnetIds.length <= SUBNET_BATCH
      ? await describe(client, region, { Filters: [{ Name: 'subnet-id', Values: [...subnetIds] }] })
      : await describe(client, region, {}, PAGE_SIZE);
  if (!listed.ok) return listed;
  const inUse = listed.value.filter((s) => wanted.has(s.id));
  return { ok: true, value: inUse.sort((a, b) => compareText(a.id, b.id)) };
}

function describe(
  client: EC2Client,
  region: string,
  input: DescribeSubnetsCommandInput,
  pageSize?: number,
): Promise<Fetched<Subnet[]>> {
  return read('ec2', 'DescribeSubnets', region, async () => {
    const out: Subnet[] = [];
    const pages = paginateDescribeSubnets(pageSize ? { client, pageSize } : { client }, input);
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
