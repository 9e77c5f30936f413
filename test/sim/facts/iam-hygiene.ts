/**
 * Ground truth for the iam-hygiene checks (see group.ts): permissions granted to users directly,
 * users in no group, the AWS Support role, unused roles, unattached customer-managed policies and
 * the password policy against Security Hub IAM.7.
 *
 * `plant` adds, from its own stream, a misconfiguration per check and a clean look-alike beside
 * it: a user whose only policy is a permissions boundary (itself a policy attached to nothing, yet
 * in use), a role last used 80 days ago, a role created 20 days ago and not used yet, and a support
 * role (below rate 0.3) or AWSSupportAccess on a group only (at 0.3 and above). At rate 0 it plants
 * only the look-alikes and the support role. Service-linked roles are left to the unit tests: the
 * core checks answer not_applicable for them, which the core manifest does not model.
 * `facts` recomputes every verdict from the final model, so what other generators and groups
 * plant (escalation users with inline policies, service users in no group, execution roles never
 * used, the account's password policy) is judged too.
 */
import {
  DAY_MS,
  daysAgo,
  type GenContext,
  type PolicyDoc,
  type SimAccount,
  type SimManagedPolicy,
  type SimRole,
  type SimUser,
} from '../account.js';
import { chars, fork, int, type Rng, UPPER_ALNUM } from '../prng.js';
import type { FactGroup, FactSink } from './group.js';

const IDS = [
  'iam.user-direct-policies',
  'iam.support-role',
  'iam.role-unused',
  'iam.unused-customer-policy',
  'iam.user-no-group',
  'iam.password-policy-complexity',
] as const;
type Id = (typeof IDS)[number];

const SUPPORT_POLICY = 'arn:aws:iam::aws:policy/AWSSupportAccess';
const SERVICE_LINKED_PATH = '/aws-service-role/';
/** iam.role-unused: a role unused for this many whole days fails. */
const ROLE_UNUSED_DAYS = 90;
/** At or above this misconfiguration rate the account has no support role (seed 23's scenario). */
const NO_SUPPORT_ROLE_RATE = 0.3;

export const iamHygieneFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: [],
  plant(account, ctx) {
    const rng = fork(ctx.seed, 'iam-hygiene');
    const a = account.accountId;
    const iam = account.iam;
    const policy = (name: string, description: string, document: PolicyDoc): string => {
      const arn = `arn:aws:iam::${a}:policy/${name}`;
      const created = daysAgo(ctx, int(rng, 200, 700));
      iam.policies.unshift({
        name,
        id: `ANPA${chars(rng, UPPER_ALNUM, 17)}`,
        arn,
        path: '/',
        awsManaged: false,
        description,
        createdAt: created,
        updatedAt: created,
        defaultVersionId: 'v1',
        versions: [{ id: 'v1', document, createdAt: created }],
      });
      return arn;
    };
    const readBucket = (bucket: string): PolicyDoc => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: `arn:aws:s3:::${bucket}/*` }],
    });

    // A user whose only policy is a permissions boundary, in a group: clean for every user check;
    // the boundary policy is attached to nothing, yet in use.
    const boundary = policy('hygiene-user-boundary', 'Boundary for delegated users', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:*', 'lambda:Get*', 'lambda:List*'], Resource: '*' }],
    });
    iam.users.push(
      user(ctx, rng, 'hygiene-bounded-analyst', {
        groups: [iam.groups.find((g) => g.name === 'readonly')?.name ?? iam.groups[0]?.name ?? 'readonly'],
        permissionsBoundaryArn: boundary,
      }),
    );
    iam.roles.push(
      role(ctx, rng, 'hygiene-quarterly-report', lambdaTrust(), { created: 400, lastUsed: 80 }),
      role(ctx, rng, 'hygiene-new-pipeline', lambdaTrust(), { created: 20, lastUsed: null }),
    );
    if (ctx.m < NO_SUPPORT_ROLE_RATE) {
      supportPolicy(iam.policies);
      iam.roles.push(
        role(ctx, rng, 'aws-support', ownRootWithMfa(a), {
          created: 700,
          lastUsed: 3,
          attached: [SUPPORT_POLICY],
        }),
      );
    } else {
      // Attached to a group only: people can open cases, but no role exists for responders.
      const admins = iam.groups.find((g) => g.name === 'admins');
      if (admins) {
        supportPolicy(iam.policies);
        admins.attachedPolicyArns.push(SUPPORT_POLICY);
      }
    }
    if (ctx.m === 0) return;

    const reporting = policy('hygiene-reporting-read', 'Read the reporting bucket', readBucket('reports'));
    policy('hygiene-legacy-export', 'Export job (decommissioned)', readBucket('legacy-export'));
    iam.users.push(user(ctx, rng, 'hygiene-direct-grant', { attachedPolicyArns: [reporting] }));
    iam.roles.push(role(ctx, rng, 'hygiene-stale-batch', lambdaTrust(), { created: 500, lastUsed: 120 }));
  },
  facts(account, sink) {
    userFacts(account, sink);
    roleFacts(account, sink);
    policyFacts(account, sink);
    passwordFacts(account, sink);
    supportFacts(account, sink);
  },
};

