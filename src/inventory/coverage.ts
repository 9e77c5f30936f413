/**
 * Coverage is derived, not collected: every `ok: false` read and every failed slice in the
 * inventory is a gap. Deriving it means collectors cannot forget to report one, and a loaded
 * inventory's coverage always agrees with its data.
 */
import { compareGaps } from './order.js';
import type { AwsErrorInfo, CoverageGap, Fetched, Inventory } from './schema.js';

export function deriveCoverage(inventory: Inventory): CoverageGap[] {
  const gaps: CoverageGap[] = [];
  const add = (error: AwsErrorInfo, resource: string | null, region: string | null) =>
    gaps.push({ service: error.service, operation: error.operation, region, resource, error });
  const check = <T>(f: Fetched<T> | undefined, resource: string | null, region: string | null) => {
    // Absent: the plan did not include the read. Not a failed read, so not a gap.
    if (f === undefined) return;
    if (!f.ok) add(f.error, resource, region);
  };

  if (inventory.iam.status === 'error') add(inventory.iam.error, null, null);
  if (inventory.iam.status === 'ok') {
    const iam = inventory.iam.data;
    check(iam.authorization, null, null);
    check(iam.credentialReport, null, null);
    check(iam.accountSummary, null, null);
    check(iam.passwordPolicy, null, null);
    check(iam.virtualMfaDevices, null, null);
    check(iam.serverCertificates, null, null);
    check(iam.organizationsFeatures, null, null);
    if (iam.authorization?.ok) {
      for (const p of iam.authorization.value.policies) check(p.document, p.arn, null);
    }
  }
  check(inventory.account?.securityContact, null, null);
  check(inventory.account?.organization, null, null);
  check(inventory.scan.organization?.serviceControlPolicies, null, null);
  check(inventory.scan.organization?.rootAccess, null, null);
  // Read once for the organization with the caller's credentials, but a gap of every account's
  // report: its checks could not be judged without it.
  for (const [region, admins] of Object.entries(inventory.scan.organization?.guardDutyAdministrators ?? {}))
    check(admins, null, region);

  for (const region of inventory.scan.regions) {
    const r = inventory.regions[region];
    if (!r) continue;
    if (r.lambda.status === 'error') add(r.lambda.error, null, region);
    if (r.lambda.status === 'ok') {
      const data = r.lambda.data;
      if (data.accountSettingsError) add(data.accountSettingsError, null, region);
      check(data.eventSourceMappings, null, region);
      check(data.codeSigningConfigs, null, region);
      check(data.layers, null, region);
      check(data.subnets, null, region);
      if (data.layers?.ok) {
        for (const layer of data.layers.value) {
          check(layer.versions, layer.arn, region);
          if (layer.versions.ok) for (const v of layer.versions.value) check(v.policy, v.arn, region);
        }
      }
      for (const fn of data.functions) {
        check(fn.policy, fn.arn, region);
        check(fn.urlConfigs, fn.arn, region);
        check(fn.reservedConcurrency, fn.arn, region);
        check(fn.environment, fn.arn, region);
        // The code signing config is read per region; its failure is already recorded once above.
        if (fn.codeSigningConfigArn?.ok === false && data.codeSigningConfigs?.ok)
          check(fn.codeSigningConfigArn, fn.arn, region);
      }
    }
    if (r.guardduty.status === 'error') add(r.guardduty.error, null, region);
    if (r.cloudtrail?.status === 'error') add(r.cloudtrail.error, null, region);
    if (r.guardduty.status === 'ok') {
      for (const d of r.guardduty.data.detectors) {
        if (d.readError) add(d.readError, d.id, region);
        check(d.publishingDestinations, d.id, region);
        check(d.administrator, d.id, region);
        check(d.highSeverityFindings, d.id, region);
      }
    }
    if (r.accessAnalyzer?.status === 'error') add(r.accessAnalyzer.error, null, region);
  }
  return gaps.sort(compareGaps);
}
