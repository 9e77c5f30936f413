/**
 * Ground truth for the iam-policies checks (see group.ts), computed from the final model: every
 * customer-managed policy, every attached AWS-managed one and every inline policy, judged as a
 * document by rules over the statement shapes the simulator writes (Allow/Deny, Action/NotAction,
 * Resource/NotResource, conditions: only `aws:PrincipalAccount` is decidable, any other condition
 * leaves a grant standing, as the checks' `conditional` does).
 *
 * Plants, from their own stream, only what no other check can see: customer-managed policies
 * attached to no principal (a dormant policy is judged like an attached one), and one group with
 * no members. At misconfiguration rate 0 only the clean look-alikes are planted.
 */
import { anyRoleArn, SENSITIVE_SERVICES } from '../../../checks/iam/_policy-grants.js';
import { iamCatalogue } from '../../../src/data/iam-actions.js';
import { HIGH_VALUE_ACTIONS } from '../../../src/iam/privilege.js';
import { globMatch } from '../../../src/policy/actions.js';
import type {
  GenContext,
  PolicyDoc,
  PolicyStatementJson,
  SimAccount,
  SimGroup,
  SimManagedPolicy,
} from '../account.js';
import { daysAgo } from '../account.js';
import { chars, fork, int, UPPER_ALNUM } from '../prng.js';
import type { FactGroup, FactSink } from './group.js';

const IDS = [
  'iam.policy-full-admin',
  'iam.administrator-access-attached',
  'iam.policy-service-wildcard',
  'iam.policy-allow-not-action',
  'iam.policy-pass-any-role',
  'iam.policy-assume-any-role',
] as const;
/** The checks that judge policies (the others judge principals). */
const POLICY_IDS = IDS.filter((id) => id !== 'iam.administrator-access-attached');
/** The policy checks that leave a "*" on "*" policy to iam.policy-full-admin. */
const NARROWER_IDS = [
  'iam.policy-service-wildcard',
  'iam.policy-allow-not-action',
  'iam.policy-assume-any-role',
  'iam.policy-pass-any-role',
  'iam.policy-assume-any-role',
] as const;
type Id = (typeof IDS)[number];

export const iamPoliciesFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: [],
  plant,
  facts,
};

// ---------------------------------------------------------------------------------------------
// Planting
// ---------------------------------------------------------------------------------------------

const doc = (...Statement: PolicyStatementJson[]): PolicyDoc => ({ Version: '2012-10-17', Statement });

