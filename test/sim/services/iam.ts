/**
 * IAM (awsQuery, global: signed for us-east-1). The account-wide reads a posture scanner makes:
 * GetAccountAuthorizationDetails (Marker/IsTruncated paging over users, groups, roles and
 * policies, documents URL-encoded as IAM returns them), GetPolicy, GetPolicyVersion, the
 * credential report (asynchronous: STARTED, then COMPLETE after a delay), GetAccountSummary,
 * GetAccountPasswordPolicy and ListVirtualMFADevices.
 */
import type {
  PolicyDoc,
  SimGroup,
  SimInlinePolicy,
  SimManagedPolicy,
  SimRole,
  SimUser,
  SimVirtualMfa,
} from '../account.js';
import { credentialReportCsv } from '../credential-report.js';
import { XMLNS } from '../errors.js';
import {
  decodeToken,
  el,
  esc,
  members,
  page,
  queryError,
  queryReply,
  type Route,
  type SimReply,
  type SimRequest,
  tx,
} from '../protocol.js';
import type { SimState } from '../state.js';

const NS = XMLNS.iam ?? '';
const DEFAULT_MAX_ITEMS = 100;
const MAX_MAX_ITEMS = 1000;

type Entity =
  | { kind: 'User'; v: SimUser }
  | { kind: 'Group'; v: SimGroup }
  | { kind: 'Role'; v: SimRole }
  | { kind: 'LocalManagedPolicy' | 'AWSManagedPolicy'; v: SimManagedPolicy };

type Handler = (req: SimRequest, st: SimState) => SimReply;

const HANDLERS: Record<string, Handler> = {
  GetAccountAuthorizationDetails: getAccountAuthorizationDetails,
  GetPolicy: getPolicy,
  GetPolicyVersion: getPolicyVersion,
  GenerateCredentialReport: generateCredentialReport,
  GetCredentialReport: getCredentialReport,
  GetAccountSummary: getAccountSummary,
  GetAccountPasswordPolicy: getAccountPasswordPolicy,
  ListVirtualMFADevices: listVirtualMfaDevices,
  ListServerCertificates: listServerCertificates,
  ListOrganizationsFeatures: listOrganizationsFeatures,
};

export function iamRoute(req: SimRequest, st: SimState): Route | null {
  const action = req.form.get('Action') ?? '';
  const handler = HANDLERS[action];
  if (!handler) return null;
  return { action, resource: req.form.get('PolicyArn') ?? '*', handle: () => handler(req, st) };
}

const err = (req: SimRequest, status: number, code: string, message: string) =>
  queryError(status, code, message, req.requestId, NS);
const reply = (req: SimRequest, action: string, result: string) =>
  queryReply(action, NS, result, req.requestId);
const encodeDoc = (doc: PolicyDoc) => encodeURIComponent(JSON.stringify(doc));

/** MaxItems and Marker, validated as IAM does; a SimReply is the error to send. */
function paging(req: SimRequest): { offset: number; size: number } | SimReply {
  const raw = req.form.get('MaxItems');
  const size = raw === null ? DEFAULT_MAX_ITEMS : Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > MAX_MAX_ITEMS) {
    return err(
      req,
      400,
      'ValidationError',
      `1 validation error detected: Value '${raw}' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to ${MAX_MAX_ITEMS}`,
    );
  }
  const offset = decodeToken(req.form.get('Marker'));
  if (offset === 'invalid') return err(req, 400, 'ValidationError', 'Invalid Marker.');
  return { offset, size };
}

const truncation = (next: string | undefined) => tx('IsTruncated', next !== undefined) + tx('Marker', next);

function inlineList(name: string, list: SimInlinePolicy[]): string {
  return members(
    name,
    list.map((p) => tx('PolicyName', p.name) + tx('PolicyDocument', encodeDoc(p.document))),
  );
}

function attachedList(st: SimState, arns: string[]): string {
  return members(
    'AttachedManagedPolicies',
    arns.map(
      (arn) =>
        tx('PolicyName', st.iam.policyByArn.get(arn)?.name ?? arn.split('/').pop()) + tx('PolicyArn', arn),
    ),
  );
}

/** GAAD's PermissionsBoundary member (absent when the entity has none). */
function boundary(arn: string | undefined): string {
  return arn
    ? el('PermissionsBoundary', tx('PermissionsBoundaryType', 'Policy') + tx('PermissionsBoundaryArn', arn))
    : '';
}

