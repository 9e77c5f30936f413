/**
 * The ground truth of a generated account: every misconfiguration a correct scan must report
 * (findings) and every clean resource built to resemble one (look-alikes, which must not be
 * reported). Facts that are plain data (a runtime, a key's age, a role's users) are recomputed
 * here from the final model; only what needs the generator's intent (which env var is a planted
 * secret, which policy statement is public) arrives as intents.
 */

import publisherData from '../../data/trusted-layer-publishers.json' with { type: 'json' };
import { runtimeTable, utcDay } from '../../src/data/runtimes.js';
import type { PolicyDoc, SimAccessKey, SimAccount, SimFunction, SimRole } from './account.js';
import { DAY_MS, rootCredentialsRemoved } from './account.js';
import type { FactSink } from './facts/group.js';
import { FACT_GROUPS, type GroupCheckId } from './facts/index.js';
import { SCENARIO_PATH } from './gen-escalation.js';

/** The checks whose ground truth this file computes; the fact groups (facts/) add theirs. */
const CORE_IDS = [
  'lambda.cross-account-grant',
  'lambda.function-url-auth-none',
  'lambda.public-resource-policy',
  'lambda.runtime-deprecated',
  'lambda.env-secrets',
  'lambda.env-default-credential',
  'lambda.admin-execution-role',
  'lambda.shared-execution-role',
  'lambda.reserved-concurrency-unset',
  'lambda.code-signing-disabled',
  'lambda.foreign-layer',
  'iam.root-mfa',
  'iam.root-access-key',
  'iam.user-console-no-mfa',
  'iam.access-key-rotation',
  'iam.access-key-unused',
  'iam.password-policy',
  'iam.role-trust-any-principal',
  'iam.role-trust-cross-account',
  'iam.role-trust-own-account',
  'iam.role-trust-confused-deputy',
  'iam.role-admin-equivalent',
  'iam.privilege-escalation',
  'iam.privilege-escalation-latent',
  'lambda.modify-any-function',
  'lambda.modifiable-without-mfa',
  'lambda.modifiable-by-stale-key',
  'guardduty.enabled',
  'guardduty.lambda-protection',
] as const;
type CoreId = (typeof CORE_IDS)[number];
export type CheckId = CoreId | GroupCheckId;
export const CHECK_IDS: readonly CheckId[] = [
  ...CORE_IDS,
  ...FACT_GROUPS.flatMap((g): readonly CheckId[] => g.ids),
];

export interface ManifestFinding {
  checkId: CheckId;
  resourceArn: string;
  /** null for account-wide (IAM) resources. */
  region: string | null;
  note: string;
}

export interface ManifestLookAlike {
  checkId: CheckId;
  resourceArn: string;
  note: string;
}

/** A (check, resource) the check does not concern: a correct scan answers not_applicable. */
export interface ManifestNotApplicable {
  checkId: CheckId;
  resourceArn: string;
  note: string;
}

export interface Manifest {
  seed: number;
  accountId: string;
  now: string;
  findings: ManifestFinding[];
  lookAlikes: ManifestLookAlike[];
  notApplicable: ManifestNotApplicable[];
  /** Findings per check id (every id present, zero included). */
  counts: Record<CheckId, number>;
  /** Checks that cannot have a finding at this account's `now` (see FactGroup.unplantable). */
  unplantable: { checkId: CheckId; reason: string }[];
}

/** What the generator meant, for facts the model alone cannot tell. */
export interface Intent {
  kind: 'finding' | 'lookAlike';
  checkId: CheckId;
  resourceArn: string;
  region: string | null;
  note: string;
}

const ROTATION_DAYS = 90;
const UNUSED_NEVER_DAYS = 7;
const UNUSED_DAYS = 90;
const MIN_PASSWORD_LENGTH = 14;
const MIN_REUSE_PREVENTION = 24;

