import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { PolicyDocument, PolicyStatement } from '../../src/inventory/schema.js';
import { accountGrants, principalAccount } from '../../src/policy/account-grants.js';

const OWN = '123456789012';
const PARTNER = '210987654321';
const ARN = `arn:aws:lambda:us-east-1:${OWN}:function:f`;
const invoke = (over: Partial<PolicyStatement>): PolicyStatement => ({
  Effect: 'Allow',
  Action: ['lambda:InvokeFunction'],
  Resource: [ARN],
  ...over,
});
const docOf = (...Statement: PolicyStatement[]): PolicyDocument => ({ Statement });
const grants = (d: PolicyDocument, trusted: string[] = []) =>
  accountGrants(d, { accountId: OWN, trustedAccounts: new Set(trusted) }).map((g) => [g.kind, g.accounts]);

describe('accountGrants', () => {
  it('reads the account of every AWS principal spelling', () => {
    assert.equal(principalAccount(PARTNER), PARTNER);
    assert.equal(principalAccount(`arn:aws:iam::${PARTNER}:root`), PARTNER);
    assert.equal(principalAccount(`arn:aws-cn:iam::${PARTNER}:user/path/alice`), PARTNER);
    assert.equal(principalAccount(`arn:aws:sts::${PARTNER}:assumed-role/r/s`), PARTNER);
    assert.equal(principalAccount('arn:aws:iam::*:root'), null);
    assert.equal(principalAccount('AROA3XFRBF535PLBIFPI4'), null);
    assert.equal(principalAccount('__proto__'), null);
  });

  it('intersects the principal with the account conditions', () => {
    assert.deepEqual(grants(docOf(invoke({ Principal: { AWS: [PARTNER] } }))), [
      ['other-account', [PARTNER]],
    ]);
    // The partner's principals never carry our account: the statement admits nobody.
    assert.deepEqual(
      grants(
        docOf(
          invoke({
            Principal: { AWS: [PARTNER] },
            Condition: { StringEquals: { 'aws:PrincipalAccount': [OWN] } },
          }),
        ),
      ),
      [],
    );
    assert.deepEqual(
      grants(
        docOf(
          invoke({
            Principal: { Service: ['sqs.amazonaws.com'] },
            Condition: { ArnEquals: { 'aws:SourceArn': [`arn:aws:sqs:us-east-1:${PARTNER}:q`] } },
          }),
        ),
      ),
      [['other-account', [PARTNER]]],
    );
  });

  it('a wildcard in the account field pins nothing; under StringEquals "*" is a literal that admits no account', () => {
    const wild = invoke({
      Principal: { Service: ['events.amazonaws.com'] },
      Condition: { ArnLike: { 'aws:SourceArn': ['arn:aws:events:us-east-1:*:rule/x'] } },
    });
    assert.deepEqual(grants(docOf(wild)), [['any-account', []]]);
    const literal = invoke({
      Principal: { AWS: ['*'] },
      Condition: { StringEquals: { 'aws:SourceAccount': ['*'] } },
    });
    assert.deepEqual(grants(docOf(literal)), []);
  });

  it('trusted accounts (the seam for the organization) are treated as our own', () => {
    const d = docOf(invoke({ Principal: { AWS: [PARTNER, '444455556666'] } }));
    assert.deepEqual(grants(d, [PARTNER]), [['other-account', ['444455556666']]]);
    assert.deepEqual(grants(d, [PARTNER, '444455556666']), []);
    const org = docOf(
      invoke({
        Principal: { AWS: ['*'] },
        Condition: { StringLike: { 'aws:PrincipalOrgPaths': ['o-abc123/*'] } },
      }),
    );
    assert.deepEqual(
      accountGrants(org, { accountId: OWN }).map((g) => [g.kind, g.organizations]),
      [['organization', ['o-abc123']]],
    );
    assert.deepEqual(accountGrants(org, { accountId: OWN, trustedOrganizations: new Set(['o-abc123']) }), []);
  });

  it('a Deny bounds the accounts only for the actions it covers', () => {
    const both = invoke({
      Principal: { AWS: [PARTNER] },
      Action: ['lambda:InvokeFunction', 'lambda:GetFunction'],
    });
    const deny: PolicyStatement = {
      Effect: 'Deny',
      Principal: { AWS: ['*'] },
      Action: ['lambda:InvokeFunction'],
      Resource: [ARN],
      Condition: { StringNotEquals: { 'aws:PrincipalAccount': [OWN] } },
    };
    assert.deepEqual(
      accountGrants(docOf(both, deny), { accountId: OWN }).map((g) => g.actions),
      [['lambda:GetFunction']],
    );
  });

  it('never throws on arbitrary documents', () => {
    const any = fc.array(fc.string(), { maxLength: 3 });
    const st = fc.record(
      {
        Effect: fc.constantFrom('Allow' as const, 'Deny' as const),
        Principal: fc.dictionary(fc.string(), any, { maxKeys: 2 }),
        NotPrincipal: fc.dictionary(fc.string(), any, { maxKeys: 2 }),
        Action: fc.constantFrom<string[]>(['lambda:*'], ['*'], ['lambda:InvokeFunction']),
        Condition: fc.dictionary(fc.string(), fc.dictionary(fc.string(), any, { maxKeys: 2 }), {
          maxKeys: 2,
        }),
      },
      { requiredKeys: ['Effect'] },
    );
    fc.assert(
      fc.property(fc.array(st, { maxLength: 4 }), (Statement) => {
        accountGrants({ Statement }, { accountId: OWN });
        return true;
      }),
      { numRuns: 500 },
    );
  });
});
