import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  ListOrganizationsFeaturesCommand,
  ListServerCertificatesCommand,
  ListVirtualMFADevicesCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { CREDENTIAL_REPORT_COLUMNS } from '../../src/collect/credential-report.js';
import { collectIam, type IamSession } from '../../src/collect/iam.js';
import { ReadPlan } from '../../src/inventory/reads.js';
import { IamData } from '../../src/inventory/schema.js';

const ACCOUNT = '123456789012';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const BOUNDARY = 'arn:aws:iam::aws:policy/PowerUserAccess';
const LOCAL = `arn:aws:iam::${ACCOUNT}:policy/deploy`;

/** IAM returns policy documents URL-encoded (RFC 3986). */
const encoded = (doc: unknown) => encodeURIComponent(JSON.stringify(doc));
const allow = (action: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
});

/** An error shaped like the SDK's (name = code, HTTP status in $metadata). */
function awsError(name: string, httpStatusCode: number, message = `${name} (test)`): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });
}

const REPORT_CSV = [
  CREDENTIAL_REPORT_COLUMNS.join(','),
  `<root_account>,arn:aws:iam::${ACCOUNT}:root,2019-03-01T10:00:00+00:00,not_supported,2026-10-20T09:15:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  `alice,arn:aws:iam::${ACCOUNT}:user/alice,2021-05-04T12:00:00+00:00,true,2026-10-30T17:45:12+00:00,2026-01-02T03:04:05+00:00,N/A,false,true,2025-02-01T00:00:00+00:00,no_information,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
].join('\n');

const iam = new IAMClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});
const mock = mockClient(iam);
const session: IamSession = { iam: () => iam };
const fast = { pollIntervalMs: 1, maxPollMs: 2_000 };