export function buildManifest(account: SimAccount, seed: number, intents: Intent[]): Manifest {
  const findings: ManifestFinding[] = [];
  const looks: ManifestLookAlike[] = [];
  const add = (checkId: CheckId, resourceArn: string, region: string | null, note: string) =>
    findings.push({ checkId, resourceArn, region, note });
  const look = (checkId: CheckId, resourceArn: string, note: string) =>
    looks.push({ checkId, resourceArn, note });

  for (const i of intents) {
    if (i.kind === 'finding') add(i.checkId, i.resourceArn, i.region, i.note);
    else look(i.checkId, i.resourceArn, i.note);
  }

  lambdaFacts(account, add, look);
  layerFacts(account, add, look);
  iamFacts(account, add, look);
  guardDutyFacts(account, add, look);
  const notApplicable = notApplicableFacts(account);
  const na = (checkId: CheckId, resourceArn: string, note: string) =>
    notApplicable.push({ checkId, resourceArn, note });
  accessFacts(account, add, na);
  const sink: FactSink<CheckId> = { finding: add, lookAlike: look, notApplicable: na };
  const coreFailing = new Set(findings.map((f) => `${f.checkId} ${f.resourceArn}`));
  const core = { fails: (checkId: string, arn: string) => coreFailing.has(`${checkId} ${arn}`) };
  const unplantable: Manifest['unplantable'] = [];
  for (const group of FACT_GROUPS) {
    group.facts(account, sink, core);
    unplantable.push(...(group.unplantable?.(account) ?? []));
    for (const region of account.regions) {
      if ((account.lambda[region]?.functions ?? []).length > 0) continue;
      const scope = `arn:aws:lambda:${region}:${account.accountId}:function:*`;
      for (const id of group.functionChecks) na(id, scope, `no functions in ${region}`);
    }
  }

  // A look-alike must be clean for its check: drop any that the same check also fails.
  const failing = new Set(findings.map((f) => `${f.checkId} ${f.resourceArn}`));
  const lookAlikes = looks.filter((l) => !failing.has(`${l.checkId} ${l.resourceArn}`));

  const order = (a: { checkId: string; resourceArn: string; note: string }, b: typeof a) =>
    a.checkId.localeCompare(b.checkId) ||
    a.resourceArn.localeCompare(b.resourceArn) ||
    a.note.localeCompare(b.note);
  findings.sort(order);
  lookAlikes.sort(order);
  notApplicable.sort(order);
  const counts = Object.fromEntries(CHECK_IDS.map((id) => [id, 0])) as Record<CheckId, number>;
  for (const f of findings) counts[f.checkId]++;
  return {
    seed,
    accountId: account.accountId,
    now: account.now,
    findings,
    lookAlikes,
    notApplicable,
    counts,
    unplantable,
  };
}

/** Checks that judge every function, and so answer not_applicable for a region without any. */
const FUNCTION_CHECKS: readonly CoreId[] = [
  'lambda.admin-execution-role',
  'lambda.modifiable-by-stale-key',
  'lambda.modifiable-without-mfa',
  'lambda.code-signing-disabled',
  'lambda.cross-account-grant',
  'lambda.env-default-credential',
  'lambda.env-secrets',
  'lambda.foreign-layer',
  'lambda.function-url-auth-none',
  'lambda.public-resource-policy',
  'lambda.reserved-concurrency-unset',
  'lambda.runtime-deprecated',
  'lambda.shared-execution-role',
];

/**
 * What the checks do not concern, from the final model: a function without a URL, environment
 * variables or layers; a container image (no managed runtime, no Lambda code signing); an IAM user
 * without an active key or a console password; a function whose execution role was deleted; a region
 * without functions; an account without users;
 * a role that trusts no other account, not its own root, or no service.
 */
