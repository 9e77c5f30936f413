/**
 * The simulated AWS Organization, driven by the real SDK v3 clients over HTTP: Organizations'
 * listings from the management account, sts:AssumeRole into each account's audit role and the
 * member's own state behind the session, per-account quotas, suspended and role-less members,
 * an SCP-denied region, and the generator (deterministic, accounts that differ, planted grants,
 * the single-account path untouched by the account id). No assertion depends on wall-clock time.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  GetAdministratorAccountCommand,
  GuardDutyClient,
  ListOrganizationAdminAccountsCommand,
} from '@aws-sdk/client-guardduty';
import {
  GetPolicyCommand,
  LambdaClient,
  ListFunctionsCommand,
  paginateListFunctions,
} from '@aws-sdk/client-lambda';
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListPoliciesCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  OrganizationsClient,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ACCOUNT_ID, type GenerateOptions, generateAccount } from './account.js';
import { count } from './call-log.js';
import {
  type GeneratedOrganization,
  generateOrganization,
  ORG_MANAGEMENT_ACCOUNT_ID,
  OUTSIDE_ACCOUNT_ID,
  orgAccountId,
} from './organization.js';
import { type Simulator, startSimulator } from './server.js';

const R1 = 'us-east-1';
const R2 = 'eu-west-1';
const BASE = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'sim' };
type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const cfg = (sim: Simulator, region: string, credentials: Creds = BASE, maxAttempts = 1) => ({
  region,
  endpoint: sim.url,
  credentials,
  maxAttempts,
});

async function rejection(
  p: Promise<unknown>,
): Promise<{ name: string; message: string; Reason?: string; $metadata: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (e) {
    return e as never;
  }
  assert.fail('expected the call to fail');
}

/** sts:AssumeRole of `arn:aws:iam::<accountId>:role/<name>` with the caller's own credentials. */
async function assume(sim: Simulator, accountId: string, externalId?: string): Promise<Creds> {
  const org = sim.organization;
  assert.ok(org);
  const out = await new STSClient(cfg(sim, R1)).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/${org.auditRoleName}`,
      RoleSessionName: 'lambda-posture',
      ...(externalId === undefined ? {} : { ExternalId: externalId }),
    }),
  );
  const c = out.Credentials;
  assert.ok(c?.AccessKeyId && c.SecretAccessKey && c.SessionToken);
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

async function functionNames(sim: Simulator, region: string, credentials: Creds): Promise<string[]> {
  const client = new LambdaClient(cfg(sim, region, credentials));
  const names: string[] = [];
  for await (const page of paginateListFunctions({ client }, {}))
    for (const f of page.Functions ?? []) names.push(f.FunctionArn ?? '');
  return names;
}

const EXTERNAL_ID = 'org-audit-5c1e';
/** 23 accounts: ListAccounts' default page of 20 leaves a second page. */
const ORG = {
  seed: 11,
  accounts: 23,
  regions: [R1, R2],
  functionsPerRegion: 3,
  users: 2,
  suspended: 2,
  roleMissing: 1,
  scpDeniedRegion: { accounts: 1, region: R2 },
  externalId: EXTERNAL_ID,
};

describe('a simulated AWS Organization over the wire', () => {
  let gen: GeneratedOrganization;
  let sim: Simulator;
  const member = (pred: (m: GeneratedOrganization['organization']['members'][number]) => boolean) => {
    const m = gen.organization.members.find(pred);
    assert.ok(m, 'the generated organization has such a member');
    return m;
  };
  const plain = () =>
    member(
      (m) =>
        m.status === 'ACTIVE' &&
        !m.roleMissing &&
        !m.scpDeniedRegions &&
        m.parentId !== gen.organization.rootId,
    );
  before(async () => {
    gen = generateOrganization(ORG);
    sim = await startSimulator({ account: gen.account, organization: gen.organization, quotas: false });
  });
  after(() => sim.stop());

  it('lists every account with its status and state, 20 a page by default and MaxResults a page when asked', async () => {
    const client = new OrganizationsClient(cfg(sim, R1));
    const first = await client.send(new ListAccountsCommand({}));
    assert.equal(first.Accounts?.length, 20);
    assert.ok(first.NextToken);
    const seen: { Id?: string; Status?: string; State?: string; Name?: string; Arn?: string }[] = [];
    let pages = 0;
    for await (const page of paginateListAccounts({ client, pageSize: 6 }, {})) {
      pages++;
      assert.ok((page.Accounts?.length ?? 0) <= 6);
      seen.push(...(page.Accounts ?? []));
    }
    assert.equal(pages, 4);
    const expected = [
      [ORG_MANAGEMENT_ACCOUNT_ID, 'ACTIVE'],
      ...gen.organization.members.map((m) => [m.account.accountId, m.status]),
    ];
    assert.deepEqual(
      seen.map((a) => [a.Id, a.Status]),
      expected,
    );
    assert.deepEqual(
      seen.map((a) => a.State),
      seen.map((a) => a.Status),
    );
    assert.equal(seen.filter((a) => a.Status === 'SUSPENDED').length, 2);
    const m = gen.organization.members[0];
    assert.ok(m);
    const listed = seen[1];
    assert.equal(listed?.Name, m.name);
    assert.equal(
      listed?.Arn,
      `arn:aws:organizations::${ORG_MANAGEMENT_ACCOUNT_ID}:account/${gen.organization.id}/${m.account.accountId}`,
    );
  });

  it('refuses a bad page token and a MaxResults above 20 with InvalidInputException', async () => {
    const client = new OrganizationsClient(cfg(sim, R1));
    const bad = await rejection(client.send(new ListAccountsCommand({ NextToken: 'not-a-token' })));
    assert.equal(bad.name, 'InvalidInputException');
    assert.equal(bad.Reason, 'INVALID_PAGINATION_TOKEN');
    assert.equal(bad.$metadata.httpStatusCode, 400);
    const big = await rejection(client.send(new ListAccountsCommand({ MaxResults: 21 })));
    assert.equal(big.Reason, 'MAX_VALUE_EXCEEDED');
  });

  it('walks the OU tree from the root to every account, three OUs deep', async () => {
    const client = new OrganizationsClient(cfg(sim, R1));
    const roots = await client.send(new ListRootsCommand({}));
    const rootId = roots.Roots?.[0]?.Id;
    assert.equal(rootId, gen.organization.rootId);
    const found: string[] = [];
    let deepest = 0;
    const walk = async (parentId: string, depth: number): Promise<void> => {
      deepest = Math.max(deepest, depth);
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListAccountsForParentCommand({ ParentId: parentId, MaxResults: 2, NextToken: token }),
        );
        for (const a of page.Accounts ?? []) found.push(a.Id ?? '');
        token = page.NextToken;
      } while (token);
      const ous = await client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId }));
      for (const ou of ous.OrganizationalUnits ?? []) await walk(ou.Id ?? '', depth + 1);
    };
    await walk(rootId ?? '', 0);
    assert.equal(deepest, 3, 'Root > Workloads > NonProd > Sandbox');
    assert.deepEqual(
      found.sort(),
      [ORG_MANAGEMENT_ACCOUNT_ID, ...gen.organization.members.map((m) => m.account.accountId)].sort(),
    );
    const children = await client.send(
      new ListChildrenCommand({ ParentId: rootId, ChildType: 'ORGANIZATIONAL_UNIT' }),
    );
    assert.deepEqual(
      children.Children?.map((c) => c.Id),
      gen.organization.organizationalUnits.filter((o) => o.parentId === rootId).map((o) => o.id),
    );
    const m = plain();
    const parents = await client.send(new ListParentsCommand({ ChildId: m.account.accountId }));
    assert.deepEqual(parents.Parents, [{ Id: m.parentId, Type: 'ORGANIZATIONAL_UNIT' }]);
  });

  it('answers ParentNotFoundException for an OU that does not exist', async () => {
    const client = new OrganizationsClient(cfg(sim, R1));
    const root4 = gen.organization.rootId.slice(2);
    const e = await rejection(
      client.send(new ListAccountsForParentCommand({ ParentId: `ou-${root4}-zzzzzzzz` })),
    );
    assert.equal(e.name, 'ParentNotFoundException');
    const pattern = await rejection(client.send(new ListAccountsForParentCommand({ ParentId: 'nope' })));
    assert.equal(pattern.name, 'InvalidInputException');
  });

  it('lists the service control policies, their targets and the policies of a target', async () => {
    const client = new OrganizationsClient(cfg(sim, R1));
    const all = await client.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' }));
    const names = all.Policies?.map((p) => p.Name);
    assert.deepEqual(names, [
      'FullAWSAccess',
      'DenyLeaveOrganization',
      'ProtectAuditRole',
      `DenyRegion-${R2}`,
    ]);
    const tags = await client.send(new ListPoliciesCommand({ Filter: 'TAG_POLICY' }));
    assert.deepEqual(tags.Policies, []);
    const regionDeny = all.Policies?.find((p) => p.Name === `DenyRegion-${R2}`);
    assert.ok(regionDeny?.Id);
    const described = await client.send(new DescribePolicyCommand({ PolicyId: regionDeny.Id }));
    const doc = JSON.parse(described.Policy?.Content ?? '{}');
    assert.deepEqual(doc.Statement[0].Condition, { StringEquals: { 'aws:RequestedRegion': R2 } });
    const denied = member((m) => m.scpDeniedRegions !== undefined);
    const targets = await client.send(new ListTargetsForPolicyCommand({ PolicyId: regionDeny.Id }));
    assert.deepEqual(
      targets.Targets?.map((t) => [t.TargetId, t.Type]),
      [[denied.account.accountId, 'ACCOUNT']],
    );
    const prod = gen.organization.organizationalUnits.find((o) => o.name === 'Prod');
    assert.ok(prod);
    const forProd = await client.send(
      new ListPoliciesForTargetCommand({ TargetId: prod.id, Filter: 'SERVICE_CONTROL_POLICY' }),
    );
    assert.deepEqual(
      forProd.Policies?.map((p) => [p.Name, p.AwsManaged]),
      [
        ['FullAWSAccess', true],
        ['ProtectAuditRole', false],
      ],
    );
    const missing = await rejection(client.send(new DescribePolicyCommand({ PolicyId: 'p-00000000' })));
    assert.equal(missing.name, 'PolicyNotFoundException');
  });

  it("answers a member's session from the member's own state: its identity and its functions", async () => {
    const m = plain();
    const creds = await assume(sim, m.account.accountId, EXTERNAL_ID);
    const id = await new STSClient(cfg(sim, R1, creds)).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Account, m.account.accountId);
    assert.equal(
      id.Arn,
      `arn:aws:sts::${m.account.accountId}:assumed-role/${gen.organization.auditRoleName}/lambda-posture`,
    );
    const listed = await functionNames(sim, R1, creds);
    assert.deepEqual(
      listed,
      m.account.lambda[R1]?.functions.map((f) => f.arn),
    );
    const own = await functionNames(sim, R1, BASE);
    assert.deepEqual(
      own,
      gen.account.lambda[R1]?.functions.map((f) => f.arn),
    );
    assert.ok(!listed.some((arn) => own.includes(arn)), "no management function in the member's list");
    assert.ok(sim.accounts.get(m.account.accountId) === m.account);
  });

  it("assumes the management account's own audit role like any other", async () => {
    const creds = await assume(sim, ORG_MANAGEMENT_ACCOUNT_ID, EXTERNAL_ID);
    const id = await new STSClient(cfg(sim, R1, creds)).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Account, ORG_MANAGEMENT_ACCOUNT_ID);
    assert.match(id.Arn ?? '', /:assumed-role\/LambdaPostureAudit\/lambda-posture$/);
    const accounts = await new OrganizationsClient(cfg(sim, R1, creds)).send(new ListAccountsCommand({}));
    assert.equal(accounts.Accounts?.[0]?.Id, ORG_MANAGEMENT_ACCOUNT_ID);
  });

  it('refuses AssumeRole into a suspended member, a member without the role, and with a wrong ExternalId', async () => {
    const suspended = member((m) => m.status === 'SUSPENDED');
    const roleless = member((m) => m.roleMissing === true);
    for (const [accountId, externalId] of [
      [suspended.account.accountId, EXTERNAL_ID],
      [roleless.account.accountId, EXTERNAL_ID],
      [plain().account.accountId, 'wrong'],
      [plain().account.accountId, undefined],
    ] as const) {
      const e = await rejection(assume(sim, accountId, externalId));
      assert.equal(e.name, 'AccessDenied', `${accountId} ${externalId}`);
      assert.equal(e.$metadata.httpStatusCode, 403);
      assert.match(
        e.message,
        new RegExp(`not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${accountId}:role/`),
      );
    }
  });

  it('denies every request of the SCP-denied member in that region, in the words of an SCP', async () => {
    const denied = member((m) => m.scpDeniedRegions?.includes(R2) === true);
    const creds = await assume(sim, denied.account.accountId, EXTERNAL_ID);
    sim.resetLog();
    const e = await rejection(new LambdaClient(cfg(sim, R2, creds)).send(new ListFunctionsCommand({})));
    assert.equal(e.name, 'AccessDeniedException');
    assert.equal(e.$metadata.httpStatusCode, 403);
    assert.match(
      e.message,
      new RegExp(
        `^User: arn:aws:sts::${denied.account.accountId}:assumed-role/LambdaPostureAudit/lambda-posture is not authorized to perform: lambda:ListFunctions on resource: \\* with an explicit deny in a service control policy$`,
      ),
    );
    const sts = await rejection(new STSClient(cfg(sim, R2, creds)).send(new GetCallerIdentityCommand({})));
    assert.equal(sts.name, 'AccessDenied');
    // The other region answers; so does the same region for another account.
    assert.equal((await functionNames(sim, R1, creds)).length, 3);
    assert.equal((await functionNames(sim, R2, BASE)).length, 3);
    assert.deepEqual(
      sim.callLog.filter((c) => c.fault === 'denied').map((c) => [c.accountId, c.region]),
      [
        [denied.account.accountId, R2],
        [denied.account.accountId, R2],
      ],
    );
  });

  it('refuses the Organizations listings to a member, but tells it which organization it is in', async () => {
    const m = plain();
    const creds = await assume(sim, m.account.accountId, EXTERNAL_ID);
    const client = new OrganizationsClient(cfg(sim, R1, creds));
    const e = await rejection(client.send(new ListAccountsCommand({})));
    assert.equal(e.name, 'AccessDeniedException');
    assert.equal(e.message, "You don't have permissions to access this resource.");
    assert.equal(e.$metadata.httpStatusCode, 400);
    const ous = await rejection(
      client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: gen.organization.rootId })),
    );
    assert.equal(ous.name, 'AccessDeniedException');
    const org = await client.send(new DescribeOrganizationCommand({}));
    assert.equal(org.Organization?.Id, gen.organization.id);
    assert.equal(org.Organization?.MasterAccountId, ORG_MANAGEMENT_ACCOUNT_ID);
  });

  it("lists GuardDuty's delegated administrator only to the management account; members' detectors are associated with it, one left standalone", async () => {
    const admin = gen.guardDuty.delegatedAdministrator;
    const standalone = gen.guardDuty.unassociated;
    assert.ok(admin && standalone && admin !== standalone);
    for (const region of [R1, R2]) {
      const out = await new GuardDutyClient(cfg(sim, region)).send(
        new ListOrganizationAdminAccountsCommand({}),
      );
      assert.deepEqual(out.AdminAccounts, [{ AdminAccountId: admin, AdminStatus: 'ENABLED' }]);
    }
    const creds = await assume(sim, plain().account.accountId, EXTERNAL_ID);
    const e = await rejection(
      new GuardDutyClient(cfg(sim, R1, creds)).send(new ListOrganizationAdminAccountsCommand({})),
    );
    assert.equal(e.name, 'BadRequestException');
    assert.equal(e.$metadata.httpStatusCode, 400);
    // The ground truth in the model, as GetAdministratorAccount serves it to each account.
    const detectorOf = (id: string) => sim.accounts.get(id)?.guardduty[R1]?.detector;
    assert.equal(detectorOf(admin)?.administrator, undefined, 'the administrator has none of its own');
    assert.equal(detectorOf(standalone)?.administrator, undefined, 'the unassociated member has none');
    assert.deepEqual(detectorOf(ORG_MANAGEMENT_ACCOUNT_ID)?.administrator, {
      accountId: admin,
      relationshipStatus: 'Enabled',
    });
    const mine = detectorOf(plain().account.accountId);
    assert.ok(mine);
    const got = await new GuardDutyClient(cfg(sim, R1, creds)).send(
      new GetAdministratorAccountCommand({ DetectorId: mine.id }),
    );
    assert.equal(got.Administrator?.AccountId, plain().account.accountId === standalone ? undefined : admin);
  });

  it('records each call under the account that answered it, and summarizes per account', async () => {
    const m = plain();
    const creds = await assume(sim, m.account.accountId, EXTERNAL_ID);
    sim.resetLog();
    await functionNames(sim, R1, creds);
    await functionNames(sim, R1, BASE);
    await new STSClient(cfg(sim, R1, creds)).send(new GetCallerIdentityCommand({}));
    assert.deepEqual(sim.summary(m.account.accountId).byAction, {
      'lambda:ListFunctions': 1,
      'sts:GetCallerIdentity': 1,
    });
    assert.deepEqual(sim.summary(ORG_MANAGEMENT_ACCOUNT_ID).byAction, { 'lambda:ListFunctions': 1 });
    assert.equal(sim.summary().total, 3);
  });

  it("serves the planted grants in the grantor's function policies, one inside the organization and one outside", async () => {
    assert.deepEqual(
      gen.grants.map((g) => [g.grantee, g.inOrganization]),
      [
        [gen.grants[0]?.grantee, true],
        [OUTSIDE_ACCOUNT_ID, false],
      ],
    );
    const inside = gen.grants[0];
    assert.ok(inside);
    assert.ok(gen.organization.members.some((m) => m.account.accountId === inside.grantee));
    assert.notEqual(inside.grantee, inside.accountId);
    const creds = await assume(sim, inside.accountId, EXTERNAL_ID);
    for (const g of gen.grants) {
      const policy = await new LambdaClient(cfg(sim, g.region, creds)).send(
        new GetPolicyCommand({ FunctionName: g.functionArn }),
      );
      const doc = JSON.parse(policy.Policy ?? '{}');
      assert.deepEqual(doc.Statement[0].Principal, { AWS: `arn:aws:iam::${g.grantee}:root` });
      const findings = gen.manifests[g.accountId]?.findings.filter(
        (f) => f.checkId === 'lambda.cross-account-grant' && f.resourceArn === g.functionArn,
      );
      assert.deepEqual(
        findings?.map((f) => f.note),
        [`AWS principal of account ${g.grantee}`],
      );
    }
  });
});

describe('Organizations without a served organization', () => {
  it('answers the listings as AWS does for the account alone: not in use, or denied to an organization it only names', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const sim = await startSimulator({
        generate: { seed, regions: [R1], functionsPerRegion: 1, users: 1 },
        quotas: false,
      });
      try {
        const e = await rejection(new OrganizationsClient(cfg(sim, R1)).send(new ListAccountsCommand({})));
        const expected = sim.account.organization
          ? 'AccessDeniedException'
          : 'AWSOrganizationsNotInUseException';
        assert.equal(e.name, expected, `seed ${seed}`);
        assert.equal(sim.accounts.size, 1);
        assert.equal(sim.organization, null);
      } finally {
        await sim.stop();
      }
    }
  });
});

describe('per-account quotas in an organization', () => {
  let sim: Simulator;
  let gen: GeneratedOrganization;
  before(async () => {
    gen = generateOrganization({ seed: 5, accounts: 3, regions: [R1], functionsPerRegion: 2, users: 1 });
    // One token, refilled every 100 s: a second call within the test is throttled, whatever the machine's speed.
    sim = await startSimulator({
      account: gen.account,
      organization: gen.organization,
      quotas: { lambdaControlPlane: 0.01, sts: 1000 },
    });
  });
  after(() => sim.stop());

  it("throttles one account's bucket without touching another's", async () => {
    const [a, b] = gen.organization.members;
    assert.ok(a && b);
    const ca = await assume(sim, a.account.accountId);
    const cb = await assume(sim, b.account.accountId);
    const la = new LambdaClient(cfg(sim, R1, ca));
    await la.send(new ListFunctionsCommand({}));
    const e = await rejection(la.send(new ListFunctionsCommand({})));
    assert.equal(e.name, 'TooManyRequestsException');
    const other = await new LambdaClient(cfg(sim, R1, cb)).send(new ListFunctionsCommand({}));
    assert.equal(other.Functions?.length, 2);
    const own = await new LambdaClient(cfg(sim, R1)).send(new ListFunctionsCommand({}));
    assert.equal(own.Functions?.length, 2);
    assert.equal(sim.summary(a.account.accountId).throttled, 1);
    assert.equal(sim.summary(b.account.accountId).throttled, 0);
    assert.equal(sim.summary(ORG_MANAGEMENT_ACCOUNT_ID).throttled, 0);
    assert.equal(
      count(sim.callLog, 'lambda:ListFunctions', (c) => c.accountId === a.account.accountId),
      2,
    );
  });
});

describe('organization generator (no server)', () => {
  const small = {
    seed: 9,
    accounts: 5,
    regions: [R1],
    functionsPerRegion: 4,
    users: 2,
    suspended: 1,
    roleMissing: 1,
  };

  it('is deterministic for a seed, with deterministic ids and names', () => {
    const a = generateOrganization(small);
    const b = generateOrganization(small);
    assert.deepEqual(a, b);
    assert.deepEqual(
      [a.account.accountId, ...a.organization.members.map((m) => m.account.accountId)],
      [1, 2, 3, 4, 5].map((i) => orgAccountId(i - 1)),
    );
    assert.deepEqual(
      a.organization.members.map((m) => [m.name, m.status, m.roleMissing ?? false]),
      [
        ['security-tooling', 'ACTIVE', false],
        ['payments-prod', 'ACTIVE', false],
        ['identity-staging', 'ACTIVE', true],
        ['retired-4', 'SUSPENDED', false],
      ],
    );
    assert.notDeepEqual(generateOrganization({ ...small, seed: 10 }).organization.id, a.organization.id);
  });

  it("gives each account its own seed, its own id in every ARN and the organization's identity", () => {
    const g = generateOrganization(small);
    const seeds = new Set(Object.values(g.manifests).map((m) => m.seed));
    assert.equal(seeds.size, 5);
    assert.deepEqual(
      Object.keys(g.manifests).sort(),
      [1, 2, 3, 4, 5].map((i) => orgAccountId(i - 1)),
    );
    for (const acct of [g.account, ...g.organization.members.map((m) => m.account)]) {
      const json = JSON.stringify(acct);
      assert.ok(!json.includes(ACCOUNT_ID), `${acct.accountId} has no default-account ARN`);
      assert.ok(acct.lambda[R1]?.functions.every((f) => f.arn.includes(`:${acct.accountId}:function:`)));
      assert.equal(acct.caller.arn, `arn:aws:iam::${acct.accountId}:user/security-auditor`);
      assert.equal(acct.organization?.id, g.organization.id);
      assert.equal(acct.organization?.managementAccountId, ORG_MANAGEMENT_ACCOUNT_ID);
    }
    const [m1, m2] = g.organization.members;
    assert.notDeepEqual(
      m1?.account.lambda[R1]?.functions.map((f) => f.name),
      m2?.account.lambda[R1]?.functions.map((f) => f.name),
    );
  });

  it('refuses more special members than there are members', () => {
    assert.throws(() => generateOrganization({ ...small, suspended: 3, roleMissing: 2 }), /members/);
  });
});

describe('single-account generation with an account id', () => {
  const opts: GenerateOptions = {
    seed: 42,
    regions: [R1, R2],
    functionsPerRegion: { [R1]: 40, [R2]: 10 },
    users: 12,
    misconfigRate: 0.3,
  };

  it('defaults to ACCOUNT_ID, unchanged when the id is given explicitly', () => {
    assert.deepEqual(generateAccount(opts), generateAccount({ ...opts, accountId: ACCOUNT_ID }));
    assert.equal(generateAccount(opts).account.accountId, '123456789012');
  });

  it('changes nothing but the id: no seeded draw depends on it', () => {
    // The next id up: maps keyed by ARN and lists sorted by ARN keep their order, so the two
    // accounts must agree byte for byte once the id is swapped back.
    const other = '123456789013';
    const base = JSON.stringify(generateAccount(opts));
    const moved = JSON.stringify(generateAccount({ ...opts, accountId: other }));
    assert.ok(!moved.includes(ACCOUNT_ID));
    assert.equal(moved.replaceAll(other, ACCOUNT_ID), base);
  });
});