function plant(account: SimAccount, ctx: GenContext): void {
  const rng = fork(ctx.seed, 'iam-policies');
  const a = account.accountId;
  const policy = (name: string, description: string, document: PolicyDoc): SimManagedPolicy => {
    const created = daysAgo(ctx, int(rng, 60, 900));
    return {
      name,
      id: `ANPA${chars(rng, UPPER_ALNUM, 17)}`,
      arn: `arn:aws:iam::${a}:policy/${name}`,
      path: '/',
      awsManaged: false,
      description,
      createdAt: created,
      updatedAt: created,
      defaultVersionId: 'v1',
      versions: [{ id: 'v1', document, createdAt: created }],
    };
  };
  const all = { Resource: '*' };
  // Clean look-alikes: each resembles a finding of one check and is clean for every check.
  const clean: SimManagedPolicy[] = [
    policy(
      'admin-except-identity',
      'Everything but IAM, STS and Organizations',
      doc(
        { Effect: 'Allow', Action: '*', ...all },
        { Effect: 'Deny', Action: ['iam:*', 'sts:*', 'organizations:*'], ...all },
      ),
    ),
    // A customer-managed policy that only borrows the name of AWS's AdministratorAccess.
    policy(
      'AdministratorAccess',
      'Read-only, despite its name',
      doc({ Effect: 'Allow', Action: ['lambda:Get*', 'lambda:List*', 'iam:Get*', 'iam:List*'], ...all }),
    ),
    policy(
      'lambda-all-but-delete',
      'Every Lambda action except deleting functions',
      doc(
        { Effect: 'Allow', Action: 'lambda:*', ...all },
        { Effect: 'Deny', Action: ['lambda:DeleteFunction', 'lambda:DeleteLayerVersion'], ...all },
      ),
    ),
    // The documented "deny everything but MFA set-up without MFA" idiom: NotAction in a Deny.
    policy(
      'require-mfa',
      'Deny all but MFA set-up until signed in with MFA',
      doc(
        {
          Effect: 'Allow',
          Action: ['iam:ChangePassword', 'iam:GetUser', 'iam:CreateVirtualMFADevice', 'iam:EnableMFADevice'],
          Resource: `arn:aws:iam::${a}:user/\${aws:username}`,
        },
        {
          Effect: 'Deny',
          NotAction: [
            'iam:ChangePassword',
            'iam:GetUser',
            'iam:CreateVirtualMFADevice',
            'iam:EnableMFADevice',
            'sts:GetSessionToken',
          ],
          ...all,
          Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
        },
      ),
    ),
    policy(
      'assume-cdk-roles',
      'Assume the CDK bootstrap roles of any account',
      doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/cdk-*' }),
    ),
    policy(
      'pass-function-roles',
      "Pass the functions' execution roles to Lambda",
      doc({
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: `arn:aws:iam::${a}:role/*-exec-*`,
        Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
      }),
    ),
    // The evaluator reads an unresolved variable as "*"; it still names one role per holder.
    policy(
      'pass-own-role',
      'Each user passes the role named after them',
      doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: `arn:aws:iam::${a}:role/\${aws:username}` }),
    ),
  ];
  const planted: SimManagedPolicy[] =
    ctx.m === 0
      ? []
      : [
          policy(
            'break-glass-full-access',
            'Emergency access, never attached',
            doc({ Effect: 'Allow', Action: '*', ...all }),
          ),
          policy(
            'kms-and-secrets-admin',
            'Key and secret administration',
            doc({ Effect: 'Allow', Action: ['kms:*', 'secretsmanager:*'], ...all }),
          ),
          policy(
            'power-user-legacy',
            'PowerUserAccess, copied before AWS changed it',
            doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], ...all }),
          ),
          policy(
            'ci-assume-anything',
            'Lets the pipeline assume any role',
            doc({ Effect: 'Allow', Action: 'sts:AssumeRole', ...all }),
          ),
          policy(
            'deployer-pass-any-role',
            'Create functions with any role',
            doc({ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction'], ...all }),
          ),
          // NotAction naming only an action that does not exist: every action is granted.
          policy(
            'legacy-not-action-typo',
            'Meant to exclude one action; the name is wrong',
            doc({ Effect: 'Allow', NotAction: 'legacy:NoSuchAction', ...all }),
          ),
        ];
  const group: SimGroup = {
    name: 'auditors',
    id: `AGPA${chars(rng, UPPER_ALNUM, 17)}`,
    arn: `arn:aws:iam::${a}:group/auditors`,
    path: '/',
    createdAt: daysAgo(ctx, int(rng, 100, 900)),
    attachedPolicyArns: [`arn:aws:iam::${a}:policy/AdministratorAccess`],
    inlinePolicies: [],
  };
  // Customer-managed policies are listed before the AWS-managed ones, as GAAD lists them.
  const policies = account.iam.policies;
  const firstAws = policies.findIndex((p) => p.awsManaged);
  policies.splice(firstAws < 0 ? policies.length : firstAws, 0, ...clean, ...planted);
  account.iam.groups.push(group);
}

// ---------------------------------------------------------------------------------------------
// Facts
// ---------------------------------------------------------------------------------------------

interface Subject {
  arn: string;
  name: string;
  document: PolicyDoc;
}

function facts(account: SimAccount, sink: FactSink<Id>): void {
  const { iam } = account;
  const attached = new Set<string>();
  const boundaries = new Set<string>();
  for (const e of [...iam.users, ...iam.groups, ...iam.roles])
    for (const arn of e.attachedPolicyArns) attached.add(arn);
  for (const e of [...iam.users, ...iam.roles])
    if (e.permissionsBoundaryArn) boundaries.add(e.permissionsBoundaryArn);
  const na = (arn: string, note: string) => {
    for (const id of POLICY_IDS) sink.notApplicable(id, arn, note);
  };

  const subjects: Subject[] = [];
  for (const p of iam.policies) {
    const document = p.versions.find((v) => v.id === p.defaultVersionId)?.document;
    if (!document) throw new Error(`generator bug: policy ${p.arn} has no default version`);
    if (!attached.has(p.arn) && boundaries.has(p.arn)) na(p.arn, 'used only as a permissions boundary');
    else if (!attached.has(p.arn) && p.awsManaged) na(p.arn, 'AWS-managed, attached to no principal');
    else subjects.push({ arn: p.arn, name: p.name, document });
  }
  for (const e of [...iam.users, ...iam.groups, ...iam.roles]) {
    for (const ip of e.inlinePolicies) {
      const arn = `${e.arn}#inline-policy/${ip.name}`;
      if ('trust' in e && e.path.startsWith('/aws-service-role/')) na(arn, 'service-linked role');
      else subjects.push({ arn, name: ip.name, document: ip.document });
    }
  }

  for (const s of subjects) judgeSubject(s, new DocJudge(s.document, account.accountId), sink);
  if (enabled('iam.administrator-access-attached')) administratorAccessFacts(account, sink);
}