type Sink = FactSink<Id>;

/** iam.user-direct-policies and iam.user-no-group, per user. */
function userFacts(account: SimAccount, sink: Sink): void {
  const { users, root } = account.iam;
  if (users.length === 0) {
    sink.notApplicable('iam.user-direct-policies', root.arn, 'no IAM users');
    sink.notApplicable('iam.user-no-group', root.arn, 'no IAM users');
  }
  for (const u of users) {
    const direct = [...u.attachedPolicyArns, ...u.inlinePolicies.map((p) => p.name)];
    if (direct.length > 0) {
      sink.finding('iam.user-direct-policies', u.arn, null, `attached directly: ${direct.join(', ')}`);
    } else if (u.permissionsBoundaryArn) {
      sink.lookAlike('iam.user-direct-policies', u.arn, 'only a permissions boundary, which grants nothing');
    }
    if (u.groups.length === 0) sink.finding('iam.user-no-group', u.arn, null, 'in no IAM group');
    else if (u.permissionsBoundaryArn)
      sink.lookAlike('iam.user-no-group', u.arn, 'in a group, with a boundary');
  }
}

/** iam.role-unused: idle since the later of the last use and the creation, in whole days. */
function roleFacts(account: SimAccount, sink: Sink): void {
  for (const r of account.iam.roles) {
    if (r.path.startsWith(SERVICE_LINKED_PATH)) {
      sink.notApplicable('iam.role-unused', r.arn, 'service-linked role');
      continue;
    }
    const idle = wholeDays(account, r.lastUsed ? r.lastUsed.at : r.createdAt);
    const what = r.lastUsed ? `last used ${r.lastUsed.at}` : `never used, created ${r.createdAt}`;
    if (idle >= ROLE_UNUSED_DAYS) sink.finding('iam.role-unused', r.arn, null, what);
    else if (idle >= 60 || !r.lastUsed) sink.lookAlike('iam.role-unused', r.arn, `${what} (under 90 days)`);
  }
}

/** iam.unused-customer-policy: attached to no entity and the boundary of none. */
function policyFacts(account: SimAccount, sink: Sink): void {
  const { users, groups, roles, policies, root } = account.iam;
  const attached = new Set([...users, ...groups, ...roles].flatMap((e) => e.attachedPolicyArns));
  const boundaries = new Set(
    [...users, ...roles].flatMap((e) => (e.permissionsBoundaryArn ? [e.permissionsBoundaryArn] : [])),
  );
  const customer = policies.filter((p) => !p.awsManaged);
  if (customer.length === 0) {
    sink.notApplicable('iam.unused-customer-policy', root.arn, 'no customer-managed policies');
  }
  for (const p of customer) {
    if (attached.has(p.arn)) continue;
    if (boundaries.has(p.arn)) {
      sink.lookAlike('iam.unused-customer-policy', p.arn, 'attached to nothing, but a permissions boundary');
    } else sink.finding('iam.unused-customer-policy', p.arn, null, 'attached to nothing');
  }
}