/** A small, realistic account: GAAD over two pages, every other read answering normally. */
function happyAccount() {
  mock.reset();
  mock
    .on(GetAccountAuthorizationDetailsCommand)
    .resolves({
      IsTruncated: true,
      Marker: 'page-2',
      UserDetailList: [
        {
          UserName: 'alice',
          UserId: 'AIDAALICE',
          Arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
          Path: '/',
          CreateDate: new Date('2021-05-04T12:00:00Z'),
          GroupList: ['admins'],
          AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: ADMIN }],
          UserPolicyList: [{ PolicyName: 'inline-s3', PolicyDocument: encoded(allow('s3:GetObject')) }],
          PermissionsBoundary: {
            PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
            PermissionsBoundaryArn: BOUNDARY,
          },
        },
      ],
      GroupDetailList: [
        {
          GroupName: 'admins',
          Arn: `arn:aws:iam::${ACCOUNT}:group/admins`,
          AttachedManagedPolicies: [
            { PolicyName: 'AdministratorAccess', PolicyArn: ADMIN },
            { PolicyName: 'ReadOnlyAccess', PolicyArn: READONLY },
          ],
          GroupPolicyList: [],
        },
      ],
    })
    .on(GetAccountAuthorizationDetailsCommand, { Marker: 'page-2' })
    .resolves({
      IsTruncated: false,
      RoleDetailList: [
        {
          RoleName: 'fn-role',
          RoleId: 'AROAFN',
          Arn: `arn:aws:iam::${ACCOUNT}:role/service-role/fn-role`,
          Path: '/service-role/',
          CreateDate: new Date('2023-02-03T04:05:06Z'),
          AssumeRolePolicyDocument: encoded({
            Version: '2012-10-17',
            Statement: {
              Effect: 'Allow',
              Principal: { Service: 'lambda.amazonaws.com' },
              Action: 'sts:AssumeRole',
            },
          }),
          AttachedManagedPolicies: [
            { PolicyName: 'AdministratorAccess', PolicyArn: ADMIN },
            { PolicyName: 'deploy', PolicyArn: LOCAL },
          ],
          RolePolicyList: [{ PolicyName: 'logs', PolicyDocument: encoded(allow('logs:*')) }],
          RoleLastUsed: { LastUsedDate: new Date('2026-10-30T01:02:03Z'), Region: 'eu-west-1' },
        },
        {
          RoleName: 'never-used',
          RoleId: 'AROANEVER',
          Arn: `arn:aws:iam::${ACCOUNT}:role/never-used`,
          Path: '/',
          CreateDate: new Date('2024-01-01T00:00:00Z'),
          AssumeRolePolicyDocument: encoded({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
          }),
          RoleLastUsed: {},
        },
      ],
      Policies: [
        {
          PolicyName: 'deploy',
          Arn: LOCAL,
          AttachmentCount: 1,
          DefaultVersionId: 'v2',
          PolicyVersionList: [
            { VersionId: 'v1', IsDefaultVersion: false, Document: encoded(allow('lambda:*')) },
            {
              VersionId: 'v2',
              IsDefaultVersion: true,
              Document: encoded(allow('lambda:UpdateFunctionCode')),
            },
          ],
        },
      ],
    });
  for (const [arn, name, count] of [
    [ADMIN, 'AdministratorAccess', 3],
    [READONLY, 'ReadOnlyAccess', 1],
    [BOUNDARY, 'PowerUserAccess', 0],
  ] as const) {
    mock.on(GetPolicyCommand, { PolicyArn: arn }).resolves({
      Policy: { PolicyName: name, Arn: arn, DefaultVersionId: 'v7', AttachmentCount: count },
    });
    mock.on(GetPolicyVersionCommand, { PolicyArn: arn, VersionId: 'v7' }).resolves({
      PolicyVersion: { VersionId: 'v7', IsDefaultVersion: true, Document: encoded(allow(`${name}:*`)) },
    });
  }
  mock
    .on(GenerateCredentialReportCommand)
    .resolvesOnce({ State: 'STARTED' })
    .resolvesOnce({ State: 'INPROGRESS' })
    .resolves({ State: 'COMPLETE' });
  mock.on(GetCredentialReportCommand).resolves({
    Content: new TextEncoder().encode(REPORT_CSV),
    ReportFormat: 'text/csv',
    GeneratedTime: new Date('2026-10-31T08:00:00Z'),
  });
  mock
    .on(GetAccountSummaryCommand)
    .resolves({ SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 1, Roles: 2 } });
  mock.on(GetAccountPasswordPolicyCommand).resolves({
    PasswordPolicy: {
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      ExpirePasswords: false,
      PasswordReusePrevention: 24,
    },
  });
  mock
    .on(ListVirtualMFADevicesCommand)
    .resolves({
      IsTruncated: true,
      Marker: 'mfa-2',
      VirtualMFADevices: [
        {
          SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice`,
          User: {
            UserName: 'alice',
            Arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
            UserId: 'x',
            Path: '/',
            CreateDate: new Date(),
          },
        },
      ],
    })
    .on(ListVirtualMFADevicesCommand, { Marker: 'mfa-2' })
    .resolves({
      IsTruncated: false,
      VirtualMFADevices: [{ SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/unassigned` }],
    });
  mock.on(ListServerCertificatesCommand).resolves({
    IsTruncated: false,
    ServerCertificateMetadataList: [
      {
        Path: '/',
        ServerCertificateName: 'legacy-api',
        ServerCertificateId: 'ASCAEXAMPLE000000001',
        Arn: `arn:aws:iam::${ACCOUNT}:server-certificate/legacy-api`,
        UploadDate: new Date('2024-01-01T00:00:00Z'),
        Expiration: new Date('2025-01-01T00:00:00Z'),
      },
    ],
  });
  mock.on(ListOrganizationsFeaturesCommand).resolves({
    OrganizationId: 'o-abcdefghij',
    EnabledFeatures: ['RootSessions', 'RootCredentialsManagement'],
  });
}

