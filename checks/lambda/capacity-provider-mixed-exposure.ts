import { type Draft, defineCheck } from '../../src/engine/check.js';
import { compareText } from '../../src/inventory/order.js';
import type { AccountView, FunctionView } from '../../src/view/account-view.js';
import { Verdict } from '../../src/view/verdict.js';
import { exposures, judgeMixedExposure } from './_mixed-exposure.js';

const CAPACITY_PROVIDER_TYPE = 'AWS::Lambda::CapacityProvider';

/**
 * Lambda Managed Instances run functions in execution environments on the account's own EC2
 * instances, grouped by capacity provider, and AWS names the capacity provider as the security
 * boundary: environments of different functions on one provider are not strongly isolated from
 * each other. One result per capacity provider the functions of the readable regions name
 * (_mixed-exposure.ts): some functions anyone can invoke and some not fails. A region whose
 * functions all run on Lambda's own fleet is one not_applicable; the capacity provider is read
 * from the listing (FunctionConfiguration.CapacityProviderConfig), so this costs no call; an
 * inventory that predates the field is unknown for the region, never "no provider".
 * Each function's tenant isolation mode (TenancyConfig, also from the listing) is evidence only:
 * PER_TENANT separates the tenants of one function from each other, not functions on one
 * provider, so it changes no verdict.
 */
export default defineCheck({
  id: 'lambda.capacity-provider-mixed-exposure',
  title:
    'Capacity provider (Lambda Managed Instances) runs publicly invokable and non-public functions together',
  service: 'lambda',
  resourceType: CAPACITY_PROVIDER_TYPE,
  severity: 'high',
  practice: 'BP7',
  threats: ['T4'],
  rationale:
    'With Lambda Managed Instances, functions run on EC2 instances of a capacity provider in your account, and ' +
    'AWS treats the capacity provider, not the function, as the isolation boundary: execution environments of ' +
    'different functions on one provider may share an instance. A function anyone can invoke that is exploited ' +
    '(its code, a dependency) then sits beside internal functions that hold other data and permissions. Keep ' +
    'functions of different trust on different capacity providers.',
  remediation: {
    text: 'Create a separate capacity provider for the functions exposed to the internet (or for the internal ones) and move the functions of one trust level onto it.',
    cli: 'aws lambda create-capacity-provider --capacity-provider-name <public-workloads> ...; then aws lambda update-function-configuration --function-name <public-function> --capacity-provider-config LambdaManagedInstancesCapacityProviderConfig={CapacityProviderArn=<new-arn>}',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-security.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.functions', 'lambda.urls', 'lambda.policies'],
  evaluate: (view, ctx) => evaluateProviders(view, ctx.now),
});

function* evaluateProviders(view: AccountView, now: Date): Generator<Draft> {
  const byProvider = new Map<string, FunctionView[]>();
  for (const region of view.lambdaRegions) {
    if (!region.data.ok) {
      yield region.verdict.missing(region.data);
      continue;
    }
    // An inventory written before the collector kept the field does not say: never read that as
    // "Lambda's own fleet".
    if (region.functions.some((fn) => fn.config.capacityProviderArn === undefined)) {
      yield region.verdict.unknown(
        `the inventory of ${region.region} does not record which functions run on a capacity provider (written by an older lambda-posture): scan again`,
      );
      continue;
    }
    let onProviders = 0;
    for (const fn of region.functions) {
      const arn = fn.config.capacityProviderArn;
      if (!arn) continue;
      onProviders++;
      const list = byProvider.get(arn);
      if (list) list.push(fn);
      else byProvider.set(arn, [fn]);
    }
    if (onProviders === 0) {
      yield region.verdict.notApplicable(
        region.functions.length === 0
          ? `no Lambda functions in ${region.region}`
          : `no function in ${region.region} runs on a capacity provider (Lambda Managed Instances)`,
      );
    }
  }
  for (const [arn, fns] of [...byProvider].sort(([a], [b]) => compareText(a, b))) {
    const name = arn.slice(arn.lastIndexOf(':') + 1);
    const region = arn.split(':')[3] ?? null;
    const verdict = new Verdict({ arn, name, region, type: CAPACITY_PROVIDER_TYPE });
    // A capacity provider is regional, and so are its functions: only an unreadable region of
    // its own could hide more of them, and that region yielded its own unknown above.
    yield judgeMixedExposure(
      verdict,
      exposures(fns, now),
      [],
      {
        what: `capacity provider ${name}`,
        consequence:
          'an exploited public function runs beside the private ones, which the provider does not isolate',
      },
      { capacityProviderArn: arn, tenantIsolation: tenantIsolationOf(fns) },
    );
  }
}

/** How many of the provider's functions set each tenant isolation mode (unknown: an older inventory). */
function tenantIsolationOf(fns: readonly FunctionView[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const fn of fns) {
    const mode = fn.config.tenantIsolationMode;
    const key = mode === undefined ? 'unknown' : (mode ?? 'none');
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
