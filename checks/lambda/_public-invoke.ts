/**
 * Can anyone invoke this function? The one answer shared by lambda.denial-of-wallet and
 * lambda.shared-role-mixed-exposure, built from the same analyses the exposure checks use, so the
 * three never disagree on what "public" means:
 *
 * - through a URL: an AuthType NONE URL whose resource policy (the alias's for an alias URL) lets
 *   an anonymous caller through for both grants (src/policy/function-url-access.ts, as
 *   lambda.function-url-auth-none judges it). A `latent` URL (a grant missing) refuses every request today, so nobody can run up the
 *   bill through it: not public here (function-url-auth-none still fails it);
 * - directly: a resource-policy statement that, after the Deny statements, lets a caller of any
 *   account call lambda:InvokeFunction or lambda:InvokeAsync (src/policy/resource-policy.ts,
 *   kinds `public` and `any-aws-account`, as lambda.public-resource-policy judges it). The
 *   Invoke API takes only SigV4-signed requests, so "anyone" means anyone with an AWS account,
 *   which is anyone. Statements that only open the URL path (a `lambda:FunctionUrlAuthType` or
 *   `lambda:InvokedViaFunctionUrl` condition) are judged with the URL above, not here.
 *
 * Not counted as public: callers restricted to address ranges (`ip-restricted`, and a URL open
 * only to some networks), and AWS services acting for other accounts (`unscoped-service`): those
 * are narrower, medium-grade exposures that lambda.public-resource-policy reports on its own.
 */
import type { PolicyDocument } from '../../src/inventory/schema.js';
import { policyExposure } from '../../src/policy/resource-policy.js';
import type { FunctionView } from '../../src/view/account-view.js';
import { type MissingRead, missingRead, ok, type Read } from '../../src/view/verdict.js';
import { judgeable } from './_policy-judgements.js';
import { judgeUrl } from './_url-access.js';

/** How anyone can invoke the function; empty: nobody outside can. */
export interface PublicInvoke {
  /** The AuthType NONE URLs that are open to anyone. */
  openUrls: string[];
  /** Statements (Sid, or "statement N") letting any account call the Invoke API. */
  invokeStatements: string[];
}

const DIRECT_ACTIONS = ['lambda:InvokeFunction', 'lambda:InvokeAsync'];
const URL_ONLY_KEYS = ['lambda:functionurlauthtype', 'lambda:invokedviafunctionurl'];

export const isPublic = (p: PublicInvoke): boolean => p.openUrls.length > 0 || p.invokeStatements.length > 0;

/** A one-line account of how anyone can invoke the function (for messages). */
export function describePublic(p: PublicInvoke): string {
  const parts: string[] = [];
  if (p.openUrls.length > 0) parts.push(`through its AuthType NONE URL`);
  if (p.invokeStatements.length > 0)
    parts.push(`through the Invoke API (resource-policy statement ${p.invokeStatements.join(', ')})`);
  return parts.join(' and ');
}

/**
 * Who may invoke `fn` at the scan time `now`. Unknown when a read it needs failed and the reads
 * that succeeded do not already prove the function public.
 */
export function publicInvoke(fn: FunctionView, now: Date): Read<PublicInvoke> {
  // Two checks ask this of every function of one view: answer once per function (and scan time).
  const cached = ANSWERS.get(fn);
  if (cached !== undefined && cached.at === now.getTime()) return cached.answer;
  const answer = computePublicInvoke(fn, now);
  ANSWERS.set(fn, { at: now.getTime(), answer });
  return answer;
}

/** Keyed by the view's own function objects, so an answer lives exactly as long as its view. */
const ANSWERS = new WeakMap<FunctionView, { at: number; answer: Read<PublicInvoke> }>();

function computePublicInvoke(fn: FunctionView, now: Date): Read<PublicInvoke> {
  const policy = policyDocument(fn);
  const result: PublicInvoke = { openUrls: [], invokeStatements: [] };
  if (policy.ok) result.invokeStatements = directGrants(policy.value);
  let unknown: MissingRead | null = policy.ok ? null : policy;
  if (!fn.urls.ok) unknown ??= fn.urls;
  else {
    // Each URL with the policy that authorizes it (the alias's for an alias URL).
    for (const url of fn.urls.value) {
      if (url.authType === 'AWS_IAM') continue;
      const j = judgeUrl(fn, url, now);
      if (j.kind === 'open' && !j.networkOnly) result.openUrls.push(url.url);
      else if (j.kind === 'unread') unknown ??= j.read;
      else if (j.kind === 'unjudgeable') unknown ??= missingRead(j.problem, undefined, j.evidence);
    }
  }
  // Proof of one path is enough; without it, a read that failed leaves the answer open.
  if (isPublic(result) || unknown === null) return ok(result);
  return unknown;
}

/** The policy's document (null: none), or why it cannot be judged. */
function policyDocument(fn: FunctionView): Read<PolicyDocument | null> {
  if (!fn.policy.ok) return fn.policy;
  const policy = fn.policy.value;
  if (policy === null) return ok(null);
  const read = judgeable(policy);
  return 'problem' in read ? missingRead(read.problem) : ok(read.document);
}

function directGrants(document: PolicyDocument | null): string[] {
  if (!document) return [];
  return policyExposure(document, { actions: DIRECT_ACTIONS })
    .exposures.filter((e) => {
      const urlOnly = e.conditionKeys.some((k) => URL_ONLY_KEYS.includes(k.toLowerCase()));
      if (e.exposure.kind === 'public')
        return !urlOnly && e.exposure.functionUrlAuthType === null && !e.exposure.viaFunctionUrl;
      return e.exposure.kind === 'any-aws-account' && !urlOnly;
    })
    .map((e) => (e.sid ? `"${e.sid}"` : `statement ${e.statement + 1}`));
}
