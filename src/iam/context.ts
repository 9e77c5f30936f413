/**
 * The request context the evaluator judges a question in: which condition keys a request for
 * this action, by this principal, on this resource carries, and with what values, as far as the
 * inventory decides them. Everything else is left unknown, so a clause on it is `maybe` and the
 * answer `conditional`, never a guess.
 *
 * Decided: the principal's ARN, account, type, user name and id; the resource account; the
 * requested region (the function's, or us-east-1 for IAM, which is global); TLS (every SDK call
 * uses it); that the call is direct (no `aws:Source*`, no `aws:CalledVia*`, not via a service);
 * MFA as a property of the credential path; and, from the action catalogue, that a service key
 * the action does not support is absent. Left unknown: network (`aws:SourceIp`, VPC), tags,
 * time, organization membership (until the organization work feeds it) and request parameters
 * the caller chooses.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
import type { CatalogueAction } from '../data/iam-actions.js';
import { ABSENT, type ContextValue, type RequestContext } from './conditions.js';

export interface PrincipalFacts {
  kind: 'user' | 'role';
  name: string;
  arn: string;
  /** The unique id (AIDA… for users, AROA… for roles). */
  id: string;
  accountId: string;
}

/**
 * `aws:MultiFactorAuthPresent` on this credential path: `true`/`false` for a console session,
 * `absent` for long-term access keys (AWS leaves the key out), `unknown` when it depends on who
 * assumes a role.
 */
export type MfaState = 'true' | 'false' | 'absent' | 'unknown';

export interface RequestFacts {
  principal: PrincipalFacts;
  /** The action's catalogue entry; undefined for an action the catalogue does not list. */
  action: CatalogueAction | undefined;
  region: string;
  resourceAccount: string;
  mfa: MfaState;
  /** Keys the question itself fixes (e.g. `iam:passedtoservice`), lower-cased. */
  extra?: Readonly<Record<string, readonly string[]>>;
}

/** Keys that are absent from a direct call made with the principal's own credentials. */
const ABSENT_FOR_DIRECT_CALLS = new Set([
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:calledvia',
  'aws:calledviafirst',
  'aws:calledvialast',
  'aws:principalservicename',
  'aws:principalservicenameslist',
  'aws:federatedprovider',
]);

export function requestContext(facts: RequestFacts): RequestContext {
  const { principal } = facts;
  const fixed = new Map<string, ContextValue>([
    ['aws:principalarn', [principal.arn]],
    ['aws:principalaccount', [principal.accountId]],
    ['aws:principaltype', [principal.kind === 'user' ? 'User' : 'AssumedRole']],
    ['aws:username', principal.kind === 'user' ? [principal.name] : ABSENT],
    ['aws:resourceaccount', [facts.resourceAccount]],
    ['aws:requestedregion', [facts.region]],
    ['aws:securetransport', ['true']],
    ['aws:viaawsservice', ['false']],
    ['aws:principalisawsservice', ['false']],
  ]);
  // A user's aws:userid is its unique id; a role session's is "<role id>:<session name>".
  if (principal.kind === 'user') fixed.set('aws:userid', [principal.id]);
  if (facts.mfa === 'true' || facts.mfa === 'false') fixed.set('aws:multifactorauthpresent', [facts.mfa]);
  else if (facts.mfa === 'absent') fixed.set('aws:multifactorauthpresent', ABSENT);
  for (const [k, v] of Object.entries(facts.extra ?? {})) fixed.set(k.toLowerCase(), v);
  const supported = facts.action?.conditionKeys;
  return {
    get(key: string): ContextValue | undefined {
      const value = fixed.get(key);
      if (value !== undefined) return value;
      if (ABSENT_FOR_DIRECT_CALLS.has(key)) return ABSENT;
      if (key.startsWith('aws:')) return undefined;
      // A service key the action does not support never appears in its requests.
      if (supported && !supported.has(key) && !hasTemplateKey(supported, key)) return ABSENT;
      return undefined;
    },
  };
}

/** Keys like `lambda:foo/${TagKey}` in the catalogue cover `lambda:foo/anything`. */
function hasTemplateKey(supported: ReadonlySet<string>, key: string): boolean {
  const slash = key.indexOf('/');
  if (slash < 0) return false;
  const stem = key.slice(0, slash + 1);
  for (const k of supported) if (k.startsWith(stem) && k.includes('${')) return true;
  return false;
}

/** The single value of a key, for policy variables: a value, null (absent) or undefined (unknown). */
export function variableLookup(context: RequestContext): (key: string) => string | null | undefined {
  return (key) => {
    const v = context.get(key);
    if (v === undefined) return undefined;
    if (v === ABSENT) return null;
    return v.length === 1 ? v[0] : undefined;
  };
}
