/**
 * The IAM collector: account-wide, read once per scan. Five independent reads, run concurrently
 * (the limiter sits in the client's middleware, so nothing here paces calls):
 *
 * - GetAccountAuthorizationDetails (all pages): users, groups, roles and customer-managed
 *   policies with their documents, in ~1 call per 100 entities instead of ~6 per entity. Then
 *   GetPolicy + GetPolicyVersion, once per policy, for each managed policy that is attached (or
 *   set as a permissions boundary) but whose document GAAD did not return: in practice the
 *   AWS-managed ones. See AWS_MANAGED_NOTE below for why those are not requested from GAAD.
 * - the credential report: GenerateCredentialReport, polled until COMPLETE, then
 *   GetCredentialReport (CSV, parsed by credential-report.ts);
 * - GetAccountSummary (root MFA, root access keys);
 * - GetAccountPasswordPolicy (NoSuchEntity means the account has none: ok(null), a finding);
 * - ListVirtualMFADevices (all pages, assigned or not);
 * - ListServerCertificates (metadata only);
 * - ListOrganizationsFeatures (centralized root access), whose documented "not from this account"
 *   errors are answers (see OrganizationsFeatures in schema.ts).
 *
 * Outcome: each read is its own `Fetched`, so one denied call (say GAAD) leaves the other four
 * usable and shows up as coverage, not as an empty account. A read the plan leaves out is not
 * made and stays absent. The slice is `error` only when every planned read failed: then there
 * is nothing to evaluate, and it carries the first error (GAAD's when it was planned: the read
 * most checks depend on). An abort (opts.signal) is not a failed read: it propagates.
 */

import { setTimeout as sleep } from 'node:timers/promises';
import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  type GroupDetail,
  type IAMClient,
  ListOrganizationsFeaturesCommand,
  type ManagedPolicyDetail,
  type PolicyDetail,
  paginateGetAccountAuthorizationDetails,
  paginateListServerCertificates,
  paginateListVirtualMFADevices,
  type RoleDetail,
  type UserDetail,
} from '@aws-sdk/client-iam';
import { ReadPlan } from '../inventory/reads.js';
import type {
  AccountSummary,
  AuthorizationDetails,
  AwsErrorInfo,
  CredentialReport,
  Fetched,
  IamData,
  IamGroup,
  IamRole,
  IamUser,
  Inventory,
  ManagedPolicy,
  OrganizationsFeatures,
  ParsedPolicy,
  PasswordPolicy,
  ServerCertificate,
} from '../inventory/schema.js';
import { parsePolicy } from '../policy/parse.js';
import { CredentialReportParseError, parseCredentialReport } from './credential-report.js';
import { read } from './read.js';

/** What this collector needs from the scan session (src/aws/clients.ts provides more). */
export type IamSession = { iam(): IAMClient };

export interface CollectIamOptions {
  /** Which IAM reads to make (default: all of them). */
  plan?: ReadPlan;
  /** The scan clock, for a report that comes without its generation time. */
  clock?: () => Date;
  onProgress?: (e: { phase: string; message: string }) => void;
  signal?: AbortSignal;
  /** Wait between credential-report polls. Default 2000. */
  pollIntervalMs?: number;
  /** Give up on the credential report after this long. Default 60000. */
  maxPollMs?: number;
}

const SERVICE = 'iam';
const DEFAULT_POLL_INTERVAL_MS = 2_000;
const DEFAULT_MAX_POLL_MS = 60_000;
const FIRST_POLL_WAIT_MS = 250;

/*
 * AWS_MANAGED_NOTE. GAAD's Filter also accepts AWSManagedPolicy, which would save the
 * GetPolicy/GetPolicyVersion pair per attached AWS-managed policy. We do not use it: the API
 * reference (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html)
 * only says "Only the entities that match the types you specify are included in the output"; it
 * does not say whether AWS-managed policies are limited to those attached in the account, and
 * public tools disagree (some rely on "attached only", others report all ~1,300 being returned).
 * If all are returned, each with every version's document, that is a dozen or more extra large
 * pages per scan; the per-policy pair costs 2 calls for each of the (typically few dozen)
 * policies actually attached, and is correct either way.
 */
