/**
 * An organization scan end to end: the built CLI scans a simulated organization (a management
 * account and members in nested OUs, one suspended, one without the audit role, one whose SCP
 * denies a region) as each account's audit role, then the same organization in three shards,
 * merged. Checked: the roll-up says what happened to every account (never a failed one as
 * clean), each account's reports are its own (its identity, its functions, its quota), the
 * organization context and SCPs reach the checks, the calls made with the caller's own
 * credentials stay inside policy/lambda-posture-organization.json, and the merged shards are
 * the single run's roll-up byte for byte apart from timestamps.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Inventory } from '../../src/inventory/schema.js';
import type { Rollup } from '../../src/report/rollup/schema.js';
import type { Report } from '../../src/report/schema.js';
import { repoRoot } from '../helpers/paths.js';
import {
  DEFAULT_AUDIT_ROLE_NAME,
  type GeneratedOrganization,
  generateOrganization,
  OUTSIDE_ACCOUNT_ID,
} from '../sim/organization.js';
import { type Simulator, startSimulator } from '../sim/server.js';
import { type CliRun, readJson, runCli, scratch, simEnv, startCli, waitForStderr } from './sim-harness.js';

const REGIONS = ['us-east-1', 'eu-west-1'];

function orgArgs(url: string, out: string, extra: string[] = []): string[] {
  return [
    'scan',
    '--org',
    '--role-name',
    DEFAULT_AUDIT_ROLE_NAME,
    '--endpoint-url',
    url,
    '--regions',
    REGIONS.join(','),
    '--out',
    out,
    '--rate-scale',
    '10',
    '--fail-on',
    'none',
    ...extra,
  ];
}

/** Times vary between runs (ISO in the JSON, "YYYY-MM-DD hh:mm:ss UTC" in the page); nothing else may. */
const TIME = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z| UTC)/g;
const timeless = (text: string) => text.replace(TIME, '…');

