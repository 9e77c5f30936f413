/**
 * EC2 (ec2Query): DescribeRegions, which the scanner uses to find the enabled regions. Disabled
 * regions are left out, as AWS does, unless AllRegions=true asks for them (then not-opted-in).
 * DescribeSubnets answers the subnets functions use, by SubnetId.N (an unknown id fails the whole
 * call, InvalidSubnetID.NotFound) or by a `subnet-id` filter (unknown ids are simply not returned).
 */
import { OPT_IN_REGIONS } from '../catalog.js';
import {
  decodeToken,
  ec2Error,
  ec2Reply,
  el,
  page,
  type Route,
  type SimReply,
  type SimRequest,
  tx,
} from '../protocol.js';
import type { SimState } from '../state.js';

export function ec2Route(req: SimRequest, st: SimState, disabledRegions: () => string[]): Route | null {
  const action = req.form.get('Action') ?? '';
  if (action === 'DescribeSubnets') return { action, handle: () => describeSubnets(req, st) };
  if (action !== 'DescribeRegions') return null;
  return {
    action,
    handle: () => {
      const all = req.form.get('AllRegions') === 'true';
      const wanted = new Set(
        [...req.form.entries()].filter(([k]) => /^RegionName\.\d+$/.test(k)).map(([, v]) => v),
      );
      const disabled = new Set(disabledRegions());
      const rows = [...new Set([...st.account.regions, ...disabled])]
        .filter((r) => all || !disabled.has(r))
        .filter((r) => wanted.size === 0 || wanted.has(r))
        .map((r) => {
          const status = disabled.has(r)
            ? 'not-opted-in'
            : OPT_IN_REGIONS.has(r)
              ? 'opted-in'
              : 'opt-in-not-required';
          return el(
            'item',
            tx('regionName', r) + tx('regionEndpoint', `ec2.${r}.amazonaws.com`) + tx('optInStatus', status),
          );
        });
      return ec2Reply(action, el('regionInfo', rows.join('')), req.requestId);
    },
  };
}

/** The values of a list parameter: `Name.1`, `Name.2`, … */
function listParam(form: URLSearchParams, name: string): string[] {
  const re = new RegExp(`^${name.replace(/\./g, '\\.')}\\.(\\d+)$`);
  return [...form.entries()]
    .flatMap(([k, v]) => {
      const m = re.exec(k);
      return m ? [[Number(m[1]), v] as const] : [];
    })
    .sort((a, b) => a[0] - b[0])
    .map(([, v]) => v);
}

function describeSubnets(req: SimRequest, st: SimState): SimReply {
  const all = st.account.subnets?.[req.region] ?? [];
  const byId = new Map(all.map((s) => [s.id, s]));
  const ids = listParam(req.form, 'SubnetId');
  for (const id of ids) {
    if (!byId.has(id))
      return ec2Error(400, 'InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`, req.requestId);
  }
  let rows = ids.length > 0 ? all.filter((s) => ids.includes(s.id)) : all;
  for (let i = 1; req.form.has(`Filter.${i}.Name`); i++) {
    const name = req.form.get(`Filter.${i}.Name`);
    const values = new Set(listParam(req.form, `Filter.${i}.Value`));
    // Only the filter the scanner sends; any other would be silently ignored by a lax simulator.
    if (name !== 'subnet-id')
      return ec2Error(400, 'InvalidParameterValue', `The filter '${name}' is invalid`, req.requestId);
    rows = rows.filter((s) => values.has(s.id));
  }
  // MaxResults (5–1000) pages with NextToken; without it, everything in one answer, as EC2 does.
  const max = req.form.get('MaxResults');
  let next: string | undefined;
  if (max !== null) {
    const size = Number(max);
    const offset = decodeToken(req.form.get('NextToken'));
    if (!Number.isInteger(size) || size < 5 || size > 1000 || offset === 'invalid')
      return ec2Error(400, 'InvalidParameterValue', `Invalid value '${max}' for MaxResults`, req.requestId);
    const p = page(rows, offset, size);
    rows = p.items;
    next = p.next;
  }
  const items = rows.map((s) =>
    el(
      'item',
      tx('subnetId', s.id) +
        tx('state', 'available') +
        tx('vpcId', s.vpcId) +
        tx('cidrBlock', s.cidrBlock) +
        tx('availableIpAddressCount', 251) +
        tx('availabilityZone', s.availabilityZone) +
        tx('availabilityZoneId', s.availabilityZoneId) +
        tx('defaultForAz', false) +
        tx('mapPublicIpOnLaunch', false) +
        tx('ownerId', st.account.accountId) +
        tx('subnetArn', `arn:aws:ec2:${req.region}:${st.account.accountId}:subnet/${s.id}`),
    ),
  );
  return ec2Reply('DescribeSubnets', el('subnetSet', items.join('')) + tx('nextToken', next), req.requestId);
}