function notApplicableFacts(account: SimAccount): ManifestNotApplicable[] {
  const out: ManifestNotApplicable[] = [];
  const na = (checkId: CheckId, resourceArn: string, note: string) =>
    out.push({ checkId, resourceArn, note });
  const roleArns = new Set(account.iam.roles.map((r) => r.arn));
  for (const region of account.regions) {
    const functions = account.lambda[region]?.functions ?? [];
    if (functions.length === 0) {
      const scope = `arn:aws:lambda:${region}:${account.accountId}:function:*`;
      for (const id of FUNCTION_CHECKS) na(id, scope, `no functions in ${region}`);
    }
    for (const fn of functions) {
      if (!fn.url) na('lambda.function-url-auth-none', fn.arn, 'no function URL');
      if (!fn.policy) na('lambda.cross-account-grant', fn.arn, 'no resource policy');
      if (!fn.env || Object.keys(fn.env).length === 0) {
        na('lambda.env-secrets', fn.arn, 'no environment variables');
        na('lambda.env-default-credential', fn.arn, 'no environment variables');
      }
      if (fn.layers.length === 0) na('lambda.foreign-layer', fn.arn, 'no layers');
      // A deleted execution role grants nothing: there is no role to judge (facts/lambda-exposure.ts plants one).
      if (!roleArns.has(fn.roleArn))
        na('lambda.admin-execution-role', fn.arn, 'execution role does not exist');
      if (fn.packageType === 'Image') {
        na('lambda.runtime-deprecated', fn.arn, 'container image: no managed runtime');
        na(
          'lambda.code-signing-disabled',
          fn.arn,
          'container image: Lambda code signing applies to .zip only',
        );
      }
    }
  }
  const { users } = account.iam;
  if (users.length === 0) {
    const scope = `arn:aws:iam::${account.accountId}:root`;
    for (const id of ['iam.access-key-rotation', 'iam.access-key-unused', 'iam.user-console-no-mfa'] as const)
      na(id, scope, 'the account has no IAM users');
  }
  for (const u of users) {
    if (!u.accessKeys.some((k) => k.active)) {
      na('iam.access-key-rotation', u.arn, 'no active access key');
      na('iam.access-key-unused', u.arn, 'no active access key');
    }
    if (!u.password) na('iam.user-console-no-mfa', u.arn, 'no console password');
  }
  for (const role of account.iam.roles) {
    const trusted = trustedPrincipals(role.trust);
    const ownRoot = [account.accountId, `arn:aws:iam::${account.accountId}:root`];
    if (!trusted.aws.some((p) => !p.includes(`::${account.accountId}:`) && p !== account.accountId))
      na('iam.role-trust-cross-account', role.arn, 'trusts no other account');
    if (!trusted.aws.some((p) => ownRoot.includes(p)))
      na('iam.role-trust-own-account', role.arn, 'does not trust its own account root');
    if (trusted.service.length === 0 || role.path.startsWith('/aws-service-role/'))
      na('iam.role-trust-confused-deputy', role.arn, 'trusts no AWS service');
  }
  return out;
}

/** The AWS and Service principals of a trust policy's Allow statements (the simulator writes no wildcard). */
function trustedPrincipals(trust: PolicyDoc): { aws: string[]; service: string[] } {
  const aws: string[] = [];
  const service: string[] = [];
  for (const s of trust.Statement) {
    if (s.Effect !== 'Allow' || !s.Principal || s.Principal === '*') continue;
    const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
    aws.push(...list(s.Principal.AWS));
    service.push(...list(s.Principal.Service));
  }
  return { aws, service };
}

type Add = (checkId: CheckId, arn: string, region: string | null, note: string) => void;
type Look = (checkId: CheckId, arn: string, note: string) => void;