const IAM_READS = [
  'authorization',
  'credentialReport',
  'accountSummary',
  'passwordPolicy',
  'virtualMfaDevices',
  'serverCertificates',
  'organizationsFeatures',
] as const;

/** A collection with the default plan (every IAM read), so every read is present. */
async function collectOk(opts = {}): Promise<Required<IamData>> {
  const slice = await collectIam(session, { ...fast, ...opts });
  assert.equal(slice.status, 'ok');
  if (slice.status !== 'ok') throw new Error('unreachable');
  for (const key of IAM_READS) assert.ok(slice.data[key], `${key} was read`);
  return slice.data as Required<IamData>;
}

describe('collectIam', () => {
  beforeEach(happyAccount);

  it('keeps server certificate metadata: name, ARN, id, path, upload and expiration dates', async () => {
    const data = await collectOk();
    assert.deepEqual(data.serverCertificates, {
      ok: true,
      value: [
        {
          name: 'legacy-api',
          arn: `arn:aws:iam::${ACCOUNT}:server-certificate/legacy-api`,
          id: 'ASCAEXAMPLE000000001',
          path: '/',
          uploadedAt: '2024-01-01T00:00:00.000Z',
          expiresAt: '2025-01-01T00:00:00.000Z',
        },
      ],
    });
  });

  it('keeps the centralized root access features, sorted', async () => {
    const data = await collectOk();
    assert.deepEqual(data.organizationsFeatures, {
      ok: true,
      value: {
        organizationId: 'o-abcdefghij',
        enabledFeatures: ['RootCredentialsManagement', 'RootSessions'],
        notAnswerable: null,
      },
    });
  });

  it('a member account’s documented ListOrganizationsFeatures refusal is an answer; AccessDenied is a failed read', async () => {
    mock
      .on(ListOrganizationsFeaturesCommand)
      .rejects(awsError('AccountNotManagementOrDelegatedAdministratorException', 400));
    const member = await collectOk();
    assert.deepEqual(member.organizationsFeatures, {
      ok: true,
      value: {
        organizationId: null,
        enabledFeatures: [],
        notAnswerable: 'AccountNotManagementOrDelegatedAdministrator',
      },
    });
    mock.on(ListOrganizationsFeaturesCommand).rejects(awsError('AccessDenied', 403));
    const denied = await collectOk();
    assert.equal(denied.organizationsFeatures.ok, false);
    assert.equal(denied.authorization.ok, true);
  });

  it('reads a whole account into a schema-valid IamData', async () => {
    const data = await collectOk();
    IamData.parse(data);
    for (const key of Object.keys(data) as (keyof typeof data)[]) assert.equal(data[key].ok, true, key);
  });

  it('reads GAAD over both pages with the User/Role/Group/LocalManagedPolicy filter', async () => {
    const data = await collectOk();
    const calls = mock.commandCalls(GetAccountAuthorizationDetailsCommand);
    assert.equal(calls.length, 2);
    assert.deepEqual(calls[0]?.args[0].input.Filter, ['User', 'Role', 'Group', 'LocalManagedPolicy']);
    assert.equal(calls[1]?.args[0].input.Marker, 'page-2');
    assert.ok(data.authorization.ok);
    const auth = data.authorization.value;
    assert.deepEqual(
      auth.users.map((u) => u.name),
      ['alice'],
    );
    assert.deepEqual(
      auth.roles.map((r) => r.name),
      ['fn-role', 'never-used'],
    );
    assert.deepEqual(
      auth.groups.map((g) => g.name),
      ['admins'],
    );
  });

  it('maps users, roles and groups, parsing the URL-encoded documents', async () => {
    const data = await collectOk();
    assert.ok(data.authorization.ok);
    const { users, roles, groups } = data.authorization.value;
    const alice = users[0];
    assert.ok(alice);
    assert.equal(alice.createdAt, '2021-05-04T12:00:00.000Z');
    assert.deepEqual(alice.groups, ['admins']);
    assert.deepEqual(alice.attachedPolicies, [{ name: 'AdministratorAccess', arn: ADMIN }]);
    assert.equal(alice.permissionsBoundaryArn, BOUNDARY);
    assert.deepEqual(alice.inlinePolicies[0], {
      name: 'inline-s3',
      policy: {
        parsed: true,
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }],
        },
      },
    });

    const fn = roles[0];
    assert.ok(fn);
    assert.equal(fn.path, '/service-role/');
    assert.deepEqual(fn.trustPolicy, {
      parsed: true,
      document: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] },
        ],
      },
    });
    assert.deepEqual(fn.lastUsed, { at: '2026-10-30T01:02:03.000Z', region: 'eu-west-1' });
    assert.equal(fn.permissionsBoundaryArn, null);
    assert.equal(fn.inlinePolicies[0]?.policy.parsed, true);
    assert.deepEqual(roles[1]?.lastUsed, { at: null, region: null });
    assert.equal(groups[0]?.attachedPolicies.length, 2);
  });

  it('keeps the default version of a customer-managed policy from GAAD without extra calls', async () => {
    const data = await collectOk();
    assert.ok(data.authorization.ok);
    const local = data.authorization.value.policies.find((p) => p.arn === LOCAL);
    assert.deepEqual(local, {
      arn: LOCAL,
      name: 'deploy',
      awsManaged: false,
      attachmentCount: 1,
      defaultVersionId: 'v2',
      document: {
        ok: true,
        value: {
          parsed: true,
          document: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: ['lambda:UpdateFunctionCode'], Resource: ['*'] }],
          },
        },
      },
    });
    assert.equal(mock.commandCalls(GetPolicyCommand, { PolicyArn: LOCAL }).length, 0);
  });

  it('fetches each attached AWS-managed policy (and boundary) once, however many entities use it', async () => {
    const data = await collectOk();
    assert.equal(mock.commandCalls(GetPolicyCommand, { PolicyArn: ADMIN }).length, 1);
    assert.equal(mock.commandCalls(GetPolicyVersionCommand, { PolicyArn: ADMIN }).length, 1);
    assert.equal(mock.commandCalls(GetPolicyCommand).length, 3);
    assert.equal(mock.commandCalls(GetPolicyVersionCommand).length, 3);
    assert.equal(
      mock.commandCalls(GetPolicyVersionCommand, { PolicyArn: ADMIN })[0]?.args[0].input.VersionId,
      'v7',
    );
    assert.ok(data.authorization.ok);
    const admin = data.authorization.value.policies.find((p) => p.arn === ADMIN);
    assert.ok(admin);
    assert.equal(admin.awsManaged, true);
    assert.equal(admin.attachmentCount, 3);
    assert.equal(admin.defaultVersionId, 'v7');
    assert.ok(admin.document.ok && admin.document.value.parsed);
    assert.deepEqual(
      data.authorization.value.policies.map((p) => p.arn).sort(),
      [ADMIN, LOCAL, BOUNDARY, READONLY].sort(),
    );
  });

  it('records a failed GetPolicyVersion on that policy only', async () => {
    mock
      .on(GetPolicyVersionCommand, { PolicyArn: READONLY, VersionId: 'v7' })
      .rejects(awsError('AccessDenied', 403));
    const data = await collectOk();
    assert.ok(data.authorization.ok);
    const ro = data.authorization.value.policies.find((p) => p.arn === READONLY);
    assert.ok(ro && !ro.document.ok);
    assert.equal(ro.document.error.class, 'access-denied');
    assert.equal(ro.document.error.operation, 'GetPolicyVersion');
    const admin = data.authorization.value.policies.find((p) => p.arn === ADMIN);
    assert.ok(admin?.document.ok);
  });

  it('polls the credential report from STARTED to COMPLETE and decodes its bytes', async () => {
    const data = await collectOk();
    assert.equal(mock.commandCalls(GenerateCredentialReportCommand).length, 3);
    assert.ok(data.credentialReport.ok);
    assert.equal(data.credentialReport.value.generatedAt, '2026-10-31T08:00:00.000Z');
    assert.deepEqual(
      data.credentialReport.value.rows.map((r) => [r.user, r.isRoot]),
      [
        ['<root_account>', true],
        ['alice', false],
      ],
    );
    assert.deepEqual(data.credentialReport.value.rows[1]?.accessKeys[0].lastUsed, { none: 'no_information' });
  });

  it('waits out ReportInProgress from GetCredentialReport', async () => {
    mock.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    mock
      .on(GetCredentialReportCommand)
      .rejectsOnce(awsError('CredentialReportNotReadyException', 404))
      .resolves({
        Content: new TextEncoder().encode(REPORT_CSV),
        GeneratedTime: new Date('2026-10-31T08:00:00Z'),
      });
    const data = await collectOk();
    assert.ok(data.credentialReport.ok);
    assert.equal(mock.commandCalls(GetCredentialReportCommand).length, 2);
  });

  it('regenerates once when the report is not present or expired', async () => {
    mock.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    mock
      .on(GetCredentialReportCommand)
      .rejectsOnce(awsError('CredentialReportExpiredException', 410))
      .resolves({
        Content: new TextEncoder().encode(REPORT_CSV),
        GeneratedTime: new Date('2026-10-31T08:00:00Z'),
      });
    const data = await collectOk();
    assert.ok(data.credentialReport.ok);
    assert.equal(mock.commandCalls(GenerateCredentialReportCommand).length, 2);

    mock.on(GetCredentialReportCommand).rejects(awsError('CredentialReportNotPresentException', 410));
    const again = await collectOk();
    assert.ok(!again.credentialReport.ok);
    assert.equal(again.credentialReport.error.code, 'CredentialReportNotPresentException');
  });

  it('gives up after maxPollMs with a recorded timeout, not a hang', async () => {
    mock.on(GenerateCredentialReportCommand).resolves({ State: 'INPROGRESS' });
    const data = await collectOk({ pollIntervalMs: 5, maxPollMs: 30 });
    assert.ok(!data.credentialReport.ok);
    assert.equal(data.credentialReport.error.code, 'CredentialReportTimeout');
    assert.equal(data.credentialReport.error.class, 'other');
    assert.ok(data.authorization.ok);
  });

  it('records an unparseable report as class other, with a clear message', async () => {
    mock.on(GetCredentialReportCommand).resolves({
      Content: new TextEncoder().encode('user,arn\nalice,arn:aws:iam::1:user/alice\n'),
      GeneratedTime: new Date(),
    });
    const data = await collectOk();
    assert.ok(!data.credentialReport.ok);
    assert.equal(data.credentialReport.error.class, 'other');
    assert.equal(data.credentialReport.error.code, 'CredentialReportParseError');
    assert.match(data.credentialReport.error.message, /lacks column\(s\): user_creation_time/);
  });

  it('reads the account summary and password policy', async () => {
    const data = await collectOk();
    assert.deepEqual(data.accountSummary, {
      ok: true,
      value: {
        accountMfaEnabled: true,
        accountAccessKeysPresent: false,
        raw: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 1, Roles: 2 },
      },
    });
    assert.ok(data.passwordPolicy.ok && data.passwordPolicy.value);
    assert.equal(data.passwordPolicy.value.minimumPasswordLength, 14);
    assert.equal(data.passwordPolicy.value.maxPasswordAge, null);
    assert.equal(data.passwordPolicy.value.passwordReusePrevention, 24);
    assert.equal(data.passwordPolicy.value.hardExpiry, false);
  });

  it('records GetAccountPasswordPolicy NoSuchEntity as ok(null): no policy', async () => {
    mock.on(GetAccountPasswordPolicyCommand).rejects(awsError('NoSuchEntityException', 404));
    const data = await collectOk();
    assert.deepEqual(data.passwordPolicy, { ok: true, value: null });
  });

  it('lists virtual MFA devices over pages, unassigned ones with a null user', async () => {
    const data = await collectOk();
    assert.deepEqual(data.virtualMfaDevices, {
      ok: true,
      value: [
        { serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice`, userArn: `arn:aws:iam::${ACCOUNT}:user/alice` },
        { serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/unassigned`, userArn: null },
      ],
    });
    assert.equal(mock.commandCalls(ListVirtualMFADevicesCommand)[0]?.args[0].input.AssignmentStatus, 'Any');
  });

  it('records AccessDenied on GAAD while the other reads still succeed', async () => {
    mock
      .on(GetAccountAuthorizationDetailsCommand)
      .rejects(awsError('AccessDenied', 403, `User: arn:aws:iam::${ACCOUNT}:user/scanner is not authorized`));
    const data = await collectOk();
    assert.ok(!data.authorization.ok);
    assert.equal(data.authorization.error.class, 'access-denied');
    assert.equal(data.authorization.error.operation, 'GetAccountAuthorizationDetails');
    assert.equal(data.authorization.error.service, 'iam');
    assert.ok(data.credentialReport.ok);
    assert.ok(data.accountSummary.ok);
    assert.ok(data.passwordPolicy.ok);
    assert.ok(data.virtualMfaDevices.ok);
    assert.equal(mock.commandCalls(GetPolicyCommand).length, 0);
    IamData.parse(data);
  });

  it('is an error slice only when every read failed', async () => {
    mock.reset();
    mock.onAnyCommand().rejects(awsError('AccessDenied', 403));
    const slice = await collectIam(session, fast);
    assert.equal(slice.status, 'error');
    if (slice.status === 'error') {
      assert.equal(slice.error.operation, 'GetAccountAuthorizationDetails');
      assert.equal(slice.error.class, 'access-denied');
    }
  });

  it('makes only the planned reads, and leaves the others absent (not failed)', async () => {
    const slice = await collectIam(session, { ...fast, plan: new ReadPlan(['iam.credential-report']) });
    assert.equal(slice.status, 'ok');
    if (slice.status !== 'ok') return;
    assert.deepEqual(Object.keys(slice.data), ['credentialReport']);
    assert.equal(slice.data.credentialReport?.ok, true);
    const sent = new Set(
      mock.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name),
    );
    assert.deepEqual([...sent].sort(), ['GenerateCredentialReportCommand', 'GetCredentialReportCommand']);
    IamData.parse(slice.data);
  });

  it('is an error slice when every planned read failed, carrying the first planned read’s error', async () => {
    mock.reset();
    mock.onAnyCommand().rejects(awsError('AccessDenied', 403));
    const slice = await collectIam(session, {
      ...fast,
      plan: new ReadPlan(['iam.account-summary', 'iam.password-policy']),
    });
    assert.equal(slice.status, 'error');
    if (slice.status === 'error') assert.equal(slice.error.operation, 'GetAccountSummary');
  });

  it('reports progress under the iam phase', async () => {
    const events: Array<{ phase: string; message: string }> = [];
    await collectOk({ onProgress: (e: { phase: string; message: string }) => events.push(e) });
    assert.ok(events.length > 0);
    assert.ok(events.every((e) => e.phase === 'iam'));
    assert.ok(events.some((e) => /credential report/.test(e.message)));
  });

  it('stops on abort instead of recording the reads as failed', async () => {
    mock.on(GenerateCredentialReportCommand).resolves({ State: 'STARTED' });
    const controller = new AbortController();
    const pending = collectIam(session, {
      signal: controller.signal,
      pollIntervalMs: 60_000,
      maxPollMs: 600_000,
    });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(pending, (err: Error) => err.name === 'AbortError');

    const aborted = AbortSignal.abort();
    await assert.rejects(
      collectIam(session, { ...fast, signal: aborted }),
      (err: Error) => err.name === 'AbortError',
    );
  });
});
