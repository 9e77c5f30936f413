/**
 * Which regions to scan: the `--regions` list, checked, or every region enabled for the account.
 * An unchecked typo would otherwise become a region of "errors" that looks like a coverage gap.
 */
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import type { AwsSession } from '../aws/clients.js';
import { classifyError } from '../aws/errors.js';
import type { AwsErrorInfo } from '../inventory/schema.js';
import { nearest } from '../text/nearest.js';
import { CollectError } from './errors.js';
import { isAbort } from './read.js';

export const REGION_FORMAT = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export interface ResolvedRegions {
  regions: string[];
  source: 'flag' | 'describe-regions';
  /** Set when DescribeRegions failed but the --regions list could still be used (format-checked only). */
  describeError: AwsErrorInfo | null;
}

export async function resolveRegions(
  session: Pick<AwsSession, 'ec2' | 'globalRegion'>,
  flag?: string[],
): Promise<ResolvedRegions> {
  const requested = flag ? [...new Set(flag.map((r) => r.trim()).filter(Boolean))].sort() : undefined;
  if (requested) {
    if (requested.length === 0) throw new CollectError('usage', '--regions was given but names no region');
    const malformed = requested.filter((r) => !REGION_FORMAT.test(r));
    if (malformed.length) {
      throw new CollectError(
        'usage',
        `--regions: not a region name: ${malformed.join(', ')} (expected e.g. us-east-1)`,
      );
    }
  }

  // With a flag we ask for every region, so a typo (unknown) is told apart from a region the
  // account has not opted into (known; scanned, and recorded as region-disabled errors).
  const described = await describeRegions(session, requested !== undefined);

  if (!requested) {
    if (!described.ok) {
      // Denied: the identity lacks a permission (fix the setup); otherwise AWS or the network failed.
      throw new CollectError(
        described.error.class === 'access-denied' ? 'credentials' : 'aws',
        `could not list the account's regions (ec2:DescribeRegions: ${described.error.class} ${described.error.code}); ` +
          'pass --regions to name the regions to scan',
        { cause: described.error },
      );
    }
    if (described.names.length === 0) {
      throw new CollectError(
        'aws',
        'ec2:DescribeRegions returned no regions; pass --regions to name the regions to scan',
      );
    }
    return { regions: described.names, source: 'describe-regions', describeError: null };
  }

  if (!described.ok) return { regions: requested, source: 'flag', describeError: described.error };
  const known = new Set(described.names);
  const unknown = requested.filter((r) => !known.has(r));
  if (unknown.length) {
    const suggestion = unknown.map((r) => nearest(r, described.names)).filter((x) => x !== null);
    throw new CollectError(
      'usage',
      `--regions: unknown to this account's partition: ${unknown.join(', ')}` +
        (suggestion.length > 0 ? ` (did you mean ${suggestion.join(', ')}?)` : ''),
    );
  }
  return { regions: requested, source: 'flag', describeError: null };
}

async function describeRegions(
  session: Pick<AwsSession, 'ec2' | 'globalRegion'>,
  allRegions: boolean,
): Promise<{ ok: true; names: string[] } | { ok: false; error: AwsErrorInfo }> {
  const region = session.globalRegion();
  try {
    const out = await session.ec2(region).send(new DescribeRegionsCommand({ AllRegions: allRegions }));
    const names = (out.Regions ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : []));
    return { ok: true, names: [...new Set(names)].sort() };
  } catch (err) {
    if (isAbort(err)) throw err;
    return { ok: false, error: classifyError(err, 'ec2', 'DescribeRegions', region) };
  }
}
