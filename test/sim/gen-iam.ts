/**
 * IAM half of the generator: root, password policy, users with passwords, MFA and access keys,
 * groups, the execution roles the Lambda generator asked for, and the managed policies they
 * attach. Ages are drawn well clear of the checks' thresholds (7 and 90 days) except for the
 * look-alikes, which sit on the clean side of a threshold on purpose.
 */
import type {
  GenContext,
  GenerateOptions,
  PolicyDoc,
  SimAccessKey,
  SimGroup,
  SimIam,
  SimManagedPolicy,
  SimPasswordPolicy,
  SimRole,
  SimUser,
  SimVirtualMfa,
} from './account.js';
import { daysAgo } from './account.js';
import { AWS_MANAGED, AWS_MANAGED_CREATED, FIRST_NAMES, LAST_NAMES } from './catalog.js';
import { escalationScenarios } from './gen-escalation.js';
import { type ExecRoleSpec, finding, lookAlike } from './gen-lambda.js';
import type { Intent } from './manifest.js';
import { chance, chars, fork, int, pick, type Rng, UPPER_ALNUM } from './prng.js';

const LAMBDA_TRUST: PolicyDoc = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const MANAGEMENT_ACCOUNT = '999988887777';
const KEY_ID_PREFIX = ['AK', 'IA'].join('');

type KeyVariant =
  | 'clean'
  | 'old-active'
  | 'stale'
  | 'never-used'
  | 'inactive-old'
  | 'fresh-unused'
  | 'near-rotation';

export function generateIam(
  ctx: GenContext,
  opts: GenerateOptions,
  execRoles: ExecRoleSpec[],
): { iam: SimIam; intents: Intent[] } {
  const rng = fork(ctx.seed, 'iam');
  const intents: Intent[] = [];
  const policies = new PolicyBook(ctx, rng);
  const rootArn = `arn:aws:iam::${ctx.accountId}:root`;

  const root = {
    arn: rootArn,
    createdAt: daysAgo(ctx, 2000),
    mfa: opts.rootMfa ?? true,
    passwordLastUsed: daysAgo(ctx, 40.3),
    accessKeys: opts.rootAccessKey ? [key(ctx, rng, 'old-active')] : ([] as SimAccessKey[]),
  };

  const passwordPolicy = makePasswordPolicy(opts.passwordPolicy ?? 'weak');
  if (opts.passwordPolicy === 'strong') {
    intents.push(
      lookAlike('iam.password-policy', rootArn, 'minimum length exactly 14 and reuse prevention exactly 24'),
    );
  }

  const groups = makeGroups(ctx, rng, policies);
  const users = makeUsers(ctx, rng, opts.users, groups, intents);
  const scenarios = escalationScenarios(ctx, policies, intents);
  users.push(...scenarios.users);
  const roles = [
    ...execRoles.map((spec) => execRole(ctx, rng, spec, policies)),
    ...otherRoles(ctx, rng, policies, intents),
    ...trustRoles(ctx, intents),
    ...scenarios.roles,
  ];

  const virtualMfaDevices: SimVirtualMfa[] = [];
  if (root.mfa) {
    virtualMfaDevices.push({
      serialNumber: `arn:aws:iam::${ctx.accountId}:mfa/root-account-mfa-device`,
      userName: '<root_account>',
      enabledAt: daysAgo(ctx, 1900),
    });
  }
  for (const u of users) {
    if (u.mfa) {
      virtualMfaDevices.push({
        serialNumber: `arn:aws:iam::${ctx.accountId}:mfa/${u.name}`,
        userName: u.name,
        enabledAt: daysAgo(ctx, int(rng, 1, 900)),
      });
    }
  }
  for (const spare of ['old-phone', 'spare-token']) {
    virtualMfaDevices.push({
      serialNumber: `arn:aws:iam::${ctx.accountId}:mfa/${spare}`,
      userName: null,
      enabledAt: null,
    });
  }

  return {
    iam: { root, passwordPolicy, users, groups, roles, policies: policies.all(), virtualMfaDevices },
    intents,
  };
}

