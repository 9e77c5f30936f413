import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReadPlan } from '../../src/inventory/reads.js';
import { buildView } from '../../src/view/account-view.js';
import { IamIndex } from '../../src/view/iam-index.js';
import { memoize } from '../../src/view/memo.js';
import { NO_EVIDENCE, readOf, Verdict } from '../../src/view/verdict.js';
import {
  ACCOUNT,
  authorization,
  awsError,
  credRow,
  doc,
  failed,
  failedLambdaRegion,
  iamData,
  iamGroup,
  iamRole,
  iamUser,
  inventory,
  lambdaFunction,
  lambdaRegionInventory,
  managedPolicy,
  ok,
  parsedDoc,
  withCredentialRows,
} from '../helpers/inventory.js';
import { narrowInventory } from '../helpers/narrow.js';

const CSC = `arn:aws:lambda:us-east-1:${ACCOUNT}:code-signing-config:csc-0123456789abcdef0`;
const POLICY = `arn:aws:iam::${ACCOUNT}:policy/deploy`;

describe('readOf', () => {
  it('keeps a successful read as it is, and phrases a failed or absent one', () => {
    const value = ok([1]);
    assert.equal(readOf(value, 'x'), value);
    const denied = readOf(failed(awsError('GetPolicy')), 'the resource policy');
    assert.deepEqual(
      denied.ok ? null : denied.reason,
      'the resource policy could not be read: lambda:GetPolicy failed (access-denied: AccessDeniedException)',
    );
    const absent = readOf(undefined, 'the function URLs');
    assert.equal(
      absent.ok ? null : absent.reason,
      "the function URLs was not collected (the scan's check selection did not need it)",
    );
  });
});

describe('Verdict', () => {
  it('shares one frozen empty evidence object, and merges a failed read’s evidence into its unknown', () => {
    const v = new Verdict({ arn: 'arn:x', name: 'x', region: null });
    assert.equal(v.pass('fine').evidence, NO_EVIDENCE);
    assert.ok(Object.isFrozen(NO_EVIDENCE));
    const d = v.missing({ ok: false, reason: 'the thing could not be read', evidence: { a: 1 } }, { b: 2 });
    assert.deepEqual(
      [d.status, d.message, d.evidence],
      ['unknown', 'the thing could not be read', { a: 1, b: 2 }],
    );
  });

  it('gives a judgement made once to each resource it concerns', () => {
    const judgement = { status: 'fail' as const, message: 'shared', evidence: { role: 'r' } };
    const [a, b] = ['arn:a', 'arn:b'].map((arn) =>
      new Verdict({ arn, name: arn, region: null }).judged(judgement),
    );
    assert.deepEqual(
      [a?.resource.arn, b?.resource.arn, a?.status, a?.message, a?.evidence === b?.evidence],
      ['arn:a', 'arn:b', 'fail', 'shared', true],
    );
  });
});

describe('memoize', () => {
  it('computes once per key, null and undefined results included', () => {
    const calls: string[] = [];
    const f = memoize((k: string) => {
      calls.push(k);
      return k === 'none' ? null : k === 'gone' ? undefined : k.length;
    });
    assert.deepEqual(['ab', 'none', 'gone', 'ab', 'none', 'gone'].map(f), [
      2,
      null,
      undefined,
      2,
      null,
      undefined,
    ]);
    assert.deepEqual(calls, ['ab', 'none', 'gone']);
  });
});