const GAAD_FILTER = ['User', 'Role', 'Group', 'LocalManagedPolicy'] as const;

interface Ctx {
  client: IAMClient;
  signal: AbortSignal | undefined;
  progress: (message: string) => void;
  pollIntervalMs: number;
  maxPollMs: number;
  /** Credential-report polls so far (the wait grows with them). */
  polls: number;
  clock: () => Date;
}

export async function collectIam(
  session: IamSession,
  opts: CollectIamOptions = {},
): Promise<Inventory['iam']> {
  opts.signal?.throwIfAborted();
  const ctx: Ctx = {
    client: session.iam(),
    signal: opts.signal,
    progress: (message) => opts.onProgress?.({ phase: 'iam', message }),
    pollIntervalMs: opts.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    maxPollMs: opts.maxPollMs ?? DEFAULT_MAX_POLL_MS,
    polls: 0,
    clock: opts.clock ?? (() => new Date()),
  };
  const plan = opts.plan ?? ReadPlan.all();
  const planned = <T>(read: Parameters<ReadPlan['has']>[0], make: () => Promise<Fetched<T>>) =>
    plan.has(read) ? make() : Promise.resolve(undefined);

  const [
    authorization,
    credentialReport,
    accountSummary,
    passwordPolicy,
    virtualMfaDevices,
    serverCertificates,
    organizationsFeatures,
  ] = await Promise.all([
    planned('iam.authorization', () => readAuthorization(ctx)),
    planned('iam.credential-report', () => readCredentialReport(ctx)),
    planned('iam.account-summary', () => readAccountSummary(ctx)),
    planned('iam.password-policy', () => readPasswordPolicy(ctx)),
    planned('iam.virtual-mfa-devices', () => readVirtualMfaDevices(ctx)),
    planned('iam.server-certificates', () => readServerCertificates(ctx)),
    planned('iam.organizations-features', () => readOrganizationsFeatures(ctx)),
  ]);
  const data: IamData = {};
  if (authorization) data.authorization = authorization;
  if (credentialReport) data.credentialReport = credentialReport;
  if (accountSummary) data.accountSummary = accountSummary;
  if (passwordPolicy) data.passwordPolicy = passwordPolicy;
  if (virtualMfaDevices) data.virtualMfaDevices = virtualMfaDevices;
  if (serverCertificates) data.serverCertificates = serverCertificates;
  if (organizationsFeatures) data.organizationsFeatures = organizationsFeatures;

  const reads: Fetched<unknown>[] = [];
  for (const r of [
    authorization,
    credentialReport,
    accountSummary,
    passwordPolicy,
    virtualMfaDevices,
    serverCertificates,
    organizationsFeatures,
  ]) {
    if (r) reads.push(r);
  }
  const failures = reads.flatMap((r) => (r.ok ? [] : [r.error]));
  const first = failures[0];
  if (first && failures.length === reads.length) return { status: 'error', error: first };
  return { status: 'ok', data };
}

/** SDK send options: pass the abort signal through so an interrupted scan stops in-flight calls. */
function sendOpts(ctx: Ctx) {
  return ctx.signal ? { abortSignal: ctx.signal } : {};
}

// ---------------------------------------------------------------------------------------------
// GetAccountAuthorizationDetails
// ---------------------------------------------------------------------------------------------

interface RawDetails {
  users: UserDetail[];
  groups: GroupDetail[];
  roles: RoleDetail[];
  policies: ManagedPolicyDetail[];
}