function lambdaFacts(account: SimAccount, add: Add, look: Look): void {
  // Judged from the data file as the scanner judges it (fact groups plant runtimes beyond the catalogue's).
  const now = Date.parse(account.now);
  const runtimes = runtimeTable().byId;
  const deprecated = (runtime: string) => {
    const entry = runtimes.get(runtime);
    return entry !== undefined && utcDay(entry.deprecation) <= now;
  };
  const roles = new Map(account.iam.roles.map((r) => [r.arn, r]));
  const policyDocs = new Map(
    account.iam.policies.map((p) => [p.arn, p.versions.find((v) => v.id === p.defaultVersionId)?.document]),
  );
  const roleUse = new Map<string, number>();
  const all: SimFunction[] = [];
  for (const region of account.regions) {
    for (const fn of account.lambda[region]?.functions ?? []) {
      all.push(fn);
      roleUse.set(fn.roleArn, (roleUse.get(fn.roleArn) ?? 0) + 1);
    }
  }
  const cscs = new Map(
    account.regions.flatMap((r) =>
      (account.lambda[r]?.codeSigningConfigs ?? []).map((c) => [c.arn, c] as const),
    ),
  );
  for (const fn of all) {
    const region = fn.arn.split(':')[3] ?? null;
    // The function's URL and its aliases' (facts/lambda-qualifiers.ts plants alias URLs only
    // beside a function URL, so "no URL" stays "no function URL").
    const aliasNone = (fn.aliases ?? []).some((a) => a.url?.authType === 'NONE');
    if (fn.url?.authType === 'NONE')
      add('lambda.function-url-auth-none', fn.arn, region, 'function URL with AuthType NONE');
    else if (aliasNone)
      add('lambda.function-url-auth-none', fn.arn, region, 'alias URL with AuthType NONE (latent)');
    else if (fn.url) look('lambda.function-url-auth-none', fn.arn, 'function URL with AuthType AWS_IAM');

    if (fn.policy) {
      const grant = foreignGrant(fn.policy, account.accountId);
      if (grant) add('lambda.cross-account-grant', fn.arn, region, grant);
      else look('lambda.cross-account-grant', fn.arn, 'grants only to this account or services scoped to it');
    }

    if (fn.runtime && deprecated(fn.runtime))
      add('lambda.runtime-deprecated', fn.arn, region, `runtime ${fn.runtime}`);
    if (fn.packageType === 'Image')
      look('lambda.runtime-deprecated', fn.arn, 'container image: no managed runtime');

    const role = roles.get(fn.roleArn);
    const docs = role ? roleDocuments(role, policyDocs) : [];
    if (docs.some(allowsEverything))
      add('lambda.admin-execution-role', fn.arn, region, `role ${fn.roleArn} allows * on *`);
    else if (docs.some(serviceWildcardOnAnyResource)) {
      look('lambda.admin-execution-role', fn.arn, 'role allows logs:* on * (one service, not admin)');
    }

    const users = roleUse.get(fn.roleArn) ?? 0;
    if (users > 1)
      add('lambda.shared-execution-role', fn.arn, region, `role ${fn.roleArn} is used by ${users} functions`);

    if (fn.reservedConcurrency === null)
      add('lambda.reserved-concurrency-unset', fn.arn, region, 'no reserved concurrency');

    if (fn.packageType === 'Zip') {
      const csc = fn.codeSigningConfigArn ? cscs.get(fn.codeSigningConfigArn) : undefined;
      if (!csc) add('lambda.code-signing-disabled', fn.arn, region, 'no code signing config');
      else if (csc.untrustedArtifactOnDeployment === 'Warn') {
        add('lambda.code-signing-disabled', fn.arn, region, `code signing config ${csc.id} only warns`);
      }
    } else {
      look(
        'lambda.code-signing-disabled',
        fn.arn,
        'container image: Lambda code signing applies to .zip only',
      );
    }
  }
}

const LAYER_ARN = /^arn:([a-z-]+):lambda:([a-z0-9-]+):(\d{12}):layer:([A-Za-z0-9_-]+):([1-9]\d*)$/;

/**
 * lambda.foreign-layer: a function fails when any of its layers is owned by an account that is
 * neither this one nor an AWS-owned publisher listed for the layer's partition (the account, not
 * the region, decides: data/trusted-layer-publishers.json). Layers only from this account or from
 * AWS publishers are look-alikes.
 */
function layerFacts(account: SimAccount, add: Add, look: Look): void {
  const publishers = new Map(
    publisherData.publishers.map((p) => [`${p.partition}:${p.accountId}`, p.publisher]),
  );
  for (const region of account.regions) {
    for (const fn of account.lambda[region]?.functions ?? []) {
      if (fn.layers.length === 0) continue;
      const own: string[] = [];
      const aws: string[] = [];
      const foreign: string[] = [];
      for (const { arn } of fn.layers) {
        const m = LAYER_ARN.exec(arn);
        if (!m) throw new Error(`generator bug: ${fn.arn} has a layer ARN the manifest cannot read: ${arn}`);
        const [, partition, , owner, name, version] = m;
        const publisher = publishers.get(`${partition}:${owner}`);
        if (owner === account.accountId) own.push(`${name}:${version}`);
        else if (publisher) aws.push(`${publisher} (${owner})`);
        else foreign.push(`${owner} ${name}:${version}`);
      }
      if (foreign.length > 0) {
        add('lambda.foreign-layer', fn.arn, region, `layer(s) from another account: ${foreign.join(', ')}`);
        continue;
      }
      const parts = [
        ...(aws.length > 0 ? [`AWS-owned publisher layer: ${aws.join(', ')}`] : []),
        ...(own.length > 0 ? [`this account's layer: ${own.join(', ')}`] : []),
      ];
      look('lambda.foreign-layer', fn.arn, parts.join('; '));
    }
  }
}

/**
 * The first Allow statement of a resource policy that admits an account other than `own`, in the
 * shapes the generator writes: a wildcard or service principal without any condition (any
 * account), or an AWS principal naming another account; null when every grant is ours.
 */