describe('IamIndex', () => {
  const deploy = managedPolicy({
    arn: POLICY,
    document: doc({ Effect: 'Allow', Action: ['lambda:*'], Resource: ['*'] }),
  });
  const broken = managedPolicy({
    arn: `arn:aws:iam::${ACCOUNT}:policy/broken`,
    document: ok({ parsed: false as const, reason: 'the policy is not valid JSON' }),
  });
  const denied = managedPolicy({
    arn: `arn:aws:iam::${ACCOUNT}:policy/denied`,
    document: failed(awsError('GetPolicyVersion', 'access-denied', 'iam', undefined)),
  });
  const index = new IamIndex({
    users: [iamUser({ name: 'ci', attachedPolicies: [{ name: 'deploy', arn: POLICY }] })],
    groups: [iamGroup({ name: 'ops', attachedPolicies: [{ name: 'deploy', arn: POLICY }] })],
    roles: [
      iamRole({
        name: 'App-Role',
        path: '/service/',
        attachedPolicies: [{ name: 'deploy', arn: POLICY }],
        inlinePolicies: [
          {
            name: 'inline-1',
            policy: parsedDoc({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] }),
          },
        ],
      }),
    ],
    policies: [deploy, broken, denied],
  });

  it('finds a role whatever the path and case of its name (IAM role names are unique that way)', () => {
    assert.equal(index.role(`arn:aws:iam::${ACCOUNT}:role/app-role`)?.name, 'App-Role');
    assert.equal(index.role(`arn:aws:iam::${ACCOUNT}:role/other/path/APP-ROLE`)?.name, 'App-Role');
    assert.equal(index.role(`arn:aws:iam::${ACCOUNT}:role/missing`), undefined);
  });

  it('finds users and groups by name (a user lists its groups by name)', () => {
    assert.deepEqual([index.user('ci')?.name, index.group('ops')?.name], ['ci', 'ops']);
    assert.deepEqual([index.user('ops'), index.group('ci')], [undefined, undefined]);
  });

  it('knows which users, groups and roles attach a managed policy', () => {
    assert.deepEqual(
      index.attachedTo(POLICY).map((p) => `${p.kind}:${p.name}`),
      ['user:ci', 'group:ops', 'role:App-Role'],
    );
    assert.deepEqual(index.attachedTo('arn:aws:iam::aws:policy/Nothing'), []);
  });

  it('gives each document or the reason it cannot be had', () => {
    assert.equal(index.document(POLICY).ok, true);
    const reasons = [broken.arn, denied.arn, 'arn:aws:iam::aws:policy/Unknown'].map((arn) => {
      const d = index.document(arn);
      return d.ok ? 'ok' : d.reason;
    });
    assert.deepEqual(reasons, [
      'policy broken could not be parsed (the policy is not valid JSON)',
      'policy denied could not be read: iam:GetPolicyVersion failed (access-denied: AccessDeniedException)',
      'policy arn:aws:iam::aws:policy/Unknown is not in the authorization details',
    ]);
    const role = index.role(`arn:aws:iam::${ACCOUNT}:role/app-role`);
    assert.ok(role);
    assert.deepEqual(
      index.policiesOf(role).map((p) => [p.name, p.arn, p.document.ok]),
      [
        ['deploy', POLICY, true],
        ['inline-1', null, true],
      ],
    );
  });
});