async function readAuthorization(ctx: Ctx): Promise<Fetched<AuthorizationDetails>> {
  ctx.progress('reading authorization details');
  const raw = await read(SERVICE, 'GetAccountAuthorizationDetails', undefined, async () => {
    const out: RawDetails = { users: [], groups: [], roles: [], policies: [] };
    // The paginator has no abort hook of its own: check between pages.
    // 1,000 items a page (the API's maximum, default 100): ~10x fewer calls on a large account.
    for await (const page of paginateGetAccountAuthorizationDetails(
      { client: ctx.client, pageSize: 1000 },
      { Filter: [...GAAD_FILTER] },
    )) {
      ctx.signal?.throwIfAborted();
      out.users.push(...(page.UserDetailList ?? []));
      out.groups.push(...(page.GroupDetailList ?? []));
      out.roles.push(...(page.RoleDetailList ?? []));
      out.policies.push(...(page.Policies ?? []));
    }
    return out;
  });
  if (!raw.ok) return raw;

  const { users, groups, roles, policies } = raw.value;
  const mapped: AuthorizationDetails = {
    users: users.map(mapUser),
    groups: groups.map(mapGroup),
    roles: roles.map(mapRole),
    policies: policies.map(mapGaadPolicy),
  };

  // Every managed policy referenced by an identity, with how many references we saw (used as the
  // attachment count if GetPolicy itself fails).
  const referenced = new Map<string, { name: string; count: number }>();
  const reference = (arn: string | undefined, name: string | undefined) => {
    if (!arn) return;
    const seen = referenced.get(arn);
    if (seen) seen.count += 1;
    else referenced.set(arn, { name: name ?? policyNameFromArn(arn), count: 1 });
  };
  for (const e of [...users, ...groups, ...roles]) {
    for (const p of e.AttachedManagedPolicies ?? []) reference(p.PolicyArn, p.PolicyName);
  }
  // A boundary caps what an identity may do, so checks need its document as much as a grant's.
  for (const e of [...users, ...roles]) reference(e.PermissionsBoundary?.PermissionsBoundaryArn, undefined);

  const known = new Set(mapped.policies.map((p) => p.arn));
  const missing = [...referenced].filter(([arn]) => !known.has(arn));
  if (missing.length > 0) {
    ctx.progress(
      `reading ${missing.length} attached managed policies not returned by GetAccountAuthorizationDetails`,
    );
    const fetched = await Promise.all(
      missing.map(([arn, ref]) => fetchManagedPolicy(ctx, arn, ref.name, ref.count)),
    );
    mapped.policies.push(...fetched);
  }
  ctx.progress(
    `authorization details: ${mapped.users.length} users, ${mapped.groups.length} groups, ` +
      `${mapped.roles.length} roles, ${mapped.policies.length} managed policies`,
  );
  return { ok: true, value: mapped };
}

function mapUser(u: UserDetail): IamUser {
  return {
    name: u.UserName ?? '',
    arn: u.Arn ?? '',
    id: u.UserId ?? '',
    path: u.Path ?? '/',
    createdAt: isoOrEpoch(u.CreateDate),
    groups: u.GroupList ?? [],
    attachedPolicies: attached(u.AttachedManagedPolicies),
    inlinePolicies: inline(u.UserPolicyList),
    permissionsBoundaryArn: u.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
  };
}

function mapGroup(g: GroupDetail): IamGroup {
  return {
    name: g.GroupName ?? '',
    arn: g.Arn ?? '',
    attachedPolicies: attached(g.AttachedManagedPolicies),
    inlinePolicies: inline(g.GroupPolicyList),
  };
}

function mapRole(r: RoleDetail): IamRole {
  return {
    name: r.RoleName ?? '',
    arn: r.Arn ?? '',
    id: r.RoleId ?? '',
    path: r.Path ?? '/',
    createdAt: isoOrEpoch(r.CreateDate),
    trustPolicy: r.AssumeRolePolicyDocument === undefined ? null : parsePolicy(r.AssumeRolePolicyDocument),
    attachedPolicies: attached(r.AttachedManagedPolicies),
    inlinePolicies: inline(r.RolePolicyList),
    permissionsBoundaryArn: r.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
    // RoleLastUsed is {} for a role never used (or not in the tracking window).
    lastUsed: { at: iso(r.RoleLastUsed?.LastUsedDate), region: r.RoleLastUsed?.Region ?? null },
  };
}

function mapGaadPolicy(p: ManagedPolicyDetail): ManagedPolicy {
  const arn = p.Arn ?? '';
  const version = p.PolicyVersionList?.find((v) => v.IsDefaultVersion);
  return {
    arn,
    name: p.PolicyName ?? policyNameFromArn(arn),
    awsManaged: isAwsManaged(arn),
    attachmentCount: p.AttachmentCount ?? 0,
    defaultVersionId: p.DefaultVersionId ?? null,
    document:
      version?.Document === undefined
        ? {
            ok: false,
            error: missingDocument(
              'GetAccountAuthorizationDetails',
              'no default version document was returned',
            ),
          }
        : { ok: true, value: parsePolicy(version.Document) },
  };
}

