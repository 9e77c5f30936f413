import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { PolicyDocument, PolicyStatement } from '../../src/inventory/schema.js';
import { parsePolicy } from '../../src/policy/parse.js';
import { allowClauseReach, denyClauseEscape, keyNeverInLambdaRequest } from '../../src/policy/reach.js';
import {
  EXPOSURE_RANK,
  type ExposureKind,
  policyExposure,
  statementExposure,
} from '../../src/policy/resource-policy.js';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:f';
const allowAll: PolicyStatement = {
  Effect: 'Allow',
  Principal: { AWS: ['*'] },
  Action: ['lambda:InvokeFunction'],
  Resource: [ARN],
};
const deny = (
  Condition?: PolicyStatement['Condition'],
  over: Partial<PolicyStatement> = {},
): PolicyStatement => ({
  Effect: 'Deny',
  Principal: { AWS: ['*'] },
  Action: ['lambda:InvokeFunction'],
  Resource: [ARN],
  ...(Condition ? { Condition } : {}),
  ...over,
});
const docOf = (...Statement: PolicyStatement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });
const kinds = (d: PolicyDocument) => policyExposure(d).exposures.map((e) => e.exposure.kind);

describe('policyExposure: Deny statements carve Allow statements down', () => {
  it('Deny StringNotEquals aws:PrincipalOrgID: nobody outside the organization, anonymous included', () => {
    assert.deepEqual(
      kinds(docOf(allowAll, deny({ StringNotEquals: { 'aws:PrincipalOrgID': ['o-abc123'] } }))),
      [],
    );
  });

  it('Deny StringNotEqualsIfExists still denies a caller lacking the key (IfExists is true on an absent key, IAM reference)', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists
    const d = docOf(allowAll, deny({ StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ['o-abc123'] } }));
    assert.deepEqual(kinds(d), []);
  });

  it('Deny NotPrincipal (everyone but us) and Deny StringNotEquals aws:SourceAccount', () => {
    const notUs = deny(undefined, { Principal: undefined, NotPrincipal: { AWS: ['123456789012'] } });
    delete notUs.Principal;
    assert.deepEqual(kinds(docOf(allowAll, notUs)), []);
    const service: PolicyStatement = { ...allowAll, Principal: { Service: ['sns.amazonaws.com'] } };
    assert.deepEqual(kinds(docOf(service)), ['unscoped-service']);
    assert.deepEqual(
      kinds(docOf(service, deny({ StringNotEquals: { 'aws:SourceAccount': ['123456789012'] } }))),
      [],
    );
  });

  it('a Deny that does not say who is denied restricts nothing (aws:SecureTransport, a set operator, a positive test)', () => {
    const conditions: PolicyStatement['Condition'][] = [
      { Bool: { 'aws:SecureTransport': ['false'] } },
      { 'ForAllValues:StringNotEquals': { 'aws:PrincipalOrgID': ['o-abc123'] } },
      { StringEquals: { 'aws:PrincipalOrgID': ['o-evil'] } },
    ];
    for (const c of conditions) {
      assert.deepEqual(kinds(docOf(allowAll, deny(c))), ['public'], JSON.stringify(c));
    }
    // StringNotLike "o-*" is true for a caller without the key (anonymous), so it denies them,
    // but a principal of any organization matches "o-*" and escapes.
    assert.deepEqual(kinds(docOf(allowAll, deny({ StringNotLike: { 'aws:PrincipalOrgID': ['o-*'] } }))), [
      'any-aws-account',
    ]);
  });

  it('a Deny on another action, on NotResource "*", or for a named principal restricts nothing', () => {
    assert.deepEqual(kinds(docOf(allowAll, deny(undefined, { Action: ['lambda:GetFunction'] }))), ['public']);
    const noResource = deny(undefined, { NotResource: ['*'] });
    delete noResource.Resource;
    assert.deepEqual(kinds(docOf(allowAll, noResource)), ['public']);
    assert.deepEqual(kinds(docOf(allowAll, deny(undefined, { Principal: { AWS: ['210987654321'] } }))), [
      'public',
    ]);
  });

  it('a Deny with two negated clauses lets through whoever matches either one', () => {
    const d = deny({
      StringNotEquals: { 'aws:PrincipalOrgID': ['o-abc123'] },
      NotIpAddress: { 'aws:SourceIp': ['8.8.8.0/24'] },
    });
    assert.deepEqual(kinds(docOf(allowAll, d)), ['ip-restricted']);
  });

  it('Deny Null aws:PrincipalOrgID "true" stops anonymous callers but not other accounts', () => {
    assert.deepEqual(kinds(docOf(allowAll, deny({ Null: { 'aws:PrincipalOrgID': ['true'] } }))), [
      'any-aws-account',
    ]);
  });

  it("AWS's data-perimeter Deny (outside the org, unless an AWS service) leaves only services: a confused deputy", () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalisawsservice
    const perimeter = deny({
      StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ['o-abc123'] },
      BoolIfExists: { 'aws:PrincipalIsAWSService': ['false'] },
    });
    assert.deepEqual(kinds(docOf(allowAll, perimeter)), ['unscoped-service']);
    // Without IfExists the Bool test is false for an unsigned caller, who then escapes the Deny.
    const plainBool = deny({
      StringNotEquals: { 'aws:PrincipalOrgID': ['o-abc123'] },
      Bool: { 'aws:PrincipalIsAWSService': ['false'] },
    });
    assert.deepEqual(kinds(docOf(allowAll, plainBool)), ['public']);
  });

  it('Deny NotIpAddress with private ranges leaves no internet caller', () => {
    assert.deepEqual(kinds(docOf(allowAll, deny({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } }))), []);
  });

  it('per action: a Deny on InvokeFunction leaves a GetFunction grant public', () => {
    const both: PolicyStatement = { ...allowAll, Action: ['lambda:InvokeFunction', 'lambda:GetFunction'] };
    const result = policyExposure(docOf(both, deny()));
    assert.deepEqual(
      result.exposures.map((e) => [e.exposure.kind, e.actions]),
      [['public', ['lambda:GetFunction']]],
    );
  });
});