function makePasswordPolicy(kind: 'strong' | 'weak' | 'missing'): SimPasswordPolicy | null {
  if (kind === 'missing') return null;
  if (kind === 'strong') {
    return {
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      ExpirePasswords: false,
      PasswordReusePrevention: 24,
      HardExpiry: false,
    };
  }
  return {
    MinimumPasswordLength: 8,
    RequireSymbols: false,
    RequireNumbers: true,
    RequireUppercaseCharacters: true,
    RequireLowercaseCharacters: true,
    AllowUsersToChangePassword: true,
    ExpirePasswords: true,
    MaxPasswordAge: 90,
    PasswordReusePrevention: 5,
    HardExpiry: false,
  };
}

/** Managed policies, created on first use so only attached AWS-managed ones exist. */
class PolicyBook {
  private readonly byArn = new Map<string, SimManagedPolicy>();
  private readonly ctx: GenContext;
  private readonly rng: Rng;
  constructor(ctx: GenContext, rng: Rng) {
    this.ctx = ctx;
    this.rng = rng;
  }

  aws(which: keyof typeof AWS_MANAGED): string {
    const p = AWS_MANAGED[which];
    const arn = `arn:aws:iam::aws:policy${p.path}${p.name}`;
    if (!this.byArn.has(arn)) {
      this.byArn.set(arn, {
        name: p.name,
        id: p.id,
        arn,
        path: p.path,
        awsManaged: true,
        description: p.description,
        createdAt: AWS_MANAGED_CREATED,
        updatedAt: AWS_MANAGED_CREATED,
        defaultVersionId: 'v1',
        versions: [{ id: 'v1', document: p.document, createdAt: AWS_MANAGED_CREATED }],
      });
    }
    return arn;
  }

  customer(name: string, description: string, make: () => PolicyDoc, older?: () => PolicyDoc): string {
    const arn = `arn:aws:iam::${this.ctx.accountId}:policy/${name}`;
    if (!this.byArn.has(arn)) {
      const created = daysAgo(this.ctx, int(this.rng, 400, 900));
      const updated = daysAgo(this.ctx, int(this.rng, 10, 390));
      const versions = older
        ? [
            { id: 'v2', document: make(), createdAt: updated },
            { id: 'v1', document: older(), createdAt: created },
          ]
        : [{ id: 'v1', document: make(), createdAt: created }];
      this.byArn.set(arn, {
        name,
        id: `ANPA${chars(this.rng, UPPER_ALNUM, 17)}`,
        arn,
        path: '/',
        awsManaged: false,
        description,
        createdAt: created,
        updatedAt: older ? updated : created,
        defaultVersionId: versions[0]?.id ?? 'v1',
        versions,
      });
    }
    return arn;
  }

  /** Customer-managed first (as GAAD lists LocalManagedPolicy before AWSManagedPolicy), each in creation order. */
  all(): SimManagedPolicy[] {
    const list = [...this.byArn.values()];
    return [...list.filter((p) => !p.awsManaged), ...list.filter((p) => p.awsManaged)];
  }
}

