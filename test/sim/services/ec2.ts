/**
 * EC2 (ec2Query): DescribeRegions, which the scanner uses to find the enabled regions. Disabled
 * regions are left out, as AWS does, unless AllRegions=true asks for them (then not-opted-in).
 */
import { OPT_IN_REGIONS } from '../catalog.js';
import { ec2Reply, el, type Route, type SimRequest, tx } from '../protocol.js';
import type { SimState } from '../state.js';

export function ec2Route(req: SimRequest, st: SimState, disabledRegions: () => string[]): Route | null {
  const action = req.form.get('Action') ?? '';
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
