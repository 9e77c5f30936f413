/**
 * Principals planted for the IAM evaluator's checks: each escalation path the simulator can
 * carry, and each trap — the same path blocked by a Deny in another policy, by a permissions
 * boundary, by a resource limit that matches nothing, by a condition that is never true — with
 * its ground truth as intents. Planted principals live under the path /scenario/ so the
 * manifest's rules for the rest of the account leave them to these intents.
 *
 * Built from their own random stream (`fork(seed, 'iam-escalation')`), so adding them shifts
 * nothing else in a generated account.
 */
import type { GenContext, PolicyDoc, SimAccessKey, SimRole, SimUser } from './account.js';
import { daysAgo } from './account.js';
import { finding, lookAlike } from './gen-lambda.js';
import type { Intent } from './manifest.js';
import { chars, fork, int, UPPER_ALNUM } from './prng.js';

export const SCENARIO_PATH = '/scenario/';
/** An administrator role Lambda can assume: the target the PassRole paths escalate to. */
export const LAMBDA_ADMIN_TARGET = 'lambda-admin-target';

export interface PolicyBookLike {
  aws(which: 'admin'): string;
  customer(name: string, description: string, make: () => PolicyDoc): string;
}

type Statement = PolicyDoc['Statement'][number];

export function escalationScenarios(
  ctx: GenContext,
  book: PolicyBookLike,
  intents: Intent[],
): { roles: SimRole[]; users: SimUser[] } {
  const rng = fork(ctx.seed, 'iam-escalation');
  const a = ctx.accountId;
  const doc = (...Statement: Statement[]): PolicyDoc => ({ Version: '2012-10-17', Statement });
  const EC2_TRUST = doc({
    Effect: 'Allow',
    Principal: { Service: 'ec2.amazonaws.com' },
    Action: 'sts:AssumeRole',
  });
  const role = (name: string, inline: PolicyDoc[], over: Partial<SimRole> = {}): SimRole => ({
    name,
    id: `AROA${chars(rng, UPPER_ALNUM, 17)}`,
    arn: `arn:aws:iam::${a}:role${over.path ?? SCENARIO_PATH}${name}`,
    path: SCENARIO_PATH,
    createdAt: daysAgo(ctx, int(rng, 100, 900)),
    description: 'planted for the IAM evaluator',
    trust: EC2_TRUST,
    attachedPolicyArns: [],
    inlinePolicies: inline.map((document, i) => ({ name: `${name}-${i + 1}`, document })),
    lastUsed: { at: daysAgo(ctx, int(rng, 1, 20)), region: 'us-east-1' },
    ...over,
  });
  // A key rotated 8–59 days ago and used this week: clean for the key checks.
  const cleanKey = (): SimAccessKey => ({
    id: ['AK', 'IA'].join('') + chars(rng, UPPER_ALNUM, 16),
    active: true,
    createdAt: daysAgo(ctx, int(rng, 8, 59)),
    lastUsed: { at: daysAgo(ctx, int(rng, 0, 5) + 0.25), region: 'us-east-1', service: 'iam' },
  });
  const user = (name: string, inline: PolicyDoc[], over: Partial<SimUser> = {}): SimUser => ({
    name,
    id: `AIDA${chars(rng, UPPER_ALNUM, 17)}`,
    arn: `arn:aws:iam::${a}:user${SCENARIO_PATH}${name}`,
    path: SCENARIO_PATH,
    createdAt: daysAgo(ctx, int(rng, 300, 900)),
    password: null,
    mfa: false,
    accessKeys: [cleanKey()],
    groups: [],
    attachedPolicyArns: [],
    inlinePolicies: inline.map((document, i) => ({ name: `${name}-${i + 1}`, document })),
    ...over,
  });

  const passAny: Statement = { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' };
  const createAndRun: Statement = {
    Effect: 'Allow',
    Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'],
    Resource: '*',
  };
  const onlyLambda = book.customer('scenario-boundary-lambda-only', 'Boundary: Lambda actions only', () =>
    doc({ Effect: 'Allow', Action: 'lambda:*', Resource: '*' }),
  );

  const note = (id: string, text: string) => `${id}: ${text}`;
  const esc = 'iam.privilege-escalation';
  const latent = 'iam.privilege-escalation-latent';
  const modifyAny = 'lambda.modify-any-function';

  // Traps: present in every account, a clean one included.
  const denied = role('esc-builder-denied', [
    doc(passAny, createAndRun),
    doc({ Sid: 'NoPassRole', Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }),
  ]);
  const bounded = role('esc-builder-boundary', [doc(passAny, createAndRun)], {
    permissionsBoundaryArn: onlyLambda,
  });
  const never = role('esc-builder-never', [
    doc(
      { ...passAny, Condition: { StringEquals: { 'aws:PrincipalAccount': '000000000000' } } },
      createAndRun,
    ),
  ]);
  const prefix = role('esc-deployer-prefix', [
    doc({
      Effect: 'Allow',
      Action: ['lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration'],
      Resource: `arn:aws:lambda:*:${a}:function:scenario-nothing-*`,
    }),
  ]);
  intents.push(
    lookAlike(
      esc,
      denied.arn,
      note('deny-elsewhere', 'PassRole + CreateFunction, PassRole denied by another policy'),
    ),
    lookAlike(latent, denied.arn, note('deny-elsewhere', 'PassRole denied on every role')),
    lookAlike(
      esc,
      bounded.arn,
      note('boundary', 'PassRole + CreateFunction, the boundary allows only lambda:*'),
    ),
    lookAlike(latent, bounded.arn, note('boundary', 'PassRole outside the boundary')),
    lookAlike(esc, never.arn, note('never-true', 'PassRole only for another account (aws:PrincipalAccount)')),
    lookAlike(latent, never.arn, note('never-true', 'the PassRole condition is never true')),
    lookAlike(esc, prefix.arn, note('prefix-matches-nothing', 'UpdateFunctionCode on scenario-nothing-*')),
    lookAlike(modifyAny, prefix.arn, note('prefix-matches-nothing', 'modify grants on a name prefix only')),
  );
  const roles = [denied, bounded, never, prefix];
  const users: SimUser[] = [];
  if (ctx.m === 0) return { roles, users };

  // Paths with a target.
  const target = role(LAMBDA_ADMIN_TARGET, [], {
    path: '/',
    arn: `arn:aws:iam::${a}:role/${LAMBDA_ADMIN_TARGET}`,
    trust: doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    attachedPolicyArns: [book.aws('admin')],
    description: 'Administrator role for Lambda (no function uses it yet)',
  });
  const builder = role('esc-lambda-builder', [doc(passAny, createAndRun)]);
  const glue = role('esc-glue-latent', [
    doc(passAny, { Effect: 'Allow', Action: 'glue:CreateDevEndpoint', Resource: '*' }),
  ]);
  const minter = role('esc-key-minter', [
    doc({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: `arn:aws:iam::${a}:user/*` }),
  ]);
  const selfAttach = user('esc-self-attach', [
    doc({
      Effect: 'Allow',
      Action: ['iam:AttachUserPolicy', 'iam:PutUserPolicy'],
      Resource: `arn:aws:iam::${a}:user${SCENARIO_PATH}\${aws:username}`,
    }),
  ]);
  const consoleDeployer = user(
    'esc-console-deployer',
    [
      doc({
        Effect: 'Allow',
        Action: 'lambda:UpdateFunctionConfiguration',
        Resource: `arn:aws:lambda:*:${a}:function:*`,
      }),
    ],
    { password: { lastChanged: daysAgo(ctx, 30), lastUsed: daysAgo(ctx, 1.5) } },
  );
  const editorPolicy = `arn:aws:iam::${a}:policy/scenario-editor-policy`;
  book.customer('scenario-editor-policy', 'Lets its holder edit this very policy', () =>
    doc({ Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: editorPolicy }),
  );
  const editor = user('esc-policy-editor', [], { attachedPolicyArns: [editorPolicy] });
  const joiner = user('esc-group-joiner', [
    doc({ Effect: 'Allow', Action: 'iam:AddUserToGroup', Resource: `arn:aws:iam::${a}:group/*` }),
  ]);
  const swapper = role('esc-role-swapper', [
    doc(passAny, {
      Effect: 'Allow',
      Action: 'lambda:UpdateFunctionConfiguration',
      Resource: `arn:aws:lambda:*:${a}:function:*`,
    }),
  ]);
  const rewriter = role('esc-trust-rewriter', [
    doc({ Effect: 'Allow', Action: 'iam:UpdateAssumeRolePolicy', Resource: `arn:aws:iam::${a}:role/*` }),
  ]);
  const resetter = role('esc-password-resetter', [
    doc({ Effect: 'Allow', Action: 'iam:UpdateLoginProfile', Resource: `arn:aws:iam::${a}:user/*` }),
  ]);
  const urlRedirector = role('esc-url-redirector', [
    doc({
      Effect: 'Allow',
      Action: 'lambda:UpdateFunctionUrlConfig',
      Resource: `arn:aws:lambda:*:${a}:function:*`,
    }),
  ]);
  const profileCreator = role('esc-profile-creator', [
    doc({ Effect: 'Allow', Action: 'iam:CreateLoginProfile', Resource: `arn:aws:iam::${a}:user/*` }),
  ]);
  const redirector = role('esc-alias-redirector', [
    doc({ Effect: 'Allow', Action: 'lambda:UpdateAlias', Resource: `arn:aws:lambda:*:${a}:function:*` }),
  ]);
  intents.push(
    finding(
      esc,
      editor.arn,
      null,
      note('iam-create-policy-version', 'CreatePolicyVersion on its own attached policy'),
    ),
    finding(
      esc,
      joiner.arn,
      null,
      note('iam-add-user-to-group', 'AddUserToGroup on group/*: admins adds privilege'),
    ),
    finding(
      esc,
      swapper.arn,
      null,
      note('lambda-role-swap', `PassRole to ${LAMBDA_ADMIN_TARGET} + UpdateFunctionConfiguration`),
    ),
    finding(
      esc,
      rewriter.arn,
      null,
      note('iam-update-assume-role-policy', 'UpdateAssumeRolePolicy on role/*: administrator roles exist'),
    ),
  );
  intents.push(
    finding(
      esc,
      builder.arn,
      null,
      note('lambda-create-with-role', `PassRole to ${LAMBDA_ADMIN_TARGET} + CreateFunction + InvokeFunction`),
    ),
    lookAlike(latent, builder.arn, note('lambda-create-with-role', 'exploitable, so not latent')),
    finding(
      latent,
      glue.arn,
      null,
      note('passrole-compute', 'PassRole + glue:CreateDevEndpoint, no role trusts Glue'),
    ),
    lookAlike(esc, glue.arn, note('passrole-compute', 'no role trusts Glue: latent, not exploitable')),
    finding(esc, selfAttach.arn, null, note('iam-attach-self-policy', 'AttachUserPolicy on ${aws:username}')),
  );
  // The console deployer and the alias and URL redirectors (modifiers of every function), the key
  // minter, the password resetter and the profile creator (whose targets are administrator users)
  // are judged by the manifest's rules, which see the whole account.
  return {
    roles: [
      ...roles,
      target,
      builder,
      glue,
      minter,
      swapper,
      rewriter,
      resetter,
      redirector,
      urlRedirector,
      profileCreator,
    ],
    users: [selfAttach, consoleDeployer, editor, joiner],
  };
}
