/**
 * An inventory as a narrowed scan would have collected it: every read outside `plan` removed the
 * way collection leaves it out (absent field, or a skipped slice). Used to prove that each check's
 * declared `reads` are enough for it.
 */
import { NOT_NEEDED_REASON, type ReadPlan } from '../../src/inventory/reads.js';
import type {
  Fetched,
  GuardDutyRegion,
  IamData,
  Inventory,
  LambdaFunction,
  LambdaRegion,
  RegionInventory,
} from '../../src/inventory/schema.js';

export function narrowInventory(inv: Inventory, plan: ReadPlan): Inventory {
  const regions: Record<string, RegionInventory> = {};
  for (const [name, r] of Object.entries(inv.regions)) {
    regions[name] = {
      lambda: !plan.needs('lambda')
        ? { status: 'skipped', reason: NOT_NEEDED_REASON }
        : r.lambda.status === 'ok'
          ? { status: 'ok', data: narrowLambda(r.lambda.data, plan) }
          : r.lambda,
      guardduty: !plan.has('guardduty.detectors')
        ? { status: 'skipped', reason: NOT_NEEDED_REASON }
        : r.guardduty.status === 'ok'
          ? { status: 'ok', data: narrowGuardDuty(r.guardduty.data, plan) }
          : r.guardduty,
      ...(plan.has('cloudtrail.lambda-changes') && r.cloudtrail ? { cloudtrail: r.cloudtrail } : {}),
      ...(r.accessAnalyzer
        ? {
            accessAnalyzer: plan.has('accessanalyzer.analyzers')
              ? r.accessAnalyzer
              : { status: 'skipped' as const, reason: NOT_NEEDED_REASON },
          }
        : {}),
    };
  }
  const iam: Inventory['iam'] = !plan.needs('iam')
    ? { status: 'skipped', reason: NOT_NEEDED_REASON }
    : inv.iam.status === 'ok'
      ? { status: 'ok', data: narrowIam(inv.iam.data, plan) }
      : inv.iam;
  const { account, ...rest } = inv;
  const narrowedAccount: Inventory['account'] = {};
  if (plan.has('account.security-contact') && account?.securityContact)
    narrowedAccount.securityContact = account.securityContact;
  if (plan.has('account.organization') && account?.organization)
    narrowedAccount.organization = account.organization;
  return {
    ...rest,
    scan: (({ changeReview, ...scan }) => ({
      ...scan,
      plan: plan.list(),
      ...(plan.has('cloudtrail.lambda-changes') && changeReview ? { changeReview } : {}),
    }))(inv.scan),
    iam,
    ...(plan.needs('account') ? { account: narrowedAccount } : {}),
    regions,
  };
}

function narrowGuardDuty(data: GuardDutyRegion, plan: ReadPlan): GuardDutyRegion {
  return {
    detectors: data.detectors.map(
      ({ publishingDestinations, highSeverityFindings, administrator, ...d }) => ({
        ...d,
        ...(plan.has('guardduty.administrator') && administrator ? { administrator } : {}),
        ...(plan.has('guardduty.publishing-destinations') && publishingDestinations
          ? { publishingDestinations }
          : {}),
        ...(plan.has('guardduty.findings') && highSeverityFindings ? { highSeverityFindings } : {}),
      }),
    ),
  };
}

function narrowLambda(data: LambdaRegion, plan: ReadPlan): LambdaRegion {
  const out: LambdaRegion = {
    accountSettings: data.accountSettings,
    functions: data.functions.map((fn) => narrowFunction(fn, plan)),
  };
  if (data.accountSettingsError) out.accountSettingsError = data.accountSettingsError;
  if (plan.has('lambda.event-source-mappings') && data.eventSourceMappings)
    out.eventSourceMappings = data.eventSourceMappings;
  if (plan.has('lambda.code-signing') && data.codeSigningConfigs)
    out.codeSigningConfigs = data.codeSigningConfigs;
  if (plan.has('lambda.layers') && data.layers) out.layers = narrowLayers(data.layers, plan);
  if (plan.has('lambda.vpc-subnets') && data.subnets) out.subnets = data.subnets;
  if (plan.has('lambda.layer-code') && data.layerCode) out.layerCode = data.layerCode;
  return out;
}

