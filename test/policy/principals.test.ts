import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { PolicyStatement } from '../../src/inventory/schema.js';
import { parsePolicy } from '../../src/policy/parse.js';
import {
  clauseRestricts,
  likeValueRestricts,
  operatorKind,
  requiredFunctionUrlAuthType,
  servicePrincipals,
  wildcardPrincipals,
} from '../../src/policy/principals.js';
import { statementExposure } from '../../src/policy/resource-policy.js';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:f';
const stmt = (over: Partial<PolicyStatement>): PolicyStatement => ({
  Effect: 'Allow',
  Action: ['lambda:InvokeFunction'],
  Resource: [ARN],
  ...over,
});
/** The first statement of a raw policy, normalized as collection would. */
function parsed(raw: unknown): PolicyStatement {
  const p = parsePolicy(raw);
  assert.ok(p.parsed);
  const s = p.document.Statement[0];
  assert.ok(s);
  return s;
}

describe('principals', () => {
  it('finds wildcard principals in every spelling', () => {
    assert.deepEqual(
      wildcardPrincipals(parsed({ Statement: { Effect: 'Allow', Principal: '*', Action: '*' } })),
      ['AWS:*'],
    );
    assert.deepEqual(wildcardPrincipals(stmt({ Principal: { AWS: ['arn:aws:iam::*:root'] } })), [
      'AWS:arn:aws:iam::*:root',
    ]);
    assert.deepEqual(wildcardPrincipals(stmt({ Principal: { Service: ['*'] } })), ['Service:*']);
    assert.deepEqual(wildcardPrincipals(stmt({ Principal: { AWS: ['123456789012'] } })), []);
    assert.deepEqual(servicePrincipals(stmt({ Principal: { Service: ['s3.amazonaws.com', '*'] } })), [
      's3.amazonaws.com',
    ]);
  });
});

