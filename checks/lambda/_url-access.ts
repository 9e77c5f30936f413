/**
 * Who gets through one AuthType NONE function URL, judged with the policy that authorizes that
 * URL: the function's for its own URL, the alias's for an alias URL (src/view/qualifiers.ts).
 * Shared by lambda.function-url-auth-none and the public-invoke answer, so an alias URL is judged
 * the same way everywhere.
 */
import type { FunctionUrlConfig } from '../../src/inventory/schema.js';
import { urlAliasOf } from '../../src/policy/arn.js';
import { functionUrlAccess, type UrlAccess } from '../../src/policy/function-url-access.js';
import type { FunctionView } from '../../src/view/account-view.js';
import { urlPolicy } from '../../src/view/qualifiers.js';
import type { MissingRead } from '../../src/view/verdict.js';
import { judgeable, type PolicyProblem } from './_policy-judgements.js';

export type UrlJudgement =
  | UrlAccess
  /** The policy could not be read. */
  | { kind: 'unread'; read: MissingRead }
  /** The policy was read but cannot be judged. */
  | ({ kind: 'unjudgeable' } & PolicyProblem);

/** "the resource policy" or "the resource policy of alias prod". */
export function policyName(url: FunctionUrlConfig): string {
  const alias = urlAliasOf(url.functionArn);
  return alias === null ? 'the resource policy' : `the resource policy of alias ${alias}`;
}

export function judgeUrl(fn: FunctionView, url: FunctionUrlConfig, now: Date): UrlJudgement {
  const read = urlPolicy(fn, url);
  if (!read.ok) return { kind: 'unread', read };
  if (read.value === null) return functionUrlAccess(null, now);
  const policy = judgeable(read.value, policyName(url));
  if ('problem' in policy) return { kind: 'unjudgeable', ...policy };
  return functionUrlAccess(policy.document, now);
}
