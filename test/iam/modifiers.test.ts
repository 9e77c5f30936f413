/**
 * The modifier index must answer exactly what the evaluator answers when asked about every
 * principal, action and function one by one (the naive triple loop it replaces). fast-check
 * draws accounts whose policies mix statements on every function, on name prefixes, on single
 * ARNs, NotResource, Denies, conditions on the function ARN, and resource policies.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { iamCatalogue } from '../../src/data/iam-actions.js';
import { accessAnalysis } from '../../src/iam/analysis.js';
import { ask, grants } from '../../src/iam/ask.js';
import { MODIFY_ACTIONS } from '../../src/iam/lambda-actions.js';
import { compilePolicy } from '../../src/iam/statements.js';
import type { PolicyStatement } from '../../src/inventory/schema.js';
import { buildView } from '../../src/view/account-view.js';
import { iamInventory, inline } from '../helpers/iam-fixtures.js';
import { iamRole, iamUser, lambdaFunction, ok, parsedDoc } from '../helpers/inventory.js';

const A = '123456789012';
const NAMES = ['api', 'api-v2', 'billing', 'team-a-web', 'team-a-job'];
const REGIONS = ['us-east-1', 'eu-west-1'];
const fnArn = (region: string, name: string) => `arn:aws:lambda:${region}:${A}:function:${name}`;

const resource = fc.constantFrom(
  '*',
  `arn:aws:lambda:*:${A}:function:*`,
  `arn:aws:lambda:us-east-1:${A}:function:*`,
  `arn:aws:lambda:*:${A}:function:team-a-*`,
  `arn:aws:lambda:*:${A}:function:api*`,
  fnArn('us-east-1', 'billing'),
  fnArn('eu-west-1', 'api'),
  `arn:aws:lambda:*:${A}:function:???`,
  `arn:aws:lambda:*:${A}:function:*:*`,
  `arn:aws:lambda:us-east-1:${A}:function:?`,
  'arn:aws:s3:::bucket',
);
const action = fc.constantFrom(
  'lambda:*',
  'lambda:Update*',
  'lambda:UpdateFunctionCode',
  'lambda:AddPermission',
  '*',
  's3:*',
);
const condition = fc.constantFrom<PolicyStatement['Condition'] | undefined>(
  undefined,
  { ArnLike: { 'lambda:FunctionArn': [`arn:aws:lambda:*:${A}:function:team-*`] } },
  { StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
  { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } },
);
const statement = fc
  .record({
    Effect: fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Allow', 'Deny'),
    Action: fc.array(action, { minLength: 1, maxLength: 2 }),
    res: fc.tuple(fc.boolean(), fc.array(resource, { minLength: 1, maxLength: 2 })),
    Condition: condition,
  })
  .map(({ Effect, Action, res, Condition }): PolicyStatement => {
    const s: PolicyStatement = { Effect, Action };
    if (res[0]) s.NotResource = res[1];
    else s.Resource = res[1];
    if (Condition) s.Condition = Condition;
    return s;
  });
const principal = fc.record({
  kind: fc.constantFrom<'user' | 'role'>('user', 'role'),
  statements: fc.array(statement, { minLength: 1, maxLength: 3 }),
  boundary: fc.option(fc.array(statement, { minLength: 1, maxLength: 2 }), { nil: undefined }),
});
const fn = fc.record({
  region: fc.constantFrom(...REGIONS),
  name: fc.constantFrom(...NAMES),
  policy: fc.option(
    fc.record({
      Effect: fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Deny'),
      who: fc.nat(3),
      Action: fc.array(action, { minLength: 1, maxLength: 2 }),
    }),
    { nil: undefined },
  ),
});

type Principal = typeof principal extends fc.Arbitrary<infer T> ? T : never;
type Fn = typeof fn extends fc.Arbitrary<infer T> ? T : never;

/** The index's answers against the evaluator's, one by one; `levels`: SCP guardrails, if any. */
function agreesWithEvaluator(ps: Principal[], fs: Fn[], levels?: PolicyStatement[][]): void {
  const users = [];
  const roles = [];
  const policies = [];
  for (const [i, p] of ps.entries()) {
    const name = `p${i}`;
    const boundaryArn = p.boundary ? `arn:aws:iam::${A}:policy/b${i}` : null;
    if (p.boundary && boundaryArn) {
      policies.push({
        arn: boundaryArn,
        name: `b${i}`,
        awsManaged: false,
        attachmentCount: 0,
        defaultVersionId: 'v1',
        document: ok(parsedDoc(...p.boundary)),
      });
    }
    const common = {
      name,
      inlinePolicies: [inline('p', ...p.statements)],
      permissionsBoundaryArn: boundaryArn,
    };
    if (p.kind === 'user') users.push(iamUser(common));
    else roles.push(iamRole(common));
  }
  const arnOf = (i: number) => {
    const p = ps[i % ps.length];
    return `arn:aws:iam::${A}:${p?.kind}/p${i % ps.length}`;
  };
  const functions = fs.map((f) =>
    lambdaFunction({
      name: f.name,
      region: f.region,
      arn: fnArn(f.region, f.name),
      policy: f.policy
        ? ok(
            parsedDoc({
              Effect: f.policy.Effect,
              Principal: { AWS: [arnOf(f.policy.who)] },
              Action: f.policy.Action,
              Resource: [fnArn(f.region, f.name)],
            }),
          )
        : ok(null),
    }),
  );
  const inv = iamInventory({ users, roles, policies, functions });
  if (levels) {
    inv.scan.organization = {
      id: 'o-exampleorg1',
      managementAccountId: '999999999999',
      accountIds: [A, '999999999999'],
      serviceControlPolicies: ok({
        applies: true,
        levels: levels.map((level, i) => ({
          targetId: i === 0 ? 'r-root' : `ou-root-0000000${i}`,
          name: `level ${i}`,
          policies: [{ id: `p-${i}`, name: `scp${i}`, awsManaged: false, policy: parsedDoc(...level) }],
        })),
      }),
    };
  }
  const view = buildView(inv);
  const analysis = accessAnalysis(view);
  assert.ok(analysis.ok);
  const { models, modifiers } = analysis.value;
  for (const m of models) {
    for (const f of view.functions) {
      const policy =
        f.policy.ok && f.policy.value?.parsed
          ? compilePolicy(f.policy.value.document, {
              kind: 'resource',
              name: 'resource policy',
              arn: null,
            })
          : [];
      for (const a of MODIFY_ACTIONS) {
        const naive = ask(
          m,
          {
            action: a,
            resource: f.unqualifiedArn,
            region: f.region,
            resourceAccount: A,
            resourcePolicy: policy,
            extra: { 'lambda:functionarn': [f.unqualifiedArn] },
          },
          iamCatalogue(),
        );
        const indexed = modifiers.grantFor(m, f, a);
        assert.equal(indexed !== undefined, grants(naive), `${m.principal.name} ${a} ${f.unqualifiedArn}`);
        if (indexed)
          assert.equal(indexed.decision, naive.decision, `${m.principal.name} ${a} ${f.unqualifiedArn}`);
        const listed = modifiers.modifiersOf(f).find((x) => x.principal.arn === m.principal.arn);
        assert.equal(
          listed?.grants.some((g) => g.action === a) ?? false,
          grants(naive),
          `modifiersOf ${m.principal.name} ${a} ${f.unqualifiedArn}`,
        );
      }
    }
    // Region-wide means: on every function of the region.
    for (const [region, list] of modifiers.regionWide) {
      const here = view.functions.filter((f) => f.region === region);
      const mod = list.find((x) => x.principal.arn === m.principal.arn);
      for (const g of mod?.grants ?? []) {
        for (const f of here) {
          const own = f.policy.ok && f.policy.value?.parsed;
          if (own) continue; // a resource-policy deny on one function does not clear a grant on "*"
          assert.ok(
            modifiers.grantFor(m, f, g.action),
            `region-wide ${g.action} must hold on ${f.unqualifiedArn}`,
          );
        }
      }
    }
  }
}

