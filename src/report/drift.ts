/**
 * Configuration drift between two inventories of one account: functions added or removed, code
 * changed (and whether a published version carries the new code, when the newer scan read the
 * versions), security-relevant configuration changed, resource policy statements added or removed
 * (and whether the change opened the function to the public or to other accounts), function URLs
 * added, removed or re-authed, code signing removed. Each change carries before and after in its
 * evidence — never a value that can hold a secret: environment variables compare by name, and by
 * value only when both scans fingerprinted every value with one fingerprint key (then the changed
 * names are listed; the values are never kept, and the fingerprints stay in the inventories).
 *
 * Only what both scans read is compared: a function in a region the newer scan could not list is
 * not "removed", and a policy that could not be read in either scan is not "changed" — such pairs
 * are counted in `notCompared`, never reported as drift or as no drift.
 */
import { compareText } from '../inventory/order.js';
import type { Inventory, LambdaFunction, ParsedPolicy, PolicyStatement } from '../inventory/schema.js';
import { accountGrants } from '../policy/account-grants.js';
import { policyExposure } from '../policy/resource-policy.js';
import type { DriftSection } from './schema.js';

type DriftItem = DriftSection['items'][number];

export function inventoryDrift(before: Inventory, after: Inventory): DriftSection {
  const items: DriftItem[] = [];
  let notCompared = 0;
  const counts = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  const regions = [...new Set([...Object.keys(before.regions), ...Object.keys(after.regions)])].sort();
  const unreadRegions: string[] = [];
  // Values compare only when both scans fingerprinted them with one key (io/fingerprint-key.ts).
  const keyId = after.scan.fingerprintKeyId;
  const valuesCompare = keyId !== undefined && before.scan.fingerprintKeyId === keyId;
  for (const region of regions) {
    const a = before.regions[region]?.lambda;
    const b = after.regions[region]?.lambda;
    if (a?.status !== 'ok' || b?.status !== 'ok') {
      unreadRegions.push(region);
      continue;
    }
    const old = new Map(a.data.functions.map((f) => [f.arn, f]));
    const now = new Map(b.data.functions.map((f) => [f.arn, f]));
    for (const [arn, fn] of now) {
      const prev = old.get(arn);
      if (!prev) {
        counts.added++;
        items.push(item(fn, 'function-added', null, { runtime: fn.runtime, roleArn: fn.roleArn }));
        continue;
      }
      const changes = functionChanges(prev, fn, after.scan.accountId, valuesCompare);
      notCompared += changes.notCompared;
      if (changes.items.length > 0) counts.changed++;
      else counts.unchanged++;
      items.push(...changes.items);
    }
    for (const [arn, fn] of old) {
      if (now.has(arn)) continue;
      counts.removed++;
      items.push(item(fn, 'function-removed', { runtime: fn.runtime, roleArn: fn.roleArn }, null));
    }
  }
  items.sort(
    (x, y) =>
      compareText(x.region, y.region) ||
      compareText(x.arn, y.arn) ||
      KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind),
  );
  return { functions: counts, notCompared, unreadRegions, items };
}

const KIND_ORDER: DriftItem['kind'][] = [
  'function-added',
  'function-removed',
  'code-changed',
  'configuration-changed',
  'policy-changed',
  'url-added',
  'url-removed',
  'url-auth-changed',
  'code-signing-removed',
  'code-signing-changed',
];

function item(
  fn: LambdaFunction,
  kind: DriftItem['kind'],
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  extra: Partial<Pick<DriftItem, 'opened' | 'codePublished'>> = {},
): DriftItem {
  const i: DriftItem = {
    kind,
    arn: fn.arn,
    name: fn.name,
    region: fn.region,
    before,
    after,
    opened: extra.opened ?? [],
  };
  if (extra.codePublished !== undefined) i.codePublished = extra.codePublished;
  return i;
}

/**
 * The published versions whose code is `codeSha256` (a version's CodeSha256 is its code's, fixed
 * when published: an older version counts too, as after a rollback to it); null when the scan did
 * not read the versions (--deep), so whether any carries the code is not known.
 */
function versionsWithCode(fn: LambdaFunction, codeSha256: string): string[] | null {
  if (!fn.versions?.ok) return null;
  return fn.versions.value.filter((v) => v.codeSha256 === codeSha256).map((v) => v.version);
}

/** The configuration fields whose change alters what the function runs, as whom, or where. */
function configurationOf(fn: LambdaFunction) {
  return {
    packageType: fn.packageType,
    runtime: fn.runtime,
    handler: fn.handler,
    roleArn: fn.roleArn,
    layers: fn.layers.map((l) => l.arn).sort(),
    kmsKeyArn: fn.kmsKeyArn,
    vpc: fn.vpc
      ? { subnetIds: [...fn.vpc.subnetIds].sort(), securityGroupIds: [...fn.vpc.securityGroupIds].sort() }
      : null,
  };
}