function renderEntity(st: SimState, e: Entity): string {
  switch (e.kind) {
    case 'User': {
      const u = e.v;
      return (
        tx('Path', u.path) +
        tx('UserName', u.name) +
        tx('UserId', u.id) +
        tx('Arn', u.arn) +
        tx('CreateDate', u.createdAt) +
        inlineList('UserPolicyList', u.inlinePolicies) +
        members('GroupList', u.groups.map(esc)) +
        attachedList(st, u.attachedPolicyArns) +
        boundary(u.permissionsBoundaryArn) +
        el('Tags', '')
      );
    }
    case 'Group': {
      const g = e.v;
      return (
        tx('Path', g.path) +
        tx('GroupName', g.name) +
        tx('GroupId', g.id) +
        tx('Arn', g.arn) +
        tx('CreateDate', g.createdAt) +
        inlineList('GroupPolicyList', g.inlinePolicies) +
        attachedList(st, g.attachedPolicyArns)
      );
    }
    case 'Role': {
      const r = e.v;
      return (
        tx('Path', r.path) +
        tx('RoleName', r.name) +
        tx('RoleId', r.id) +
        tx('Arn', r.arn) +
        tx('CreateDate', r.createdAt) +
        tx('AssumeRolePolicyDocument', encodeDoc(r.trust)) +
        el('InstanceProfileList', '') +
        inlineList('RolePolicyList', r.inlinePolicies) +
        attachedList(st, r.attachedPolicyArns) +
        boundary(r.permissionsBoundaryArn) +
        el('Tags', '') +
        el(
          'RoleLastUsed',
          r.lastUsed ? tx('LastUsedDate', r.lastUsed.at) + tx('Region', r.lastUsed.region) : '',
        )
      );
    }
    default:
      return policyFields(st, e.v, true);
  }
}

function policyFields(st: SimState, p: SimManagedPolicy, withVersions: boolean): string {
  const head =
    tx('PolicyName', p.name) +
    tx('PolicyId', p.id) +
    tx('Arn', p.arn) +
    tx('Path', p.path) +
    tx('DefaultVersionId', p.defaultVersionId) +
    tx('AttachmentCount', st.iam.attachments.get(p.arn) ?? 0) +
    tx('PermissionsBoundaryUsageCount', 0) +
    tx('IsAttachable', true);
  const dates = tx('CreateDate', p.createdAt) + tx('UpdateDate', p.updatedAt);
  if (!withVersions) return head + tx('Description', p.description) + dates;
  const versions = members(
    'PolicyVersionList',
    p.versions.map(
      (v) =>
        tx('Document', encodeDoc(v.document)) +
        tx('VersionId', v.id) +
        tx('IsDefaultVersion', v.id === p.defaultVersionId) +
        tx('CreateDate', v.createdAt),
    ),
  );
  return head + dates + versions;
}