/** GetPolicy (for the default version id) then GetPolicyVersion (for the document). */
async function fetchManagedPolicy(
  ctx: Ctx,
  arn: string,
  name: string,
  seenAttachments: number,
): Promise<ManagedPolicy> {
  const base = {
    arn,
    name,
    awsManaged: isAwsManaged(arn),
    attachmentCount: seenAttachments,
    defaultVersionId: null,
  };
  const policy = await read(SERVICE, 'GetPolicy', undefined, () =>
    ctx.client.send(new GetPolicyCommand({ PolicyArn: arn }), sendOpts(ctx)),
  );
  if (!policy.ok) return { ...base, document: policy };
  const p = policy.value.Policy;
  const versionId = p?.DefaultVersionId ?? null;
  const out = {
    ...base,
    name: p?.PolicyName ?? name,
    attachmentCount: p?.AttachmentCount ?? seenAttachments,
    defaultVersionId: versionId,
  };
  if (versionId === null) {
    return {
      ...out,
      document: { ok: false, error: missingDocument('GetPolicy', 'the policy has no default version id') },
    };
  }
  const version = await read(SERVICE, 'GetPolicyVersion', undefined, () =>
    ctx.client.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId }), sendOpts(ctx)),
  );
  if (!version.ok) return { ...out, document: version };
  const doc = version.value.PolicyVersion?.Document;
  const document: Fetched<ParsedPolicy> =
    doc === undefined
      ? { ok: false, error: missingDocument('GetPolicyVersion', 'the policy version has no document') }
      : { ok: true, value: parsePolicy(doc) };
  return { ...out, document };
}

function attached(list: ReadonlyArray<{ PolicyName?: string; PolicyArn?: string }> | undefined) {
  return (list ?? []).map((p) => ({
    name: p.PolicyName ?? policyNameFromArn(p.PolicyArn ?? ''),
    arn: p.PolicyArn ?? '',
  }));
}

function inline(list: PolicyDetail[] | undefined) {
  return (list ?? []).map((p) => ({
    name: p.PolicyName ?? '',
    policy:
      p.PolicyDocument === undefined
        ? ({ parsed: false, reason: 'the inline policy has no document' } as const)
        : parsePolicy(p.PolicyDocument),
  }));
}

/** AWS-managed policies live in the pseudo-account "aws": arn:aws:iam::aws:policy/… (any partition). */
function isAwsManaged(arn: string): boolean {
  return /^arn:aws[a-z-]*:iam::aws:policy\//.test(arn);
}

