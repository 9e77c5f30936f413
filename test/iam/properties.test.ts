/**
 * Properties of the evaluation logic that must hold for any policies (fast-check, seeded by the
 * runner): a Deny never grants, removing an Allow never grants, and a boundary only narrows.
 * "Grants more" is measured on denied < conditional < allowed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Decision } from '../../src/iam/evaluate.js';
import { decide, FN, model, question } from './models.js';

const RANK: Record<Decision, number> = { denied: 0, unknown: 1, conditional: 2, allowed: 3 };

const action = fc.constantFrom(
  'lambda:UpdateFunctionCode',
  'lambda:Update*',
  'lambda:*',
  '*',
  'iam:PassRole',
  's3:GetObject',
);
const resource = fc.constantFrom(
  '*',
  FN('app-*'),
  FN('api'),
  FN('other'),
  'arn:aws:lambda:*:123456789012:function:*',
  'arn:aws:s3:::b',
);
const condition = fc.constantFrom(
  undefined,
  { StringEquals: { 'aws:PrincipalAccount': '123456789012' } },
  { StringEquals: { 'aws:PrincipalAccount': '999999999999' } },
  { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
  { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
  { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
);
const statement = (effect: fc.Arbitrary<'Allow' | 'Deny'>) =>
  fc
    .record({
      Effect: effect,
      act: fc.tuple(fc.boolean(), fc.array(action, { minLength: 1, maxLength: 3 })),
      res: fc.tuple(fc.boolean(), fc.array(resource, { minLength: 1, maxLength: 2 })),
      Condition: condition,
    })
    .map(({ Effect, act, res, Condition }) => {
      const s: Record<string, unknown> = { Effect };
      s[act[0] ? 'NotAction' : 'Action'] = act[1];
      s[res[0] ? 'NotResource' : 'Resource'] = res[1];
      if (Condition) s.Condition = Condition;
      return s;
    });
const anyStatement = statement(fc.constantFrom('Allow', 'Deny'));
const policy = fc.array(anyStatement, { minLength: 0, maxLength: 4 });
const target = fc.constantFrom(FN('api'), FN('app-web'), FN('other', 'eu-west-1'));
const paths = fc.constantFrom<('true' | 'false' | 'absent' | 'unknown')[][]>(
  ['absent'],
  ['false'],
  ['true', 'absent'],
  ['unknown'],
);

const rank = (
  identity: Record<string, unknown>[],
  boundary: Record<string, unknown>[] | null,
  fn: string,
  p: ('true' | 'false' | 'absent' | 'unknown')[],
) =>
  RANK[
    decide(model({ identity: [identity], boundary, paths: p }), question('lambda:UpdateFunctionCode', fn))
      .decision
  ];

describe('evaluator properties', () => {
  it('adding a Deny statement never grants more', () => {
    fc.assert(
      fc.property(policy, statement(fc.constant('Deny')), target, paths, (identity, deny, fn, p) => {
        assert.ok(rank([...identity, deny], null, fn, p) <= rank(identity, null, fn, p));
      }),
    );
  });

  it('removing an Allow statement never grants more', () => {
    fc.assert(
      fc.property(policy, fc.nat(), target, paths, (identity, pick, fn, p) => {
        const allows = identity.map((s, i) => [s, i] as const).filter(([s]) => s.Effect === 'Allow');
        if (allows.length === 0) return;
        const drop = allows[pick % allows.length]?.[1];
        const without = identity.filter((_, i) => i !== drop);
        assert.ok(rank(without, null, fn, p) <= rank(identity, null, fn, p));
      }),
    );
  });

  it('a permissions boundary never grants more than the identity policies alone (boundary ⊆ identity)', () => {
    fc.assert(
      fc.property(policy, policy, target, paths, (identity, boundary, fn, p) => {
        assert.ok(rank(identity, boundary, fn, p) <= rank(identity, null, fn, p));
      }),
    );
  });
});