describe('conditions', () => {
  it('classifies operators', () => {
    assert.equal(operatorKind('StringEquals'), 'equals');
    assert.equal(operatorKind('stringequalsignorecase'), 'equals');
    assert.equal(operatorKind('ForAnyValue:StringEquals'), 'equals');
    assert.equal(operatorKind('ArnLike'), 'like');
    assert.equal(operatorKind('ArnEquals'), 'like');
    assert.equal(operatorKind('StringLike'), 'like');
    assert.equal(operatorKind('StringEqualsIfExists'), 'none');
    assert.equal(operatorKind('ForAllValues:StringEquals'), 'none');
    assert.equal(operatorKind('StringNotEquals'), 'none');
    assert.equal(operatorKind('Null'), 'none');
  });

  it('keys are case-insensitive; only caller-pinning keys restrict', () => {
    assert.ok(
      clauseRestricts({ operator: 'StringEquals', key: 'AWS:SourceAccount', values: ['123456789012'] }),
    );
    assert.ok(clauseRestricts({ operator: 'StringEquals', key: 'aws:principalorgid', values: ['o-abc123'] }));
    assert.ok(
      clauseRestricts({
        operator: 'StringEquals',
        key: 'Lambda:EventSourceToken',
        values: ['amzn1.ask.skill.x'],
      }),
    );
    assert.ok(!clauseRestricts({ operator: 'StringEquals', key: 'aws:UserAgent', values: ['curl'] }));
    assert.ok(
      !clauseRestricts({ operator: 'StringEquals', key: 'lambda:FunctionUrlAuthType', values: ['NONE'] }),
    );
    assert.ok(!clauseRestricts({ operator: 'StringEquals', key: 'aws:SourceAccount', values: [] }));
  });

  it('a Like value restricts only if it still pins an owner', () => {
    assert.ok(
      likeValueRestricts('aws:SourceArn', 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3/*/POST/hook'),
    );
    assert.ok(likeValueRestricts('aws:SourceArn', 'arn:aws:*:*:123456789012:*'));
    assert.ok(likeValueRestricts('aws:SourceArn', 'arn:aws:s3:::mybucket'));
    assert.ok(likeValueRestricts('aws:SourceArn', 'arn:aws:s3:::mybucket/*'));
    assert.ok(!likeValueRestricts('aws:SourceArn', 'arn:aws:s3:::my*'));
    assert.ok(!likeValueRestricts('aws:SourceArn', 'arn:aws:execute-api:us-east-1:*:a1b2c3/*'));
    assert.ok(!likeValueRestricts('aws:SourceArn', '*'));
    assert.ok(!likeValueRestricts('aws:SourceAccount', '1234*'));
    assert.ok(likeValueRestricts('aws:SourceAccount', '123456789012'));
    // Every value of the clause must restrict: one "*" opens it.
    assert.ok(
      !clauseRestricts({ operator: 'StringLike', key: 'aws:SourceAccount', values: ['123456789012', '*'] }),
    );
  });

  it('reads the required function URL auth type', () => {
    assert.equal(
      requiredFunctionUrlAuthType(
        stmt({ Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': ['none'] } } }),
      ),
      'NONE',
    );
    assert.equal(
      requiredFunctionUrlAuthType(
        stmt({ Condition: { StringLike: { 'lambda:FunctionUrlAuthType': ['*'] } } }),
      ),
      null,
    );
    assert.equal(requiredFunctionUrlAuthType(stmt({})), null);
  });
});

describe('statementExposure', () => {
  it('classifies the common Lambda permission shapes', () => {
    assert.equal(statementExposure(stmt({ Principal: { AWS: ['*'] } }))?.kind, 'public');
    assert.equal(statementExposure(stmt({ Effect: 'Deny', Principal: { AWS: ['*'] } })), null);
    assert.equal(
      statementExposure(stmt({ NotPrincipal: { AWS: ['arn:aws:iam::123456789012:root'] } }))?.kind,
      'public',
    );
    assert.equal(statementExposure(stmt({ Principal: { AWS: ['arn:aws:iam::210987654321:root'] } })), null);
    assert.equal(
      statementExposure(stmt({ Principal: { Service: ['events.amazonaws.com'] } }))?.kind,
      'unscoped-service',
    );
    assert.equal(
      statementExposure(
        stmt({
          Principal: { Service: ['events.amazonaws.com'] },
          Condition: { ArnLike: { 'AWS:SourceArn': ['arn:aws:events:us-east-1:123456789012:rule/nightly'] } },
        }),
      ),
      null,
    );
    assert.equal(
      statementExposure(
        stmt({
          Principal: { AWS: ['*'] },
          Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': ['AWS_IAM'] } },
        }),
      )?.kind,
      'any-aws-account',
    );
    const url = statementExposure(
      stmt({
        Principal: { AWS: ['*'] },
        Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': ['NONE'] } },
      }),
    );
    assert.deepEqual(url, {
      kind: 'public',
      principals: ['AWS:*'],
      functionUrlAuthType: 'NONE',
      viaFunctionUrl: false,
    });
  });

  const caseVariant = (s: string) =>
    fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }).map((flips) =>
      s
        .split('')
        .map((c, i) => (flips[i] ? c.toUpperCase() : c.toLowerCase()))
        .join(''),
    );

  it('a fixed aws:SourceAccount clause closes any wildcard statement, whatever the key case', () => {
    fc.assert(
      fc.property(
        caseVariant('aws:SourceAccount'),
        fc.constantFrom('StringEquals', 'ForAnyValue:StringEquals', 'StringLike'),
        (key, op) => {
          const s = stmt({ Principal: { AWS: ['*'] }, Condition: { [op]: { [key]: ['123456789012'] } } });
          return statementExposure(s) === null;
        },
      ),
    );
  });

  it('IfExists and ForAllValues never close a wildcard statement', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('StringEqualsIfExists', 'ArnLikeIfExists', 'ForAllValues:StringEquals'),
        (op) => {
          const s = stmt({
            Principal: { AWS: ['*'] },
            Condition: { [op]: { 'aws:SourceArn': ['arn:aws:s3:::b'] } },
          });
          return statementExposure(s)?.kind === 'public';
        },
      ),
    );
  });

  it('never throws on arbitrary normalized statements', () => {
    const strings = fc.array(fc.string(), { maxLength: 3 });
    const statement = fc.record(
      {
        Effect: fc.constantFrom('Allow' as const, 'Deny' as const),
        Principal: fc.dictionary(fc.string(), strings, { maxKeys: 3 }),
        NotPrincipal: fc.dictionary(fc.string(), strings, { maxKeys: 2 }),
        Action: strings,
        Condition: fc.dictionary(fc.string(), fc.dictionary(fc.string(), strings, { maxKeys: 3 }), {
          maxKeys: 3,
        }),
      },
      { requiredKeys: ['Effect'] },
    );
    fc.assert(
      fc.property(statement, (s) => {
        statementExposure(s);
        return true;
      }),
      { numRuns: 1000 },
    );
  });
});