/** iam.password-policy-complexity: Security Hub IAM.7's defaults, the four classes and length 8. */
function passwordFacts(account: SimAccount, sink: Sink): void {
  const { passwordPolicy: pp, root } = account.iam;
  if (!pp) {
    sink.finding('iam.password-policy-complexity', root.arn, null, 'no password policy');
    return;
  }
  const missing = [
    ...(pp.RequireUppercaseCharacters ? [] : ['uppercase']),
    ...(pp.RequireLowercaseCharacters ? [] : ['lowercase']),
    ...(pp.RequireSymbols ? [] : ['symbols']),
    ...(pp.RequireNumbers ? [] : ['numbers']),
    ...(pp.MinimumPasswordLength >= 8 ? [] : [`length ${pp.MinimumPasswordLength}`]),
  ];
  if (missing.length > 0) {
    sink.finding('iam.password-policy-complexity', root.arn, null, `not required: ${missing.join(', ')}`);
  } else
    sink.lookAlike('iam.password-policy-complexity', root.arn, 'four classes, length 8 or more, no expiry');
}

/** iam.support-role: some role attaches AWSSupportAccess (a user or group does not count). */
function supportFacts(account: SimAccount, sink: Sink): void {
  const { roles, groups, root } = account.iam;
  const supportRoles = roles.filter((r) => r.attachedPolicyArns.includes(SUPPORT_POLICY));
  if (supportRoles.length > 0) {
    sink.lookAlike(
      'iam.support-role',
      root.arn,
      `AWSSupportAccess attached to role ${supportRoles[0]?.name}`,
    );
    return;
  }
  const holders = groups.filter((g) => g.attachedPolicyArns.includes(SUPPORT_POLICY)).map((g) => g.name);
  sink.finding(
    'iam.support-role',
    root.arn,
    null,
    holders.length > 0
      ? `AWSSupportAccess attached only to group ${holders.join(', ')}`
      : 'no principal has AWSSupportAccess',
  );
}

/** Whole days from `iso` to the account's now (as the checks count them, rounded down). */
function wholeDays(account: SimAccount, iso: string): number {
  return Math.floor((Date.parse(account.now) - Date.parse(iso)) / DAY_MS);
}

function supportPolicy(policies: SimManagedPolicy[]): void {
  if (policies.some((p) => p.arn === SUPPORT_POLICY)) return;
  const created = '2015-02-06T18:41:07.000Z';
  policies.push({
    name: 'AWSSupportAccess',
    id: 'ANPAJSNKQX2OW67GF4S7E',
    arn: SUPPORT_POLICY,
    path: '/',
    awsManaged: true,
    description: 'Allows users to access the AWS Support Center.',
    createdAt: created,
    updatedAt: created,
    defaultVersionId: 'v1',
    versions: [
      {
        id: 'v1',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['support:*'], Resource: '*' }],
        },
        createdAt: created,
      },
    ],
  });
}

function user(ctx: GenContext, rng: Rng, name: string, over: Partial<SimUser>): SimUser {
  return {
    name,
    id: `AIDA${chars(rng, UPPER_ALNUM, 17)}`,
    arn: `arn:aws:iam::${ctx.accountId}:user/${name}`,
    path: '/',
    createdAt: daysAgo(ctx, int(rng, 300, 900)),
    password: null,
    mfa: false,
    accessKeys: [],
    groups: [],
    attachedPolicyArns: [],
    inlinePolicies: [],
    ...over,
  };
}

function role(
  ctx: GenContext,
  rng: Rng,
  name: string,
  trust: PolicyDoc,
  o: { created: number; lastUsed: number | null; path?: string; attached?: string[] },
): SimRole {
  const path = o.path ?? '/';
  return {
    name,
    id: `AROA${chars(rng, UPPER_ALNUM, 17)}`,
    arn: `arn:aws:iam::${ctx.accountId}:role${path}${name}`,
    path,
    createdAt: daysAgo(ctx, o.created),
    description: '',
    trust,
    attachedPolicyArns: o.attached ?? [],
    inlinePolicies: [],
    lastUsed: o.lastUsed === null ? null : { at: daysAgo(ctx, o.lastUsed), region: 'us-east-1' },
  };
}

const lambdaTrust = (): PolicyDoc => serviceTrust('lambda.amazonaws.com');

function serviceTrust(service: string): PolicyDoc {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  };
}

function ownRootWithMfa(accountId: string): PolicyDoc {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: 'sts:AssumeRole',
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      },
    ],
  };
}
