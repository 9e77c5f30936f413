/**
 * Least privilege, proven on the wire: a full scan (built CLI) of a simulated account with every
 * feature the scanner reads planted must stay inside policy/lambda-posture-readonly.json, the IAM
 * policy the repo ships, and that policy must hold read-only actions only.
 *
 * The simulator logs each request as (service, action): `service` is the SigV4 signing name from
 * the request's credential scope, `action` the API operation. For the five services the scanner
 * uses, the signing name is the IAM service prefix and the operation name is the IAM action name
 * (Service Authorization Reference), so `${service}:${action}` is the IAM action the call needs.
 * A service outside that table fails the test rather than being guessed.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths.js';
import type { GenerateOptions } from '../sim/account.js';
import { CHANGE_ARGS } from '../sim/facts/cloudtrail-settings.js';
import { type Simulator, startSimulator } from '../sim/server.js';
import { readJson, type ScanRun, scanSim, scratch } from './sim-harness.js';

/** SigV4 signing name → IAM service prefix, for every service the scanner may call. */
const IAM_PREFIX: Record<string, string> = {
  sts: 'sts',
  ec2: 'ec2',
  iam: 'iam',
  lambda: 'lambda',
  guardduty: 'guardduty',
  'access-analyzer': 'access-analyzer',
  account: 'account',
  cloudtrail: 'cloudtrail',
  config: 'config',
  organizations: 'organizations',
};

/**
 * --scan-code downloads packages from the presigned URLs GetFunction and GetLayerVersion answer:
 * those GETs carry Lambda's signature, not the caller's, so they need no IAM action of the caller
 * (and the SDK does not send or count them). They are left out of the policy comparison.
 */
const PRESIGNED = new Set(['s3']);
const signedCalls = (log: readonly { service: string; action: string; fault?: string }[]) =>
  log.filter((c) => !PRESIGNED.has(c.service));

interface PolicyStatement {
  Sid?: string;
  Effect: string;
  Action?: string | string[];
  NotAction?: unknown;
  Resource?: unknown;
}
interface PolicyDocument {
  Version: string;
  Statement: PolicyStatement[];
}

const policy = readJson<PolicyDocument>(join(repoRoot(), 'policy', 'lambda-posture-readonly.json'));
const asList = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
const allowed = policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => asList(s.Action));

/** IAM action matching: case-insensitive, `*` and `?` wildcards. */
function matches(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
    'i',
  );
  return re.test(action);
}
const isAllowed = (action: string): boolean => allowed.some((p) => matches(p, action));

/**
 * Read-only by name: Get*, List*, Describe*, plus the reads not named so: the one write-shaped
 * read the scanner needs, and CloudTrail's LookupEvents (a read of event history; AWS's managed
 * AWSCloudTrail_ReadOnlyAccess grants it).
 */
const READ_ONLY = /^[a-z0-9-]+:(?:Get|List|Describe)[A-Za-z0-9*]*$/;
// AWS Config classes BatchGetResourceConfig as Read: it returns configuration items.
const READ_ONLY_EXCEPTIONS = new Set([
  'iam:GenerateCredentialReport',
  'cloudtrail:LookupEvents',
  'config:BatchGetResourceConfig',
]);

const NOW = new Date().toISOString();
/**
 * Everything the scanner reads, planted: function URLs, resource policies, reserved concurrency in
 * one region (GetFunction reads it there; --deep reads tags with it everywhere) and none in
 * another, event source mappings, code signing configs with functions attached, AWS-managed
 * policies attached (GetPolicy + GetPolicyVersion), virtual MFA devices, a region with no
 * function, GuardDuty enabled, suspended and missing, async invoke configs and recursion
 * settings, and a credential report the scanner must generate; AWS Config recording Lambda in
 * us-east-1 (some items stale, so GetPolicy is still called) and not in eu-west-1.
 */
const ACCOUNT: GenerateOptions = {
  seed: 61,
  regions: ['us-east-1', 'eu-west-1', 'ap-northeast-1'],
  functionsPerRegion: { 'us-east-1': 25, 'eu-west-1': 12, 'ap-northeast-1': 0 },
  reservedConcurrencyRate: { 'us-east-1': 0.3, 'eu-west-1': 0 },
  users: 8,
  misconfigRate: 0.5,
  passwordPolicy: 'weak',
  guardduty: { 'us-east-1': 'enabled', 'eu-west-1': 'suspended', 'ap-northeast-1': 'missing' },
  now: NOW,
  awsConfig: { unrecordedRegions: ['eu-west-1'], staleRate: 0.1 },
};