function serviceDataPolicy(ctx: GenContext, service: string, wide: boolean): PolicyDoc {
  const a = ctx.accountId;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: wide
          ? ['dynamodb:*']
          : ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
        Resource: `arn:aws:dynamodb:*:${a}:table/${service}-*`,
      },
      { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: `arn:aws:sqs:*:${a}:${service}-*` },
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::${service}-*/*` },
    ],
  };
}

function execRole(ctx: GenContext, rng: Rng, spec: ExecRoleSpec, book: PolicyBook): SimRole {
  const attached: string[] = [];
  const inline: SimRole['inlinePolicies'] = [];
  const data = () =>
    book.customer(
      `${spec.service}-data-access`,
      `Data access for ${spec.service}`,
      () => serviceDataPolicy(ctx, spec.service, false),
      () => serviceDataPolicy(ctx, spec.service, true),
    );
  switch (spec.flavor) {
    case 'scoped':
      attached.push(book.aws('basicExecution'), data());
      break;
    case 'shared':
      attached.push(book.aws('basicExecution'));
      inline.push({ name: 'app-data', document: serviceDataPolicy(ctx, spec.service, true) });
      break;
    case 'admin-aws':
      attached.push(book.aws('admin'));
      break;
    case 'admin-custom':
      attached.push(
        book.customer('legacy-full-access', 'Temporary full access (migration 2023)', () => ({
          Version: '2012-10-17',
          Statement: [{ Sid: 'Everything', Effect: 'Allow', Action: ['*'], Resource: ['*'] }],
        })),
      );
      break;
    case 'logs-wide':
      attached.push(
        book.customer('logs-full-access', 'All CloudWatch Logs actions', () => ({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }],
        })),
      );
      inline.push({ name: 'app-data', document: serviceDataPolicy(ctx, spec.service, false) });
      break;
  }
  return {
    name: spec.name,
    id: `AROA${chars(rng, UPPER_ALNUM, 17)}`,
    arn: `arn:aws:iam::${ctx.accountId}:role/${spec.name}`,
    path: '/',
    createdAt: daysAgo(ctx, int(rng, 200, 1200)),
    description: `Execution role (${spec.service}, ${spec.stage})`,
    trust: LAMBDA_TRUST,
    attachedPolicyArns: attached,
    inlinePolicies: inline,
    lastUsed: chance(rng, 0.7)
      ? { at: daysAgo(ctx, int(rng, 0, 5) + rng()), region: spec.lastUsedRegion }
      : null,
  };
}

/** Roles no function uses; OrganizationAccountAccessRole is admin but not an execution role. */
function otherRoles(ctx: GenContext, rng: Rng, book: PolicyBook, intents: Intent[]): SimRole[] {
  const org: SimRole = {
    name: 'OrganizationAccountAccessRole',
    id: `AROA${chars(rng, UPPER_ALNUM, 17)}`,
    arn: `arn:aws:iam::${ctx.accountId}:role/OrganizationAccountAccessRole`,
    path: '/',
    createdAt: daysAgo(ctx, 1999),
    description: '',
    trust: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${MANAGEMENT_ACCOUNT}:root` },
          Action: 'sts:AssumeRole',
        },
      ],
    },
    attachedPolicyArns: [book.aws('admin')],
    inlinePolicies: [],
    lastUsed: { at: daysAgo(ctx, 12.5), region: 'us-east-1' },
  };
  intents.push(
    lookAlike(
      'lambda.admin-execution-role',
      org.arn,
      'administrator role that no function uses (not an execution role)',
    ),
  );
  const ci: SimRole = {
    name: 'ci-deployer',
    id: `AROA${chars(rng, UPPER_ALNUM, 17)}`,
    arn: `arn:aws:iam::${ctx.accountId}:role/ci-deployer`,
    path: '/',
    createdAt: daysAgo(ctx, 800),
    description: 'Assumed by the CI pipeline',
    trust: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: {
            Federated: `arn:aws:iam::${ctx.accountId}:oidc-provider/token.actions.githubusercontent.com`,
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:example/*' } },
        },
      ],
    },
    attachedPolicyArns: [book.aws('lambdaReadOnly')],
    inlinePolicies: [],
    lastUsed: { at: daysAgo(ctx, 0.7), region: 'us-east-1' },
  };
  intents.push(
    finding(
      'iam.role-trust-cross-account',
      org.arn,
      null,
      `trusts the management account ${MANAGEMENT_ACCOUNT} without an external id or MFA (the organization is not collected)`,
    ),
    lookAlike(
      'iam.role-trust-any-principal',
      ci.arn,
      'GitHub Actions OIDC with token.actions.githubusercontent.com:sub pinned to repo:example/*',
    ),
  );
  return [org, ci];
}

const VENDOR_ACCOUNT = '464622532012';

/**
 * Roles planted for the trust-policy checks: one finding and one clean look-alike for each. Built
 * from their own random stream (`fork(seed, 'iam-trust')`), so adding them shifts nothing else.
 */
function trustRoles(ctx: GenContext, intents: Intent[]): SimRole[] {
  const rng = fork(ctx.seed, 'iam-trust');
  const own = `arn:aws:iam::${ctx.accountId}:root`;
  const role = (name: string, description: string, Statement: PolicyDoc['Statement']): SimRole => ({
    name,
    id: `AROA${chars(rng, UPPER_ALNUM, 17)}`,
    arn: `arn:aws:iam::${ctx.accountId}:role/${name}`,
    path: '/',
    createdAt: daysAgo(ctx, int(rng, 100, 900)),
    description,
    trust: { Version: '2012-10-17', Statement },
    attachedPolicyArns: [],
    inlinePolicies: [],
    lastUsed: { at: daysAgo(ctx, int(rng, 1, 20)), region: 'us-east-1' },
  });
  const assume = (
    Principal: Record<string, string>,
    Condition?: PolicyDoc['Statement'][number]['Condition'],
  ) => ({
    Effect: 'Allow' as const,
    Principal,
    Action: 'sts:AssumeRole',
    ...(Condition ? { Condition } : {}),
  });
  const legacyCi = role('gh-actions-legacy-deploy', 'GitHub Actions, before the sub condition', [
    {
      Effect: 'Allow',
      Principal: {
        Federated: `arn:aws:iam::${ctx.accountId}:oidc-provider/token.actions.githubusercontent.com`,
      },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
    },
  ]);
  const vendor = role('vendor-cost-reporting', 'Read by a cost-reporting vendor', [
    assume(
      { AWS: `arn:aws:iam::${VENDOR_ACCOUNT}:root` },
      { StringEquals: { 'sts:ExternalId': 'cr-7f3a9e' } },
    ),
  ]);
  const opsAdmin = role('ops-admin', 'Assumed by operators of this account', [assume({ AWS: own })]);
  const mfaAdmin = role('admin-with-mfa', 'Assumed by people, with MFA', [
    assume({ AWS: own }, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
  ]);
  const workflow = role('order-workflow', 'Step Functions state machine role', [
    assume({ Service: 'states.amazonaws.com' }),
  ]);
  const scheduler = role('nightly-scheduler', 'EventBridge Scheduler role', [
    assume({ Service: 'scheduler.amazonaws.com' }, { StringEquals: { 'aws:SourceAccount': ctx.accountId } }),
  ]);
  intents.push(
    lookAlike(
      'iam.role-trust-cross-account',
      vendor.arn,
      'vendor account trusted with a fixed sts:ExternalId',
    ),
    lookAlike(
      'iam.role-trust-own-account',
      mfaAdmin.arn,
      'own account root with Bool aws:MultiFactorAuthPresent',
    ),
    lookAlike(
      'iam.role-trust-confused-deputy',
      scheduler.arn,
      'scheduler.amazonaws.com with aws:SourceAccount',
    ),
  );
  // At misconfiguration rate 0 only the clean look-alikes are planted.
  if (ctx.m === 0) return [vendor, mfaAdmin, scheduler];
  intents.push(
    finding(
      'iam.role-trust-any-principal',
      legacyCi.arn,
      null,
      'GitHub Actions OIDC without a sub condition',
    ),
    finding('iam.role-trust-own-account', opsAdmin.arn, null, 'trusts the own account root, no pin'),
    finding(
      'iam.role-trust-confused-deputy',
      workflow.arn,
      null,
      'states.amazonaws.com without aws:SourceAccount',
    ),
  );
  return [legacyCi, vendor, opsAdmin, mfaAdmin, workflow, scheduler];
}

function makeGroups(ctx: GenContext, rng: Rng, book: PolicyBook): SimGroup[] {
  const group = (name: string, attached: string[]): SimGroup => ({
    name,
    id: `AGPA${chars(rng, UPPER_ALNUM, 17)}`,
    arn: `arn:aws:iam::${ctx.accountId}:group/${name}`,
    path: '/',
    createdAt: daysAgo(ctx, int(rng, 900, 1800)),
    attachedPolicyArns: attached,
    inlinePolicies: [],
  });
  const developerAccess = book.customer('developer-access', 'Developers: deploy and read Lambda', () => ({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration', 'lambda:PublishVersion'],
        Resource: `arn:aws:lambda:*:${ctx.accountId}:function:*`,
      },
    ],
  }));
  return [
    group('developers', [book.aws('lambdaReadOnly'), developerAccess]),
    group('admins', [book.aws('admin')]),
    group('readonly', [book.aws('lambdaReadOnly')]),
  ];
}

function makeUsers(
  ctx: GenContext,
  rng: Rng,
  count: number,
  groups: SimGroup[],
  intents: Intent[],
): SimUser[] {
  const users: SimUser[] = [];
  const taken = new Set<string>();
  const serviceUsers = ['ci-deploy', 'backup-agent', 'metrics-exporter'];
  for (let i = 0; i < count; i++) {
    let name = serviceUsers[i] ?? `${pick(rng, FIRST_NAMES)}.${pick(rng, LAST_NAMES)}`;
    if (taken.has(name)) name = `${name}${i}`;
    taken.add(name);
    const isService = i < serviceUsers.length || chance(rng, 0.15);
    const arn = `arn:aws:iam::${ctx.accountId}:user/${name}`;
    const user: SimUser = {
      name,
      id: `AIDA${chars(rng, UPPER_ALNUM, 17)}`,
      arn,
      path: '/',
      createdAt: daysAgo(ctx, int(rng, 950, 1500)),
      password: null,
      mfa: false,
      accessKeys: [],
      groups: [],
      attachedPolicyArns: [],
      inlinePolicies: [],
    };
    if (!isService) {
      user.password = {
        lastChanged: daysAgo(ctx, int(rng, 1, 400) + rng()),
        lastUsed: chance(rng, 0.1) ? null : daysAgo(ctx, int(rng, 0, 60) + rng()),
      };
      user.mfa = !chance(rng, ctx.m * 0.5);
      const r = rng();
      if (r < 0.6) user.groups.push(groups[0]?.name ?? 'developers');
      else if (r < 0.65) user.groups.push(groups[1]?.name ?? 'admins');
      else if (r < 0.85) user.groups.push(groups[2]?.name ?? 'readonly');
    } else if (!user.mfa) {
      intents.push(lookAlike('iam.user-console-no-mfa', arn, 'API-only user: no console password, no MFA'));
    }
    const keys = isService ? (chance(rng, 0.3) ? 2 : 1) : chance(rng, 0.4) ? 0 : chance(rng, 0.75) ? 1 : 2;
    for (let k = 0; k < keys; k++) {
      const variant = keyVariant(ctx, rng);
      user.accessKeys.push(key(ctx, rng, variant));
      const slot = `access_key_${k + 1}`;
      if (variant === 'inactive-old') {
        intents.push(lookAlike('iam.access-key-rotation', arn, `${slot}: old but inactive`));
        intents.push(lookAlike('iam.access-key-unused', arn, `${slot}: unused but inactive`));
      } else if (variant === 'fresh-unused') {
        intents.push(
          lookAlike('iam.access-key-unused', arn, `${slot}: created under 7 days ago, not used yet`),
        );
      } else if (variant === 'near-rotation') {
        intents.push(lookAlike('iam.access-key-rotation', arn, `${slot}: rotated 60-85 days ago`));
      }
    }
    users.push(user);
  }
  return users;
}

function keyVariant(ctx: GenContext, rng: Rng): KeyVariant {
  const r = rng();
  const m = ctx.m;
  if (r < m * 0.5) return 'old-active';
  if (r < m * 0.75) return 'stale';
  if (r < m) return 'never-used';
  const s = rng();
  if (s < 0.06) return 'inactive-old';
  if (s < 0.1) return 'fresh-unused';
  if (s < 0.18) return 'near-rotation';
  return 'clean';
}

function key(ctx: GenContext, rng: Rng, variant: KeyVariant): SimAccessKey {
  const id = KEY_ID_PREFIX + chars(rng, UPPER_ALNUM, 16);
  const used = (from: number, to: number) => ({
    at: daysAgo(ctx, int(rng, from, to) + rng() * 0.5),
    region: pick(rng, ['us-east-1', 'eu-west-1', 'us-west-2']),
    service: pick(rng, ['s3', 'lambda', 'sts', 'dynamodb']),
  });
  switch (variant) {
    case 'clean':
      return { id, active: true, createdAt: daysAgo(ctx, int(rng, 8, 59)), lastUsed: used(0, 6) };
    case 'old-active':
      return { id, active: true, createdAt: daysAgo(ctx, int(rng, 120, 900)), lastUsed: used(0, 20) };
    case 'stale':
      return { id, active: true, createdAt: daysAgo(ctx, int(rng, 200, 900)), lastUsed: used(95, 190) };
    case 'never-used':
      return { id, active: true, createdAt: daysAgo(ctx, int(rng, 10, 80)), lastUsed: null };
    case 'inactive-old':
      return {
        id,
        active: false,
        createdAt: daysAgo(ctx, int(rng, 200, 800)),
        lastUsed: chance(rng, 0.5) ? used(150, 199) : null,
      };
    case 'fresh-unused':
      return { id, active: true, createdAt: daysAgo(ctx, int(rng, 1, 5) + rng() * 0.5), lastUsed: null };
    case 'near-rotation':
      return { id, active: true, createdAt: daysAgo(ctx, int(rng, 60, 85)), lastUsed: used(0, 5) };
  }
}