const enabled = (id: string): id is Id => (IDS as readonly string[]).includes(id);

/** The verdicts of the policy checks on one policy. */
function judgeSubject(s: Subject, j: DocJudge, sink: FactSink<Id>): void {
  const anyRole = anyRoleArn('aws', j.accountId);
  if (j.fullAdmin()) {
    sink.finding('iam.policy-full-admin', s.arn, null, `${s.name}: allows * on *`);
    for (const id of NARROWER_IDS) if (enabled(id)) sink.notApplicable(id, s.arn, 'allows * on *');
    return;
  }
  if (j.hasStarAllow())
    sink.lookAlike(
      'iam.policy-full-admin',
      s.arn,
      `${s.name}: allows * but denies part of it on every resource`,
    );
  const rules: [string, () => string | null, () => string | null][] = [
    [
      'iam.policy-service-wildcard',
      () => {
        const full = SENSITIVE_SERVICES.filter((svc) => j.serviceWide(svc) && !j.serviceDenied(svc));
        return full.length > 0 ? `${s.name}: full access to ${full.join(', ')}` : null;
      },
      () =>
        SENSITIVE_SERVICES.some((svc) => j.serviceWide(svc))
          ? `${s.name}: a service wildcard cut by a Deny`
          : null,
    ],
    [
      'iam.policy-allow-not-action',
      () => (j.notActionGrants() ? `${s.name}: Allow with NotAction on *` : null),
      () => (j.hasNotAction() ? `${s.name}: NotAction only in a Deny, or not on *` : null),
    ],
    [
      'iam.policy-assume-any-role',
      () => (j.grants('sts:AssumeRole', anyRole) ? `${s.name}: sts:AssumeRole on any role` : null),
      () => (j.names('sts:AssumeRole') ? `${s.name}: sts:AssumeRole on named roles only` : null),
    ],
    [
      'iam.policy-pass-any-role',
      () => (j.grants('iam:PassRole', anyRole) ? `${s.name}: iam:PassRole on any role` : null),
      () => (j.names('iam:PassRole') ? `${s.name}: iam:PassRole on named roles only, or denied` : null),
    ],
  ];
  for (const [id, fails, resembles] of rules) {
    if (!enabled(id)) continue;
    const finding = fails();
    if (finding) sink.finding(id, s.arn, null, finding);
    else {
      const look = resembles();
      if (look) sink.lookAlike(id, s.arn, look);
    }
  }
}

const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** iam.administrator-access-attached: the AWS policy, by its ARN, attached to a principal. */
function administratorAccessFacts(account: SimAccount, sink: FactSink<Id>): void {
  const id = 'iam.administrator-access-attached';
  const names = new Map(account.iam.policies.map((p) => [p.arn, p.name]));
  const { users, groups, roles } = account.iam;
  for (const e of [...users, ...groups, ...roles]) {
    if ('trust' in e && e.path.startsWith('/aws-service-role/')) {
      sink.notApplicable(id, e.arn, 'service-linked role');
      continue;
    }
    if (e.attachedPolicyArns.includes(ADMINISTRATOR_ACCESS))
      sink.finding(id, e.arn, null, 'AdministratorAccess attached');
    else if (e.attachedPolicyArns.some((arn) => names.get(arn) === 'AdministratorAccess'))
      sink.lookAlike(id, e.arn, 'a customer policy named AdministratorAccess');
    else if ('permissionsBoundaryArn' in e && e.permissionsBoundaryArn === ADMINISTRATOR_ACCESS)
      sink.lookAlike(id, e.arn, 'AdministratorAccess as the permissions boundary');
  }
}

type Tri = 'yes' | 'no' | 'maybe';
const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
const matches = (pattern: string, text: string) => globMatch(pattern.toLowerCase(), text.toLowerCase());

/** One document, judged by the rules the module comment states. */
class DocJudge {
  private readonly statements: PolicyStatementJson[];
  readonly accountId: string;

  constructor(document: PolicyDoc, accountId: string) {
    this.statements = document.Statement;
    this.accountId = accountId;
  }