/** SCP statements: the same mix, plus the FullAWSAccess allow AWS attaches by default. */
const guardrailLevel = fc.array(
  fc.oneof(statement, fc.constant<PolicyStatement>({ Effect: 'Allow', Action: ['*'], Resource: ['*'] })),
  { minLength: 1, maxLength: 3 },
);

describe('modifier index', () => {
  it('agrees with the evaluator asked about every principal, action and function', () => {
    fc.assert(
      fc.property(
        fc.array(principal, { minLength: 1, maxLength: 4 }),
        fc.uniqueArray(fn, { minLength: 1, maxLength: 6, selector: (f) => `${f.region}/${f.name}` }),
        (ps, fs) => agreesWithEvaluator(ps, fs),
      ),
      { numRuns: 150 },
    );
  });

  it('agrees with the evaluator under SCP guardrails (every level must allow; a level singling functions out)', () => {
    fc.assert(
      fc.property(
        fc.array(principal, { minLength: 1, maxLength: 4 }),
        fc.uniqueArray(fn, { minLength: 1, maxLength: 6, selector: (f) => `${f.region}/${f.name}` }),
        fc.array(guardrailLevel, { minLength: 1, maxLength: 3 }),
        (ps, fs, levels) => agreesWithEvaluator(ps, fs, levels),
      ),
      { numRuns: 150 },
    );
  });
});

describe('modifier index: name-prefix segments', () => {
  it('a grant on a name prefix reaches every function with that prefix, and only those, with one shared list', () => {
    const names = ['team-a-api', 'team-a-jobs', 'team-a-web', 'team-b-api', 'zeta'];
    const view = buildView(
      iamInventory({
        roles: [
          iamRole({
            name: 'team-a-deployer',
            inlinePolicies: [
              inline('deploy', {
                Effect: 'Allow',
                Action: ['lambda:UpdateFunctionCode'],
                Resource: [`arn:aws:lambda:*:${A}:function:team-a-*`],
              }),
            ],
          }),
        ],
        functions: names.map((name) => lambdaFunction({ name })),
      }),
    );
    const analysis = accessAnalysis(view);
    assert.ok(analysis.ok);
    const { models, modifiers } = analysis.value;
    const deployer = models[0];
    assert.ok(deployer);
    const granted = view.functions.filter((f) =>
      modifiers.grantFor(deployer, f, 'lambda:UpdateFunctionCode'),
    );
    assert.deepEqual(
      granted.map((f) => f.config.name),
      ['team-a-api', 'team-a-jobs', 'team-a-web'],
    );
    const lists = new Set(granted.map((f) => modifiers.modifiersOf(f)));
    assert.equal(lists.size, 1, 'the functions of one prefix share one list');
    assert.equal(modifiers.singledOut, 1, 'one evaluation for the whole prefix');
    const other = view.functions.find((f) => f.config.name === 'team-b-api');
    assert.ok(other && modifiers.modifiersOf(other).length === 0);
  });
});