function policyNameFromArn(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** A read that succeeded but lacked the field we came for: recorded like a failed read. */
function missingDocument(operation: string, message: string): AwsErrorInfo {
  return { class: 'other', code: 'MissingPolicyDocument', message, service: SERVICE, operation };
}

// ---------------------------------------------------------------------------------------------
// Credential report
// ---------------------------------------------------------------------------------------------

/** The report did not reach COMPLETE (or stayed "in progress") within maxPollMs. */
class CredentialReportTimeoutError extends Error {
  override readonly name = 'CredentialReportTimeout';
}

// SDK v3 names modeled errors after their shape; the wire codes are the short ones.
const REPORT_IN_PROGRESS = new Set(['CredentialReportNotReadyException', 'ReportInProgress']);
const REPORT_GONE = new Set([
  'CredentialReportNotPresentException',
  'ReportNotPresent',
  'CredentialReportExpiredException',
  'ReportExpired',
]);

async function readCredentialReport(ctx: Ctx): Promise<Fetched<CredentialReport>> {
  const deadline = Date.now() + ctx.maxPollMs;
  // A report that vanished or expired between Generate and Get is regenerated once, not forever.
  for (let attempt = 0; ; attempt++) {
    const generated = await read(SERVICE, 'GenerateCredentialReport', undefined, () =>
      waitForReport(ctx, deadline),
    );
    if (!generated.ok) return generated;
    const report = await read(SERVICE, 'GetCredentialReport', undefined, () => getReport(ctx, deadline));
    if (report.ok || attempt >= 1 || !REPORT_GONE.has(report.error.code)) return report;
    ctx.progress('credential report: not present or expired, generating it again');
  }
}

/**
 * GenerateCredentialReport starts a report, or answers COMPLETE at once when one less than four
 * hours old exists; calling it again is how its progress is polled.
 */
async function waitForReport(ctx: Ctx, deadline: number): Promise<void> {
  for (;;) {
    const out = await ctx.client.send(new GenerateCredentialReportCommand({}), sendOpts(ctx));
    if (out.State === 'COMPLETE') return;
    await pause(ctx, deadline, `credential report: ${out.State ?? 'state unknown'}, waiting`);
  }
}

async function getReport(ctx: Ctx, deadline: number): Promise<CredentialReport> {
  for (;;) {
    try {
      const out = await ctx.client.send(new GetCredentialReportCommand({}), sendOpts(ctx));
      const csv = decodeContent(out.Content);
      // GeneratedTime is always present in practice; without it "now" is the honest upper bound.
      const generatedAt = iso(out.GeneratedTime) ?? ctx.clock().toISOString();
      const report = parseCredentialReport(csv, generatedAt);
      ctx.progress(`credential report: ${report.rows.length} rows`);
      return report;
    } catch (err) {
      const name = (err as { name?: unknown }).name;
      if (typeof name !== 'string' || !REPORT_IN_PROGRESS.has(name)) throw err;
      await pause(ctx, deadline, 'credential report: still in progress, waiting');
    }
  }
}

/**
 * Waits before the next poll, unless that would pass the deadline; an abort rejects (AbortError).
 * The wait starts at 250 ms and doubles up to pollIntervalMs: a small account's report is often
 * ready within a second, a large one's takes longer and should not be polled hard.
 */
async function pause(ctx: Ctx, deadline: number, message: string): Promise<void> {
  const wait = Math.min(ctx.pollIntervalMs, FIRST_POLL_WAIT_MS * 2 ** ctx.polls);
  ctx.polls += 1;
  if (Date.now() + wait > deadline) {
    throw new CredentialReportTimeoutError(`the credential report was not ready within ${ctx.maxPollMs} ms`);
  }
  ctx.progress(message);
  await sleep(wait, undefined, ctx.signal ? { signal: ctx.signal } : undefined);
}

/** Content is a blob: the SDK hands it over as bytes (base64-decoded already). */
function decodeContent(content: Uint8Array | string | undefined): string {
  if (content === undefined) throw new CredentialReportParseError('GetCredentialReport returned no content');
  if (typeof content === 'string') return content;
  return new TextDecoder('utf-8').decode(content);
}

// ---------------------------------------------------------------------------------------------
// Account summary, password policy, virtual MFA devices
// ---------------------------------------------------------------------------------------------

async function readAccountSummary(ctx: Ctx): Promise<Fetched<AccountSummary>> {
  return read(SERVICE, 'GetAccountSummary', undefined, async () => {
    const out = await ctx.client.send(new GetAccountSummaryCommand({}), sendOpts(ctx));
    // Without the map we cannot say "no root MFA"; an error makes the checks unknown instead.
    if (out.SummaryMap === undefined) throw new MissingFieldError('GetAccountSummary returned no SummaryMap');
    const raw: Record<string, number> = {};
    for (const [k, v] of Object.entries(out.SummaryMap)) if (typeof v === 'number') raw[k] = v;
    return {
      accountMfaEnabled: raw.AccountMFAEnabled === 1,
      accountAccessKeysPresent: raw.AccountAccessKeysPresent === 1,
      raw,
    };
  });
}

class MissingFieldError extends Error {
  override readonly name = 'MissingField';
}

async function readPasswordPolicy(ctx: Ctx): Promise<Fetched<PasswordPolicy | null>> {
  return read(
    SERVICE,
    'GetAccountPasswordPolicy',
    undefined,
    async (): Promise<PasswordPolicy> => {
      const out = await ctx.client.send(new GetAccountPasswordPolicyCommand({}), sendOpts(ctx));
      const p = out.PasswordPolicy ?? {};
      return {
        minimumPasswordLength: p.MinimumPasswordLength ?? null,
        requireSymbols: p.RequireSymbols ?? false,
        requireNumbers: p.RequireNumbers ?? false,
        requireUppercaseCharacters: p.RequireUppercaseCharacters ?? false,
        requireLowercaseCharacters: p.RequireLowercaseCharacters ?? false,
        allowUsersToChangePassword: p.AllowUsersToChangePassword ?? false,
        expirePasswords: p.ExpirePasswords ?? false,
        maxPasswordAge: p.MaxPasswordAge ?? null,
        passwordReusePrevention: p.PasswordReusePrevention ?? null,
        hardExpiry: p.HardExpiry ?? false,
      };
    },
    // NoSuchEntity here means "this account has no custom password policy": confirmed none.
    (error) =>
      error.code === 'NoSuchEntityException' || error.code === 'NoSuchEntity' ? { value: null } : undefined,
  );
}

async function readVirtualMfaDevices(
  ctx: Ctx,
): Promise<Fetched<Array<{ serialNumber: string; userArn: string | null }>>> {
  return read(SERVICE, 'ListVirtualMFADevices', undefined, async () => {
    const devices: Array<{ serialNumber: string; userArn: string | null }> = [];
    for await (const page of paginateListVirtualMFADevices(
      { client: ctx.client, pageSize: 1000 },
      { AssignmentStatus: 'Any' },
    )) {
      ctx.signal?.throwIfAborted();
      // Only the serial and owner: the type also has seed/QR fields, which must never be kept.
      for (const d of page.VirtualMFADevices ?? []) {
        devices.push({ serialNumber: d.SerialNumber ?? '', userArn: d.User?.Arn ?? null });
      }
    }
    return devices;
  });
}

/** Metadata only: ListServerCertificates returns no certificate body or key, and none is read. */
async function readServerCertificates(ctx: Ctx): Promise<Fetched<ServerCertificate[]>> {
  return read(SERVICE, 'ListServerCertificates', undefined, async () => {
    const certs: ServerCertificate[] = [];
    for await (const page of paginateListServerCertificates({ client: ctx.client, pageSize: 1000 }, {})) {
      ctx.signal?.throwIfAborted();
      for (const c of page.ServerCertificateMetadataList ?? []) {
        certs.push({
          name: c.ServerCertificateName ?? '',
          arn: c.Arn ?? '',
          id: c.ServerCertificateId ?? '',
          path: c.Path ?? '/',
          uploadedAt: iso(c.UploadDate),
          expiresAt: iso(c.Expiration),
        });
      }
    }
    return certs;
  });
}

/**
 * The errors ListOrganizationsFeatures documents for an account that cannot ask: each says
 * something true about the account (a member, in no organization, …), so each is a value.
 * Both spellings: the query protocol's code and the SDK's exception name.
 */
const NOT_ANSWERABLE = new Set(
  [
    'AccountNotManagementOrDelegatedAdministrator',
    'OrganizationNotFound',
    'OrganizationNotInAllFeaturesMode',
    'ServiceAccessNotEnabled',
  ].flatMap((code) => [code, `${code}Exception`]),
);

async function readOrganizationsFeatures(ctx: Ctx): Promise<Fetched<OrganizationsFeatures>> {
  return read(
    SERVICE,
    'ListOrganizationsFeatures',
    undefined,
    async (): Promise<OrganizationsFeatures> => {
      const out = await ctx.client.send(new ListOrganizationsFeaturesCommand({}), sendOpts(ctx));
      return {
        organizationId: out.OrganizationId ?? null,
        enabledFeatures: [...(out.EnabledFeatures ?? [])].sort(),
        notAnswerable: null,
      };
    },
    (error) =>
      NOT_ANSWERABLE.has(error.code)
        ? {
            value: {
              organizationId: null,
              enabledFeatures: [],
              notAnswerable: error.code.replace(/Exception$/, ''),
            },
          }
        : undefined,
  );
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/** The SDK gives Date objects; a stubbed client may give strings. Unusable input is null. */
function iso(value: Date | string | undefined): string | null {
  if (value === undefined) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** For CreateDate, which AWS always sends and the schema requires: epoch marks "missing". */
function isoOrEpoch(value: Date | string | undefined): string {
  return iso(value) ?? new Date(0).toISOString();
}