describe('least privilege: a full scan stays inside policy/lambda-posture-readonly.json', () => {
  const tmp = scratch('least-privilege');
  let sim: Simulator;
  let scan: ScanRun;

  before(async () => {
    sim = await startSimulator({ generate: ACCOUNT, timeScale: 20 });
    // --deep, --scan-code, --changes-since and --policy-source config: the opt-in reads (layer
    // versions, per-function configuration, packages, CloudTrail's Lambda events, AWS Config's
    // recorders and items) must fit the policy too.
    scan = await scanSim(sim.url, tmp.dir(), {
      rateScale: 20,
      args: ['--deep', '--scan-code', ...CHANGE_ARGS, '--policy-source', 'config'],
    });
  });

  after(async () => {
    await sim?.stop();
    tmp.cleanup();
  });

  it('the account plants every feature the scanner reads (so the scan takes every call path)', () => {
    const a = sim.account;
    const fns = a.regions.flatMap((r) => a.lambda[r]?.functions ?? []);
    assert.ok(
      fns.some((f) => f.url),
      'function URLs',
    );
    assert.ok(
      fns.some((f) => f.policy),
      'resource-based policies',
    );
    assert.ok(
      (a.lambda['us-east-1']?.functions ?? []).some((f) => f.reservedConcurrency !== null),
      'reserved concurrency',
    );
    assert.ok(
      (a.lambda['eu-west-1']?.functions ?? []).every((f) => f.reservedConcurrency === null),
      'a region without reservations',
    );
    assert.equal(a.lambda['ap-northeast-1']?.functions.length ?? 0, 0, 'a region without functions');
    assert.ok(
      a.regions.some((r) => (a.lambda[r]?.eventSourceMappings.length ?? 0) > 0),
      'event source mappings',
    );
    assert.ok(
      fns.some((f) => f.codeSigningConfigArn),
      'code signing configs in use',
    );
    assert.ok(
      fns.some((f) => f.env && Object.keys(f.env).length > 0),
      'environment variables',
    );
    assert.ok(
      a.iam.policies.some((p) => p.awsManaged),
      'AWS-managed policies attached',
    );
    assert.ok(a.iam.virtualMfaDevices.length > 0, 'virtual MFA devices');
    assert.ok(a.iam.passwordPolicy, 'a password policy');
    assert.ok(a.guardduty['us-east-1']?.detector, 'a GuardDuty detector');
    assert.ok(
      Object.values(a.accessAnalyzers ?? {}).some((list) => list.length > 0),
      'IAM Access Analyzer analyzers',
    );
    const versions = a.regions.flatMap((r) => (a.lambda[r]?.layers ?? []).flatMap((l) => l.versions));
    assert.ok(
      versions.some((v) => v.policy) && versions.some((v) => !v.policy),
      'own layer versions with and without a policy',
    );
    assert.ok(
      Object.values(a.subnets ?? {}).some((s) => s.length > 0),
      'subnets of VPC functions',
    );
    assert.ok(
      fns.some((f) => f.eventInvokeConfigs?.length) && fns.some((f) => f.recursiveLoop === 'Allow'),
      'asynchronous invocation configs and recursive loop settings',
    );
    assert.ok(
      sim.callLog.some((c) => c.service === 's3' && c.action === 'GetObject' && c.status === 200),
      'package downloads (--scan-code)',
    );
    assert.ok(
      sim.callLog.some((c) => c.service === 'config' && c.action === 'BatchGetResourceConfig'),
      'configuration items (--policy-source config)',
    );
    assert.ok(scan.code === 0 || scan.code === 1, scan.stderr);
    assert.equal(scan.report().summary.incomplete, false, 'every read succeeded');
  });

  it('every call in the log is an operation the simulator knows, of a known service', () => {
    const unknown = signedCalls(sim.callLog).filter(
      (c) => c.fault === 'unknown-operation' || c.fault === 'unknown-service' || !(c.service in IAM_PREFIX),
    );
    assert.deepEqual(
      unknown.map((c) => `${c.service}:${c.action}`),
      [],
    );
    assert.ok(sim.callLog.length > 0);
  });

  it('every (service, action) called maps to an action the policy allows', (t) => {
    const called = [
      ...new Set(signedCalls(sim.callLog).map((c) => `${IAM_PREFIX[c.service] ?? c.service}:${c.action}`)),
    ].sort();
    t.diagnostic(`IAM actions called: ${called.join(', ')}`);
    assert.deepEqual(
      called.filter((a) => !isAllowed(a)),
      [],
    );
    // The scanner's own count of what it sent agrees with the simulator's log.
    assert.deepEqual(Object.keys(scan.report().run.apiCalls.byAction).sort(), called);
  });

  it('the policy allows only read-only actions, with no NotAction, no Deny and no service wildcard', () => {
    assert.equal(policy.Version, '2012-10-17');
    for (const s of policy.Statement) {
      assert.equal(s.Effect, 'Allow', `statement ${s.Sid}`);
      assert.equal(s.NotAction, undefined, `statement ${s.Sid} uses NotAction`);
    }
    assert.ok(allowed.length > 0);
    assert.deepEqual(
      allowed.filter((a) => !READ_ONLY.test(a) && !READ_ONLY_EXCEPTIONS.has(a)),
      [],
    );
    assert.deepEqual(
      allowed.filter((a) => a.includes('*') && !/:(?:Get|List|Describe)[A-Za-z0-9]*\*$/.test(a)),
      [],
      'no wildcard beyond a read prefix',
    );
  });

  it('reports policy actions this scan never called (informational, not a failure)', (t) => {
    const called = new Set(
      signedCalls(sim.callLog).map((c) => `${IAM_PREFIX[c.service] ?? c.service}:${c.action}`),
    );
    const unused = allowed.filter((p) => ![...called].some((a) => matches(p, a)));
    t.diagnostic(
      unused.length === 0
        ? 'every action in the policy was called'
        : `in the policy but never called by this scan: ${unused.join(', ')}`,
    );
  });
});