  /** Granted (allowed, or allowed under an undecidable condition) for `action` on `resource`. */
  grants(action: string, resource: string): boolean {
    const applies = (s: PolicyStatementJson) => coversAction(s, action) && coversResource(s, resource);
    const allowed = this.statements.some(
      (s) => s.Effect === 'Allow' && applies(s) && this.condition(s) !== 'no',
    );
    const denied = this.statements.some(
      (s) => s.Effect === 'Deny' && applies(s) && this.condition(s) === 'yes',
    );
    return allowed && !denied;
  }

  /**
   * An Allow of every action (Action "*", or a NotAction naming only actions that do not exist)
   * that applies to every resource under a condition that can hold.
   */
  hasStarAllow(): boolean {
    const catalogue = iamCatalogue();
    // A NotAction of literal action names none of which exists excludes nothing.
    const everything = (s: PolicyStatementJson) =>
      s.Action !== undefined
        ? list(s.Action).some((p) => /^\*+(?::\*+)?$/.test(p))
        : s.NotAction !== undefined &&
          list(s.NotAction).every((p) => !/[*?]/.test(p) && catalogue.action(p) === undefined);
    return this.statements.some(
      (s) => s.Effect === 'Allow' && everything(s) && coversResource(s, '*') && this.condition(s) !== 'no',
    );
  }

  /** "*" on "*", with no Deny that surely applies on every resource (the simulator denies real actions only). */
  fullAdmin(): boolean {
    if (!this.hasStarAllow()) return false;
    return !this.statements.some(
      (s) => s.Effect === 'Deny' && coversResource(s, '*') && this.condition(s) === 'yes',
    );
  }

  /** An Allow of `svc:*` on every resource under a condition that can hold. */
  serviceWide(svc: string): boolean {
    return this.statements.some(
      (s) =>
        s.Effect === 'Allow' &&
        list(s.Action).some((p) => p.toLowerCase() === `${svc}:*`) &&
        coversResource(s, '*') &&
        this.condition(s) !== 'no',
    );
  }

  /** Some action of `svc` surely denied on every resource. */
  serviceDenied(svc: string): boolean {
    return this.statements.some(
      (s) =>
        s.Effect === 'Deny' &&
        coversResource(s, '*') &&
        this.condition(s) === 'yes' &&
        list(s.Action).some((p) => matches(p.split(':')[0] ?? '', svc)),
    );
  }

  hasNotAction(): boolean {
    return this.statements.some((s) => s.NotAction !== undefined);
  }

  /** An Allow+NotAction statement on every resource through which a high-value action is granted. */
  notActionGrants(): boolean {
    return this.statements.some(
      (s) =>
        s.Effect === 'Allow' &&
        s.NotAction !== undefined &&
        coversResource(s, '*') &&
        this.condition(s) !== 'no' &&
        HIGH_VALUE_ACTIONS.some((a) => coversAction(s, a) && this.grants(a, '*')),
    );
  }

  /** Some statement's Action names `action` (by pattern). */
  names(action: string): boolean {
    return this.statements.some((s) => list(s.Action).some((p) => matches(p, action)));
  }

  private condition(s: PolicyStatementJson): Tri {
    let out: Tri = 'yes';
    for (const [op, block] of Object.entries(s.Condition ?? {})) {
      for (const [key, raw] of Object.entries(block)) {
        let t: Tri = 'maybe';
        if (key.toLowerCase() === 'aws:principalaccount') {
          const has = list(raw).includes(this.accountId);
          if (op === 'StringEquals') t = has ? 'yes' : 'no';
          else if (op === 'StringNotEquals') t = has ? 'no' : 'yes';
        }
        if (t === 'no') return 'no';
        if (t === 'maybe') out = 'maybe';
      }
    }
    return out;
  }
}

function coversAction(s: PolicyStatementJson, action: string): boolean {
  if (s.Action !== undefined) return list(s.Action).some((p) => matches(p, action));
  if (s.NotAction !== undefined) return !list(s.NotAction).some((p) => matches(p, action));
  return false;
}

/** `resource` "*" stands for any resource: only a "*" pattern (or a NotResource) covers it. */
function coversResource(s: PolicyStatementJson, resource: string): boolean {
  const hit = (p: string) => p === '*' || (resource !== '*' && matches(p, resource));
  if (s.Resource !== undefined) return list(s.Resource).some(hit);
  if (s.NotResource !== undefined) return !list(s.NotResource).some(hit);
  return false;
}