describe('restricting keys and values', () => {
  const withCondition = (Condition: PolicyStatement['Condition']) =>
    statementExposure({ ...allowAll, Condition });

  it('near-miss: aws:ResourceAccount, aws:ResourceOrgID and aws:CalledVia* do not restrict the caller (a peer treats them as restricting)', () => {
    for (const key of [
      'aws:ResourceAccount',
      'aws:ResourceOrgID',
      'aws:CalledVia',
      'aws:CalledViaFirst',
      'aws:CalledViaLast',
    ]) {
      assert.equal(withCondition({ StringEquals: { [key]: ['123456789012'] } })?.kind, 'public', key);
    }
  });

  it('"*" is a literal under StringEquals (admits nobody) and a wildcard under StringLike', () => {
    assert.equal(withCondition({ StringEquals: { 'aws:SourceAccount': ['*'] } }), null);
    assert.equal(withCondition({ StringLike: { 'aws:SourceAccount': ['*'] } })?.kind, 'unscoped-service');
  });

  it('organization paths pin the organization only with a literal org id', () => {
    assert.equal(withCondition({ StringLike: { 'aws:PrincipalOrgPaths': ['o-abc123/*'] } }), null);
    assert.equal(withCondition({ StringLike: { 'aws:SourceOrgPaths': ['o-abc123/r-ab12/*'] } }), null);
    // A principal key is absent from anonymous requests, so these admit every signed caller.
    assert.equal(
      withCondition({ StringLike: { 'aws:PrincipalOrgPaths': ['o-*'] } })?.kind,
      'any-aws-account',
    );
    assert.equal(withCondition({ StringLike: { 'aws:userid': ['AROAEXAMPLEID:*'] } }), null);
    assert.equal(withCondition({ StringLike: { 'aws:userid': ['AROA*'] } })?.kind, 'any-aws-account');
  });

  it('aws:SourceIp: private ranges admit no internet caller; public ranges are ip-restricted; /0 is everyone', () => {
    assert.equal(withCondition({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', 'fe80::/10'] } }), null);
    assert.deepEqual(withCondition({ IpAddress: { 'aws:SourceIp': ['8.8.8.0/24'] } }), {
      kind: 'ip-restricted',
      principals: ['AWS:*'],
      sourceIps: ['8.8.8.0/24'],
    });
    assert.equal(withCondition({ IpAddress: { 'aws:SourceIp': ['::/0'] } })?.kind, 'public');
    assert.equal(withCondition({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } })?.kind, 'public');
    assert.equal(withCondition({ IpAddressIfExists: { 'aws:SourceIp': ['10.0.0.0/8'] } })?.kind, 'public');
  });

  it('a key no Lambda request carries admits nobody under an exact operator, not under IfExists', () => {
    assert.ok(keyNeverInLambdaRequest('s3:prefix'));
    assert.ok(!keyNeverInLambdaRequest('ec2:SourceInstanceArn'));
    assert.ok(!keyNeverInLambdaRequest('aws:SourceIp'));
    assert.equal(withCondition({ StringEquals: { 's3:prefix': ['home/'] } }), null);
    assert.equal(withCondition({ StringEqualsIfExists: { 's3:prefix': ['home/'] } })?.kind, 'public');
    assert.equal(withCondition({ StringNotEquals: { 's3:prefix': ['home/'] } })?.kind, 'public');
  });

  it('S3 with a bucket ARN but no aws:SourceAccount is its own kind; with the account it is scoped', () => {
    const s3 = (Condition: PolicyStatement['Condition']) =>
      statementExposure({ ...allowAll, Principal: { Service: ['s3.amazonaws.com'] }, Condition });
    assert.deepEqual(s3({ ArnLike: { 'aws:SourceArn': ['arn:aws:s3:::uploads'] } }), {
      kind: 's3-without-source-account',
      services: ['s3.amazonaws.com'],
      sourceArns: ['arn:aws:s3:::uploads'],
    });
    assert.equal(
      s3({
        ArnLike: { 'aws:SourceArn': ['arn:aws:s3:::uploads'] },
        StringEquals: { 'aws:SourceAccount': ['123456789012'] },
      }),
      null,
    );
    assert.equal(s3({ ArnLike: { 'aws:SourceArn': ['arn:aws:s3:::*'] } })?.kind, 'unscoped-service');
  });

  it('lambda:InvokedViaFunctionUrl marks a public statement as the URL path', () => {
    const e = withCondition({ Bool: { 'lambda:InvokedViaFunctionUrl': ['true'] } });
    assert.equal(e?.kind, 'public');
    assert.ok(e?.kind === 'public' && e.viaFunctionUrl);
  });

  it('clause judgements with known keys', () => {
    const clause = { operator: 'StringEquals', key: 'lambda:FunctionUrlAuthType', values: ['AWS_IAM'] };
    assert.equal(allowClauseReach(clause, { caller: 'anonymous' }), 'nobody');
    assert.equal(allowClauseReach(clause, { caller: 'foreign-principal' }), 'open');
    assert.equal(
      allowClauseReach(clause, {
        caller: 'foreign-principal',
        known: { 'lambda:functionurlauthtype': 'NONE' },
      }),
      'nobody',
    );
    const viaUrl = { operator: 'Bool', key: 'lambda:InvokedViaFunctionUrl', values: ['false'] };
    assert.equal(
      denyClauseEscape(viaUrl, { caller: 'anonymous', known: { 'lambda:invokedviafunctionurl': 'true' } }),
      'open',
    );
  });
});

describe('hostile input and properties', () => {
  it('odd principal forms and hostile names never throw', () => {
    // Written as JSON text: an object literal would turn "__proto__" into a prototype, not a key.
    const raw = `{"Statement": [
      {"Effect": "Allow", "Principal": {"__proto__": ["*"], "constructor": "*"}, "Action": "*", "Resource": "*"},
      {"Effect": "Deny", "NotPrincipal": {"Service": "*"}, "Action": "lambda:*",
       "Condition": {"__proto__": {"aws:SourceIp": "x"}, "toString": {"valueOf": ["1"]}}},
      {"Effect": "Allow", "Principal": {"CanonicalUser": "abc", "Federated": "cognito-identity.amazonaws.com"}, "Action": "*"}
    ]}`;
    const parsed = parsePolicy(raw);
    assert.ok(parsed.parsed);
    const result = policyExposure(parsed.document);
    // "__proto__" is a principal type like any other: its "*" is a wildcard, so the grant is public.
    assert.equal(result.exposures[0]?.exposure.kind, 'public');
    assert.equal(policyExposure({ Statement: [] }).exposures.length, 0);
    assert.deepEqual(policyExposure(null as unknown as PolicyDocument), {
      exposures: [],
      uninterpretable: [],
    });
  });

  const strings = (values: string[]) => fc.array(fc.constantFrom(...values), { minLength: 1, maxLength: 2 });
  const keys = [
    'aws:PrincipalOrgID',
    'aws:SourceAccount',
    'aws:SourceArn',
    'aws:SourceIp',
    'aws:SecureTransport',
    'aws:ResourceAccount',
    'lambda:FunctionUrlAuthType',
    's3:prefix',
  ];
  const values = [
    'o-abc123',
    '123456789012',
    '*',
    'o-*',
    'arn:aws:s3:::b',
    '10.0.0.0/8',
    '8.8.8.0/24',
    'true',
    'NONE',
  ];
  const operators = [
    'StringEquals',
    'StringNotEquals',
    'StringLike',
    'StringNotLike',
    'StringNotEqualsIfExists',
    'ArnLike',
    'ArnNotLike',
    'IpAddress',
    'NotIpAddress',
    'Bool',
    'Null',
    'ForAnyValue:StringEquals',
  ];
  const condition = fc.dictionary(
    fc.constantFrom(...operators),
    fc.dictionary(fc.constantFrom(...keys), strings(values), { maxKeys: 2 }),
    { maxKeys: 2 },
  );
  const principal = fc.constantFrom<Record<string, string[]>>(
    { AWS: ['*'] },
    { Service: ['s3.amazonaws.com'] },
    { AWS: ['210987654321'] },
    { Service: ['*'] },
  );
  const statement = (effect: 'Allow' | 'Deny') =>
    fc.record({
      Effect: fc.constant(effect),
      Principal: principal,
      Action: strings(['lambda:InvokeFunction', 'lambda:*', 'lambda:GetFunction', '*']),
      Resource: fc.constant<string[]>([ARN]),
      Condition: condition,
    });
  const worst = (d: PolicyDocument) => {
    const ranks = policyExposure(d).exposures.map((e) => EXPOSURE_RANK[e.exposure.kind]);
    return ranks.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...ranks);
  };
  const exposedPairs = (d: PolicyDocument) =>
    new Set(
      policyExposure(d).exposures.flatMap((e) =>
        e.actions.map((a) => `${e.statement}/${a}/${e.exposure.kind satisfies ExposureKind}`),
      ),
    );

  it('adding a Deny statement never widens exposure', () => {
    fc.assert(
      fc.property(
        fc.array(statement('Allow'), { minLength: 1, maxLength: 3 }),
        fc.array(statement('Deny'), { maxLength: 2 }),
        statement('Deny'),
        (allows, denies, extra) => {
          const before = docOf(...allows, ...denies);
          const after = docOf(...allows, ...denies, extra);
          if (worst(after) < worst(before)) return false;
          // Every (statement, action) exposed after the Deny was exposed before it.
          const b = new Set([...exposedPairs(before)].map((k) => k.split('/').slice(0, 2).join('/')));
          return [...exposedPairs(after)].every((k) => b.has(k.split('/').slice(0, 2).join('/')));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('adding a condition to an Allow never widens it', () => {
    fc.assert(
      fc.property(statement('Allow'), condition, (s, extra) => {
        const merged: PolicyStatement = { ...s, Condition: { ...s.Condition } };
        for (const [op, block] of Object.entries(extra)) {
          merged.Condition = { ...merged.Condition, [op]: { ...(merged.Condition?.[op] ?? {}), ...block } };
        }
        // Only additions: a key already under the same operator keeps its values.
        for (const [op, block] of Object.entries(s.Condition ?? {}))
          for (const [k, v] of Object.entries(block)) if (merged.Condition?.[op]) merged.Condition[op][k] = v;
        return worst(docOf(merged)) >= worst(docOf(s));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary normalized documents', () => {
    const any = fc.array(fc.string(), { maxLength: 3 });
    const st = fc.record(
      {
        Effect: fc.constantFrom('Allow' as const, 'Deny' as const),
        Principal: fc.dictionary(fc.string(), any, { maxKeys: 2 }),
        NotPrincipal: fc.dictionary(fc.string(), any, { maxKeys: 2 }),
        Action: any,
        NotResource: any,
        Condition: fc.dictionary(fc.string(), fc.dictionary(fc.string(), any, { maxKeys: 2 }), {
          maxKeys: 2,
        }),
      },
      { requiredKeys: ['Effect'] },
    );
    fc.assert(
      fc.property(fc.array(st, { maxLength: 4 }), (statements) => {
        policyExposure(docOf(...statements));
        return true;
      }),
      { numRuns: 500 },
    );
  });
});
