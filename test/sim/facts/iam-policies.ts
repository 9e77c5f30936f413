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

const IDS = ['iam.policy-full-admin'] as const;
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
  const clean: SimManagedPolicy[] = [
    policy(
      'admin-except-iam',
      'Everything but IAM and Organizations',
      doc(
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: ['iam:*', 'organizations:*'], Resource: '*' },
      ),
    ),
    // A customer-managed policy that only borrows the name of AWS's AdministratorAccess.
    policy(
      'AdministratorAccess',
      'Read-only, despite its name',
      doc({
        Effect: 'Allow',
        Action: ['lambda:Get*', 'lambda:List*', 'iam:Get*', 'iam:List*'],
        Resource: '*',
      }),
    ),
  ];
  const planted: SimManagedPolicy[] =
    ctx.m === 0
      ? []
      : [
          policy(
            'break-glass-full-access',
            'Emergency access, never attached',
            doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
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
    for (const id of IDS) sink.notApplicable(id, arn, note);
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

  for (const s of subjects) {
    const j = new DocJudge(s.document, account.accountId);
    if (j.fullAdmin()) sink.finding('iam.policy-full-admin', s.arn, null, `${s.name}: allows * on *`);
    else if (j.hasStarAllow())
      sink.lookAlike(
        'iam.policy-full-admin',
        s.arn,
        `${s.name}: allows * but denies part of it on every resource`,
      );
  }
}

type Tri = 'yes' | 'no' | 'maybe';
const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
const matches = (pattern: string, text: string) => globMatch(pattern.toLowerCase(), text.toLowerCase());

/** One document, judged by the rules the module comment states. */
class DocJudge {
  private readonly statements: PolicyStatementJson[];
  private readonly accountId: string;

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

  /** An Allow of Action "*" that applies to every resource under a condition that can hold. */
  hasStarAllow(): boolean {
    return this.statements.some(
      (s) =>
        s.Effect === 'Allow' &&
        list(s.Action).some((p) => /^\*+(?::\*+)?$/.test(p)) &&
        coversResource(s, '*') &&
        this.condition(s) !== 'no',
    );
  }

  /** "*" on "*", with no Deny that surely applies on every resource (the simulator denies real actions only). */
  fullAdmin(): boolean {
    if (!this.hasStarAllow()) return false;
    return !this.statements.some(
      (s) => s.Effect === 'Deny' && coversResource(s, '*') && this.condition(s) === 'yes',
    );
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
