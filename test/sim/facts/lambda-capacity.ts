/**
 * Ground truth for lambda.pass-capacity-provider-any (who may pass every Lambda capacity
 * provider), from the final model.
 *
 * - fails every user or role allowed lambda:PassCapacityProvider on every capacity provider: an
 *   administrator (`*` on `*`), or an unconditioned Allow on "*" (or on every capacity provider of
 *   the account) whose action pattern covers it (`lambda:*`, `lambda:Pass*`, …), for principals
 *   without a Deny or a permissions boundary (the generator gives those only to scenario
 *   principals, whose statements never name capacity providers);
 * - the look-alike is a deployer allowed lambda:PassCapacityProvider only on its team's
 *   providers (a name prefix).
 *
 * plant() adds the planted deployer (at twice the account's rate, so none at rate 0) and the
 * look-alike, from the group's own stream.
 */
import type { GenContext, PolicyDoc, SimAccount, SimRole } from '../account.js';
import { daysAgo } from '../account.js';
import { chance, chars, fork, UPPER_ALNUM } from '../prng.js';
import type { FactGroup, FactSink } from './group.js';

const IDS = ['lambda.pass-capacity-provider-any'] as const;
type Id = (typeof IDS)[number];
const ACTION = 'lambda:PassCapacityProvider';

export const lambdaCapacityFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: [],
  plant(account: SimAccount, ctx: GenContext) {
    const rng = fork(ctx.seed, 'lambda-capacity');
    const role = (name: string, resource: string): SimRole => ({
      name,
      id: `AROA${chars(rng, UPPER_ALNUM, 17)}`,
      arn: `arn:aws:iam::${ctx.accountId}:role/${name}`,
      path: '/',
      createdAt: daysAgo(ctx, 120),
      description: 'deploys functions onto Lambda Managed Instances',
      trust: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      },
      attachedPolicyArns: [],
      inlinePolicies: [
        {
          name: 'capacity-providers',
          document: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'PassCapacityProvider', Effect: 'Allow', Action: [ACTION], Resource: [resource] },
            ],
          },
        },
      ],
      lastUsed: { at: daysAgo(ctx, 2), region: 'us-east-1' },
    });
    if (chance(rng, Math.min(1, 2 * ctx.m))) account.iam.roles.push(role('capacity-deployer', '*'));
    account.iam.roles.push(
      role('capacity-team-a-deployer', `arn:aws:lambda:*:${ctx.accountId}:capacity-provider:team-a-*`),
    );
  },
  facts(account: SimAccount, sink: FactSink<Id>) {
    const managed = new Map(
      account.iam.policies.map((p) => [p.arn, p.versions.find((v) => v.id === p.defaultVersionId)?.document]),
    );
    const docsOf = (e: { inlinePolicies: { document: PolicyDoc }[]; attachedPolicyArns: string[] }) => [
      ...e.inlinePolicies.map((p) => p.document),
      ...e.attachedPolicyArns.flatMap((arn) => managed.get(arn) ?? []),
    ];
    const groups = new Map(account.iam.groups.map((g) => [g.name, docsOf(g)]));
    const principals = [
      ...account.iam.users.map((u) => ({
        arn: u.arn,
        docs: [...docsOf(u), ...u.groups.flatMap((g) => groups.get(g) ?? [])],
        boundary: u.permissionsBoundaryArn !== undefined,
        path: u.path,
      })),
      ...account.iam.roles.map((r) => ({
        arn: r.arn,
        docs: docsOf(r),
        boundary: r.permissionsBoundaryArn !== undefined,
        path: r.path,
      })),
    ];
    const every = new Set(['*', `arn:aws:lambda:*:${account.accountId}:capacity-provider:*`]);
    for (const p of principals) {
      if (p.path.startsWith('/aws-service-role/')) continue;
      if (p.boundary || p.docs.some((d) => d.Statement.some((s) => s.Effect === 'Deny'))) continue;
      const grant = p.docs.some((d) =>
        d.Statement.some(
          (s) =>
            s.Effect === 'Allow' &&
            !s.Condition &&
            list(s.Resource).some((r) => every.has(r)) &&
            list(s.Action).some((a) => covers(a, ACTION)),
        ),
      );
      if (grant)
        sink.finding('lambda.pass-capacity-provider-any', p.arn, null, `${ACTION} on every provider`);
    }
    const lookAlike = account.iam.roles.find((r) => r.name === 'capacity-team-a-deployer');
    if (lookAlike) {
      sink.lookAlike(
        'lambda.pass-capacity-provider-any',
        lookAlike.arn,
        `${ACTION} on team-a-* providers only`,
      );
    }
  },
};

const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

function covers(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return re.test(action);
}