describe('AccountView', () => {
  it('flattens functions with account, region and qualifier, and resolves the attached code signing config', () => {
    const view = buildView(
      inventory({
        regions: {
          'us-east-1': lambdaRegionInventory(
            [
              lambdaFunction({ name: 'signed', codeSigningConfigArn: ok(CSC) }),
              lambdaFunction({ name: 'live', arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:live:prod` }),
            ],
            {
              codeSigningConfigs: ok([
                { arn: CSC, allowedPublisherProfiles: [], untrustedArtifactOnDeployment: 'Enforce' },
              ]),
            },
          ),
        },
      }),
    );
    const [signed, live] = view.functions;
    assert.equal(signed?.accountId, ACCOUNT);
    assert.equal(signed?.region, 'us-east-1');
    assert.ok(
      signed?.codeSigning.ok && signed.codeSigning.value?.untrustedArtifactOnDeployment === 'Enforce',
    );
    assert.equal(live?.qualifier, 'prod');
    assert.equal(live?.unqualifiedArn, `arn:aws:lambda:us-east-1:${ACCOUNT}:function:live`);
  });

  it('turns every kind of missing role into the right read: unreadable IAM, another account, not a role, deleted', () => {
    const fns = [
      lambdaFunction({ name: 'foreign', roleArn: 'arn:aws:iam::210987654321:role/x' }),
      lambdaFunction({ name: 'garbage', roleArn: 'not-an-arn' }),
      lambdaFunction({ name: 'deleted', roleArn: `arn:aws:iam::${ACCOUNT}:role/gone` }),
    ];
    const view = buildView(
      inventory({
        functions: fns,
        iam: { status: 'ok', data: iamData({ authorization: authorization({}) }) },
      }),
    );
    const reasons = view.functions.map((f) => (f.role.ok ? f.role.value : f.role.reason));
    assert.deepEqual(reasons, [
      'execution role x belongs to account 210987654321, outside this scan',
      'the execution role "not-an-arn" is not an IAM role ARN',
      null,
    ]);
    const noIam = buildView(
      inventory({
        functions: fns.slice(0, 1),
        iam: {
          status: 'error',
          error: awsError('GetAccountAuthorizationDetails', 'access-denied', 'iam', undefined),
        },
      }),
    );
    const role = noIam.functions[0]?.role;
    assert.match(
      role && !role.ok ? role.reason : '',
      /^execution role x could not be analysed: IAM could not be read/,
    );
  });

  it('walks functions: one unknown for an unreadable region, one not_applicable for an empty one', () => {
    const view = buildView(
      inventory({
        regions: { 'eu-west-1': failedLambdaRegion('eu-west-1'), 'us-west-2': lambdaRegionInventory([]) },
        functions: [lambdaFunction({ name: 'a' })],
      }),
    );
    assert.deepEqual(view.unreadableLambdaRegions, ['eu-west-1']);
    const drafts = [...view.eachFunction((fn, v) => v.pass(fn.config.name))];
    assert.deepEqual(
      drafts.map((d) => [d.resource.name, d.status]),
      [
        ['Lambda functions in eu-west-1', 'unknown'],
        ['a', 'pass'],
        ['Lambda functions in us-west-2', 'not_applicable'],
      ],
    );
  });

  it('walks IAM users from the credential report, root excluded; not applicable when there are none', () => {
    const withUsers = buildView(
      withCredentialRows(credRow({ user: '<root_account>' }), credRow({ user: 'alice' })),
    );
    assert.deepEqual(
      [...withUsers.eachUser((row, v) => v.pass(row.user))].map((d) => d.resource.name),
      ['alice'],
    );
    const rootOnly = buildView(withCredentialRows(credRow({ user: '<root_account>' })));
    assert.deepEqual(
      [...rootOnly.eachUser((row, v) => v.pass(row.user))].map((d) => [d.resource.name, d.status]),
      [[`account ${ACCOUNT}`, 'not_applicable']],
    );
  });

  it('walks IAM roles: one result each with the role type; unknown for unreadable details, not applicable for none', () => {
    const iamWith = (auth: ReturnType<typeof authorization>) =>
      inventory({ iam: { status: 'ok', data: iamData({ authorization: auth }) } });
    const withRoles = buildView(
      iamWith(authorization({ roles: [iamRole({ name: 'a' }), iamRole({ name: 'b' })] })),
    );
    const drafts = [...withRoles.eachRole((role, v) => v.pass(role.name))];
    assert.deepEqual(
      drafts.map((d) => [d.resource.name, d.resource.type, d.resource.region]),
      [
        ['a', 'AWS::IAM::Role', null],
        ['b', 'AWS::IAM::Role', null],
      ],
    );
    // The verdicts are kept: a second walk gives the same resource objects.
    assert.equal([...withRoles.eachRole((r, v) => v.pass(r.name))][0]?.resource, drafts[0]?.resource);
    const none = buildView(iamWith(authorization({ roles: [] })));
    assert.deepEqual(
      [...none.eachRole((r, v) => v.pass(r.name))].map((d) => [d.resource.name, d.status, d.message]),
      [[`account ${ACCOUNT}`, 'not_applicable', 'the account has no IAM roles']],
    );
    const denied = buildView(
      iamWith(failed(awsError('GetAccountAuthorizationDetails', 'access-denied', 'iam', undefined))),
    );
    const [unknown] = [...denied.eachRole((r, v) => v.pass(r.name))];
    assert.equal(unknown?.status, 'unknown');
    assert.match(unknown?.message ?? '', /authorization details could not be read/);
  });

  it('reads what a narrowed scan left out as "not collected", and a skipped service as skipped', () => {
    const full = inventory({ functions: [lambdaFunction({ name: 'a' })] });
    const view = buildView(narrowInventory(full, new ReadPlan(['lambda.environment'])));
    const fn = view.functions[0];
    assert.ok(fn && !fn.policy.ok && fn.policy.reason.includes('was not collected'));
    const report = view.iam.credentialReport;
    assert.equal(report.ok ? '' : report.reason, 'IAM was skipped: not needed by the selected checks');
    const gd = view.guardDutyRegions[0]?.detectors;
    assert.equal(
      gd && !gd.ok ? gd.reason : '',
      'GuardDuty in us-east-1 was skipped: not needed by the selected checks',
    );
  });

  it('groups functions by role, whatever the path or case of the role ARN', () => {
    const view = buildView(
      inventory({
        functions: [
          lambdaFunction({ name: 'a', roleArn: `arn:aws:iam::${ACCOUNT}:role/shared` }),
          lambdaFunction({ name: 'b', roleArn: `arn:aws:iam::${ACCOUNT}:role/team/SHARED` }),
          lambdaFunction({ name: 'c', roleArn: `arn:aws:iam::${ACCOUNT}:role/own` }),
        ],
      }),
    );
    assert.deepEqual(
      view.functionsWithRole(`arn:aws:iam::${ACCOUNT}:role/Shared`).map((f) => f.config.name),
      ['a', 'b'],
    );
  });
});
