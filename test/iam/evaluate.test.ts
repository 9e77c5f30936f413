/**
 * The evaluator against AWS's documented evaluation logic: the worked examples of the IAM User
 * Guide ("Policy evaluation logic", "Permissions boundaries", "Condition operators", "Policy
 * variables") and the Lambda resource-policy pages, plus adversarial cases of our own.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decide, FN, model, question, statements } from './models.js';

const UPDATE = 'lambda:UpdateFunctionCode';

describe('evaluator: identity policies, denies and boundaries', () => {
  it('an identity Allow on the function allows, naming the statement', () => {
    const a = decide(
      model({ identity: [[{ Sid: 'Deploy', Effect: 'Allow', Action: UPDATE, Resource: FN('api') }]] }),
      question(UPDATE, FN('api')),
    );
    assert.equal(a.decision, 'allowed');
    assert.deepEqual(
      a.statements.map((s) => [s.policy, s.sid, s.effect]),
      [['policy-1', 'Deploy', 'Allow']],
    );
  });

  it('no statement covering the action is an implicit deny', () => {
    const a = decide(
      model({ identity: [[{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]] }),
      question(UPDATE, FN('api')),
    );
    assert.equal(a.decision, 'denied');
    assert.equal(a.denyReason, 'no-allow');
  });

  it('an explicit Deny in another policy wins over an Allow (allow and deny in different policies)', () => {
    const a = decide(
      model({
        identity: [
          [{ Effect: 'Allow', Action: 'lambda:*', Resource: '*' }],
          [{ Sid: 'NoCode', Effect: 'Deny', Action: 'lambda:Update*', Resource: '*' }],
        ],
      }),
      question(UPDATE, FN('api')),
    );
    assert.equal(a.decision, 'denied');
    assert.equal(a.denyReason, 'explicit-deny');
    assert.deepEqual(
      a.statements.map((s) => [s.policy, s.sid]),
      [['policy-2', 'NoCode']],
    );
  });

  it('a permissions boundary that does not allow the action removes the grant (the IAM guide’s ShirleyRodriguez example)', () => {
    const m = model({
      identity: [[{ Effect: 'Allow', Action: ['lambda:*', 'iam:*'], Resource: '*' }]],
      boundary: [{ Effect: 'Allow', Action: ['s3:*', 'cloudwatch:*', 'ec2:*'], Resource: '*' }],
    });
    const a = decide(m, question(UPDATE, FN('api')));
    assert.equal(a.decision, 'denied');
    assert.equal(a.denyReason, 'boundary');
    assert.equal(decide(m, question('iam:CreateUser', '*')).decision, 'denied');
  });

  it('a boundary grants nothing by itself', () => {
    const a = decide(
      model({ boundary: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
      question(UPDATE, FN('api')),
    );
    assert.equal(a.decision, 'denied');
  });

  it('a Deny in the boundary denies', () => {
    const m = model({
      identity: [[{ Effect: 'Allow', Action: 'lambda:*', Resource: '*' }]],
      boundary: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: UPDATE, Resource: '*' },
      ],
    });
    assert.equal(decide(m, question(UPDATE, FN('api'))).denyReason, 'explicit-deny');
  });

  it('an unreadable policy leaves the answer unknown, but a known explicit deny still denies', () => {
    const allow = model({
      identity: [[{ Effect: 'Allow', Action: 'lambda:*', Resource: '*' }]],
      unreadable: ['policy x could not be read'],
    });
    assert.equal(decide(allow, question(UPDATE, FN('api'))).decision, 'unknown');
    const deny = model({
      identity: [[{ Effect: 'Deny', Action: 'lambda:*', Resource: '*' }]],
      unreadable: ['policy x could not be read'],
    });
    assert.equal(decide(deny, question(UPDATE, FN('api'))).decision, 'denied');
  });
});

describe('evaluator: Action, NotAction, Resource, NotResource and wildcards', () => {
  it('actions match case-insensitively, with * and ?', () => {
    const m = model({ identity: [[{ Effect: 'Allow', Action: ['LAMBDA:update?unction*'], Resource: '*' }]] });
    assert.equal(decide(m, question(UPDATE, FN('api'))).decision, 'allowed');
    assert.equal(decide(m, question('lambda:UpdateAlias', FN('api'))).decision, 'denied');
  });

  it('NotAction leaves out what it lists: NotAction iam:* does not allow iam:PassRole, NotAction iam:CreateUser does', () => {
    const notIam = model({ identity: [[{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]] });
    assert.equal(
      decide(notIam, question('iam:PassRole', `arn:aws:iam::123456789012:role/admin`)).decision,
      'denied',
    );
    assert.equal(decide(notIam, question(UPDATE, FN('api'))).decision, 'allowed');
    const notCreateUser = model({
      identity: [[{ Effect: 'Allow', NotAction: 'iam:CreateUser', Resource: '*' }]],
    });
    assert.equal(
      decide(notCreateUser, question('iam:PassRole', `arn:aws:iam::123456789012:role/admin`)).decision,
      'allowed',
    );
  });

  it('a Resource limited to a name prefix covers functions with that prefix and no other', () => {
    const m = model({ identity: [[{ Effect: 'Allow', Action: UPDATE, Resource: FN('team-a-*') }]] });
    assert.equal(decide(m, question(UPDATE, FN('team-a-api'))).decision, 'allowed');
    assert.equal(decide(m, question(UPDATE, FN('team-b-api'))).decision, 'denied');
  });

  it('ARNs match case-sensitively (function names are case-sensitive)', () => {
    const m = model({ identity: [[{ Effect: 'Allow', Action: UPDATE, Resource: FN('Api') }]] });
    assert.equal(decide(m, question(UPDATE, FN('api'))).decision, 'denied');
  });

  it('a wildcard cannot span ARN fields: a region wildcard does not cover the account field', () => {
    const m = model({
      identity: [[{ Effect: 'Allow', Action: UPDATE, Resource: 'arn:aws:lambda:*:function:*' }]],
    });
    assert.equal(decide(m, question(UPDATE, FN('api'))).decision, 'denied');
  });

  it('NotResource grants everything but what it lists; NotResource "*" grants nothing', () => {
    const m = model({ identity: [[{ Effect: 'Allow', Action: UPDATE, NotResource: FN('payments') }]] });
    assert.equal(decide(m, question(UPDATE, FN('api'))).decision, 'allowed');
    assert.equal(decide(m, question(UPDATE, FN('payments'))).decision, 'denied');
    const none = model({ identity: [[{ Effect: 'Allow', Action: UPDATE, NotResource: '*' }]] });
    assert.equal(decide(none, question(UPDATE, FN('api'))).decision, 'denied');
  });

  it('a Deny with NotResource denies everything outside it', () => {
    const m = model({
      identity: [
        [
          { Effect: 'Allow', Action: 'lambda:*', Resource: '*' },
          { Effect: 'Deny', Action: 'lambda:*', NotResource: FN('sandbox-*') },
        ],
      ],
    });
    assert.equal(decide(m, question(UPDATE, FN('sandbox-1'))).decision, 'allowed');
    assert.equal(decide(m, question(UPDATE, FN('prod-1'))).decision, 'denied');
  });
});

describe('evaluator: policy variables', () => {
  const own = [{ Effect: 'Allow', Action: UPDATE, Resource: FN('${aws:username}-*') }];

  it('${aws:username} resolves for a user', () => {
    const m = model({ name: 'alice', identity: [own] });
    assert.equal(decide(m, question(UPDATE, FN('alice-api'))).decision, 'allowed');
    assert.equal(decide(m, question(UPDATE, FN('bob-api'))).decision, 'denied');
  });

  it('${aws:username} is absent for a role, so the element matches nothing (unless it has a default)', () => {
    assert.equal(
      decide(model({ kind: 'role', identity: [own] }), question(UPDATE, FN('deployer-api'))).decision,
      'denied',
    );
    const withDefault = [{ Effect: 'Allow', Action: UPDATE, Resource: FN("${aws:username, 'shared'}-*") }];
    assert.equal(
      decide(model({ kind: 'role', identity: [withDefault] }), question(UPDATE, FN('shared-api'))).decision,
      'allowed',
    );
  });

  it('a variable the inventory cannot resolve makes a matching grant conditional, not allowed', () => {
    const m = model({
      identity: [[{ Effect: 'Allow', Action: UPDATE, Resource: FN('${aws:PrincipalTag/team}-*') }]],
    });
    const a = decide(m, question(UPDATE, FN('payments-api')));
    assert.equal(a.decision, 'conditional');
  });

  it('variables are not interpreted in a document without Version 2012-10-17', () => {
    const m = model({ identity: [] });
    const legacy = statements([{ Effect: 'Allow', Action: UPDATE, Resource: FN('${aws:username}') }]).map(
      (s) => ({
        ...s,
        variables: false,
      }),
    );
    const a = decide({ ...m, identity: legacy }, question(UPDATE, FN('alice')));
    assert.equal(a.decision, 'denied');
  });
});

describe('evaluator: conditions decided from the inventory', () => {
  const withCondition = (condition: Record<string, unknown>) =>
    model({ identity: [[{ Effect: 'Allow', Action: UPDATE, Resource: '*', Condition: condition }]] });

  it('a condition that always holds (the principal’s own account) allows', () => {
    const m = withCondition({ StringEquals: { 'aws:PrincipalAccount': '123456789012' } });
    assert.equal(decide(m, question(UPDATE, FN('api'))).decision, 'allowed');
  });

  it('a condition that never holds (another account) denies', () => {
    const m = withCondition({ StringEquals: { 'aws:PrincipalAccount': '999999999999' } });
    assert.equal(decide(m, question(UPDATE, FN('api'))).decision, 'denied');
  });

  it('a condition on the caller’s network cannot be decided: conditional, naming the key', () => {
    const a = decide(
      withCondition({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }),
      question(UPDATE, FN('api')),
    );
    assert.equal(a.decision, 'conditional');
    assert.deepEqual(a.undecidedKeys, ['aws:SourceIp']);
  });

  it('aws:RequestedRegion is the function’s region', () => {
    const m = withCondition({ StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } });
    assert.equal(decide(m, question(UPDATE, FN('api', 'eu-west-1'))).decision, 'allowed');
    assert.equal(decide(m, question(UPDATE, FN('api', 'us-east-1'))).decision, 'denied');
  });

  it('aws:PrincipalArn, aws:PrincipalType and aws:ResourceAccount are decided', () => {
    const m = withCondition({
      ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:user/*' },
      StringEquals: { 'aws:PrincipalType': 'User', 'aws:ResourceAccount': '123456789012' },
    });
    assert.equal(decide(m, question(UPDATE, FN('api'))).decision, 'allowed');
  });

  it('iam:PassedToService is the service the question passes the role to', () => {
    const m = model({
      identity: [
        [
          {
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Resource: '*',
            Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
          },
        ],
      ],
    });
    const role = 'arn:aws:iam::123456789012:role/admin';
    const to = (service: string) =>
      question('iam:PassRole', role, { extra: { 'iam:passedtoservice': [service] } });
    assert.equal(decide(m, to('ec2.amazonaws.com')).decision, 'allowed');
    assert.equal(decide(m, to('lambda.amazonaws.com')).decision, 'denied');
  });

  it('a service key the action does not support is absent (the catalogue says so): lambda:Layer on UpdateFunctionCode', () => {
    const m = withCondition({
      'ForAllValues:StringLike': { 'lambda:Layer': 'arn:aws:lambda:*:123456789012:layer:*' },
    });
    // ForAllValues over an absent key is true: the statement applies.
    assert.equal(decide(m, question(UPDATE, FN('api'))).decision, 'allowed');
    const anyValue = withCondition({ 'ForAnyValue:StringLike': { 'lambda:Layer': '*' } });
    assert.equal(decide(anyValue, question(UPDATE, FN('api'))).decision, 'denied');
  });

  it('negated operators are true for a key the request does not carry; IfExists too', () => {
    // A direct call has no aws:SourceArn: StringNotEquals is true, so this Deny applies.
    const m = model({
      identity: [
        [
          { Effect: 'Allow', Action: UPDATE, Resource: '*' },
          {
            Effect: 'Deny',
            Action: UPDATE,
            Resource: '*',
            Condition: { ArnNotEquals: { 'aws:SourceArn': 'arn:aws:s3:::b' } },
          },
        ],
      ],
    });
    assert.equal(decide(m, question(UPDATE, FN('api'))).decision, 'denied');
    const ifExists = model({
      identity: [
        [
          {
            Effect: 'Allow',
            Action: UPDATE,
            Resource: '*',
            Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '1' } },
          },
        ],
      ],
    });
    assert.equal(decide(ifExists, question(UPDATE, FN('api'))).decision, 'allowed');
  });

  it('Null compares presence: Null aws:SourceArn true holds for a direct call', () => {
    const m = withCondition({ Null: { 'aws:SourceArn': 'true' } });
    assert.equal(decide(m, question(UPDATE, FN('api'))).decision, 'allowed');
    const present = withCondition({ Null: { 'aws:SourceArn': 'false' } });
    assert.equal(decide(present, question(UPDATE, FN('api'))).decision, 'denied');
  });

  it('an operator IAM does not know makes the statement not apply', () => {
    const m = withCondition({ StringSortOf: { 'aws:PrincipalAccount': '123456789012' } });
    assert.equal(decide(m, question(UPDATE, FN('api'))).decision, 'denied');
  });

  it('StringEquals takes "*" literally', () => {
    const m = withCondition({ StringEquals: { 'aws:PrincipalAccount': '*' } });
    assert.equal(decide(m, question(UPDATE, FN('api'))).decision, 'denied');
    const like = withCondition({ StringLike: { 'aws:PrincipalAccount': '*' } });
    assert.equal(decide(like, question(UPDATE, FN('api'))).decision, 'allowed');
  });
});

describe('evaluator: MFA as a property of the credential path', () => {
  // The IAM guide's "allow only with MFA" pattern: deny everything when MFA is false or absent.
  const forceMfa = [
    { Effect: 'Allow', Action: 'lambda:*', Resource: '*' },
    {
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
  ];

  it('a user with an MFA device gets it on the MFA path, and the answer says MFA is required', () => {
    const a = decide(model({ identity: [forceMfa], paths: ['true', 'absent'] }), question(UPDATE, FN('api')));
    assert.equal(a.decision, 'allowed');
    assert.equal(a.mfaRequired, true);
  });

  it('a console user without MFA, or an access key (key absent), is denied', () => {
    assert.equal(
      decide(model({ identity: [forceMfa], paths: ['false'] }), question(UPDATE, FN('api'))).decision,
      'denied',
    );
    assert.equal(
      decide(model({ identity: [forceMfa], paths: ['absent'] }), question(UPDATE, FN('api'))).decision,
      'denied',
    );
  });

  it('a role (MFA decided by whoever assumes it) is conditional under an MFA condition', () => {
    const a = decide(
      model({ kind: 'role', identity: [forceMfa], paths: ['unknown'] }),
      question(UPDATE, FN('api')),
    );
    assert.equal(a.decision, 'conditional');
  });

  it('Bool aws:MultiFactorAuthPresent true (without IfExists) is false for access keys, where the key is absent', () => {
    const m = model({
      identity: [
        [
          {
            Effect: 'Allow',
            Action: UPDATE,
            Resource: '*',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
        ],
      ],
      paths: ['absent'],
    });
    assert.equal(decide(m, question(UPDATE, FN('api'))).decision, 'denied');
  });
});

describe('evaluator: resource-based policies in the same account', () => {
  const noIdentity = (kind: 'user' | 'role', boundary: Record<string, unknown>[] | null = null) =>
    model({ kind, identity: [], boundary });
  const grantTo = (principal: string) =>
    statements(
      [{ Effect: 'Allow', Principal: { AWS: principal }, Action: UPDATE, Resource: FN('api') }],
      'resource',
      'resource policy',
    );

  it('a grant naming the user’s ARN allows without any identity policy', () => {
    const m = noIdentity('user');
    const a = decide(m, question(UPDATE, FN('api'), { resourcePolicy: grantTo(m.principal.arn) }));
    assert.equal(a.decision, 'allowed');
  });

  it('a grant naming the account only delegates to IAM: the identity policy must allow', () => {
    const m = noIdentity('user');
    const a = decide(
      m,
      question(UPDATE, FN('api'), { resourcePolicy: grantTo('arn:aws:iam::123456789012:root') }),
    );
    assert.equal(a.decision, 'denied');
  });

  it('a user’s boundary does not limit a grant to its ARN; a role’s boundary limits a grant to the role', () => {
    const boundary = [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }];
    const user = noIdentity('user', boundary);
    assert.equal(
      decide(user, question(UPDATE, FN('api'), { resourcePolicy: grantTo(user.principal.arn) })).decision,
      'allowed',
    );
    const role = noIdentity('role', boundary);
    assert.equal(
      decide(role, question(UPDATE, FN('api'), { resourcePolicy: grantTo(role.principal.arn) })).decision,
      'denied',
    );
  });

  it('a Deny in the resource policy naming the account binds every principal in it', () => {
    const m = model({ identity: [[{ Effect: 'Allow', Action: 'lambda:*', Resource: '*' }]] });
    const deny = statements(
      [{ Effect: 'Deny', Principal: { AWS: '123456789012' }, Action: UPDATE, Resource: FN('api') }],
      'resource',
      'resource policy',
    );
    assert.equal(decide(m, question(UPDATE, FN('api'), { resourcePolicy: deny })).decision, 'denied');
  });

  it('Allow with NotPrincipal admits everyone it does not list', () => {
    const m = noIdentity('user');
    const np = statements(
      [
        {
          Effect: 'Allow',
          NotPrincipal: { AWS: 'arn:aws:iam::123456789012:user/bob' },
          Action: UPDATE,
          Resource: FN('api'),
        },
      ],
      'resource',
      'resource policy',
    );
    assert.equal(decide(m, question(UPDATE, FN('api'), { resourcePolicy: np })).decision, 'allowed');
    const bob = noIdentity('user');
    const asBob = {
      ...bob,
      principal: { ...bob.principal, name: 'bob', arn: 'arn:aws:iam::123456789012:user/bob' },
    };
    assert.equal(decide(asBob, question(UPDATE, FN('api'), { resourcePolicy: np })).decision, 'denied');
  });

  it('a service principal never names an IAM user', () => {
    const m = noIdentity('user');
    const svc = statements(
      [{ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: UPDATE, Resource: FN('api') }],
      'resource',
      'resource policy',
    );
    assert.equal(decide(m, question(UPDATE, FN('api'), { resourcePolicy: svc })).decision, 'denied');
  });
});
