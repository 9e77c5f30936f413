/** STS (awsQuery): GetCallerIdentity, the scanner's first call. */
import { XMLNS } from '../errors.js';
import { queryReply, type Route, type SimRequest, tx } from '../protocol.js';
import type { SimState } from '../state.js';

export function stsRoute(req: SimRequest, st: SimState): Route | null {
  const action = req.form.get('Action') ?? '';
  if (action !== 'GetCallerIdentity') return null;
  return {
    action,
    handle: () => {
      const a = st.account;
      const result = tx('Arn', a.caller.arn) + tx('UserId', a.caller.userId) + tx('Account', a.accountId);
      return queryReply(action, XMLNS.sts ?? '', result, req.requestId);
    },
  };
}