const FILTER_KINDS = ['User', 'Group', 'Role', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;
const entityCache = new WeakMap<SimState, Map<string, Entity[]>>();

/** The account's entities in GAAD order, for one filter; AWS-managed policies only if attached. */
function entities(st: SimState, kinds: Set<string>): Entity[] {
  const key = [...kinds].sort().join(',');
  let cache = entityCache.get(st);
  if (!cache) {
    cache = new Map();
    entityCache.set(st, cache);
  }
  const hit = cache.get(key);
  if (hit) return hit;
  const { users, groups, roles, policies } = st.account.iam;
  const out: Entity[] = [];
  if (kinds.has('User')) for (const v of users) out.push({ kind: 'User', v });
  if (kinds.has('Group')) for (const v of groups) out.push({ kind: 'Group', v });
  if (kinds.has('Role')) for (const v of roles) out.push({ kind: 'Role', v });
  for (const v of policies) {
    if (!v.awsManaged && kinds.has('LocalManagedPolicy')) out.push({ kind: 'LocalManagedPolicy', v });
    if (v.awsManaged && kinds.has('AWSManagedPolicy') && (st.iam.attachments.get(v.arn) ?? 0) > 0) {
      out.push({ kind: 'AWSManagedPolicy', v });
    }
  }
  cache.set(key, out);
  return out;
}

function getAccountAuthorizationDetails(req: SimRequest, st: SimState): SimReply {
  const filter = [...req.form.entries()].filter(([k]) => /^Filter\.member\.\d+$/.test(k)).map(([, v]) => v);
  const bad = filter.find((f) => !(FILTER_KINDS as readonly string[]).includes(f));
  if (bad) {
    return err(
      req,
      400,
      'ValidationError',
      `1 validation error detected: Value '[${bad}]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${FILTER_KINDS.join(', ')}]]`,
    );
  }
  const p = paging(req);
  if ('status' in p) return p;
  const kinds = new Set<string>(filter.length > 0 ? filter : FILTER_KINDS);
  const { items, next } = page(entities(st, kinds), p.offset, p.size);
  const lists: Record<string, string[]> = { User: [], Group: [], Role: [], Policy: [] };
  for (const e of items) {
    const bucket = e.kind === 'LocalManagedPolicy' || e.kind === 'AWSManagedPolicy' ? 'Policy' : e.kind;
    lists[bucket]?.push(renderEntity(st, e));
  }
  const result =
    members('UserDetailList', lists.User ?? []) +
    members('GroupDetailList', lists.Group ?? []) +
    members('RoleDetailList', lists.Role ?? []) +
    members('Policies', lists.Policy ?? []) +
    truncation(next);
  return reply(req, 'GetAccountAuthorizationDetails', result);
}

function findPolicy(req: SimRequest, st: SimState): SimManagedPolicy | SimReply {
  const arn = req.form.get('PolicyArn') ?? '';
  const policy = st.iam.policyByArn.get(arn);
  if (policy) return policy;
  return err(req, 404, 'NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
}

function getPolicy(req: SimRequest, st: SimState): SimReply {
  const p = findPolicy(req, st);
  if ('status' in p) return p;
  return reply(req, 'GetPolicy', el('Policy', policyFields(st, p, false) + el('Tags', '')));
}

function getPolicyVersion(req: SimRequest, st: SimState): SimReply {
  const p = findPolicy(req, st);
  if ('status' in p) return p;
  const id = req.form.get('VersionId') ?? '';
  const v = p.versions.find((x) => x.id === id);
  if (!v)
    return err(
      req,
      404,
      'NoSuchEntity',
      `Policy ${p.arn} version ${id} does not exist or is not attachable.`,
    );
  const body =
    tx('Document', encodeDoc(v.document)) +
    tx('VersionId', v.id) +
    tx('IsDefaultVersion', v.id === p.defaultVersionId) +
    tx('CreateDate', v.createdAt);
  return reply(req, 'GetPolicyVersion', el('PolicyVersion', body));
}

function generateCredentialReport(req: SimRequest, st: SimState): SimReply {
  const status = st.reportStatus();
  if (status === 'absent') {
    st.reportRequestedAt = st.clock();
    return reply(
      req,
      'GenerateCredentialReport',
      tx('State', 'STARTED') + tx('Description', 'No report exists. Starting a new report generation task'),
    );
  }
  if (status === 'in-progress') {
    return reply(
      req,
      'GenerateCredentialReport',
      tx('State', 'INPROGRESS') + tx('Description', 'Report generation in progress'),
    );
  }
  return reply(req, 'GenerateCredentialReport', tx('State', 'COMPLETE'));
}

function getCredentialReport(req: SimRequest, st: SimState): SimReply {
  const status = st.reportStatus();
  if (status === 'absent') {
    return err(
      req,
      410,
      'ReportNotPresent',
      'Credential report does not exist. Use GenerateCredentialReport to generate a report.',
    );
  }
  if (status === 'in-progress') {
    return err(req, 404, 'ReportInProgress', 'Credential report generation is in progress. Try again later.');
  }
  const content = Buffer.from(credentialReportCsv(st.account)).toString('base64');
  return reply(
    req,
    'GetCredentialReport',
    tx('Content', content) + tx('ReportFormat', 'text/csv') + tx('GeneratedTime', st.account.now),
  );
}

function getAccountSummary(req: SimRequest, st: SimState): SimReply {
  const { root, users, groups, roles, policies, virtualMfaDevices } = st.account.iam;
  const summary: Record<string, number> = {
    Users: users.length,
    UsersQuota: 5000,
    Groups: groups.length,
    GroupsQuota: 300,
    Roles: roles.length,
    RolesQuota: 5000,
    Policies: policies.filter((p) => !p.awsManaged).length,
    PoliciesQuota: 1500,
    PolicyVersionsInUse: policies.filter((p) => !p.awsManaged).reduce((n, p) => n + p.versions.length, 0),
    PolicyVersionsInUseQuota: 10000,
    VersionsPerPolicyQuota: 5,
    PolicySizeQuota: 6144,
    UserPolicySizeQuota: 2048,
    GroupPolicySizeQuota: 5120,
    AssumeRolePolicySizeQuota: 2048,
    GroupsPerUserQuota: 10,
    AttachedPoliciesPerUserQuota: 10,
    AttachedPoliciesPerGroupQuota: 10,
    AttachedPoliciesPerRoleQuota: 10,
    AccessKeysPerUserQuota: 2,
    SigningCertificatesPerUserQuota: 2,
    ServerCertificates: 0,
    ServerCertificatesQuota: 20,
    InstanceProfiles: 0,
    InstanceProfilesQuota: 1000,
    Providers: 1,
    MFADevices: virtualMfaDevices.length,
    MFADevicesInUse: virtualMfaDevices.filter((d) => d.userName !== null).length,
    AccountMFAEnabled: root.mfa ? 1 : 0,
    AccountAccessKeysPresent: root.accessKeys.length > 0 ? 1 : 0,
    AccountPasswordPresent: root.password === false ? 0 : 1,
    AccountSigningCertificatesPresent: (root.signingCertificates ?? []).length > 0 ? 1 : 0,
    GlobalEndpointTokenVersion: 1,
  };
  const entries = Object.entries(summary).map(
    ([k, v]) => `<entry><key>${k}</key><value>${v}</value></entry>`,
  );
  return reply(req, 'GetAccountSummary', el('SummaryMap', entries.join('')));
}

function getAccountPasswordPolicy(req: SimRequest, st: SimState): SimReply {
  const p = st.account.iam.passwordPolicy;
  if (!p) {
    return err(
      req,
      404,
      'NoSuchEntity',
      `The Password Policy with domain name ${st.account.accountId} cannot be found.`,
    );
  }
  const body = Object.entries(p)
    .map(([k, v]) => tx(k, v as string | number | boolean))
    .join('');
  return reply(req, 'GetAccountPasswordPolicy', el('PasswordPolicy', body));
}

function listVirtualMfaDevices(req: SimRequest, st: SimState): SimReply {
  const p = paging(req);
  if ('status' in p) return p;
  const status = req.form.get('AssignmentStatus') ?? 'Any';
  const devices = st.account.iam.virtualMfaDevices.filter(
    (d) => status === 'Any' || (status === 'Assigned') === (d.userName !== null),
  );
  const { items, next } = page(devices, p.offset, p.size);
  const body = members(
    'VirtualMFADevices',
    items.map((d) => tx('SerialNumber', d.serialNumber) + mfaUser(st, d) + tx('EnableDate', d.enabledAt)),
  );
  return reply(req, 'ListVirtualMFADevices', body + truncation(next));
}

/** Metadata only, as IAM answers ListServerCertificates (the body needs GetServerCertificate). */
function listServerCertificates(req: SimRequest, st: SimState): SimReply {
  const p = paging(req);
  if ('status' in p) return p;
  const prefix = req.form.get('PathPrefix') ?? '/';
  const certs = (st.account.iam.serverCertificates ?? []).filter((c) => c.path.startsWith(prefix));
  const { items, next } = page(certs, p.offset, p.size);
  const body = members(
    'ServerCertificateMetadataList',
    items.map(
      (c) =>
        tx('Path', c.path) +
        tx('ServerCertificateName', c.name) +
        tx('ServerCertificateId', c.id) +
        tx('Arn', c.arn) +
        tx('UploadDate', c.uploadedAt) +
        tx('Expiration', c.expiresAt),
    ),
  );
  return reply(req, 'ListServerCertificates', body + truncation(next));
}

/**
 * Centralized root access features. Only the organization's management account answers here (the
 * simulator models no IAM delegated administrator); a member account gets
 * AccountNotManagementOrDelegatedAdministrator, an account in no organization
 * OrganizationNotFound, a consolidated-billing organization OrganizationNotInAllFeaturesMode, as
 * the API reference documents (each 400).
 */
function listOrganizationsFeatures(req: SimRequest, st: SimState): SimReply {
  const org = st.account.organization ?? null;
  if (!org) {
    return err(req, 400, 'OrganizationNotFound', 'No organization is associated with your account.');
  }
  if (org.managementAccountId !== st.account.accountId) {
    return err(
      req,
      400,
      'AccountNotManagementOrDelegatedAdministrator',
      'The request was rejected because the account making the request is not the management account or delegated administrator account for centralized root access.',
    );
  }
  if (org.featureSet !== 'ALL') {
    return err(
      req,
      400,
      'OrganizationNotInAllFeaturesMode',
      'The request was rejected because your organization does not have All features enabled.',
    );
  }
  const features = org.rootFeatures ?? [];
  return reply(
    req,
    'ListOrganizationsFeatures',
    tx('OrganizationId', org.id) +
      members(
        'EnabledFeatures',
        features.map((f) => esc(f)),
      ),
  );
}

function mfaUser(st: SimState, d: SimVirtualMfa): string {
  if (d.userName === null) return '';
  const { root } = st.account.iam;
  if (d.userName === '<root_account>') {
    return el(
      'User',
      tx('UserId', st.account.accountId) + tx('Arn', root.arn) + tx('CreateDate', root.createdAt),
    );
  }
  const u = st.account.iam.users.find((x) => x.name === d.userName);
  if (!u) return '';
  return el(
    'User',
    tx('Path', u.path) +
      tx('UserName', u.name) +
      tx('UserId', u.id) +
      tx('Arn', u.arn) +
      tx('CreateDate', u.createdAt),
  );
}
