/**
 * Ground truth for the lambda-exposure checks (see group.ts): every fact is recomputed from the
 * final model, over the shapes the generators write (and this module plants), so the checks are
 * judged on other groups' functions too.
 *
 * "Anyone can invoke" follows checks/lambda/_public-invoke.ts over the generator's shapes: an
 * unconditioned Allow of lambda:InvokeFunction to `"*"` / `{"AWS": "*"}`, or an AuthType NONE URL
 * whose policy also grants both URL permissions to anyone (lambda:InvokeFunctionUrl alone only
 * before the pre-October-2025 exception ended).
 */
import { FUNCTION_URL_GRACE_END } from '../../../src/policy/function-url-access.js';
import type { PolicyStatementJson, SimAccount, SimFunction } from '../account.js';
import type { FactGroup } from './group.js';

const IDS = ['lambda.denial-of-wallet'] as const;
type Id = (typeof IDS)[number];

export const lambdaExposureFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: ['lambda.denial-of-wallet'],
  facts(account, sink) {
    for (const { fn, region } of functionsOf(account)) {
      const open = publicPaths(fn, account.now);
      if (open.length === 0) {
        sink.notApplicable('lambda.denial-of-wallet', fn.arn, 'nobody outside can invoke it');
      } else if (fn.reservedConcurrency === null) {
        sink.finding(
          'lambda.denial-of-wallet',
          fn.arn,
          region,
          `${open.join(', ')}; no reserved concurrency`,
        );
      } else {
        sink.lookAlike(
          'lambda.denial-of-wallet',
          fn.arn,
          `${open.join(', ')}, capped by reserved concurrency ${fn.reservedConcurrency}`,
        );
      }
    }
  },
};

function functionsOf(account: SimAccount): { fn: SimFunction; region: string }[] {
  return account.regions.flatMap((region) =>
    (account.lambda[region]?.functions ?? []).map((fn) => ({ fn, region })),
  );
}

const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

function anyonePrincipal(s: PolicyStatementJson): boolean {
  return s.Principal === '*' || list(s.Principal?.AWS).includes('*');
}

function grants(s: PolicyStatementJson, action: string): boolean {
  return list(s.Action).some(
    (a) => a === '*' || a === 'lambda:*' || a.toLowerCase() === action.toLowerCase(),
  );
}

/** The statement's condition keys, lower-cased. */
function conditionKeys(s: PolicyStatementJson): string[] {
  return Object.values(s.Condition ?? {}).flatMap((block) => Object.keys(block).map((k) => k.toLowerCase()));
}

/** An Allow to anyone for `action` whose conditions are only among `allowedKeys`. */
function anyoneMay(fn: SimFunction, action: string, allowedKeys: string[]): boolean {
  return (fn.policy?.Statement ?? []).some(
    (s) =>
      s.Effect === 'Allow' &&
      anyonePrincipal(s) &&
      grants(s, action) &&
      conditionKeys(s).every((k) => allowedKeys.includes(k)),
  );
}

/** How anyone can invoke the function in the model; empty when nobody outside can. */
export function publicPaths(fn: SimFunction, now: string): string[] {
  const out: string[] = [];
  if (anyoneMay(fn, 'lambda:InvokeFunction', [])) out.push('public lambda:InvokeFunction grant');
  if (fn.url?.authType === 'NONE') {
    const url = anyoneMay(fn, 'lambda:InvokeFunctionUrl', ['lambda:functionurlauthtype']);
    const invoke = anyoneMay(fn, 'lambda:InvokeFunction', ['lambda:invokedviafunctionurl']);
    const grace = Date.parse(now) < Date.parse(FUNCTION_URL_GRACE_END);
    if (url && (invoke || grace)) out.push('open AuthType NONE URL');
  }
  return out;
}