function functionChanges(
  prev: LambdaFunction,
  fn: LambdaFunction,
  accountId: string,
  valuesCompare: boolean,
) {
  const items: DriftItem[] = [];
  let notCompared = 0;

  if (prev.codeSha256 !== null && fn.codeSha256 !== null && prev.codeSha256 !== fn.codeSha256) {
    const published = versionsWithCode(fn, fn.codeSha256);
    items.push(
      item(
        fn,
        'code-changed',
        { codeSha256: prev.codeSha256, lastModified: prev.lastModified },
        {
          codeSha256: fn.codeSha256,
          lastModified: fn.lastModified,
          ...(published !== null ? { publishedAs: published } : {}),
        },
        {
          codePublished: published === null ? 'unknown' : published.length > 0 ? 'published' : 'unpublished',
        },
      ),
    );
  }

  const c0 = configurationOf(prev);
  const c1 = configurationOf(fn);
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of Object.keys(c1) as Array<keyof typeof c1>) {
    if (JSON.stringify(c0[key]) !== JSON.stringify(c1[key])) {
      before[key] = c0[key];
      after[key] = c1[key];
    }
  }
  if (prev.environment?.ok && fn.environment?.ok) {
    const n0 = new Set(prev.environment.value.map((v) => v.name));
    const n1 = new Set(fn.environment.value.map((v) => v.name));
    const added = [...n1].filter((n) => !n0.has(n)).sort();
    const removed = [...n0].filter((n) => !n1.has(n)).sort();
    if (added.length > 0 || removed.length > 0) {
      before.environmentVariablesRemoved = removed;
      after.environmentVariablesAdded = added;
    }
    if (valuesCompare) {
      // Names only: the fingerprints themselves stay in the inventories.
      const was = new Map(prev.environment.value.map((v) => [v.name, v.valueFingerprint]));
      const changed = fn.environment.value
        .filter((v) => was.has(v.name) && was.get(v.name) !== v.valueFingerprint)
        .map((v) => v.name)
        .sort(compareText);
      if (changed.length > 0) after.environmentValuesChanged = changed;
    }
  } else if (prev.environment !== undefined || fn.environment !== undefined) {
    notCompared++;
  }
  if (Object.keys(after).length > 0) items.push(item(fn, 'configuration-changed', before, after));

  if (prev.policy?.ok && fn.policy?.ok) {
    const change = policyChange(prev.policy.value, fn.policy.value, accountId);
    if (change)
      items.push(item(fn, 'policy-changed', change.before, change.after, { opened: change.opened }));
  } else if (prev.policy !== undefined || fn.policy !== undefined) {
    notCompared++;
  }

  if (prev.urlConfigs?.ok && fn.urlConfigs?.ok) {
    const u0 = new Map(prev.urlConfigs.value.map((u) => [u.url, u]));
    const u1 = new Map(fn.urlConfigs.value.map((u) => [u.url, u]));
    for (const [url, u] of u1) {
      const was = u0.get(url);
      if (!was) items.push(item(fn, 'url-added', null, { url, authType: u.authType }));
      else if (was.authType !== u.authType)
        items.push(
          item(fn, 'url-auth-changed', { url, authType: was.authType }, { url, authType: u.authType }),
        );
    }
    for (const [url, u] of u0) {
      if (!u1.has(url)) items.push(item(fn, 'url-removed', { url, authType: u.authType }, null));
    }
  } else if (prev.urlConfigs !== undefined || fn.urlConfigs !== undefined) {
    notCompared++;
  }

  if (prev.codeSigningConfigArn?.ok && fn.codeSigningConfigArn?.ok) {
    const was = prev.codeSigningConfigArn.value;
    const is = fn.codeSigningConfigArn.value;
    if (was !== null && is === null)
      items.push(
        item(fn, 'code-signing-removed', { codeSigningConfigArn: was }, { codeSigningConfigArn: null }),
      );
    else if (was !== is)
      items.push(
        item(fn, 'code-signing-changed', { codeSigningConfigArn: was }, { codeSigningConfigArn: is }),
      );
  } else if (prev.codeSigningConfigArn !== undefined || fn.codeSigningConfigArn !== undefined) {
    notCompared++;
  }
  return { items, notCompared };
}

/** Statements added and removed (compared whole), and what the new document newly opens. */
function policyChange(before: ParsedPolicy | null, after: ParsedPolicy | null, accountId: string) {
  const statements = (p: ParsedPolicy | null): PolicyStatement[] => (p?.parsed ? p.document.Statement : []);
  const key = (s: PolicyStatement) => canonical(s);
  const s0 = new Map(statements(before).map((s) => [key(s), s]));
  const s1 = new Map(statements(after).map((s) => [key(s), s]));
  const added = [...s1].filter(([k]) => !s0.has(k)).map(([, s]) => s);
  const removed = [...s0].filter(([k]) => !s1.has(k)).map(([, s]) => s);
  const unparsed = (p: ParsedPolicy | null) => (p !== null && !p.parsed ? p.reason : null);
  if (added.length === 0 && removed.length === 0 && unparsed(before) === unparsed(after)) return null;
  return {
    before: { statementsRemoved: removed, ...(unparsed(before) ? { unparsed: unparsed(before) } : {}) },
    after: { statementsAdded: added, ...(unparsed(after) ? { unparsed: unparsed(after) } : {}) },
    opened: [...openings(after, accountId)].filter((o) => !openings(before, accountId).has(o)).sort(),
  };
}

/** What a document lets outside the account do: public / any account / named other accounts. */
function openings(policy: ParsedPolicy | null, accountId: string): Set<string> {
  const out = new Set<string>();
  if (!policy?.parsed) return out;
  for (const e of policyExposure(policy.document).exposures) out.add(e.exposure.kind);
  for (const g of accountGrants(policy.document, { accountId })) {
    if (g.kind === 'other-account') for (const a of g.accounts) out.add(`account:${a}`);
    else if (g.kind === 'organization') for (const o of g.organizations) out.add(`organization:${o}`);
  }
  return out;
}

/** JSON with object keys sorted, so the same statement written in another order compares equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    // Lists of names (Action, Resource, principals, condition values) are sets to IAM.
    const items = value.every((v) => typeof v === 'string') ? [...value].sort() : value;
    return `[${items.map(canonical).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareText(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