/** The layers as listed, each version's policy only when the plan asked for it. */
function narrowLayers(layers: NonNullable<LambdaRegion['layers']>, plan: ReadPlan): LambdaRegion['layers'] {
  if (!layers.ok || plan.has('lambda.layer-policies')) return layers;
  return {
    ok: true,
    value: layers.value.map((l) =>
      l.versions.ok
        ? { ...l, versions: { ok: true, value: l.versions.value.map(({ policy: _policy, ...v }) => v) } }
        : l,
    ),
  };
}

function narrowFunction(fn: LambdaFunction, plan: ReadPlan): LambdaFunction {
  const {
    environment,
    policy,
    urlConfigs,
    reservedConcurrency,
    codeSigningConfigArn,
    eventInvokeConfigs,
    recursiveLoop,
    tags,
    tagKeys,
    code,
    versions,
    aliases,
    ...config
  } = fn;
  const out: LambdaFunction = { ...config };
  if (plan.has('lambda.environment') && environment) out.environment = environment;
  if (plan.has('lambda.policies') && policy) out.policy = policy;
  if (plan.has('lambda.urls') && urlConfigs) out.urlConfigs = narrowUrls(urlConfigs, plan);
  if (plan.has('lambda.reserved-concurrency') && reservedConcurrency)
    out.reservedConcurrency = reservedConcurrency;
  if (plan.has('lambda.code-signing') && codeSigningConfigArn)
    out.codeSigningConfigArn = codeSigningConfigArn;
  if (plan.has('lambda.event-invoke-configs') && eventInvokeConfigs)
    out.eventInvokeConfigs = eventInvokeConfigs;
  if (plan.has('lambda.recursion-config') && recursiveLoop) out.recursiveLoop = recursiveLoop;
  if (plan.has('lambda.tags') && tags) out.tags = tags;
  if (plan.has('lambda.tags') && tagKeys) out.tagKeys = tagKeys;
  if (plan.has('lambda.code') && code) out.code = code;
  if (plan.has('lambda.versions') && versions) out.versions = withoutPolicies(versions, plan);
  if (plan.has('lambda.aliases') && aliases) out.aliases = withoutPolicies(aliases, plan);
  return out;
}

/** An alias URL's policy is read with the URL only when the plan reads policies. */
function narrowUrls(
  urls: NonNullable<LambdaFunction['urlConfigs']>,
  plan: ReadPlan,
): LambdaFunction['urlConfigs'] {
  if (!urls.ok || plan.has('lambda.policies')) return urls;
  return { ok: true, value: urls.value.map(({ policy: _policy, ...u }) => u) };
}

/** Versions or aliases, each with its own policy only when the plan asked for the qualifiers' policies. */
function withoutPolicies<T extends { policy?: unknown }>(read: Fetched<T[]>, plan: ReadPlan): Fetched<T[]> {
  if (!read.ok || plan.has('lambda.qualifier-policies')) return read;
  return { ok: true, value: read.value.map(({ policy: _policy, ...q }) => q as T) };
}

function narrowIam(data: IamData, plan: ReadPlan): IamData {
  const out: IamData = {};
  if (plan.has('iam.authorization') && data.authorization) out.authorization = data.authorization;
  if (plan.has('iam.credential-report') && data.credentialReport)
    out.credentialReport = data.credentialReport;
  if (plan.has('iam.account-summary') && data.accountSummary) out.accountSummary = data.accountSummary;
  if (plan.has('iam.password-policy') && data.passwordPolicy) out.passwordPolicy = data.passwordPolicy;
  if (plan.has('iam.virtual-mfa-devices') && data.virtualMfaDevices)
    out.virtualMfaDevices = data.virtualMfaDevices;
  if (plan.has('iam.server-certificates') && data.serverCertificates)
    out.serverCertificates = data.serverCertificates;
  return out;
}