function foreignGrant(doc: PolicyDoc, own: string): string | null {
  for (const st of doc.Statement) {
    if (st.Effect !== 'Allow') continue;
    // lambda:FunctionUrlAuthType says how the URL authenticates, not which account calls.
    const unconditioned = Object.values(st.Condition ?? {}).every((block) =>
      Object.keys(block).every((k) => k.toLowerCase() === 'lambda:functionurlauthtype'),
    );
    const principal = st.Principal;
    if (principal === '*') {
      if (unconditioned) return 'Principal "*" with no condition (any account)';
      continue;
    }
    for (const [type, raw] of Object.entries(principal ?? {})) {
      const values = Array.isArray(raw) ? raw : [raw];
      if (type === 'Service' && unconditioned)
        return `service ${values.join(', ')} with no condition (any account)`;
      if (type !== 'AWS') continue;
      if (values.includes('*') && unconditioned)
        return 'Principal {"AWS":"*"} with no condition (any account)';
      const foreign = values
        .map((v) => /^(?:arn:[^:]+:(?:iam|sts)::)?(\d{12})/.exec(v)?.[1])
        .find((a) => a && a !== own);
      if (foreign) return `AWS principal of account ${foreign}`;
    }
  }
  return null;
}

function roleDocuments(role: SimRole, managed: Map<string, PolicyDoc | undefined>): PolicyDoc[] {
  const docs: PolicyDoc[] = role.inlinePolicies.map((p) => p.document);
  for (const arn of role.attachedPolicyArns) {
    const doc = managed.get(arn);
    if (doc) docs.push(doc);
  }
  return docs;
}

const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

function allowsEverything(doc: PolicyDoc): boolean {
  return doc.Statement.some(
    (s) => s.Effect === 'Allow' && list(s.Action).includes('*') && list(s.Resource).includes('*'),
  );
}

function serviceWildcardOnAnyResource(doc: PolicyDoc): boolean {
  return doc.Statement.some(
    (s) =>
      s.Effect === 'Allow' &&
      list(s.Action).some((a) => /^[a-z0-9-]+:\*$/.test(a)) &&
      list(s.Resource).includes('*'),
  );
}

function iamFacts(account: SimAccount, add: Add, look: Look): void {
  const { root, users, passwordPolicy } = account.iam;
  const now = Date.parse(account.now);
  if (rootCredentialsRemoved(root)) {
    look('iam.root-mfa', root.arn, 'no MFA, but centralized root access removed every root credential');
  } else if (!root.mfa) add('iam.root-mfa', root.arn, null, 'root user has no MFA');
  if (root.accessKeys.some((k) => k.active))
    add('iam.root-access-key', root.arn, null, 'root user has an active access key');
  const keyFacts = (arn: string, keys: SimAccessKey[]) =>
    keys.forEach((k, i) => {
      if (!k.active) return;
      const slot = `access_key_${i + 1}`;
      const age = (now - Date.parse(k.createdAt)) / DAY_MS;
      if (age > ROTATION_DAYS)
        add('iam.access-key-rotation', arn, null, `${slot} last rotated ${k.createdAt}`);
      if (k.lastUsed === null && age > UNUSED_NEVER_DAYS) {
        add('iam.access-key-unused', arn, null, `${slot} never used, created ${k.createdAt}`);
      } else if (k.lastUsed && (now - Date.parse(k.lastUsed.at)) / DAY_MS > UNUSED_DAYS) {
        add('iam.access-key-unused', arn, null, `${slot} last used ${k.lastUsed.at}`);
      }
    });
  // The root user's keys are judged by iam.root-access-key alone (their remedy is deletion, not
  // rotation): iam.access-key-rotation and iam.access-key-unused cover IAM users only.
  for (const u of users) {
    if (u.password && !u.mfa) add('iam.user-console-no-mfa', u.arn, null, 'console password without MFA');
    keyFacts(u.arn, u.accessKeys);
  }
  if (!passwordPolicy) add('iam.password-policy', root.arn, null, 'no password policy');
  else {
    const weak: string[] = [];
    if (passwordPolicy.MinimumPasswordLength < MIN_PASSWORD_LENGTH) {
      weak.push(`minimum length ${passwordPolicy.MinimumPasswordLength}`);
    }
    const reuse = passwordPolicy.PasswordReusePrevention ?? 0;
    if (reuse < MIN_REUSE_PREVENTION) weak.push(`reuse prevention ${reuse}`);
    if (weak.length > 0) add('iam.password-policy', root.arn, null, weak.join(', '));
  }
}