describe('organization scan (simulated organization)', () => {
  let org: GeneratedOrganization;
  let sim: Simulator;
  const tmp = scratch('org');
  const dir = tmp.root;
  let single: CliRun;
  let rollup: Rollup;

  before(async () => {
    org = generateOrganization({
      seed: 5,
      accounts: 6,
      regions: REGIONS,
      functionsPerRegion: 4,
      users: 3,
      suspended: 1,
      roleMissing: 1,
      scpDeniedRegion: { accounts: 1, region: 'eu-west-1' },
    });
    sim = await startSimulator({
      account: org.account,
      organization: org.organization,
      timeScale: 10,
      credentialReportPresent: true,
      // The shards below list the organization at once, each paced at Organizations' 5/s; under a
      // loaded CI machine their retries could run out and change one shard's coverage, which is
      // not what the byte-for-byte comparison is about.
      quotas: { organizations: 1000 },
    });
    single = await runCli(
      orgArgs(sim.url, join(dir, 'single'), ['--baseline-dir', join(dir, 'history')]),
      simEnv(),
    );
    rollup = readJson<Rollup>(join(dir, 'single', 'rollup.json'));
  });
  after(async () => {
    await sim.stop();
    tmp.cleanup();
  });

  const member = (pick: (m: GeneratedOrganization['organization']['members'][number]) => boolean) => {
    const m = org.organization.members.find(pick);
    assert.ok(m, 'the generated organization has such a member');
    return m.account.accountId;
  };

  it('accounts every account: scanned, failed (no audit role) with its reason, suspended; exit 3', () => {
    assert.equal(single.code, 3, single.stderr);
    assert.equal(rollup.accounts.length, 6);
    const status = Object.fromEntries(rollup.accounts.map((a) => [a.accountId, a.status]));
    const missing = member((m) => m.roleMissing === true);
    const suspended = member((m) => m.status === 'SUSPENDED');
    assert.equal(status[missing], 'failed');
    assert.equal(status[suspended], 'suspended');
    assert.equal(Object.values(status).filter((s) => s === 'scanned').length, 4);
    const failed = rollup.accounts.find((a) => a.accountId === missing);
    assert.match(
      failed?.reason ?? '',
      /could not assume arn:aws:iam::\d{12}:role\/LambdaPostureAudit \(AccessDenied\)/,
    );
    assert.equal(failed?.error?.code, 'AccessDenied');
    assert.equal(failed?.error?.operation, 'AssumeRole');
    assert.equal(rollup.summary.incomplete, true, 'a failed account is never clean');
    assert.deepEqual(rollup.summary.accounts, { total: 6, scanned: 4, failed: 1, suspended: 1 });
    assert.equal(rollup.accounts[0]?.status, 'failed', 'worst first: the failed account leads');
    assert.match(single.stdout, /Not scanned \(the roll-up counts them as unknown, never as clean\)/);
    assert.ok(existsSync(join(dir, 'single', 'rollup.html')));
  });

  it("each account's reports are its own: its identity, its functions, read from its own state", () => {
    for (const a of rollup.accounts.filter((x) => x.status === 'scanned')) {
      const report = readJson<Report>(join(dir, 'single', 'accounts', a.accountId, 'report.json'));
      assert.equal(report.run.accountId, a.accountId);
      assert.match(
        report.run.callerArn,
        new RegExp(`^arn:aws:sts::${a.accountId}:assumed-role/LambdaPostureAudit/`),
      );
      const fnResults = report.results.filter((r) => r.resource.type === 'AWS::Lambda::Function');
      assert.ok(fnResults.length > 0);
      for (const r of fnResults)
        assert.ok(r.resource.arn.includes(`:${a.accountId}:function:`), r.resource.arn);
      const calls = sim.summary(a.accountId);
      assert.ok(
        (calls.byAction['lambda:ListFunctions'] ?? 0) >= REGIONS.length,
        `${a.accountId} listed its own functions`,
      );
    }
  });

  it('the SCP-denied region is unknown in that account only, with the SCP named', () => {
    const denied = member((m) => (m.scpDeniedRegions ?? []).length > 0);
    const report = readJson<Report>(join(dir, 'single', 'accounts', denied, 'report.json'));
    const gaps = report.coverage.filter((g) => g.region === 'eu-west-1');
    assert.ok(gaps.length > 0);
    assert.ok(gaps.every((g) => g.error.class === 'access-denied'));
    assert.match(gaps[0]?.error.message ?? '', /service control policy/);
    const other = rollup.accounts.find((a) => a.status === 'scanned' && a.accountId !== denied);
    assert.ok(other);
    const clean = readJson<Report>(join(dir, 'single', 'accounts', other.accountId, 'report.json'));
    assert.equal(clean.coverage.filter((g) => g.region === 'eu-west-1').length, 0);
  });

  it('organization context: a grant to a member passes, a grant outside the organization fails', () => {
    const [inside, outside] = org.grants;
    assert.ok(inside?.inOrganization && outside && !outside.inOrganization);
    const report = readJson<Report>(join(dir, 'single', 'accounts', inside.accountId, 'report.json'));
    const verdict = (arn: string) =>
      report.results.find((r) => r.checkId === 'lambda.cross-account-grant' && r.resource.arn === arn);
    assert.equal(verdict(inside.functionArn)?.status, 'pass');
    const evidence = verdict(inside.functionArn)?.evidence as { withinOrganization?: unknown[] } | undefined;
    assert.equal(evidence?.withinOrganization?.length, 1);
    assert.equal(verdict(outside.functionArn)?.status, 'fail');
    assert.match(verdict(outside.functionArn)?.message ?? '', new RegExp(OUTSIDE_ACCOUNT_ID));
  });

  it("each account's inventory records the organization and the SCPs on its path", () => {
    const files = readdirSync(join(dir, 'history')).filter((f) => f.endsWith('.json'));
    assert.equal(files.length, 4, 'one inventory per scanned account');
    const prod = org.organization.organizationalUnits.find((u) => u.name === 'Prod');
    for (const f of files) {
      const inv = readJson<Inventory>(join(dir, 'history', f));
      const ctx = inv.scan.organization;
      assert.equal(ctx?.id, org.organization.id);
      assert.equal(ctx?.accountIds.length, 6);
      const scps = ctx?.serviceControlPolicies;
      assert.ok(scps?.ok, `${f}: the SCPs were read`);
      if (inv.scan.accountId === org.account.accountId) {
        assert.deepEqual(scps.value, { applies: false, reason: 'management-account' });
        continue;
      }
      assert.ok(scps.value.applies);
      assert.equal(scps.value.levels[0]?.targetId, org.organization.rootId);
      assert.equal(scps.value.levels.at(-1)?.targetId, inv.scan.accountId);
      const inProd = scps.value.levels.some((l) => l.targetId === prod?.id);
      if (inProd) {
        assert.ok(scps.value.levels.some((l) => l.policies.some((p) => p.name === 'ProtectAuditRole')));
      }
    }
  });

  it("GuardDuty's delegated administrator and centralized root access: read once with the caller's credentials, recorded in every account", () => {
    const files = readdirSync(join(dir, 'history')).filter((f) => f.endsWith('.json'));
    for (const f of files) {
      const ctx = readJson<Inventory>(join(dir, 'history', f)).scan.organization;
      assert.deepEqual(ctx?.rootAccess, {
        ok: true,
        value: {
          organizationId: org.organization.id,
          enabledFeatures: ['RootCredentialsManagement', 'RootSessions'],
          notAnswerable: null,
        },
      });
      for (const region of REGIONS) {
        assert.deepEqual(ctx?.guardDutyAdministrators?.[region], {
          ok: true,
          value: {
            adminAccounts: [{ accountId: org.guardDuty.delegatedAdministrator, status: 'ENABLED' }],
            notAnswerable: null,
          },
        });
      }
    }
    // Once for the organization, not once per account: one call per region, and one IAM call.
    const own = sim.callLog.filter((c) => c.accessKeyId === 'AKIDSIMULATOR');
    const calls = (action: string) => own.filter((c) => c.action === action).map((c) => c.region);
    assert.deepEqual(calls('ListOrganizationAdminAccounts').sort(), [...REGIONS].sort());
    assert.equal(calls('ListOrganizationsFeatures').length, 1);
  });

  it('guardduty.delegated-administrator: the administrator and associated accounts pass, the standalone member fails', () => {
    const admin = org.guardDuty.delegatedAdministrator;
    const standalone = org.guardDuty.unassociated;
    assert.ok(admin && standalone);
    const verdict = (accountId: string, region: string) =>
      readJson<Report>(join(dir, 'single', 'accounts', accountId, 'report.json')).results.find(
        (r) => r.checkId === 'guardduty.delegated-administrator' && r.resource.region === region,
      );
    const scanned = rollup.accounts.filter((a) => a.status === 'scanned').map((a) => a.accountId);
    assert.ok(scanned.includes(admin) && scanned.includes(standalone));
    // us-east-1 always has an enabled detector in a generated account.
    for (const id of scanned) {
      const r = verdict(id, 'us-east-1');
      const want: string = id === standalone ? 'fail' : 'pass';
      assert.equal(r?.status, want, `${id}: ${r?.message}`);
    }
    assert.match(
      verdict(admin, 'us-east-1')?.message ?? '',
      /this account is the organization's GuardDuty delegated administrator/,
    );
    assert.match(verdict(standalone, 'us-east-1')?.message ?? '', /standalone/);
    // Every region is judged against the manifest's ground truth, where the account could be read.
    for (const id of scanned) {
      const truth = org.manifests[id]?.findings.filter(
        (f) => f.checkId === 'guardduty.delegated-administrator',
      );
      for (const region of REGIONS) {
        const r = verdict(id, region);
        if (r?.status === 'unknown') continue; // the SCP-denied region of one member
        const planted = truth?.some((f) => f.region === region) ?? false;
        assert.equal(r?.status === 'fail', planted, `${id} ${region}: ${r?.status} ${r?.message}`);
      }
    }
  });

  it("the root checks cite the organization's centralized root access, read with the caller's credentials", () => {
    const members = rollup.accounts.filter(
      (a) => a.status === 'scanned' && a.accountId !== org.account.accountId,
    );
    const cited = members.flatMap((a) =>
      readJson<Report>(join(dir, 'single', 'accounts', a.accountId, 'report.json')).results.filter(
        (r) => r.checkId.startsWith('iam.root-') && r.evidence.centralizedRootAccess !== undefined,
      ),
    );
    assert.ok(cited.length > 0, 'some root result of a member cites centralized root access');
    for (const r of cited) {
      const central = r.evidence.centralizedRootAccess as Record<string, unknown>;
      assert.equal(central.read, true, `${r.checkId}: ${JSON.stringify(central)}`);
      assert.equal(central.rootCredentialsManagement, true);
      assert.equal(central.memberAccount, true);
      assert.match(String(central.source), /organization scan's caller/);
      if (r.status === 'fail') assert.match(r.message, /delete this member account's root credentials/);
    }
  });

  it("the caller's own calls stay inside policy/lambda-posture-organization.json", () => {
    const policy = readJson<{ Statement: { Action: string[] }[] }>(
      join(repoRoot(), 'policy', 'lambda-posture-organization.json'),
    );
    const allowed = new Set(policy.Statement.flatMap((s) => s.Action));
    // GetCallerIdentity needs no permission (STS: "No permissions are required").
    allowed.add('sts:GetCallerIdentity');
    const own = sim.callLog.filter((c) => c.accessKeyId === 'AKIDSIMULATOR');
    assert.ok(own.length > 0);
    for (const c of own) assert.ok(allowed.has(`${c.service}:${c.action}`), `${c.service}:${c.action}`);
  });

  it('--accounts: only those accounts, as single accounts (no organization listed, no SCP read)', async () => {
    const ids = rollup.accounts
      .filter((a) => a.status === 'scanned' && a.accountId !== org.account.accountId)
      .slice(0, 2)
      .map((a) => a.accountId);
    const out = join(dir, 'listed');
    const before = sim.callLog.length;
    const r = await runCli(
      orgArgs(sim.url, out, [])
        .map((a) => (a === '--org' ? '--accounts' : a))
        .flatMap((a) => (a === '--accounts' ? [a, ids.join(',')] : [a])),
      simEnv(),
    );
    assert.ok(r.code === 0 || r.code === 3, r.stderr);
    const listed = readJson<Rollup>(join(out, 'rollup.json'));
    assert.equal(listed.organization, null);
    assert.equal(listed.selection.source, 'accounts');
    assert.deepEqual(listed.accounts.map((a) => a.accountId).sort(), [...ids].sort());
    const orgCalls = sim.callLog
      .slice(before)
      .filter((c) => c.service === 'organizations' && c.accessKeyId === 'AKIDSIMULATOR');
    assert.deepEqual(orgCalls, [], 'nothing listed with the caller’s credentials');
  });

  it('three shards merged are the single run, byte for byte apart from timestamps', async () => {
    const sharded = join(dir, 'sharded');
    const runs = await Promise.all(
      [0, 1, 2].map((i) => runCli(orgArgs(sim.url, sharded, ['--shard', `${i}/3`]), simEnv())),
    );
    for (const r of runs) assert.ok(r.code === 0 || r.code === 3, r.stderr);
    const merged = join(dir, 'merged');
    const m = await runCli(
      [
        'merge',
        sharded,
        '--out',
        merged,
        '--expect-shards',
        '3',
        '--fail-on',
        'none',
        '--upload',
        's3://org-reports/lambda-posture',
        '--endpoint-url',
        sim.url,
      ],
      simEnv(),
    );
    assert.equal(m.code, 3, m.stderr);
    for (const file of ['rollup.json', 'rollup.html']) {
      const got = timeless(readFileSync(join(merged, file), 'utf8')).split('\n');
      const want = timeless(readFileSync(join(dir, 'single', file), 'utf8')).split('\n');
      const first = got.findIndex((line, i) => line !== want[i]);
      assert.equal(
        first === -1 && got.length === want.length,
        true,
        `${file} line ${first + 1}:\n${got[first]}\n${want[first]}`,
      );
    }
    for (const a of rollup.accounts.filter((x) => x.status === 'scanned'))
      assert.ok(existsSync(join(merged, 'accounts', a.accountId, 'report.html')), 'account reports copied');
    // --upload: the roll-up beside the accounts' own folders, dated and under latest/.
    const uploaded = [...sim.objects.keys()].filter((k) =>
      k.startsWith('org-reports/lambda-posture/organization/'),
    );
    assert.deepEqual(uploaded.map((k) => k.replace(/\/\d{4}-[^/]+Z\//, '/<run>/')).sort(), [
      'org-reports/lambda-posture/organization/<run>/rollup.html',
      'org-reports/lambda-posture/organization/<run>/rollup.json',
      'org-reports/lambda-posture/organization/latest/rollup.html',
      'org-reports/lambda-posture/organization/latest/rollup.json',
    ]);
    const partial = await runCli(
      ['merge', join(sharded, 'shard-0', 'rollup.json'), '--out', join(dir, 'partial')],
      simEnv(),
    );
    assert.equal(partial.code, 7);
    assert.match(partial.stderr, /shard/);
  });
});

describe('organization scan: a stop', () => {
  let sim: Simulator;
  const tmp = scratch('org-stop');
  before(async () => {
    const org = generateOrganization({
      seed: 9,
      accounts: 3,
      regions: REGIONS,
      functionsPerRegion: 15,
      users: 2,
    });
    // Slow enough (latency, quotas at k=1) that the second account is still being read.
    sim = await startSimulator({
      account: org.account,
      organization: org.organization,
      credentialReportPresent: true,
      faults: { latency: { meanMs: 30, jitterMs: 5 }, regionLatency: {} },
    });
  });
  after(async () => {
    await sim.stop();
    tmp.cleanup();
  });

  it('SIGTERM after one account: exit 143, that account’s reports complete, no roll-up, no temp file', async () => {
    const out = tmp.dir('out');
    const { child, result } = startCli(
      orgArgs(sim.url, out, ['--account-concurrency', '1', '--rate-scale', '1']),
      simEnv(),
    );
    await waitForStderr(child, /done: score/);
    child.kill('SIGTERM');
    const run = await result;
    assert.equal(run.code, 143, run.stderr);
    assert.match(
      run.stderr,
      /terminated; the reports of 1 finished account\(s\) are in .*, complete; no roll-up was written/,
    );
    assert.ok(!existsSync(join(out, 'rollup.json')));
    const accounts = readdirSync(join(out, 'accounts'));
    const finished = accounts.filter((a) => existsSync(join(out, 'accounts', a, 'report.json')));
    assert.equal(finished.length, 1);
    const report = readJson<Report>(join(out, 'accounts', finished[0] ?? '', 'report.json'));
    assert.equal(report.run.accountId, finished[0]);
    const all = readdirSync(out, { recursive: true }).map(String);
    assert.deepEqual(
      all.filter((f) => f.endsWith('.tmp')),
      [],
    );
  });
});
