/**
 * Can anyone on the internet actually invoke a function through an AuthType NONE function URL?
 *
 * Since October 2025 a function URL call is authorized twice: `lambda:InvokeFunctionUrl`, and
 * `lambda:InvokeFunction` with the request carrying `lambda:InvokedViaFunctionUrl` = true (the
 * statement Lambda adds is `"Condition": {"Bool": {"lambda:InvokedViaFunctionUrl": "true"}}`).
 * URLs created before then kept working with the first permission alone under a temporary
 * exception, which ended on 2026-11-01 (AWS Health notice quoted in serverless/serverless#13147).
 * https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
 *
 * So an AuthType NONE URL is `open` when the resource policy lets an anonymous caller through for
 * both actions (after Deny statements); it is `latent` when a grant is missing: the endpoint is
 * unauthenticated, and whoever adds the missing statement opens it. Before the exception ended,
 * a URL with only the first grant may still be open (the inventory does not say when the URL
 * was made, nor whether the account had the exception), so it counts as open then.
 */
import type { PolicyDocument } from '../inventory/schema.js';
import { appliesToNoResource, statementAllowsAction } from './actions.js';
import { type KnownKeys, type Reach, widest } from './reach.js';
import { effectiveReach, wildcardGrantees } from './resource-policy.js';

/** When the exception for URLs created before October 2025 ended. */
export const FUNCTION_URL_GRACE_END = '2026-11-01T00:00:00.000Z';

export const URL_ACTION = 'lambda:InvokeFunctionUrl';
export const INVOKE_ACTION = 'lambda:InvokeFunction';

export type UrlAccess =
  | {
      kind: 'open';
      /** Statements (Sid, or "statement N") granting each action to anyone. */
      invokeFunctionUrl: string[];
      invokeFunction: string[];
      /** Only callers from some public address ranges get through (aws:SourceIp). */
      networkOnly: boolean;
      /** Open only because the pre-October-2025 exception was still running at the scan. */
      byGracePeriod: boolean;
    }
  | {
      kind: 'latent';
      /** The grants an anonymous caller lacks. */
      missing: string[];
    };

const URL_KEYS: KnownKeys = { 'lambda:functionurlauthtype': 'NONE' };
const INVOKE_VIA_URL_KEYS: KnownKeys = { ...URL_KEYS, 'lambda:invokedviafunctionurl': 'true' };

/**
 * Who gets through an AuthType NONE URL, given the function's resource policy (null: it has
 * none) at the scan time `now` (never the wall clock: a saved inventory re-evaluates the same).
 */
export function functionUrlAccess(document: PolicyDocument | null, now: Date): UrlAccess {
  const url = anonymousGrants(document, URL_ACTION, URL_KEYS);
  const invoke = anonymousGrants(document, INVOKE_ACTION, INVOKE_VIA_URL_KEYS);
  const urlOpen = url.reach === 'open' || url.reach === 'network';
  const invokeOpen = invoke.reach === 'open' || invoke.reach === 'network';
  const graceRunning = now.getTime() < Date.parse(FUNCTION_URL_GRACE_END);
  if (urlOpen && (invokeOpen || graceRunning)) {
    return {
      kind: 'open',
      invokeFunctionUrl: url.statements,
      invokeFunction: invokeOpen ? invoke.statements : [],
      networkOnly: url.reach === 'network' || (invokeOpen && invoke.reach === 'network'),
      byGracePeriod: !invokeOpen,
    };
  }
  const missing: string[] = [];
  if (!urlOpen) missing.push(URL_ACTION);
  if (!invokeOpen) missing.push(`${INVOKE_ACTION} (with lambda:InvokedViaFunctionUrl)`);
  return { kind: 'latent', missing };
}

function anonymousGrants(
  document: PolicyDocument | null,
  action: string,
  known: KnownKeys,
): { reach: Reach; statements: string[] } {
  const statements = Array.isArray(document?.Statement) ? document.Statement : [];
  const denies = statements.filter((s) => s?.Effect === 'Deny');
  let reach: Reach = 'nobody';
  const granting: string[] = [];
  statements.forEach((s, index) => {
    if (!s || !statementAllowsAction(s, action) || appliesToNoResource(s)) return;
    if (wildcardGrantees(s).length === 0) return;
    const r = effectiveReach(s, denies, action, { caller: 'anonymous', known });
    if (r === 'open' || r === 'network') granting.push(s.Sid ? `"${s.Sid}"` : `statement ${index + 1}`);
    reach = widest(reach, r);
  });
  return { reach, statements: granting };
}