function guardDutyFacts(account: SimAccount, add: Add, look: Look): void {
  for (const region of account.regions) {
    const arn = `arn:aws:guardduty:${region}:${account.accountId}:detector/*`;
    const d = account.guardduty[region]?.detector ?? null;
    const enabled = d !== null && d.status === 'ENABLED';
    if (!d) add('guardduty.enabled', arn, region, 'no detector');
    else if (!enabled) add('guardduty.enabled', arn, region, `detector ${d.id} is suspended`);
    const lambda = d?.features.find((f) => f.name === 'LAMBDA_NETWORK_LOGS')?.status === 'ENABLED';
    if (!enabled || !lambda) {
      add(
        'guardduty.lambda-protection',
        arn,
        region,
        enabled ? 'LAMBDA_NETWORK_LOGS disabled' : 'GuardDuty not enabled',
      );
    } else if (d?.features.find((f) => f.name === 'RUNTIME_MONITORING')?.status !== 'ENABLED') {
      look(
        'guardduty.lambda-protection',
        arn,
        'Lambda Protection on, Runtime Monitoring off (not part of Lambda Protection)',
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The IAM evaluator's checks. Rules over the shapes the generator writes (Allow statements on "*"
// or on every function, AdministratorAccess, groups); principals planted under /scenario/ with
// denies, boundaries and conditions carry their own intents (gen-escalation.ts), and only the
// rules below that the generator's shapes make exact apply to them.
// ---------------------------------------------------------------------------------------------

/** Lambda actions that change a function (src/iam/lambda-actions.ts lists the same). */
const MODIFY = [
  'lambda:UpdateFunctionCode',
  'lambda:UpdateFunctionConfiguration',
  'lambda:PutFunctionCodeSigningConfig',
  'lambda:DeleteFunctionCodeSigningConfig',
  'lambda:PutRuntimeManagementConfig',
  'lambda:DeleteFunction',
  'lambda:AddPermission',
  'lambda:RemovePermission',
  'lambda:PutResourcePolicy',
  'lambda:DeleteResourcePolicy',
  'lambda:CreateFunctionUrlConfig',
  'lambda:UpdateFunctionUrlConfig',
  'lambda:CreateAlias',
  'lambda:UpdateAlias',
  'lambda:PublishVersion',
];
/** The modify actions an escalation runs code through (code, configuration, alias, URL). */
const ESCALATING = [
  'lambda:UpdateFunctionCode',
  'lambda:UpdateFunctionConfiguration',
  'lambda:UpdateAlias',
  'lambda:UpdateFunctionUrlConfig',
];

const STALE_KEY_DAYS = 90;

interface Principal {
  kind: 'user' | 'role';
  arn: string;
  name: string;
  path: string;
  docs: PolicyDoc[];
  boundary: boolean;
  user?: { password: boolean; mfa: boolean; staleKey: boolean };
}

function accessFacts(account: SimAccount, add: Add, na: Look): void {
  const now = Date.parse(account.now);
  const managed = new Map(
    account.iam.policies.map((p) => [p.arn, p.versions.find((v) => v.id === p.defaultVersionId)?.document]),
  );
  const docsOf = (e: { inlinePolicies: { document: PolicyDoc }[]; attachedPolicyArns: string[] }) => [
    ...e.inlinePolicies.map((p) => p.document),
    ...e.attachedPolicyArns.flatMap((arn) => managed.get(arn) ?? []),
  ];
  const groups = new Map(account.iam.groups.map((g) => [g.name, docsOf(g)]));
  const principals: Principal[] = [
    ...account.iam.users.map((u) => ({
      kind: 'user' as const,
      arn: u.arn,
      name: u.name,
      path: u.path,
      docs: [...docsOf(u), ...u.groups.flatMap((g) => groups.get(g) ?? [])],
      boundary: u.permissionsBoundaryArn !== undefined,
      user: {
        password: u.password !== null,
        mfa: u.mfa,
        staleKey: u.accessKeys.some(
          (k) => k.active && (now - Date.parse(k.createdAt)) / DAY_MS > STALE_KEY_DAYS,
        ),
      },
    })),
    ...account.iam.roles.map((r) => ({
      kind: 'role' as const,
      arn: r.arn,
      name: r.name,
      path: r.path,
      docs: docsOf(r),
      boundary: r.permissionsBoundaryArn !== undefined,
    })),
  ];
  const functions = account.regions.flatMap((region) => account.lambda[region]?.functions ?? []);
  const roleDocs = new Map(account.iam.roles.map((r) => [r.arn, docsOf(r)]));
  const adminFunction = functions.some((fn) => (roleDocs.get(fn.roleArn) ?? []).some(allowsEverything));
  const isAdmin = (p: Principal) => !p.boundary && !hasDeny(p) && p.docs.some(allowsEverything);
  const adminUsers = principals.filter((p) => p.kind === 'user' && isAdmin(p));

  const universalModifiers: Principal[] = [];
  for (const p of principals) {
    if (isAdmin(p)) {
      if (p.kind === 'role') add('iam.role-admin-equivalent', p.arn, null, 'allows * on *');
      na('iam.privilege-escalation', p.arn, 'administrator-equivalent already');
      na('iam.privilege-escalation-latent', p.arn, 'administrator-equivalent already');
      if (functions.length > 0) add('lambda.modify-any-function', p.arn, null, 'allows * on *');
      universalModifiers.push(p);
      continue;
    }
    const modifies = universalActions(p, account.accountId).filter((a) => MODIFY.includes(a));
    if (modifies.length === 0) continue;
    universalModifiers.push(p);
    if (functions.length > 0)
      add('lambda.modify-any-function', p.arn, null, `${modifies.join(', ')} on every function`);
    if (adminFunction && modifies.some((a) => ESCALATING.includes(a)))
      add('iam.privilege-escalation', p.arn, null, 'can change a function whose role allows * on *');
  }
  // The key minter, the password resetter and the profile creator (gen-escalation.ts) can take
  // over administrator users (any, for a key; those with a console password, for a reset; those
  // without one, for a new password); with none, the path is latent.
  const takeovers: [string, string, Principal[]][] = [
    ['esc-key-minter', 'iam-create-access-key', adminUsers],
    ['esc-password-resetter', 'iam-update-login-profile', adminUsers.filter((u) => u.user?.password)],
    ['esc-profile-creator', 'iam-create-login-profile', adminUsers.filter((u) => !u.user?.password)],
  ];
  for (const [name, path, targets] of takeovers) {
    const p = principals.find((x) => x.path === SCENARIO_PATH && x.name === name);
    if (!p) continue;
    if (targets.length > 0)
      add('iam.privilege-escalation', p.arn, null, `${path}: administrator users exist`);
    else add('iam.privilege-escalation-latent', p.arn, null, `${path}: no administrator user to take over`);
  }

  const weak = universalModifiers.filter((p) => p.user);
  const noMfa = weak.filter((p) => p.user?.password && !p.user.mfa);
  const stale = weak.filter((p) => p.user?.staleKey);
  for (const fn of functions) {
    const region = fn.arn.split(':')[3] ?? null;
    if (noMfa.length > 0)
      add('lambda.modifiable-without-mfa', fn.arn, region, `${noMfa[0]?.name} (console, no MFA)`);
    if (stale.length > 0)
      add('lambda.modifiable-by-stale-key', fn.arn, region, `${stale[0]?.name} (key > 90 days)`);
  }
}

function hasDeny(p: Principal): boolean {
  return p.docs.some((d) => d.Statement.some((s) => s.Effect === 'Deny'));
}

/**
 * The actions a principal is allowed on every function of the account, read from the
 * generator's shapes: unconditioned Allow statements on "*" or on arn:aws:lambda:*:<account>:function:*,
 * with actions written out or as `service:*` / `*` / a trailing wildcard. Principals with a Deny
 * or a boundary are left to their intents.
 */
function universalActions(p: Principal, accountId: string): string[] {
  if (p.boundary || hasDeny(p)) return [];
  const every = new Set(['*', `arn:aws:lambda:*:${accountId}:function:*`]);
  const out = new Set<string>();
  for (const d of p.docs) {
    for (const s of d.Statement) {
      if (s.Effect !== 'Allow' || s.Condition || !list(s.Resource).some((r) => every.has(r))) continue;
      for (const pattern of list(s.Action)) {
        const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
        for (const a of MODIFY) if (re.test(a)) out.add(a);
      }
    }
  }
  return [...out];
}
